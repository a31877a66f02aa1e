"""`desktop-admin backup` and `restore` on SQLite, the PostgreSQL answer, and the
database's own file modes."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, add_operator, make_env, seed
from tests.dbtools import fresh_postgres_database


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def account_names(cli: Cli) -> list[str]:
    return [a["name"] for a in cli.ok_json("account", "list")]


def test_a_backup_is_a_checked_private_copy_and_restoring_it_undoes_later_changes(
    cli: Cli, tmp_path: Path
) -> None:
    seed(cli)
    target = tmp_path / "backups" / "seatdesk-backup.sqlite3"
    made = cli.admin("--json", "backup", str(target))
    assert made.returncode == 0, str(made)
    assert made.json["file"] == str(target) and made.json["bytes"] == target.stat().st_size
    assert mode(target) == 0o600
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()
    assert list(target.parent.glob("*.part")) == []

    added = cli.admin("account", "create", "--name", "Later GmbH", "--audience", "company",
                      "--country", "DE")  # fmt: skip
    assert added.returncode == 0, str(added)
    assert account_names(cli) == ["Atelier Test", "Later GmbH"]

    restored = cli.admin("restore", str(target))
    assert restored.returncode == 0, str(restored)
    assert account_names(cli) == ["Atelier Test"]
    trail = cli.ok_json("audit", "list", "--entity", "database")
    assert [e["action"] for e in trail] == ["database.restore"]


def test_restoring_what_is_not_a_seat_desk_database_changes_nothing(
    cli: Cli, tmp_path: Path
) -> None:
    seed(cli)
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_text("these are notes, not a database\n" * 100)
    before = cli.snapshot()
    refused = cli.admin("restore", str(bogus))
    assert refused.returncode == 2, str(refused)
    assert "not a Seat Desk database" in refused.stderr and "Traceback" not in refused.stderr
    assert cli.snapshot() == before


def test_only_an_administrator_backs_up(cli: Cli, tmp_path: Path) -> None:
    seed(cli)
    add_operator(cli, "clerk", "billing_clerk")
    refused = cli.as_("clerk", "backup", str(tmp_path / "copy.sqlite3"))
    assert refused.returncode == 1, str(refused)
    assert not (tmp_path / "copy.sqlite3").exists()


@pytest.mark.postgres
def test_a_postgresql_database_is_backed_up_with_its_own_tools(home: Path, tmp_path: Path) -> None:
    with fresh_postgres_database() as url:
        cli = Cli(home, url, make_env(home))
        seed(cli)
        answer = cli.admin("backup", str(tmp_path / "copy.dump"))
        assert answer.returncode == 2, str(answer)
        assert "pg_dump" in answer.stderr and "pg_restore" in answer.stderr


def test_a_new_database_and_its_folder_are_private(cli: Cli) -> None:
    seed(cli)
    database = Path(cli.url.removeprefix("sqlite:///"))
    assert mode(database) == 0o600
    for extra in database.parent.glob(f"{database.name}-*"):  # -wal, -shm
        assert mode(extra) == 0o600, extra
