"""Accounts (R01 audience) and their payment methods (R06); editing, archiving, and
what an archived account still accepts."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from enum import StrEnum

from desktop_admin.domain.card_data import card_data_problem
from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.errors import DomainError, InvalidInput, Problem, RuleViolation
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.domain.users import clean_detail, email_problem, hidden_character

COUNTRY = re.compile(r"^[A-Z]{2}$")
POSTCODE = re.compile(r"^[A-Z0-9](?:[A-Z0-9 -]*[A-Z0-9])?$", re.I)
VAT_NUMBER = re.compile(r"^[A-Z]{2}[A-Z0-9]{2,13}$")
LANGUAGES = ("en", "fr")
CARD_BRANDS = ("visa", "mastercard", "amex", "cb", "discover", "jcb", "unionpay")
#: The longest value kept per field (the columns' width).
LONGEST = {
    "name": 200,
    "billing_email": 254,
    "street": 400,
    "postcode": 16,
    "city": 100,
    "buyer_reference": 100,
    "purchase_order": 100,
}
REFUSED = "The account was refused."


class PaymentKind(StrEnum):
    CARD = "card"
    TRANSFER = "transfer"


class AccountArchived(DomainError):
    """The account is archived: it takes no new user, purchase or payment method."""


@dataclass(frozen=True)
class Account:
    name: str
    audience: Audience
    country: str
    language: str = "en"
    vat_number: str | None = None
    billing_email: str | None = None
    #: The postal address: street lines, postcode and city (the country is `country`).
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    #: Printed on the account's invoices: the buyer's reference (BT-10) and purchase
    #: order number (BT-13).
    buyer_reference: str | None = None
    purchase_order: str | None = None
    archived_on: date | None = None
    id: int | None = None
    version: int = 0

    @property
    def address(self) -> str | None:
        """The postal address as documents print it: the street lines, then the postcode
        and city on one line; None when there is none."""
        lines = [line.strip() for line in (self.street or "").splitlines() if line.strip()]
        place = " ".join(part for part in (self.postcode, self.city) if part)
        return "\n".join([*lines, place] if place else lines) or None

    @property
    def archived(self) -> bool:
        return self.archived_on is not None

    def without_contact(self) -> Account:
        """The account without its billing e-mail and postal address (R17's purge)."""
        return replace(self, billing_email=None, street=None, postcode=None, city=None)

    def check_open(self) -> None:
        """Refuse anything new (a user, a purchase, a payment method) once archived."""
        if self.archived_on is not None:
            raise AccountArchived(
                f"account {self.id} ({self.name}) was archived on "
                f"{self.archived_on.isoformat()}; it takes no new user, purchase or "
                "payment method"
            )


@dataclass(frozen=True)
class AccountFields:
    """An account's details as an operator types them, before `validate_fields`."""

    name: str
    audience: str
    country: str
    language: str = "en"
    vat_number: str | None = None
    billing_email: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    buyer_reference: str | None = None
    purchase_order: str | None = None

    @classmethod
    def of(cls, account: Account) -> AccountFields:
        """What the account holds, as fields to edit."""
        values = {f.name: getattr(account, f.name) for f in fields(cls)}
        return cls(**{**values, "audience": account.audience.value})

    def but(self, changes: dict[str, str | None]) -> AccountFields:
        """These fields with `changes` (a None value keeps the field, "" empties it)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def problem_field(attribute: str) -> str:
    """The name a `Problem` gives an account's field: `vat_number` is `vat-number`."""
    return attribute.replace("_", "-")


def _text(attribute: str, value: str | None, problems: list[Problem]) -> str | None:
    """An optional field as kept: the street keeps its lines, the others are one line;
    None when empty. Too long, hidden characters or card data are problems."""
    if value is None:
        return None
    if attribute == "street":
        text = "\n".join(clean_detail(ln) for ln in value.splitlines() if ln.strip())
    else:
        text = clean_detail(value)
    label, field = attribute.replace("_", " "), problem_field(attribute)
    hidden = hidden_character(value)
    if hidden is not None:
        why: str | None = f"holds a control or invisible character (U+{ord(hidden):04X})"
    elif len(text) > LONGEST[attribute]:
        why = f"is longer than {LONGEST[attribute]} characters"
    else:
        why = card_data_problem(text)
    if why:
        problems.append(Problem(f"the {label} {why}", field=field))
    return text or None


def _contact_problems(account: Account) -> list[Problem]:
    problems = []
    if account.billing_email and (reason := email_problem(account.billing_email)):
        problems.append(Problem(reason, field="billing-email"))
    if account.postcode and not POSTCODE.match(account.postcode):
        reason = f"{account.postcode!r} is not a postcode (letters, digits, spaces and dashes)"
        problems.append(Problem(reason, field="postcode"))
    return problems


def validate_fields(typed: AccountFields) -> Account:
    """Build an account from untrusted fields, listing every bad one (`InvalidInput`)."""
    problems: list[Problem] = []
    name = _text("name", typed.name, problems) or ""
    if not name and not problems:
        problems.append(Problem("the name must not be empty", field="name"))
    try:
        audience = Audience(typed.audience)
    except ValueError:
        problems.append(
            Problem(f"{typed.audience!r} is not company, maker or student", field="audience")
        )
        audience = Audience.COMPANY
    country = typed.country.strip().upper()
    if not country:
        problems.append(Problem("the country must be given (e.g. FR)", field="country"))
    elif not COUNTRY.match(country):
        problems.append(
            Problem(f"{typed.country!r} is not a two-letter country code", field="country")
        )
    if typed.language not in LANGUAGES:
        problems.append(
            Problem(f"{typed.language!r} is not one of {', '.join(LANGUAGES)}", field="language")
        )
    vat = (typed.vat_number or "").replace(" ", "").upper() or None
    if vat and not VAT_NUMBER.match(vat):
        reason = f"{typed.vat_number!r} is not a VAT number (e.g. FR40303265045)"
        problems.append(Problem(reason, field="vat-number"))
    account = Account(
        name,
        audience,
        country,
        typed.language,
        vat,
        billing_email=_text("billing_email", typed.billing_email, problems),
        street=_text("street", typed.street, problems),
        postcode=_text("postcode", typed.postcode, problems),
        city=_text("city", typed.city, problems),
        buyer_reference=_text("buyer_reference", typed.buyer_reference, problems),
        purchase_order=_text("purchase_order", typed.purchase_order, problems),
    )
    problems += _contact_problems(account)
    if problems:
        raise InvalidInput(REFUSED, problems)
    return account


def validate_account(
    name: str, audience: str, country: str, language: str, vat_number: str | None
) -> Account:
    """Build an account from its main untrusted fields, listing every bad one."""
    return validate_fields(AccountFields(name, audience, country, language, vat_number))


def running(subscriptions: Sequence[Subscription], today: date) -> list[Subscription]:
    """The subscriptions in force or about to start: trial or active, not ended."""
    return [
        s
        for s in subscriptions
        if s.status in (SubscriptionStatus.TRIAL, SubscriptionStatus.ACTIVE)
        and (s.ends_on is None or today < s.ends_on)
    ]


def check_audience_change(
    before: Account,
    after: Account,
    subscriptions: Sequence[Subscription],
    methods: Sequence[PaymentMethod],
    today: date,
) -> None:
    """R01: the audience decides the cycles and prices, so it changes only while no
    subscription runs; R06: an account keeping a bank transfer stays a company."""
    if before.audience is after.audience:
        return
    if live := running(subscriptions, today):
        raise RuleViolation(
            "R01",
            f"the audience decides the cycles and prices of subscription {live[0].id}, which "
            f"runs; it stays a {before.audience.value} account until the subscription ends",
        )
    if after.audience is not Audience.COMPANY and any(
        m.kind is PaymentKind.TRANSFER for m in methods
    ):
        raise RuleViolation(
            "R06",
            f"only company accounts may pay by bank transfer; remove the account's bank "
            f"transfer before making it a {after.audience.value} account",
        )


def check_archivable(
    account: Account,
    subscriptions: Sequence[Subscription],
    open_invoices: Sequence[str],
    today: date,
) -> None:
    """An account is archived once nothing runs or is owed: no subscription in force or
    about to start, no invoice open (`open_invoices`: their numbers)."""
    if account.archived_on is not None:
        raise DomainError(
            f"account {account.id} ({account.name}) was archived on "
            f"{account.archived_on.isoformat()} already"
        )
    live = running(subscriptions, today)
    blockers = [f"subscription {s.id} runs" for s in live]
    blockers += [f"invoice {number} is open" for number in open_invoices]
    if not blockers:
        return
    advice = []
    if live:
        them = "it" if len(live) == 1 else "them"
        advice.append(f"cancel the subscription{'s' * (len(live) > 1)} or let {them} end")
    if open_invoices:
        one = len(open_invoices) == 1
        advice.append(
            "record the invoice's payment or credit it"
            if one
            else "record the invoices' payments or credit them"
        )
    raise DomainError(
        f"{account.name} cannot be archived while {_listed(blockers)}; {' and '.join(advice)} first"
    )


def _listed(parts: Sequence[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1]


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

    @property
    def expiry(self) -> str:
        return f"{self.exp_month:02d}/{self.exp_year}"


@dataclass(frozen=True)
class PaymentMethod:
    kind: PaymentKind
    card: Card | None = None
    id: int | None = None

    def recorded(self) -> dict[str, str]:
        """What the audit trail keeps of it (never the token)."""
        if self.card is None:
            return {"kind": self.kind.value}
        card = self.card
        return {"kind": "card", "brand": card.brand, "last4": card.last4, "expiry": card.expiry}


def check_payment_kind(audience: Audience, kind: PaymentKind) -> None:
    """R06: every audience may pay by card; only companies by bank transfer."""
    if kind is PaymentKind.TRANSFER and audience is not Audience.COMPANY:
        raise RuleViolation(
            "R06",
            f"only company accounts may pay by bank transfer; this is a {audience.value} account",
        )


def check_removable(
    method: PaymentMethod,
    methods: Sequence[PaymentMethod],
    subscriptions: Sequence[Subscription],
    today: date,
) -> None:
    """R06: payment is upfront, so a subscription in force keeps a method of the kind it
    pays with: the last card (or bank transfer) it pays by is not removed."""
    if any(m.kind is method.kind and m.id != method.id for m in methods):
        return
    paying = [
        s
        for s in running(subscriptions, today)
        if s.status is SubscriptionStatus.ACTIVE and s.payment_kind == method.kind.value
    ]
    if paying:
        what = "card" if method.kind is PaymentKind.CARD else "bank transfer"
        raise RuleViolation(
            "R06",
            f"subscription {paying[0].id} pays by {what} and this is the account's last "
            f"{what}; record another {what} before removing this one",
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
