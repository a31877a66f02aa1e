"""Named users: add, edit, enable/disable, assign/unassign, remove (R14)."""

from __future__ import annotations

import pytest

from desktop_admin.domain.errors import ConflictError, InvalidInput, NotFound, RuleViolation
from desktop_admin.services import users
from tests.unit.services.builders import (
    ADMIN,
    MANAGER,
    seed_account,
    seed_catalog,
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


def holders(w: World, role: str) -> int:
    return w.uow.users.seats_in_use(w.account_id).get(role, 0)


def test_add_user_saves_a_normalised_user(world: World) -> None:
    user = world.add(" Ann@Example.COM ", MANAGER, display_name=" Ann ", roles=["designer"])
    assert (user.email, user.display_name, user.roles) == (
        "ann@example.com",
        "Ann",
        frozenset({"designer"}),
    )
    assert user.id == 1 and world.uow.committed
    [entry] = world.uow.audit.stored
    assert (entry.action, entry.entity_id, entry.actor) == ("user.create", "1", "manager")
    assert entry.after is not None and entry.after["roles"] == ["designer"]


def test_r14_add_user_past_the_seats_is_refused_with_the_role_and_count(world: World) -> None:
    seed_users(world.uow, world.account_id, 2, ["designer"])
    before = world.uow.picture()
    with pytest.raises(RuleViolation) as info:
        world.add("c@x.com", display_name="", roles=["designer"])
    assert str(info.value) == "R14: Designer: 2 of 2 seats in use"
    assert info.value.rule == "R14"
    assert not world.uow.committed and world.uow.picture() == before


def test_r14_a_disabled_user_takes_no_seat(world: World) -> None:
    seed_users(world.uow, world.account_id, 2, ["designer"])
    user = world.add("c@x.com", roles=["designer"], enabled=False)
    assert not user.enabled and holders(world, "designer") == 2


def test_r14_the_refusal_names_the_role_even_without_any_seat_bought(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    """R14: refusals name the role (its catalog name), also when none was bought."""
    seed_catalog(uow)
    account = seed_account(uow)
    assert account.id is not None
    seed_subscription(uow, account.id, {"named-user": 3})
    with pytest.raises(RuleViolation) as info:
        users.add_user(
            context(uow, clock, ADMIN), account_id=account.id, email="a@x.com", roles=["designer"]
        )
    assert str(info.value) == "R14: Designer: 0 of 0 seats in use"


def test_add_user_refuses_an_email_that_exists_in_the_account(world: World) -> None:
    seed_user(world.uow, world.account_id, "ann@example.com")
    with pytest.raises(InvalidInput) as info:
        world.add("ANN@example.com")
    [problem] = info.value.problems
    assert problem.field == "email" and "already exists" in problem.reason
    assert not world.uow.committed and world.user_count() == 1


def test_the_same_email_may_exist_in_another_account(world: World) -> None:
    other = seed_account(world.uow, "Other")
    assert other.id is not None
    seed_user(world.uow, other.id, "ann@example.com")
    world.add("ann@example.com")


@pytest.mark.parametrize("email", ["", "not-an-email", "a@b", "a b@c.com"])
def test_add_user_refuses_a_bad_email(world: World, email: str) -> None:
    with pytest.raises(InvalidInput) as info:
        world.add(email)
    assert [p.field for p in info.value.problems] == ["email"]
    assert world.uow.commits == 0


def test_add_user_refuses_an_unknown_role(world: World) -> None:
    with pytest.raises(InvalidInput) as info:
        world.add("a@x.com", roles=["pilot"])
    [problem] = info.value.problems
    assert problem.field == "role" and "'pilot'" in problem.reason and "designer" in problem.reason
    assert world.user_count() == 0 and world.uow.commits == 0


def test_r14_a_guest_holding_a_role_is_refused(world: World) -> None:
    with pytest.raises(RuleViolation) as info:
        world.add("guest@x.com", roles=["designer"], is_guest=True)
    assert info.value.rule == "R14" and "guests hold no role seat" in str(info.value)
    assert world.uow.commits == 0


def test_r14_guests_consume_guest_user_units(world: World) -> None:
    world.add("g1@x.com", is_guest=True)
    with pytest.raises(RuleViolation) as info:
        world.add("g2@x.com", is_guest=True)
    assert str(info.value) == "R14: Guest users: 1 of 1 guest users in use"
    assert not world.uow.committed and world.uow.users.guests_in_use(world.account_id) == 1


def test_add_user_to_an_unknown_account_is_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        users.add_user(world.by(), account_id=99, email="a@x.com")


def test_set_enabled_disables_in_bulk_with_one_audit_entry_per_changed_user(
    world: World,
) -> None:
    a, b = seed_users(world.uow, world.account_id, 2, ["designer"])
    c = seed_user(world.uow, world.account_id, "off@x.com", enabled=False)
    saved = users.set_enabled(world.by(), ids([a, b, c]), enabled=False)
    assert ids(saved) == ids([a, b]) and all(not u.enabled for u in saved)
    assert all(u.version == 2 for u in saved)
    entries = world.uow.audit.stored
    assert sorted((e.action, e.entity_id) for e in entries) == [
        ("user.disable", str(a.id)),
        ("user.disable", str(b.id)),
    ]
    assert all(e.before and e.before["enabled"] is True for e in entries)
    assert world.uow.committed and holders(world, "designer") == 0


def test_r14_enabling_in_bulk_is_all_or_nothing(world: World) -> None:
    off = seed_users(world.uow, world.account_id, 3, ["designer"], enabled=False)
    before = world.uow.picture()
    with pytest.raises(RuleViolation) as info:
        users.set_enabled(world.by(), ids(off), enabled=True)
    assert str(info.value) == "R14: Designer: 0 of 2 seats in use; 3 more requested"
    assert not world.uow.committed and world.uow.picture() == before
    assert world.uow.audit.stored == []
    users.set_enabled(world.by(), ids(off[:2]), enabled=True)
    assert holders(world, "designer") == 2


def test_r14_enabling_a_guest_needs_a_free_guest_unit(world: World) -> None:
    seed_user(world.uow, world.account_id, "g1@x.com", is_guest=True)
    g2 = seed_user(world.uow, world.account_id, "g2@x.com", is_guest=True, enabled=False)
    with pytest.raises(RuleViolation, match="1 of 1 guest users in use"):
        users.set_enabled(world.by(), ids([g2]), enabled=True)


def test_a_missing_id_refuses_the_whole_bulk_change(world: World) -> None:
    a, b = seed_users(world.uow, world.account_id, 2)
    before = world.uow.picture()
    for change in (
        lambda: users.set_enabled(world.by(), [*ids([a, b]), 77], enabled=False),
        lambda: users.assign_role(world.by(), [*ids([a, b]), 77], role="designer"),
        lambda: users.unassign_role(world.by(), [77, *ids([a])], role="designer"),
        lambda: users.remove_users(world.by(), [*ids([a, b]), 77, 78]),
    ):
        with pytest.raises(NotFound, match="no user with id 77"):
            change()
        assert not world.uow.committed and world.uow.picture() == before


def test_r14_assign_role_in_bulk_with_one_audit_entry_per_changed_user(world: World) -> None:
    a = seed_user(world.uow, world.account_id, "a@x.com", ["designer"])
    b, c = seed_users(world.uow, world.account_id, 2)
    saved = users.assign_role(world.by(), ids([a, b]), role="designer")
    assert ids(saved) == ids([b])
    [entry] = world.uow.audit.stored
    assert (entry.action, entry.entity_id) == ("user.assign", str(b.id))
    assert entry.before and entry.after
    assert (entry.before["roles"], entry.after["roles"]) == ([], ["designer"])
    before = world.uow.picture()
    with pytest.raises(RuleViolation, match=r"^R14: Designer: 2 of 2 seats in use$"):
        users.assign_role(world.by(), ids([c]), role="designer")
    assert not world.uow.committed and world.uow.picture() == before


def test_r14_assign_role_past_the_seats_is_refused_whole(world: World) -> None:
    three = seed_users(world.uow, world.account_id, 3)
    before = world.uow.picture()
    with pytest.raises(RuleViolation) as info:
        users.assign_role(world.by(), ids(three), role="designer")
    assert str(info.value) == "R14: Designer: 0 of 2 seats in use; 3 more requested"
    assert world.uow.picture() == before and not world.uow.committed


def test_r14_assigning_a_role_to_a_disabled_user_takes_no_seat(world: World) -> None:
    seed_users(world.uow, world.account_id, 2, ["designer"])
    off = seed_user(world.uow, world.account_id, "off@x.com", enabled=False)
    users.assign_role(world.by(), ids([off]), role="designer")
    with pytest.raises(RuleViolation, match="Designer: 2 of 2 seats in use"):
        users.set_enabled(world.by(), ids([off]), enabled=True)


def test_r14_assign_role_to_a_guest_is_refused(world: World) -> None:
    a = seed_user(world.uow, world.account_id, "a@x.com")
    guest = seed_user(world.uow, world.account_id, "g@x.com", is_guest=True)
    before = world.uow.picture()
    with pytest.raises(RuleViolation, match="guests hold no role seat"):
        users.assign_role(world.by(), ids([a, guest]), role="named-user")
    assert world.uow.picture() == before and not world.uow.committed


def test_assign_an_unknown_role_is_refused(world: World) -> None:
    a = seed_user(world.uow, world.account_id, "a@x.com")
    with pytest.raises(InvalidInput, match="no role 'pilot'"):
        users.assign_role(world.by(), ids([a]), role="pilot")
    with pytest.raises(InvalidInput, match="no role 'pilot'"):
        users.unassign_role(world.by(), ids([a]), role="pilot")


def test_r14_unassigning_frees_the_seat(world: World) -> None:
    a, _ = seed_users(world.uow, world.account_id, 2, ["designer"])
    c = seed_user(world.uow, world.account_id, "c@x.com")
    saved = users.unassign_role(world.by(), ids([a, c]), role="designer")
    assert ids(saved) == ids([a]) and saved[0].roles == frozenset()
    assert [e.action for e in world.uow.audit.stored] == ["user.unassign"]
    users.assign_role(world.by(), ids([c]), role="designer")
    assert holders(world, "designer") == 2


def test_remove_users_in_bulk_records_each_removal(world: World) -> None:
    a, b, c = seed_users(world.uow, world.account_id, 3, ["named-user"])
    assert users.remove_users(world.by(), ids([a, b])) == 2
    assert world.uow.users.get_many(ids([a, b, c])) == [c]
    entries = world.uow.audit.stored
    assert sorted(e.entity_id for e in entries) == sorted(str(i) for i in ids([a, b]))
    assert all(e.action == "user.remove" and e.after is None for e in entries)
    assert all(e.before and e.before["email"] for e in entries)
    assert world.uow.committed and holders(world, "named-user") == 1


def test_edit_user_saves_the_details_and_audits_before_and_after(world: World) -> None:
    user = seed_user(world.uow, world.account_id, "a@x.com")
    assert user.id is not None
    saved = users.edit_user(
        world.by(),
        user.id,
        expected_version=user.version,
        display_name=" Ann ",
        department="R&D",
        is_admin=True,
    )
    assert (saved.display_name, saved.department, saved.is_admin) == ("Ann", "R&D", True)
    assert saved.version == user.version + 1 and world.uow.committed
    [entry] = world.uow.audit.stored
    assert entry.before and entry.after
    assert (entry.before["display_name"], entry.after["display_name"]) == ("", "Ann")


def test_edit_user_with_a_stale_version_is_a_conflict(world: World) -> None:
    user = seed_user(world.uow, world.account_id, "a@x.com")
    assert user.id is not None
    users.edit_user(world.by(), user.id, expected_version=user.version, display_name="First")
    before = world.uow.picture()
    with pytest.raises(ConflictError, match="changed by someone else"):
        users.edit_user(
            world.by(MANAGER), user.id, expected_version=user.version, display_name="Second"
        )
    assert not world.uow.committed and world.uow.picture() == before
    assert world.uow.users.get(user.id).display_name == "First"


def test_edit_an_unknown_user_is_not_found(world: World) -> None:
    with pytest.raises(NotFound):
        users.edit_user(world.by(), 99, expected_version=1, display_name="x")
