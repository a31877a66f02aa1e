"""A million users: opening the users page, jumping to the end and filtering, listing a
role's holders, picking users and previewing a bulk change never block the GUI thread
(architecture rule 6), and the rows in view arrive.

The database is built once per module by bulk SQL. The test measures how long the
event loop went without running a 10 ms timer, not how fast the database is.
"""

from __future__ import annotations

import shutil
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QSettings, QTimer
from pytestqt.qtbot import QtBot

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.users import BulkKind, UserQuery
from ui.dialogs.user_picker import SHOWN
from ui.main_window import MainWindow
from ui.models.users import PLACEHOLDER
from ui.tasks import BackgroundTasks

from .conftest import ADMIN, PASSWORD, open_app

USERS = 1_000_000
#: The longest the GUI thread may go without running its timers.
MAX_GAP_S = 0.25
DEPARTMENTS = ("Architecture", "Engineering", "Interiors", "Management")


@pytest.fixture(scope="module")
def million_db(tmp_path_factory: pytest.TempPathFactory, demo_template: Path) -> str:
    """The demo database plus a million users (a third of them named users) in the
    company account, inserted with one recursive CTE per table."""
    path = tmp_path_factory.mktemp("million") / "million.sqlite3"
    shutil.copyfile(demo_template, path)
    started = time.perf_counter()
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA synchronous = OFF")
        (account_id,) = db.execute("SELECT id FROM accounts WHERE audience = 'company'").fetchone()
        db.execute(
            """
            INSERT INTO named_users (account_id, email, display_name, department, enabled,
                                     is_guest, is_admin, created_at, version)
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
            SELECT ?, printf('m%07d@million.example', i), printf('Million %07d', i),
                   CASE i % 4 WHEN 0 THEN ? WHEN 1 THEN ? WHEN 2 THEN ? ELSE ? END,
                   i % 10 != 0, 0, 0, '2026-03-01 00:00:00.000000', 1
            FROM n
            """,
            (USERS, account_id, *DEPARTMENTS),
        )
        db.execute(
            """
            INSERT INTO role_assignments (user_id, role_code, account_id)
            SELECT id, 'named-user', account_id FROM named_users
            WHERE account_id = ? AND email LIKE 'm%@million.example' AND id % 3 = 0
            """,
            (account_id,),
        )
    print(f"\n{USERS} users inserted in {time.perf_counter() - started:.1f} s")
    return f"sqlite:///{path}"


@pytest.fixture
def million_session(million_db: str) -> Iterator[OperatorSession]:
    app: AdminApp = open_app(million_db)
    yield app.login(ADMIN, PASSWORD)
    app.close()


class Heartbeat(QObject):
    """A 10 ms timer noting the longest the event loop went without running it."""

    def __init__(self) -> None:
        super().__init__()
        self.longest = 0.0
        self._last = time.perf_counter()
        self._timer = QTimer(self)
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def restart(self) -> None:
        self.longest, self._last = 0.0, time.perf_counter()


def test_a_million_users_never_block_the_window(
    qtbot: QtBot,
    tasks: BackgroundTasks,
    settings: QSettings,
    million_session: OperatorSession,
) -> None:
    heartbeat = Heartbeat()
    started = time.perf_counter()
    window = MainWindow(million_session, tasks, settings)
    qtbot.addWidget(window)
    window.show_page("users")
    window.show()
    page, model = window.users_page, window.users_page.users
    qtbot.waitUntil(lambda: model.rowCount() > USERS, timeout=60_000)
    qtbot.waitUntil(window.is_settled, timeout=60_000)
    opened = time.perf_counter() - started
    assert model.data(model.index(0, 0)) != PLACEHOLDER  # the first rows arrived
    gaps = {"open": heartbeat.longest}

    heartbeat.restart()
    page.table.scrollToBottom()
    last = model.index(model.rowCount() - 1, 0)
    qtbot.waitUntil(lambda: model.data(last) != PLACEHOLDER, timeout=30_000)
    gaps["end"] = heartbeat.longest

    heartbeat.restart()
    qtbot.keyClicks(page.search_edit, "m099999")
    qtbot.waitUntil(lambda: model.rowCount() == 10, timeout=60_000)
    qtbot.waitUntil(window.is_settled, timeout=60_000)
    gaps["filter"] = heartbeat.longest
    qtbot.waitUntil(
        lambda: all(model.data(model.index(r, 0)) != PLACEHOLDER for r in range(10)),
        timeout=30_000,
    )
    print(
        f"\nopened in {opened:.1f} s; longest pauses of the GUI thread: "
        + ", ".join(f"{name} {gap * 1000:.0f} ms" for name, gap in gaps.items())
    )
    assert max(gaps.values()) < MAX_GAP_S, gaps

    ids = million_session.users.ids(UserQuery(page.current_account_id() or 0, search="m099999"))
    expected = [u.email for u in million_session.users.by_ids(ids)]
    assert [model.data(model.index(r, 0)) for r in range(10)] == expected


def test_a_million_users_are_picked_and_changed_in_bulk_without_blocking(
    qtbot: QtBot,
    tasks: BackgroundTasks,
    settings: QSettings,
    million_session: OperatorSession,
) -> None:
    """The licences page lists a role's holders, its picker searches the candidates in
    SQL, and a bulk change of every user counts its seats from id lists: none of them
    loads the million users, none blocks the window."""
    heartbeat = Heartbeat()
    window = MainWindow(million_session, tasks, settings)
    qtbot.addWidget(window)
    window.show_page("licences")
    window.show()
    page = window.licences_page
    qtbot.waitUntil(window.is_settled, timeout=60_000)
    account = page.current_account_id() or 0
    page.select_role("named-user")
    qtbot.waitUntil(window.is_settled, timeout=60_000)
    assert page.holders.rowCount() == SHOWN  # the first ones, by email
    gaps = {"holders": heartbeat.longest}

    heartbeat.restart()
    picker = page.open_picker()
    assert picker is not None
    qtbot.waitUntil(lambda: picker.users.rowCount() > USERS // 2, timeout=60_000)
    qtbot.waitUntil(lambda: not picker.is_loading(), timeout=60_000)
    picker.table.selectAll()
    qtbot.waitUntil(lambda: len(picker.selected_ids()) == picker.users.rowCount())
    qtbot.wait(50)  # the table and its header repaint with every row selected
    gaps["picker"] = heartbeat.longest
    heartbeat.restart()
    qtbot.keyClicks(picker.search, "m099999")
    qtbot.waitUntil(lambda: picker.users.rowCount() < 10, timeout=60_000)
    qtbot.waitUntil(lambda: not picker.is_loading(), timeout=60_000)
    gaps["search"] = heartbeat.longest
    seats = next(s for s in million_session.licences.seats(account) if s.code == "named-user")
    expected = million_session.users.ids(UserQuery.candidates(account, seats, "m099999"))
    assert 0 < len(expected) < 10 and list(picker.users.ids()) == expected
    picker.reject()

    heartbeat.restart()
    window.show_page("users")
    users_page = window.users_page
    qtbot.waitUntil(lambda: users_page.users.rowCount() > USERS, timeout=60_000)
    qtbot.waitUntil(window.is_settled, timeout=60_000)
    users_page.select_all()
    dialog = users_page.start_bulk(BulkKind.DISABLE)
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=60_000)
    gaps["preview"] = heartbeat.longest
    changes = {e.seats.code: e.change for e in dialog.preview.effects} if dialog.preview else {}
    assert changes["named-user"] == -seats.in_use
    assert dialog.confirm_button.isEnabled()
    dialog.reject()
    print("\nlongest pauses: " + ", ".join(f"{n} {g * 1000:.0f} ms" for n, g in gaps.items()))
    assert max(gaps.values()) < MAX_GAP_S, gaps
