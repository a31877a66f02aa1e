"""Accounts (R01 audience) and payment methods (R06)."""

from __future__ import annotations

from typing import Any

import pytest

from desktop_admin.domain.accounts import Card, PaymentKind, PaymentMethod
from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.errors import InvalidInput, NotFound, PermissionDenied, RuleViolation
from desktop_admin.domain.operators import Operator
from desktop_admin.services import accounts
from tests.unit.services.builders import ADMIN, CLERK, MANAGER, seed_account
from tests.unit.services.contexts import context
from tests.unit.services.fakes import FakeClock, FakeUnitOfWork


def adding_card(
    uow: FakeUnitOfWork, clock: FakeClock, actor: Operator, account_id: int, *card: Any
) -> PaymentMethod:
    """`accounts.add_card` of (token, brand, last4, exp_month, exp_year)."""
    token, brand, last4, exp_month, exp_year = card
    return accounts.add_card(
        context(uow, clock, actor),
        account_id,
        token=token,
        brand=brand,
        last4=last4,
        exp_month=exp_month,
        exp_year=exp_year,
    )


def fields_of(exc: InvalidInput) -> list[str | None]:
    return [p.field for p in exc.problems]


def test_create_account_saves_audits_and_commits(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    account = accounts.create_account(
        context(uow, clock, ADMIN),
        name=" Acme SA ",
        audience="company",
        country="fr",
        language="fr",
        vat_number="fr 403 032 650 45",
        billing_email="b@acme.fr",
    )
    assert (account.id, account.version, account.name) == (1, 1, "Acme SA")
    assert (account.country, account.vat_number) == ("FR", "FR40303265045")
    assert account.billing_email == "b@acme.fr"
    assert uow.committed and uow.accounts.get(1) == account
    [entry] = uow.audit.stored
    assert (entry.actor, entry.action, entry.entity, entry.entity_id) == (
        "admin",
        "account.create",
        "account",
        "1",
    )
    assert entry.after is not None
    assert entry.after["audience"] == "company" and entry.after["name"] == "Acme SA"
    assert "version" not in entry.after


@pytest.mark.parametrize("actor", [MANAGER, CLERK])
def test_create_account_needs_manage_accounts(
    uow: FakeUnitOfWork, clock: FakeClock, actor: Operator
) -> None:
    with pytest.raises(PermissionDenied, match="may not manage accounts"):
        accounts.create_account(
            context(uow, clock, actor), name="Acme", audience="company", country="FR"
        )
    assert uow.accounts.all() == [] and uow.commits == 0 and uow.audit.stored == []


def test_create_account_lists_every_invalid_field(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    with pytest.raises(InvalidInput) as info:
        accounts.create_account(
            context(uow, clock, ADMIN),
            name="  ",
            audience="school",
            country="France",
            language="de",
            vat_number="12",
        )
    assert fields_of(info.value) == ["name", "audience", "country", "language", "vat-number"]
    assert info.value.exit_status == 2
    assert uow.accounts.all() == [] and uow.commits == 0


def test_r01_each_audience_is_an_account_kind(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    for audience in Audience:
        account = accounts.create_account(
            context(uow, clock, ADMIN), name=audience.value, audience=audience.value, country="DE"
        )
        assert account.audience is audience
    assert [a.name for a in accounts.list_accounts(context(uow, clock, CLERK))] == [
        "company",
        "maker",
        "student",
    ]


@pytest.mark.parametrize("audience", [Audience.MAKER, Audience.STUDENT])
def test_r06_bank_transfer_is_refused_for_makers_and_students(
    uow: FakeUnitOfWork, clock: FakeClock, audience: Audience
) -> None:
    account = seed_account(uow, audience=audience)
    assert account.id is not None
    with pytest.raises(RuleViolation) as info:
        accounts.add_bank_transfer(context(uow, clock, ADMIN), account.id)
    assert info.value.rule == "R06"
    assert f"this is a {audience.value} account" in str(info.value)
    assert uow.accounts.payment_methods(account.id) == []
    assert not uow.committed and uow.audit.stored == []


def test_r06_a_company_may_pay_by_bank_transfer(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    account = seed_account(uow)
    assert account.id is not None
    method = accounts.add_bank_transfer(context(uow, clock, ADMIN), account.id)
    assert method.kind is PaymentKind.TRANSFER and method.id == 1
    assert uow.committed
    assert accounts.payment_methods(context(uow, clock, CLERK), account.id) == [method]
    assert uow.audit.stored[0].after == {"kind": "transfer"}


@pytest.mark.parametrize("audience", list(Audience))
def test_r06_every_audience_may_pay_by_card(
    uow: FakeUnitOfWork, clock: FakeClock, audience: Audience
) -> None:
    account = seed_account(uow, audience=audience)
    assert account.id is not None
    method = adding_card(uow, clock, ADMIN, account.id, "tok_abc", "VISA", "4242", 12, 2027)
    assert method.card == Card("tok_abc", "visa", "4242", 12, 2027)
    assert uow.committed
    after = uow.audit.stored[0].after
    assert after == {"kind": "card", "brand": "visa", "last4": "4242", "expiry": "12/2027"}


def test_r06_add_card_lists_every_bad_field_and_stores_nothing(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    account = seed_account(uow)
    assert account.id is not None
    with pytest.raises(InvalidInput) as info:
        adding_card(uow, clock, ADMIN, account.id, "4111 1111 1111 1111", "diners", "123", 13, 2027)
    assert fields_of(info.value) == ["token", "brand", "last4", "exp-month"]
    assert "never the card number" in str(info.value)
    assert uow.accounts.payment_methods(account.id) == [] and uow.commits == 0


def test_r06_an_expired_card_is_refused(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    account = seed_account(uow)
    assert account.id is not None
    with pytest.raises(InvalidInput) as info:
        adding_card(uow, clock, ADMIN, account.id, "tok_abc", "visa", "4242", 2, 2026)
    assert fields_of(info.value) == ["expiry"]
    # The card is still good until the end of its month.
    adding_card(uow, clock, ADMIN, account.id, "tok_abc", "visa", "4242", 3, 2026)


def test_payment_methods_of_an_unknown_account_are_not_found(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    with pytest.raises(NotFound):
        adding_card(uow, clock, ADMIN, 42, "tok_abc", "visa", "4242", 12, 2027)
    with pytest.raises(NotFound):
        accounts.add_bank_transfer(context(uow, clock, ADMIN), 42)
    with pytest.raises(NotFound):
        accounts.get_account(context(uow, clock, ADMIN), 42)
    assert uow.commits == 0


@pytest.mark.parametrize("actor", [MANAGER, CLERK])
def test_payment_methods_need_manage_accounts(
    uow: FakeUnitOfWork, clock: FakeClock, actor: Operator
) -> None:
    account = seed_account(uow)
    assert account.id is not None
    with pytest.raises(PermissionDenied):
        adding_card(uow, clock, actor, account.id, "tok_abc", "visa", "4242", 12, 2027)
    with pytest.raises(PermissionDenied):
        accounts.add_bank_transfer(context(uow, clock, actor), account.id)
    assert uow.accounts.payment_methods(account.id) == [] and uow.commits == 0
