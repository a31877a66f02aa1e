"""Assignment rules: who would gain which role, within the seats bought (R14)."""

from __future__ import annotations

import pytest

from desktop_admin.domain.assignment_rules import (
    AssignmentRule,
    RuleCriterion,
    make_rule,
    plan_assignments,
)
from desktop_admin.domain.errors import InvalidInput
from desktop_admin.domain.users import NamedUser, SeatUsage

ACME = make_rule("email_domain", "@Acme.example", "designer")
ENGINEERING = make_rule("department", "Engineering", "designer")


def user(uid: int, email: str, department: str = "", **flags: object) -> NamedUser:
    return NamedUser(1, email, department=department, id=uid, **flags)  # type: ignore[arg-type]


def seats(purchased: int, in_use: int) -> dict[str, SeatUsage]:
    return {"designer": SeatUsage("designer", "Designer", purchased, in_use)}


def test_a_rule_is_normalised_from_what_was_typed() -> None:
    assert AssignmentRule(RuleCriterion.EMAIL_DOMAIN, "acme.example", "designer") == ACME
    assert AssignmentRule.from_json(ACME.as_json()) == ACME
    assert ACME.describe({"designer": "Designer"}) == "Email domain acme.example → Designer"


@pytest.mark.parametrize(
    ("criterion", "value", "role", "reason"),
    [
        ("email_domain", "acme", "designer", "'acme' is not an email domain"),
        ("email_domain", "a b.example", "designer", "'a b.example' is not an email domain"),
        ("department", "  ", "designer", "the department is empty"),
        ("department", "Sales", "", "the role is empty"),
        ("team", "x", "designer", "'team' is not email_domain or department"),
    ],
)
def test_a_malformed_rule_is_refused_naming_the_problem(
    criterion: str, value: str, role: str, reason: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        make_rule(criterion, value, role)
    assert reason in str(refused.value)


def test_enabled_users_of_the_domain_gain_the_role_in_user_id_order() -> None:
    users = [
        user(3, "c@acme.example"),
        user(1, "a@ACME.example"),
        user(2, "b@other.example"),
        user(4, "d@acme.example", enabled=False),
        user(5, "e@acme.example", is_guest=True),
        user(6, "f@acme.example", roles=frozenset({"designer"})),
        user(7, "g@sub.acme.example"),
    ]
    outcome = plan_assignments(users, [ACME], seats(10, 1))
    assert [(g.user_id, g.role) for g in outcome.gains] == [(1, "designer"), (3, "designer")]
    assert outcome.shortfalls == ()
    assert outcome.user_ids_by_role() == {"designer": [1, 3]}


def test_department_rules_match_whatever_the_case_and_a_user_counts_once() -> None:
    users = [user(1, "a@acme.example", " engineering "), user(2, "b@x.example", "Engineering")]
    outcome = plan_assignments(users, [ACME, ENGINEERING], seats(5, 0))
    assert [(g.user_id, g.rule) for g in outcome.gains] == [(1, ACME), (2, ENGINEERING)]


def test_r14_past_the_free_seats_users_fall_short_first_come_by_id() -> None:
    users = [user(uid, f"u{uid}@acme.example") for uid in (5, 2, 9, 7)]
    outcome = plan_assignments(users, [ACME], seats(12, 10))  # 2 free
    assert [g.user_id for g in outcome.gains] == [2, 5]
    assert [s.user_id for s in outcome.shortfalls] == [7, 9]
    short = outcome.shortfalls[0]
    assert short.rule_number == "R14"
    assert short.reason == (
        "R14: Designer: 10 of 12 seats in use; 4 more wanted by the rules, 2 seats free"
    )


def test_r14_an_over_assigned_or_unbought_role_gives_no_seat() -> None:
    users = [user(1, "a@acme.example")]
    over = plan_assignments(users, [ACME], seats(3, 4))
    assert over.gains == () and len(over.shortfalls) == 1
    assert over.shortfalls[0].reason.startswith("R14: Designer: 4 of 3 seats in use")
    unbought = plan_assignments(users, [make_rule("department", "x", "zoom")], {})
    assert unbought.gains == ()
    never = plan_assignments(
        [user(1, "a@b.example", "x")], [make_rule("department", "x", "zoom")], {}
    )
    assert never.shortfalls[0].reason.startswith("R14: zoom: 0 of 0 seats in use")


def test_several_roles_come_out_by_role_code() -> None:
    users = [user(1, "a@acme.example", "Ops"), user(2, "b@acme.example")]
    rules = [ACME, make_rule("department", "ops", "named-user")]
    outcome = plan_assignments(
        users,
        rules,
        {**seats(5, 0), "named-user": SeatUsage("named-user", "Named user", 5, 0)},
    )
    assert [(g.role, g.user_id) for g in outcome.gains] == [
        ("designer", 1),
        ("designer", 2),
        ("named-user", 1),
    ]
