"""The two bars of the users page: the filters (account, search, status, role) and the
actions (the bulk changes of the users selected, selecting every user of the filter,
importing and exporting CSV, finding) with their shortcuts and the table's context menu."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableView,
    QToolButton,
    QWidget,
)

from desktop_admin.domain.users import BulkKind, UserQuery
from ui.formatting import counted
from ui.i18n import translate

STATUS_CHOICES = (
    (QT_TRANSLATE_NOOP("UsersPage", "All users"), None),
    (QT_TRANSLATE_NOOP("UsersPage", "Enabled"), True),
    (QT_TRANSLATE_NOOP("UsersPage", "Disabled"), False),
)


class UserFilters(QObject):
    """The search box and the status and role filters (the page reloads when they change)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(translate("UsersPage", "Search by email or name"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("status_filter")
        for text, value in STATUS_CHOICES:
            self.status_combo.addItem(translate("UsersPage", text), value)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("role_filter")
        self.role_combo.addItem(translate("UsersPage", "Any role"), None)

    def query(self, account_id: int) -> UserQuery:
        """Which users of the account the filters let through."""
        return UserQuery(
            account_id,
            self.search_edit.text().strip(),
            self.status_combo.currentData(),
            self.role_combo.currentData(),
        )

    def fill_roles(self, role_names: Mapping[str, str]) -> None:
        """The catalog's roles to filter by, keeping the one chosen (without a reload)."""
        chosen = self.role_combo.currentData()
        with QSignalBlocker(self.role_combo):
            self.role_combo.clear()
            self.role_combo.addItem(translate("UsersPage", "Any role"), None)
            for code, name in role_names.items():
                self.role_combo.addItem(name, code)
            self.role_combo.setCurrentIndex(max(self.role_combo.findData(chosen), 0))

    def bar(self, account_combo: QComboBox) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(QLabel(translate("UsersPage", "Account:")))
        bar.addWidget(account_combo)
        bar.addSpacing(8)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.role_combo)
        return bar


class UserActions(QObject):
    """The page's `QAction`s; the page connects them (the bulk changes through
    `bulk_wanted`) and enables them."""

    #: A bulk change of the users selected was asked for (a `BulkKind`).
    bulk_wanted = Signal(object)

    def __init__(self, page: QWidget, table: QTableView) -> None:
        super().__init__(page)
        self._page, self._table = page, table
        self.enable = self._bulk(translate("UsersPage", "&Enable…"), "Ctrl+E", BulkKind.ENABLE)
        self.disable = self._bulk(translate("UsersPage", "&Disable…"), "Ctrl+D", BulkKind.DISABLE)
        self.assign = self._bulk(translate("UsersPage", "&Assign role…"), "Ctrl+R", BulkKind.ASSIGN)
        self.unassign = self._bulk(
            translate("UsersPage", "&Unassign role…"), "Ctrl+Shift+R", BulkKind.UNASSIGN
        )
        self.select_all = self._action(
            translate("UsersPage", "Select &all"),
            translate("UsersPage", "Select every user of the filter, loaded or not"),
            QKeySequence.StandardKey.SelectAll,
        )
        table.addAction(self.select_all)
        self.export = self._action(
            translate("UsersPage", "E&xport CSV…"),
            translate("UsersPage", "Save the users of the current filter as CSV"),
        )
        self.import_ = self._action(
            translate("UsersPage", "&Import CSV…"),
            translate("UsersPage", "Add users from a CSV file, checked before anything is saved"),
        )
        self.find = self._action(translate("UsersPage", "Find"), "", QKeySequence.StandardKey.Find)
        page.addAction(self.find)

    def bulk_actions(self) -> tuple[QAction, QAction, QAction, QAction]:
        return self.enable, self.disable, self.assign, self.unassign

    def _action(
        self, text: str, tip: str, shortcut: QKeySequence | QKeySequence.StandardKey | None = None
    ) -> QAction:
        action = QAction(text, self._page)
        if tip:
            action.setToolTip(tip)
        if shortcut is not None:
            action.setShortcut(shortcut)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        return action

    def _bulk(self, text: str, shortcut: str, kind: BulkKind) -> QAction:
        action = self._action(text, "", QKeySequence(shortcut))
        action.triggered.connect(lambda: self.bulk_wanted.emit(kind))
        self._table.addAction(action)
        self._page.addAction(action)
        return action

    def update(self, *, may_manage: bool, chosen: bool, has_account: bool) -> None:
        """Enable the bulk changes for a selection, the import for an account (both only
        for operators who may manage users)."""
        for action in self.bulk_actions():
            action.setEnabled(may_manage and chosen)
        self.import_.setEnabled(may_manage and has_account)

    def refuse(self, refusal: str) -> None:
        """Say why the changes are disabled (the operator's role may not make them)."""
        for action in (self.enable, self.disable, self.import_):
            action.setToolTip(refusal)

    def bar(self) -> QHBoxLayout:
        """The buttons: the bulk changes, select all, then import and export at the end."""
        bar = QHBoxLayout()
        bar.setSpacing(4)
        groups = (self.bulk_actions(), (self.select_all,), (self.import_, self.export))
        for number, group in enumerate(groups):
            if number == len(groups) - 1:
                bar.addStretch(1)
            elif number:
                bar.addSpacing(12)
            for action in group:
                button = QToolButton()
                button.setDefaultAction(action)
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
                bar.addWidget(button)
        return bar


def bulk_text(kind: BulkKind, asked: int, changed: int) -> str:
    """What a bulk change did, for the status bar: "3 users disabled (1 already was)."."""
    one, many = {
        BulkKind.ENABLE: (
            translate("UsersPage", "{count} user enabled"),
            translate("UsersPage", "{count} users enabled"),
        ),
        BulkKind.DISABLE: (
            translate("UsersPage", "{count} user disabled"),
            translate("UsersPage", "{count} users disabled"),
        ),
        BulkKind.ASSIGN: (
            translate("UsersPage", "{count} user given the role"),
            translate("UsersPage", "{count} users given the role"),
        ),
        BulkKind.UNASSIGN: (
            translate("UsersPage", "{count} user relieved of the role"),
            translate("UsersPage", "{count} users relieved of the role"),
        ),
    }[kind]
    text = counted(changed, one, many)
    if changed < asked:
        text += translate("UsersPage", " ({count} already were)").format(count=asked - changed)
    return text + "."
