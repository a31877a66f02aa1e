"""The fakes keep the promises of the ports (services/ports.py) and of the SQL adapters."""

from __future__ import annotations

import inspect
import typing
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from desktop_admin.domain.changes import ChangeProduct, ChangeStatus, ScheduledChange
from desktop_admin.domain.errors import ConflictError, NotFound
from desktop_admin.domain.invoicing import (
    DocumentKind,
    Invoice,
    InvoiceLine,
    InvoiceReason,
    InvoiceStatus,
    Party,
    Payment,
)
from desktop_admin.domain.lifecycle import Holder, QuoteStatus
from desktop_admin.domain.periods import Cycle, Period
from desktop_admin.domain.quotes import Quote, QuoteKind
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.domain.users import NamedUser
from desktop_admin.services import ports
from desktop_admin.services.ports import Clock, PasswordHasher, UnitOfWork
from tests.unit.services.builders import DESIGNER, seed_account, seed_catalog, seed_user
from tests.unit.services.fakes import (
    FakeClock,
    FakeHasher,
    FakeIntegrityError,
    FakeRenderer,
    FakeUnitOfWork,
)

# What mypy checks statically; assigning here makes a missing member a type error.
UOW: UnitOfWork = FakeUnitOfWork()
CLOCK: Clock = FakeClock()
HASHER: PasswordHasher = FakeHasher()
RENDERER: ports.DocumentRenderer = FakeRenderer()

#: The repositories of the unit of work (its read models are never faked).
PORT_PROPERTIES = {
    n: p
    for n, p in vars(ports.UnitOfWork).items()
    if isinstance(p, property) and n not in ("reads", "sync")
}


def port_of(prop: property) -> type:
    """The Protocol a `UnitOfWork` property returns."""
    assert prop.fget is not None
    wanted: type = typing.get_type_hints(prop.fget, vars(ports))["return"]
    return wanted


PAIRS: list[tuple[type, object]] = [
    (ports.Clock, FakeClock()),
    (ports.PasswordHasher, FakeHasher()),
    (ports.DocumentRenderer, FakeRenderer()),
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


def test_the_read_models_are_not_faked() -> None:
    with pytest.raises(NotImplementedError, match="tests/integration"):
        FakeUnitOfWork().reads  # noqa: B018


def test_every_port_of_the_unit_of_work_has_a_fake() -> None:
    assert set(PORT_PROPERTIES) >= {"accounts", "catalog", "users", "subscriptions", "audit"}
    assert len(PAIRS) == 4 + len(PORT_PROPERTIES)
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
    assert uow.audit.stored[0].after == {"n": [1, 2]}
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


# Billing repositories (fake_billing.py) ---------------------------------------------


def billing_uow() -> tuple[FakeUnitOfWork, int]:
    uow = FakeUnitOfWork()
    seed_catalog(uow)
    account = seed_account(uow)
    assert account.id is not None
    return uow, account.id


def test_items_at_zero_and_prices_of_absent_items_are_not_stored() -> None:
    uow, account_id = billing_uow()
    given = Subscription(
        account_id,
        Cycle.YEARLY,
        date(2026, 1, 1),
        seats={"designer": 2, "named-user": 0},
        addons={"storage": 0},
        seat_prices={"designer": Decimal("490.00"), "named-user": Decimal("1"), "x": Decimal(1)},
    )
    added = uow.subscriptions.add(given)
    assert (added.id, added.version, added.seats) == (1, 1, given.seats)  # as given
    stored = uow.subscriptions.get(1)
    assert (dict(stored.seats), dict(stored.addons)) == ({"designer": 2}, {})
    assert dict(stored.seat_prices) == {"designer": Decimal("490.00")}
    assert str(stored.seat_prices["designer"]) == "490.0000"  # the Amount column's scale
    with pytest.raises(ValueError, match="more than 4 decimals"):
        uow.subscriptions.update(replace(stored, seat_prices={"designer": Decimal("0.00001")}))


def test_subscription_updates_are_versioned_and_keep_the_account() -> None:
    uow, account_id = billing_uow()
    first = uow.subscriptions.add(Subscription(account_id, Cycle.YEARLY, date(2026, 1, 1)))
    second = uow.subscriptions.add(Subscription(account_id, Cycle.YEARLY, date(2026, 1, 1)))
    saved = uow.subscriptions.update_many([replace(first, auto_renew=False), second])
    assert [s.version for s in saved] == [2, 2]
    with pytest.raises(ConflictError, match=r"subscription \(id 1\)"):
        uow.subscriptions.update(first)
    uow.subscriptions.update(replace(saved[0], account_id=99))
    assert uow.subscriptions.get(1).account_id == account_id  # never updated
    with pytest.raises(NotFound, match="no subscription with id 9"):
        uow.subscriptions.get(9, lock=True)
    uow.subscriptions.get(2, lock=True)
    assert uow.subscriptions.locked == [2]


def test_due_subscriptions_are_active_ones_billed_through_today_and_ended_trials() -> None:
    uow, account_id = billing_uow()
    day = date(2026, 3, 1)
    for status, billed_through, ends_on in [
        (SubscriptionStatus.ACTIVE, day, None),  # 1: due
        (SubscriptionStatus.ACTIVE, day + timedelta(1), None),  # 2: not yet
        (SubscriptionStatus.ACTIVE, None, None),  # 3: never billed
        (SubscriptionStatus.TRIAL, None, day),  # 4: due
        (SubscriptionStatus.CANCELLED, day, day),  # 5: never
        (SubscriptionStatus.ACTIVE, day - timedelta(40), None),  # 6: due
    ]:
        uow.subscriptions.add(
            Subscription(
                account_id,
                Cycle.MONTHLY,
                date(2026, 1, 1),
                status=status,
                billed_through=billed_through,
                ends_on=ends_on,
            )
        )
    assert uow.subscriptions.due_ids(day) == [1, 4, 6]
    assert uow.subscriptions.due_ids(day, after_id=1, limit=1) == [4]
    assert [s.id for s in uow.subscriptions.lock_due([6, 2, 1, 5], day)] == [1, 6]


def test_scheduled_changes_by_date_and_versioned() -> None:
    uow, account_id = billing_uow()
    uow.subscriptions.add(Subscription(account_id, Cycle.YEARLY, date(2026, 1, 1)))
    later = uow.subscriptions.add_change(
        ScheduledChange(1, date(2027, 1, 1), ChangeProduct.ROLE, "designer", 1)
    )
    sooner = uow.subscriptions.add_change(
        ScheduledChange(1, date(2026, 6, 1), ChangeProduct.CYCLE, cycle=Cycle.QUARTERLY)
    )
    assert (later.id, later.version, sooner.id) == (1, 1, 2)
    assert uow.subscriptions.changes(1) == [sooner, later]
    assert uow.subscriptions.pending_changes_of([1, 7]) == {1: [sooner, later], 7: []}
    assert uow.subscriptions.pending_changes_until(date(2026, 12, 31)) == [sooner]
    done = uow.subscriptions.set_change_status(sooner, ChangeStatus.APPLIED, "done")
    assert (done.status, done.note, done.version) == (ChangeStatus.APPLIED, "done", 2)
    kept = uow.subscriptions.set_change_status(later, ChangeStatus.CANCELLED)
    assert kept.note == "" and uow.subscriptions.changes(1) == []
    assert list(uow.subscriptions.change_rows.values()) == [kept, done]
    with pytest.raises(ConflictError, match=r"scheduled change \(id 2\)"):
        uow.subscriptions.set_change_status(sooner, ChangeStatus.CANCELLED)
    with pytest.raises(FakeIntegrityError):
        uow.subscriptions.add_change(ScheduledChange(9, date(2026, 6, 1), ChangeProduct.ROLE))


def test_drafts_have_no_number_until_issued_with_their_key_and_dates() -> None:
    uow, account_id = billing_uow()
    draft = replace(
        invoice_for(account_id, date(2026, 3, 10)),
        status=InvoiceStatus.DRAFT,
        billing_key="subscription:1:upgrade:2026-03-10",
    )
    with uow:
        saved = uow.invoices.save_draft(draft)
        assert (saved.id, saved.number) == (1, None)
        more = replace(saved, lines=(*saved.lines, saved.lines[0]))
        uow.invoices.save_draft(more)
        assert uow.invoices.get(1).totals.net == Decimal("980.00")
        assert uow.invoices.by_billing_key(draft.billing_key or "") == uow.invoices.get(1)
        with pytest.raises(FakeIntegrityError, match="billing_key"):
            uow.invoices.save_draft(draft)
        with pytest.raises(ValueError, match="only a draft"):
            uow.invoices.save_draft(replace(draft, status=InvoiceStatus.OPEN))
        assert uow.invoices.drafts_until(date(2026, 3, 9)) == []
        [found] = uow.invoices.drafts_until(date(2026, 3, 10))
        issued = uow.invoices.issue_draft(found.dated(date(2026, 3, 12)))
        uow.commit()
    assert issued.number == "INV-2026-000001"
    assert issued.billing_key == "subscription:1:upgrade:2026-03-10:INV-2026-000001"
    stored = uow.invoices.by_number("INV-2026-000001")
    assert (stored.status, stored.issue_date, stored.due_date, stored.lines) == (
        InvoiceStatus.OPEN,
        date(2026, 3, 12),
        date(2026, 3, 12),
        more.lines,
    )
    assert uow.invoices.drafts_until(date(2026, 12, 31)) == []
    assert uow.invoices.by_billing_key(draft.billing_key or "") is None


def test_documents_share_gapless_sequences_per_series_and_year() -> None:
    uow, account_id = billing_uow()
    party = Party("Seller SA", "FR")
    quote = Quote(
        QuoteKind.PURCHASE,
        account_id,
        None,
        {"seats": {"designer": 1}, "span": (1, 2)},
        invoice_for(account_id, date(2026, 3, 1)).lines,
        date(2026, 3, 1),
        date(2026, 3, 31),
        "EUR",
        party,
        party,
    )
    with uow:
        issued = uow.invoices.issue_many(
            [
                invoice_for(account_id, date(2026, 3, 1)),
                invoice_for(account_id, date(2026, 3, 1), DocumentKind.CREDIT_NOTE),
                invoice_for(account_id, date(2026, 3, 1)),
            ]
        )
        saved = uow.quotes.add(quote)
        uow.commit()
    with uow:
        uow.quotes.add(quote)  # rolled back: Q-2026-000002 is given back
    with uow:
        again = uow.quotes.add(quote)
        uow.commit()
    assert [i.number for i in issued] == ["INV-2026-000001", "CN-2026-000001", "INV-2026-000002"]
    assert [i.id for i in issued] == [1, 2, 3]
    assert (saved.number, saved.id, saved.version, again.number) == (
        "Q-2026-000001",
        1,
        1,
        "Q-2026-000002",
    )
    assert uow.invoices.sequences == {("INV", 2026): 2, ("CN", 2026): 1, ("Q", 2026): 2}
    read = uow.quotes.get("q-2026-000001")
    assert read.request == {"seats": {"designer": 1}, "span": [1, 2]}  # through JSON
    assert uow.quotes.get("1") == read
    rejected = uow.quotes.set_status(read, QuoteStatus.REJECTED)
    assert rejected.version == 2 and uow.quotes.get("1").status is QuoteStatus.REJECTED
    with pytest.raises(ConflictError):
        uow.quotes.set_status(read, QuoteStatus.ACCEPTED)
    with pytest.raises(NotFound, match="no quote Q-2026-000009"):
        uow.quotes.get("Q-2026-000009")
    with pytest.raises(TypeError):
        uow.quotes.add(replace(quote, request={"start": date(2026, 3, 1)}))


def test_a_document_whose_lines_do_not_sum_to_its_totals_cannot_be_read() -> None:
    uow, account_id = billing_uow()
    invoice = invoice_for(account_id, date(2026, 3, 1))
    odd = replace(invoice.lines[0], amount=Decimal("490.005"))  # 3 decimals: stored, not read
    issued = uow.invoices.issue(replace(invoice, lines=(odd,)))
    with pytest.raises(AssertionError, match="R20: invoice INV-2026-000001"):
        uow.invoices.get(issued.id or 0)
    with pytest.raises(ValueError, match="more than 4 decimals"):
        uow.invoices.issue(replace(invoice, lines=(replace(odd, amount=Decimal("1.00001")),)))
    with pytest.raises(ValueError, match="at least one line"):
        uow.invoices.issue(replace(invoice, lines=()))


def test_payments_refer_to_an_invoice_and_keep_4_decimals() -> None:
    uow, account_id = billing_uow()
    invoice = uow.invoices.issue(invoice_for(account_id, date(2026, 3, 1)))
    payment = uow.payments.add(
        Payment(invoice.id or 0, "card", "tok", Decimal("10.00"), date(2026, 3, 2))
    )
    assert payment.id == 1 and payment.amount == Decimal("10.00")
    [read] = uow.payments.for_invoice(invoice.id or 0)
    assert str(read.amount) == "10.0000" and read == payment
    with pytest.raises(FakeIntegrityError):
        uow.payments.add(Payment(99, "card", "tok", Decimal(1), date(2026, 3, 2)))


def test_holders_are_enabled_non_guest_users_of_the_role_by_id() -> None:
    uow, account_id = billing_uow()
    other = seed_account(uow, "Other")
    seed_user(uow, account_id, "b@example.com", ["designer"], is_admin=True)
    seed_user(uow, account_id, "c@example.com", ["designer"], enabled=False)
    seed_user(uow, account_id, "d@example.com", ["named-user"])
    seed_user(uow, account_id, "e@example.com", ["designer", "named-user"])
    seed_user(uow, other.id or 0, "f@example.com", ["designer"])
    assert uow.users.holders(account_id, "designer") == [Holder(1, True), Holder(4, False)]
    assert uow.accounts.get_many([other.id or 0, account_id, 99]) == {
        account_id: uow.accounts.get(account_id),
        other.id: other,
    }
