"""Subscriptions, the audit trail and the error types."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from desktop_admin.domain.audit import AuditEntry, changed_fields
from desktop_admin.domain.errors import (
    AuthenticationFailed,
    ConflictError,
    DomainError,
    InvalidInput,
    NotFound,
    PermissionDenied,
    Problem,
    RuleViolation,
)
from desktop_admin.domain.periods import Cycle, Period
from desktop_admin.domain.subscriptions import SEAT_GRANTING, Subscription, SubscriptionStatus


def subscription(**changes: object) -> Subscription:
    fields: dict[str, object] = {
        "account_id": 1,
        "cycle": Cycle.MONTHLY,
        "anchor": date(2026, 1, 31),
        "seats": {"designer": 25},
    }
    fields.update(changes)
    return Subscription(**fields)  # type: ignore[arg-type]


def test_r07_current_period_is_anchored() -> None:
    sub = subscription()
    assert sub.current_period(date(2026, 3, 15)) == Period(date(2026, 2, 28), date(2026, 3, 31))
    assert sub.current_period(date(2026, 3, 31)) == Period(date(2026, 3, 31), date(2026, 4, 30))
    yearly = subscription(cycle=Cycle.YEARLY, anchor=date(2025, 7, 1))
    assert yearly.current_period(date(2026, 3, 15)) == Period(date(2025, 7, 1), date(2026, 7, 1))


def test_seat_granting_statuses() -> None:
    assert {SubscriptionStatus.TRIAL, SubscriptionStatus.ACTIVE} == SEAT_GRANTING


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (SubscriptionStatus.ACTIVE, True),
        (SubscriptionStatus.TRIAL, True),
        (SubscriptionStatus.CANCELLED, False),
        (SubscriptionStatus.ENDED, False),
        (SubscriptionStatus.FROZEN, False),
    ],
)
def test_r17_only_active_and_trial_subscriptions_grant_seats(
    status: SubscriptionStatus, expected: bool
) -> None:
    assert subscription(status=status).grants_seats_on(date(2026, 2, 1)) is expected


def test_r18_grants_seats_from_the_anchor_until_it_ends() -> None:
    sub = subscription(status=SubscriptionStatus.TRIAL, ends_on=date(2026, 3, 2))
    assert not sub.grants_seats_on(date(2026, 1, 30))
    assert sub.grants_seats_on(date(2026, 1, 31))
    assert sub.grants_seats_on(date(2026, 3, 1))
    assert not sub.grants_seats_on(date(2026, 3, 2))
    assert subscription().grants_seats_on(date(2099, 1, 1))


def test_subscription_defaults() -> None:
    sub = subscription()
    assert sub.status is SubscriptionStatus.ACTIVE and sub.auto_renew
    assert sub.ends_on is None and dict(sub.addons) == {}


def test_changed_fields_lists_differences_sorted() -> None:
    before = {"enabled": True, "name": "Ann", "roles": ["designer"]}
    after = {"enabled": False, "name": "Ann", "roles": ["viewer"], "email": "a@x.io"}
    assert changed_fields(before, after) == ["email", "enabled", "roles"]
    assert changed_fields(None, {"b": 1, "a": 2}) == ["a", "b"]
    assert changed_fields({"a": 1}, None) == ["a"]
    assert changed_fields(None, None) == []
    assert changed_fields(before, dict(before)) == []


def test_audit_entry_holds_before_and_after() -> None:
    entry = AuditEntry(
        datetime(2026, 3, 15, 9, 30),
        "alice",
        "disable",
        "user",
        "42",
        {"enabled": True},
        {"enabled": False},
    )
    assert changed_fields(entry.before, entry.after) == ["enabled"]
    assert entry.id is None


def test_domain_error_str_names_the_rule() -> None:
    assert str(DomainError("plain")) == "plain"
    error = RuleViolation("R09", "renewal can no longer be stopped; the deadline was 2026-06-26")
    assert str(error) == "R09: renewal can no longer be stopped; the deadline was 2026-06-26"
    assert (error.rule, error.exit_status) == ("R09", 1)


@pytest.mark.parametrize(
    ("kind", "status"),
    [
        (RuleViolation, 1),
        (PermissionDenied, 1),
        (AuthenticationFailed, 1),
        (ConflictError, 1),
        (NotFound, 2),
        (InvalidInput, 2),
    ],
)
def test_exit_status_per_error_kind(kind: type[DomainError], status: int) -> None:
    assert kind.exit_status == status
    assert issubclass(kind, DomainError)


@pytest.mark.parametrize(
    ("problem", "text"),
    [
        (Problem("bad", 3, "email"), "line 3, field 'email': bad"),
        (Problem("bad", 3), "line 3: bad"),
        (Problem("bad", field="email"), "field 'email': bad"),
        (Problem("bad"), "bad"),
    ],
)
def test_problem_says_where(problem: Problem, text: str) -> None:
    assert str(problem) == text


def test_invalid_input_lists_every_problem_with_its_source() -> None:
    error = InvalidInput(
        "The file was refused.", [Problem("a", 2, "email"), Problem("b", 5, "roles")], "users.csv"
    )
    assert str(error) == (
        "The file was refused.\n"
        "  users.csv: line 2, field 'email': a\n"
        "  users.csv: line 5, field 'roles': b"
    )
    assert error.summary == "The file was refused."
    assert error.source == "users.csv"
    assert str(InvalidInput("Nothing.")) == "Nothing."
