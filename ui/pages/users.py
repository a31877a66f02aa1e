"""The users page: the named users of one account, filtered as you type, changed in bulk.

The table holds the ids of every matching user and loads rows as they are shown
(`ui.models.users`), so an account of a million users opens, scrolls and filters
without the window ever waiting. The selection is a set of row ranges: selecting all
the users of a filter selects their ids, not the rows loaded so far.

Names and departments are edited in place (double-click or F2) by operators who may
manage users; the service checks and saves the edit in the background, and a refusal
is shown in its own sentence with the old value back in the cell.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QSignalBlocker,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.users import NamedUser
from ui.dialogs.bulk import BulkDialog, BulkKind, open_bulk_dialog
from ui.dialogs.import_wizard import ImportWizard
from ui.feedback import show_error
from ui.i18n import role_label, translate
from ui.models.row_spans import select_spans, selected_spans, spans_of
from ui.models.users import UserFilter, UsersModel
from ui.pages.base import Page, make_table, muted
from ui.reference import ReferenceData
from ui.tasks import BackgroundTasks
from ui.undo import UserChange, UserEdit
from ui.widgets.account_combo import AccountCombo
from ui.widgets.users_export import write_export

#: How long typing must pause before the search runs.
SEARCH_DELAY_MS = 200
STATUS_CHOICES = (
    (QT_TRANSLATE_NOOP("UsersPage", "All users"), None),
    (QT_TRANSLATE_NOOP("UsersPage", "Enabled"), True),
    (QT_TRANSLATE_NOOP("UsersPage", "Disabled"), False),
)


class UsersPage(Page):
    #: Users of this account changed (enabled, disabled...): seats and audit are stale.
    users_changed = Signal(int)
    #: A change was made to users (a `ui.undo.UserChange`), to be undoable.
    user_change_made = Signal(object)

    def __init__(
        self,
        session: OperatorSession,
        tasks: BackgroundTasks,
        reference: ReferenceData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            translate("UsersPage", "Users"),
            translate("UsersPage", "The named users of an account and the roles they hold."),
            parent,
        )
        self._session, self._tasks, self._reference = session, tasks, reference
        self._exports = tasks.channel(self)
        self._edits = tasks.channel(self)
        self._edit_queue: deque[UserEdit] = deque()
        self._keep_selected: set[int] = set()
        self.may_manage = session.may(Permission.MANAGE_USERS)
        self.bulk_dialog: BulkDialog | None = None
        self.import_wizard: ImportWizard | None = None

        self.users = UsersModel(session, tasks, self)
        self.users.set_editable(self.may_manage)
        self.users.edit_requested.connect(self.save_edit)
        self.users.ids_loaded.connect(self._ids_loaded)
        self.users.failed.connect(
            lambda e: show_error(self, translate("UsersPage", "The users could not be loaded"), e)
        )
        self._build_filters()
        # After the combo's own handler: it has put the account back by then.
        reference.loaded.connect(self._accounts_reloaded)
        self._build_table()
        self._build_actions()
        self.count_label = muted(QLabel())
        self.count_label.setObjectName("users_count")
        self.body.addLayout(self._filter_bar())
        self.body.addLayout(self._action_bar())
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.count_label)
        self._update_actions()

    # Building
    def _build_filters(self) -> None:
        self.account_combo = AccountCombo(self._reference)
        self.account_combo.setMinimumContentsLength(22)
        # The operator's choice only: a reload puts the account back without it.
        self.account_combo.currentIndexChanged.connect(self._account_changed)
        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("search")
        self.search_edit.setPlaceholderText(translate("UsersPage", "Search by email or name"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search_edit.textChanged.connect(self._search_timer.start)
        # Several reasons to reload in one go (the accounts arrived, the combo moved)
        # make one listing: a million ids are not fetched twice.
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(0)
        self._refresh_timer.timeout.connect(self._list_users)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("status_filter")
        for text, value in STATUS_CHOICES:
            self.status_combo.addItem(translate("UsersPage", text), value)
        self.status_combo.currentIndexChanged.connect(self.refresh)
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("role_filter")
        self.role_combo.addItem(translate("UsersPage", "Any role"), None)
        self.role_combo.currentIndexChanged.connect(self.refresh)

    def _build_table(self) -> None:
        self.table = make_table(self.users, (340, 170, 120, 70))
        self.table.setObjectName("users_table")
        header = self.table.horizontalHeader()
        header.setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        self.table.setSortingEnabled(True)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.users.modelReset.connect(self._update_actions)  # clears the selection silently
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        if self.may_manage:
            self.table.setEditTriggers(
                QAbstractItemView.EditTrigger.DoubleClicked
                | QAbstractItemView.EditTrigger.EditKeyPressed
            )

    def _build_actions(self) -> None:
        self.enable_action = self._action(
            translate("UsersPage", "&Enable…"), "Ctrl+E", BulkKind.ENABLE
        )
        self.disable_action = self._action(
            translate("UsersPage", "&Disable…"), "Ctrl+D", BulkKind.DISABLE
        )
        self.assign_action = self._action(
            translate("UsersPage", "&Assign role…"), "Ctrl+R", BulkKind.ASSIGN
        )
        self.unassign_action = self._action(
            translate("UsersPage", "&Unassign role…"), "Ctrl+Shift+R", BulkKind.UNASSIGN
        )
        self.select_all_action = QAction(translate("UsersPage", "Select &all"), self)
        self.select_all_action.setToolTip(
            translate("UsersPage", "Select every user of the filter, loaded or not")
        )
        self.select_all_action.setShortcut(QKeySequence.StandardKey.SelectAll)
        self.select_all_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.select_all_action.triggered.connect(self.select_all)
        self.table.addAction(self.select_all_action)
        self.export_action = QAction(translate("UsersPage", "E&xport CSV…"), self)
        self.export_action.setToolTip(
            translate("UsersPage", "Save the users of the current filter as CSV")
        )
        self.export_action.triggered.connect(lambda: self.export_csv())
        self.import_action = QAction(translate("UsersPage", "&Import CSV…"), self)
        self.import_action.setToolTip(
            translate("UsersPage", "Add users from a CSV file, checked before anything is saved")
        )
        self.import_action.triggered.connect(lambda: self.open_import())
        find = QAction(translate("UsersPage", "Find"), self)
        find.setShortcut(QKeySequence.StandardKey.Find)
        find.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        find.triggered.connect(lambda: (self.search_edit.setFocus(), self.search_edit.selectAll()))
        self.addAction(find)

    def _action(self, text: str, shortcut: str, kind: BulkKind) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda: self.start_bulk(kind))
        self.table.addAction(action)
        self.addAction(action)
        return action

    def _filter_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(8)
        bar.addWidget(QLabel(translate("UsersPage", "Account:")))
        bar.addWidget(self.account_combo)
        bar.addSpacing(8)
        bar.addWidget(self.search_edit, 1)
        bar.addWidget(self.status_combo)
        bar.addWidget(self.role_combo)
        return bar

    def _action_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.setSpacing(4)
        groups = (
            (self.enable_action, self.disable_action, self.assign_action, self.unassign_action),
            (self.select_all_action,),
            (self.import_action, self.export_action),
        )
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

    # Loading
    def current_account_id(self) -> int | None:
        return self.account_combo.account_id()

    def select_account(self, account_id: int) -> None:
        self.account_combo.select_account(account_id)

    def current_filter(self) -> UserFilter | None:
        account_id = self.current_account_id()
        if account_id is None:
            return None
        return UserFilter(
            account_id,
            self.search_edit.text().strip(),
            self.status_combo.currentData(),
            self.role_combo.currentData(),
        )

    def is_loading(self) -> bool:
        busy_dialog = self.bulk_dialog is not None and self.bulk_dialog.is_busy()
        busy_dialog |= self.import_wizard is not None and self.import_wizard.is_busy()
        return (
            self._search_timer.isActive()
            or self._refresh_timer.isActive()
            or self.users.is_loading()
            or self._exports.busy
            or self._edits.busy
            or bool(self._edit_queue)
            or busy_dialog
        )

    def refresh(self) -> None:
        """List the users of the current filter (again, if it did not change), once the
        event loop is back: several calls in a row make one listing."""
        self._search_timer.stop()
        self._refresh_timer.start()

    def _list_users(self) -> None:
        wanted = self.current_filter()
        if wanted is not None and self.table.selectionModel().hasSelection():
            self._keep_selected |= set(self.selected_ids())
        if wanted is not None and wanted == self.users.user_filter:
            self.users.reload()
        else:
            self.users.set_filter(wanted)
        self._show_count()

    def _ids_loaded(self) -> None:
        self.users.set_role_names(self._reference.role_names)
        wanted, self._keep_selected = self._keep_selected, set()
        if wanted and not self.table.selectionModel().hasSelection():
            self._select_ids(wanted)
        self._prefetch_visible()
        self._update_actions()

    def _prefetch_visible(self) -> None:
        """Ask at once for the rows in view, rather than at the next paint."""
        count = self.users.rowCount()
        if not count:
            return
        first = max(self.table.rowAt(0), 0)
        last = self.table.rowAt(self.table.viewport().height() - 1)
        for row in (first, count - 1 if last < 0 else last):
            self.users.user(min(row, count - 1))

    def _accounts_reloaded(self) -> None:
        self._fill_roles()
        self.mark_stale()

    def _fill_roles(self) -> None:
        chosen = self.role_combo.currentData()
        with QSignalBlocker(self.role_combo):
            self.role_combo.clear()
            self.role_combo.addItem(translate("UsersPage", "Any role"), None)
            for code, name in self._reference.role_names.items():
                self.role_combo.addItem(name, code)
            self.role_combo.setCurrentIndex(max(self.role_combo.findData(chosen), 0))

    def _account_changed(self) -> None:
        self._keep_selected.clear()
        self.table.clearSelection()
        self.mark_stale()

    # Selection
    def selected_ids(self) -> list[int]:
        ids = self.users.ids()
        return [uid for first, end in selected_spans(self.table) for uid in ids[first:end]]

    def selected_count(self) -> int:
        return sum(end - first for first, end in selected_spans(self.table))

    def select_rows(self, rows: Sequence[int]) -> None:
        select_spans(self.table, spans_of(sorted(rows)))

    def select_all(self) -> None:
        """Select every user of the filter: all the ids, loaded or not."""
        if self.users.rowCount():
            select_spans(self.table, [(0, self.users.rowCount())])

    def _select_ids(self, wanted: set[int]) -> None:
        rows = [row for row, uid in enumerate(self.users.ids()) if uid in wanted]
        select_spans(self.table, spans_of(rows))

    def _show_count(self) -> None:
        f = self.users.user_filter
        if f is None:
            self.count_label.setText(translate("UsersPage", "No account selected."))
            return
        shown = self.users.rowCount()
        users = (
            translate("UsersPage", "{count} user")
            if shown == 1
            else translate("UsersPage", "{count} users")
        ).format(count=shown)
        text = translate("UsersPage", "{users}, {selected} selected").format(
            users=users, selected=self.selected_count()
        )
        if self.users.is_listing():
            text += translate("UsersPage", " (updating…)")
        self.count_label.setText(text)

    def _update_actions(self) -> None:
        chosen = self.table.selectionModel().hasSelection()
        for action in (
            self.enable_action,
            self.disable_action,
            self.assign_action,
            self.unassign_action,
        ):
            action.setEnabled(self.may_manage and chosen)
        self.import_action.setEnabled(self.may_manage and self.current_account_id() is not None)
        if not self.may_manage:
            refusal = translate("UsersPage", "{role}s may not manage users.").format(
                role=role_label(self._session.operator.role)
            )
            for action in (self.enable_action, self.disable_action, self.import_action):
                action.setToolTip(refusal)
        self.select_all_action.setEnabled(self.users.rowCount() > 0)
        self.export_action.setEnabled(self.users.user_filter is not None and not self._exports.busy)
        self._show_count()

    # Bulk changes
    def start_bulk(self, kind: BulkKind) -> BulkDialog | None:
        """Open the dialog showing the change's seat effect; it runs once confirmed."""
        ids, account_id = self.selected_ids(), self.current_account_id()
        if not ids or account_id is None or not self.may_manage:
            return None
        self.bulk_dialog = open_bulk_dialog(
            self,
            self._session,
            self._tasks,
            account_id,
            ids,
            kind,
            self._reference.role_names,
            lambda changed: self._changed(account_id, kind, len(ids), changed),
            self._change_failed,
        )
        dialog = self.bulk_dialog
        dialog.applied.connect(
            lambda changed: self.user_change_made.emit(
                UserChange.of(
                    account_id, kind, changed, dialog.role(), dialog.role_combo.currentText()
                )
            )
        )
        self.bulk_dialog.destroyed.connect(self._dialog_gone)
        return self.bulk_dialog

    def _dialog_gone(self) -> None:
        self.bulk_dialog = None

    def _changed(self, account_id: int, kind: BulkKind, asked: int, changed: int) -> None:
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
        text = (one if changed == 1 else many).format(count=changed)
        if changed < asked:
            text += translate("UsersPage", " ({count} already were)").format(count=asked - changed)
        self.status_message.emit(text + ".")
        self.refresh()
        self.users_changed.emit(account_id)

    def _change_failed(self, error: Exception) -> None:
        show_error(self, translate("UsersPage", "The change was refused"), error)

    # Editing in place
    def save_edit(self, edit: UserEdit) -> None:
        """Save an edited cell through the service, in the background. Edits are saved
        one after another, in the order they were typed: none is dropped for the next."""
        self._edit_queue.append(edit)
        if not self._edits.busy:
            self._save_next_edit()

    def _save_next_edit(self) -> None:
        if not self._edit_queue:
            return
        edit, session = self._edit_queue.popleft(), self._session
        self._edits.run(
            lambda: edit.make(session),
            lambda saved: self._edit_saved(edit, saved),
            lambda error: self._edit_refused(edit, error),
        )

    def _edit_saved(self, edit: UserEdit, saved: NamedUser) -> None:
        self.users.user_saved(saved, edit.field)
        self.user_change_made.emit(edit)
        self.status_message.emit(translate("UsersPage", "{email} saved.").format(email=saved.email))
        self.users_changed.emit(edit.account_id)
        self._save_next_edit()

    def _edit_refused(self, edit: UserEdit, error: Exception) -> None:
        self.users.edit_refused(edit)
        self._save_next_edit()
        show_error(
            self,
            translate("UsersPage", "{email} was not changed").format(email=edit.email),
            error,
        )

    # Export and import
    def export_csv(self, path: str | None = None) -> None:
        """Save the users of the current filter as CSV (asking where, unless given)."""
        f = self.users.user_filter
        if f is None:
            return
        if path is None:
            path, _kind = QFileDialog.getSaveFileName(
                self,
                translate("UsersPage", "Export users"),
                "users.csv",
                translate("UsersPage", "CSV files (*.csv);;All files (*)"),
            )
            if not path:
                return
        session, (sort, descending) = self._session, self.users.sort_key
        target = str(path)
        self._exports.run(
            lambda: write_export(session, f, sort, descending, target),
            lambda count: self._exported(count, target),
            lambda error: show_error(
                self, translate("UsersPage", "The users could not be exported"), error
            ),
        )
        self._update_actions()

    def _exported(self, count: int, path: str) -> None:
        text = (
            translate("UsersPage", "{count} user exported to {path}.")
            if count == 1
            else translate("UsersPage", "{count} users exported to {path}.")
        )
        self.status_message.emit(text.format(count=count, path=path))
        self._update_actions()

    def open_import(self) -> ImportWizard | None:
        account_id = self.current_account_id()
        if account_id is None or not self.may_manage:
            return None
        wizard = ImportWizard(
            self._session, self._tasks, account_id, self.account_combo.currentText(), self
        )
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(lambda _count: self._imported(account_id))
        wizard.destroyed.connect(self._wizard_gone)
        self.import_wizard = wizard
        wizard.open()
        return wizard

    def _wizard_gone(self) -> None:
        self.import_wizard = None

    def _imported(self, account_id: int) -> None:
        self.refresh()
        self.users_changed.emit(account_id)
