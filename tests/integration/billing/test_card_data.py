"""R06 against a hostile operator: card numbers typed into a payment reference, a card
token, a user's name or department, an account's name or address are refused, and
afterwards no table of the database holds anything that looks like a card number."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.card_data import card_data_problem
from desktop_admin.domain.errors import InvalidInput
from desktop_admin.domain.periods import Cycle
from desktop_admin.services.purchases import Order
from tests.dbtools import snapshot
from tests.integration.billing.conftest import Buyers

HOSTILE = [
    "4111111111111111",
    "4111.1111.1111.1111",
    "4111_1111_1111_1111",
    "tok_4111111111111111",
    "4111111111111111 exp 12/30 cvv 123",
    "virement 5555 5555 5555 4444",
]


def test_r06_no_card_number_reaches_the_database(
    desk: OperatorSession, buyers: Buyers, database_url: str
) -> None:
    account = buyers.id("fr")
    bought = desk.subscriptions.purchase(
        Order(account, Cycle.YEARLY, {"named-user": 2}, {}, payment="transfer")
    ).value
    assert bought.invoice is not None and bought.invoice.number
    attempts: list[Any] = []
    for text in HOSTILE:
        attempts += [
            lambda t=text: desk.billing.record_payment(
                bought.invoice.number or "", method="transfer", payment_reference=t
            ),
            lambda t=text: desk.accounts.add_card(
                account, token=t, brand="visa", last4="1111", exp_month=12, exp_year=2030
            ),
            lambda t=text: desk.users.add(
                account_id=account, email="x@acme.example", display_name=t
            ),
            lambda t=text: desk.users.add(account_id=account, email="y@acme.example", department=t),
            lambda t=text: desk.accounts.create(name=t, audience="company", country="FR"),
            lambda t=text: desk.accounts.create(
                name="Beta", audience="company", country="FR", address=t
            ),
        ]
    for attempt in attempts:
        with pytest.raises(InvalidInput, match="R06"):
            attempt()

    stored = [
        (table, value)
        for table, rows in snapshot(database_url).items()
        for row in rows
        for value in row
        if isinstance(value, str) and card_data_problem(value)
    ]
    assert stored == []
