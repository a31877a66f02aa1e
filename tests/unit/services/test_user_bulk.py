"""Bulk changes of users and their preview: the seats each role gains or frees, and the
refusal (R14, R17) the change would meet, from the same checks as the change itself.
(Past `ROWS_LIMIT` users the preview reads id lists, a read model: tests/integration.)"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_admin.domain.errors import PermissionDenied, RuleViolation
from desktop_admin.domain.subscriptions import SubscriptionStatus
from desktop_admin.domain.users import GUESTS, BulkKind, BulkPreview
from desktop_admin.services import user_bulk
from tests.unit.services.builders import (
    CLERK,
    seed_account,
    seed_subscription,
    seed_user,
    seed_users,
)
from tests.unit.services.contexts import context
from tests.unit.services.fakes import FakeClock, FakeUnitOfWork
from tests.unit.services.user_world import World, ids, seat_world


@pytest.fixture
def world(uow: FakeUnitOfWork, clock: FakeClock) -> World:
    return seat_world(uow, clock)


def effects(preview: BulkPreview) -> list[tuple[str, int, int, int, int]]:
    """(code, in use, bought, change, selected) per line."""
    return [
        (e.seats.code, e.seats.in_use, e.seats.purchased, e.change, e.selected)
        for e in preview.effects
    ]


def test_r14_assigning_within_the_seats_is_previewed_and_made(world: World) -> None:
    holder = seed_user(world.uow, world.account_id, "held@x.com", ["designer"])
    off = seed_user(world.uow, world.account_id, "off@x.com", enabled=False)
    new = seed_user(world.uow, world.account_id, "new@x.com")
    chosen = [holder, off, new]
    before = world.uow.picture()
    preview = world.preview(BulkKind.ASSIGN, chosen, "designer")
    # the holder keeps its seat, a disabled user takes none: one more seat in use
    assert effects(preview) == [("designer", 1, 2, 1, 3)]
    assert not preview.refused and preview.short_of_seats == ()
    assert world.uow.picture() == before and world.uow.commits == 0
    changed = user_bulk.bulk_change(
        world.by(), kind=BulkKind.ASSIGN, user_ids=ids(chosen), role="designer"
    )
    assert ids(changed) == ids([off, new])
    assert world.uow.users.seats_in_use(world.account_id)["designer"] == 2


def test_r14_a_change_past_the_seats_is_previewed_as_refused_in_the_services_words(
    world: World,
) -> None:
    three = seed_users(world.uow, world.account_id, 3)
    preview = world.preview(BulkKind.ASSIGN, three, "designer")
    [effect] = preview.effects
    assert (effect.change, effect.after, effect.exceeds) == (3, 3, True)
    assert preview.short_of_seats == (effect,)
    with pytest.raises(RuleViolation) as refused:
        user_bulk.bulk_change(
            world.by(), kind=BulkKind.ASSIGN, user_ids=ids(three), role="designer"
        )
    assert preview.refusal == str(refused.value)
    assert preview.refusal == "R14: Designer: 0 of 2 seats in use; 3 more requested"


def test_r14_giving_a_guest_a_role_is_previewed_as_refused(world: World) -> None:
    guest = seed_user(world.uow, world.account_id, "g@x.com", is_guest=True)
    preview = world.preview(BulkKind.ASSIGN, [guest], "named-user")
    assert effects(preview) == [("named-user", 0, 3, 0, 1)]  # no seat, yet refused
    assert preview.refused and "g@x.com is a guest user" in (preview.refusal or "")
    assert preview.short_of_seats == ()


def test_enabling_and_disabling_show_only_the_roles_whose_seats_move(world: World) -> None:
    designers = seed_users(world.uow, world.account_id, 2, ["designer"], enabled=False)
    both = seed_user(world.uow, world.account_id, "b@x.com", ["designer", "named-user"], False)
    guest = seed_user(world.uow, world.account_id, "g@x.com", enabled=False, is_guest=True)
    enabling = world.preview(BulkKind.ENABLE, [*designers, both, guest])
    assert effects(enabling) == [
        ("designer", 0, 2, 3, 3),
        ("named-user", 0, 3, 1, 1),
        (GUESTS, 0, 1, 1, 1),
    ]
    assert enabling.refusal == "R14: Designer: 0 of 2 seats in use; 3 more requested"
    user_bulk.bulk_change(world.by(), kind=BulkKind.ENABLE, user_ids=ids(designers))
    disabling = world.preview(BulkKind.DISABLE, [*designers, both])
    assert effects(disabling) == [("designer", 2, 2, -2, 2)]  # `both` is disabled already
    assert not disabling.refused


def test_unassigning_frees_the_seats_of_the_enabled_holders(world: World) -> None:
    on = seed_users(world.uow, world.account_id, 2, ["designer"])
    off = seed_user(world.uow, world.account_id, "off@x.com", ["designer"], enabled=False)
    preview = world.preview(BulkKind.UNASSIGN, [*on, off], "designer")
    assert effects(preview) == [("designer", 2, 2, -2, 3)] and not preview.refused


def test_the_users_of_other_accounts_are_left_out_of_the_preview(world: World) -> None:
    other = seed_account(world.uow, "Other")
    theirs = seed_users(world.uow, other.id or 0, 3, prefix="other")
    mine = seed_users(world.uow, world.account_id, 1)
    preview = world.preview(BulkKind.ASSIGN, [*theirs, *mine], "designer")
    assert [e.change for e in preview.effects] == [1] and not preview.refused


def test_r17_a_change_to_a_read_only_account_is_previewed_as_refused(world: World) -> None:
    account = seed_account(world.uow, "Cancelled")
    assert account.id is not None
    seed_subscription(
        world.uow,
        account.id,
        {"designer": 2},
        status=SubscriptionStatus.CANCELLED,
        ends_on=date(2026, 3, 1),
    )
    cancelled = world.uow.subscriptions.for_account(account.id)[0]
    world.uow.subscriptions.update(replace(cancelled, read_only_until=date(2026, 3, 31)))
    user = seed_user(world.uow, account.id, "a@x.com", ["designer"])
    preview = user_bulk.preview_bulk_change(
        world.by(), account_id=account.id, kind=BulkKind.DISABLE, user_ids=ids([user])
    )
    assert preview.refused and "R17" in (preview.refusal or "")


def test_a_preview_needs_manage_users_and_an_assignment_a_role(world: World) -> None:
    user = seed_user(world.uow, world.account_id, "a@x.com")
    with pytest.raises(PermissionDenied):
        user_bulk.preview_bulk_change(
            context(world.uow, world.clock, CLERK),
            account_id=world.account_id,
            kind=BulkKind.ENABLE,
            user_ids=ids([user]),
        )
    with pytest.raises(ValueError, match="name the role"):
        world.preview(BulkKind.ASSIGN, [user])
    with pytest.raises(ValueError, match="name the role"):
        user_bulk.bulk_change(world.by(), kind=BulkKind.UNASSIGN, user_ids=ids([user]))
