"""Accounts (audience, R01) and payment methods (R06)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_admin.domain.accounts import (
    Account,
    Card,
    PaymentKind,
    check_payment_kind,
    validate_account,
    validate_card,
)
from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.errors import InvalidInput, Problem, RuleViolation

TODAY = date(2026, 3, 15)


def fields_of(exc: InvalidInput) -> list[str | None]:
    return [p.field for p in exc.problems]


def test_validate_account_normalises_a_good_account() -> None:
    account = validate_account("  Acme SA ", "company", "fr", "fr", "fr 403 032 650 45")
    assert account == Account(
        name="Acme SA",
        audience=Audience.COMPANY,
        country="FR",
        language="fr",
        vat_number="FR40303265045",
    )


def test_validate_account_without_vat_number() -> None:
    account = validate_account("Jo", "student", "DE", "en", None)
    assert account.audience is Audience.STUDENT
    assert account.vat_number is None
    assert validate_account("Jo", "maker", "DE", "en", "  ").vat_number is None


@pytest.mark.parametrize(
    ("args", "field", "reason"),
    [
        (("  ", "company", "FR", "en", None), "name", "the name must not be empty"),
        (
            ("Acme", "school", "FR", "en", None),
            "audience",
            "'school' is not company, maker or student",
        ),
        (
            ("Acme", "company", "FRA", "en", None),
            "country",
            "'FRA' is not a two-letter country code",
        ),
        (("Acme", "company", "F1", "en", None), "country", "'F1' is not a two-letter country code"),
        (("Acme", "company", "FR", "de", None), "language", "'de' is not one of en, fr"),
        (
            ("Acme", "company", "FR", "en", "12345"),
            "vat-number",
            "'12345' is not a VAT number (e.g. FR40303265045)",
        ),
    ],
)
def test_validate_account_names_the_bad_field(
    args: tuple[str, str, str, str, str | None], field: str, reason: str
) -> None:
    with pytest.raises(InvalidInput) as info:
        validate_account(*args)
    assert info.value.problems == [Problem(reason, None, field)]
    assert info.value.summary == "The account was refused."
    assert info.value.exit_status == 2


def test_validate_account_lists_every_bad_field() -> None:
    with pytest.raises(InvalidInput) as info:
        validate_account("", "shop", "France", "xx", "!!")
    assert fields_of(info.value) == ["name", "audience", "country", "language", "vat-number"]
    assert str(info.value).count("\n  field '") == 5


def test_r06_every_audience_may_pay_by_card() -> None:
    for audience in Audience:
        assert check_payment_kind(audience, PaymentKind.CARD) is None


def test_r06_companies_may_pay_by_transfer() -> None:
    assert check_payment_kind(Audience.COMPANY, PaymentKind.TRANSFER) is None


@pytest.mark.parametrize("audience", [Audience.MAKER, Audience.STUDENT])
def test_r06_transfer_only_for_companies(audience: Audience) -> None:
    with pytest.raises(RuleViolation) as info:
        check_payment_kind(audience, PaymentKind.TRANSFER)
    assert info.value.rule == "R06"
    assert info.value.message == (
        f"only company accounts may pay by bank transfer; this is a {audience.value} account"
    )


def test_r06_validate_card_accepts_a_processor_token() -> None:
    card = validate_card(" tok_1N3xYz ", "Visa", "4242", 12, 2027, TODAY)
    assert card == Card("tok_1N3xYz", "visa", "4242", 12, 2027)


def test_r06_a_card_expiring_this_month_is_still_valid() -> None:
    card = validate_card("pm_123", "mastercard", "0005", 3, 2026, TODAY)
    assert not card.expired_on(TODAY)
    assert card.expired_on(date(2026, 4, 1))


@pytest.mark.parametrize(
    "number",
    [
        "4242424242424242",
        "4242 4242 4242 4242",
        "5555-5555-5555-4444",
        "378282246310005",
        "4000056655665556",
    ],
)
def test_r06_validate_card_refuses_a_card_number_as_token(number: str) -> None:
    with pytest.raises(InvalidInput) as info:
        validate_card(number, "visa", "4242", 12, 2027, TODAY)
    assert info.value.problems == [
        Problem("give the payment processor's token, never the card number", None, "token")
    ]
    assert info.value.summary.startswith("R06")


def test_r06_validate_card_refuses_an_empty_token() -> None:
    with pytest.raises(InvalidInput) as info:
        validate_card("   ", "visa", "4242", 12, 2027, TODAY)
    assert fields_of(info.value) == ["token"]


@pytest.mark.parametrize("last4", ["424", "42424", "42a2", "", "4242\n"])
def test_r06_validate_card_refuses_a_wrong_last4(last4: str) -> None:
    with pytest.raises(InvalidInput) as info:
        validate_card("tok_1", "visa", last4, 12, 2027, TODAY)
    assert info.value.problems == [
        Problem("exactly the last four digits are stored", None, "last4")
    ]


@pytest.mark.parametrize(("month", "year"), [(2, 2026), (12, 2025), (3, 2020)])
def test_r06_validate_card_refuses_an_expired_card(month: int, year: int) -> None:
    with pytest.raises(InvalidInput) as info:
        validate_card("tok_1", "visa", "4242", month, year, TODAY)
    assert info.value.problems == [
        Problem(f"the card expired in {month:02d}/{year}", None, "expiry")
    ]


@pytest.mark.parametrize("month", [0, 13, -1])
def test_r06_validate_card_refuses_a_month_that_is_not_one(month: int) -> None:
    with pytest.raises(InvalidInput) as info:
        validate_card("tok_1", "visa", "4242", month, 2030, TODAY)
    assert fields_of(info.value) == ["exp-month"]


def test_r06_validate_card_lists_every_problem() -> None:
    with pytest.raises(InvalidInput) as info:
        validate_card("4242424242424242", "diners club", "42", 1, 2026, TODAY)
    assert fields_of(info.value) == ["token", "brand", "last4", "expiry"]


@given(st.from_regex(r"\A(tok|pm|card)_[A-Za-z0-9]{6,24}\Z"))
def test_r06_any_prefixed_processor_token_is_accepted(token: str) -> None:
    assert validate_card(token, "amex", "0005", 1, 2099, TODAY).token == token


@given(st.lists(st.integers(0, 9), min_size=11, max_size=18))
def test_r06_any_luhn_valid_number_is_refused_as_token(body: list[int]) -> None:
    # append the Luhn check digit to `body`
    total = 0
    for i, d in enumerate(reversed(body)):
        if i % 2 == 0:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    number = "".join(map(str, body)) + str((10 - total % 10) % 10)
    with pytest.raises(InvalidInput) as info:
        validate_card(number, "visa", "4242", 12, 2030, TODAY)
    assert fields_of(info.value) == ["token"]
