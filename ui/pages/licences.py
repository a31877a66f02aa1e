"""The licence inventory: per role of an account, seats bought, assigned and free; the
holders of the role selected, and assigning or unassigning it (R14)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import Changes, OperatorSession
from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.users import NamedUser, SeatUsage, UserQuery
from desktop_admin.services.offers import SeatTopUp
from ui.dialogs.bulk import BulkKind
from ui.dialogs.more_seats import TopUpRead, buy_more_seats, seats_of
from ui.dialogs.rules import RulesDialog
from ui.dialogs.user_picker import SHOWN, UserPickerDialog
from ui.feedback import show_error
from ui.formatting import counted
from ui.i18n import role_label, translate
from ui.models.records import WARNING_SHARE, SeatsModel, UsersModel
from ui.operations import Operations
from ui.pages.base import AccountPage
from ui.reference import ReferenceData
from ui.undo import UserChange
from ui.widgets.basics import bare_box, bold_label, make_table, muted


@dataclass(frozen=True)
class Inventory:
    account_id: int
    seats: list[SeatUsage]


class InventoryPage(AccountPage):
    shows = Changes.ASSIGNMENTS | Changes.SUBSCRIPTIONS | Changes.USERS | Changes.RULES
    #: A change was made to users (a `ui.undo.UserChange`), to be undoable.
    user_change_made = Signal(object)

    def __init__(
        self, ops: Operations, reference: ReferenceData, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            translate("InventoryPage", "Licences"),
            translate(
                "InventoryPage", "Seats bought, assigned and free per role; who holds each role."
            ),
            ops,
            reference,
            parent,
        )
        self._holders_channel = self.channel()
        self._changes = self.channel()
        self._changes.busy_changed.connect(lambda _busy: self._update_actions())
        self.may_manage = self._session.may(Permission.MANAGE_USERS)
        self.picker: UserPickerDialog | None = None
        self.rules_dialog: RulesDialog | None = None
        self._buying = self.channel()
        self._buying.busy_changed.connect(lambda _busy: self._update_actions())
        self.may_buy = self._session.may(Permission.MANAGE_SUBSCRIPTIONS)
        self.buy_dialog: QDialog | None = None
        self.refusal_box: QMessageBox | None = None
        self._build_seats()
        self._build_holders()
        self._build_buttons()
        bar = self.account_bar(translate("InventoryPage", "Account:"))
        bar.addWidget(self.rules_button)
        self.body.addLayout(bar)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._seats_panel())
        splitter.addWidget(self._holders_panel())
        splitter.setSizes([480, 620])
        self.body.addWidget(splitter, 1)
        self._update_actions()

    def _build_seats(self) -> None:
        self.seats = SeatsModel(self)
        self.seats_view = make_table(self.seats, (190, 70, 70, 80, 70), stretch=0)
        self.seats_view.setObjectName("inventory_table")
        self.seats_view.setSelectionMode(self.seats_view.SelectionMode.SingleSelection)
        self.seats_view.selectionModel().currentRowChanged.connect(self._role_changed)

    def _build_holders(self) -> None:
        self.holders = UsersModel(self)
        self.holders_view = make_table(self.holders, (240, 160, 110, 70))
        self.holders_view.setObjectName("holders_table")
        self.holders_view.selectionModel().selectionChanged.connect(self._update_actions)
        self.holders_title = bold_label(
            translate("InventoryPage", "Select a role to see who holds it.")
        )
        self.holders_note = muted(QLabel())

    def _build_buttons(self) -> None:
        self.assign_button = QPushButton(translate("InventoryPage", "Assign…"))
        self.assign_button.setObjectName("assign_role")
        self.assign_button.clicked.connect(self.open_picker)
        self.unassign_button = QPushButton(translate("InventoryPage", "Unassign"))
        self.unassign_button.setObjectName("unassign_role")
        self.unassign_button.clicked.connect(self.unassign_selected)
        self.rules_button = QPushButton(translate("InventoryPage", "Assignment rules…"))
        self.rules_button.setObjectName("assignment_rules")
        self.rules_button.clicked.connect(self.open_rules)
        self.buy_button = QPushButton(translate("InventoryPage", "Buy more seats…"))
        self.buy_button.setObjectName("buy_more_seats")
        self.buy_button.setToolTip(
            translate("InventoryPage", "More seats of the role selected: the missing ones first.")
            if self.may_buy
            else translate("InventoryPage", "{role}s may not buy subscriptions.").format(
                role=role_label(self._session.operator.role)
            )
        )
        self.buy_button.clicked.connect(self.buy_more)
        if not self.may_manage:
            refusal = translate("InventoryPage", "{role}s may not manage users.").format(
                role=role_label(self._session.operator.role)
            )
            for button in (self.assign_button, self.unassign_button, self.rules_button):
                button.setToolTip(refusal)

    def _seats_panel(self) -> QWidget:
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
        left_box.addWidget(bare_box(QHBoxLayout, (legend, 1), self.buy_button))
        return left

    def _holders_panel(self) -> QWidget:
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
        return right

    # Loading
    def load(self, account_id: int) -> None:
        self._ops.query(
            self,
            lambda session: Inventory(account_id, session.licences.seats(account_id)),
            self._show_inventory,
            failed=translate("InventoryPage", "The seats could not be loaded"),
            channel=self.rows,
        )

    def clear(self) -> None:
        self._show_inventory(Inventory(0, []))

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
        holders = UserQuery.holders(account_id, role)

        def fetch(session: OperatorSession) -> list[NamedUser]:
            return session.users.by_ids(session.users.ids(holders, limit=SHOWN))

        self._ops.query(
            self,
            fetch,
            lambda users: self._show_holders(role, users),
            failed=translate("InventoryPage", "The holders could not be loaded"),
            channel=self._holders_channel,
        )
        self._update_actions()

    def _show_holders(self, role: SeatUsage, users: list[NamedUser]) -> None:
        self.holders.set_records(users)
        disabled = sum(not u.enabled for u in users)
        if role.is_guests:
            note = translate(
                "InventoryPage", "Guest users hold no role: each uses a unit of the guest add-on."
            )
        else:
            note = counted(
                len(users),
                translate("InventoryPage", "{count} holder"),
                translate("InventoryPage", "{count} holders"),
            )
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
        assignable = self.may_manage and role is not None and not role.is_guests
        idle = not self._changes.busy
        self.assign_button.setEnabled(assignable and idle)
        self.unassign_button.setEnabled(
            assignable and idle and self.holders_view.selectionModel().hasSelection()
        )
        self.rules_button.setEnabled(self.may_manage and self.current_account_id() is not None)
        self.buy_button.setEnabled(self.may_buy and role is not None and not self._buying.busy)

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
        if user_ids:
            self._change(account_id, BulkKind.ASSIGN, role, user_ids)

    def unassign_selected(self) -> None:
        role, account_id = self.selected_role(), self.current_account_id()
        ids = self.selected_holder_ids()
        if role is not None and account_id is not None and ids:
            self._change(account_id, BulkKind.UNASSIGN, role, ids)

    def _change(self, account_id: int, kind: BulkKind, role: SeatUsage, ids: list[int]) -> None:
        """Give the role to (or take it from) the users, then offer the change to undo."""
        code = role.code
        what = (
            translate("InventoryPage", "{role} given to {users}.")
            if kind is BulkKind.ASSIGN
            else translate("InventoryPage", "{role} taken from {users}.")
        ).replace("{role}", role.name)

        def done(changed: list[NamedUser]) -> None:
            changed_ids = [user.id for user in changed if user.id is not None]
            self.user_change_made.emit(
                UserChange.of(account_id, kind, changed_ids, role.code, role.name)
            )
            self._say(what, len(changed))

        self._ops.run(
            self,
            lambda s: (
                s.users.assign(ids, role=code)
                if kind is BulkKind.ASSIGN
                else s.users.unassign(ids, role=code)
            ),
            done,
            failed=lambda error: self._refused(account_id, kind, role, ids, error),
            channel=self._changes,
        )

    def _refused(
        self, account_id: int, kind: BulkKind, role: SeatUsage, ids: list[int], error: Exception
    ) -> None:
        """The service's sentence; for a lack of seats (R14), a way to buy them."""
        box = show_error(self, translate("InventoryPage", "The assignment was refused"), error)
        self.refusal_box = box
        short = isinstance(error, DomainError) and error.rule == "R14"
        if kind is BulkKind.ASSIGN and short and self.may_buy:
            button = box.addButton(
                translate("InventoryPage", "Buy more seats…"), QMessageBox.ButtonRole.ActionRole
            )
            button.setObjectName("buy_more_seats")
            code = role.code

            def read(session: OperatorSession) -> SeatTopUp:
                effect = session.users.preview_bulk_change(
                    account_id=account_id, kind=kind, user_ids=ids, role=code
                )
                adding = sum(e.change for e in effect.effects if e.seats.code == code)
                return seats_of(account_id, code, adding)(session)

            button.clicked.connect(lambda: self._buy(read))

    def buy_more(self) -> None:
        """More seats of the role selected: the change dialog with the missing ones."""
        role, account_id = self.selected_role(), self.current_account_id()
        if role is not None and account_id is not None:
            self._buy(seats_of(account_id, role.code))

    def _buy(self, read: TopUpRead) -> None:
        def opened(dialog: QDialog) -> None:
            self.buy_dialog = dialog

        buy_more_seats(self, self._ops, read, channel=self._buying, opened=opened)

    def _say(self, what: str, count: int) -> None:
        users = counted(
            count,
            translate("InventoryPage", "{count} user"),
            translate("InventoryPage", "{count} users"),
        )
        self.status_message.emit(what.replace("{users}", users))

    def open_rules(self) -> RulesDialog | None:
        account_id = self.current_account_id()
        if account_id is None:
            return None
        dialog = RulesDialog(self._ops, account_id, self._reference, self)
        dialog.applied.connect(
            lambda count: self._say(
                translate("InventoryPage", "Rules gave a seat to {users}."), count
            )
        )
        self.rules_dialog = dialog
        dialog.open()
        return dialog
