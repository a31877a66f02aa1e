"""Named users, guests and the seats they consume (R14)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Mapping, Set
from dataclasses import dataclass, replace
from enum import StrEnum

from desktop_admin.domain.card_data import card_data_problem
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
    if reason := card_data_problem(text):
        return f"the {field.replace('_', ' ')} {reason}"
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


#: The code of the guest units in an account's seat usage: guests hold no role seat,
#: each enabled one uses a unit of the guest-user add-on instead (R14).
GUESTS = "__guests__"


@dataclass(frozen=True)
class SeatUsage:
    """Seats of one role (or guest units of an add-on) in one account."""

    code: str
    name: str
    purchased: int
    in_use: int

    @property
    def is_guests(self) -> bool:
        """Whether these are the guest units rather than a role's seats: no role to
        assign, and their holders are the guest users."""
        return self.code == GUESTS

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


#: The orders a list of users may be sorted in (a column each, ties broken by id).
USER_SORTS = ("email", "display_name", "department", "enabled", "id")


@dataclass(frozen=True)
class UserQuery:
    """Which users of an account to list, and in what order: the one way users are
    read for people to see (tables, pickers, exports, the command line).

    `search` matches part of the email or the display name, whatever the case, the
    characters `%` and `_` standing for themselves; `role` keeps the holders of a
    role, `without_role` those who do not hold it; `guest` keeps guests (True) or
    the other users (False)."""

    account_id: int
    search: str = ""
    enabled: bool | None = None
    role: str | None = None
    sort: str = "email"
    descending: bool = False
    guest: bool | None = None
    without_role: str | None = None

    def __post_init__(self) -> None:
        if self.sort not in USER_SORTS:
            raise ValueError(
                f"users are sorted by one of {', '.join(USER_SORTS)}, not {self.sort!r}"
            )

    @property
    def needle(self) -> str:
        """What the search looks for, as the emails are kept: trimmed, lower-case."""
        return self.search.strip().lower()

    def sorted_by(self, sort: str, descending: bool = False) -> UserQuery:
        return replace(self, sort=sort, descending=descending)

    @classmethod
    def holders(cls, account_id: int, seats: SeatUsage) -> UserQuery:
        """Who holds a role's seats, or, for the guest units, the guest users."""
        if seats.is_guests:
            return cls(account_id, guest=True)
        return cls(account_id, role=seats.code)

    @classmethod
    def candidates(cls, account_id: int, seats: SeatUsage, search: str = "") -> UserQuery:
        """Who may be given a role: the users not holding it yet, guests excepted."""
        return cls(account_id, search, guest=False, without_role=seats.code)


class BulkKind(StrEnum):
    """A change made to many users at once, in one transaction (R14)."""

    ENABLE = "enable"
    DISABLE = "disable"
    ASSIGN = "assign"
    UNASSIGN = "unassign"

    @property
    def needs_role(self) -> bool:
        return self in (BulkKind.ASSIGN, BulkKind.UNASSIGN)

    @property
    def takes_seats(self) -> bool:
        return self in (BulkKind.ENABLE, BulkKind.ASSIGN)

    @property
    def inverse(self) -> BulkKind:
        return {
            BulkKind.ENABLE: BulkKind.DISABLE,
            BulkKind.DISABLE: BulkKind.ENABLE,
            BulkKind.ASSIGN: BulkKind.UNASSIGN,
            BulkKind.UNASSIGN: BulkKind.ASSIGN,
        }[self]


@dataclass(frozen=True)
class SeatEffect:
    """What a bulk change does to one role's seats (or to the guest units): `change`
    seats taken (> 0) or freed (< 0), among `selected` users."""

    seats: SeatUsage
    change: int
    selected: int

    @property
    def after(self) -> int:
        return self.seats.in_use + self.change

    @property
    def exceeds(self) -> bool:
        """R14: the change needs more seats than the account bought."""
        return self.change > 0 and self.after > self.seats.purchased


@dataclass(frozen=True)
class BulkPreview:
    """A bulk change's seat effect before it is made, and the sentence of the refusal
    (R14, R17...) the change would meet, if any."""

    effects: tuple[SeatEffect, ...]
    refusal: str | None = None

    @property
    def refused(self) -> bool:
        return self.refusal is not None

    @property
    def short_of_seats(self) -> tuple[SeatEffect, ...]:
        return tuple(e for e in self.effects if e.exceeds)


@dataclass(frozen=True)
class SeatHoldings:
    """Who in an account is enabled, who is a guest and who holds each role (by user
    id): enough to count what a change of many users does to the seats (R14)."""

    enabled: frozenset[int]
    guests: frozenset[int]
    roles: Mapping[str, frozenset[int]]

    def seat_change(self, kind: BulkKind, selected: Set[int], codes: list[str]) -> Counter[str]:
        """The seats (and guest units, under `GUESTS`) the change of the `selected`
        users takes (> 0) or frees (< 0), per role code of `codes`: the role changed
        when assigning or unassigning, the roles to count when enabling or disabling."""
        enabled = selected & self.enabled
        if kind.needs_role:
            [role] = codes
            holders = self.roles.get(role, frozenset())
            if kind is BulkKind.ASSIGN:
                return Counter({role: len(enabled - holders - self.guests)})
            return Counter({role: -len(enabled & holders)})
        moving, sign = (selected - enabled, 1) if kind is BulkKind.ENABLE else (enabled, -1)
        change = Counter(
            {
                code: sign * len(moving & self.roles.get(code, frozenset()))
                for code in codes
                if code != GUESTS
            }
        )
        change[GUESTS] = sign * len(moving & self.guests)
        return change
