"""Assignment rules: "every enabled user whose email domain is D (or whose department
is X) gets role R", and who would gain a seat by them, within the seats bought (R14)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.users import NamedUser, SeatUsage

DOMAIN_NAME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789.-")


class RuleCriterion(StrEnum):
    EMAIL_DOMAIN = "email_domain"
    DEPARTMENT = "department"


@dataclass(frozen=True)
class AssignmentRule:
    """Users matching `criterion` = `value` get the role `role`."""

    criterion: RuleCriterion
    value: str
    role: str

    def matches(self, user: NamedUser) -> bool:
        """Enabled, non-guest users (guests hold no role seat) matching the criterion."""
        if not user.enabled or user.is_guest:
            return False
        if self.criterion is RuleCriterion.EMAIL_DOMAIN:
            return email_domain(user.email) == self.value
        return user.department.strip().casefold() == self.value.casefold()

    def describe(self, role_names: Mapping[str, str] | None = None) -> str:
        role = (role_names or {}).get(self.role, self.role)
        if self.criterion is RuleCriterion.EMAIL_DOMAIN:
            return f"Email domain {self.value} → {role}"
        return f"Department {self.value} → {role}"

    def as_json(self) -> dict[str, str]:
        return {"criterion": self.criterion.value, "value": self.value, "role": self.role}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AssignmentRule:
        return make_rule(str(data["criterion"]), str(data["value"]), str(data["role"]))


def email_domain(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def make_rule(criterion: str, value: str, role: str) -> AssignmentRule:
    """A rule from what an operator typed, normalised ("@Acme.example" → "acme.example");
    refused with every problem found."""
    problems = []
    try:
        kind = RuleCriterion(criterion)
    except ValueError:
        kind = RuleCriterion.EMAIL_DOMAIN
        problems.append(
            Problem(f"{criterion!r} is not email_domain or department", field="criterion")
        )
    text = value.strip()
    if kind is RuleCriterion.EMAIL_DOMAIN:
        text = text.lstrip("@").lower()
        if "." not in text or not set(text) <= DOMAIN_NAME_CHARACTERS or text.startswith("."):
            problems.append(Problem(f"{value.strip()!r} is not an email domain", field="value"))
    elif not text:
        problems.append(Problem("the department is empty", field="value"))
    if not role.strip():
        problems.append(Problem("the role is empty", field="role"))
    if problems:
        raise InvalidInput("The assignment rule was refused.", problems)
    return AssignmentRule(kind, text, role.strip())


@dataclass(frozen=True)
class Gain:
    """A user who would get a role by a rule."""

    user_id: int
    email: str
    role: str
    rule: AssignmentRule


@dataclass(frozen=True)
class Shortfall:
    """A user a rule names for a role, refused for lack of seats (R14)."""

    user_id: int
    email: str
    role: str
    rule: AssignmentRule
    reason: str
    rule_number: str = "R14"


@dataclass(frozen=True)
class RulesOutcome:
    """Who gains which role (by role code, then user id) and who could not."""

    gains: tuple[Gain, ...] = ()
    shortfalls: tuple[Shortfall, ...] = ()

    def user_ids_by_role(self) -> dict[str, list[int]]:
        grouped: dict[str, list[int]] = {}
        for gain in self.gains:
            grouped.setdefault(gain.role, []).append(gain.user_id)
        return grouped


def plan_assignments(
    users: Iterable[NamedUser],
    rules: Sequence[AssignmentRule],
    seats: Mapping[str, SeatUsage],
) -> RulesOutcome:
    """Who the rules would give a role they lack, within the free seats
    (`purchased - in use`), first come by user id; the rest fall short (R14).

    A user matched by several rules for one role is counted once, by the first rule.
    """
    wanted: dict[str, dict[int, tuple[NamedUser, AssignmentRule]]] = {}
    for user in sorted(users, key=lambda u: u.id or 0):
        if user.id is None:
            continue
        for rule in rules:
            if rule.role not in user.roles and rule.matches(user):
                wanted.setdefault(rule.role, {}).setdefault(user.id, (user, rule))
    gains: list[Gain] = []
    shortfalls: list[Shortfall] = []
    for role in sorted(wanted):
        candidates = list(wanted[role].values())
        usage = seats.get(role) or SeatUsage(role, role, 0, 0)
        free = usage.free
        reason = (
            f"R14: {usage}; {len(candidates)} more wanted by the rules, "
            f"{free} seat{'' if free == 1 else 's'} free"
        )
        for position, (user, rule) in enumerate(candidates):
            assert user.id is not None
            if position < free:
                gains.append(Gain(user.id, user.email, role, rule))
            else:
                shortfalls.append(Shortfall(user.id, user.email, role, rule, reason))
    return RulesOutcome(tuple(gains), tuple(shortfalls))
