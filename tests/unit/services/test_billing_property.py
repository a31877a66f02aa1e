"""R10, R11, R19, R20 as properties: whatever upgrades and downgrades happen within a
period, followed by the billing run at its end,

(a) upgrade invoices never charge more than staying at the highest quantity for
    the whole period would have cost;
(b) every invoice's totals are its lines plus VAT per rate, rounded once;
(c) invoice numbers per series and year are gapless;
(d) the renewal carries the quantity asked for last.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import event, given, settings
from hypothesis import strategies as st

from desktop_admin.domain.catalog import Audience, Role
from desktop_admin.domain.invoicing import Invoice, InvoiceReason, InvoiceStatus
from desktop_admin.domain.periods import Cycle, nth_period
from tests.unit.services.billing_world import DESIGNER, NAMED_USER, D, world

CENT = Decimal("0.01")
PLANS = [(Audience.MAKER, Cycle.MONTHLY), (Audience.COMPANY, Cycle.QUARTERLY)]
PLANS += [(Audience.COMPANY, Cycle.YEARLY)]


@dataclass(frozen=True)
class Step:
    slot: int  # where in the period: the first day of its n-th sixteenth
    quantity: int  # the seats wanted, absolute
    run: bool  # a billing run that day, after the change


steps = st.builds(
    Step,
    slot=st.integers(0, 15),  # few slots: several changes on a day are common
    quantity=st.integers(1, 40),
    run=st.booleans(),
)


def check_totals(invoice: Invoice) -> None:
    """(b), computed here rather than by the domain's `totals`."""
    assert all(line.amount == line.amount.quantize(CENT) for line in invoice.lines), invoice
    net = sum((line.amount for line in invoice.lines), Decimal(0))
    by_rate: dict[Decimal, Decimal] = defaultdict(Decimal)
    for line in invoice.lines:
        by_rate[line.vat_rate] += line.amount
    vat = sum(
        (
            (base * rate / 100).quantize(CENT, rounding=ROUND_HALF_UP)
            for rate, base in by_rate.items()
        ),
        Decimal(0),
    )
    sums = invoice.totals
    assert (sums.net, sums.vat, sums.total) == (net, vat, net + vat), invoice.number


def check_gapless(invoices: list[Invoice]) -> None:
    """(c): per series and year, the numbers are 1..n."""
    numbers: dict[tuple[str, str], list[int]] = defaultdict(list)
    for invoice in invoices:
        assert invoice.number is not None
        match = re.fullmatch(r"([A-Z]+)-(\d{4})-(\d{6})", invoice.number)
        assert match is not None, invoice.number
        series, year, sequence = match.groups()
        assert int(year) == invoice.issue_date.year
        numbers[(series, year)].append(int(sequence))
    for key, taken in numbers.items():
        assert sorted(taken) == list(range(1, len(taken) + 1)), (key, taken)


@settings(max_examples=300, deadline=None)
@given(
    plan=st.sampled_from(PLANS),
    role=st.sampled_from([NAMED_USER, DESIGNER]),
    country=st.sampled_from(["FR", "FI", "US"]),
    anchor=st.dates(date(2026, 1, 1), date(2026, 12, 31)),
    initial=st.integers(1, 40),
    script=st.lists(steps, max_size=8),
)
def test_r10_r20_upgrades_within_a_period_never_overcharge_and_documents_add_up(
    plan: tuple[Audience, Cycle],
    role: Role,
    country: str,
    anchor: date,
    initial: int,
    script: list[Step],
) -> None:
    audience, cycle = plan
    code, price = role.code, role.prices[cycle]
    w = world(audience=audience, country=country)
    sid = w.bought({code: initial}, cycle, on=anchor)
    period = nth_period(anchor, cycle, 0)
    highest = initial
    script = sorted(script, key=lambda s: s.slot)
    for step in script:
        day = period.start + timedelta(days=step.slot * period.days // 16)
        w.change(sid, {code: step.quantity}, on=day)
        highest = max(highest, step.quantity)
        if step.run:
            w.run()
    report = w.run(on=period.end)
    assert report.renewals == 1 and report.problems == []
    invoices = w.invoices()
    assert all(i.status is not InvoiceStatus.DRAFT for i in invoices)  # all issued now
    event(f"{cycle.value} {role.upgrade_policy.value}: {len(invoices)} invoices")

    by_reason: dict[InvoiceReason, list[Invoice]] = defaultdict(list)
    for invoice in invoices:
        by_reason[invoice.reason].append(invoice)
        check_totals(invoice)
    check_gapless(invoices)

    # (a) upgrades: at most the highest quantity for the whole period
    upgrades = sum((i.totals.net for i in by_reason[InvoiceReason.UPGRADE]), D(0))
    [purchase] = by_reason[InvoiceReason.PURCHASE]
    assert upgrades <= (highest - initial) * price, (upgrades, highest, initial, price)
    assert purchase.totals.net + upgrades <= highest * price
    assert all(
        line.period.end <= period.end
        for i in invoices
        if i.reason is not InvoiceReason.RENEWAL
        for line in i.lines
    )

    # (d) the renewal: the quantity asked for last, for the next period
    [renewal] = by_reason[InvoiceReason.RENEWAL]
    last = script[-1].quantity if script else initial
    assert [(ln.code, ln.quantity) for ln in renewal.lines] == [(code, last)]
    assert renewal.period.start == period.end
    assert w.subscription(sid).billed_through == renewal.period.end
