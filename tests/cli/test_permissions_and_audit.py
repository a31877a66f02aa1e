"""Operators, permissions and the password (as in the GUI); --json purity; the audit trail."""

from __future__ import annotations

import json

from tests.cli.conftest import ADMIN, PASSWORD, PASSWORD_VARIABLE, Cli, Seeded, seed


def add_clerk(s: Seeded) -> None:
    result = s.cli.admin(
        "--json",
        "operator",
        "add",
        "--login",
        "clerk",
        "--role",
        "billing_clerk",
        env={"DESKTOP_ADMIN_NEW_PASSWORD": "clerk-password"},
    )
    assert result.returncode == 0, str(result)
    assert result.json["login"] == "clerk"
    assert result.json["role"] == "billing_clerk"


def test_operator_add_and_permissions(cli: Cli) -> None:
    s = seed(cli, seats={"named-user": 5})
    add_clerk(s)
    logins = {o["login"]: o["role"] for o in cli.ok_json("operator", "list")}
    assert logins == {ADMIN: "administrator", "clerk": "billing_clerk"}

    clerk_env = {PASSWORD_VARIABLE: "clerk-password"}
    listed = cli.as_("clerk", "--json", "account", "list", env=clerk_env)
    assert listed.returncode == 0, str(listed)
    assert [a["id"] for a in listed.json] == [s.account_id]

    before = cli.snapshot()
    refused = cli.as_(
        "clerk", "user", "add", "--account", str(s.account_id), "--email", "x@acme.example",
        env=clerk_env,
    )  # fmt: skip
    assert refused.returncode == 1, str(refused)
    assert "may not manage users and assignments" in refused.stderr
    assert "clerk" in refused.stderr
    assert refused.stdout == ""
    assert cli.snapshot() == before

    operators = cli.as_("clerk", "operator", "list", env=clerk_env)
    assert operators.returncode == 1, str(operators)
    assert "manage operators" in operators.stderr


def test_operator_add_without_a_new_password_is_bad_usage(cli: Cli) -> None:
    seed(cli)
    before = cli.snapshot()
    result = cli.admin("operator", "add", "--login", "clerk", "--role", "billing_clerk")
    assert result.returncode == 2, str(result)
    assert "DESKTOP_ADMIN_NEW_PASSWORD" in result.stderr
    assert cli.snapshot() == before


def test_a_wrong_password_is_refused(cli: Cli) -> None:
    seed(cli)
    result = cli.admin("account", "list", env={PASSWORD_VARIABLE: PASSWORD + "-wrong"})
    assert result.returncode == 1, str(result)
    assert result.stdout == ""
    assert PASSWORD + "-wrong" not in result.stderr

    unknown = cli.as_("nobody", "account", "list")
    assert unknown.returncode == 1, str(unknown)


def test_a_missing_operator_is_bad_usage(cli: Cli) -> None:
    seed(cli)
    result = cli.run("--db", cli.url, "account", "list")
    assert result.returncode == 2, str(result)
    assert "--as" in result.stderr
    assert result.stdout == ""


def test_json_mode_keeps_stdout_pure(cli: Cli) -> None:
    s = seed(cli, seats={"named-user": 1})
    csv = cli.home / "users.csv"
    csv.write_text(
        "email,display_name,roles,enabled\n"
        "ada@acme.example,Ada,named-user,true\n"
        "bob@acme.example,Bob,named-user,true\n",
        encoding="utf-8",
    )
    # A success with messages: the skipped row is reported on stderr only.
    result = cli.admin(
        "--json", "user", "import", str(csv), "--account", str(s.account_id), "--good-rows-only"
    )
    assert result.returncode == 0, str(result)
    assert json.loads(result.stdout)["imported"] == 1
    assert "line 3" in result.stderr
    assert "line 3" not in result.stdout.replace('"line": 3', "")

    # A refusal: one JSON error document on stdout, the sentence on stderr.
    refused = cli.admin(
        "--json", "user", "add", "--account", str(s.account_id), "--email", "cyd@acme.example",
        "--role", "named-user",
    )  # fmt: skip
    assert refused.returncode == 1, str(refused)
    assert refused.json == {
        "error": "Named user: 1 of 1 seats in use",
        "rule": "R14",
        "exit_status": 1,
        "problems": [],
    }
    assert "R14" in refused.stderr

    for args in (
        ("account", "list"),
        ("account", "show", str(s.account_id)),
        ("catalog", "show"),
        ("user", "export", "--account", str(s.account_id)),
        ("user", "list", "--account", str(s.account_id)),
        ("operator", "list"),
        ("audit", "list"),
    ):
        done = cli.admin("--json", *args)
        assert done.returncode == 0, str(done)
        json.loads(done.stdout)  # one document, nothing else


def test_audit_list_shows_the_changes_by_admin(cli: Cli) -> None:
    s = seed(cli, seats={"named-user": 2})
    user = cli.ok_json(
        "user", "add", "--account", str(s.account_id), "--email", "ada@acme.example",
        "--role", "named-user",
    )  # fmt: skip
    cli.ok_json("user", "disable", str(user["id"]))
    account = cli.ok_json(
        "account", "create", "--name", "B", "--audience", "maker", "--country", "DE"
    )

    entries = cli.ok_json("audit", "list")
    assert isinstance(entries, list)
    assert {e["actor"] for e in entries} == {ADMIN}
    mine = [(e["action"], e["entity"], str(e["entity_id"])) for e in entries]
    assert ("user.create", "user", str(user["id"])) in mine
    assert any(
        a != "user.create" and ent == "user" and i == str(user["id"]) for a, ent, i in mine
    ), mine
    assert any(ent == "account" and i == str(account["id"]) for _, ent, i in mine), mine
    # Newest first.
    assert [e["at"] for e in entries] == sorted((e["at"] for e in entries), reverse=True)

    only_user = cli.ok_json("audit", "list", "--entity", "user", "--entity-id", str(user["id"]))
    assert len(only_user) == 2
    assert all(e["entity"] == "user" for e in only_user)

    text = cli.admin("audit", "list", "--actor", ADMIN)
    assert text.returncode == 0, str(text)
    assert "user.create" in text.stdout
