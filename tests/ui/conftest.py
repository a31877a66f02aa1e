"""Qt tests: offscreen, failing on any Qt warning, never touching the user's settings.

Every test gets its own copy of a demo database (built once per session): the
first Administrator `admin` and the demo data of `desktop_admin.demo`.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path


def _offscreen_platform() -> str:
    """`offscreen`, with a desktop-sized screen rather than the plugin's 800x600, so that
    windows are laid out (and their geometry restored) as on a real screen."""
    screen = {"name": "Offscreen", "x": 0, "y": 0, "width": 1920, "height": 1080}
    config = {"screens": [{**screen, "logicalDpi": 96, "logicalBpi": 96, "dpr": 1}]}
    path = Path(tempfile.gettempdir()) / "seat-desk-tests-offscreen-screen.json"
    with tempfile.NamedTemporaryFile("w", dir=path.parent, delete=False, suffix=".json") as f:
        json.dump(config, f)
    os.replace(f.name, path)  # atomic: parallel test workers write the same content
    return f"offscreen:configfile={path}"


# Before Qt is imported anywhere (hence the imports below this line): no screen is
# needed, and none is used.
# ruff: noqa: E402
os.environ["QT_QPA_PLATFORM"] = _offscreen_platform()

import shutil
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.demo import load_demo
from desktop_admin.security import Argon2Hasher
from ui.collector import GuiThreadGarbageCollector
from ui.main_window import MainWindow
from ui.tasks import BackgroundTasks

TODAY = date(2026, 3, 15)
ADMIN = "admin"
PASSWORD = "password123"
HERE = Path(__file__).resolve().parent
#: Messages of the offscreen platform plugin about what it cannot do; a real screen
#: does not print them (qutebrowser ignores the same one).
PLATFORM_NOISE = (r"^This plugin does not support propagateSizeHints\(\)$",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Fail the tests of this folder on Qt warnings (pytest-qt's own mechanism)."""
    for item in items:
        if HERE not in Path(item.path).resolve().parents:
            continue
        if not item.get_closest_marker("qt_log_level_fail"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
        item.add_marker(pytest.mark.qt_log_ignore(*PLATFORM_NOISE))


@pytest.fixture(autouse=True)
def gui_thread_gc(qapp: QApplication) -> Iterator[None]:
    """As in the application: garbage is collected in the GUI thread only (see
    `ui.collector`); a collection in a task's thread could delete widgets there."""
    collector = GuiThreadGarbageCollector()
    collector.start()
    yield
    collector.stop()


@pytest.fixture(scope="session", autouse=True)
def private_settings(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """QSettings of every format and scope live in a temporary folder."""
    folder = tmp_path_factory.mktemp("qsettings")
    for settings_format in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
            QSettings.setPath(settings_format, scope, str(folder))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    return folder


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "seat-desk.ini"), QSettings.Format.IniFormat)


def open_app(url: str) -> AdminApp:
    return AdminApp.open(url, today=TODAY, hasher=Argon2Hasher.cheap())


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "demo.sqlite3"
    app = open_app(f"sqlite:///{path}")
    try:
        load_demo(app.create_first_administrator(ADMIN, PASSWORD))
    finally:
        app.close()
    return path


@pytest.fixture
def db_url(tmp_path: Path, demo_template: Path) -> str:
    """A fresh copy of the demo database."""
    target = tmp_path / "seatdesk.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        source = demo_template.with_name(demo_template.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    return f"sqlite:///{target}"


@pytest.fixture
def admin_app(db_url: str) -> Iterator[AdminApp]:
    app = open_app(db_url)
    yield app
    app.close()


@pytest.fixture
def empty_app(tmp_path: Path) -> Iterator[AdminApp]:
    """A new database without any operator."""
    app = open_app(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    yield app
    app.close()


@pytest.fixture
def admin_session(admin_app: AdminApp) -> OperatorSession:
    return admin_app.login(ADMIN, PASSWORD)


@pytest.fixture
def company_id(admin_session: OperatorSession) -> int:
    company = next(a for a in admin_session.accounts.all() if a.audience.value == "company")
    assert company.id is not None
    return company.id


@pytest.fixture
def tasks(qtbot: QtBot) -> Iterator[BackgroundTasks]:
    """The pool of a test's windows; afterwards, every task has ended and delivered."""
    background = BackgroundTasks()
    yield background
    qtbot.waitUntil(lambda: not background.busy, timeout=10_000)
    background.wait_for_done(10_000)


@pytest.fixture
def make_window(
    qtbot: QtBot, tasks: BackgroundTasks, settings: QSettings
) -> Iterator[Callable[..., MainWindow]]:
    """Build, show and wait for a main window of a session. The windows live until
    their last task delivered, as they would in the application."""
    windows: list[MainWindow] = []

    def make(session: OperatorSession, page: str | None = None) -> MainWindow:
        window = MainWindow(session, tasks, settings)
        windows.append(window)
        qtbot.addWidget(window)
        if page:
            window.show_page(page)
        window.show()
        qtbot.waitUntil(window.is_settled, timeout=10_000)
        return window

    yield make
    qtbot.waitUntil(lambda: not tasks.busy, timeout=10_000)
    windows.clear()


@pytest.fixture
def main_window(
    admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> MainWindow:
    return make_window(admin_session)
