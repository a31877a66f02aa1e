"""The Sync page and the status bar's sync label, against a real SCIM server: set-up in the
settings dialog, "Sync now" in the background, failed entries and their retry, a refused
token, the token asked for when none is kept (no keyring), "Test connection"."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import keyring
import pytest
from keyring.backends.fail import Keyring as NoKeyring
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_admin.app import AdminApp, Changes, OperatorSession
from desktop_admin.security import Argon2Hasher
from tests.sync.conftest import (  # noqa: F401 - fixtures
    TOKEN,
    open_desk,
    scim,
    sqlite_url,
    tenant,
    unused_tenants,
)
from tests.sync.fault_proxy import FaultProxy
from tests.sync.scim_server import ScimServer, free_port
from ui.feedback import ERROR_BOX
from ui.main_window import MainWindow
from ui.pages.sync import SyncPage

SCREENSHOT = "/tmp/sync_page.png"


class Desk:
    def __init__(self, app: AdminApp, session: OperatorSession, account_id: int) -> None:
        self.app, self.session, self.account_id = app, session, account_id

    def add_users(self, count: int) -> set[str]:
        emails = {f"user{n:03d}@acme.example" for n in range(count)}
        for email in sorted(emails):
            self.session.users.add(
                account_id=self.account_id, email=email, display_name=email.split("@")[0],
                roles=("named-user",),
            )  # fmt: skip
        return emails


@pytest.fixture
def sync_desk(
    sqlite_url: str,  # noqa: F811
    cheap_hasher: Argon2Hasher,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[Desk]:
    """A company with seats and no user, whose tokens no keyring keeps (the window asks
    for them once per session): `KeyringTokens(environ={})` on a machine without keyring."""
    monkeypatch.setattr(keyring, "get_keyring", NoKeyring)
    app, session, account_id = open_desk(sqlite_url, cheap_hasher, tokens={})
    yield Desk(app, session, account_id)
    app.close()


@pytest.fixture
def proxy(scim: ScimServer) -> Iterator[FaultProxy]:  # noqa: F811
    with FaultProxy(scim.origin) as running:
        yield running


def open_page(qtbot: QtBot, make_window: Callable[..., MainWindow], desk: Desk) -> SyncPage:
    window = make_window(desk.session, page="sync")
    page = window.sync_page
    page.select_account(desk.account_id)
    qtbot.waitUntil(window.is_settled, timeout=10_000)
    return page


def window_of(page: SyncPage) -> MainWindow:
    window = page.window()
    assert isinstance(window, MainWindow)
    return window


def sync_now(qtbot: QtBot, page: SyncPage) -> None:
    """Click "Sync now": the run goes in the background (the click returns at once)."""
    runs = page.last_run
    page.sync_button.click()
    qtbot.waitUntil(lambda: page.last_run is not runs or not page.is_syncing(), timeout=30_000)
    qtbot.waitUntil(window_of(page).is_settled, timeout=10_000)


def error_box(page: SyncPage) -> QMessageBox | None:
    boxes = [b for b in page.findChildren(QMessageBox, ERROR_BOX) if b.isVisible()]
    return boxes[0] if boxes else None


def test_set_up_then_sync_now_sends_the_users_and_the_status_bar_says_when(
    sync_desk: Desk,
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    scim: ScimServer,  # noqa: F811
    tenant: str,  # noqa: F811
) -> None:
    emails = sync_desk.add_users(3)
    page = open_page(qtbot, make_window, sync_desk)
    window = window_of(page)
    assert page.stack.currentWidget() is page.empty_panel
    assert page.setup_button.isVisible() and page.setup_button.isEnabled()
    assert window.sync_label.text() == "Sync: off"

    page.setup_button.click()
    dialog = page.settings_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.url_edit.setText(scim.base_url(tenant))
    dialog.roles_combo.setCurrentIndex(dialog.roles_combo.findData("groups"))
    dialog.token_edit.setText(TOKEN)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(window.is_settled, timeout=10_000)
    assert page.stack.currentWidget() is page.details_panel
    assert page.values["url"].text() == scim.base_url(tenant)
    assert page.values["roles"].text() == "SCIM groups with members"
    assert page.values["queued"].text() == "3"
    assert page.values["token"].text() == "kept for this session"
    assert window.sync_label.text() == "Sync: pending 3"
    assert "3 users queued" in window.statusBar().currentMessage()

    said: list[str] = []
    page.sync_running.connect(lambda running: said.append(window.sync_label.text()))
    sync_now(qtbot, page)
    assert said[0] == "Sync: syncing…"
    assert {u["userName"] for u in scim.users(tenant)} == emails
    assert {g["displayName"] for g in scim.groups(tenant)} == {"named-user"}
    assert page.values["queued"].text() == "0"
    assert page.values["sent"].text() == "3"
    assert page.values["last_sync"].text() != "never"
    assert page.failed.rowCount() == 0
    assert window.sync_label.text().startswith("Sync: synced at ")
    assert "Synced: 3 sent, 0 failed, 3 read." in page.run_bar.label.text()

    # A user added elsewhere is queued with it: told of the change, both show it pending.
    sync_desk.session.users.add(account_id=sync_desk.account_id, email="late@acme.example")
    window.operations.notify(Changes.USERS)
    qtbot.waitUntil(lambda: window.sync_label.text() == "Sync: pending 1", timeout=10_000)
    qtbot.waitUntil(lambda: page.values["queued"].text() == "1", timeout=10_000)


def test_failed_entries_show_their_error_and_are_sent_once_retried(
    sync_desk: Desk,
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    scim: ScimServer,  # noqa: F811
    tenant: str,  # noqa: F811
    proxy: FaultProxy,
) -> None:
    emails = sync_desk.add_users(3)
    url = proxy.base_url(scim.base_path(tenant))
    sync_desk.session.sync.configure(sync_desk.account_id, url=url, roles="roles", token=TOKEN)
    page = open_page(qtbot, make_window, sync_desk)
    window = window_of(page)
    proxy.chaos(seed=1, error500=1.0, when=lambda method, _path: method == "POST")

    page.sync_button.click()  # returns at once: the token is looked up, then the run goes
    assert not page.sync_button.isEnabled()
    qtbot.waitUntil(page.is_syncing)
    assert page.run_bar.cancel_button.isVisible() and page.run_bar.progress.isVisible()
    qtbot.waitUntil(lambda: not page.is_syncing(), timeout=30_000)
    qtbot.waitUntil(window.is_settled, timeout=10_000)
    assert error_box(page) is None  # the run ended; what failed is listed
    assert page.values["failed"].text() == "3"
    assert page.values["last_error"].text() == "500 injected"  # the pull after it keeps it
    assert page.run_bar.label.text() == "Synced: 0 sent, 3 failed, 0 read."
    assert page.failed_title.text() == "3 failed entries"
    rows = [
        [page.failed.data(page.failed.index(row, column)) for column in range(3)]
        for row in range(page.failed.rowCount())
    ]
    assert sorted(rows) == [[email, "1", "500 injected"] for email in sorted(emails)]
    assert window.sync_label.text() == "Sync: failed 3"
    assert page.retry_button.isEnabled()

    page.test_button.click()
    qtbot.waitUntil(page.features_label.isVisible, timeout=10_000)
    features = page.features_label.text()
    assert "PATCH: yes" in features and "Bulk: yes, up to 1000 operations" in features
    assert "Filter: yes, up to 1000 results" in features and "ETag: yes" in features
    qtbot.waitUntil(window.is_settled, timeout=10_000)
    window.resize(1200, 760)
    page.grab().save(SCREENSHOT)

    proxy.clear()
    page.retry_button.click()
    qtbot.waitUntil(lambda: page.values["failed"].text() == "0", timeout=10_000)
    assert page.failed.rowCount() == 0 and window.sync_label.text() == "Sync: pending 3"
    sync_now(qtbot, page)
    assert {u["userName"] for u in scim.users(tenant)} == emails
    assert page.values["queued"].text() == "0" and page.values["last_error"].text() == "—"
    assert window.sync_label.text().startswith("Sync: synced at ")


def test_cancel_stops_the_run_and_keeps_what_was_sent(
    sync_desk: Desk,
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    scim: ScimServer,  # noqa: F811
    tenant: str,  # noqa: F811
    proxy: FaultProxy,
) -> None:
    sync_desk.add_users(3)
    url = proxy.base_url(scim.base_path(tenant))
    sync_desk.session.sync.configure(sync_desk.account_id, url=url, token=TOKEN)
    page = open_page(qtbot, make_window, sync_desk)
    window = window_of(page)
    proxy.chaos(seed=2, delay=1.0, delay_seconds=0.5, when=lambda method, _path: method == "POST")
    page.sync_button.click()
    qtbot.waitUntil(page.is_syncing)
    assert window.sync_label.text() == "Sync: syncing…"
    page.run_bar.cancel_button.click()
    assert not page.run_bar.cancel_button.isEnabled()
    assert page.run_bar.label.text() == "Stopping after the requests under way…"
    qtbot.waitUntil(lambda: not page.is_syncing(), timeout=30_000)
    qtbot.waitUntil(window.is_settled, timeout=10_000)
    assert page.last_run is not None and page.last_run.pulled == []
    assert page.run_bar.label.text() == "Sync cancelled: what was sent is kept."
    assert page.sync_button.isVisible() and not page.run_bar.cancel_button.isVisible()
    assert page.values["last_sync"].text() == "never"  # an unfinished run is no sync
    assert window.sync_label.text() != "Sync: syncing…"


def test_a_refused_token_shows_the_error_and_leaves_the_window_working(
    sync_desk: Desk,
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    scim: ScimServer,  # noqa: F811
    tenant: str,  # noqa: F811
) -> None:
    sync_desk.add_users(2)
    url = scim.base_url(tenant)
    sync_desk.session.sync.configure(sync_desk.account_id, url=url, token="not-the-token")
    page = open_page(qtbot, make_window, sync_desk)
    window = window_of(page)
    sync_now(qtbot, page)
    box = error_box(page)
    assert box is not None and box.text() == "The sync failed"
    assert "refused the token" in box.informativeText()
    box.close()
    assert "refused the token" in page.values["last_error"].text()
    assert page.values["queued"].text() == "2" and page.values["failed"].text() == "0"
    assert window.sync_label.text() == "Sync: error"
    assert "refused the token" in window.sync_label.toolTip()
    assert scim.users(tenant) == []
    assert page.sync_button.isVisible() and page.sync_button.isEnabled()
    window.show_page("users")  # the window still answers
    qtbot.waitUntil(window.is_settled, timeout=10_000)


def test_without_a_kept_token_sync_now_asks_for_it_once_per_session(
    sync_desk: Desk,
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    scim: ScimServer,  # noqa: F811
    tenant: str,  # noqa: F811
) -> None:
    emails = sync_desk.add_users(2)
    sync_desk.session.sync.configure(sync_desk.account_id, url=scim.base_url(tenant))
    page = open_page(qtbot, make_window, sync_desk)
    assert page.values["token"].text() == "none kept: asked for at the next sync"

    page.sync_button.click()
    qtbot.waitUntil(lambda: page.tokens.dialog is not None and page.tokens.dialog.isVisible())
    prompt = page.tokens.dialog
    assert prompt is not None
    assert prompt.token_edit.echoMode() == prompt.token_edit.EchoMode.Password
    assert not prompt.ok_button.isEnabled()
    prompt.token_edit.setText(TOKEN)
    prompt.ok_button.click()
    qtbot.waitUntil(lambda: page.last_run is not None, timeout=30_000)
    qtbot.waitUntil(window_of(page).is_settled, timeout=10_000)
    assert {u["userName"] for u in scim.users(tenant)} == emails
    assert page.values["token"].text() == "kept for this session"

    sync_desk.session.users.add(account_id=sync_desk.account_id, email="more@acme.example")
    first = page.last_run
    sync_now(qtbot, page)
    assert page.tokens.dialog is prompt and not prompt.isVisible()  # not asked again
    assert page.last_run is not first
    assert "more@acme.example" in {u["userName"] for u in scim.users(tenant)}


def test_the_settings_dialog_shows_a_refusal_and_stays_open(
    sync_desk: Desk, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    page = open_page(qtbot, make_window, sync_desk)
    dialog = page.open_settings()
    assert dialog is not None
    assert dialog.token_edit.echoMode() == dialog.token_edit.EchoMode.Password
    dialog.url_edit.setText("http://platform.example/scim/v2")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.message.text() != "Saving…")
    assert "https://" in dialog.message.text() and dialog.isVisible()
    dialog.url_edit.setText("https://platform.example/scim/v2")
    dialog.roles_combo.setCurrentIndex(dialog.roles_combo.findData("entitlements"))
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    qtbot.waitUntil(window_of(page).is_settled, timeout=10_000)
    assert page.values["roles"].text() == "The users' entitlements attribute"
    again = page.open_settings()
    assert again is not None and again.url_edit.text() == "https://platform.example/scim/v2"
    assert again.token_edit.placeholderText() == "the platform's bearer token"
    again.reject()


def test_a_user_manager_sees_the_sync_but_may_not_run_it(
    sync_desk: Desk,
    make_window: Callable[..., MainWindow],
    qtbot: QtBot,
    scim: ScimServer,  # noqa: F811
    tenant: str,  # noqa: F811
) -> None:
    sync_desk.session.sync.configure(sync_desk.account_id, url=scim.base_url(tenant), token=TOKEN)
    sync_desk.session.operators.add(login="manager", role="user_manager", password="password123")
    manager = sync_desk.app.login("manager", "password123")
    page = open_page(qtbot, make_window, Desk(sync_desk.app, manager, sync_desk.account_id))
    assert page.stack.currentWidget() is page.details_panel
    for button in (page.sync_button, page.settings_button, page.test_button):
        assert not button.isEnabled() and "may not synchronise" in button.toolTip()
    assert window_of(page).sync_label.text() == "Sync: on"


def test_an_unreachable_platform_shows_why_and_the_window_goes_on(
    sync_desk: Desk, make_window: Callable[..., MainWindow], qtbot: QtBot
) -> None:
    sync_desk.add_users(1)
    url = f"http://127.0.0.1:{free_port()}/v2"
    sync_desk.session.sync.configure(sync_desk.account_id, url=url, token=TOKEN)
    page = open_page(qtbot, make_window, sync_desk)
    window = window_of(page)
    sync_now(qtbot, page)
    box = error_box(page)
    assert box is not None and box.text() == "The sync failed"
    assert "could not be read" in box.informativeText()
    box.close()
    assert "could not be read" in page.values["last_error"].text()
    assert page.values["queued"].text() == "1"
    assert page.sync_button.isVisible() and page.sync_button.isEnabled()
    assert not page.run_bar.progress.isVisible()
    assert window.sync_label.text() == "Sync: error"
    window.show_page("users")  # the window still answers
    qtbot.waitUntil(window.is_settled, timeout=10_000)
