"""Invoices, credit notes and quotes rendered to real PDFs and read back with pypdf
(R19, R20; R04 quote requests): what is printed is what the domain computed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.invoicing import (
    DocumentKind,
    Invoice,
    InvoiceLine,
    InvoiceReason,
    InvoiceStatus,
    LineKind,
    Party,
    Payment,
    with_vat,
)
from desktop_admin.domain.lifecycle import QuoteStatus
from desktop_admin.domain.money import Currency
from desktop_admin.domain.periods import Cycle, Period
from desktop_admin.domain.quotes import Quote, QuoteKind
from desktop_admin.domain.vat import vat_treatment
from desktop_admin.pdf import ReportlabRenderer, render_invoice, render_quote
from desktop_admin.pdf.fonts import typeface
from desktop_admin.security import Argon2Hasher
from desktop_admin.services.purchases import Order
from tests.conftest import CATALOG_TEXT

D = Decimal
EUR = Currency.of("EUR")
ISSUED = date(2026, 3, 15)
YEAR = Period(date(2026, 3, 15), date(2027, 3, 15))
SELLER = Party(
    "Seat Desk SAS",
    "FR",
    "FR40303265045",
    "1 rue de la Paix\n75002 Paris",
    "billing@seatdesk.example",
)
FRENCH_BUYER = Party("Atelier Élodie Crémieux", "FR", None, "12 quai des Brumes, Nantes")
GERMAN_BUSINESS = Party(
    "Bäckerei Müller & Söhne <GmbH>", "DE", "DE123456789", "Hauptstraße 5\n10115 Berlin"
)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def flat(text: str) -> str:
    """The text with its line breaks and runs of spaces made single spaces."""
    return re.sub(r"\s+", " ", text)


def line(
    description: str,
    quantity: int,
    unit_price: str,
    period: Period = YEAR,
    kind: LineKind = LineKind.ROLE,
) -> InvoiceLine:
    price = D(unit_price)
    return InvoiceLine(description, period, quantity, price, EUR.round(price * quantity), kind)


def invoice(
    lines: list[InvoiceLine],
    buyer: Party = FRENCH_BUYER,
    number: str | None = "INV-2026-000007",
    payment_kind: str = "transfer",
    status: InvoiceStatus = InvoiceStatus.OPEN,
) -> Invoice:
    """An invoice as the services issue one: the buyer's VAT treatment on every line."""
    vat = vat_treatment(SELLER.country, buyer.country, buyer.vat_number)
    return Invoice(
        kind=DocumentKind.INVOICE,
        reason=InvoiceReason.PURCHASE,
        account_id=1,
        subscription_id=1,
        issue_date=ISSUED,
        due_date=date(2026, 4, 14) if payment_kind == "transfer" else ISSUED,
        currency="EUR",
        lines=tuple(with_vat(lines, vat.rate)),
        payment_kind=payment_kind,
        seller=SELLER,
        buyer=buyer,
        vat_note=vat.note,
        status=status,
        number=number if status is not InvoiceStatus.DRAFT else None,
        id=7,
    )


def credit_note_of(original: Invoice) -> Invoice:
    """Every line negated, as a refund (R16) makes it."""
    lines = tuple(
        replace(
            ln,
            description=f"Refund: {ln.description}",
            kind=LineKind.REFUND,
            unit_price=-ln.unit_price,
            amount=-ln.amount,
        )
        for ln in original.lines
    )
    return replace(
        original,
        kind=DocumentKind.CREDIT_NOTE,
        reason=InvoiceReason.REFUND,
        lines=lines,
        due_date=original.issue_date,
        credited_invoice_id=original.id,
        number="CN-2026-000002",
        id=8,
    )


PURCHASE = [
    line("Named user (yearly, per seat)", 12, "100.00"),
    line("Designer (yearly, per seat)", 3, "490.00"),
    line("Storage 100 GB (yearly, per unit)", 2, "50.00", kind=LineKind.ADDON),
    line(
        "Named user: 2 more seats prorated",
        2,
        "80.1234",
        Period(date(2026, 5, 24), date(2027, 3, 15)),
        LineKind.PRORATION,
    ),
]


def assert_amounts_printed(document: Invoice | Quote, text: str) -> None:
    """Each line's amount, the net, each VAT rate's base and VAT, and the total, as
    `Currency.format` writes them, in the order of the page."""
    sums = document.totals
    expected = [EUR.format(ln.amount) for ln in document.lines] + [EUR.format(sums.net)]
    for subtotal in sums.vat_by_rate:
        rate = format(subtotal.rate.normalize(), "f")
        expected += [f"VAT {rate} % on {EUR.format(subtotal.base)}", EUR.format(subtotal.vat)]
    expected.append(f"{EUR.format(sums.total)} €")
    position = 0
    page = flat(text)
    for fragment in expected:
        found = page.find(fragment, position)
        assert found >= 0, f"{fragment!r} not printed after position {position}"
        position = found + len(fragment)


def test_an_invoice_prints_both_parties_every_line_its_vat_and_total() -> None:
    issued = invoice(PURCHASE)
    # 1200.00 + 1470.00 + 100.00 + 160.25 (2 x 80.1234, rounded once) = 2930.25; VAT 20 %
    assert issued.totals.total == D("3516.30")
    content = render_invoice(issued)
    text = pdf_text(content)

    assert_amounts_printed(issued, text)
    page = flat(text)
    for fragment in (
        "Invoice",
        "INV-2026-000007",
        "Issue date 2026-03-15",
        "Due date 2026-04-14",
        "Status Open",
        "Seat Desk SAS",
        "VAT number: FR40303265045",
        "75002 Paris",
        "Atelier Élodie Crémieux",
        "12 quai des Brumes, Nantes",
        "Named user: 2 more seats prorated",
        "2026-05-24 – 2027-03-14",  # the days covered, both inclusive
        "Payment by bank transfer within 30 days, by 2026-04-14.",
        "VAT 20 % on 2930.25 586.05",
        "80.1234 160.25",  # a prorated unit price keeps its decimals
        "Page 1 of 1",
    ):
        assert fragment in page, fragment
    assert "Reverse charge" not in page
    assert content.startswith(b"%PDF-")


def test_the_pdf_names_itself_and_its_seller() -> None:
    reader = PdfReader(BytesIO(render_invoice(invoice(PURCHASE))))
    metadata = reader.metadata
    assert metadata is not None
    assert metadata.title == "Invoice INV-2026-000007"
    assert metadata.author == "Seat Desk SAS"
    assert metadata.subject == "Invoice INV-2026-000007 for Atelier Élodie Crémieux"
    assert metadata.creator == "Seat Desk"
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(float(width)), round(float(height))) == (595, 842)  # A4


def test_the_font_is_embedded_and_draws_the_euro_sign() -> None:
    content = render_invoice(invoice(PURCHASE))
    fonts = PdfReader(BytesIO(content)).pages[0]["/Resources"]["/Font"]
    names = {str(font.get_object()["/BaseFont"]) for font in fonts.values()}
    if Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").is_file():
        assert typeface().regular == "SeatDesk-DejaVuSans"
        assert any("DejaVuSans" in name for name in names), names
    assert not any("Helvetica" in name for name in names), names
    assert "3516.30 €" in pdf_text(content)


def test_a_reverse_charge_invoice_to_an_eu_business_prints_the_note_and_no_vat() -> None:
    issued = invoice(PURCHASE[:2], buyer=GERMAN_BUSINESS, payment_kind="card")
    assert issued.totals.vat == 0 and issued.totals.total == D("2670.00")
    text = pdf_text(render_invoice(issued))

    assert_amounts_printed(issued, text)
    page = flat(text)
    assert "Bäckerei Müller & Söhne <GmbH>" in page  # escaped, not read as markup
    assert "VAT number: DE123456789" in page
    assert "Hauptstraße 5 10115 Berlin DE" in page
    assert "VAT 0 % on 2670.00 0.00" in page
    assert "Reverse charge: VAT due by the customer (Art. 196 Directive 2006/112/EC)" in page
    assert "Payment by card, due on receipt." in page


def test_a_credit_note_names_the_invoice_it_credits_and_prints_negative_amounts() -> None:
    original = invoice(PURCHASE)
    note = credit_note_of(original)
    assert note.totals.total == -original.totals.total
    content = ReportlabRenderer().invoice(note, (), "INV-2026-000007")
    text = pdf_text(content)

    assert_amounts_printed(note, text)
    page = flat(text)
    assert "Credit note" in page and "CN-2026-000002" in page
    assert "Credits invoice INV-2026-000007" in page
    assert "Refund: Designer (yearly, per seat)" in page and "-1470.00" in page
    assert "Total credited -3516.30 €" in page
    assert "The amount credited is refunded by bank transfer." in page
    metadata = PdfReader(BytesIO(content)).metadata
    assert metadata is not None and metadata.title == "Credit note CN-2026-000002"


def test_a_zero_rate_credit_note_prints_its_vat_as_zero_not_minus_zero() -> None:
    note = credit_note_of(invoice(PURCHASE[:1], buyer=GERMAN_BUSINESS))
    assert str(note.totals.vat_by_rate[0].vat) == "0.00"  # never a negative zero
    page = flat(pdf_text(render_invoice(note, (), "INV-2026-000007")))
    assert "VAT 0 % on -1200.00 0.00" in page and "-0.00" not in page


def test_payments_received_and_the_balance_due() -> None:
    issued = invoice(PURCHASE)
    payments = [
        Payment(7, "transfer", "VIR-2026-0412", D("1000.00"), date(2026, 3, 20), 1),
        Payment(7, "card", "tok_visa_4242", D("16.30"), date(2026, 3, 18), 2),
    ]
    page = flat(pdf_text(render_invoice(issued, payments)))
    # in the order they were received
    first = page.index("Paid on 2026-03-18 by card (tok_visa_4242) -16.30")
    second = page.index("Paid on 2026-03-20 by bank transfer (VIR-2026-0412) -1000.00")
    assert first < second
    assert "Balance due 2500.00 €" in page


def test_a_long_invoice_flows_onto_pages_that_repeat_the_header_and_are_numbered() -> None:
    lines = [
        line(
            f"Seat for project {n:03d}" + (" with a long name" * 4 if n % 9 == 0 else ""), n, "7.35"
        )
        for n in range(1, 121)
    ]
    issued = invoice(lines)
    reader = PdfReader(BytesIO(render_invoice(issued)))
    pages = [page.extract_text() for page in reader.pages]
    count = len(pages)

    assert count > 1
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {count}" in text
        assert "Description" in text and "Unit price" in text and "Amount" in text
        assert "INV-2026-000007" in text  # every page says which invoice it belongs to
    text = "\n".join(pages)
    assert_amounts_printed(issued, text)
    assert all(f"Seat for project {n:03d}" in text for n in range(1, 121))
    assert "Total" in pages[-1] and "Total" not in flat(pages[0]).replace("Total credited", "")


def test_a_draft_says_it_is_not_an_invoice_yet() -> None:
    draft = invoice(PURCHASE[:1], status=InvoiceStatus.DRAFT)
    page = flat(pdf_text(render_invoice(draft)))
    assert "Number not issued yet" in page and "Status Draft" in page
    assert "not an invoice until it is issued" in page


def quote(contact_request: bool = False, status: QuoteStatus = QuoteStatus.SENT) -> Quote:
    vat = vat_treatment("FR", "FR", None)
    return Quote(
        kind=QuoteKind.PURCHASE,
        account_id=1,
        subscription_id=None,
        request={},
        lines=tuple(with_vat(PURCHASE[:3], vat.rate)),
        issue_date=ISSUED,
        valid_until=date(2026, 4, 14),
        currency="EUR",
        seller=SELLER,
        buyer=FRENCH_BUYER,
        vat_note=vat.note,
        status=status,
        contact_request=contact_request,
        number="Q-2026-000003",
        id=3,
    )


def test_a_quote_prints_its_validity_status_lines_and_totals() -> None:
    quoted = quote()
    content = render_quote(quoted)
    text = pdf_text(content)

    assert_amounts_printed(quoted, text)
    page = flat(text)
    for fragment in (
        "Quote",
        "Q-2026-000003",
        "Issue date 2026-03-15",
        "Valid until 2026-04-14",
        "Status Sent",
        "QUOTE FOR",
        "This quote is not an invoice.",
    ):
        assert fragment in page, fragment
    assert "Due date" not in page and "Quote request" not in page
    metadata = PdfReader(BytesIO(content)).metadata
    assert metadata is not None and metadata.title == "Quote Q-2026-000003"


def test_an_r04_quote_request_says_the_sales_team_confirms_it() -> None:
    page = flat(pdf_text(render_quote(quote(contact_request=True, status=QuoteStatus.DRAFT))))
    assert "Quote request" in page and "Status Draft" in page
    assert "sold on request only in FR" in page and "sales team will contact you" in page


def printing_session(database: Path, seller_address: str) -> Iterator[OperatorSession]:
    """A real application on a SQLite file with its reportlab renderer, a catalog and a
    seller, signed in as its Administrator."""
    app = AdminApp.open(f"sqlite:///{database}", date(2026, 3, 15), Argon2Hasher.cheap())
    try:
        admin = app.create_first_administrator("admin", "correct horse")
        admin.catalog.import_text(CATALOG_TEXT, source="catalog.toml")
        admin.billing.set_seller(
            name="Seat Desk SAS", country="FR", vat_number="FR40303265045", address=seller_address
        )
        yield admin
    finally:
        app.close()


@pytest.fixture
def session(tmp_path: Path) -> Iterator[OperatorSession]:
    yield from printing_session(tmp_path / "pdf.sqlite3", "1 rue de la Paix, Paris")


def test_the_application_prints_an_issued_invoice_as_the_domain_computed_it(
    session: OperatorSession, tmp_path: Path
) -> None:
    account = session.accounts.create(
        name="Bäckerei Müller GmbH", audience="company", country="DE", vat_number="DE123456789"
    ).value
    assert account.id is not None
    session.accounts.add_card(
        account.id, token="tok_visa_4242", brand="visa", last4="4242", exp_month=12, exp_year=2030
    )
    bought = session.subscriptions.purchase(
        Order(account.id, Cycle.YEARLY, {"named-user": 4, "designer": 1}, {}, "card")
    ).value
    issued = bought.invoice
    assert issued is not None and issued.number is not None
    session.billing.record_payment(
        issued.number, method="card", payment_reference="tok_1", amount=D("200.00")
    )

    text = pdf_text(session.documents.invoice_pdf(issued.number))
    assert_amounts_printed(issued, text)
    page = flat(text)
    assert issued.number in page and "Bäckerei Müller GmbH" in page
    assert "Reverse charge" in page and "Balance due" in page

    written = session.documents.export_invoice_pdfs([issued.number], folder=tmp_path / "out")
    assert written == [tmp_path / "out" / f"{issued.number}.pdf"]
    assert issued.number in pdf_text(written[0].read_bytes())
