"""Invoice totals (R20), document numbers and spans (R19)."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop_admin.domain.invoicing import (
    InvoiceLine,
    Totals,
    VatSubtotal,
    document_number,
    period_span,
    totals,
    with_vat,
)
from desktop_admin.domain.money import Currency
from desktop_admin.domain.periods import Period

EUR = Currency.of("EUR")
YEAR_2026 = Period(date(2026, 1, 1), date(2027, 1, 1))


def line(amount: str, rate: str = "0", period: Period = YEAR_2026) -> InvoiceLine:
    value = Decimal(amount)
    return InvoiceLine("Named user", period, 1, value, value, vat_rate=Decimal(rate))


def round_half_up(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


# --- R20 totals -------------------------------------------------------------------------


def test_r20_lines_sum_to_net_and_total_is_net_plus_vat() -> None:
    lines = [line("360.00", "20"), line("144.00", "20"), line("35.00", "20")]
    result = totals(lines, EUR)
    assert result == Totals(
        Decimal("539.00"),
        (VatSubtotal(Decimal("20"), Decimal("539.00"), Decimal("107.80")),),
        Decimal("107.80"),
        Decimal("646.80"),
    )


def test_r20_vat_per_rate_on_the_sum_rounded_once_not_per_line() -> None:
    # Three lines of 0.05 at 10%: per line 0.005 -> 0.01 each, 0.03 in all; on the
    # sum, 0.15 * 10% = 0.015 -> 0.02.
    lines = [line("0.05", "10")] * 3
    per_line = sum(round_half_up(ln.amount * ln.vat_rate / 100) for ln in lines)
    assert per_line == Decimal("0.03")  # what per-line rounding would give
    result = totals(lines, EUR)
    assert result.vat_by_rate == (VatSubtotal(Decimal("10"), Decimal("0.15"), Decimal("0.02")),)
    assert result.net == Decimal("0.15")
    assert result.vat == Decimal("0.02")
    assert result.total == Decimal("0.17")


def test_r20_per_rate_rounding_can_also_raise_vat_over_per_line_rounding() -> None:
    # Three lines of 0.02 at 20%: per line 0.004 -> 0.00; on the sum 0.06 * 20% =
    # 0.012 -> 0.01.
    result = totals([line("0.02", "20")] * 3, EUR)
    assert result.vat_by_rate == (VatSubtotal(Decimal("20"), Decimal("0.06"), Decimal("0.01")),)
    assert result.total == Decimal("0.07")


def test_r20_vat_subtotal_rounded_once_differs_from_per_line_rounding() -> None:
    # Three lines of 0.10 at 5.5%: per line 0.0055 -> 0.01 each = 0.03;
    # on the sum 0.30 * 5.5% = 0.0165 -> 0.02.
    result = totals([line("0.10", "5.5")] * 3, EUR)
    assert result.vat_by_rate == (VatSubtotal(Decimal("5.5"), Decimal("0.30"), Decimal("0.02")),)
    assert result.vat == Decimal("0.02")
    assert result.total == Decimal("0.32")


def test_r20_one_subtotal_per_rate_sorted_by_rate() -> None:
    lines = [line("100.00", "20"), line("50.00", "0"), line("10.00", "5.5"), line("1.00", "20")]
    result = totals(lines, EUR)
    assert [(s.rate, s.base, s.vat) for s in result.vat_by_rate] == [
        (Decimal("0"), Decimal("50.00"), Decimal("0.00")),
        (Decimal("5.5"), Decimal("10.00"), Decimal("0.55")),
        (Decimal("20"), Decimal("101.00"), Decimal("20.20")),
    ]
    assert result.net == Decimal("161.00")
    assert result.vat == Decimal("20.75")
    assert result.total == Decimal("181.75")


def test_r20_half_cent_vat_rounds_up() -> None:
    # 0.50 * 21% = 0.105 -> 0.11 (half-up, not half-even 0.10).
    result = totals([line("0.50", "21")], EUR)
    assert result.vat == Decimal("0.11")
    assert result.total == Decimal("0.61")


def test_r20_empty_invoice_totals_zero() -> None:
    result = totals([], EUR)
    assert (result.net, result.vat, result.total, result.vat_by_rate) == (0, 0, 0, ())


def test_r20_with_vat_sets_the_rate_on_every_line_and_keeps_amounts() -> None:
    lines = [line("10.00"), line("2.50")]
    rated = with_vat(lines, Decimal("19"))
    assert [ln.vat_rate for ln in rated] == [Decimal("19"), Decimal("19")]
    assert [ln.amount for ln in rated] == [Decimal("10.00"), Decimal("2.50")]
    assert [ln.vat_rate for ln in lines] == [Decimal("0"), Decimal("0")]  # originals unchanged
    assert totals(rated, EUR).vat == Decimal("2.38")  # 12.50 * 19% = 2.375 -> 2.38


amounts = st.integers(min_value=0, max_value=10_000_000).map(lambda cents: Decimal(cents) / 100)
rates = st.sampled_from([Decimal("0"), Decimal("5.5"), Decimal("10"), Decimal("20"), Decimal("21")])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(amounts, rates), max_size=30))
def test_r20_property_totals_add_up(pairs: list[tuple[Decimal, Decimal]]) -> None:
    lines = [
        InvoiceLine("line", YEAR_2026, 1, amount, amount, vat_rate=rate) for amount, rate in pairs
    ]
    result = totals(lines, EUR)
    assert result.net == sum((amount for amount, _ in pairs), Decimal(0))
    assert result.vat == sum((s.vat for s in result.vat_by_rate), Decimal(0))
    assert result.total == result.net + result.vat
    assert sum((s.base for s in result.vat_by_rate), Decimal(0)) == result.net
    assert [s.rate for s in result.vat_by_rate] == sorted({rate for _, rate in pairs})
    for subtotal in result.vat_by_rate:
        base = sum((a for a, r in pairs if r == subtotal.rate), Decimal(0))
        assert subtotal.base == base
        assert subtotal.vat == round_half_up(base * subtotal.rate / 100)
        assert subtotal.vat == subtotal.vat.quantize(Decimal("0.01"))


# --- R19 document numbers and spans -----------------------------------------------------


def test_r19_document_number_format() -> None:
    assert document_number("INV", 2026, 1) == "INV-2026-000001"
    assert document_number("CN", 2026, 42) == "CN-2026-000042"
    assert document_number("INV", 2027, 123456) == "INV-2027-123456"


def test_r19_period_span_covers_every_line() -> None:
    lines = [
        line("1.00", period=Period(date(2026, 3, 15), date(2026, 4, 1))),
        line("1.00", period=Period(date(2026, 4, 1), date(2027, 4, 1))),
        line("1.00", period=Period(date(2026, 5, 1), date(2026, 6, 1))),
    ]
    assert period_span(lines) == Period(date(2026, 3, 15), date(2027, 4, 1))
    assert period_span([]) is None
