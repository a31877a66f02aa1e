"""Invoices, credit notes and quotes as PDF: read what the document says in a short
transaction, then render it outside of it through the `DocumentRenderer` port.

Printing needs the permissions to read and to print quotes and invoices (a billing
clerk or an Administrator). A draft invoice is not printed: it has no number yet
(R19), and a PDF of it could be taken for an invoice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from desktop_admin.domain.errors import InvalidInput, Problem, RuleViolation
from desktop_admin.domain.invoicing import Invoice, InvoiceStatus, Payment
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.files import write_atomically
from desktop_admin.services.context import Context
from desktop_admin.services.payments import find_invoice
from desktop_admin.services.ports import UnitOfWork

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


def _require_print(actor: Operator) -> None:
    actor.require(Permission.READ_BILLING)
    actor.require(Permission.PRINT_DOCUMENTS)


def _printable_invoice(
    uow: UnitOfWork, reference: str
) -> tuple[Invoice, list[Payment], str | None]:
    """The invoice, its payments and, for a credit note, the credited invoice's number;
    read inside the caller's transaction."""
    invoice = find_invoice(uow, reference)
    if invoice.status is InvoiceStatus.DRAFT or invoice.number is None:
        raise RuleViolation(
            "R19",
            "a draft invoice has no number yet and is not printed; "
            "issue it first (invoice issue, or the day's billing run)",
        )
    payments = uow.payments.for_invoice(invoice.id) if invoice.id is not None else []
    credited = None
    if invoice.credited_invoice_id is not None:
        credited = uow.invoices.get(invoice.credited_invoice_id).number
    return invoice, payments, credited


def invoice_pdf(ctx: Context, reference: str) -> bytes:
    """An issued invoice or credit note, by id or number, as PDF bytes."""
    _require_print(ctx.actor)
    with ctx.new_uow() as uow:
        invoice, payments, credited = _printable_invoice(uow, reference)
    return ctx.document_renderer().invoice(invoice, payments, credited)


def quote_pdf(ctx: Context, reference: str) -> bytes:
    """A quote, by id or number, as PDF bytes, with its status of today (a quote past
    its validity prints as expired)."""
    _require_print(ctx.actor)
    with ctx.new_uow() as uow:
        quote = uow.quotes.get(reference)
    return ctx.document_renderer().quote(replace(quote, status=quote.status_on(ctx.today)))


def _write(folder: Path, number: str, content: bytes) -> Path:
    """`<number>.pdf` in `folder`, written whole or not at all."""
    if Path(number).name != number:
        raise InvalidInput("Not a file name.", [Problem(f"{number!r}", field="number")])
    target = folder / f"{number}.pdf"
    try:
        write_atomically(target, content)
    except OSError as error:
        raise InvalidInput(
            f"{target} could not be written.", [Problem(str(error), field="folder")]
        ) from None
    return target


def export_invoice_pdfs(
    ctx: Context,
    references: Iterable[str],
    *,
    folder: Path | str,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> list[Path]:
    """Write `<number>.pdf` into `folder` (created if missing) for each invoice or
    credit note, one by one, each read in its own short transaction.

    `progress(done, total)` is called after each file; when `cancelled()` is true
    (asked before each file) the export stops and returns the files written so far.
    An unknown reference or a draft stops the export with its error; the files
    already written stay in place.
    """
    _require_print(ctx.actor)
    renderer, wanted, target = ctx.document_renderer(), list(references), Path(folder)
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InvalidInput(
            "The folder cannot be written.", [Problem(str(error), field="folder")]
        ) from None
    written: list[Path] = []
    for reference in wanted:
        if cancelled is not None and cancelled():
            break
        with ctx.new_uow() as uow:
            invoice, payments, credited = _printable_invoice(uow, reference)
        assert invoice.number is not None
        written.append(
            _write(target, invoice.number, renderer.invoice(invoice, payments, credited))
        )
        if progress is not None:
            progress(len(written), len(wanted))
    return written
