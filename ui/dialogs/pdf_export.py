"""Quotes and invoices as PDF files: one document saved where the operator says, or all
the invoices of an account into a folder, in the background, with its progress and a
Cancel that stops between two documents and keeps the files already written."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.operators import Permission
from ui.dialogs.pdf_preview import PdfPreviewDialog
from ui.feedback import show_error
from ui.i18n import role_label, translate
from ui.tasks import BackgroundTasks, TaskControl
from ui.widgets.basics import muted


class PdfExportDialog(QDialog):
    """Writes `<number>.pdf` for each invoice or credit note into a folder."""

    #: The export ended (finished or stopped): the files written.
    completed = Signal(object)

    def __init__(
        self,
        session: OperatorSession,
        tasks: BackgroundTasks,
        references: Sequence[str],
        folder: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_export_dialog")
        self.setWindowTitle(translate("PdfExport", "Save invoices as PDF"))
        self.setMinimumWidth(460)
        self._session = session
        self._references = tuple(dict.fromkeys(references))  # each document once
        self._folder = folder
        self._channel = tasks.channel(self)
        self._channel.progressed.connect(self._progressed)
        self._stop = threading.Event()
        self.written: list[Path] | None = None

        where = QLabel(
            translate("PdfExport", "{count} documents into {folder}").format(
                count=len(self._references), folder=folder
            )
        )
        where.setWordWrap(True)
        self.progress = QProgressBar()
        self.progress.setObjectName("pdf_progress")
        self.progress.setRange(0, max(len(self._references), 1))
        self.progress.setValue(0)
        self.status = QLabel(translate("PdfExport", "Starting…"))
        self.status.setObjectName("pdf_status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.cancel_button: QPushButton = self.buttons.addButton(
            QDialogButtonBox.StandardButton.Cancel
        )
        self.cancel_button.setObjectName("cancel_pdf_export")
        self.cancel_button.setToolTip(
            translate("PdfExport", "Stop after the document under way; the files written stay.")
        )
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        self.close_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.close_button.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(where)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(muted(QLabel(translate("PdfExport", "An existing file is replaced."))))
        layout.addWidget(self.buttons)

    def start(self) -> None:
        """Start writing the files in the background (once)."""
        if self._channel.busy or self.written is not None:
            return
        session, stop = self._session, self._stop
        references, folder = self._references, Path(self._folder)

        def work(control: TaskControl) -> list[Path]:
            # Cancel, or the dialog (or the window) gone: stop before the next document.
            return session.documents.export_invoice_pdfs(
                references,
                folder=folder,
                progress=control.report,
                cancelled=lambda: stop.is_set() or control.cancelled,
            )

        self._channel.run_controlled(work, self._finished, self._failed)

    def is_running(self) -> bool:
        return self._channel.busy

    def cancel_export(self) -> None:
        """Stop between two documents; the files written so far are kept."""
        if not self._channel.busy:
            return
        self._stop.set()
        self.cancel_button.setEnabled(False)
        self.status.setText(translate("PdfExport", "Stopping…"))

    def reject(self) -> None:
        if self._channel.busy:  # Escape while writing stops it; the dialog stays
            self.cancel_export()
            return
        super().reject()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)
        if not self._stop.is_set():
            self.status.setText(
                translate("PdfExport", "{done} of {total} written…").format(done=done, total=total)
            )

    def _ended(self) -> None:
        self.cancel_button.setEnabled(False)
        self.close_button.setEnabled(True)
        self.close_button.setDefault(True)

    def _finished(self, written: list[Path]) -> None:
        self.written = written
        self._ended()
        self.progress.setValue(len(written))
        total = len(self._references)
        if len(written) < total:
            text = translate(
                "PdfExport", "Stopped: {done} of {total} written, in {folder}."
            ).format(done=len(written), total=total, folder=self._folder)
        else:
            text = translate("PdfExport", "{done} PDF files written in {folder}.").format(
                done=len(written), folder=self._folder
            )
        self.status.setText(text)
        self.completed.emit(written)

    def _failed(self, error: Exception) -> None:
        self._ended()
        self.status.setText(
            translate(
                "PdfExport", "The export stopped on an error after {done} of {total} files."
            ).format(done=self.progress.value(), total=len(self._references))
        )
        show_error(self, translate("PdfExport", "The invoices could not be saved as PDF"), error)


#: The PDF of one document, by its number (runs in the background).
Renderer = Callable[[OperatorSession, str], bytes]


def write_pdf(session: OperatorSession, render: Renderer, number: str, path: str) -> str:
    Path(path).write_bytes(render(session, number))
    return path


class PdfActions(QObject):
    """ "Save PDF…" for the selected document and, on the invoices page, "Save all as
    PDF…" for the account's numbered documents; both for operators who may print."""

    #: A sentence for the status bar.
    status_message = Signal(str)

    def __init__(
        self,
        page: QWidget,
        session: OperatorSession,
        tasks: BackgroundTasks,
        render: Renderer,
        export_all: bool,
    ) -> None:
        super().__init__(page)
        self._page, self._session, self._tasks, self._render = page, session, tasks, render
        self._saving = tasks.channel(self)
        self._saving.busy_changed.connect(lambda _busy: self.update(self._number, self._numbers))
        self.may_print = session.may(Permission.PRINT_DOCUMENTS)
        self._number: str | None = None
        self._numbers: list[str] = []
        self.export_dialog: PdfExportDialog | None = None
        self.preview_dialog: PdfPreviewDialog | None = None
        self._previewing = tasks.channel(self)
        self._previewing.busy_changed.connect(
            lambda _busy: self.update(self._number, self._numbers)
        )
        self.preview_button = QPushButton(translate("PdfExport", "Preview…"))
        self.preview_button.setObjectName("preview_pdf")
        self.preview_button.setToolTip(translate("PdfExport", "See the PDF, print it or save it"))
        self.preview_button.clicked.connect(lambda: self.preview())
        self.save_button = QPushButton(translate("PdfExport", "Save PDF…"))
        self.save_button.setObjectName("save_pdf")
        self.save_button.clicked.connect(lambda: self.save_pdf())
        self.buttons = [self.preview_button, self.save_button]
        self.export_button: QPushButton | None = None
        if export_all:
            self.export_button = QPushButton(translate("PdfExport", "Save all as PDF…"))
            self.export_button.setObjectName("export_pdfs")
            self.export_button.clicked.connect(lambda: self.export_all())
            self.buttons.append(self.export_button)
        if not self.may_print:
            refusal = translate("PdfExport", "{role}s may not print documents.").format(
                role=role_label(session.operator.role)
            )
            for button in self.buttons:
                button.setToolTip(refusal)
        self.update(None, [])

    def is_busy(self) -> bool:
        return (
            self._saving.busy
            or self._previewing.busy
            or (self.export_dialog is not None and self.export_dialog.is_running())
            or (self.preview_dialog is not None and self.preview_dialog.is_busy())
        )

    def update(self, number: str | None, numbers: Sequence[str]) -> None:
        """The selected document's number (None for none or a draft), and all of them."""
        self._number, self._numbers = number, [n for n in numbers if n]
        self.save_button.setEnabled(self.may_print and number is not None and not self._saving.busy)
        self.preview_button.setEnabled(
            self.may_print and number is not None and not self._previewing.busy
        )
        if self.export_button is not None:
            self.export_button.setEnabled(self.may_print and bool(self._numbers))

    def save_pdf(self, path: str | None = None) -> None:
        """Save the selected document as PDF (asking where, unless given)."""
        number = self._number
        if number is None or not self.may_print:
            return
        if path is None:
            path, _kind = QFileDialog.getSaveFileName(
                self._page,
                translate("PdfExport", "Save {number} as PDF").format(number=number),
                f"{number}.pdf",
                translate("PdfExport", "PDF files (*.pdf)"),
            )
            if not path:
                return
        session, render, target = self._session, self._render, str(path)
        self._saving.run(
            lambda: write_pdf(session, render, number, target),
            lambda written: self.status_message.emit(
                translate("PdfExport", "{number} saved as {path}.").format(
                    number=number, path=written
                )
            ),
            lambda error: show_error(
                self._page,
                translate("PdfExport", "{number} could not be saved as PDF").format(number=number),
                error,
            ),
        )

    def preview(self) -> None:
        """Make the selected document's PDF in the background, then show it."""
        number = self._number
        if number is None or not self.may_print:
            return
        session, render = self._session, self._render
        self._previewing.run(
            lambda: render(session, number),
            lambda content: self._show_preview(number, content),
            lambda error: show_error(
                self._page,
                translate("PdfExport", "{number} could not be shown").format(number=number),
                error,
            ),
        )

    def _show_preview(self, number: str, content: bytes) -> None:
        dialog = PdfPreviewDialog(number, f"{number}.pdf", content, self._tasks, self._page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.printed.connect(
            lambda done: (
                done
                and self.status_message.emit(
                    translate("PdfExport", "{number} sent to the printer.").format(number=number)
                )
            )
        )
        dialog.destroyed.connect(self._preview_gone)
        self.preview_dialog = dialog
        dialog.open()

    def _preview_gone(self) -> None:
        self.preview_dialog = None

    def export_all(self, folder: str | None = None) -> PdfExportDialog | None:
        """Save every numbered document shown into a folder (asking which, unless given)."""
        if not self._numbers or not self.may_print:
            return None
        if folder is None:
            folder = QFileDialog.getExistingDirectory(
                self._page, translate("PdfExport", "Save the invoices as PDF into")
            )
            if not folder:
                return None
        dialog = PdfExportDialog(self._session, self._tasks, self._numbers, folder, self._page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.completed.connect(
            lambda written: self.status_message.emit(
                translate("PdfExport", "{count} PDF files written in {folder}.").format(
                    count=len(written), folder=folder
                )
            )
        )
        dialog.destroyed.connect(self._dialog_gone)
        self.export_dialog = dialog
        dialog.open()
        dialog.start()
        return dialog

    def _dialog_gone(self) -> None:
        self.export_dialog = None
