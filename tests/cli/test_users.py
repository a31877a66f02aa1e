"""`user add|show|enable|disable|assign|unassign|remove`, seats counted as R14 says."""

from __future__ import annotations

from typing import Any

import pytest

from tests.cli.conftest import Cli, Seeded, seed

SEATS = {"named-user": 2, "designer": 1}


@pytest.fixture
def full(cli: Cli) -> Seeded:
    """A yearly subscription for 2 named users and 1 designer, both named seats taken."""
    return seed(
        cli,
        seats=SEATS,
        users=[("ada@acme.example", ["named-user"]), ("bob@acme.example", ["named-user"])],
    )


def users_by_email(s: Seeded) -> dict[str, dict[str, Any]]:
    return {u["email"]: u for u in s.cli.ok_json("user", "export", "--account", str(s.account_id))}


def show(s: Seeded, user_id: int) -> dict[str, Any]:
    document: dict[str, Any] = s.cli.ok_json("user", "show", str(user_id))
    return document


def test_add_a_user(cli: Cli) -> None:
    s = seed(cli, seats=SEATS)
    added = cli.ok_json(
        "user",
        "add",
        "--account",
        str(s.account_id),
        "--email",
        "Zoe.Garnier@Acme.example",
        "--name",
        "Zoé Garnier",
        "--role",
        "named-user",
        "--role",
        "designer",
    )
    assert isinstance(added["id"], int)
    user = show(s, added["id"])
    assert user["email"] == "zoe.garnier@acme.example"  # normalised
    assert user["display_name"] == "Zoé Garnier"
    assert user["roles"] == ["designer", "named-user"]
    assert user["enabled"] is True
    assert user["account_id"] == s.account_id


@pytest.mark.parametrize("email", ["ada@acme.example", "ADA@Acme.example"])
def test_a_duplicate_email_is_bad_input_naming_it(full: Seeded, email: str) -> None:
    before = full.cli.snapshot()
    result = full.cli.admin("user", "add", "--account", str(full.account_id), "--email", email)
    assert result.returncode == 2, str(result)
    assert "ada@acme.example" in result.stderr
    assert full.cli.snapshot() == before


def test_an_unknown_role_is_bad_input(full: Seeded) -> None:
    before = full.cli.snapshot()
    result = full.cli.admin(
        "user", "add", "--account", str(full.account_id), "--email", "c@acme.example",
        "--role", "astronaut",
    )  # fmt: skip
    assert result.returncode == 2, str(result)
    assert "astronaut" in result.stderr
    assert full.cli.snapshot() == before


def test_a_user_beyond_the_seats_is_refused_r14(full: Seeded) -> None:
    before = full.cli.snapshot()
    result = full.cli.admin(
        "user", "add", "--account", str(full.account_id), "--email", "cyd@acme.example",
        "--role", "named-user",
    )  # fmt: skip
    assert result.returncode == 1, str(result)
    assert "R14: Named user: 2 of 2 seats in use" in result.stderr
    assert result.stdout == ""
    assert full.cli.snapshot() == before


def test_a_disabled_user_holds_no_seat(full: Seeded) -> None:
    added = full.cli.ok_json(
        "user", "add", "--account", str(full.account_id), "--email", "cyd@acme.example",
        "--role", "named-user", "--disabled",
    )  # fmt: skip
    assert show(full, added["id"])["enabled"] is False

    before = full.cli.snapshot()
    result = full.cli.admin("user", "enable", str(added["id"]))
    assert result.returncode == 1, str(result)
    assert "R14: Named user: 2 of 2 seats in use" in result.stderr
    assert full.cli.snapshot() == before
    assert show(full, added["id"])["enabled"] is False


def test_disable_then_enable_frees_and_takes_seats(full: Seeded) -> None:
    ids = {e: u["id"] for e, u in users_by_email(full).items()}
    ada, bob = ids["ada@acme.example"], ids["bob@acme.example"]

    disabled = full.cli.ok_json("user", "disable", str(ada), str(bob))
    assert sorted((u["id"], u["enabled"]) for u in disabled) == sorted([(ada, False), (bob, False)])
    assert show(full, bob)["enabled"] is False
    seats = full.cli.ok_json("account", "show", str(full.account_id))["seats"]
    assert next(s for s in seats if s["code"] == "named-user")["in_use"] == 0

    cyd = full.cli.ok_json(
        "user", "add", "--account", str(full.account_id), "--email", "cyd@acme.example",
        "--role", "named-user",
    )["id"]  # fmt: skip
    assert cyd not in (ada, bob)

    full.cli.ok_json("user", "enable", str(ada))
    assert show(full, ada)["enabled"] is True
    refused = full.cli.admin("user", "enable", str(bob))
    assert refused.returncode == 1, str(refused)
    assert "R14: Named user: 2 of 2 seats in use" in refused.stderr


def test_assign_and_unassign_a_role(full: Seeded) -> None:
    ids = {e: u["id"] for e, u in users_by_email(full).items()}
    ada, bob = ids["ada@acme.example"], ids["bob@acme.example"]

    full.cli.ok_json("user", "assign", "--role", "designer", str(ada))
    assert show(full, ada)["roles"] == ["designer", "named-user"]

    before = full.cli.snapshot()
    over = full.cli.admin("user", "assign", "--role", "designer", str(bob))
    assert over.returncode == 1, str(over)
    assert "R14: Designer: 1 of 1 seats in use" in over.stderr
    assert full.cli.snapshot() == before

    full.cli.ok_json("user", "unassign", "--role", "designer", str(ada))
    assert show(full, ada)["roles"] == ["named-user"]
    full.cli.ok_json("user", "assign", "--role", "designer", str(bob))
    assert show(full, bob)["roles"] == ["designer", "named-user"]

    unknown = full.cli.admin("user", "assign", "--role", "astronaut", str(ada))
    assert unknown.returncode == 2, str(unknown)
    assert "astronaut" in unknown.stderr


def test_one_transaction_for_several_ids(full: Seeded) -> None:
    ids = {e: u["id"] for e, u in users_by_email(full).items()}
    before = full.cli.snapshot()
    # Two users, one designer seat: neither is assigned.
    result = full.cli.admin("user", "assign", "--role", "designer", *map(str, ids.values()))
    assert result.returncode == 1, str(result)
    assert "R14" in result.stderr
    assert full.cli.snapshot() == before


def test_remove_a_user(full: Seeded) -> None:
    ids = {e: u["id"] for e, u in users_by_email(full).items()}
    ada = ids["ada@acme.example"]
    assert full.cli.ok_json("user", "remove", str(ada)) == {"removed": 1}
    gone = full.cli.admin("user", "show", str(ada))
    assert gone.returncode == 2, str(gone)
    assert str(ada) in gone.stderr
    assert list(users_by_email(full)) == ["bob@acme.example"]


def test_unknown_or_malformed_user_ids_are_bad_input(full: Seeded) -> None:
    before = full.cli.snapshot()
    for args in (("disable", "9999"), ("enable", "abc"), ("remove", "9999"), ("show", "9999")):
        result = full.cli.admin("user", *args)
        assert result.returncode == 2, str(result)
        assert args[1] in result.stderr
    assert full.cli.snapshot() == before


def test_list_shows_the_first_users_matching_the_search_in_the_order_added(cli: Cli) -> None:
    s = seed(
        cli,
        seats=SEATS,
        users=[
            ("zed_1@acme.example", ["named-user"]),
            ("ada@acme.example", []),
            ("zedx1@acme.example", []),
            ("bob_2@acme.example", []),
        ],
    )
    account = str(s.account_id)
    listed = cli.ok_json("user", "list", "--account", account, "--limit", "2")
    assert [u["email"] for u in listed] == ["zed_1@acme.example", "ada@acme.example"]
    found = cli.ok_json("user", "list", "--account", account, "--search", "_")  # not a wildcard
    assert [u["email"] for u in found] == ["zed_1@acme.example", "bob_2@acme.example"]
