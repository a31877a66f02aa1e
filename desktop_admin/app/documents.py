"""`session.documents`: quotes, invoices and credit notes as PDF."""

from __future__ import annotations

from desktop_admin.app.areas import Area, reads
from desktop_admin.services import documents_pdf


class DocumentsArea(Area):
    invoice_pdf = reads(documents_pdf.invoice_pdf)
    quote_pdf = reads(documents_pdf.quote_pdf)
    export_invoice_pdfs = reads(documents_pdf.export_invoice_pdfs)
