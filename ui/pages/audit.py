"""The audit trail page: the latest changes, who made them and to what."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from desktop_admin.app import Changes
from desktop_admin.domain.audit import AuditEntry
from desktop_admin.domain.operators import Permission
from ui.i18n import role_label, translate
from ui.models.records import AuditModel
from ui.operations import Operations
from ui.pages.base import Page
from ui.widgets.basics import make_table, muted

#: How many of the latest entries the page shows.
LATEST = 500


class AuditPage(Page):
    shows = Changes.AUDIT

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("AuditPage", "Audit trail"),
            translate("AuditPage", "Every change, who made it and when, newest first."),
            ops,
            parent,
        )
        self._channel = self.channel()
        self.may_read = self._session.may(Permission.READ_AUDIT)
        self.entries = AuditModel(self)
        self.table = make_table(self.entries, (155, 90, 160, 350))
        self.table.setObjectName("audit_table")
        self.count_label = QLabel()
        muted(self.count_label)
        self.body.addWidget(self.table, 1)
        self.body.addWidget(self.count_label)
        if not self.may_read:
            self.table.hide()
            refused = QLabel(
                translate("AuditPage", "Your role ({role}) may not read the audit trail.").format(
                    role=role_label(self._session.operator.role)
                )
            )
            refused.setObjectName("audit_refused")
            refused.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.body.insertWidget(2, refused, 1)

    def refresh(self) -> None:
        if not self.may_read:
            return
        self._ops.query(
            self,
            lambda session: session.audit.entries(limit=LATEST),
            self._loaded,
            failed=translate("AuditPage", "The audit trail could not be loaded"),
            channel=self._channel,
        )

    def _loaded(self, entries: list[AuditEntry]) -> None:
        self.entries.set_records(entries)
        if len(entries) >= LATEST:
            shown = translate("AuditPage", "Showing the latest {count} entries.").format(
                count=len(entries)
            )
        else:
            shown = translate("AuditPage", "Showing {count} entries.").format(count=len(entries))
        self.count_label.setText(shown)
