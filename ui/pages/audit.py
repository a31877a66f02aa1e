"""The audit trail page: every change, who made it and to what, filtered by record,
actor, days and words, newest first, older entries on demand, exported as CSV."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from desktop_admin.app import Changes
from desktop_admin.domain.audit import AuditEntry
from desktop_admin.domain.operators import Permission
from ui.feedback import show_error
from ui.formatting import counted
from ui.i18n import role_label, translate
from ui.models.records import AuditModel
from ui.operations import Operations
from ui.pages.base import Page
from ui.widgets.audit_export import write_audit_csv
from ui.widgets.audit_filters import AuditCriteria, AuditFilters
from ui.widgets.basics import make_table, muted

#: Entries read at a time ("Show older" reads the next ones).
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
        self._channel, self._exports = self.channel(), self.channel()
        self.may_read = self._session.may(Permission.READ_AUDIT)
        self.filters = AuditFilters()
        self.filters.changed.connect(self.refresh)
        self.entries = AuditModel(self)
        self.table = make_table(self.entries, (150, 90, 210, 190, 330))
        self.table.setObjectName("audit_table")
        self.count_label = QLabel()
        muted(self.count_label)
        self.older_button = QPushButton(translate("AuditPage", "Show older"))
        self.older_button.setObjectName("audit_older")
        self.older_button.clicked.connect(self.show_older)
        self.export_button = QPushButton(translate("AuditPage", "Export CSV…"))
        self.export_button.setObjectName("audit_export")
        self.export_button.clicked.connect(lambda: self.export_csv())
        footer = QHBoxLayout()
        footer.addWidget(self.count_label, 1)
        footer.addWidget(self.older_button)
        footer.addWidget(self.export_button)
        self.body.addWidget(self.filters)
        self.body.addWidget(self.table, 1)
        self.body.addLayout(footer)
        self._shown: list[AuditEntry] = []
        self._complete = False
        if not self.may_read:
            for widget in (self.filters, self.table, self.older_button, self.export_button):
                widget.hide()
            refused = QLabel(
                translate("AuditPage", "Your role ({role}) may not read the audit trail.").format(
                    role=role_label(self._session.operator.role)
                )
            )
            refused.setObjectName("audit_refused")
            refused.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.body.insertWidget(2, refused, 1)

    def criteria(self) -> AuditCriteria:
        return self.filters.criteria()

    def refresh(self) -> None:
        if self.may_read:
            self._load(self.criteria(), before=None)

    def show_older(self) -> None:
        if self._shown and not self._complete:
            self._load(self.criteria(), before=self._shown[-1].id)

    def _load(self, criteria: AuditCriteria, *, before: int | None) -> None:
        self.older_button.setEnabled(False)
        self._ops.query(
            self,
            lambda session: session.audit.entries(
                **criteria.query(),  # type: ignore[arg-type]
                limit=LATEST,
                before_id=before,
            ),
            lambda entries: self._loaded(entries, more=before is not None),
            failed=translate("AuditPage", "The audit trail could not be loaded"),
            channel=self._channel,
        )

    def _loaded(self, entries: list[AuditEntry], *, more: bool) -> None:
        self._shown = [*self._shown, *entries] if more else list(entries)
        self._complete = len(entries) < LATEST
        self.entries.set_records(self._shown)
        self.older_button.setEnabled(not self._complete)
        self.count_label.setText(
            counted(
                len(self._shown),
                translate("AuditPage", "Showing {count} entry."),
                translate("AuditPage", "Showing {count} entries."),
            )
            + ("" if self._complete else " " + translate("AuditPage", "Older ones follow."))
        )

    def export_csv(self, path: str | None = None) -> None:
        """Save every entry the filters select as CSV (asking where, unless given)."""
        if path is None:
            path, _kind = QFileDialog.getSaveFileName(
                self,
                translate("AuditPage", "Export the audit trail"),
                "audit-trail.csv",
                translate("AuditPage", "CSV files (*.csv);;All files (*)"),
            )
            if not path:
                return
        session, criteria, target = self._session, self.criteria(), str(path)
        self.export_button.setEnabled(False)
        self._exports.run(
            lambda: write_audit_csv(session, criteria, target),
            lambda count: self._exported(count, target),
            self._export_failed,
        )

    def _exported(self, count: int, path: str) -> None:
        self.export_button.setEnabled(True)
        self.status_message.emit(
            counted(
                count,
                translate("AuditPage", "{count} entry exported to {path}."),
                translate("AuditPage", "{count} entries exported to {path}."),
                path=path,
            )
        )

    def _export_failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        show_error(self, translate("AuditPage", "The audit trail could not be exported"), error)
