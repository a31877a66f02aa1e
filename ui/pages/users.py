"""The users page: the named users of one account, filtered as you type, added, edited
and removed one at a time (`ui.pages.users_actions`), changed in bulk.

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

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QStackedWidget,
    QWidget,
)

from desktop_admin.app import Changes
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.users import NamedUser, UserQuery
from ui.dialogs.bulk import BulkDialog, BulkKind, open_bulk_dialog
from ui.dialogs.import_wizard import ImportWizard
from ui.feedback import show_error
from ui.formatting import counted
from ui.i18n import role_label, translate
from ui.models.row_spans import select_spans, selected_spans, spans_of, spare_the_header
from ui.models.users import UsersModel
from ui.operations import Operations
from ui.pages.base import AccountPage
from ui.pages.users_actions import EmptyUsers, UserEditing, UserFiles
from ui.reference import ReferenceData
from ui.undo import UserChange, UserEdit
from ui.widgets.basics import make_table, muted
from ui.widgets.user_bars import UserActions, UserFilters, bulk_text

#: How long typing must pause before the search runs.
SEARCH_DELAY_MS = 200


class UsersPage(AccountPage):
    shows = Changes.USERS | Changes.ASSIGNMENTS
    #: A change was made to users (a `ui.undo.UserChange`), to be undoable.
    user_change_made = Signal(object)

    def __init__(
        self, ops: Operations, reference: ReferenceData, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            translate("UsersPage", "Users"),
            translate("UsersPage", "The named users of an account and the roles they hold."),
            ops,
            reference,
            parent,
        )
        self._exports = self.channel()
        self._edits = self.channel()
        self._edit_queue: deque[UserEdit] = deque()
        self._keep_selected: set[int] = set()
        self.may_manage = self._session.may(Permission.MANAGE_USERS)
        self.bulk_dialog: BulkDialog | None = None

        self.users = UsersModel(self._session, self._tasks, self)
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
        self.body.addLayout(self.filters.bar(self.account_combo))
        actions_bar = self.user_actions.bar()
        actions_bar.insertLayout(0, self.editing.buttons())
        actions_bar.insertSpacing(1, 12)
        self.body.addLayout(actions_bar)
        self.empty_state = EmptyUsers(self.editing.add, self.import_action)
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(self.empty_state)
        self.body.addWidget(self.views, 1)
        self.body.addWidget(self.count_label)
        self._update_actions()

    # Building
    def _build_filters(self) -> None:
        self.account_combo.setMinimumContentsLength(22)
        # The operator's choice only: a reload puts the account back without it.
        self.account_combo.currentIndexChanged.connect(self._account_changed)
        self.filters = UserFilters(self)
        self.search_edit = self.filters.search_edit
        self.status_combo, self.role_combo = self.filters.status_combo, self.filters.role_combo
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
        self.status_combo.currentIndexChanged.connect(self.refresh)
        self.role_combo.currentIndexChanged.connect(self.refresh)

    def _build_table(self) -> None:
        self.table = make_table(self.users, (340, 170, 120, 70))
        self.table.setObjectName("users_table")
        spare_the_header(self.table)  # a million selected rows would stall its repaints
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
        self.user_actions = UserActions(self, self.table)
        self.user_actions.bulk_wanted.connect(self.start_bulk)
        self.enable_action, self.disable_action = (
            self.user_actions.enable,
            self.user_actions.disable,
        )
        self.assign_action, self.unassign_action = (
            self.user_actions.assign,
            self.user_actions.unassign,
        )
        self.select_all_action = self.user_actions.select_all
        self.select_all_action.triggered.connect(self.select_all)
        self.files = UserFiles(
            self._ops, self._exports, self._account, lambda: self.users.query, self
        )
        self.files.said.connect(self.status_message)
        self._exports.busy_changed.connect(lambda _busy: self._update_actions())
        self.export_action = self.user_actions.export
        self.export_action.triggered.connect(lambda: self.export_csv())
        self.import_action = self.user_actions.import_
        self.import_action.triggered.connect(lambda: self.open_import())
        self.user_actions.find.triggered.connect(
            lambda: (self.search_edit.setFocus(), self.search_edit.selectAll())
        )
        self.editing = UserEditing(
            self._ops,
            self.table,
            self._account,
            self.selected_ids,
            lambda: self._reference.role_names,
            self,
        )
        self.editing.said.connect(self.status_message)
        self.editing.added.connect(self._select_added)
        self.add_action, self.edit_action = self.editing.add, self.editing.edit
        self.remove_action = self.editing.remove
        if not self.may_manage:
            refusal = translate("UsersPage", "{role}s may not manage users.").format(
                role=role_label(self._session.operator.role)
            )
            self.user_actions.refuse(refusal)
            self.editing.refuse(refusal)

    # Loading
    def current_filter(self) -> UserQuery | None:
        account_id = self.current_account_id()
        return None if account_id is None else self.filters.query(account_id)

    def is_loading(self) -> bool:
        busy_dialog = self.bulk_dialog is not None and self.bulk_dialog.is_busy()
        busy_dialog |= self.files.is_busy() or self.editing.is_busy()
        return (
            super().is_loading()
            or self._search_timer.isActive()
            or self._refresh_timer.isActive()
            or self.users.is_loading()
            or bool(self._edit_queue)
            or busy_dialog
        )

    def on_operation_did_execute(self, changes: Changes, initiator: object) -> None:
        # An edit saved here already shows in its row: the list is not fetched again.
        if initiator is not self:
            super().on_operation_did_execute(changes, initiator)

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
        self.filters.fill_roles(self._reference.role_names)
        self.mark_stale()

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
        users = counted(
            shown, translate("UsersPage", "{count} user"), translate("UsersPage", "{count} users")
        )
        text = translate("UsersPage", "{users}, {selected} selected").format(
            users=users, selected=self.selected_count()
        )
        if self.users.is_listing():
            text += translate("UsersPage", " (updating…)")
        self.count_label.setText(text)

    def _update_actions(self) -> None:
        self.user_actions.update(
            may_manage=self.may_manage,
            chosen=self.table.selectionModel().hasSelection(),
            has_account=self.current_account_id() is not None,
        )
        self.editing.update(
            may_manage=self.may_manage,
            selected=self.selected_count(),
            has_account=self.current_account_id() is not None,
        )
        self.select_all_action.setEnabled(self.users.rowCount() > 0)
        self.export_action.setEnabled(self.users.user_filter is not None and not self._exports.busy)
        self._show_count()
        self._show_empty_state()

    def _show_empty_state(self) -> None:
        """In place of the table, what to do first while the account has no user."""
        f = self.users.user_filter
        empty = (
            f is not None
            and not (f.search or f.enabled is not None or f.role)
            and not self.users.is_listing()
            and not self.users.rowCount()
        )
        if empty:
            self.empty_state.show_account(self.account_combo.currentText())
        self.views.setCurrentWidget(self.empty_state if empty else self.table)

    def _account(self) -> tuple[int, str] | None:
        """The account shown, by id and name."""
        account_id = self.current_account_id()
        return None if account_id is None else (account_id, self.account_combo.currentText())

    def _select_added(self, user_id: int) -> None:
        """Select the user just added once the list reloaded (if the filter shows it)."""
        self.table.clearSelection()
        self._keep_selected = {user_id}

    # Bulk changes
    def start_bulk(self, kind: BulkKind) -> BulkDialog | None:
        """Open the dialog showing the change's seat effect; it runs once confirmed."""
        ids, account_id = self.selected_ids(), self.current_account_id()
        if not ids or account_id is None or not self.may_manage:
            return None
        self.bulk_dialog = open_bulk_dialog(
            self,
            self._ops,
            account_id,
            ids,
            kind,
            self._reference.role_names,
            lambda changed: self.status_message.emit(bulk_text(kind, len(ids), changed)),
            lambda error: show_error(self, translate("UsersPage", "The change was refused"), error),
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
        edit = self._edit_queue.popleft()
        self._ops.run(
            self,
            lambda session: edit.make(session),
            lambda saved: self._edit_saved(edit, saved),
            failed=lambda error: self._edit_refused(edit, error),
            channel=self._edits,
        )

    def _edit_saved(self, edit: UserEdit, saved: NamedUser) -> None:
        self.users.user_saved(saved, edit.field)
        self.user_change_made.emit(edit)
        self.status_message.emit(translate("UsersPage", "{email} saved.").format(email=saved.email))
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
        self.files.export_csv(path)

    def open_import(self) -> ImportWizard | None:
        return self.files.open_import(self.may_manage)

    @property
    def import_wizard(self) -> ImportWizard | None:
        return self.files.import_wizard
