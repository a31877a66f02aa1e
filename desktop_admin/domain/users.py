"""Named users, guests and the seats they consume (R14)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from desktop_admin.domain.errors import RuleViolation

EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[^@\s,;<>\".]{2,}$")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_problem(email: str) -> str | None:
    """Why `email` is not acceptable, or None."""
    if not email.strip():
        return "the email is empty"
    hidden = hidden_character(email)
    if hidden is not None:
        return f"the email holds a control or invisible character (U+{ord(hidden):04X})"
    if len(email) > 254 or not EMAIL.match(email.strip()):
        return f"{email.strip()!r} is not an email address"
    return None


#: The longest display name or department kept (the columns' width).
MAX_DETAIL = 200


def clean_detail(value: str) -> str:
    """A display name or department as kept: line breaks, tabs and runs of spaces
    become one space, and none lead or trail."""
    return " ".join(value.split())


def hidden_character(text: str) -> str | None:
    """The first control or invisible formatting character of `text` (a bell, an escape,
    a right-to-left override, a zero-width space), or None. Tabs and line breaks are
    not: they are whitespace, folded by `clean_detail`."""
    for c in text:
        if c in "\t\n\r":
            continue
        if unicodedata.category(c) in ("Cc", "Cf"):
            return c
    return None


def detail_problem(field: str, value: str) -> str | None:
    """Why a display name or department (`field`) cannot be kept, or None."""
    hidden = hidden_character(value)
    if hidden is not None:
        return (
            f"the {field.replace('_', ' ')} holds a control or invisible character "
            f"(U+{ord(hidden):04X})"
        )
    text = clean_detail(value)
    if len(text) > MAX_DETAIL:
        return f"longer than {MAX_DETAIL} characters ({len(text)})"
    return None


@dataclass(frozen=True)
class NamedUser:
    """A person of a customer account. Enabled or disabled, never deleted to free
    a seat (R14); `is_admin` marks the account's administrators, whom an
    automatic seat reduction never disables (R15)."""

    account_id: int
    email: str
    display_name: str = ""
    department: str = ""
    enabled: bool = True
    is_guest: bool = False
    is_admin: bool = False
    roles: frozenset[str] = frozenset()
    id: int | None = None
    version: int = 0


@dataclass(frozen=True)
class SeatUsage:
    """Seats of one role (or guest units of an add-on) in one account."""

    code: str
    name: str
    purchased: int
    in_use: int

    @property
    def free(self) -> int:
        return max(self.purchased - self.in_use, 0)

    @property
    def over_assigned(self) -> bool:
        return self.in_use > self.purchased

    def __str__(self) -> str:
        return f"{self.name}: {self.in_use} of {self.purchased} seats in use"


def check_seats(usage: SeatUsage, adding: int) -> None:
    """R14: refuse to put `adding` more enabled users on a role past its seats."""
    if adding > 0 and usage.in_use + adding > usage.purchased:
        more = f"; {adding} more requested" if adding > 1 else ""
        raise RuleViolation("R14", f"{usage}{more}")


def check_guest_units(usage: SeatUsage, adding: int) -> None:
    """R14: guests consume units of the subscription's guest-user add-on."""
    if adding > 0 and usage.in_use + adding > usage.purchased:
        raise RuleViolation(
            "R14",
            f"{usage.name}: {usage.in_use} of {usage.purchased} guest users in use"
            + (f"; {adding} more requested" if adding > 1 else ""),
        )
