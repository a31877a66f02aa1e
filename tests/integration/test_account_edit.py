"""Editing, archiving an account and replacing or removing its payment methods, on real
SQLite and PostgreSQL databases: the rules (R01, R06), the optimistic version check, the
audit trail, what an archived account refuses, and migration 0005 keeping the old
one-text address as the street."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from alembic import command
from sqlalchemy import text

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.accounts import Account, AccountArchived, Card, PaymentKind
from desktop_admin.domain.errors import (
    ConflictError,
    DomainError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    RuleViolation,
)
from desktop_admin.domain.periods import Cycle
from desktop_admin.persistence.database import (
    SCHEMA_REVISION,
    _alembic_config,
    current_revision,
    make_engine,
)
from desktop_admin.security import Argon2Hasher
from desktop_admin.services.purchases import Order
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, TODAY
from tests.integration.billing.conftest import set_french_seller
from tests.integration.conftest import Query

Snapshot = Callable[[], dict[str, list[tuple[object, ...]]]]
CARD: dict[str, Any] = dict(
    token="tok_visa_8f3a", brand="visa", last4="4242", exp_month=8, exp_year=2028
)


def fields(error: InvalidInput) -> list[str | None]:
    return [p.field for p in error.problems]


def test_editing_saves_every_field_and_records_only_what_changed(
    admin: OperatorSession, company: Account, sql: Query
) -> None:
    account_id = company.id or 0
    edited = admin.accounts.edit(
        account_id,
        version=company.version,
        name=" Acme Studio SAS ",
        country="be",
        language="fr",
        billing_email="billing@acme.example",
        street="2 quai Est\n  Bâtiment B ",
        postcode="1000",
        city="Bruxelles",
        buyer_reference="ACME-BUYER-7",
        purchase_order="PO 2026/114",
    ).value
    stored = admin.accounts.get(account_id)
    assert stored == edited
    assert (stored.name, stored.country, stored.language) == ("Acme Studio SAS", "BE", "fr")
    assert stored.street == "2 quai Est\nBâtiment B"
    assert stored.address == "2 quai Est\nBâtiment B\n1000 Bruxelles"
    assert (stored.buyer_reference, stored.purchase_order) == ("ACME-BUYER-7", "PO 2026/114")
    assert stored.vat_number == "FR40303265045" and stored.version == company.version + 1
    ((street, postcode, city),) = sql(
        "SELECT street, postcode, city FROM accounts WHERE id = :id", id=account_id
    )
    assert (street, postcode, city) == ("2 quai Est\nBâtiment B", "1000", "Bruxelles")

    (entry,) = admin.audit.entries(entity="account", entity_id=str(account_id), limit=1)
    assert entry.action == "account.update" and entry.actor == ADMIN_LOGIN
    assert entry.before is not None and entry.after is not None
    assert set(entry.after) == {
        "name", "country", "language", "billing_email", "street", "postcode", "city",
        "buyer_reference", "purchase_order",
    }  # fmt: skip
    assert entry.before["country"] == "FR" and entry.after["country"] == "BE"

    emptied = admin.accounts.edit(account_id, purchase_order="", postcode="", city="").value
    assert (emptied.purchase_order, emptied.postcode, emptied.city) == (None, None, None)
    assert emptied.buyer_reference == "ACME-BUYER-7"  # not given: kept


def test_every_bad_field_is_listed_and_nothing_is_written(
    admin: OperatorSession, company: Account, db_snapshot: Snapshot
) -> None:
    before = db_snapshot()
    with pytest.raises(InvalidInput) as refused:
        admin.accounts.edit(
            company.id or 0,
            name=" ",
            country="France",
            language="de",
            vat_number="12",
            billing_email="not-an-email",
            postcode="75001 ??",
            city="x" * 101,
            purchase_order="paid 4111 1111 1111 1111",
        )
    assert fields(refused.value) == [
        "name", "country", "language", "vat-number", "city", "purchase-order",
        "billing-email", "postcode",
    ]  # fmt: skip
    assert "4111" not in str(refused.value) and "R06" in str(refused.value)
    assert db_snapshot() == before


def test_a_stale_version_is_a_conflict_naming_who_saved_first(
    admin: OperatorSession, company: Account, open_app: Callable[[], AdminApp]
) -> None:
    other = open_app().login(ADMIN_LOGIN, ADMIN_PASSWORD)
    other.accounts.edit(company.id or 0, version=company.version, city="Lyon")
    with pytest.raises(ConflictError, match=f"changed by {ADMIN_LOGIN} at"):
        admin.accounts.edit(company.id or 0, version=company.version, city="Paris")
    assert admin.accounts.get(company.id or 0).city == "Lyon"


def test_only_an_operator_who_manages_accounts_edits_or_archives(
    admin: OperatorSession, company: Account, app: AdminApp, db_snapshot: Snapshot
) -> None:
    admin.operators.add(login="hr", role="user_manager", password="hr password 1")
    manager = app.login("hr", "hr password 1")
    before = db_snapshot()
    with pytest.raises(PermissionDenied, match="may not manage accounts"):
        manager.accounts.edit(company.id or 0, city="Lyon")
    with pytest.raises(PermissionDenied):
        manager.accounts.archive(company.id or 0)
    with pytest.raises(PermissionDenied):
        manager.accounts.remove_payment_method(company.id or 0, 1)
    assert db_snapshot() == before


def test_r01_the_audience_changes_only_while_no_subscription_runs(
    admin: OperatorSession, company: Account
) -> None:
    account_id = company.id or 0
    admin.accounts.add_bank_transfer(account_id)
    with pytest.raises(RuleViolation, match="remove the account's bank transfer") as refused:
        admin.accounts.edit(account_id, audience="maker")
    assert refused.value.rule == "R06"
    (transfer,) = admin.accounts.payment_methods(account_id)
    admin.accounts.remove_payment_method(account_id, transfer.id or 0)
    admin.subscriptions.record(account_id=account_id, cycle=Cycle.YEARLY, seats={"named-user": 2})
    with pytest.raises(RuleViolation, match="stays a company account") as refused:
        admin.accounts.edit(account_id, audience="maker")
    assert refused.value.rule == "R01"
    assert admin.accounts.get(account_id).audience.value == "company"


def test_r06_replacing_a_card_keeps_only_token_brand_last4_and_expiry(
    admin: OperatorSession, company: Account, sql: Query
) -> None:
    account_id = company.id or 0
    old = admin.accounts.add_card(account_id, **CARD).value
    new = admin.accounts.replace_card(
        account_id,
        old.id or 0,
        token="tok_mc_91b2",
        brand="Mastercard",
        last4="5454",
        exp_month=3,
        exp_year=2031,
    ).value
    assert admin.accounts.payment_methods(account_id) == [new]
    assert new.card == Card("tok_mc_91b2", "mastercard", "5454", 3, 2031)
    assert sql("SELECT count(*) FROM payment_methods") == [(1,)]
    (entry,) = admin.audit.entries(entity="account", entity_id=str(account_id), limit=1)
    assert entry.action == "payment_method.replace"
    assert entry.before == {"kind": "card", "brand": "visa", "last4": "4242", "expiry": "08/2028"}
    assert entry.after is not None and "token" not in entry.after

    transfer = admin.accounts.add_bank_transfer(account_id).value
    with pytest.raises(InvalidInput, match="Only a card is replaced"):
        admin.accounts.replace_card(account_id, transfer.id or 0, **CARD)
    with pytest.raises(NotFound, match="no payment method with id 999"):
        admin.accounts.replace_card(account_id, 999, **CARD)


def test_r06_the_last_card_a_running_subscription_pays_by_is_not_removed(
    admin: OperatorSession, company: Account, db_snapshot: Snapshot
) -> None:
    account_id = company.id or 0
    card = admin.accounts.add_card(account_id, **CARD).value
    transfer = admin.accounts.add_bank_transfer(account_id).value
    sub = admin.subscriptions.record(
        account_id=account_id, cycle=Cycle.YEARLY, seats={"named-user": 2}
    ).value
    before = db_snapshot()
    with pytest.raises(RuleViolation) as refused:
        admin.accounts.remove_payment_method(account_id, card.id or 0)
    assert str(refused.value) == (
        f"R06: subscription {sub.id} pays by card and this is the account's last card; "
        "record another card before removing this one"
    )
    assert db_snapshot() == before

    removed = admin.accounts.remove_payment_method(account_id, transfer.id or 0).value
    assert removed.kind is PaymentKind.TRANSFER  # nothing pays by transfer
    spare = admin.accounts.add_card(account_id, **{**CARD, "token": "tok_spare"}).value
    admin.accounts.remove_payment_method(account_id, card.id or 0)
    assert admin.accounts.payment_methods(account_id) == [spare]
    (entry,) = admin.audit.entries(entity="account", entity_id=str(account_id), limit=1)
    assert entry.action == "payment_method.remove" and entry.before is not None
    assert entry.before["last4"] == "4242"


def bought(admin: OperatorSession, account_id: int) -> tuple[int, str]:
    """A yearly purchase paid by card: its subscription and open invoice's number."""
    set_french_seller(admin)
    admin.accounts.add_card(account_id, **CARD)
    done = admin.subscriptions.purchase(
        Order(account_id, Cycle.YEARLY, {"named-user": 2}, payment="card")
    ).value
    assert done.subscription is not None and done.invoice is not None
    return done.subscription.id or 0, done.invoice.number or ""


def test_an_account_is_archived_once_nothing_runs_or_is_owed(
    admin: OperatorSession, company: Account, db_snapshot: Snapshot
) -> None:
    account_id = company.id or 0
    sub_id, number = bought(admin, account_id)
    before = db_snapshot()
    with pytest.raises(DomainError) as refused:
        admin.accounts.archive(account_id)
    assert str(refused.value) == (
        f"Acme Studio cannot be archived while subscription {sub_id} runs and invoice "
        f"{number} is open; cancel the subscription or let it end and record the invoice's "
        "payment or credit it first"
    )
    assert db_snapshot() == before

    admin.subscriptions.cancel(sub_id)
    with pytest.raises(DomainError, match=f"while invoice {number} is open"):
        admin.accounts.archive(account_id)
    admin.billing.record_payment(number, method="card", payment_reference="ch_3PQx")
    archived = admin.accounts.archive(account_id, version=admin.accounts.get(account_id).version)
    assert archived.value.archived_on == TODAY
    assert admin.accounts.get(account_id).archived
    (entry,) = admin.audit.entries(entity="account", entity_id=str(account_id), limit=1)
    assert entry.action == "account.archive" and entry.after == {"archived_on": "2026-03-15"}
    with pytest.raises(DomainError, match="archived on 2026-03-15 already"):
        admin.accounts.archive(account_id)


def test_an_archived_account_takes_no_new_user_purchase_or_payment_method(
    admin: OperatorSession, company: Account, db_snapshot: Snapshot
) -> None:
    account_id = company.id or 0
    card = admin.accounts.add_card(account_id, **CARD).value
    set_french_seller(admin)
    admin.accounts.archive(account_id)
    before = db_snapshot()
    attempts: list[Callable[[], object]] = [
        lambda: admin.users.add(account_id=account_id, email="ada@acme.example"),
        lambda: admin.subscriptions.purchase(
            Order(account_id, Cycle.YEARLY, {"named-user": 1}, payment="card")
        ),
        lambda: admin.subscriptions.purchase(
            Order(account_id, Cycle.YEARLY, {"named-user": 1}, trial=True)
        ),
        lambda: admin.subscriptions.record(
            account_id=account_id, cycle=Cycle.YEARLY, seats={"named-user": 1}
        ),
        lambda: admin.accounts.add_card(account_id, **CARD),
        lambda: admin.accounts.add_bank_transfer(account_id),
        lambda: admin.accounts.replace_card(account_id, card.id or 0, **CARD),
    ]
    for attempt in attempts:
        with pytest.raises(AccountArchived, match="it takes no new user, purchase or payment"):
            attempt()
    assert db_snapshot() == before
    # What it holds stays readable, its details editable, its card removable.
    assert admin.accounts.edit(account_id, city="Lyon").value.archived_on == TODAY
    admin.accounts.remove_payment_method(account_id, card.id or 0)
    assert admin.accounts.payment_methods(account_id) == []


def test_migration_0005_keeps_the_old_address_as_the_street(
    database_url: str, cheap_hasher: Argon2Hasher
) -> None:
    engine = make_engine(database_url)
    try:
        command.upgrade(_alembic_config(engine), "0004")
        with engine.begin() as connection:
            connection.execute(
                text(
                    "INSERT INTO accounts (name, audience, country, language, address, "
                    "created_at, version) VALUES ('Old', 'company', 'FR', 'en', :address, :at, 3)"
                ),
                {"address": "5 avenue de la République\n75011 Paris", "at": datetime.now(UTC)},
            )
    finally:
        engine.dispose()
    app = AdminApp.open(database_url, today=TODAY, hasher=cheap_hasher)
    try:
        session = app.create_first_administrator(ADMIN_LOGIN, ADMIN_PASSWORD)
        (old,) = session.accounts.all()
        assert old.street == "5 avenue de la République\n75011 Paris"
        assert old.address == old.street and old.version == 3
        assert (old.postcode, old.city, old.buyer_reference, old.archived_on) == (None,) * 4
        session.accounts.edit(
            old.id or 0, street="5 avenue de la République", postcode="75011", city="Paris"
        )
    finally:
        app.close()

    engine = make_engine(database_url)
    try:
        assert current_revision(engine) == SCHEMA_REVISION == "0005"
        command.downgrade(_alembic_config(engine), "0004")
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT name, address FROM accounts")).all()
        assert [tuple(r) for r in rows] == [("Old", "5 avenue de la République\n75011 Paris")]
    finally:
        engine.dispose()
