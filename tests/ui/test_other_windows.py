"""Another administrator's work shows in an open window without File > Refresh: a
command run in another process on the same database (SQLite or PostgreSQL) appears
on the page that shows it, and a window's own operations are not reported back to it."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from desktop_admin.app import AdminApp, Changes
from desktop_admin.demo import load_demo
from desktop_admin.security import Argon2Hasher
from tests.cli.conftest import command_path
from tests.dbtools import fresh_postgres_database
from tests.ui.conftest import ADMIN, PASSWORD, TODAY
from ui.main_window import MainWindow
from ui.tasks import BackgroundTasks


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def shared(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[AdminApp]:
    """A demo database that this test's window and other processes share."""
    with ExitStack() as stack:
        if request.param == "sqlite":
            url = f"sqlite:///{tmp_path / 'shared.sqlite3'}"
        else:
            url = stack.enter_context(fresh_postgres_database())
        app = AdminApp.open(url, today=TODAY, hasher=Argon2Hasher.cheap())
        stack.callback(app.close)
        load_demo(app.create_first_administrator(ADMIN, PASSWORD))
        yield app


def elsewhere(app: AdminApp, *args: str) -> None:
    """`desktop-admin ARGS` as another administrator's process on the same database."""
    done = subprocess.run(
        [str(command_path()), "--db", app.database_url, "--today", TODAY.isoformat(),
         "--as", ADMIN, *args],
        env={"DESKTOP_ADMIN_PASSWORD": PASSWORD, "PATH": "/usr/bin:/bin"},
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr


def account_names(window: MainWindow) -> list[str]:
    return [a.name for a in window.reference.accounts.records()]


def test_an_account_created_by_another_process_appears_without_a_refresh(
    qtbot: QtBot, tasks: BackgroundTasks, settings: QSettings, shared: AdminApp
) -> None:
    window = MainWindow(shared.login(ADMIN, PASSWORD), tasks, settings)
    qtbot.addWidget(window)
    window.show_page("accounts")
    window.show()
    qtbot.waitUntil(window.is_settled, timeout=10_000)
    window.watch_other_windows()
    assert "Elsewhere GmbH" not in account_names(window)

    elsewhere(shared, "account", "create", "--name", "Elsewhere GmbH", "--audience", "company",
              "--country", "DE")  # fmt: skip
    qtbot.waitUntil(lambda: "Elsewhere GmbH" in account_names(window), timeout=15_000)
    window.close()


def test_a_window_is_not_told_of_its_own_operations(
    qtbot: QtBot, tasks: BackgroundTasks, settings: QSettings, shared: AdminApp
) -> None:
    window = MainWindow(shared.login(ADMIN, PASSWORD), tasks, settings)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(window.is_settled, timeout=10_000)
    told: list[tuple[object, object]] = []
    window.operations.operation_did_execute.connect(lambda c, i: told.append((c, i)))
    window.watch_other_windows()
    window.session.accounts.create(name="Here SARL", audience="company", country="FR")
    elsewhere(shared, "account", "create", "--name", "There BV", "--audience", "company",
              "--country", "NL")  # fmt: skip
    qtbot.waitUntil(lambda: bool(told), timeout=15_000)
    qtbot.wait(2_500)  # one more poll: nothing else arrives
    assert told == [(Changes.ACCOUNTS | Changes.AUDIT, window._watcher)]
    window.close()
