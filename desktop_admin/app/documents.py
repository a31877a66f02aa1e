"""`session.documents`: quotes, invoices and credit notes as PDF."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from desktop_admin.app.areas import Area
from desktop_admin.services import documents_pdf


class DocumentsArea(Area):
    def invoice_pdf(self, reference: str) -> bytes:
        """An issued invoice or credit note (id or number) as PDF bytes."""
        c = self._ctx
        return documents_pdf.invoice_pdf(c.new_uow(), c.document_renderer(), c.actor, reference)

    def quote_pdf(self, reference: str) -> bytes:
        """A quote (id or number) as PDF bytes, with its status of today."""
        c = self._ctx
        return documents_pdf.quote_pdf(
            c.new_uow(), c.document_renderer(), c.actor, reference, c.today
        )

    def export_invoice_pdfs(
        self,
        references: Sequence[str],
        *,
        folder: Path | str,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Path]:
        """`<number>.pdf` for each invoice into `folder`; `progress(done, total)` after
        each; stops when `cancelled()` is true and returns the files written."""
        c = self._ctx
        return documents_pdf.export_invoice_pdfs(
            c.new_uow(), c.document_renderer(), c.actor, references, folder, progress, cancelled
        )
