"""Picking the users of an account to give a role to, on the licences page (R14)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.users import NamedUser, SeatUsage
from ui.feedback import show_error
from ui.i18n import translate
from ui.models.records import UsersModel
from ui.pages.base import make_table, muted
from ui.tasks import BackgroundTasks

#: The most holders (or candidates) listed at once.
SHOWN = 2000


class UserPickerDialog(QDialog):
    """Pick users of an account who do not hold a role yet (guests hold none)."""

    def __init__(
        self,
        session: OperatorSession,
        tasks: BackgroundTasks,
        account_id: int,
        role: SeatUsage,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("user_picker")
        self.setWindowTitle(translate("InventoryPage", "Assign {role}").format(role=role.name))
        self.resize(640, 460)
        self._channel = tasks.channel(self)
        self.users = UsersModel(self)
        self._all: list[NamedUser] = []
        self.search = QLineEdit()
        self.search.setPlaceholderText(
            translate("InventoryPage", "Filter by email, name or department")
        )
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._filter)
        self.table = make_table(self.users, (250, 160, 110, 70))
        self.table.setObjectName("picker_table")
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.note = muted(QLabel(translate("InventoryPage", "Loading the users…")))
        self.note.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(translate("InventoryPage", "Assign"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                translate(
                    "InventoryPage", "{role}: {in_use} of {bought} seats in use, {free} free."
                ).format(role=role.name, in_use=role.in_use, bought=role.purchased, free=role.free)
            )
        )
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.buttons)
        code = role.code

        def fetch() -> list[NamedUser]:
            ids = session.users.ids(account_id, sort="email")
            users = session.users.by_ids(ids)
            return [u for u in users if code not in u.roles and not u.is_guest][:SHOWN]

        self._channel.run(
            fetch,
            self._loaded,
            lambda e: show_error(self, translate("InventoryPage", "Loading failed"), e),
        )
        self._update()

    def is_loading(self) -> bool:
        return self._channel.busy

    def _loaded(self, users: list[NamedUser]) -> None:
        self._all = users
        self.note.setText(
            translate(
                "InventoryPage",
                "Disabled users take a seat only once enabled; enabled ones take one at once.",
            )
        )
        self._filter()

    def _filter(self) -> None:
        text = self.search.text().strip().casefold()
        self.users.set_records(
            u
            for u in self._all
            if not text
            or text in u.email.casefold()
            or text in u.display_name.casefold()
            or text in u.department.casefold()
        )
        self._update()

    def selected_ids(self) -> list[int]:
        rows = sorted(i.row() for i in self.table.selectionModel().selectedRows())
        return [uid for row in rows if (uid := self.users.record(row).id) is not None]

    def select_users(self, user_ids: Sequence[int]) -> None:
        wanted = set(user_ids)
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(self.table.SelectionMode.MultiSelection)
        for row, user in enumerate(self.users.records()):
            if user.id in wanted:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.table.selectionModel().hasSelection()))
