"""Money (billing-rules.md, "Money" and R20): Decimal, half-up, once per line."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.money import MINOR_UNITS, ZERO, Currency

EUR = Currency.of("EUR")
JPY = Currency.of("JPY")

amounts = st.decimals(
    min_value=Decimal("-1000000000"),
    max_value=Decimal("1000000000"),
    allow_nan=False,
    allow_infinity=False,
    places=8,
)
currencies = st.sampled_from(sorted(MINOR_UNITS)).map(Currency.of)


def test_currency_of_normalises_the_code_and_knows_its_minor_unit() -> None:
    assert Currency.of(" eur ") == Currency("EUR", 2)
    assert Currency.of("JPY") == Currency("JPY", 0)
    assert EUR.quantum == Decimal("0.01")
    assert JPY.quantum == Decimal("1")


def test_currency_of_refuses_an_unknown_code() -> None:
    with pytest.raises(InvalidInput) as info:
        Currency.of("XYZ")
    assert "Unknown currency 'XYZ'" in info.value.summary
    assert "EUR" in info.value.summary
    assert info.value.exit_status == 2


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0.005", "0.01"),
        ("2.675", "2.68"),
        ("2.665", "2.67"),  # half-even would give 2.66
        ("0.125", "0.13"),
        ("0.004999", "0.00"),
        ("411.2903225806451612903225806", "411.29"),
        ("-0.005", "-0.01"),  # half-up rounds away from zero
        ("5", "5.00"),
        ("10.00", "10.00"),
    ],
)
def test_r20_round_is_half_up_to_the_minor_unit(value: str, expected: str) -> None:
    rounded = EUR.round(Decimal(value))
    assert rounded == Decimal(expected)
    assert str(rounded) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [("0.5", "1"), ("1.5", "2"), ("2.5", "3"), ("2.49", "2")]
)
def test_r20_round_jpy_has_no_decimals(value: str, expected: str) -> None:
    assert str(JPY.round(Decimal(value))) == expected


def test_r10_worked_example_is_rounded_once_at_the_end() -> None:
    # 25 -> 100 named users at 10.00, 17 of 31 days remaining: 411.29
    amount = Fraction(75) * Fraction("10.00") * Fraction(17, 31)
    assert amount != Fraction("411.29")
    assert EUR.round_exact(amount) == Decimal("411.29")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Fraction(19375, 1000), "19.38"),  # an exact half-cent goes up
        (Fraction(56_25, 100) * Fraction(31, 30) / 3, "19.38"),  # the same, via a part-month
        (Fraction(-19375, 1000), "-19.38"),  # away from zero for a credit
        (Fraction(1, 3), "0.33"),
        (Fraction(2, 3), "0.67"),
        (Fraction(0), "0.00"),
    ],
)
def test_r20_round_exact_rounds_a_rational_once_half_up(value: Fraction, expected: str) -> None:
    assert EUR.round_exact(value) == Decimal(expected)
    assert str(EUR.round_exact(value)) == expected


@given(st.fractions(min_value=-(10**6), max_value=10**6, max_denominator=10**4))
def test_r20_round_exact_is_within_half_a_cent(value: Fraction) -> None:
    rounded = EUR.round_exact(value)
    assert abs(Fraction(rounded) - value) <= Fraction(1, 200)


@pytest.mark.parametrize(
    ("currency", "value", "expected"),
    [
        (EUR, Decimal("411.29"), "411.29"),
        (EUR, Decimal("5"), "5.00"),
        (EUR, Decimal("0"), "0.00"),
        (EUR, Decimal("1234567.5"), "1234567.50"),
        (JPY, Decimal("1200"), "1200"),
        (Currency.of("USD"), Decimal("0.1"), "0.10"),
    ],
)
def test_format_gives_the_currency_decimals(
    currency: Currency, value: Decimal, expected: str
) -> None:
    assert currency.format(value) == expected


@pytest.mark.parametrize(("value", "expected"), [("0.125", "0.13"), ("2.665", "2.67")])
def test_r20_format_of_an_unrounded_amount_rounds_half_up_like_round(
    value: str, expected: str
) -> None:
    # format must never round differently from Currency.round (half-up)
    assert EUR.format(Decimal(value)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("10.00", "10.00"),
        ("10", "10.00"),
        (" 7.5 ", "7.50"),
        (10, "10.00"),
        ("0", "0.00"),
        ("0.01", "0.01"),
    ],
)
def test_parse_accepts_strings_and_whole_numbers(text: object, expected: str) -> None:
    value = EUR.parse(text)
    assert value == Decimal(expected)
    assert str(value) == expected


def test_parse_jpy_accepts_whole_amounts() -> None:
    assert JPY.parse("1200") == Decimal(1200)


def _parse_problem(currency: Currency, text: object) -> Problem:
    with pytest.raises(InvalidInput) as info:
        currency.parse(text, field="prices.yearly", line=7)
    assert info.value.exit_status == 2
    assert len(info.value.problems) == 1
    problem = info.value.problems[0]
    assert problem.field == "prices.yearly"
    assert problem.line == 7
    assert str(problem).startswith("line 7, field 'prices.yearly': ")
    return problem


@pytest.mark.parametrize("text", [100.0, 10.5, True, None, ["10.00"]])
def test_parse_refuses_floats_and_other_non_strings(text: object) -> None:
    problem = _parse_problem(EUR, text)
    assert "as a string" in problem.reason
    assert repr(text) in problem.reason


@pytest.mark.parametrize("text", ["-1.00", "-0.01", -5])
def test_parse_refuses_negative_amounts(text: object) -> None:
    assert "negative" in _parse_problem(EUR, text).reason


@pytest.mark.parametrize("text", ["1.001", "0.005", "10.000"])
def test_parse_refuses_more_decimals_than_the_currency(text: str) -> None:
    assert _parse_problem(EUR, text).reason == f"{text} has more than 2 decimals for EUR"


def test_parse_refuses_decimals_for_jpy() -> None:
    assert _parse_problem(JPY, "100.5").reason == "100.5 has more than 0 decimals for JPY"


@pytest.mark.parametrize("text", ["abc", "", "  ", "10,00", "1.0.0", "NaN", "Infinity", "sNaN"])
def test_parse_refuses_non_numbers(text: str) -> None:
    assert "is not an amount" in _parse_problem(EUR, text).reason


def test_parse_defaults_its_field_name() -> None:
    with pytest.raises(InvalidInput) as info:
        EUR.parse("x")
    assert info.value.problems == [Problem("'x' is not an amount", None, "amount")]


@given(currencies, amounts)
def test_r20_round_moves_at_most_half_a_quantum(currency: Currency, value: Decimal) -> None:
    rounded = currency.round(value)
    assert abs(rounded - value) <= currency.quantum / 2
    assert rounded.as_tuple().exponent == -currency.minor_unit


@given(currencies, amounts)
def test_r20_round_is_idempotent(currency: Currency, value: Decimal) -> None:
    once = currency.round(value)
    assert currency.round(once) == once
    assert str(currency.round(once)) == str(once)


@given(currencies, amounts)
def test_r20_round_is_half_up_symmetric(currency: Currency, value: Decimal) -> None:
    assert currency.round(-value) == -currency.round(value)


@given(currencies, amounts.filter(lambda v: v >= ZERO))
def test_format_then_parse_round_trips(currency: Currency, value: Decimal) -> None:
    rounded = currency.round(value)
    assert currency.parse(currency.format(rounded)) == rounded


@pytest.mark.parametrize("value", ["-0.001", "-0.004", "-0", "0.004"])
def test_r20_a_rounded_zero_is_never_negative(value: str) -> None:
    rounded = Currency.of("EUR").round(Decimal(value))
    assert str(rounded) == "0.00"
