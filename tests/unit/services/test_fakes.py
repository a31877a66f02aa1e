"""The fakes keep the promises of the ports (services/ports.py) and of the SQL adapters."""

from __future__ import annotations

import inspect
import typing
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from desktop_admin.domain.errors import ConflictError, NotFound
from desktop_admin.domain.invoicing import (
    DocumentKind,
    Invoice,
    InvoiceLine,
    InvoiceReason,
    InvoiceStatus,
    Party,
)
from desktop_admin.domain.periods import Period
from desktop_admin.domain.users import NamedUser
from desktop_admin.services import ports
from desktop_admin.services.ports import Clock, PasswordHasher, UnitOfWork
from tests.unit.services.builders import DESIGNER, seed_account, seed_catalog, seed_user
from tests.unit.services.fakes import FakeClock, FakeHasher, FakeIntegrityError, FakeUnitOfWork

# What mypy checks statically; assigning here makes a missing member a type error.
UOW: UnitOfWork = FakeUnitOfWork()
CLOCK: Clock = FakeClock()
HASHER: PasswordHasher = FakeHasher()

PORT_PROPERTIES = {n: p for n, p in vars(ports.UnitOfWork).items() if isinstance(p, property)}


def port_of(prop: property) -> type:
    """The Protocol a `UnitOfWork` property returns."""
    assert prop.fget is not None
    wanted: type = typing.get_type_hints(prop.fget, vars(ports))["return"]
    return wanted


PAIRS: list[tuple[type, object]] = [
    (ports.Clock, FakeClock()),
    (ports.PasswordHasher, FakeHasher()),
    (ports.UnitOfWork, FakeUnitOfWork()),
    *((port_of(p), getattr(FakeUnitOfWork(), n)) for n, p in PORT_PROPERTIES.items()),
]


def protocol_methods(protocol: type) -> dict[str, object]:
    return {
        name: member
        for name, member in vars(protocol).items()
        if inspect.isfunction(member)
        and (not name.startswith("_") or name in {"__enter__", "__exit__"})
    }


def shape(function: object) -> list[tuple[str, object, object]]:
    signature = inspect.signature(function)  # type: ignore[arg-type]
    return [(p.name, p.kind, p.default) for p in signature.parameters.values()]


@pytest.mark.parametrize(("protocol", "fake"), PAIRS, ids=lambda v: getattr(v, "__name__", ""))
def test_every_protocol_method_exists_with_the_same_parameters(
    protocol: type, fake: object
) -> None:
    methods = protocol_methods(protocol)
    assert methods
    for name, member in methods.items():
        assert hasattr(fake, name), f"{type(fake).__name__} lacks {name}"
        assert shape(getattr(type(fake), name)) == shape(member), name


def test_every_port_of_the_unit_of_work_has_a_fake() -> None:
    assert set(PORT_PROPERTIES) >= {"accounts", "catalog", "users", "subscriptions", "audit"}
    assert len(PAIRS) == 3 + len(PORT_PROPERTIES)
    for name in PORT_PROPERTIES:
        assert type(getattr(FakeUnitOfWork(), name)).__name__.startswith("Fake"), name


def test_versions_start_at_one_and_a_stale_update_is_a_conflict(uow: FakeUnitOfWork) -> None:
    account = seed_account(uow)
    assert (account.id, account.version) == (1, 1)
    renamed = uow.accounts.update(replace(account, name="Acme SAS"))
    assert renamed.version == 2
    with pytest.raises(ConflictError):
        uow.accounts.update(replace(account, name="Stale"))
    assert uow.accounts.get(1).name == "Acme SAS"


def test_missing_ids_are_not_found(uow: FakeUnitOfWork) -> None:
    seed_account(uow)
    with pytest.raises(NotFound, match="no account with id 9"):
        uow.accounts.get(9)
    with pytest.raises(NotFound, match="no user with id 9"):
        uow.users.update(NamedUser(account_id=1, email="a@example.com", id=9, version=1))
    with pytest.raises(NotFound):
        uow.subscriptions.get(9)
    assert uow.users.get_many([9]) == []


def test_catalog_saves_are_versioned(uow: FakeUnitOfWork) -> None:
    seed_catalog(uow)
    role = uow.catalog.role("designer")
    assert role is not None and role.version == 1
    uow.catalog.save_role(replace(role, name="Designer Pro"))
    with pytest.raises(ConflictError):
        uow.catalog.save_role(replace(role, prices={**role.prices}))
    with pytest.raises(FakeIntegrityError):
        uow.catalog.save_role(DESIGNER)


def test_the_schema_constraints_hold(uow: FakeUnitOfWork) -> None:
    seed_catalog(uow)
    account = seed_account(uow)
    assert account.id is not None
    seed_user(uow, account.id, "a@example.com")
    with pytest.raises(FakeIntegrityError):
        seed_user(uow, account.id, "a@example.com")
    with pytest.raises(FakeIntegrityError):
        seed_user(uow, account.id, "b@example.com", roles=["no-such-role"])
    with pytest.raises(FakeIntegrityError):
        seed_user(uow, 99, "c@example.com")


def test_what_is_not_committed_is_rolled_back_on_exit(uow: FakeUnitOfWork) -> None:
    with uow:
        seed_account(uow, "Kept")
        uow.commit()
        seed_account(uow, "Dropped")
    assert [a.name for a in uow.accounts.all()] == ["Kept"]
    assert (uow.committed, uow.commits) == (True, 1)
    with uow:
        seed_account(uow, "Dropped too")
    assert [a.name for a in uow.accounts.all()] == ["Kept"]
    assert (uow.committed, uow.commits) == (False, 1)
    assert seed_account(uow, "Next").id == 2  # the rolled-back id is free again


def test_rollback_drops_the_changes_so_far(uow: FakeUnitOfWork) -> None:
    with uow:
        seed_account(uow)
        uow.rollback()
        assert uow.accounts.all() == []
        uow.commit()
    assert uow.accounts.all() == [] and uow.rollbacks == 1


def test_audit_entries_are_stored_as_json_like_the_table(uow: FakeUnitOfWork) -> None:
    from desktop_admin.domain.audit import AuditEntry

    at = FakeClock().now()
    uow.audit.record([AuditEntry(at, "admin", "x.y", "x", "1", after={"n": (1, 2)})])
    assert uow.audit.entries()[0].after == {"n": [1, 2]}
    with pytest.raises(TypeError):
        uow.audit.record([AuditEntry(at, "admin", "x.y", "x", "1", after={"p": Decimal(1)})])


def test_the_clock_is_fixed_and_the_hasher_verifies(clock: FakeClock, hasher: FakeHasher) -> None:
    assert clock.today() == date(2026, 3, 15) and clock.now().date() == clock.today()
    clock.advance(20)
    assert clock.today() == date(2026, 4, 4)
    assert hasher.verify(hasher.hash("correct horse"), "correct horse")
    assert not hasher.verify(hasher.hash("correct horse"), "wrong horse")


def invoice_for(account_id: int, day: date, kind: DocumentKind = DocumentKind.INVOICE) -> Invoice:
    line = InvoiceLine(
        "Designer",
        Period(day, date(day.year + 1, day.month, 1)),
        1,
        Decimal("490.00"),
        Decimal("490.00"),
    )
    party = Party("Seller SA", "FR")
    return Invoice(
        kind,
        InvoiceReason.PURCHASE,
        account_id,
        None,
        day,
        day,
        "EUR",
        (line,),
        "card",
        party,
        party,
    )


def test_invoices_are_numbered_gaplessly_and_a_rollback_gives_the_number_back(
    uow: FakeUnitOfWork,
) -> None:
    account = seed_account(uow)
    assert account.id is not None
    with uow:
        first = uow.invoices.issue(invoice_for(account.id, date(2026, 3, 1)))
        uow.commit()
    with uow:
        uow.invoices.issue(invoice_for(account.id, date(2026, 3, 2)))  # rolled back
    with uow:
        second = uow.invoices.issue(invoice_for(account.id, date(2026, 3, 3)))
        note = uow.invoices.issue(
            invoice_for(account.id, date(2026, 3, 3), DocumentKind.CREDIT_NOTE)
        )
        next_year = uow.invoices.issue(invoice_for(account.id, date(2027, 1, 2)))
        uow.commit()
    assert [first.number, second.number, note.number, next_year.number] == [
        "INV-2026-000001",
        "INV-2026-000002",
        "CN-2026-000001",
        "INV-2027-000001",
    ]
    assert uow.invoices.by_number("INV-2026-000002") == second
    uow.invoices.set_status(2, InvoiceStatus.PAID)
    assert uow.invoices.get(2).status is InvoiceStatus.PAID
    with pytest.raises(NotFound, match="no invoice numbered INV-2026-000009"):
        uow.invoices.by_number("INV-2026-000009")
    with pytest.raises(FakeIntegrityError):
        uow.invoices.issue(invoice_for(99, date(2026, 3, 1)))


def test_the_catalog_currency_is_a_setting_like_in_the_database(uow: FakeUnitOfWork) -> None:
    uow.catalog.set_currency("EUR")
    assert uow.settings.get("currency") == "EUR"
    uow.settings.set("currency", "CHF")
    assert uow.catalog.currency() == "CHF"
