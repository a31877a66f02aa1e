"""Picking the users of an account to give a role to, on the licences page (R14).

The candidates are a `UserQuery` (the users not holding the role, guests excepted),
searched in SQL as the operator types; the table keeps their ids and loads rows as
they are shown (`ui.models.users`), so an account of a million users picks as fast
as a small one.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.users import SeatUsage, UserQuery
from ui.feedback import show_error
from ui.i18n import translate
from ui.models.row_spans import select_spans, selected_spans, spans_of, spare_the_header
from ui.models.users import UsersModel
from ui.tasks import BackgroundTasks
from ui.widgets.basics import make_table, muted

#: The most holders of a role the licences page lists at once.
SHOWN = 2000
#: How long typing must pause before the search runs.
SEARCH_DELAY_MS = 150


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
        self._account_id, self._role = account_id, role
        self.users = UsersModel(session, tasks, self)
        self.users.ids_loaded.connect(self._loaded)
        self.users.failed.connect(
            lambda e: show_error(self, translate("InventoryPage", "Loading failed"), e)
        )
        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("InventoryPage", "Filter by email or name"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.table = make_table(self.users, (250, 160, 110, 70))
        self.table.setObjectName("picker_table")
        spare_the_header(self.table)
        self.table.selectionModel().selectionChanged.connect(self._update)
        self.users.modelReset.connect(self._update)
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
        self._filter()
        self._update()

    def is_loading(self) -> bool:
        return self._search_timer.isActive() or self.users.is_loading()

    def _filter(self) -> None:
        self._search_timer.stop()
        self.users.set_filter(
            UserQuery.candidates(self._account_id, self._role, self.search.text())
        )

    def _loaded(self) -> None:
        self.note.setText(
            translate(
                "InventoryPage",
                "Disabled users take a seat only once enabled; enabled ones take one at once.",
            )
        )
        self._update()

    def selected_ids(self) -> list[int]:
        ids = self.users.ids()
        return [uid for first, end in selected_spans(self.table) for uid in ids[first:end]]

    def select_users(self, user_ids: Sequence[int]) -> None:
        wanted = set(user_ids)
        rows = [row for row, uid in enumerate(self.users.ids()) if uid in wanted]
        select_spans(self.table, spans_of(rows))

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.table.selectionModel().hasSelection()))
