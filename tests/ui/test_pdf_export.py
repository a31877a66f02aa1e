"""Invoices and quotes saved as PDF from their pages: one document where the operator
says, or all of an account's invoices into a folder with progress and Cancel. The files
are real PDFs, read back with pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.changes import ChangeRequest
from ui.dialogs.pdf_export import PdfExportDialog
from ui.dialogs.pdf_preview import page_images
from ui.feedback import ERROR_BOX
from ui.pages.documents import InvoicesPage, QuotesPage
from ui.tasks import BackgroundTasks

from .test_documents_page import student_id
from .test_inventory import open_page, settle


def text_of(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture
def invoiced(admin_session: OperatorSession) -> int:
    """The student's account with three invoices: the purchase and two accepted quotes."""
    account_id = student_id(admin_session)
    sub = admin_session.subscriptions.of_account(account_id)[0].id or 0
    for seats in ({"named-user": 2}, {"named-user": 3}):
        quote = admin_session.billing.quote_change(sub, ChangeRequest(seats=seats)).value
        admin_session.billing.accept_quote(quote.number or "")
    assert len(admin_session.billing.invoices(account_id)) == 3
    return account_id


@pytest.fixture
def page(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, invoiced: int
) -> InvoicesPage:
    """The invoices page showing the account with three invoices."""
    shown = open_page(qtbot, admin_session, tasks, InvoicesPage)
    shown.select_account(invoiced)
    settle(qtbot, tasks, shown)
    return shown


def test_the_selected_invoice_is_saved_as_a_pdf(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    invoiced: int,
    page: InvoicesPage,
    tmp_path: Path,
) -> None:
    assert not page.pdf.save_button.isEnabled()  # nothing selected yet
    assert page.pdf.export_button is not None and page.pdf.export_button.isEnabled()
    invoice = admin_session.billing.invoices(invoiced)[0]
    page.select_number(invoice.number or "")
    assert page.pdf.save_button.isEnabled()

    target = tmp_path / "chosen name.pdf"
    page.pdf.save_pdf(str(target))
    settle(qtbot, tasks, page)

    text = text_of(target)
    assert invoice.number in text
    assert f"{invoice.totals.total:.2f}" in text


def test_all_the_invoices_are_saved_into_a_folder_with_progress(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    invoiced: int,
    page: InvoicesPage,
    tmp_path: Path,
) -> None:
    numbers = sorted(i.number or "" for i in admin_session.billing.invoices(invoiced))

    dialog = page.pdf.export_all(str(tmp_path / "pdfs"))
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20_000)

    assert sorted(p.name for p in (tmp_path / "pdfs").iterdir()) == [f"{n}.pdf" for n in numbers]
    for number in numbers:
        assert number in text_of(tmp_path / "pdfs" / f"{number}.pdf")
    assert dialog.progress.value() == dialog.progress.maximum() == 3
    assert dialog.status.text() == f"3 PDF files written in {tmp_path / 'pdfs'}."
    assert dialog.close_button.isEnabled() and not dialog.cancel_button.isEnabled()
    dialog.accept()
    settle(qtbot, tasks, page)


def test_cancel_stops_between_documents_and_keeps_what_was_written(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    invoiced: int,
    page: InvoicesPage,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "stopped"

    dialog = page.pdf.export_all(str(folder))
    assert dialog is not None
    assert dialog.is_running()
    dialog.reject()  # Escape while writing: stops, the dialog stays
    assert dialog.isVisible() and not dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20_000)

    written = dialog.written or []
    assert len(written) < 3
    on_disk = sorted(folder.iterdir()) if folder.exists() else []
    assert sorted(written) == on_disk
    assert dialog.status.text() == f"Stopped: {len(written)} of 3 written, in {folder}."
    dialog.accept()
    settle(qtbot, tasks, page)


def test_a_quote_is_saved_as_a_pdf(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, tmp_path: Path
) -> None:
    account_id = student_id(admin_session)
    sub = admin_session.subscriptions.of_account(account_id)[0].id or 0
    quote = admin_session.billing.quote_change(sub, ChangeRequest(seats={"named-user": 4})).value
    page = open_page(qtbot, admin_session, tasks, QuotesPage)
    page.select_account(account_id)
    settle(qtbot, tasks, page)
    assert page.pdf.export_button is None
    page.select_number(quote.number or "")
    assert page.pdf.save_button.isEnabled()

    page.pdf.save_pdf(str(tmp_path / "quote.pdf"))
    settle(qtbot, tasks, page)
    assert quote.number in text_of(tmp_path / "quote.pdf")
    assert page.window().isVisible()


def dark_share(image: QImage) -> float:
    """The share of sampled pixels that are dark (text), from 0 to 1."""
    dark = total = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            total += 1
            dark += QColor(image.pixel(x, y)).lightness() < 128
    return dark / max(total, 1)


def test_the_preview_shows_the_pages_and_prints_them(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    invoiced: int,
    page: InvoicesPage,
    tmp_path: Path,
) -> None:
    invoice = admin_session.billing.invoices(invoiced)[0]
    page.select_number(invoice.number or "")
    assert page.pdf.preview_button.isEnabled()

    page.pdf.preview()
    qtbot.waitUntil(lambda: page.pdf.preview_dialog is not None)
    dialog = page.pdf.preview_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == invoice.number
    assert dialog.document.status() == QPdfDocument.Status.Ready
    assert dialog.document.pageCount() == 1
    assert dialog.pages_label.text() == "1 page"
    qtbot.waitUntil(lambda: dark_share(dialog.view.grab().toImage()) > 0.002)

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    with qtbot.waitSignal(dialog.printed, timeout=20_000) as printed:
        dialog.print_document(printer)
    assert printed.args == [True]
    reader = PdfReader(tmp_path / "printed.pdf")
    assert len(reader.pages) == 1
    images = list(reader.pages[0].images)
    assert len(images) == 1  # the page, as printed: an image on white
    dialog.save_as(str(tmp_path / "again.pdf"))
    assert (tmp_path / "again.pdf").read_bytes() == dialog.content
    dialog.reject()
    settle(qtbot, tasks, page)


def test_page_images_are_on_white_at_the_asked_resolution(
    admin_session: OperatorSession, invoiced: int
) -> None:
    invoice = admin_session.billing.invoices(invoiced)[0]
    (image,) = page_images(admin_session.documents.invoice_pdf(invoice.number or ""), 72)
    assert (image.width(), image.height()) == (595, 842)  # A4 in points
    assert QColor(image.pixel(2, 2)).name() == "#ffffff"  # not transparent black
    assert 0.002 < dark_share(image) < 0.3


def test_an_error_part_way_says_how_many_files_were_written(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    invoiced: int,
    page: InvoicesPage,
    tmp_path: Path,
) -> None:
    first, second, _third = sorted(i.number or "" for i in admin_session.billing.invoices(invoiced))
    folder = tmp_path / "partial"
    dialog = PdfExportDialog(admin_session, tasks, [first, "INV-2099-999999", second], str(folder))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start()
    qtbot.waitUntil(lambda: dialog.findChild(QMessageBox, ERROR_BOX) is not None)

    box = dialog.findChild(QMessageBox, ERROR_BOX)
    assert isinstance(box, QMessageBox)
    assert "INV-2099-999999" in box.informativeText()
    assert dialog.status.text() == "The export stopped on an error after 1 of 3 files."
    assert [p.name for p in folder.iterdir()] == [f"{first}.pdf"]
    assert dialog.close_button.isEnabled()
    box.close()


def test_an_export_stops_when_its_dialog_goes_with_the_window(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    invoiced: int,
    page: InvoicesPage,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "closed"
    dialog = page.pdf.export_all(str(folder))
    assert dialog is not None and dialog.is_running()
    gone: list[bool] = []
    dialog.destroyed.connect(lambda: gone.append(True))
    dialog.deleteLater()  # as when its window goes
    qtbot.waitUntil(lambda: bool(gone))
    qtbot.waitUntil(lambda: not tasks.busy, timeout=20_000)
    written = list(folder.iterdir()) if folder.exists() else []
    assert len(written) < 3
