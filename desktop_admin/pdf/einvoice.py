"""Invoices and credit notes as e-invoices: the printed PDF with its Factur-X
(EN 16931) XML attached as `factur-x.xml`, which the buyer's software reads instead
of the page.

The XML is checked against the Factur-X EN 16931 schema before it is attached; an
XML the schema refuses is a bug in `cii`, so it raises `FacturXError` instead of
being attached.
"""

from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO

import facturx
from pypdf import PdfReader

from desktop_admin.pdf.cii import invoice_xml
from desktop_admin.pdf.document import PrintedDocument
from desktop_admin.pdf.pdfa import archival

FLAVOR, LEVEL = "factur-x", "en16931"
#: The natural language of the page.
LANGUAGE = "en"


class FacturXError(RuntimeError):
    """The Factur-X XML of a document is not valid: a bug, never attached."""


def checked_xml(doc: PrintedDocument, payment_kind: str) -> bytes:
    """The document's CII XML, valid against the Factur-X EN 16931 schema (XSD)."""
    xml = invoice_xml(doc, payment_kind)
    try:
        facturx.xml_check_xsd(xml, flavor=FLAVOR, level=LEVEL)
    except Exception as error:  # the library raises a bare Exception
        raise FacturXError(f"{doc.title} {doc.reference}: {error}") from error
    return xml


def _information(pdf: bytes) -> dict[str, str]:
    """Title, author, subject and keywords as the page's PDF states them, for
    factur-x, which otherwise writes its own."""
    info: Mapping[str, object] = PdfReader(BytesIO(pdf)).metadata or {}
    keys = ("title", "author", "subject", "keywords")
    return {key: str(info.get(f"/{key.capitalize()}", "")) for key in keys}


def facturx_pdf(pdf: bytes, doc: PrintedDocument, payment_kind: str, creator: str) -> bytes:
    """The printed `pdf` of an issued invoice or credit note, with its Factur-X XML
    attached (the XML an alternative form of the invoice), PDF/A-3B metadata and an
    sRGB output intent. The pages are unchanged."""
    xml = checked_xml(doc, payment_kind)
    try:
        attached = facturx.generate_from_binary(
            pdf,
            xml,
            flavor=FLAVOR,
            level=LEVEL,
            check_xsd=True,
            pdf_metadata=_information(pdf),
            lang=LANGUAGE,
            afrelationship="alternative",
            xmp_compression=False,  # PDF/A wants the XMP readable as is
        )
    except Exception as error:
        raise FacturXError(f"{doc.title} {doc.reference}: {error}") from error
    return archival(attached, creator)
