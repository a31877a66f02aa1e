"""`desktop-admin init` for real (strong argon2 hash), the password rule, and --help."""

from __future__ import annotations

import sys

from tests.cli.conftest import ADMIN, PASSWORD_VARIABLE, TODAY, Cli


def test_init_creates_the_database_and_its_administrator(any_cli: Cli) -> None:
    cli = any_cli
    first = cli.run("--db", cli.url, "init", "--admin", ADMIN)
    assert first.returncode == 0, str(first)
    assert "Administrator admin created" in first.stdout

    operators = cli.ok_json("operator", "list")
    assert [(o["login"], o["role"], o["enabled"]) for o in operators] == [
        (ADMIN, "administrator", True)
    ]

    before = cli.snapshot()
    again = cli.run("--db", cli.url, "init", "--admin", "other")
    assert again.returncode == 1, str(again)
    assert "already has operators" in again.stderr
    assert again.stdout == ""
    assert cli.snapshot() == before


def test_init_demo_loads_three_accounts(cli: Cli) -> None:
    result = cli.run(
        "--db", cli.url, "--today", TODAY, "--json", "init", "--admin", ADMIN, "--demo"
    )
    assert result.returncode == 0, str(result)
    summary = result.json
    assert summary["administrator"] == ADMIN
    assert summary["demo"].startswith("3 accounts")

    accounts = cli.ok_json("account", "list")
    assert isinstance(accounts, list)
    assert len(accounts) == 3
    assert {a["audience"] for a in accounts} == {"company", "maker", "student"}

    text = cli.admin("account", "list")
    assert text.returncode == 0, str(text)
    assert "Atelier Moreau Architectes" in text.stdout


def test_init_demo_on_a_database_in_use_refuses_and_changes_nothing(cli: Cli) -> None:
    made = cli.run("--db", cli.url, "--today", TODAY, "init", "--admin", ADMIN, "--demo")
    assert made.returncode == 0, str(made)
    before = cli.snapshot()
    again = cli.admin("init", "--demo")
    assert again.returncode == 1, str(again)
    assert "only into an empty database" in again.stderr
    assert "3 accounts" not in again.stdout and "Traceback" not in again.stderr
    assert cli.snapshot() == before


def test_init_without_a_password_is_bad_usage(cli: Cli) -> None:
    # No DESKTOP_ADMIN_PASSWORD and stdin is not a terminal: nothing to prompt.
    result = cli.run("--db", cli.url, "init", "--admin", ADMIN, env={PASSWORD_VARIABLE: None})
    assert result.returncode == 2, str(result)
    assert PASSWORD_VARIABLE in result.stderr
    assert result.stdout == ""
    assert "Traceback" not in result.stderr


def test_init_without_db_uses_the_user_data_folder(cli: Cli) -> None:
    result = cli.run("init", "--admin", ADMIN)
    assert result.returncode == 0, str(result)
    created = list((cli.home / "data").rglob("*.sqlite3"))
    assert len(created) == 1, created
    assert created[0].parent.name == "seat-desk"

    listed = cli.run("--as", ADMIN, "--json", "operator", "list")
    assert listed.returncode == 0, str(listed)
    assert [o["login"] for o in listed.json] == [ADMIN]


def test_a_new_database_needs_its_administrator(cli: Cli) -> None:
    result = cli.run("--db", cli.url, "init")
    assert result.returncode == 2, str(result)
    assert "--admin" in result.stderr


def test_main_help_lists_the_commands(cli: Cli) -> None:
    result = cli.run("--help")
    assert result.returncode == 0, str(result)
    for command in ("init", "operator", "catalog", "account", "user", "audit"):
        assert command in result.stdout
    for option in ("--db", "--today", "--as", "--json"):
        assert option in result.stdout


def test_user_help_lists_its_actions(cli: Cli) -> None:
    result = cli.run("user", "--help")
    assert result.returncode == 0, str(result)
    for action in (
        "add",
        "import",
        "export",
        "enable",
        "disable",
        "remove",
        "assign",
        "unassign",
    ):
        assert action in result.stdout


def test_python_m_desktop_admin_help(cli: Cli) -> None:
    result = cli.run("--help", executable=[sys.executable, "-m", "desktop_admin"])
    assert result.returncode == 0, str(result)
    assert "desktop-admin" in result.stdout
    assert "account" in result.stdout


def test_no_command_is_bad_usage(cli: Cli) -> None:
    result = cli.run()
    assert result.returncode == 2, str(result)
    assert "usage:" in result.stderr


def test_a_database_that_does_not_exist_is_created_only_by_init(cli: Cli) -> None:
    typo = cli.home / "seatdsk.sqlite3"
    result = cli.run("--db", f"sqlite:///{typo}", "--as", ADMIN, "account", "list")
    assert result.returncode == 2, str(result)
    assert "there is no database at" in result.stderr and "Traceback" not in result.stderr
    assert not typo.exists()


def test_output_into_a_closed_pipe_ends_quietly(cli: Cli) -> None:
    import subprocess

    from tests.cli.conftest import command_path, seed

    s = seed(cli, seats={"named-user": 3000})
    rows = "".join(f"u{i}@acme.example,User {i}\n" for i in range(3000))
    (cli.home / "many.csv").write_text("email,display_name\n" + rows, encoding="utf-8")
    imported = cli.admin("user", "import", "many.csv", "--account", str(s.account_id))
    assert imported.returncode == 0, str(imported)
    pipeline = subprocess.run(
        f"'{command_path()}' --db '{cli.url}' --today {TODAY} --as {ADMIN} "
        f"user export --account {s.account_id} | head -n 1",
        shell=True, env=cli.env, cwd=cli.home, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert pipeline.stdout == "email,display_name,roles,enabled\n"
    assert "Traceback" not in pipeline.stderr and "BrokenPipe" not in pipeline.stderr
