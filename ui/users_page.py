"""The users page: the named users of one account, searched as you type, enabled or
disabled in bulk."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import (
    QItemSelection,
    QItemSelectionModel,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.users import NamedUser
from ui.feedback import show_error
from ui.models import UsersModel
from ui.page import Page, make_table, muted
from ui.reference import ReferenceData
from ui.tasks import BackgroundTasks

#: Users loaded per request; the view asks for the next chunk when scrolled to the end.
CHUNK = 500
#: How long typing must pause before the search runs.
SEARCH_DELAY_MS = 200


class UsersPage(Page):
    #: Users of this account changed (enabled, disabled...): seats and audit are stale.
    users_changed = Signal(int)

    def __init__(
        self,
        session: OperatorSession,
        tasks: BackgroundTasks,
        reference: ReferenceData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Users", "The named users of an account and the roles they hold.", parent)
        self._session = session
        self._reference = reference
        self._rows = tasks.channel(self)
        self._changes = tasks.channel(self)
        self._query: tuple[int, str] | None = None
        self._keep_selected: set[int] = set()
        self._account_before_reload: int | None = None

        self.users = UsersModel(self)
        self.users.more_wanted.connect(self._load_more)
        reference.accounts.modelAboutToBeReset.connect(self._remember_account)
        reference.loaded.connect(self._accounts_reloaded)

        self.account_combo = QComboBox()
        self.account_combo.setObjectName("account_combo")
        self.account_combo.setModel(reference.accounts)
        self.account_combo.setMinimumContentsLength(24)
        self.account_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.account_combo.currentIndexChanged.connect(self._account_changed)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText("Search by email or name")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(260)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(self._search_timer.start)

        self.table = make_table(self.users, (330, 190, 130, 80))
        self.table.setObjectName("users_table")
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.users.modelReset.connect(self._update_actions)  # clears the selection silently
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.enable_action = self._action("&Enable", "Ctrl+E", lambda: self.set_enabled(True))
        self.disable_action = self._action("&Disable", "Ctrl+D", lambda: self.set_enabled(False))
        self.may_manage = session.may(Permission.MANAGE_USERS)
        find = QAction("Find", self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(lambda: (self.search_edit.setFocus(), self.search_edit.selectAll()))
        self.addAction(find)

        self.count_label = QLabel()
        self.count_label.setObjectName("users_count")
        muted(self.count_label)
        self.body.addLayout(self._toolbar())
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.count_label)
        self._update_actions()

    def _action(self, text: str, shortcut: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.table.addAction(action)
        self.addAction(action)
        return action

    def _toolbar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(QLabel("Account:"))
        bar.addWidget(self.account_combo)
        bar.addSpacing(8)
        bar.addWidget(self.search_edit, 1)
        bar.addStretch(0)
        for action in (self.enable_action, self.disable_action):
            button = QToolButton()
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
            button.setMinimumWidth(80)
            bar.addWidget(button)
        return bar

    # Loading
    def current_account_id(self) -> int | None:
        return self._reference.accounts.account_id(self.account_combo.currentIndex())

    def select_account(self, account_id: int) -> None:
        row = self._reference.accounts.row_where(lambda a: a.id == account_id)
        if row >= 0:
            self.account_combo.setCurrentIndex(row)

    def is_loading(self) -> bool:
        return self._search_timer.isActive() or self._rows.busy or self._changes.busy

    def refresh(self) -> None:
        """Load the first chunk of the current account's users matching the search."""
        self._search_timer.stop()
        account_id = self.current_account_id()
        if account_id is None:
            self._query = None
            self._rows.cancel()
            self.users.set_chunk([], False, first=True)
            self._show_count()
            return
        self._keep_selected |= set(self.selected_ids())
        self._query = (account_id, self.search_edit.text().strip())
        self._fetch(self._query, 0)

    def _fetch(self, query: tuple[int, str], offset: int) -> None:
        account_id, search, session = *query, self._session
        self._rows.run(
            lambda: session.users(account_id, search, limit=CHUNK + 1, offset=offset),
            lambda users: self._loaded(users, first=offset == 0),
            self._load_failed,
        )

    def _load_more(self, offset: int) -> None:
        if self._query is not None and not self._rows.busy:
            self._fetch(self._query, offset)
        else:
            self.users.fetch_failed()

    def _loaded(self, users: list[NamedUser], first: bool) -> None:
        self.users.set_role_names(self._reference.role_names)
        self.users.set_chunk(users[:CHUNK], len(users) > CHUNK, first=first)
        if first:
            self._reselect()
        self._show_count()

    def _load_failed(self, error: Exception) -> None:
        self.users.fetch_failed()
        show_error(self, "The users could not be loaded", error)

    def _show_count(self) -> None:
        shown = self.users.rowCount()
        if self._query is None:
            text = "No account selected."
        elif self.users.has_more:
            text = f"The first {shown} users are shown; scroll down for more."
        else:
            text = f"{shown} user{'' if shown == 1 else 's'}"
            if self._query[1]:
                text += f" matching “{self._query[1]}”"
        self.count_label.setText(text)

    def _remember_account(self) -> None:
        self._account_before_reload = self.current_account_id()

    def _accounts_reloaded(self) -> None:
        accounts = self._reference.accounts
        row = accounts.row_where(lambda a: a.id == self._account_before_reload)
        if row < 0 and accounts.rowCount():
            row = 0
        with QSignalBlocker(self.account_combo):
            self.account_combo.setCurrentIndex(row)
        self.mark_stale()

    def _account_changed(self) -> None:
        self._keep_selected.clear()
        self.table.clearSelection()
        self.mark_stale()

    # Selection and actions
    def selected_ids(self) -> list[int]:
        rows = sorted(index.row() for index in self.table.selectionModel().selectedRows())
        return [uid for row in rows if (uid := self.users.record(row).id) is not None]

    def select_rows(self, rows: Sequence[int]) -> None:
        selection = QItemSelection()
        last = self.users.columnCount() - 1
        for row in rows:
            selection.select(self.users.index(row, 0), self.users.index(row, last))
        self.table.selectionModel().select(
            selection, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )

    def _reselect(self) -> None:
        wanted, self._keep_selected = self._keep_selected, set()
        if wanted:
            self.select_rows(
                [row for row, user in enumerate(self.users.records()) if user.id in wanted]
            )

    def _update_actions(self) -> None:
        chosen = self.table.selectionModel().hasSelection() and not self._changes.busy
        for action in (self.enable_action, self.disable_action):
            action.setEnabled(self.may_manage and chosen)
            if not self.may_manage:
                action.setToolTip(f"{self._session.operator.role.label}s may not manage users.")

    def set_enabled(self, enabled: bool) -> None:
        """Enable or disable the selected users in the background, then reload."""
        ids = self.selected_ids()
        account_id = self.current_account_id()
        if not ids or account_id is None:
            return
        session = self._session
        self._changes.run(
            lambda: session.set_enabled(ids, enabled),
            lambda changed: self._changed(account_id, len(ids), len(changed), enabled),
            self._change_failed,
        )
        self._update_actions()

    def _changed(self, account_id: int, asked: int, changed: int, enabled: bool) -> None:
        verb = "enabled" if enabled else "disabled"
        text = f"{changed} user{'' if changed == 1 else 's'} {verb}"
        if changed < asked:
            text += f" ({asked - changed} already were)"
        self.status_message.emit(text + ".")
        self._update_actions()
        self.refresh()
        self.users_changed.emit(account_id)

    def _change_failed(self, error: Exception) -> None:
        self._update_actions()
        show_error(self, "The change was refused", error)
