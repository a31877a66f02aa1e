"""Confirming a bulk change of users (enable, disable, assign or unassign a role) after
seeing what it does to the account's seats, then running it in the background.

One bulk change is one service call, so one transaction: it changes every selected
user or none (R14 refuses the whole change when seats run out). While it runs the
dialog shows an indeterminate progress bar; it cannot be cancelled half-way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.users import NamedUser, SeatUsage
from ui.feedback import error_sentence
from ui.i18n import translate
from ui.pages.base import muted
from ui.tasks import BackgroundTasks

#: Up to this many selected users, the seat effect is counted from their rows; beyond,
#: from id lists (never loading a million rows).
ROWS_LIMIT = 5000
WARNING_STYLE = "color: #a61b1b;"


class BulkKind(StrEnum):
    ENABLE = "enable"
    DISABLE = "disable"
    ASSIGN = "assign"
    UNASSIGN = "unassign"

    @property
    def needs_role(self) -> bool:
        return self in (BulkKind.ASSIGN, BulkKind.UNASSIGN)

    @property
    def takes_seats(self) -> bool:
        return self in (BulkKind.ENABLE, BulkKind.ASSIGN)


def verbs(kind: BulkKind) -> tuple[str, str, str, str, str]:
    """The texts of a change, in the installed language: the window title, the confirm
    button ({users}), the question ({role}, {users}), the change as a subject
    ("Enabling", for the seat lines) and the progress text ({users})."""
    return {
        BulkKind.ENABLE: (
            translate("BulkDialog", "Enable users"),
            translate("BulkDialog", "Enable {users}"),
            translate("BulkDialog", "Enable {users}?"),
            translate("BulkDialog", "Enabling"),
            translate("BulkDialog", "Enabling {users}…"),
        ),
        BulkKind.DISABLE: (
            translate("BulkDialog", "Disable users"),
            translate("BulkDialog", "Disable {users}"),
            translate("BulkDialog", "Disable {users}?"),
            translate("BulkDialog", "Disabling"),
            translate("BulkDialog", "Disabling {users}…"),
        ),
        BulkKind.ASSIGN: (
            translate("BulkDialog", "Assign role"),
            translate("BulkDialog", "Assign {users}"),
            translate("BulkDialog", "Assign {role} to {users}?"),
            translate("BulkDialog", "Assigning"),
            translate("BulkDialog", "Assigning {users}…"),
        ),
        BulkKind.UNASSIGN: (
            translate("BulkDialog", "Unassign role"),
            translate("BulkDialog", "Unassign {users}"),
            translate("BulkDialog", "Unassign {role} from {users}?"),
            translate("BulkDialog", "Unassigning"),
            translate("BulkDialog", "Unassigning {users}…"),
        ),
    }[kind]


@dataclass(frozen=True)
class SeatLine:
    """One role's seats, and how many seats the change takes (>0) or frees (<0)."""

    usage: SeatUsage
    affected: int
    selected: int

    @property
    def after(self) -> int:
        return self.usage.in_use + self.affected

    @property
    def exceeds(self) -> bool:
        return self.affected > 0 and self.after > self.usage.purchased

    def headline(self) -> str:
        u = self.usage
        return translate(
            "BulkDialog", "{role}: {in_use} of {bought} seats in use, {selected} selected"
        ).format(role=u.name, in_use=u.in_use, bought=u.purchased, selected=self.selected)


def users_text(count: int) -> str:
    text = (
        translate("BulkDialog", "{count} user")
        if count == 1
        else translate("BulkDialog", "{count} users")
    )
    return text.format(count=count)


def seat_effect(
    session: OperatorSession,
    account_id: int,
    ids: Sequence[int],
    kind: BulkKind,
    role: str | None,
) -> list[SeatLine]:
    """What the change does to each role's seats (runs in the background)."""
    usage = {s.code: s for s in session.licences.seats(account_id)}
    codes = [role] if kind.needs_role and role else list(usage)
    if len(ids) <= ROWS_LIMIT:
        deltas = _deltas_from_rows(session.users.by_ids(ids), kind, codes)
    else:
        deltas = _deltas_from_ids(session, account_id, set(ids), kind, codes)
    lines = []
    for code in codes:
        seats = usage.get(code) or SeatUsage(code, code, 0, 0)
        affected = deltas.get(code, 0)
        if kind.needs_role:
            lines.append(SeatLine(seats, affected, len(ids)))
        elif affected:
            lines.append(SeatLine(seats, affected, abs(affected)))
    return lines


def _deltas_from_rows(
    users: Sequence[NamedUser], kind: BulkKind, codes: Sequence[str]
) -> dict[str, int]:
    deltas = dict.fromkeys(codes, 0)
    for user in users:
        for code in codes:
            holds = code in user.roles
            if kind is BulkKind.ASSIGN and user.enabled and not holds and not user.is_guest:
                deltas[code] += 1
            elif kind is BulkKind.UNASSIGN and user.enabled and holds:
                deltas[code] -= 1
            elif kind is BulkKind.ENABLE and not user.enabled and holds:
                deltas[code] += 1
            elif kind is BulkKind.DISABLE and user.enabled and holds:
                deltas[code] -= 1
    return deltas


def _deltas_from_ids(
    session: OperatorSession,
    account_id: int,
    selected: set[int],
    kind: BulkKind,
    codes: Sequence[str],
) -> dict[str, int]:
    enabled = selected.intersection(session.users.ids(account_id, enabled=True))
    deltas = {}
    for code in codes:
        holders = set(session.users.ids(account_id, role=code))
        if kind is BulkKind.ASSIGN:
            deltas[code] = len(enabled - holders)
        elif kind is BulkKind.UNASSIGN:
            deltas[code] = -len(enabled & holders)
        elif kind is BulkKind.ENABLE:
            deltas[code] = len((selected - enabled) & holders)
        else:
            deltas[code] = -len(enabled & holders)
    return deltas


def run_change(
    session: OperatorSession, ids: Sequence[int], kind: BulkKind, role: str | None
) -> list[int]:
    """The one service call of the change; the ids of the users it changed."""
    if kind is BulkKind.ENABLE:
        changed = session.users.set_enabled(ids, enabled=True).value
    elif kind is BulkKind.DISABLE:
        changed = session.users.set_enabled(ids, enabled=False).value
    elif kind is BulkKind.ASSIGN:
        assert role is not None
        changed = session.users.assign(ids, role=role).value
    else:
        assert role is not None
        changed = session.users.unassign(ids, role=role).value
    return [user.id for user in changed if user.id is not None]


class BulkDialog(QDialog):
    """Shows the seat effect of a bulk change, and runs it once confirmed."""

    #: The change was made: the number of users it changed.
    changed = Signal(int)
    #: The change was made: the ids of the users it changed (for undoing it).
    applied = Signal(object)
    #: The service refused the change (or it failed): the exception.
    refused = Signal(object)

    def __init__(
        self,
        session: OperatorSession,
        tasks: BackgroundTasks,
        account_id: int,
        ids: Sequence[int],
        kind: BulkKind,
        role_names: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bulk_dialog")
        self._session, self._account_id = session, account_id
        self._ids, self.kind = list(ids), kind
        self._effect = tasks.channel(self)
        self._change = tasks.channel(self)
        self.lines: list[SeatLine] = []
        self.setWindowTitle(verbs(kind)[0])
        self.setMinimumWidth(460)

        self.role_combo = QComboBox()
        self.role_combo.setObjectName("role_combo")
        for code, name in role_names.items():
            self.role_combo.addItem(name, code)
        self.role_combo.currentIndexChanged.connect(self._count_seats)
        self.summary = QLabel()
        self.summary.setObjectName("bulk_summary")
        self.summary.setWordWrap(True)
        self.effect_label = QLabel()
        self.effect_label.setObjectName("seat_effect")
        self.effect_label.setTextFormat(Qt.TextFormat.PlainText)
        self.warning_label = QLabel()
        self.warning_label.setObjectName("seat_warning")
        self.warning_label.setWordWrap(True)
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.hide()
        self.note = muted(
            QLabel(
                translate("BulkDialog", "One transaction: every selected user changes, or none.")
            )
        )
        self.note.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("bulk_progress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button: QPushButton = self.buttons.addButton(
            verbs(kind)[1].format(users=users_text(len(self._ids))),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.confirm_button.setObjectName("confirm")
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        if kind.needs_role:
            form = QFormLayout()
            form.addRow(translate("BulkDialog", "Role:"), self.role_combo)
            layout.addLayout(form)
        layout.addWidget(self.summary)
        layout.addWidget(self.effect_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.note)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._count_seats()

    # The seat effect
    def role(self) -> str | None:
        code = self.role_combo.currentData() if self.kind.needs_role else None
        return str(code) if code else None

    def select_role(self, code: str) -> None:
        self.role_combo.setCurrentIndex(self.role_combo.findData(code))

    def is_busy(self) -> bool:
        return self._effect.busy or self._change.busy

    def effect_text(self) -> str:
        return self.effect_label.text()

    def _count_seats(self) -> None:
        role = self.role()
        self.summary.setText(
            verbs(self.kind)[2].format(
                role=self.role_combo.currentText(), users=users_text(len(self._ids))
            )
        )
        if self.kind.needs_role and role is None:
            self.effect_label.setText(translate("BulkDialog", "The catalog has no roles."))
            self.confirm_button.setEnabled(False)
            return
        self.effect_label.setText(translate("BulkDialog", "Counting seats…"))
        self.warning_label.hide()
        self.progress.show()
        self.confirm_button.setEnabled(False)
        session, account_id, ids, kind = self._session, self._account_id, self._ids, self.kind
        self._effect.run(
            lambda: seat_effect(session, account_id, ids, kind, role),
            self._show_effect,
            self._effect_failed,
        )

    def _show_effect(self, lines: list[SeatLine]) -> None:
        self.lines = lines
        self.progress.hide()
        self.confirm_button.setEnabled(True)
        gerund = verbs(self.kind)[3]
        texts = []
        for line in lines:
            texts.append(line.headline())
            if line.affected > 0:
                texts.append(
                    translate(
                        "BulkDialog", "    {change} takes {count} more: {after} of {bought} in use."
                    ).format(
                        change=gerund,
                        count=line.affected,
                        after=line.after,
                        bought=line.usage.purchased,
                    )
                )
            elif line.affected < 0:
                texts.append(
                    translate("BulkDialog", "    {change} frees {count}.").format(
                        change=gerund, count=-line.affected
                    )
                )
            else:
                texts.append(translate("BulkDialog", "    No seat changes hands."))
        if not lines:
            texts.append(translate("BulkDialog", "No role seat changes hands."))
        self.effect_label.setText("\n".join(texts))
        over = [line for line in lines if line.exceeds]
        if over:
            names = ", ".join(line.usage.name for line in over)
            self.warning_label.setText(
                translate(
                    "BulkDialog",
                    "This needs more {roles} seats than the account bought: the change "
                    "would be refused (R14). Buy seats, or select fewer users.",
                ).format(roles=names)
            )
            self.warning_label.show()
        self.adjustSize()  # the seat lines arrived after the dialog was laid out

    def _effect_failed(self, error: Exception) -> None:
        self.progress.hide()
        self.effect_label.setText(
            translate("BulkDialog", "The seats could not be counted: {error}").format(
                error=error_sentence(error)
            )
        )
        self.confirm_button.setEnabled(True)  # the service checks the seats anyway

    # Running the change
    def confirm(self) -> None:
        if self._change.busy or not self.confirm_button.isEnabled():
            return
        session, ids, kind, role = self._session, self._ids, self.kind, self.role()
        self.effect_label.setText(verbs(self.kind)[4].format(users=users_text(len(ids))))
        self.warning_label.hide()
        self.progress.show()
        for widget in (self.confirm_button, self.cancel_button, self.role_combo):
            widget.setEnabled(False)
        self.cancel_button.setToolTip(
            translate("BulkDialog", "A bulk change is one transaction: it cannot stop half-way.")
        )
        self._change.run(lambda: run_change(session, ids, kind, role), self._done, self._failed)

    def _done(self, changed: list[int]) -> None:
        self.applied.emit(changed)
        self.changed.emit(len(changed))
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._change.cancel()
        super().reject()
        self.refused.emit(error)

    def reject(self) -> None:
        if not self._change.busy:  # a running change finishes first (all or nothing)
            self._effect.cancel()
            super().reject()


def open_bulk_dialog(
    parent: QWidget,
    session: OperatorSession,
    tasks: BackgroundTasks,
    account_id: int,
    ids: Sequence[int],
    kind: BulkKind,
    role_names: Mapping[str, str],
    on_changed: Callable[[int], None],
    on_refused: Callable[[Exception], None],
) -> BulkDialog:
    """Open (window-modal, not blocking) a dialog deleted when closed."""
    dialog = BulkDialog(session, tasks, account_id, ids, kind, role_names, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.changed.connect(on_changed)
    dialog.refused.connect(on_refused)
    dialog.open()
    return dialog
