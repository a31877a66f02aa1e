"""R06: cards for every audience, stored as token, brand, last four and expiry only; bank
transfer for companies only."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from sqlalchemy import Engine, inspect

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account, Card, PaymentKind
from desktop_admin.domain.errors import InvalidInput, RuleViolation
from tests.integration.conftest import Query

CARD_COLUMNS = {"card_token", "card_brand", "card_last4", "card_exp_month", "card_exp_year"}


@pytest.fixture
def accounts(admin: OperatorSession, company: Account) -> dict[str, int]:
    maker = admin.accounts.create(name="Jonas Becker", audience="maker", country="DE").value
    student = admin.accounts.create(
        name="Léa Dubois", audience="student", country="FR", language="fr"
    ).value
    return {"company": company.id or 0, "maker": maker.id or 0, "student": student.id or 0}


def test_r06_a_card_is_stored_as_token_brand_last4_and_expiry_only(
    admin: OperatorSession, accounts: dict[str, int], raw_engine: Engine, sql: Query
) -> None:
    for audience, account_id in accounts.items():
        method = admin.accounts.add_card(
            account_id,
            token=f"tok_{audience}_8f3a",
            brand="Visa",
            last4="4242",
            exp_month=8,
            exp_year=2028,
        ).value
        assert method.card == Card(f"tok_{audience}_8f3a", "visa", "4242", 8, 2028)
        assert admin.accounts.payment_methods(account_id) == [method]

    columns = {c["name"] for c in inspect(raw_engine).get_columns("payment_methods")}
    assert columns == {"id", "account_id", "kind"} | CARD_COLUMNS
    assert [c for c in columns if re.search("number|pan|cvc|cvv|security", c)] == []
    ((length,),) = sql("SELECT max(length(card_last4)) FROM payment_methods")
    assert length == 4
    stored = sql("SELECT * FROM payment_methods")
    assert len(stored) == 3
    assert not re.search(r"\d{5,}", repr(stored).replace("2028", ""))


@pytest.mark.parametrize("number", ["4242424242424242", "4242 4242 4242 4242"])
def test_r06_a_card_number_given_as_the_token_is_refused_and_not_stored(
    admin: OperatorSession, accounts: dict[str, int], db_snapshot: Callable, number: str
) -> None:
    before = db_snapshot()
    with pytest.raises(InvalidInput, match="R06") as refused:
        admin.accounts.add_card(
            accounts["company"],
            token=number,
            brand="visa",
            last4="4242",
            exp_month=8,
            exp_year=2028,
        )
    assert [p.field for p in refused.value.problems] == ["token"]
    assert number not in str(refused.value)
    assert db_snapshot() == before


def test_r06_an_expired_card_is_refused(
    admin: OperatorSession, accounts: dict[str, int], db_snapshot: Callable
) -> None:
    before = db_snapshot()
    with pytest.raises(InvalidInput, match="expired in 02/2026"):
        admin.accounts.add_card(
            accounts["maker"],
            token="tok_old",
            brand="visa",
            last4="4242",
            exp_month=2,
            exp_year=2026,
        )
    assert db_snapshot() == before
    admin.accounts.add_card(
        accounts["maker"],
        token="tok_this_month",
        brand="visa",
        last4="4242",
        exp_month=3,
        exp_year=2026,
    )


@pytest.mark.parametrize("audience", ["maker", "student"])
def test_r06_bank_transfer_is_refused_for_makers_and_students(
    admin: OperatorSession, accounts: dict[str, int], db_snapshot: Callable, audience: str
) -> None:
    before = db_snapshot()
    with pytest.raises(RuleViolation) as refused:
        admin.accounts.add_bank_transfer(accounts[audience])
    assert refused.value.rule == "R06"
    assert str(refused.value).startswith("R06: only company accounts may pay by bank transfer")
    assert audience in str(refused.value)
    assert db_snapshot() == before


def test_r06_bank_transfer_is_accepted_for_companies(
    admin: OperatorSession, accounts: dict[str, int], sql: Query
) -> None:
    method = admin.accounts.add_bank_transfer(accounts["company"]).value
    assert (method.kind, method.card) == (PaymentKind.TRANSFER, None)
    assert admin.accounts.payment_methods(accounts["company"]) == [method]
    row = sql("SELECT kind, card_token, card_last4 FROM payment_methods")
    assert row == [("transfer", None, None)]
    entry = admin.audit.entries(entity="account", limit=1)[0]
    assert (entry.action, entry.after) == ("payment_method.add", {"kind": "transfer"})
