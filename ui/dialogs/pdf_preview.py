"""A document's PDF in the window: previewed page by page, printed, or saved.

The PDF is made in the background (`OperatorSession.invoice_pdf`/`quote_pdf`); the
dialog opens once it arrives. Printing renders the pages to images in the background
too (a `QPdfDocument` of the worker's own, created and dropped there), then paints them
on the printer: the window never waits on a PDF (architecture rule 6).

`QPdfDocument.render()` gives pages with a transparent background: they are painted
on white.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.feedback import show_error
from ui.formatting import counted
from ui.i18n import translate
from ui.tasks import BackgroundTasks, TaskControl
from ui.widgets.basics import muted

#: Dots per inch of the page images sent to a printer.
PRINT_DPI = 300


def page_images(content: bytes, dpi: int, control: TaskControl | None = None) -> list[QImage]:
    """Every page of the PDF as an image at `dpi`, on white (runs in the background)."""
    document = QPdfDocument()
    buffer = QBuffer()
    buffer.setData(QByteArray(content))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise ValueError(f"the PDF could not be read ({document.error().name})")
    images = []
    for page in range(document.pageCount()):
        if control is not None:
            control.check()
        points = document.pagePointSize(page)
        size = QSize(round(points.width() * dpi / 72), round(points.height() * dpi / 72))
        rendered = document.render(page, size)
        image = QImage(size, QImage.Format.Format_RGB32)
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.drawImage(0, 0, rendered)
        painter.end()
        images.append(image)
        if control is not None:
            control.report(page + 1, document.pageCount())
    document.close()
    return images


def print_images(printer: QPrinter, images: list[QImage]) -> None:
    """Paint the page images on the printer, each scaled to the printable area."""
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError("the printer could not be started")
    try:
        for number, image in enumerate(images):
            if number:
                printer.newPage()
            area = painter.viewport()
            size = image.size().scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(area.x(), area.y(), size.width(), size.height())
            painter.setViewport(target)
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(area)
    finally:
        painter.end()


class PdfPreviewDialog(QDialog):
    """One document's PDF: its pages, Print… and Save as…."""

    #: The document was printed (True) or the printing failed/was given up (False).
    printed = Signal(bool)

    def __init__(
        self,
        title: str,
        file_name: str,
        content: bytes,
        tasks: BackgroundTasks,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pdf_preview")
        self.setWindowTitle(title)
        self.resize(760, 900)
        self.content, self.file_name = content, file_name
        self._printing = tasks.channel(self)
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(content))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document = QPdfDocument(self)
        self.document.load(self._buffer)
        self.view = QPdfView(self)
        self.view.setObjectName("pdf_view")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        pages = self.document.pageCount()
        self.pages_label = muted(
            QLabel(
                counted(
                    pages,
                    translate("PdfPreview", "{count} page"),
                    translate("PdfPreview", "{count} pages"),
                )
            )
        )
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.print_button: QPushButton = self.buttons.addButton(
            translate("PdfPreview", "&Print…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.setObjectName("print_pdf")
        self.save_button: QPushButton = self.buttons.addButton(
            translate("PdfPreview", "&Save as…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.save_button.setObjectName("save_previewed_pdf")
        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_button.clicked.connect(lambda: self.save_as())
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.pages_label)
        layout.addWidget(self.buttons)

    def is_busy(self) -> bool:
        return self._printing.busy

    def print_document(self, printer: QPrinter | None = None) -> None:
        """Ask for a printer (unless given), render the pages in the background, print."""
        if self._printing.busy:
            return
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setDocName(self.file_name)
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        chosen = printer
        content = self.content
        self.print_button.setEnabled(False)
        self._printing.run_controlled(
            lambda control: page_images(content, PRINT_DPI, control),
            lambda images: self._print(chosen, images),
            self._print_failed,
        )

    def _print(self, printer: QPrinter, images: list[QImage]) -> None:
        self.print_button.setEnabled(True)
        try:
            print_images(printer, images)
        except OSError as error:
            self._print_failed(error)
            return
        self.printed.emit(True)

    def _print_failed(self, error: Exception) -> None:
        self.print_button.setEnabled(True)
        show_error(self, translate("PdfPreview", "The document could not be printed"), error)
        self.printed.emit(False)

    def save_as(self, path: str | None = None) -> None:
        if path is None:
            path, _kind = QFileDialog.getSaveFileName(
                self,
                translate("PdfPreview", "Save as PDF"),
                self.file_name,
                translate("PdfPreview", "PDF files (*.pdf)"),
            )
            if not path:
                return
        try:
            Path(path).write_bytes(self.content)
        except OSError as error:
            show_error(self, translate("PdfPreview", "The PDF could not be saved"), error)

    def reject(self) -> None:
        self._printing.cancel()
        super().reject()
