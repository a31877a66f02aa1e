"""The audit trail page: actions in words, filters by record, actor, days and words,
older entries on demand, and a CSV export a spreadsheet reads."""

from __future__ import annotations

import csv
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from ui.main_window import MainWindow
from ui.pages import audit as audit_page
from ui.widgets.audit_filters import NO_DAY


@pytest.fixture
def window(
    admin_session: OperatorSession, company_id: int, make_window: Callable[..., MainWindow]
) -> MainWindow:
    admin_session.users.add(account_id=company_id, email="zoe.findme@acme.example")
    admin_session.operators.add(login="clerk", role="billing_clerk", password="password123")
    return make_window(admin_session, page="audit")


def shown(window: MainWindow) -> list[list[str]]:
    model = window.audit_page.entries
    return [
        [model.data(model.index(row, column)) for column in range(model.columnCount())]
        for row in range(model.rowCount())
    ]


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.wait(350)  # the filters wait for typing to stop
    qtbot.waitUntil(window.is_settled, timeout=10_000)


def test_actions_read_as_words_not_codes(window: MainWindow) -> None:
    rows = shown(window)
    whats = {row[2] for row in rows}
    assert "User added" in whats and "Operator added" in whats
    assert not any("." in what for what in whats)
    model = window.audit_page.entries
    codes = {model.data(model.index(r, 2), Qt.ItemDataRole.ToolTipRole) for r in range(3)}
    assert any(code and "." in code for code in codes)  # the code stays in the tooltip


def test_filters_narrow_the_trail(
    qtbot: QtBot, window: MainWindow, admin_session: OperatorSession
) -> None:
    filters = window.audit_page.filters
    everything = len(shown(window))
    filters.record.setCurrentIndex(filters.record.findData("operator"))
    settle(qtbot, window)
    assert {row[2] for row in shown(window)} == {"Operator added"}
    filters.record.setCurrentIndex(0)
    filters.search.setText("FINDME")
    settle(qtbot, window)
    [row] = shown(window)
    assert row[2] == "User added" and "zoe.findme@acme.example" in row[3]
    filters.search.clear()
    filters.actor.setText("nobody")
    settle(qtbot, window)
    assert shown(window) == []
    filters.actor.clear()
    tomorrow = date.today() + timedelta(days=1)
    filters.first_day.setDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
    settle(qtbot, window)
    assert shown(window) == []
    filters.first_day.setDate(NO_DAY)
    today = date.today()
    filters.last_day.setDate(QDate(today.year, today.month, today.day))
    settle(qtbot, window)
    assert len(shown(window)) == everything
    assert len(admin_session.audit.entries(limit=10_000)) == everything


def test_older_entries_come_on_demand(
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    window: MainWindow,
    admin_session: OperatorSession,
) -> None:
    session = admin_session
    everything = len(shown(window))
    monkeypatch.setattr(audit_page, "LATEST", 10)
    page = window.audit_page
    page.refresh()
    qtbot.waitUntil(window.is_settled, timeout=10_000)
    assert len(shown(window)) == 10 and page.older_button.isEnabled()
    while page.older_button.isEnabled():
        page.older_button.click()
        qtbot.waitUntil(window.is_settled, timeout=10_000)
    assert len(shown(window)) == everything
    every = window.audit_page.entries.records()
    assert [e.id for e in every] == [e.id for e in session.audit.entries(limit=10_000)]


def test_the_export_holds_every_selected_entry_in_words(
    qtbot: QtBot, tmp_path: Path, window: MainWindow, admin_session: OperatorSession
) -> None:
    page = window.audit_page
    page.filters.record.setCurrentIndex(page.filters.record.findData("user"))
    settle(qtbot, window)
    target = tmp_path / "trail.csv"
    page.export_csv(str(target))
    qtbot.waitUntil(lambda: target.exists() and page.export_button.isEnabled(), timeout=10_000)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the mark spreadsheets read UTF-8 by
    rows = list(csv.reader(raw.decode("utf-8-sig").splitlines()))
    assert rows[0][:4] == ["When", "Who", "What", "Action code"]
    users = admin_session.audit.entries(entity="user", limit=10_000)
    assert len(rows) - 1 == len(users)
    first = rows[1]
    assert first[3] == users[0].action and first[2] != first[3]
    assert date.fromisoformat(first[0][:10])  # a date a spreadsheet reads
