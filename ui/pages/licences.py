"""The licence inventory: per role of an account, seats bought, assigned and free; the
holders of the role selected, and assigning or unassigning it (R14)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.users import NamedUser, SeatUsage
from desktop_admin.services.seats import GUESTS
from ui.dialogs.bulk import BulkKind
from ui.dialogs.rules import RulesDialog
from ui.dialogs.user_picker import SHOWN, UserPickerDialog
from ui.feedback import show_error
from ui.i18n import role_label, translate
from ui.models.records import WARNING_SHARE, SeatsModel, UsersModel
from ui.pages.base import Page, make_table, muted
from ui.reference import ReferenceData
from ui.tasks import BackgroundTasks
from ui.undo import UserChange
from ui.widgets.account_combo import AccountCombo, account_bar


@dataclass(frozen=True)
class Inventory:
    account_id: int
    seats: list[SeatUsage]


class InventoryPage(Page):
    #: Roles of users of this account changed: seats and audit are stale elsewhere.
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
            translate("InventoryPage", "Licences"),
            translate(
                "InventoryPage", "Seats bought, assigned and free per role; who holds each role."
            ),
            parent,
        )
        self._session = session
        self._tasks = tasks
        self._reference = reference
        self._seats_channel = tasks.channel(self)
        self._holders_channel = tasks.channel(self)
        self._changes = tasks.channel(self)
        self.may_manage = session.may(Permission.MANAGE_USERS)
        self.picker: UserPickerDialog | None = None
        self.rules_dialog: RulesDialog | None = None

        self.account_combo = AccountCombo(reference)
        self.account_combo.account_changed.connect(self.mark_stale)
        self.seats = SeatsModel(self)
        self.seats_view = make_table(self.seats, (190, 70, 70, 80, 70), stretch=0)
        self.seats_view.setObjectName("inventory_table")
        self.seats_view.setSelectionMode(self.seats_view.SelectionMode.SingleSelection)
        self.seats_view.selectionModel().currentRowChanged.connect(self._role_changed)

        self.holders = UsersModel(self)
        self.holders_view = make_table(self.holders, (240, 160, 110, 70))
        self.holders_view.setObjectName("holders_table")
        self.holders_view.selectionModel().selectionChanged.connect(self._update_actions)
        self.holders_title = QLabel(
            translate("InventoryPage", "Select a role to see who holds it.")
        )
        bold = self.holders_title.font()
        bold.setBold(True)
        self.holders_title.setFont(bold)
        self.holders_note = muted(QLabel())

        self.assign_button = QPushButton(translate("InventoryPage", "Assign…"))
        self.assign_button.setObjectName("assign_role")
        self.assign_button.clicked.connect(self.open_picker)
        self.unassign_button = QPushButton(translate("InventoryPage", "Unassign"))
        self.unassign_button.setObjectName("unassign_role")
        self.unassign_button.clicked.connect(self.unassign_selected)
        self.rules_button = QPushButton(translate("InventoryPage", "Assignment rules…"))
        self.rules_button.setObjectName("assignment_rules")
        self.rules_button.clicked.connect(self.open_rules)
        if not self.may_manage:
            refusal = translate("InventoryPage", "{role}s may not manage users.").format(
                role=role_label(session.operator.role)
            )
            for button in (self.assign_button, self.unassign_button, self.rules_button):
                button.setToolTip(refusal)

        bar = account_bar(translate("InventoryPage", "Account:"), self.account_combo)
        bar.addWidget(self.rules_button)
        self.body.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.seats_view, 1)
        legend = muted(
            QLabel(
                translate(
                    "InventoryPage",
                    "Amber: {share} % or more of the seats in use; "
                    "red: more users than seats bought.",
                ).format(share=round(100 * WARNING_SHARE))
            )
        )
        legend.setWordWrap(True)
        left_box.addWidget(legend)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(12, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.holders_title, 1)
        heading.addWidget(self.assign_button)
        heading.addWidget(self.unassign_button)
        right_box.addLayout(heading)
        right_box.addWidget(self.holders_view, 1)
        right_box.addWidget(self.holders_note)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([480, 620])
        self.body.addWidget(splitter, 1)
        self._update_actions()

    # Loading
    def current_account_id(self) -> int | None:
        return self.account_combo.account_id()

    def select_account(self, account_id: int) -> None:
        self.account_combo.select_account(account_id)

    def is_loading(self) -> bool:
        return self._seats_channel.busy or self._holders_channel.busy or self._changes.busy

    def refresh(self) -> None:
        account_id = self.current_account_id()
        if account_id is None:
            self._seats_channel.cancel()
            self._show_inventory(Inventory(0, []))
            return
        session = self._session
        self._seats_channel.run(
            lambda: Inventory(account_id, session.licences.seats(account_id)),
            self._show_inventory,
            lambda e: show_error(
                self, translate("InventoryPage", "The seats could not be loaded"), e
            ),
        )

    def on_users_changed(self, account_id: int) -> None:
        if account_id == self.current_account_id():
            self.mark_stale()

    def _show_inventory(self, inventory: Inventory) -> None:
        chosen = self.selected_role()
        self.seats.set_records(inventory.seats)
        row = self.seats.row_where(lambda s: chosen is not None and s.code == chosen.code)
        if row < 0 and self.seats.rowCount():
            row = 0
        if row >= 0:
            self.seats_view.selectRow(row)
        else:
            self._role_changed()

    def selected_role(self) -> SeatUsage | None:
        return self.seats.current_record(self.seats_view)

    def select_role(self, code: str) -> None:
        row = self.seats.row_where(lambda s: s.code == code)
        if row >= 0:
            self.seats_view.selectRow(row)

    def _role_changed(self) -> None:
        role, account_id = self.selected_role(), self.current_account_id()
        self.holders.set_role_names(self._reference.role_names)
        if role is None or account_id is None:
            self._holders_channel.cancel()
            self.holders_title.setText(
                translate("InventoryPage", "Select a role to see who holds it.")
            )
            self.holders.set_records([])
            self.holders_note.clear()
            self._update_actions()
            return
        self.holders_title.setText(
            translate("InventoryPage", "Holders of {role}").format(role=role.name)
        )
        session, code = self._session, role.code

        def fetch() -> list[NamedUser]:
            if code == GUESTS:
                users = session.users.by_ids(session.users.ids(account_id, sort="email"))
                return [u for u in users if u.is_guest][:SHOWN]
            return session.users.by_ids(session.users.ids(account_id, role=code)[:SHOWN])

        self._holders_channel.run(
            fetch,
            lambda users: self._show_holders(role, users),
            lambda e: show_error(
                self, translate("InventoryPage", "The holders could not be loaded"), e
            ),
        )
        self._update_actions()

    def _show_holders(self, role: SeatUsage, users: list[NamedUser]) -> None:
        self.holders.set_records(users)
        disabled = sum(not u.enabled for u in users)
        if role.code == GUESTS:
            note = translate(
                "InventoryPage", "Guest users hold no role: each uses a unit of the guest add-on."
            )
        else:
            note = (
                translate("InventoryPage", "{count} holder")
                if len(users) == 1
                else translate("InventoryPage", "{count} holders")
            ).format(count=len(users))
            if disabled:
                note += translate(
                    "InventoryPage", ", of whom {count} disabled (they take no seat)"
                ).format(count=disabled)
            note += "."
        self.holders_note.setText(note)
        self._update_actions()

    # Actions
    def selected_holder_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.holders_view.selectionModel().selectedRows())
        return [uid for row in rows if (uid := self.holders.record(row).id) is not None]

    def select_holders(self, user_ids: Sequence[int]) -> None:
        self.holders_view.clearSelection()
        for row, user in enumerate(self.holders.records()):
            if user.id in set(user_ids):
                self.holders_view.selectionModel().select(
                    self.holders.index(row, 0),
                    self.holders_view.selectionModel().SelectionFlag.Select
                    | self.holders_view.selectionModel().SelectionFlag.Rows,
                )

    def _update_actions(self) -> None:
        role = self.selected_role()
        assignable = self.may_manage and role is not None and role.code != GUESTS
        idle = not self._changes.busy
        self.assign_button.setEnabled(assignable and idle)
        self.unassign_button.setEnabled(
            assignable and idle and self.holders_view.selectionModel().hasSelection()
        )
        self.rules_button.setEnabled(self.may_manage and self.current_account_id() is not None)

    def open_picker(self) -> UserPickerDialog | None:
        role, account_id = self.selected_role(), self.current_account_id()
        if role is None or account_id is None:
            return None
        self.picker = UserPickerDialog(self._session, self._tasks, account_id, role, self)
        self.picker.accepted.connect(
            lambda: self._assign(
                account_id, role, self.picker.selected_ids() if self.picker else []
            )
        )
        self.picker.open()
        return self.picker

    def _assign(self, account_id: int, role: SeatUsage, user_ids: list[int]) -> None:
        if not user_ids:
            return
        session, code = self._session, role.code
        self._changes.run(
            lambda: session.users.assign(user_ids, role=code).value,
            lambda changed: self._changed(
                account_id,
                translate("InventoryPage", "{role} given to {users}.").replace("{role}", role.name),
                len(self._record(account_id, BulkKind.ASSIGN, role, changed)),
            ),
            self._refused,
        )
        self._update_actions()

    def unassign_selected(self) -> None:
        role, account_id = self.selected_role(), self.current_account_id()
        ids = self.selected_holder_ids()
        if role is None or account_id is None or not ids:
            return
        session, code = self._session, role.code
        self._changes.run(
            lambda: session.users.unassign(ids, role=code).value,
            lambda changed: self._changed(
                account_id,
                translate("InventoryPage", "{role} taken from {users}.").replace(
                    "{role}", role.name
                ),
                len(self._record(account_id, BulkKind.UNASSIGN, role, changed)),
            ),
            self._refused,
        )
        self._update_actions()

    def _record(
        self, account_id: int, kind: BulkKind, role: SeatUsage, changed: list[NamedUser]
    ) -> list[NamedUser]:
        """Offer the change to undo; the users it changed."""
        ids = [user.id for user in changed if user.id is not None]
        self.user_change_made.emit(UserChange.of(account_id, kind, ids, role.code, role.name))
        return changed

    def _changed(self, account_id: int, what: str, count: int) -> None:
        users = (
            translate("InventoryPage", "{count} user")
            if count == 1
            else translate("InventoryPage", "{count} users")
        ).format(count=count)
        self.status_message.emit(what.replace("{users}", users))
        self.refresh()
        self.users_changed.emit(account_id)

    def _refused(self, error: Exception) -> None:
        self._update_actions()
        show_error(self, translate("InventoryPage", "The assignment was refused"), error)

    def open_rules(self) -> RulesDialog | None:
        account_id = self.current_account_id()
        if account_id is None:
            return None
        dialog = RulesDialog(self._session, self._tasks, account_id, self._reference, self)
        dialog.applied.connect(
            lambda count: self._changed(
                account_id, translate("InventoryPage", "Rules gave a seat to {users}."), count
            )
        )
        self.rules_dialog = dialog
        dialog.open()
        return dialog
