"""Starting Seat Desk: arguments, the screen check, signing in, the main window, and the
screenshot mode used to look at the application without a screen.

`main()` is the `seat-desk` gui-script and what `main.py` calls.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from desktop_admin import __version__
from desktop_admin.app import AdminApp
from desktop_admin.domain.errors import DomainError
from ui.collector import GuiThreadGarbageCollector
from ui.dialogs.login import LoginDialog
from ui.feedback import ERROR_BOX
from ui.i18n import LANGUAGES, chosen_language, install_language
from ui.icons import icon
from ui.main_window import PAGE_NAMES, MainWindow
from ui.tasks import BackgroundTasks

ORGANISATION = "SeatDesk"
APPLICATION = "Seat Desk"
PASSWORD_VARIABLE = "DESKTOP_ADMIN_PASSWORD"
SCREENSHOT_SIZE = (1280, 800)
SCREENSHOT_TIMEOUT_S = 30.0
LAST_LOGIN_KEY = "login/last"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-03-15") from None


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="seat-desk",
        description="Seat Desk: administer seat-based subscriptions, users and roles.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="SQLAlchemy URL of the database (default: DESKTOP_ADMIN_DB "
        "or a SQLite file in your data folder)",
    )
    parser.add_argument("--today", metavar="YYYY-MM-DD", type=_day, help="pretend today is")
    parser.add_argument(
        "--as", dest="login", metavar="LOGIN", help="the operator's login (prefilled)"
    )
    parser.add_argument(
        "--screenshot",
        metavar="PATH",
        type=Path,
        help=f"sign in as --as LOGIN with the password in {PASSWORD_VARIABLE}, save a PNG of "
        "the main window once loaded, and exit",
    )
    parser.add_argument("--page", choices=PAGE_NAMES, help="the page to show first")
    parser.add_argument(
        "--language",
        choices=sorted(LANGUAGES),
        help="the language of the windows (default: the settings' choice, else the system's)",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser.parse_args(argv)


def screen_problem(
    environ: Mapping[str, str] = os.environ, platform: str = sys.platform
) -> str | None:
    """Why Qt would find no screen (it would abort), or None."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return None
    if environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY") or "QT_QPA_PLATFORM" in environ:
        return None
    return (
        "seat-desk: no screen found (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        "To run without a screen, set QT_QPA_PLATFORM=offscreen (for --screenshot) "
        "or start it under xvfb-run."
    )


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    problem = screen_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    try:
        app = AdminApp.open(args.db, args.today)
    except DomainError as error:
        print(f"seat-desk: {error}", file=sys.stderr)
        return error.exit_status
    try:
        return run(app, args)
    finally:
        app.close()


def run(app: AdminApp, args: argparse.Namespace) -> int:
    """Sign in and show the main window (or take its screenshot) for an opened database."""
    qt_app = _qt_application()
    settings = QSettings(ORGANISATION, APPLICATION)
    install_language(qt_app, chosen_language(settings, getattr(args, "language", None)))
    collector = GuiThreadGarbageCollector()
    collector.start()
    tasks = BackgroundTasks()
    try:
        if args.screenshot:
            return take_screenshot(app, args, tasks)
        return _interactive(app, args, tasks, qt_app)
    finally:
        # No task may outlive the window and touch a closed database.
        tasks.wait_for_done()
        collector.stop()


def _qt_application() -> QApplication:
    existing = QApplication.instance()
    qt_app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    qt_app.setOrganizationName(ORGANISATION)
    qt_app.setApplicationName(APPLICATION)
    qt_app.setApplicationVersion(__version__)
    qt_app.setDesktopFileName("seat-desk")
    qt_app.setWindowIcon(icon("seat-desk"))
    return qt_app


def _interactive(
    app: AdminApp, args: argparse.Namespace, tasks: BackgroundTasks, qt_app: QApplication
) -> int:
    settings = QSettings(ORGANISATION, APPLICATION)
    last_login = settings.value(LAST_LOGIN_KEY, "")
    dialog = LoginDialog(app, tasks, args.login or str(last_login or ""))
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.session is None:
        return 0
    settings.setValue(LAST_LOGIN_KEY, dialog.session.operator.login)
    window = MainWindow(dialog.session, tasks, settings)
    window.watch_other_windows()
    if args.page:
        window.show_page(args.page)
    window.show()
    return qt_app.exec()


def take_screenshot(app: AdminApp, args: argparse.Namespace, tasks: BackgroundTasks) -> int:
    """Save a PNG of the main window at a fixed size once everything shown has loaded."""
    password = os.environ.get(PASSWORD_VARIABLE)
    if not args.login or password is None:
        print(
            f"seat-desk: --screenshot needs --as LOGIN and the password in {PASSWORD_VARIABLE}",
            file=sys.stderr,
        )
        return 2
    try:
        # No window is up yet, so signing in here keeps nobody waiting.
        session = app.login(args.login, password)
    except DomainError as error:
        print(f"seat-desk: {error}", file=sys.stderr)
        return error.exit_status
    window = MainWindow(session, tasks, settings=None)
    window.resize(*SCREENSHOT_SIZE)
    if args.page:
        window.show_page(args.page)
    window.show()
    settled = wait_until_settled(window, SCREENSHOT_TIMEOUT_S)
    path: Path = args.screenshot
    path.parent.mkdir(parents=True, exist_ok=True)
    saved = window.grab().save(str(path), "PNG")
    error_box = window.findChild(QMessageBox, ERROR_BOX)
    window.close()
    if not saved:
        print(f"seat-desk: could not write {path}", file=sys.stderr)
        return 1
    if not settled:
        print(f"seat-desk: still loading after {SCREENSHOT_TIMEOUT_S:.0f} s", file=sys.stderr)
        return 1
    if error_box is not None:
        sentence = error_box.informativeText()
        print(f"seat-desk: the window shows an error: {sentence}", file=sys.stderr)
        return 1
    return 0


def wait_until_settled(window: MainWindow, timeout_s: float) -> bool:
    """Run the event loop until the window has nothing left to load (or time runs out)."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    quiet_ticks = 0

    def tick() -> None:
        nonlocal quiet_ticks
        quiet_ticks = quiet_ticks + 1 if window.is_settled() else 0
        if quiet_ticks >= 3 or time.monotonic() > deadline:
            loop.quit()

    timer = QTimer()
    timer.setInterval(30)
    timer.timeout.connect(tick)
    timer.start()
    loop.exec()
    timer.stop()
    return window.is_settled()
