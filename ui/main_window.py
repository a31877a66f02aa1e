"""The main window: navigation on the left, the pages on the right, menus, status bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolBar,
    QWidget,
)

from desktop_admin import __version__
from desktop_admin.app import OperatorSession
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.outcome import EVERYTHING
from ui.dialogs.billing import BillingDialog
from ui.feedback import show_error
from ui.i18n import role_label, translate
from ui.icons import icon
from ui.operations import Operations
from ui.pages.accounts import AccountsPage
from ui.pages.audit import AuditPage
from ui.pages.base import Page
from ui.pages.dashboard import DashboardPage
from ui.pages.documents import InvoicesPage, QuotesPage
from ui.pages.licences import InventoryPage
from ui.pages.subscriptions import SubscriptionsPage
from ui.pages.sync import SyncPage
from ui.pages.users import UsersPage
from ui.reference import ReferenceData
from ui.settings_menu import SettingsActions
from ui.tasks import BackgroundTasks
from ui.undo import UndoHistory
from ui.watcher import ChangeWatcher
from ui.widgets.basics import busy_bar
from ui.widgets.history_actions import HistoryActions
from ui.widgets.language_menu import LanguageMenu
from ui.widgets.navigation import NavigationPanel
from ui.widgets.sync_status import SyncStatusLabel

#: The pages by the name `--page` and the settings use, in navigation order.
PAGE_NAMES = (
    "dashboard",
    "accounts",
    "users",
    "licences",
    "subscriptions",
    "quotes",
    "invoices",
    "sync",
    "audit",
)
GEOMETRY_KEY = "main_window/geometry"
PAGE_KEY = "main_window/page"
#: The column layout of each page's main table, under `columns/<page name>`.
COLUMNS_KEY = "columns/{page}"
#: The attributes naming a page's main table, in order of preference.
MAIN_TABLES = ("table", "accounts_view", "seats_view")


class MainWindow(QMainWindow):
    """The window of one signed-in operator.

    `settings`, when given, keeps the window's geometry and last page; the tests
    give a file in a temporary folder, the screenshot mode gives none.
    """

    def __init__(
        self,
        session: OperatorSession,
        tasks: BackgroundTasks,
        settings: QSettings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.tasks, self._settings = session, tasks, settings
        self.setWindowTitle("Seat Desk")
        self.setWindowIcon(icon("seat-desk"))
        self.setMinimumSize(900, 560)

        #: The one way the window runs operations; its signal reloads the pages.
        self.operations = Operations(session, tasks, self)
        self.reference = ReferenceData(self.operations, self)
        self.reference.failed.connect(
            lambda error: show_error(
                self, translate("MainWindow", "The accounts could not be loaded"), error
            )
        )
        self._build_pages(self.operations)
        self.history = UndoHistory(self.operations, self)
        self.undo_stack = self.history.stack
        self.billing_dialog: BillingDialog | None = None
        self._watcher: ChangeWatcher | None = None
        self._connect_history()

        self._build_central()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._restore_settings()
        self.reference.reload()

    def _build_pages(self, ops: Operations) -> None:
        self.dashboard_page = DashboardPage(ops)
        self.accounts_page = AccountsPage(ops, self.reference)
        self.users_page = UsersPage(ops, self.reference)
        self.licences_page = InventoryPage(ops, self.reference)
        self.subscriptions_page = SubscriptionsPage(ops, self.reference)
        self.quotes_page = QuotesPage(ops, self.reference)
        self.invoices_page = InvoicesPage(ops, self.reference)
        self.sync_page = SyncPage(ops, self.reference)
        self.audit_page = AuditPage(ops)
        pages: tuple[Page, ...] = (
            self.dashboard_page,
            self.accounts_page,
            self.users_page,
            self.licences_page,
            self.subscriptions_page,
            self.quotes_page,
            self.invoices_page,
            self.sync_page,
            self.audit_page,
        )
        self.pages: dict[str, Page] = dict(zip(PAGE_NAMES, pages, strict=True))
        for page in self.pages.values():
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))

    def _build_central(self) -> None:
        panel = NavigationPanel((name, page.title) for name, page in self.pages.items())
        self.navigation = panel.pages
        self.stack = QStackedWidget()
        for page in self.pages.values():
            self.stack.addWidget(page)
        self.navigation.currentRowChanged.connect(self._show_row)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(panel)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(translate("MainWindow", "&File"))
        self.refresh_action = self._action(
            translate("MainWindow", "&Refresh"), QKeySequence.StandardKey.Refresh
        )
        self.refresh_action.triggered.connect(self.refresh)
        file_menu.addAction(self.refresh_action)
        file_menu.addSeparator()
        self.quit_action = self._action(
            translate("MainWindow", "&Quit"), QKeySequence.StandardKey.Quit
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        file_menu.addAction(self.quit_action)
        self._build_edit_menu()

        go_menu = self.menuBar().addMenu(translate("MainWindow", "&Go"))
        for row, page in enumerate(self.pages.values()):
            action = self._action(page.title, QKeySequence(f"Ctrl+{row + 1}"))
            action.triggered.connect(lambda _=False, row=row: self.navigation.setCurrentRow(row))
            go_menu.addAction(action)

        self._build_billing_menu()
        settings_menu = self.menuBar().addMenu(translate("MainWindow", "&Settings"))
        self.settings_actions = SettingsActions(self.operations, self)
        self.settings_actions.add_to(settings_menu)
        self.settings_actions.said.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.language_menu = LanguageMenu(self._settings, self)
        self.language_menu.chosen.connect(
            lambda _code, text: self.statusBar().showMessage(text, 8000)
        )
        settings_menu.addMenu(self.language_menu)
        help_menu = self.menuBar().addMenu(translate("MainWindow", "&Help"))
        self.about_action = self._action(translate("MainWindow", "&About Seat Desk"), None)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        help_menu.addAction(self.about_action)

    def _action(
        self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey | None
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        return action

    def _build_status_bar(self) -> None:
        self.busy_indicator = busy_bar("busy_indicator", 14)
        self.busy_indicator.setMaximumWidth(110)
        self.busy_indicator.setToolTip(translate("MainWindow", "Working in the background…"))
        self.busy_indicator.setVisible(self.tasks.busy)
        self.tasks.busy_changed.connect(self.busy_indicator.setVisible)
        self.statusBar().addPermanentWidget(self.busy_indicator)
        operator = self.session.operator
        self.sync_label = SyncStatusLabel(self.operations)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.sync_page.sync_running.connect(self.sync_label.set_syncing)
        self.database_label = self._status_label(
            self.session.app.database_label,
            "database_label",
            translate("MainWindow", "The database this window works on"),
        )
        self.operator_label = self._status_label(
            f"{operator.login} · {role_label(operator.role)}",
            "operator_label",
            translate("MainWindow", "Signed in as"),
        )

    def _status_label(self, text: str, name: str, tip: str) -> QLabel:
        label = QLabel(text)
        label.setObjectName(name)
        label.setToolTip(tip)
        label.setContentsMargins(8, 0, 8, 0)
        self.statusBar().addPermanentWidget(label)
        return label

    # Pages
    def current_page(self) -> Page:
        page = self.stack.currentWidget()
        assert isinstance(page, Page)
        return page

    def show_page(self, name: str) -> None:
        """Show the page named in `PAGE_NAMES`."""
        self.navigation.setCurrentRow(PAGE_NAMES.index(name))

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.current_page().activate()

    def refresh(self) -> None:
        """Anything may have changed (elsewhere): reload the accounts, the page shown, and
        the others when next shown."""
        self.operations.notify(EVERYTHING)

    def is_settled(self) -> bool:
        """Nothing is loading or about to: what is shown is what the database holds."""
        return not self.tasks.busy and not any(p.is_loading() for p in self.pages.values())

    def show_about(self) -> QMessageBox:
        box = QMessageBox(self)
        box.setObjectName("about_box")
        box.setWindowTitle(translate("MainWindow", "About Seat Desk"))
        box.setIconPixmap(icon("seat-desk").pixmap(64, 64))
        box.setText(f"<b>Seat Desk</b> {__version__}")
        box.setInformativeText(
            translate(
                "MainWindow",
                "Administer seat-based subscriptions: accounts, users and their roles, "
                "quotes and invoices.<br><br>Database: {database}<br>Qt {qt}",
            ).format(database=self.session.app.database_label, qt=qVersion())
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # Window state
    def _restore_settings(self) -> None:
        self.resize(1200, 760)
        name = "accounts"
        if self._settings is not None:
            geometry = self._settings.value(GEOMETRY_KEY)
            if isinstance(geometry, QByteArray):
                self.restoreGeometry(geometry)
            saved = self._settings.value(PAGE_KEY)
            name = saved if saved in PAGE_NAMES else name
            self._restore_columns(self._settings)
        self.show_page(str(name))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.current_page().activate()

    def watch_other_windows(self) -> None:
        """Reload what other administrators change on this database, as they do it."""
        if self._watcher is None:
            self._watcher = ChangeWatcher(self.session.app)
            self._watcher.changed_elsewhere.connect(
                lambda changes: self.operations.notify(changes, self._watcher)
            )
            self._watcher.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher = None
        if self._settings is not None:
            self._settings.setValue(GEOMETRY_KEY, self.saveGeometry())
            self._settings.setValue(PAGE_KEY, PAGE_NAMES[self.stack.currentIndex()])
            self._save_columns(self._settings)
            self._settings.sync()
        super().closeEvent(event)

    def _restore_columns(self, settings: QSettings) -> None:
        for name, page in self.pages.items():
            view = main_table(page)
            state = settings.value(COLUMNS_KEY.format(page=name))
            if view is not None and isinstance(state, QByteArray):
                view.horizontalHeader().restoreState(state)

    def _save_columns(self, settings: QSettings) -> None:
        for name, page in self.pages.items():
            view = main_table(page)
            if view is not None:
                settings.setValue(
                    COLUMNS_KEY.format(page=name), view.horizontalHeader().saveState()
                )

    # Undo, toolbar, billing
    def _connect_history(self) -> None:
        for source in (self.users_page.user_change_made, self.licences_page.user_change_made):
            source.connect(self.history.record)
        self.history.applied.connect(
            lambda _account, message: self.statusBar().showMessage(message, 6000)
        )
        self.history.user_saved.connect(self.users_page.users.user_saved)
        # No cell is edited while an undo or redo is on its way to the database.
        self.history.busy_changed.connect(
            lambda busy: self.users_page.users.set_editable(self.users_page.may_manage and not busy)
        )
        self.history.refused.connect(lambda title, error: show_error(self, title, error))

    def _build_edit_menu(self) -> None:
        edit_menu = self.menuBar().addMenu(translate("MainWindow", "&Edit"))
        self.history_actions = HistoryActions(self.history, self)
        self.undo_action, self.redo_action = self.history_actions.undo, self.history_actions.redo
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)

    def _build_billing_menu(self) -> None:
        billing_menu = self.menuBar().addMenu(translate("MainWindow", "&Billing"))
        self.billing_action = self._action(translate("MainWindow", "Run &billing…"), None)
        self.billing_action.setIcon(icon("invoices"))
        may_bill = self.session.may(Permission.RUN_BILLING)
        self.billing_action.setEnabled(may_bill)
        if not may_bill:
            self.billing_action.setToolTip(
                translate("MainWindow", "{role}s may not run billing.").format(
                    role=role_label(self.session.operator.role)
                )
            )
        self.billing_action.triggered.connect(self.open_billing)
        billing_menu.addAction(self.billing_action)

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(translate("MainWindow", "Main toolbar"))
        self.toolbar.setObjectName("main_toolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setIconSize(QSize(18, 18))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.refresh_action.setIcon(
            self.style().standardIcon(QStyle.StandardPixmap.SP_BrowserReload)
        )
        for action in (self.refresh_action, None, self.undo_action, self.redo_action, None):
            if action is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(action)
        self.toolbar.addAction(self.billing_action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def open_billing(self) -> BillingDialog | None:
        """Open the billing run (window-modal, not blocking)."""
        if not self.session.may(Permission.RUN_BILLING):
            return None
        dialog = BillingDialog(self.operations, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(self._billing_gone)
        self.billing_dialog = dialog
        dialog.open()
        return dialog

    def _billing_gone(self) -> None:
        self.billing_dialog = None


def main_table(page: Page) -> QTableView | None:
    """The table a page is about, whose columns the window keeps."""
    for name in MAIN_TABLES:
        view = getattr(page, name, None)
        if isinstance(view, QTableView):
            return view
    return None
