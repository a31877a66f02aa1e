"""The main window: navigation on the left, the pages on the right, menus, status bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, qVersion
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop_admin import __version__
from desktop_admin.app import OperatorSession
from desktop_admin.domain.operators import Permission
from ui.dialogs.billing import BillingDialog
from ui.feedback import show_error
from ui.i18n import role_label, translate
from ui.icons import icon
from ui.pages.accounts import AccountsPage
from ui.pages.audit import AuditPage
from ui.pages.base import Page
from ui.pages.dashboard import DashboardPage
from ui.pages.documents import InvoicesPage, QuotesPage
from ui.pages.licences import InventoryPage
from ui.pages.subscriptions import SubscriptionsPage
from ui.pages.users import UsersPage
from ui.reference import ReferenceData
from ui.tasks import BackgroundTasks
from ui.undo import UndoHistory
from ui.widgets.language_menu import LanguageMenu

#: The pages by the name `--page` and the settings use, in navigation order.
PAGE_NAMES = (
    "dashboard",
    "accounts",
    "users",
    "licences",
    "subscriptions",
    "quotes",
    "invoices",
    "audit",
)
GEOMETRY_KEY = "main_window/geometry"
PAGE_KEY = "main_window/page"
#: The column layout of each page's main table, under `columns/<page name>`.
COLUMNS_KEY = "columns/{page}"
#: The attributes naming a page's main table, in order of preference.
MAIN_TABLES = ("table", "accounts_view", "seats_view")

NAVIGATION_STYLE = """
QListWidget#navigation { border: none; padding-top: 10px; outline: 0; }
QListWidget#navigation::item { padding: 7px 10px; border-radius: 6px; margin: 1px 8px; }
QListWidget#navigation::item:selected {
    background: palette(highlight); color: palette(highlighted-text);
}
QListWidget#navigation::item:hover:!selected { background: palette(midlight); }
"""


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

        self.reference = ReferenceData(session, tasks, self)
        self.reference.failed.connect(
            lambda error: show_error(
                self, translate("MainWindow", "The accounts could not be loaded"), error
            )
        )
        self.dashboard_page = DashboardPage(session, tasks)
        self.accounts_page = AccountsPage(session, tasks, self.reference)
        self.users_page = UsersPage(session, tasks, self.reference)
        self.licences_page = InventoryPage(session, tasks, self.reference)
        self.subscriptions_page = SubscriptionsPage(session, tasks, self.reference)
        self.quotes_page = QuotesPage(session, tasks, self.reference)
        self.invoices_page = InvoicesPage(session, tasks, self.reference)
        self.audit_page = AuditPage(session, tasks)
        pages: tuple[Page, ...] = (
            self.dashboard_page,
            self.accounts_page,
            self.users_page,
            self.licences_page,
            self.subscriptions_page,
            self.quotes_page,
            self.invoices_page,
            self.audit_page,
        )
        self.pages: dict[str, Page] = dict(zip(PAGE_NAMES, pages, strict=True))
        for page in self.pages.values():
            page.status_message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self._connect_refreshes()
        self.history = UndoHistory(session, tasks, self)
        self.undo_stack = self.history.stack
        self.billing_dialog: BillingDialog | None = None
        self._connect_history()

        self._build_central()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._restore_settings()
        self.reference.reload()

    def _connect_refreshes(self) -> None:
        """What one page changes, the pages that show it reload."""
        for source in (self.users_page.users_changed, self.licences_page.users_changed):
            source.connect(self.accounts_page.on_users_changed)
            source.connect(lambda _account: self.audit_page.mark_stale())
        self.users_page.users_changed.connect(self.licences_page.on_users_changed)
        for source in (
            self.subscriptions_page.subscriptions_changed,
            self.quotes_page.documents_changed,
        ):
            source.connect(self.accounts_page.on_users_changed)
            source.connect(lambda _account: self.audit_page.mark_stale())

    def _build_central(self) -> None:
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setStyleSheet(NAVIGATION_STYLE)
        self.navigation.setIconSize(QSize(20, 20))
        self.navigation.setFrameShape(QListWidget.Shape.NoFrame)
        self.stack = QStackedWidget()
        for name, page in self.pages.items():
            QListWidgetItem(icon(name), page.title, self.navigation)
            self.stack.addWidget(page)
        self.navigation.currentRowChanged.connect(self._show_row)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._navigation_panel())
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _navigation_panel(self) -> QWidget:
        """The brand on top of the page list, on the list's background."""
        panel = QWidget()
        panel.setObjectName("navigation_panel")
        panel.setFixedWidth(200)
        panel.setAutoFillBackground(True)
        panel.setBackgroundRole(QPalette.ColorRole.Base)
        logo = QLabel()
        logo.setPixmap(icon("seat-desk").pixmap(28, 28))
        name = QLabel("Seat Desk")
        font = name.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        name.setFont(font)
        brand = QHBoxLayout()
        brand.setContentsMargins(16, 14, 16, 4)
        brand.setSpacing(8)
        brand.addWidget(logo)
        brand.addWidget(name, 1)
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(brand)
        layout.addWidget(self.navigation, 1)
        return panel

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
        bar = self.statusBar()
        self.busy_indicator = QProgressBar()
        self.busy_indicator.setObjectName("busy_indicator")
        self.busy_indicator.setRange(0, 0)
        self.busy_indicator.setMaximumWidth(110)
        self.busy_indicator.setMaximumHeight(14)
        self.busy_indicator.setTextVisible(False)
        self.busy_indicator.setToolTip(translate("MainWindow", "Working in the background…"))
        self.busy_indicator.setVisible(self.tasks.busy)
        self.tasks.busy_changed.connect(self.busy_indicator.setVisible)
        operator = self.session.operator
        self.database_label = QLabel(self.session.app.database_label)
        self.database_label.setObjectName("database_label")
        self.database_label.setToolTip(translate("MainWindow", "The database this window works on"))
        self.operator_label = QLabel(f"{operator.login} · {role_label(operator.role)}")
        self.operator_label.setObjectName("operator_label")
        self.operator_label.setToolTip(translate("MainWindow", "Signed in as"))
        bar.addPermanentWidget(self.busy_indicator)
        self.sync_label = QLabel(translate("MainWindow", "Sync: off"))
        self.sync_label.setObjectName("sync_label")
        self.sync_label.setToolTip(
            translate("MainWindow", "Synchronisation with a remote platform is not configured")
        )
        for label in (self.sync_label, self.database_label, self.operator_label):
            label.setContentsMargins(8, 0, 8, 0)
            bar.addPermanentWidget(label)

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
        """Reload the accounts, the page shown, and the others when next shown."""
        self.reference.reload()
        for page in self.pages.values():
            page.mark_stale()

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

    def closeEvent(self, event: QCloseEvent) -> None:
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
        self.history.applied.connect(self._history_applied)
        self.history.user_saved.connect(self.users_page.users.user_saved)
        # No cell is edited while an undo or redo is on its way to the database.
        self.history.busy_changed.connect(
            lambda busy: self.users_page.users.set_editable(self.users_page.may_manage and not busy)
        )
        self.history.refused.connect(lambda title, error: show_error(self, title, error))

    def _history_applied(self, account_id: int, message: str) -> None:
        self.statusBar().showMessage(message, 6000)
        self.accounts_page.on_users_changed(account_id)
        self.licences_page.on_users_changed(account_id)
        self.users_page.mark_stale()
        self.audit_page.mark_stale()

    def _build_edit_menu(self) -> None:
        edit_menu = self.menuBar().addMenu(translate("MainWindow", "&Edit"))
        self.undo_action = self._action(
            translate("MainWindow", "&Undo"), QKeySequence.StandardKey.Undo
        )
        self.undo_action.setIcon(
            QIcon.fromTheme(
                QIcon.ThemeIcon.EditUndo,
                self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowBack),
            )
        )
        self.undo_action.triggered.connect(self.history.undo)
        self.redo_action = self._action(
            translate("MainWindow", "&Redo"), QKeySequence.StandardKey.Redo
        )
        self.redo_action.setIcon(
            QIcon.fromTheme(
                QIcon.ThemeIcon.EditRedo,
                self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward),
            )
        )
        self.redo_action.triggered.connect(self.history.redo)
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        for signal in (
            self.undo_stack.indexChanged,
            self.undo_stack.cleanChanged,
            self.history.busy_changed,
        ):
            signal.connect(self._update_undo_actions)
        self._update_undo_actions()

    def _update_undo_actions(self) -> None:
        idle = not self.history.busy
        for action, possible, text, plain in (
            (
                self.undo_action,
                self.undo_stack.canUndo(),
                self.undo_stack.undoText(),
                translate("MainWindow", "&Undo"),
            ),
            (
                self.redo_action,
                self.undo_stack.canRedo(),
                self.undo_stack.redoText(),
                translate("MainWindow", "&Redo"),
            ),
        ):
            action.setEnabled(idle and possible)
            action.setText(f"{plain} {text}" if possible and text else plain)
            action.setToolTip(text if possible and text else plain.replace("&", ""))

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
        dialog = BillingDialog(self.session, self.tasks, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(lambda _report: self.refresh())
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
