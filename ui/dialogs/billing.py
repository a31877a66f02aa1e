"""The billing run: first a preview of what a run on a chosen date would do (its
renewals and their totals, the scheduled changes and their seat checks, the ends), then
the run of the day's invoices, renewals, ends and trial conversions, in the background
with its progress, stoppable between batches, and its report."""

from __future__ import annotations

import re
import threading
from datetime import date

from babel.dates import get_date_format
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import Outcome
from desktop_admin.services.billing_preview import BillingPreview
from desktop_admin.services.billing_run import BillingReport
from ui.dialogs.billing_preview import PreviewTree
from ui.feedback import error_sentence, show_error
from ui.formatting import current_locale, day
from ui.i18n import translate
from ui.operations import Operations
from ui.tasks import TaskControl
from ui.widgets.basics import bare_box, bold_label, busy_bar, muted


def date_edit_format() -> str:
    """A date edit's display format: the medium date of the window's language, as `day`
    writes it (`Jun 15, 2026`, `15 juin 2026`)."""
    pattern = str(get_date_format("medium", locale=current_locale()).pattern)
    return re.sub("y+", "yyyy", pattern)


class BillingDialog(QDialog):
    """Shows what a run on a chosen date would do, runs the billing once, on the
    session's date, and lists its report."""

    #: The invoices issued so far by the run under way.
    progressed = Signal(int)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("billing_dialog")
        self.setWindowTitle(translate("BillingDialog", "Run billing"))
        self.setMinimumWidth(480)
        self.resize(720, 560)
        self._ops, self._session = ops, ops.session
        self._preview_channel = ops.tasks.channel(self)
        self.preview: BillingPreview | None = None
        self._channel = ops.tasks.channel(self)
        self._channel.progressed.connect(self._progressed)
        self._stop = threading.Event()
        self.report: BillingReport | None = None
        self.invoices_so_far = 0
        heading = bold_label(
            translate("BillingDialog", "Billing date: {date}").format(date=day(ops.session.today))
        )
        heading.setObjectName("billing_date")
        note = muted(
            QLabel(
                translate(
                    "BillingDialog",
                    "Issues the invoices due by this date, renews the subscriptions due, "
                    "ends the cancelled ones and converts ended trials. "
                    "Running it again the same day changes nothing.",
                )
            )
        )
        note.setWordWrap(True)
        self._build_preview()
        self._build_report()
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(note)
        layout.addSpacing(4)
        layout.addWidget(self.preview_box, 1)
        for widget in (self.progress, self.status, self.summary_box, self.attention_title):
            layout.addWidget(widget)
        layout.addWidget(self.attention, 1)
        layout.addWidget(self.buttons)
        self.load_preview()

    def _build_preview(self) -> None:
        """The date to preview (the billing date at first) and what a run then does."""
        today = self._session.today
        self.preview_date = QDateEdit(QDate(today.year, today.month, today.day))
        self.preview_date.setObjectName("preview_date")
        self.preview_date.setCalendarPopup(True)
        self.preview_date.setDisplayFormat(date_edit_format())
        self.preview_date.setMinimumDate(QDate(today.year, today.month, today.day))
        self.preview_date.dateChanged.connect(lambda _date: self.load_preview())
        self.preview_title = bold_label()
        self.preview_title.setObjectName("preview_title")
        self.preview_title.setWordWrap(True)
        self.preview_tree = PreviewTree()
        self.preview_empty = muted(QLabel())
        self.preview_empty.setObjectName("preview_empty")
        self.preview_empty.setWordWrap(True)
        self.preview_empty.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.preview_empty.hide()
        chooser = bare_box(
            QHBoxLayout,
            QLabel(translate("BillingDialog", "Preview the run of:")),
            self.preview_date,
            None,
        )
        self.preview_box = bare_box(
            QVBoxLayout,
            chooser,
            self.preview_title,
            (self.preview_tree, 1),
            (self.preview_empty, 1),
        )

    def chosen_day(self) -> date:
        chosen = self.preview_date.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def load_preview(self) -> None:
        """What a run on the chosen date would do, read in the background."""
        on, today = self.chosen_day(), self._session.today
        self.preview = None
        self._update_run_button()
        self.preview_title.setText(
            translate("BillingDialog", "Working out what a run on {date} would do…").format(
                date=day(on)
            )
        )
        self._ops.query(
            self,
            lambda session: session.billing.preview_run(on),
            self._previewed,
            failed=self._preview_failed,
            channel=self._preview_channel,
        )
        if on != today:
            self.status.setText(
                translate(
                    "BillingDialog",
                    "A run bills on the billing date ({today}) only: this shows what a run "
                    "on {date} would do with the data of now.",
                ).format(today=day(today), date=day(on))
            )
        elif self.report is None:
            self.status.setText(translate("BillingDialog", "Not run yet."))

    def is_previewing(self) -> bool:
        return self._preview_channel.busy

    def _previewed(self, preview: BillingPreview) -> None:
        self.preview = preview
        self.preview_title.setText(
            translate("BillingDialog", "What a run on {date} would do:").format(
                date=day(preview.day)
            )
        )
        self.preview_tree.show_preview(preview)
        self.preview_tree.setVisible(not preview.is_empty)
        self.preview_empty.setVisible(preview.is_empty)
        self.preview_empty.setText(
            translate(
                "BillingDialog",
                "Nothing is due on {date}: no invoice to issue, no renewal, no scheduled "
                "change, no end. A run would change nothing.",
            ).format(date=day(preview.day))
        )
        self._update_run_button()

    def _preview_failed(self, error: Exception) -> None:
        self.preview_title.setText(
            translate("BillingDialog", "The preview could not be worked out: {reason}").format(
                reason=error_sentence(error)
            )
        )
        self.preview_tree.clear()

    def _update_run_button(self) -> None:
        on_the_day = self.chosen_day() == self._session.today
        self.run_button.setEnabled(on_the_day)
        self.run_button.setToolTip(
            ""
            if on_the_day
            else translate("BillingDialog", "Choose the billing date to run the billing.")
        )

    def _build_report(self) -> None:
        """The progress while running, then the report's figures and what needs attention."""
        self.progress = busy_bar("billing_progress", 14)
        self.status = QLabel(translate("BillingDialog", "Not run yet."))
        self.status.setObjectName("billing_status")
        self.status.setWordWrap(True)
        self.summary = QFormLayout()
        self.summary.setContentsMargins(0, 4, 0, 4)
        self.summary.setHorizontalSpacing(16)
        self.summary_box = QWidget()
        self.summary_box.setLayout(self.summary)
        self.summary_box.hide()
        self.attention_title = QLabel(translate("BillingDialog", "Needs attention:"))
        self.attention = QListWidget()
        self.attention.setObjectName("billing_attention")
        self.attention.setWordWrap(True)
        for widget in (self.attention_title, self.attention):
            widget.hide()

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.run_button: QPushButton = self.buttons.addButton(
            translate("BillingDialog", "Run"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.run_button.setObjectName("run_billing")
        self.run_button.setDefault(True)
        self.cancel_button: QPushButton = self.buttons.addButton(
            translate("BillingDialog", "Cancel run"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.cancel_button.setObjectName("cancel_billing")
        self.cancel_button.setToolTip(
            translate("BillingDialog", "Stop after the batch under way; what it did is kept.")
        )
        self.cancel_button.hide()
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.run_button.clicked.connect(self.run)
        self.cancel_button.clicked.connect(self.cancel_run)
        self.buttons.rejected.connect(self.reject)

    def is_running(self) -> bool:
        return self._channel.busy

    def run(self) -> None:
        """Start the run in the background (once), on the billing date."""
        if self._channel.busy or self.report is not None or not self.run_button.isEnabled():
            return
        session, stop = self._session, self._stop

        def work(control: TaskControl) -> Outcome[BillingReport]:
            # Cancel, or the dialog (or the window) gone: stop after the batch under way.
            return session.billing.run(
                progress=lambda issued: control.report(issued, 0),
                cancelled=lambda: stop.is_set() or control.cancelled,
            )

        self._preview_channel.cancel()
        self.preview_box.hide()
        self.run_button.hide()
        self.cancel_button.show()
        self.cancel_button.setEnabled(True)
        self.close_button.setEnabled(False)
        self.progress.show()
        self.status.setText(translate("BillingDialog", "Running…"))
        self._ops.run_controlled(
            self, work, self._finished, failed=self._failed, channel=self._channel
        )

    def cancel_run(self) -> None:
        """Ask the run to stop between two batches; its report still comes."""
        if not self._channel.busy:
            return
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self.status.setText(
            translate(
                "BillingDialog", "Stopping after the current batch ({count} invoices)…"
            ).format(count=self.invoices_so_far)
        )

    def reject(self) -> None:
        if self._channel.busy:  # Escape while running stops the run, the dialog stays
            self.cancel_run()
            return
        super().reject()

    def _progressed(self, issued: int, _total: int) -> None:
        self.invoices_so_far = issued
        self.progressed.emit(issued)
        if not self._stop.is_set():
            self.status.setText(
                translate("BillingDialog", "{count} invoices issued so far…").format(count=issued)
            )

    def _done_running(self) -> None:
        self.progress.hide()
        self.cancel_button.hide()
        self.close_button.setEnabled(True)
        self.close_button.setDefault(True)

    def _failed(self, error: Exception) -> None:
        self._done_running()
        self.status.setText(translate("BillingDialog", "The billing run failed."))
        show_error(self, translate("BillingDialog", "The billing run failed"), error)

    def _finished(self, report: BillingReport) -> None:
        self.report = report
        self._done_running()
        self.status.setText(
            translate("BillingDialog", "Stopped before the end: what was done is kept.")
            if report.cancelled
            else translate("BillingDialog", "Billing run finished.")
        )
        figures = (
            (translate("BillingDialog", "Invoices issued:"), len(report.invoices)),
            (translate("BillingDialog", "Renewals:"), report.renewals),
            (translate("BillingDialog", "Subscriptions ended:"), len(report.ended)),
            (translate("BillingDialog", "Trials ended:"), len(report.trials_ended)),
            (translate("BillingDialog", "Scheduled changes applied:"), report.changes_applied),
        )
        for label, count in figures:
            value = QLabel(str(count))
            value.setObjectName("figure")
            value.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            self.summary.addRow(label, value)
        self.summary_box.show()
        self.attention.clear()
        self.attention.addItems(report.needs_attention)
        if report.needs_attention:
            for widget in (self.attention_title, self.attention):
                widget.show()
        else:
            self.summary.addRow(
                muted(QLabel(translate("BillingDialog", "Nothing needs attention.")))
            )
        self.adjustSize()  # the report arrived after the dialog was laid out

    def report_lines(self) -> list[str]:
        """The report as shown: each figure, then each line that needs attention."""
        lines = []
        for row in range(self.summary.rowCount()):
            label = self.summary.itemAt(row, QFormLayout.ItemRole.LabelRole)
            field = self.summary.itemAt(row, QFormLayout.ItemRole.FieldRole)
            if label is not None and field is not None:
                lines.append(f"{label.widget().text()} {field.widget().text()}")  # type: ignore[attr-defined]
        return lines + [self.attention.item(r).text() for r in range(self.attention.count())]
