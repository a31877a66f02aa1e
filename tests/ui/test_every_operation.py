"""Every kind of operation the window offers, one after another on the company's data:
after each, every page, shown in turn, shows what the database holds, without File >
Refresh (architecture rule 7: the pages reload from what the operation says it changed)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.users import NamedUser, UserQuery
from ui.dialogs.bulk import BulkKind
from ui.main_window import PAGE_NAMES, MainWindow
from ui.pages.accounts import subscription_summary
from ui.pages.licences import InventoryPage

from .test_operations import change_seats, settle, visit


class Walk:
    """The window and the session, and what one step leaves to the next."""

    def __init__(self, qtbot: QtBot, window: MainWindow, account_id: int, folder: Path) -> None:
        self.qtbot, self.window, self.session = qtbot, window, window.session
        self.account_id, self.folder = account_id, folder
        self.quotes: list[str] = []

    def users(self, **criteria: object) -> list[NamedUser]:
        query = UserQuery(self.account_id, sort="id", **criteria)  # type: ignore[arg-type]
        return self.session.users.export(query)

    def designer(self) -> NamedUser:
        return next(u for u in self.users(role="designer") if u.enabled)

    def spare(self) -> NamedUser:
        return next(
            u for u in self.users() if u.enabled and not u.is_guest and "designer" not in u.roles
        )

    def settle(self) -> None:
        settle(self.qtbot, self.window)


# Reading what each page shows, against what the database holds


def current(walk: Walk, name: str) -> bool:
    """Whether the page, shown, shows what the database holds."""
    window, session, qtbot = walk.window, walk.session, walk.qtbot
    visit(qtbot, window, name)
    if name == "dashboard":
        return window.dashboard_page.dashboard == session.billing.dashboard()
    if name == "accounts":
        page, account_id = window.accounts_page, walk.account_id
        summary = subscription_summary(
            session.subscriptions.of_account(account_id),
            session.today,
            window.reference.addon_names,
        )
        return (
            list(page.seats.records()) == session.licences.seats(account_id)
            and page.account_subscription.text() == summary
        )
    if name == "users":
        return users_current(walk)
    if name == "licences":
        return list(window.licences_page.seats.records()) == session.licences.seats(walk.account_id)
    if name == "subscriptions":
        shown = list(window.subscriptions_page.subscriptions.records())
        return shown == session.subscriptions.of_account(walk.account_id)
    if name == "quotes":
        shown = list(window.quotes_page.documents.records())
        return shown == session.billing.quotes(walk.account_id)
    if name == "invoices":
        shown = list(window.invoices_page.documents.records())
        return shown == session.billing.invoices(walk.account_id)
    if name == "sync":
        view = window.sync_page.view
        return view is not None and [view.status] == session.sync.status(walk.account_id)
    assert name == "audit"
    return list(window.audit_page.entries.records()) == session.audit.entries(limit=500)


def users_current(walk: Walk) -> bool:
    page, session = walk.window.users_page, walk.session
    query = page.current_filter()
    assert query is not None
    ids = session.users.ids(query)
    if list(page.users.ids()) != ids:
        return False
    for row in range(len(ids)):
        page.users.user(row)  # asks for the rows not loaded, or loaded before a change
    walk.settle()
    return [page.users.user(row) for row in range(len(ids))] == session.users.by_ids(ids)


def stale_pages(walk: Walk) -> list[str]:
    return [name for name in PAGE_NAMES if not current(walk, name)]


# The operations


def bulk(walk: Walk, kind: BulkKind, user: NamedUser, role: str | None = None) -> None:
    page = walk.window.users_page
    visit(walk.qtbot, walk.window, "users")
    page.select_rows([list(page.users.ids()).index(user.id)])
    dialog = page.start_bulk(kind)
    assert dialog is not None
    if role:
        dialog.select_role(role)
    walk.qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.confirm_button.isEnabled())
    dialog.confirm()
    walk.settle()


def disable(walk: Walk) -> None:
    bulk(walk, BulkKind.DISABLE, walk.designer())


def enable(walk: Walk) -> None:
    disabled = next(u for u in walk.users(role="designer") if not u.enabled)
    bulk(walk, BulkKind.ENABLE, disabled)


def assign(walk: Walk) -> None:
    bulk(walk, BulkKind.ASSIGN, walk.spare(), "designer")


def unassign(walk: Walk) -> None:
    bulk(walk, BulkKind.UNASSIGN, walk.designer(), "designer")


def undo(walk: Walk) -> None:
    assert walk.window.undo_action.isEnabled()
    walk.window.undo_action.trigger()
    walk.settle()


def redo(walk: Walk) -> None:
    assert walk.window.redo_action.isEnabled()
    walk.window.redo_action.trigger()
    walk.settle()


def rename(walk: Walk) -> None:
    model = walk.window.users_page.users
    visit(walk.qtbot, walk.window, "users")
    walk.qtbot.waitUntil(lambda: model.user(0) is not None)
    assert model.setData(model.index(0, 1), "Renamed on the walk")
    walk.settle()


def import_csv(walk: Walk) -> None:
    path = walk.folder / "walk.csv"
    path.write_text("email,display_name,roles,enabled\nwalker@walk.example,Walker,,true\n")
    page = walk.window.users_page
    visit(walk.qtbot, walk.window, "users")
    page.import_action.trigger()
    wizard = page.import_wizard
    assert wizard is not None
    wizard.choose_page.path_edit.setText(str(path))
    wizard.next()
    walk.qtbot.waitUntil(wizard.preview_page.isComplete)
    wizard.next()
    walk.qtbot.waitUntil(wizard.check_page.isComplete)
    wizard.next()
    walk.qtbot.waitUntil(wizard.import_page.isComplete)
    wizard.accept()
    walk.settle()


def licences_of_designers(walk: Walk) -> InventoryPage:
    """The licences page, showing the designer role and its holders."""
    page = walk.window.licences_page
    visit(walk.qtbot, walk.window, "licences")
    page.select_role("designer")
    walk.settle()
    return page


def licence_unassign(walk: Walk) -> None:
    holder = walk.designer()
    page = licences_of_designers(walk)
    page.select_holders([holder.id or 0])
    page.unassign_selected()
    walk.settle()


def licence_assign(walk: Walk) -> None:
    spare = walk.spare()
    picker = licences_of_designers(walk).open_picker()
    assert picker is not None
    walk.settle()
    picker.select_users([spare.id or 0])
    picker.ok_button.click()
    walk.settle()


def apply_rules(walk: Walk) -> None:
    visit(walk.qtbot, walk.window, "licences")
    dialog = walk.window.licences_page.open_rules()
    assert dialog is not None
    walk.qtbot.waitUntil(lambda: not dialog.is_loading())
    dialog.value.setText("@walk.example")
    dialog.role.setCurrentIndex(dialog.role.findData("named-user"))
    dialog.add_rule()
    walk.qtbot.waitUntil(lambda: not dialog.is_loading() and dialog.apply_button.isEnabled())
    dialog.apply_button.click()
    walk.settle()


def named_users(walk: Walk) -> int:
    sub = walk.session.subscriptions.of_account(walk.account_id)[0]
    return sub.seats["named-user"]


def order(walk: Walk) -> None:
    change_seats(
        walk.qtbot, walk.window, walk.account_id, "named-user", named_users(walk) + 1, quote=False
    )


def quote(walk: Walk) -> None:
    made = change_seats(
        walk.qtbot, walk.window, walk.account_id, "named-user", named_users(walk) + 2, quote=True
    )
    assert made is not None and made.number is not None
    walk.quotes.append(made.number)


def decide(walk: Walk, accept: bool) -> None:
    page = walk.window.quotes_page
    visit(walk.qtbot, walk.window, "quotes")
    page.select_number(walk.quotes.pop())
    (page.accept_button if accept else page.reject_button).click()
    walk.settle()


def toggle_renewal(walk: Walk) -> None:
    visit(walk.qtbot, walk.window, "subscriptions")
    walk.window.subscriptions_page.renewal_button.click()
    walk.settle()


def billing_run(walk: Walk) -> None:
    dialog = walk.window.open_billing()
    assert dialog is not None
    dialog.run()
    walk.qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
    walk.settle()
    assert dialog.report is not None and dialog.report.invoices  # today's upgrades
    dialog.reject()


def cancel(walk: Walk) -> None:
    visit(walk.qtbot, walk.window, "subscriptions")
    dialog = walk.window.subscriptions_page.open_cancel()
    assert dialog is not None
    dialog.confirm_button.click()
    walk.settle()


STEPS: tuple[tuple[str, Callable[[Walk], None]], ...] = (
    ("disable a user", disable),
    ("undo it", undo),
    ("redo it", redo),
    ("enable the user", enable),
    ("assign a role", assign),
    ("unassign a role", unassign),
    ("rename a user in place", rename),
    ("undo the rename", undo),
    ("import a CSV", import_csv),
    ("unassign on the licences page", licence_unassign),
    ("assign on the licences page", licence_assign),
    ("apply assignment rules", apply_rules),
    ("order more seats", order),
    ("get a quote", quote),
    ("accept the quote", lambda walk: decide(walk, accept=True)),
    ("get another quote", quote),
    ("reject it", lambda walk: decide(walk, accept=False)),
    ("stop renewal", toggle_renewal),
    ("resume renewal", toggle_renewal),
    ("run the billing", billing_run),
    ("cancel the subscription", cancel),
)


def test_after_every_kind_of_operation_every_page_shows_what_the_database_holds(
    qtbot: QtBot,
    admin_session: OperatorSession,
    make_window: Callable[..., MainWindow],
    company_id: int,
    tmp_path: Path,
) -> None:
    window = make_window(admin_session)
    walk = Walk(qtbot, window, company_id, tmp_path)
    assert stale_pages(walk) == []
    for name, step in STEPS:
        step(walk)
        assert stale_pages(walk) == [], f"after {name}"
