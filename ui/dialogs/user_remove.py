"""Removing users, once confirmed: the dialog names how many and the seats their
removal frees, counted by the services (what disabling the same users frees), and
recalls that disabling frees the seats too and keeps the users (R14)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.domain.users import BulkKind, BulkPreview
from ui.dialogs.user import WARNING_STYLE
from ui.feedback import error_sentence
from ui.formatting import counted
from ui.i18n import translate
from ui.operations import Operations
from ui.widgets.basics import bold_label, busy_bar, muted


def users_text(count: int) -> str:
    return counted(
        count, translate("RemoveDialog", "{count} user"), translate("RemoveDialog", "{count} users")
    )


def freed_text(preview: BulkPreview) -> str:
    """The seats a removal frees, per role: the services' count of what disabling the
    same users frees."""
    lines = [
        counted(
            -effect.change,
            translate(
                "RemoveDialog", "{role}: {count} seat freed ({in_use} → {after} of {bought})"
            ),
            translate(
                "RemoveDialog", "{role}: {count} seats freed ({in_use} → {after} of {bought})"
            ),
            role=effect.seats.name,
            in_use=effect.seats.in_use,
            after=effect.after,
            bought=effect.seats.purchased,
        )
        for effect in preview.effects
        if effect.change < 0
    ]
    if not lines:
        return translate("RemoveDialog", "They take no seat: none of them is enabled with a role.")
    lead = translate("RemoveDialog", "Removing them frees these seats:")
    return "\n".join([lead, *(f"    {line}" for line in lines)])


class RemoveDialog(QDialog):
    """Asks to confirm the removal of users, naming how many and the seats it frees;
    removes them once confirmed (one operation: all of them or none)."""

    #: The users were removed: how many.
    removed = Signal(int)

    def __init__(
        self, ops: Operations, account_id: int, ids: Sequence[int], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("remove_dialog")
        self.setWindowTitle(translate("RemoveDialog", "Remove users"))
        self.setMinimumWidth(480)
        self._ops, self._ids = ops, list(ids)
        self._counting, self._removing = ops.tasks.channel(self), ops.tasks.channel(self)
        question = counted(
            len(ids),
            translate("RemoveDialog", "Remove {count} user for good?"),
            translate("RemoveDialog", "Remove {count} users for good?"),
        )
        self.summary = bold_label(question)
        self.summary.setObjectName("remove_summary")
        self.seats_label = QLabel(translate("RemoveDialog", "Counting the seats they take…"))
        self.seats_label.setObjectName("freed_seats")
        self.seats_label.setTextFormat(Qt.TextFormat.PlainText)
        note = translate(
            "RemoveDialog",
            "Removed users are deleted for good; the audit trail keeps a record. "
            "Disabling them also frees their seats, and keeps them.",
        )
        self.note = muted(QLabel(note))
        self.note.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("remove_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(WARNING_STYLE)
        self.error_label.hide()
        self.progress = busy_bar("remove_progress")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.confirm_button: QPushButton = self.buttons.addButton(
            translate("RemoveDialog", "Remove {users}").format(users=users_text(len(ids))),
            QDialogButtonBox.ButtonRole.DestructiveRole,
        )
        self.confirm_button.setObjectName("confirm")
        self.confirm_button.clicked.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for widget in (self.summary, self.seats_label, self.note, self.error_label):
            layout.addWidget(widget)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self._count(account_id)

    def _count(self, account_id: int) -> None:
        ids = self._ids
        self.progress.show()
        self._ops.query(
            self,
            lambda session: session.users.preview_bulk_change(
                account_id=account_id, kind=BulkKind.DISABLE, user_ids=ids
            ),
            self._counted,
            failed=self._not_counted,
            channel=self._counting,
        )

    def _counted(self, preview: BulkPreview) -> None:
        self.progress.hide()
        self.seats_label.setText(freed_text(preview))
        self.adjustSize()

    def _not_counted(self, error: Exception) -> None:
        self.progress.hide()
        self.seats_label.setText(
            translate("RemoveDialog", "The seats could not be counted: {error}").format(
                error=error_sentence(error)
            )
        )

    def is_busy(self) -> bool:
        return self._counting.busy or self._removing.busy

    def confirm(self) -> None:
        if self._removing.busy:
            return
        ids = self._ids
        self.confirm_button.setEnabled(False)
        self.error_label.hide()
        self.progress.show()
        self._ops.run(
            self,
            lambda session: session.users.remove(ids),
            self._removed,
            failed=self._refused,
            channel=self._removing,
        )

    def _removed(self, count: int) -> None:
        self.removed.emit(count)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.progress.hide()
        self.error_label.setText(error_sentence(error))
        self.error_label.show()
        self.confirm_button.setEnabled(True)

    def reject(self) -> None:
        if not self._removing.busy:  # a removal under way finishes first
            self._counting.cancel()
            super().reject()
