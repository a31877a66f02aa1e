"""The page's blocks as reportlab platypus flowables, from a `PrintedDocument`.

Top: the seller (left) and the document's title and facts (right); then the buyer
and the payment terms; the lines table, whose header row repeats on every page;
the VAT per rate and the totals, kept together; the VAT note and other notes.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from desktop_admin.domain.invoicing import Party
from desktop_admin.pdf.document import (
    METHODS,
    PrintedDocument,
    printed_period,
    vat_rate_text,
)
from desktop_admin.pdf.fonts import Typeface

PAGE = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 16 * mm
MARGIN_BOTTOM = 20 * mm  # room for the footer
WIDTH = PAGE[0] - 2 * MARGIN_X

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
RULE = colors.HexColor("#cbd2d9")
SHADE = colors.HexColor("#f0f3f6")
ACCENT = colors.HexColor("#1d4e89")

#: Lines table: description, period, quantity, unit price, amount (sums to WIDTH).
COLUMNS = (WIDTH - 104 * mm, 44 * mm, 14 * mm, 23 * mm, 23 * mm)


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    name: ParagraphStyle
    title: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    head: ParagraphStyle
    head_right: ParagraphStyle
    note: ParagraphStyle

    @classmethod
    def of(cls, face: Typeface) -> Styles:
        body = ParagraphStyle("body", fontName=face.regular, fontSize=9, leading=12, textColor=INK)
        small = ParagraphStyle("small", body, fontSize=8, leading=10)
        cell = ParagraphStyle("cell", body, fontSize=8.5, leading=10.5)
        head = ParagraphStyle("head", cell, fontName=face.bold, textColor=colors.white)
        return cls(
            body=body,
            small=small,
            label=ParagraphStyle("label", small, textColor=MUTED),
            name=ParagraphStyle("name", body, fontName=face.bold, fontSize=12, leading=15),
            title=ParagraphStyle(
                "title",
                body,
                fontName=face.bold,
                fontSize=20,
                leading=24,
                alignment=TA_RIGHT,
                textColor=ACCENT,
            ),
            cell=cell,
            cell_right=ParagraphStyle("cell_right", cell, alignment=TA_RIGHT),
            head=head,
            head_right=ParagraphStyle("head_right", head, alignment=TA_RIGHT),
            note=ParagraphStyle("note", body, fontSize=8.5, leading=11),
        )


def _text(value: object) -> str:
    """Text made safe for a Paragraph's mini-markup (`&`, `<`, `>`)."""
    return escape(str(value))


def _party_lines(party: Party) -> list[str]:
    """Address lines (as written, one per line or comma-separated kept as is), the
    country, the VAT number and the e-mail, each escaped."""
    lines = [line.strip() for line in (party.address or "").splitlines() if line.strip()]
    lines.append(party.country)
    if party.vat_number:
        lines.append(f"VAT number: {party.vat_number}")
    if party.email:
        lines.append(party.email)
    return [_text(line) for line in lines]


def _party(party: Party, styles: Styles, heading: str | None = None) -> list[Any]:
    block: list[Any] = []
    if heading:
        block.append(Paragraph(_text(heading.upper()), styles.label))
    block.append(Paragraph(_text(party.name), styles.name))
    block.append(Paragraph("<br/>".join(_party_lines(party)), styles.body))
    return block


def _facts(doc: PrintedDocument, styles: Styles) -> Table:
    rows = [
        [Paragraph(_text(label), styles.label), Paragraph(_text(value), styles.cell_right)]
        for label, value in doc.dates
    ]
    table = Table(rows, colWidths=(28 * mm, 44 * mm), hAlign="RIGHT")
    table.setStyle(
        _grid(
            styles,
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
            ],
        )
    )
    return table


def _grid(styles: Styles, commands: list[tuple[Any, ...]]) -> TableStyle:
    """A table's style; its font is the document's (a table otherwise names Helvetica
    in the PDF, unembedded, even when every cell is a paragraph)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), styles.body.fontName), *commands])


def _two_columns(styles: Styles, left: list[Any], right: list[Any], split: float = 0.55) -> Table:
    table = Table([[left, right]], colWidths=(WIDTH * split, WIDTH * (1 - split)))
    table.setStyle(
        _grid(
            styles,
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (-1, 0), (-1, -1), "RIGHT"),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
                ("RIGHTPADDING", (-1, 0), (-1, -1), 0),
            ],
        )
    )
    return table


def header(doc: PrintedDocument, styles: Styles) -> list[Any]:
    """Seller on the left; title and number, dates and status on the right."""
    right = [Paragraph(_text(doc.title), styles.title), Spacer(1, 3 * mm), _facts(doc, styles)]
    return [_two_columns(styles, _party(doc.seller, styles), right), Spacer(1, 8 * mm)]


def parties(doc: PrintedDocument, styles: Styles) -> list[Any]:
    """The buyer, boxed; the payment terms beside it."""
    heading = {"credit_note": "Credit to", "quote": "Quote for"}.get(doc.kind, "Bill to")
    buyer = Table([[_party(doc.buyer, styles, heading)]], colWidths=(WIDTH * 0.55 - 4 * mm,))
    buyer.setStyle(
        _grid(
            styles,
            [
                ("BOX", (0, 0), (-1, -1), 0.6, RULE),
                ("BACKGROUND", (0, 0), (-1, -1), SHADE),
                ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm),
            ],
        )
    )
    terms = [
        Spacer(1, 2.5 * mm),  # level with the heading inside the buyer's box
        Paragraph("PAYMENT" if doc.kind != "quote" else "VALIDITY", styles.label),
        Paragraph(_text(doc.payment_terms), styles.body),
    ]
    caption = Paragraph(
        f"Amounts in {_text(doc.currency.code)}",
        ParagraphStyle("caption", styles.label, alignment=TA_RIGHT),
    )
    return [_two_columns(styles, [buyer], terms), Spacer(1, 7 * mm), caption, Spacer(1, 1 * mm)]


def lines_table(doc: PrintedDocument, styles: Styles) -> Table:
    """One row per line; the header row repeats when the table flows onto a new page."""
    rows: list[list[Any]] = [
        [
            Paragraph("Description", styles.head),
            Paragraph("Period", styles.head),
            Paragraph("Qty", styles.head_right),
            Paragraph("Unit price", styles.head_right),
            Paragraph("Amount", styles.head_right),
        ]
    ]
    for line in doc.lines:
        rows.append(
            [
                Paragraph(_text(line.description), styles.cell),
                Paragraph(_text(printed_period(line.period)), styles.cell),
                Paragraph(str(line.quantity), styles.cell_right),
                Paragraph(_text(doc.unit_price(line.unit_price)), styles.cell_right),
                Paragraph(_text(doc.money(line.amount)), styles.cell_right),
            ]
        )
    table = Table(rows, colWidths=COLUMNS, repeatRows=1)
    commands: list[tuple[Any, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
    ]
    commands += [("BACKGROUND", (0, r), (-1, r), SHADE) for r in range(2, len(rows), 2)]
    table.setStyle(_grid(styles, commands))
    return table


def totals(doc: PrintedDocument, styles: Styles) -> Table:
    """Net, VAT per rate (on its base), total; then payments received and the balance."""
    bold = ParagraphStyle("bold", styles.cell, fontName=styles.head.fontName)
    bold_right = ParagraphStyle("bold_right", bold, alignment=TA_RIGHT)
    sums = doc.totals
    rows: list[list[Any]] = [
        [Paragraph("Net total", styles.cell), Paragraph(doc.money(sums.net), styles.cell_right)]
    ]
    for subtotal in sums.vat_by_rate:
        label = f"VAT {vat_rate_text(subtotal.rate)} % on {doc.money(subtotal.base)}"
        rows.append(
            [
                Paragraph(_text(label), styles.cell),
                Paragraph(doc.money(subtotal.vat), styles.cell_right),
            ]
        )
    total_label = "Total credited" if doc.kind == "credit_note" else "Total"
    rows.append(
        [
            Paragraph(total_label, bold),
            Paragraph(_text(doc.money_with_symbol(sums.total)), bold_right),
        ]
    )
    total_row = len(rows) - 1
    for payment in doc.payments:
        method = METHODS.get(payment.method, payment.method)
        label = f"Paid on {payment.paid_on.isoformat()} by {method} ({payment.reference})"
        rows.append(
            [
                Paragraph(_text(label), styles.cell),
                Paragraph(doc.money(-payment.amount), styles.cell_right),
            ]
        )
    if doc.payments:
        rows.append(
            [
                Paragraph("Balance due", bold),
                Paragraph(_text(doc.money_with_symbol(doc.balance_due)), bold_right),
            ]
        )
    table = Table(rows, colWidths=(74 * mm, 30 * mm), hAlign="RIGHT")
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (-1, 0), (-1, -1), 6),
        ("LINEABOVE", (0, total_row), (-1, total_row), 0.8, INK),
        ("BACKGROUND", (0, total_row), (-1, total_row), SHADE),
    ]
    if doc.payments:
        commands.append(("LINEABOVE", (0, -1), (-1, -1), 0.8, INK))
    table.setStyle(_grid(styles, commands))
    return table


def notes(doc: PrintedDocument, styles: Styles) -> list[Any]:
    """The VAT note (reverse charge, outside the EU) boxed, then the other notes."""
    blocks: list[Any] = []
    if doc.vat_note:
        box = Table([[Paragraph(_text(doc.vat_note), styles.note)]], colWidths=(WIDTH,))
        box.setStyle(
            _grid(
                styles,
                [
                    ("BOX", (0, 0), (-1, -1), 0.6, ACCENT),
                    ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
                ],
            )
        )
        blocks += [box, Spacer(1, 3 * mm)]
    blocks += [Paragraph(_text(note), styles.note) for note in doc.notes]
    return blocks


def story(doc: PrintedDocument, styles: Styles) -> list[Any]:
    """Every flowable of the document, in order."""
    return [
        *header(doc, styles),
        *parties(doc, styles),
        lines_table(doc, styles),
        Spacer(1, 5 * mm),
        KeepTogether([totals(doc, styles), Spacer(1, 6 * mm), *notes(doc, styles)]),
    ]
