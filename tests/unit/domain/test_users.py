"""Named users, guests and seats (R14)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.users import (
    GUESTS,
    BulkKind,
    BulkPreview,
    NamedUser,
    SeatEffect,
    SeatHoldings,
    SeatUsage,
    UserQuery,
    check_guest_units,
    check_seats,
    clean_detail,
    detail_problem,
    email_problem,
    normalise_email,
)


def designer(in_use: int, purchased: int = 25) -> SeatUsage:
    return SeatUsage("designer", "Designer", purchased, in_use)


def test_r14_refusal_names_the_role_and_the_count() -> None:
    with pytest.raises(RuleViolation) as info:
        check_seats(designer(25), 1)
    assert info.value.rule == "R14"
    assert info.value.message == "Designer: 25 of 25 seats in use"
    assert str(info.value) == "R14: Designer: 25 of 25 seats in use"
    assert info.value.exit_status == 1


def test_r14_the_last_free_seat_can_be_assigned() -> None:
    assert check_seats(designer(24), 1) is None


def test_r14_two_more_than_the_last_seat_are_refused() -> None:
    with pytest.raises(RuleViolation) as info:
        check_seats(designer(24), 2)
    assert info.value.message == "Designer: 24 of 25 seats in use; 2 more requested"


def test_r14_an_empty_role_with_no_seats_refuses_one() -> None:
    with pytest.raises(RuleViolation) as info:
        check_seats(designer(0, purchased=0), 1)
    assert info.value.message == "Designer: 0 of 0 seats in use"


@pytest.mark.parametrize("adding", [0, -1, -5])
def test_r14_releasing_seats_is_never_refused_even_over_assigned(adding: int) -> None:
    assert check_seats(designer(30), adding) is None
    assert check_guest_units(designer(30), adding) is None


@given(st.integers(0, 200), st.integers(0, 200), st.integers(1, 50))
def test_r14_check_seats_refuses_exactly_past_the_purchased_count(
    purchased: int, in_use: int, adding: int
) -> None:
    usage = designer(in_use, purchased)
    if in_use + adding <= purchased:
        assert check_seats(usage, adding) is None
        assert usage.free >= adding
    else:
        with pytest.raises(RuleViolation) as info:
            check_seats(usage, adding)
        assert info.value.message.startswith(f"Designer: {in_use} of {purchased} seats in use")


def test_r14_seat_usage_free_and_over_assigned() -> None:
    assert designer(20).free == 5
    assert not designer(25).over_assigned and designer(25).free == 0
    assert designer(27).over_assigned and designer(27).free == 0
    assert str(designer(3)) == "Designer: 3 of 25 seats in use"


def test_r14_guests_consume_guest_add_on_units() -> None:
    guests = SeatUsage("guests", "Guest users", 10, 9)
    assert check_guest_units(guests, 1) is None
    with pytest.raises(RuleViolation) as info:
        check_guest_units(SeatUsage("guests", "Guest users", 10, 10), 1)
    assert info.value.rule == "R14"
    assert info.value.message == "Guest users: 10 of 10 guest users in use"
    with pytest.raises(RuleViolation) as info:
        check_guest_units(guests, 3)
    assert info.value.message == "Guest users: 9 of 10 guest users in use; 3 more requested"


def test_r14_a_named_user_defaults() -> None:
    user = NamedUser(account_id=1, email="ann@example.com")
    assert user.enabled and not user.is_guest and not user.is_admin
    assert user.roles == frozenset()


@pytest.mark.parametrize(
    "email",
    ["ann@example.com", "a.b+c@sub.example.org", "  ann@example.fr  ", "O'Neil@example.co.uk"],
)
def test_email_problem_accepts_addresses(email: str) -> None:
    assert email_problem(email) is None


@pytest.mark.parametrize("email", ["", "   "])
def test_email_problem_empty(email: str) -> None:
    assert email_problem(email) == "the email is empty"


@pytest.mark.parametrize(
    "email",
    [
        "ann",
        "ann@example",
        "ann@@example.com",
        "a b@example.com",
        "ann@example.c",
        "ann@example.com.",
        "a,b@example.com",
        "<ann@example.com>",
        "@example.com",
        "ann@.com",
    ],
)
def test_email_problem_refuses_non_addresses(email: str) -> None:
    assert email_problem(email) == f"{email.strip()!r} is not an email address"


def test_email_problem_refuses_an_overlong_address() -> None:
    email = "a" * 243 + "@example.com"  # 255 characters
    assert len(email) == 255
    assert email_problem(email) == f"{email!r} is not an email address"
    assert email_problem(email[1:]) is None


def test_normalise_email() -> None:
    assert normalise_email("  Ann.Smith@Example.COM ") == "ann.smith@example.com"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("Ada\x07Lovelace", "U+0007"),  # a bell
        ("Ada\x1fLovelace", "U+001F"),  # a unit separator, which str.split() takes for a space
        ("Ada\x85Lovelace", "U+0085"),  # next line, a C1 control
        ("\u202eecalevoL adA", "U+202E"),  # a right-to-left override
        ("Ada\u200bLovelace", "U+200B"),  # a zero-width space
    ],
)
def test_a_control_or_invisible_character_in_a_name_is_refused(value: str, code: str) -> None:
    assert detail_problem("display_name", value) == (
        f"the display name holds a control or invisible character ({code})"
    )


def test_tabs_and_line_breaks_in_a_name_are_folded_not_refused() -> None:
    assert detail_problem("display_name", "Ada\t\r\nLovelace") is None
    assert clean_detail("  Ada\t\r\n  Lovelace ") == "Ada Lovelace"


def test_an_email_with_a_control_character_is_refused() -> None:
    assert email_problem("ada\x07@acme.example") == (
        "the email holds a control or invisible character (U+0007)"
    )


def test_a_user_query_searches_as_emails_are_kept_and_sorts_by_a_column() -> None:
    query = UserQuery(7, "  Ann@X ")
    assert query.needle == "ann@x"
    assert query.sorted_by("department", descending=True) == UserQuery(
        7, "  Ann@X ", sort="department", descending=True
    )
    with pytest.raises(ValueError, match="not 'roles'"):
        UserQuery(7, sort="roles")


def test_the_holders_of_guest_units_are_the_guests_and_they_are_never_candidates() -> None:
    guests = SeatUsage(GUESTS, "Guest users", 2, 1)
    assert guests.is_guests and not designer(3).is_guests
    assert UserQuery.holders(7, guests) == UserQuery(7, guest=True)
    assert UserQuery.holders(7, designer(3)) == UserQuery(7, role="designer")
    assert UserQuery.candidates(7, designer(3), "ann") == UserQuery(
        7, "ann", guest=False, without_role="designer"
    )


def test_each_bulk_change_undoes_another() -> None:
    assert {kind: kind.inverse for kind in BulkKind} == {
        BulkKind.ENABLE: BulkKind.DISABLE,
        BulkKind.DISABLE: BulkKind.ENABLE,
        BulkKind.ASSIGN: BulkKind.UNASSIGN,
        BulkKind.UNASSIGN: BulkKind.ASSIGN,
    }
    assert [k for k in BulkKind if k.needs_role] == [BulkKind.ASSIGN, BulkKind.UNASSIGN]
    assert [k for k in BulkKind if k.takes_seats] == [BulkKind.ENABLE, BulkKind.ASSIGN]


def test_r14_a_seat_effect_past_the_seats_bought_exceeds_them() -> None:
    fits = SeatEffect(designer(23), 2, 5)
    over = SeatEffect(designer(24), 2, 5)
    frees = SeatEffect(designer(30), -2, 2)
    assert (fits.after, fits.exceeds) == (25, False)
    assert (over.after, over.exceeds) == (26, True)
    assert (frees.after, frees.exceeds) == (28, False)  # over-assigned, but freeing
    preview = BulkPreview((fits, over, frees), "R14: Designer: 24 of 25 seats in use")
    assert preview.refused and preview.short_of_seats == (over,)
    assert not BulkPreview((fits,)).refused


def test_r14_seat_holdings_count_what_a_change_of_many_users_does() -> None:
    # 1-3 enabled (1 and 2 designers, 3 a guest), 4-5 disabled (4 a designer, 5 a guest)
    holdings = SeatHoldings(
        enabled=frozenset({1, 2, 3}),
        guests=frozenset({3, 5}),
        roles={"designer": frozenset({1, 2, 4}), "named-user": frozenset({2})},
    )
    everyone, codes = {1, 2, 3, 4, 5, 99}, ["designer", "named-user", GUESTS]
    assert holdings.seat_change(BulkKind.ENABLE, everyone, codes) == {
        "designer": 1,
        "named-user": 0,
        GUESTS: 1,
    }
    assert holdings.seat_change(BulkKind.DISABLE, everyone, codes) == {
        "designer": -2,
        "named-user": -1,
        GUESTS: -1,
    }
    assert holdings.seat_change(BulkKind.ASSIGN, everyone, ["named-user"]) == {"named-user": 1}
    assert holdings.seat_change(BulkKind.UNASSIGN, {2, 4}, ["designer"]) == {"designer": -1}
    assert holdings.seat_change(BulkKind.ASSIGN, {3}, ["pilot"]) == {"pilot": 0}
