"""Operations (architecture rule 7): what the window changes goes through one helper, whose
one signal `operation_did_execute(changes, initiator)` reloads every page that shows a
part that changed, shown at once or when next shown, without File > Refresh."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from desktop_admin.app import Changes, OperatorSession, Outcome
from desktop_admin.domain.errors import ConflictError, RuleViolation
from desktop_admin.domain.invoicing import DocumentKind
from desktop_admin.domain.outcome import EVERYTHING
from desktop_admin.domain.quotes import Quote
from desktop_admin.domain.users import UserQuery
from ui.feedback import ERROR_BOX
from ui.main_window import MainWindow
from ui.operations import Operations
from ui.pages.base import Page
from ui.tasks import BackgroundTasks


def visit(qtbot: QtBot, window: MainWindow, name: str) -> Page:
    """Show a page as the operator does, and wait until it has loaded what it loads."""
    window.show_page(name)
    qtbot.waitUntil(window.is_settled, timeout=10_000)
    return window.pages[name]


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(window.is_settled, timeout=10_000)


def account_named(session: OperatorSession, name: str) -> int:
    return next(a.id or 0 for a in session.accounts.all() if a.name == name)


def seats_bought(session: OperatorSession, account_id: int, code: str) -> int:
    return next(s.purchased for s in session.licences.seats(account_id) if s.code == code)


# The helper itself


@pytest.fixture
def initiator(qtbot: QtBot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_an_operation_says_what_it_changed_then_hands_over_its_value(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, initiator: QWidget
) -> None:
    ops = Operations(admin_session, tasks)
    told: list[tuple[Changes, object]] = []
    values: list[object] = []
    ops.operation_did_execute.connect(lambda changes, by: told.append((changes, by)))
    ops.operation_did_execute.connect(lambda *_: values.append("told first"))
    ops.run(
        initiator,
        lambda session: session.accounts.create(name="Opérations", audience="maker", country="DE"),
        values.append,
        failed="The account was not created",
        channel=tasks.channel(initiator),
    )
    qtbot.waitUntil(lambda: len(values) == 2)
    assert told == [(Changes.ACCOUNTS | Changes.AUDIT, initiator)]
    assert values[0] == "told first" and getattr(values[1], "name", None) == "Opérations"


def test_what_changed_is_told_even_when_whoever_asked_is_gone(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    ops = Operations(admin_session, tasks)
    told: list[Changes] = []
    values: list[object] = []
    ops.operation_did_execute.connect(lambda changes, _by: told.append(changes))
    started, release = threading.Event(), threading.Event()

    def op(session: OperatorSession) -> Outcome[object]:
        started.set()
        release.wait(10)
        return session.accounts.create(name="Gone", audience="maker", country="DE")

    initiator = QWidget()  # say, a dialog
    channel = tasks.channel(initiator)
    ops.run(initiator, op, values.append, failed="x", channel=channel)
    qtbot.waitUntil(started.is_set)
    initiator.deleteLater()  # closed while its operation runs
    qtbot.waitUntil(lambda: not shiboken6.isValid(channel))
    release.set()
    qtbot.waitUntil(lambda: not tasks.busy)
    assert told == [Changes.ACCOUNTS | Changes.AUDIT]
    assert values == []  # nobody left to show the value to
    assert "Gone" in [a.name for a in admin_session.accounts.all()]


def test_a_refused_operation_shows_the_rule_and_tells_nothing(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, initiator: QWidget
) -> None:
    ops = Operations(admin_session, tasks)
    told: list[object] = []
    ops.operation_did_execute.connect(lambda *args: told.append(args))

    def refused(_session: OperatorSession) -> Outcome[None]:
        raise RuleViolation("R14", "Designer: 12 of 12 seats in use")

    ops.run(initiator, refused, failed="The change was refused", channel=tasks.channel(initiator))
    qtbot.waitUntil(lambda: initiator.findChild(QMessageBox, ERROR_BOX) is not None)
    box = initiator.findChild(QMessageBox, ERROR_BOX)
    assert box is not None
    assert box.text() == "The change was refused"
    assert box.informativeText() == "R14: Designer: 12 of 12 seats in use"
    assert told == []
    box.close()


def test_a_conflict_shows_who_saved_first_and_reloads_what_is_shown(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, initiator: QWidget
) -> None:
    ops = Operations(admin_session, tasks)
    told: list[object] = []
    ops.operation_did_execute.connect(lambda *args: told.append(args))

    def conflicting(_session: OperatorSession) -> Outcome[None]:
        raise ConflictError("this user (id 7) was changed by alice at 2026-03-15 09:30 UTC")

    ops.run(initiator, conflicting, failed="Not saved", channel=tasks.channel(initiator))
    qtbot.waitUntil(lambda: initiator.findChild(QMessageBox, ERROR_BOX) is not None)
    box = initiator.findChild(QMessageBox, ERROR_BOX)
    assert box is not None and "changed by alice at" in box.informativeText()
    assert told == [(EVERYTHING, None)]
    box.close()


def test_file_refresh_means_everything_changed(qtbot: QtBot, main_window: MainWindow) -> None:
    with qtbot.waitSignal(main_window.operations.operation_did_execute) as signal:
        main_window.refresh_action.trigger()
    assert signal.args == [EVERYTHING, None]
    settle(qtbot, main_window)


# What other pages show after an operation


def test_a_refund_shows_its_credit_note_on_the_invoices_page(
    qtbot: QtBot, admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(admin_session, page="invoices")
    student = account_named(admin_session, "Léa Dubois")  # bought yearly today: R16 refunds
    invoices = window.invoices_page
    invoices.select_account(student)
    settle(qtbot, window)
    assert [i.kind for i in invoices.documents.records()] == [DocumentKind.INVOICE]

    subscriptions = visit(qtbot, window, "subscriptions")
    subscriptions.select_account(student)  # type: ignore[attr-defined]
    settle(qtbot, window)
    dialog = window.subscriptions_page.open_cancel()
    assert dialog is not None
    dialog.refund.setChecked(True)
    dialog.confirm_button.click()
    settle(qtbot, window)

    visit(qtbot, window, "invoices")
    shown = list(invoices.documents.records())
    assert shown == admin_session.billing.invoices(student)
    assert sorted(i.kind.value for i in shown) == ["credit_note", "invoice"]


def change_seats(
    qtbot: QtBot, window: MainWindow, account_id: int, code: str, quantity: int, *, quote: bool
) -> Quote | None:
    """Order a new quantity in the change dialog, or get a quote for it (returned)."""
    visit(qtbot, window, "subscriptions")
    window.subscriptions_page.select_account(account_id)
    settle(qtbot, window)
    dialog = window.subscriptions_page.open_change()
    assert dialog is not None
    settle(qtbot, window)
    dialog.seat_spins[code].setValue(quantity)
    qtbot.waitUntil(lambda: not dialog.is_loading() and dialog.result_ is not None)
    if not quote:
        dialog.place_order()
        settle(qtbot, window)
        assert not dialog.isVisible()
        return None
    dialog.get_quote()
    settle(qtbot, window)
    dialog.reject()
    return dialog.quote


def test_a_subscription_change_shows_on_the_licences_dashboard_and_invoices_pages(
    qtbot: QtBot, admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> None:
    maker = account_named(admin_session, "Jonas Becker")
    window = make_window(admin_session, page="dashboard")
    before = admin_session.billing.invoices(maker)
    for name in ("licences", "invoices"):
        visit(qtbot, window, name).select_account(maker)  # type: ignore[attr-defined]
        settle(qtbot, window)
    bought = seats_bought(admin_session, maker, "named-user")

    change_seats(qtbot, window, maker, "named-user", bought + 5, quote=False)
    assert seats_bought(admin_session, maker, "named-user") == bought + 5

    visit(qtbot, window, "licences")
    assert list(window.licences_page.seats.records()) == admin_session.licences.seats(maker)
    visit(qtbot, window, "dashboard")
    dashboard = window.dashboard_page.dashboard
    assert dashboard == admin_session.billing.dashboard()
    assert dashboard is not None
    named = next(s for s in dashboard.seats if s.code == "named-user")
    shown = dict(
        zip(
            window.dashboard_page.seats_roles.categories(),
            [window.dashboard_page.seats_bought.at(i) for i in range(len(dashboard.seats))],
            strict=True,
        )
    )
    assert shown[named.name] == named.purchased
    visit(qtbot, window, "invoices")
    shown_invoices = list(window.invoices_page.documents.records())
    assert shown_invoices == admin_session.billing.invoices(maker)
    assert len(shown_invoices) == len(before) + 1  # today's upgrade, a draft until billed


def test_a_quote_made_in_the_change_dialog_shows_on_the_quotes_page(
    qtbot: QtBot, admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> None:
    maker = account_named(admin_session, "Jonas Becker")
    window = make_window(admin_session, page="quotes")
    window.quotes_page.select_account(maker)
    settle(qtbot, window)
    assert window.quotes_page.documents.rowCount() == 0

    quote = change_seats(qtbot, window, maker, "named-user", 40, quote=True)

    visit(qtbot, window, "quotes")
    assert quote is not None
    assert list(window.quotes_page.documents.records()) == [quote]


def test_a_role_assigned_on_the_licences_page_shows_on_the_users_page(
    qtbot: QtBot,
    admin_session: OperatorSession,
    make_window: Callable[..., MainWindow],
    company_id: int,
) -> None:
    window = make_window(admin_session, page="users")
    spare = next(
        u
        for u in admin_session.users.export(UserQuery(company_id, sort="id"))
        if u.enabled and not u.is_guest and "designer" not in u.roles
    )
    users = window.users_page.users
    row = list(users.ids()).index(spare.id)
    qtbot.waitUntil(lambda: users.user(row) is not None)
    assert "Designer" not in users.data(users.index(row, 4))

    licences = window.licences_page
    visit(qtbot, window, "licences")
    licences.select_role("designer")
    settle(qtbot, window)
    picker = licences.open_picker()
    assert picker is not None
    settle(qtbot, window)
    picker.select_users([spare.id or 0])
    picker.ok_button.click()
    settle(qtbot, window)
    assert "designer" in admin_session.users.get(spare.id or 0).roles

    visit(qtbot, window, "users")
    qtbot.waitUntil(lambda: users.user(row) is not None)
    settle(qtbot, window)
    assert "Designer" in users.data(users.index(row, 4))
