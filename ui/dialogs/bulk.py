"""Confirming a bulk change of users (enable, disable, assign or unassign a role) after
seeing what it does to the account's seats, then running it in the background.

The seat effect, and whether the change would be refused (R14, R17), are the services'
preview (`session.users.preview_bulk_change`): the dialog shows them and keeps a
refused change from being confirmed. One bulk change is one service call, so one
transaction: it changes every selected user or none. While it runs the dialog shows an
indeterminate progress bar; it cannot be cancelled half-way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

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

from desktop_admin.app import Changes
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.users import BulkKind, BulkPreview, SeatEffect
from ui.dialogs.more_seats import buy_more_seats, seats_of
from ui.feedback import error_sentence
from ui.i18n import translate
from ui.operations import Operations
from ui.undo import changed_ids
from ui.widgets.basics import muted

__all__ = ["BulkDialog", "BulkKind", "open_bulk_dialog", "users_text", "verbs"]

WARNING_STYLE = "color: #a61b1b;"


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


def users_text(count: int) -> str:
    text = (
        translate("BulkDialog", "{count} user")
        if count == 1
        else translate("BulkDialog", "{count} users")
    )
    return text.format(count=count)


def headline(effect: SeatEffect) -> str:
    seats = effect.seats
    return translate(
        "BulkDialog", "{role}: {in_use} of {bought} seats in use, {selected} selected"
    ).format(role=seats.name, in_use=seats.in_use, bought=seats.purchased, selected=effect.selected)


def effect_text(preview: BulkPreview, kind: BulkKind) -> str:
    """The seat lines of a preview: per role, its seats and what the change does."""
    gerund, texts = verbs(kind)[3], []
    for effect in preview.effects:
        texts.append(headline(effect))
        if effect.change > 0:
            texts.append(
                translate(
                    "BulkDialog", "    {change} takes {count} more: {after} of {bought} in use."
                ).format(
                    change=gerund,
                    count=effect.change,
                    after=effect.after,
                    bought=effect.seats.purchased,
                )
            )
        elif effect.change < 0:
            texts.append(
                translate("BulkDialog", "    {change} frees {count}.").format(
                    change=gerund, count=-effect.change
                )
            )
        else:
            texts.append(translate("BulkDialog", "    No seat changes hands."))
    if not preview.effects:
        texts.append(translate("BulkDialog", "No role seat changes hands."))
    return "\n".join(texts)


def refusal_text(preview: BulkPreview) -> str:
    """Why the change would be refused, in the services' own sentence."""
    short = preview.short_of_seats
    if not short:
        return translate("BulkDialog", "The change would be refused: {reason}").format(
            reason=preview.refusal
        )
    names = ", ".join(effect.seats.name for effect in short)
    lead = translate(
        "BulkDialog",
        "This needs more {roles} seats than the account bought: the change "
        "would be refused (R14). Buy seats, or select fewer users.",
    ).format(roles=names)
    return f"{lead}\n{preview.refusal}"


class BulkDialog(QDialog):
    """Shows the seat effect of a bulk change, and runs it once confirmed; a change the
    preview says would be refused cannot be confirmed."""

    #: The change was made: the number of users it changed.
    changed = Signal(int)
    #: The change was made: the ids of the users it changed (for undoing it).
    applied = Signal(object)
    #: The service refused the change (or it failed): the exception.
    refused = Signal(object)

    def __init__(
        self,
        ops: Operations,
        account_id: int,
        ids: Sequence[int],
        kind: BulkKind,
        role_names: Mapping[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("bulk_dialog")
        self._ops, self._account_id = ops, account_id
        self._ids, self.kind = list(ids), kind
        self._effect = ops.tasks.channel(self)
        self._change = ops.tasks.channel(self)
        self._buying = ops.tasks.channel(self)
        #: The dialog buying the seats the change lacks, once opened.
        self.buy_dialog: QDialog | None = None
        #: The seat effect shown, once counted.
        self.preview: BulkPreview | None = None
        self.setWindowTitle(verbs(kind)[0])
        self.setMinimumWidth(460)
        self._build(role_names)
        self._count_seats()
        # Seats bought meanwhile (here, or by anyone) change what the change would do.
        ops.operation_did_execute.connect(self._changed_elsewhere)

    def _build(self, role_names: Mapping[str, str]) -> None:
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
        note = translate("BulkDialog", "One transaction: every selected user changes, or none.")
        self.note = muted(QLabel(note))
        self.note.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("bulk_progress")
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self._build_buttons()
        layout = QVBoxLayout(self)
        if self.kind.needs_role:
            form = QFormLayout()
            form.addRow(translate("BulkDialog", "Role:"), self.role_combo)
            layout.addLayout(form)
        for widget in (self.summary, self.effect_label, self.warning_label, self.note):
            layout.addWidget(widget)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button: QPushButton = self.buttons.addButton(
            verbs(self.kind)[1].format(users=users_text(len(self._ids))),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.confirm_button.setObjectName("confirm")
        self.buy_button = self.buttons.addButton(
            translate("BulkDialog", "Buy more seats…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.buy_button.setObjectName("buy_more_seats")
        self.buy_button.hide()
        self.buy_button.clicked.connect(self.buy_more_seats)
        if not self._ops.session.may(Permission.MANAGE_SUBSCRIPTIONS):
            self.buy_button.setEnabled(False)
            self.buy_button.setToolTip(
                translate("BulkDialog", "Only an operator who manages subscriptions may buy seats.")
            )
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)

    # The seat effect
    def role(self) -> str | None:
        code = self.role_combo.currentData() if self.kind.needs_role else None
        return str(code) if code else None

    def select_role(self, code: str) -> None:
        self.role_combo.setCurrentIndex(self.role_combo.findData(code))

    def is_busy(self) -> bool:
        return self._effect.busy or self._change.busy or self._buying.busy

    def effect_text(self) -> str:
        return self.effect_label.text()

    def _count_seats(self) -> None:
        role = self.role()
        self.summary.setText(
            verbs(self.kind)[2].format(
                role=self.role_combo.currentText(), users=users_text(len(self._ids))
            )
        )
        self.preview = None
        self.warning_label.hide()
        self.buy_button.hide()
        self.confirm_button.setEnabled(False)
        if self.kind.needs_role and role is None:
            self.effect_label.setText(translate("BulkDialog", "The catalog has no roles."))
            return
        self.effect_label.setText(translate("BulkDialog", "Counting seats…"))
        self.progress.show()
        account_id, ids, kind = self._account_id, self._ids, self.kind
        self._ops.query(
            self,
            lambda session: session.users.preview_bulk_change(
                account_id=account_id, kind=kind, user_ids=ids, role=role
            ),
            self._show_effect,
            failed=self._effect_failed,
            channel=self._effect,
        )

    def _show_effect(self, preview: BulkPreview) -> None:
        self.preview = preview
        self.progress.hide()
        self.effect_label.setText(effect_text(preview, self.kind))
        self.confirm_button.setEnabled(not preview.refused)
        if preview.refused:
            self.warning_label.setText(refusal_text(preview))
            self.warning_label.show()
        self.buy_button.setVisible(bool(preview.short_of_seats))
        self.adjustSize()  # the seat lines arrived after the dialog was laid out

    def _effect_failed(self, error: Exception) -> None:
        self.progress.hide()
        self.effect_label.setText(
            translate("BulkDialog", "The seats could not be counted: {error}").format(
                error=error_sentence(error)
            )
        )
        self.confirm_button.setEnabled(True)  # the service checks the seats anyway

    def buy_more_seats(self) -> None:
        """The change (or purchase) dialog with the seats the first role short lacks; once
        they are bought, the seats are counted again."""
        short = self.preview.short_of_seats if self.preview else ()
        if not short or self._buying.busy:
            return
        code, adding = short[0].seats.code, short[0].change

        def opened(dialog: QDialog) -> None:
            self.buy_dialog = dialog

        read = seats_of(self._account_id, code, adding)
        buy_more_seats(self, self._ops, read, channel=self._buying, opened=opened)

    def _changed_elsewhere(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(Changes.SUBSCRIPTIONS) and not self._change.busy:
            self._count_seats()

    # Running the change
    def confirm(self) -> None:
        if self._change.busy or not self.confirm_button.isEnabled():
            return
        ids, kind, role = self._ids, self.kind, self.role()
        self.effect_label.setText(verbs(self.kind)[4].format(users=users_text(len(ids))))
        self.warning_label.hide()
        self.progress.show()
        for widget in (self.confirm_button, self.cancel_button, self.role_combo):
            widget.setEnabled(False)
        self.cancel_button.setToolTip(
            translate("BulkDialog", "A bulk change is one transaction: it cannot stop half-way.")
        )
        # Through the window's operations: the pages showing users and seats reload.
        self._ops.run(
            self,
            lambda session: session.users.bulk_change(kind=kind, user_ids=ids, role=role),
            lambda changed: self._done(changed_ids(changed)),
            failed=self._failed,
            channel=self._change,
        )

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
    ops: Operations,
    account_id: int,
    ids: Sequence[int],
    kind: BulkKind,
    role_names: Mapping[str, str],
    on_changed: Callable[[int], None],
    on_refused: Callable[[Exception], None],
) -> BulkDialog:
    """Open (window-modal, not blocking) a dialog deleted when closed."""
    dialog = BulkDialog(ops, account_id, ids, kind, role_names, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.changed.connect(on_changed)
    dialog.refused.connect(on_refused)
    dialog.open()
    return dialog
