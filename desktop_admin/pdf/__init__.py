"""PDF documents: invoices, credit notes and quotes drawn with reportlab.

An adapter: it imports the domain only, is given domain objects and never queries
anything. `PrintedDocument` holds what a document says, ready for other outputs
(an embedded Factur-X description, a preview).
"""

from desktop_admin.pdf.document import PrintedDocument, invoice_document, quote_document
from desktop_admin.pdf.render import ReportlabRenderer, render, render_invoice, render_quote

__all__ = [
    "PrintedDocument",
    "ReportlabRenderer",
    "invoice_document",
    "quote_document",
    "render",
    "render_invoice",
    "render_quote",
]
