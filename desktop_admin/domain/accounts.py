"""Accounts (R01 audience) and their payment methods (R06)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from desktop_admin.domain.card_data import card_data_problem
from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.errors import InvalidInput, Problem, RuleViolation

COUNTRY = re.compile(r"^[A-Z]{2}$")
LANGUAGES = ("en", "fr")
CARD_BRANDS = ("visa", "mastercard", "amex", "cb", "discover", "jcb", "unionpay")


class PaymentKind(StrEnum):
    CARD = "card"
    TRANSFER = "transfer"


@dataclass(frozen=True)
class Account:
    name: str
    audience: Audience
    country: str
    language: str = "en"
    vat_number: str | None = None
    billing_email: str | None = None
    address: str | None = None
    id: int | None = None
    version: int = 0


def validate_account(
    name: str, audience: str, country: str, language: str, vat_number: str | None
) -> Account:
    """Build an account from untrusted fields, listing every bad one."""
    problems: list[Problem] = []
    if not name.strip():
        problems.append(Problem("the name must not be empty", field="name"))
    try:
        aud = Audience(audience)
    except ValueError:
        problems.append(Problem(f"{audience!r} is not company, maker or student", field="audience"))
        aud = Audience.COMPANY
    if not COUNTRY.match(country.upper()):
        problems.append(Problem(f"{country!r} is not a two-letter country code", field="country"))
    if language not in LANGUAGES:
        problems.append(
            Problem(f"{language!r} is not one of {', '.join(LANGUAGES)}", field="language")
        )
    if reason := card_data_problem(name):
        problems.append(Problem(f"the name {reason}", field="name"))
    vat = (vat_number or "").replace(" ", "").upper() or None
    if vat and not re.match(r"^[A-Z]{2}[A-Z0-9]{2,13}$", vat):
        problems.append(
            Problem(f"{vat_number!r} is not a VAT number (e.g. FR40303265045)", field="vat-number")
        )
    if problems:
        raise InvalidInput("The account was refused.", problems)
    return Account(
        name=name.strip(), audience=aud, country=country.upper(), language=language, vat_number=vat
    )


@dataclass(frozen=True)
class Card:
    """R06: a card is a processor token, brand, last four digits and expiry; never
    the full number or the security code."""

    token: str
    brand: str
    last4: str
    exp_month: int
    exp_year: int

    def expired_on(self, day: date) -> bool:
        return (self.exp_year, self.exp_month) < (day.year, day.month)


@dataclass(frozen=True)
class PaymentMethod:
    kind: PaymentKind
    card: Card | None = None
    id: int | None = None


def check_payment_kind(audience: Audience, kind: PaymentKind) -> None:
    """R06: every audience may pay by card; only companies by bank transfer."""
    if kind is PaymentKind.TRANSFER and audience is not Audience.COMPANY:
        raise RuleViolation(
            "R06",
            f"only company accounts may pay by bank transfer; this is a {audience.value} account",
        )


def _only_digits(token: str) -> bool:
    """A token is the processor's reference, never a bare number (a card number from a
    network this check does not know is still a number)."""
    digits = re.sub(r"[\s\-._/]", "", token)
    return len(digits) >= 12 and digits.isdigit()


def validate_card(
    token: str, brand: str, last4: str, exp_month: int, exp_year: int, today: date
) -> Card:
    """R06: accept only what may be stored; refuse anything resembling a card number."""
    problems: list[Problem] = []
    if not token.strip() or card_data_problem(token) or _only_digits(token):
        problems.append(
            Problem("give the payment processor's token, never the card number", field="token")
        )
    if brand.lower() not in CARD_BRANDS:
        problems.append(
            Problem(f"{brand!r} is not a known brand ({', '.join(CARD_BRANDS)})", field="brand")
        )
    if not re.fullmatch(r"\d{4}", last4):
        problems.append(Problem("exactly the last four digits are stored", field="last4"))
    if not 1 <= exp_month <= 12:
        problems.append(Problem(f"{exp_month} is not a month", field="exp-month"))
    elif (exp_year, exp_month) < (today.year, today.month):
        problems.append(Problem(f"the card expired in {exp_month:02d}/{exp_year}", field="expiry"))
    if problems:
        raise InvalidInput("R06: the card was refused.", problems)
    return Card(token.strip(), brand.lower(), last4, exp_month, exp_year)
