"""Previews for the purchase and change dialogs (R01-R06, R08, R10, R13, R14, R20): a
purchase's preview is what the purchase then invoices, to the cent; a contact-only country
previews as a quote request; a change's preview says how its charge was worked out and
what the next period costs; a shortage of seats says where more seats would go. Previews
write nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import PaymentKind
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.invoicing import Invoice, InvoiceReason
from desktop_admin.domain.periods import Cycle, Period
from desktop_admin.domain.users import GUESTS
from desktop_admin.services.purchases import Order
from tests.conftest import TODAY
from tests.integration.billing.conftest import Buyers, SessionAt, check_totals

Snapshot = Callable[[], dict[str, list[tuple[Any, ...]]]]


def billed(invoice: Invoice) -> list[tuple[Any, ...]]:
    """What a buyer pays for, line by line, and the totals."""
    lines = [
        (ln.description, ln.period, ln.quantity, ln.unit_price, ln.amount, ln.vat_rate, ln.code)
        for ln in invoice.lines
    ]
    totals = invoice.totals
    return [*lines, (totals.net, totals.vat, totals.total, invoice.due_date, invoice.payment_kind)]


ORDERS = [
    ("fr", Cycle.YEARLY, {"named-user": 3, "designer": 2}, {"storage-100gb": 1}, "card"),
    ("fr", Cycle.QUARTERLY, {"designer": 7}, {"guest-users": 12}, "transfer"),
    ("de", Cycle.YEARLY, {"named-user": 11}, {}, "card"),  # reverse charge
    ("maker", Cycle.MONTHLY, {"named-user": 1, "designer": 3}, {"guest-users": 3}, "card"),
    ("maker", Cycle.YEARLY, {"designer": 1}, {}, "card"),
]


@pytest.mark.parametrize(("buyer", "cycle", "seats", "addons", "payment"), ORDERS)
def test_r20_the_preview_is_what_the_purchase_invoices_to_the_cent(
    desk: OperatorSession,
    buyers: Buyers,
    db_snapshot: Snapshot,
    buyer: str,
    cycle: Cycle,
    seats: dict[str, int],
    addons: dict[str, int],
    payment: str,
) -> None:
    order = Order(buyers.id(buyer), cycle, seats, addons, payment)
    before = db_snapshot()
    preview = desk.subscriptions.preview_purchase(order)
    assert db_snapshot() == before  # a read
    assert not preview.quote_request and preview.refusal is None
    check_totals(preview.invoice)

    done = desk.subscriptions.purchase(order).value
    assert done.invoice is not None and done.subscription is not None
    assert billed(preview.invoice) == billed(done.invoice)
    assert preview.recurring == done.invoice.totals  # every later period, at today's prices
    assert preview.renews_on == done.subscription.billed_through


def test_r08_the_recurring_cost_is_what_the_renewal_invoices(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    order = Order(buyers.id("fr"), Cycle.QUARTERLY, {"named-user": 4}, {"storage-100gb": 2})
    preview = desk.subscriptions.preview_purchase(order)
    assert preview.renews_on == date(2026, 6, 15)
    desk.subscriptions.purchase(order)
    [number] = at(preview.renews_on).billing.run().value.invoices
    assert desk.billing.invoice(number).totals == preview.recurring
    assert preview.recurring.total == Decimal("170.40")  # (4 * 28.50 + 2 * 14.00) * 1.2


def test_r04_a_contact_only_country_previews_a_quote_request_and_creates_nothing(
    desk: OperatorSession, buyers: Buyers, db_snapshot: Snapshot
) -> None:
    order = Order(buyers.id("it"), Cycle.YEARLY, {"designer": 3, "named-user": 1})
    before = db_snapshot()
    preview = desk.subscriptions.preview_purchase(order)
    assert db_snapshot() == before
    assert preview.quote_request
    assert (preview.on_request, preview.country) == (("Designer", "Named user"), "IT")
    assert preview.refusal is None  # a request needs no payment method

    done = desk.subscriptions.purchase(order).value
    assert done.subscription is None and done.quote is not None and done.quote.contact_request
    assert done.quote.lines == preview.invoice.lines
    assert done.quote.totals == preview.invoice.totals


def test_r06_a_missing_payment_method_is_told_with_the_prices(
    desk: OperatorSession, buyers: Buyers
) -> None:
    bare = desk.subscriptions.preview_purchase(
        Order(buyers.id("bare"), Cycle.YEARLY, {"named-user": 2})
    )
    assert bare.refusal is not None and bare.refusal.startswith("R06: ")
    assert "no card payment method" in bare.refusal
    assert bare.invoice.totals.net == Decimal("200.00")
    maker = desk.subscriptions.preview_purchase(
        Order(buyers.id("maker"), Cycle.YEARLY, {"named-user": 1}, payment="transfer")
    )
    assert maker.refusal == (
        "R06: only company accounts may pay by bank transfer; this is a maker account"
    )


def test_r01_a_cycle_the_audience_may_not_buy_is_refused_as_the_purchase_is(
    desk: OperatorSession, buyers: Buyers
) -> None:
    order = Order(buyers.id("maker"), Cycle.QUARTERLY, {"named-user": 1})
    with pytest.raises(RuleViolation) as previewed:
        desk.subscriptions.preview_purchase(order)
    with pytest.raises(RuleViolation) as bought:
        desk.subscriptions.purchase(order)
    assert previewed.value.rule == bought.value.rule == "R01"
    assert str(previewed.value) == str(bought.value)


def test_r01_r04_r06_the_offer_is_what_the_account_may_buy(
    desk: OperatorSession, buyers: Buyers
) -> None:
    company = desk.subscriptions.purchase_offer(buyers.id("fr"))
    assert company.cycles == (Cycle.QUARTERLY, Cycle.YEARLY)
    assert company.payment_kinds == (PaymentKind.CARD, PaymentKind.TRANSFER)
    assert {m.kind for m in company.methods} == {PaymentKind.CARD, PaymentKind.TRANSFER}
    designer = next(r for r in company.roles if r.code == "designer")
    assert dict(designer.prices) == {
        Cycle.QUARTERLY: Decimal("135.00"),
        Cycle.YEARLY: Decimal("490.00"),
    }
    assert not designer.contact_only
    maker = desk.subscriptions.purchase_offer(buyers.id("maker"))
    assert maker.cycles == (Cycle.MONTHLY, Cycle.YEARLY)
    assert maker.payment_kinds == (PaymentKind.CARD,)
    assert [a.code for a in maker.addons] == ["guest-users", "storage-100gb"]
    italian = desk.subscriptions.purchase_offer(buyers.id("it"))
    assert {r.code: r.contact_only for r in italian.roles} == {
        "bim-project": True,
        "designer": True,
        "named-user": True,
    }
    assert desk.subscriptions.purchase_offer(buyers.id("bare")).methods == ()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    buyer=st.sampled_from(["fr", "de", "maker"]),
    yearly=st.booleans(),
    seats=st.dictionaries(
        st.sampled_from(["named-user", "designer"]), st.integers(1, 500), min_size=1
    ),
    addons=st.dictionaries(st.sampled_from(["storage-100gb", "guest-users"]), st.integers(1, 99)),
)
def test_r20_property_the_preview_total_is_the_invoice_total(
    desk: OperatorSession,
    buyers: Buyers,
    buyer: str,
    yearly: bool,
    seats: dict[str, int],
    addons: dict[str, int],
) -> None:
    other = Cycle.MONTHLY if buyer == "maker" else Cycle.QUARTERLY
    order = Order(buyers.id(buyer), Cycle.YEARLY if yearly else other, seats, addons)
    preview = desk.subscriptions.preview_purchase(order)
    done = desk.subscriptions.purchase(order).value
    assert done.invoice is not None
    assert preview.invoice.totals.total == done.invoice.totals.total
    assert billed(preview.invoice) == billed(done.invoice)


def buy(session: OperatorSession, order: Order) -> int:
    done = session.subscriptions.purchase(order).value
    assert done.subscription is not None and done.subscription.id is not None
    return done.subscription.id


def test_r10_the_change_preview_says_how_the_charge_was_worked_out(
    desk: OperatorSession, buyers: Buyers
) -> None:
    account = buyers.id("maker")
    sub = buy(desk, Order(account, Cycle.MONTHLY, {"named-user": 25}, start=date(2026, 3, 1)))
    result = desk.subscriptions.preview_change(sub, ChangeRequest({"named-user": 100}))
    [charge] = result.charges
    assert (charge.name, charge.old_quantity, charge.new_quantity, charge.added) == (
        "Named user",
        25,
        100,
        75,
    )
    assert (charge.unit_price, charge.numerator, charge.denominator, charge.in_days) == (
        Decimal("10.00"),
        Fraction(17),
        31,
        True,
    )
    assert charge.charged == Period(TODAY, date(2026, 4, 1))
    assert charge.amount == Decimal("411.29")
    assert result.preview is not None and result.preview.lines[0].amount == charge.amount


def test_r10_a_next_month_start_charge_counts_months_and_a_monthly_one_waits(
    desk: OperatorSession, buyers: Buyers
) -> None:
    yearly = desk.subscriptions.record(
        account_id=buyers.id("fr"), cycle=Cycle.YEARLY, seats={"designer": 10},
        start=date(2025, 7, 1),
    ).value.id  # fmt: skip
    [charge] = desk.subscriptions.preview_change(
        yearly or 0, ChangeRequest({"designer": 15})
    ).charges
    assert (charge.numerator, charge.denominator, charge.in_days) == (Fraction(3), 12, False)
    assert charge.charged == Period(date(2026, 4, 1), date(2026, 7, 1))
    assert charge.amount == Decimal("612.50")  # 5 * 490.00 * 3/12
    monthly = buy(desk, Order(buyers.id("maker"), Cycle.MONTHLY, {"designer": 1}))
    [waits] = desk.subscriptions.preview_change(monthly, ChangeRequest({"designer": 3})).charges
    assert (waits.charged, waits.amount, waits.added) == (None, Decimal(0), 2)


def test_r08_r11_the_recurring_cost_after_a_change_is_what_the_renewal_invoices(
    desk: OperatorSession, buyers: Buyers, at: SessionAt
) -> None:
    account = buyers.id("fr")
    sub = buy(desk, Order(account, Cycle.QUARTERLY, {"named-user": 10, "designer": 4}))
    options = desk.subscriptions.change_options(sub)
    assert options.renewal is not None and options.renewal.totals.net == Decimal("825.00")
    assert options.cycles == (Cycle.QUARTERLY, Cycle.YEARLY)
    terms = {t.code: t.unit_price for t in options.roles + options.addons}
    assert terms == {
        "bim-project": Decimal("300.00"),  # offered to companies: it can be added
        "designer": Decimal("135.00"),
        "named-user": Decimal("28.50"),
        "guest-users": Decimal("5.50"),
        "storage-100gb": Decimal("14.00"),
    }
    request = ChangeRequest({"named-user": 12, "designer": 2}, {"storage-100gb": 1})
    preview = desk.subscriptions.preview_change(sub, request)
    assert preview.renewal is not None
    desk.subscriptions.change(sub, request)
    numbers = at(date(2026, 6, 15)).billing.run().value.invoices  # the upgrade, the renewal
    [renewal] = [
        invoice
        for invoice in map(desk.billing.invoice, numbers)
        if invoice.reason is InvoiceReason.RENEWAL
    ]
    assert billed(renewal)[:-1] == billed(preview.renewal)[:-1]
    assert renewal.totals == preview.renewal.totals


def test_r14_more_seats_go_to_the_subscription_holding_the_role(
    desk: OperatorSession, buyers: Buyers
) -> None:
    account = buyers.id("fr")
    sub = buy(desk, Order(account, Cycle.YEARLY, {"named-user": 2}, {"guest-users": 1}))
    for n in range(2):
        desk.users.add(account_id=account, email=f"u{n}@acme.example", roles=["named-user"])
    top_up = desk.subscriptions.seat_top_up(account, "named-user", adding=3)
    assert (top_up.missing, top_up.quantity_now, top_up.quantity) == (3, 2, 5)
    assert top_up.subscription is not None and top_up.subscription.id == sub
    none_short = desk.subscriptions.seat_top_up(account, "designer")
    assert (none_short.missing, none_short.quantity_now, none_short.quantity) == (0, 0, 1)
    assert none_short.subscription is not None  # designer is sold yearly: it can be added
    guests = desk.subscriptions.seat_top_up(account, GUESTS, adding=2)
    assert (guests.code, guests.is_addon, guests.missing, guests.quantity) == (
        "guest-users",
        True,
        1,
        2,
    )
    nothing = desk.subscriptions.seat_top_up(buyers.id("de"), "named-user", adding=4)
    assert (nothing.subscription, nothing.missing, nothing.quantity) == (None, 4, 4)
