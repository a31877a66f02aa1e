"""The Factur-X description of an invoice or a credit note: a UN/CEFACT Cross
Industry Invoice (CII D16B) at the EN 16931 profile, built from the `PrintedDocument`
the page shows, so that the XML and the page say the same thing.

Figures are the domain's (R19, R20), written from `Decimal` with the currency's
decimals, never through a float. A credit note (type code 381) carries its figures
with the sign of the credit, positive, as EN 16931 reads a credit note; its lines are
the domain's negated lines, so each figure is the domain's figure negated.

VAT categories (UNTDID 5305) follow `desktop_admin.domain.vat`:

* `S` standard rate: the buyer's EU rate (an EU consumer, or a business in the
  seller's own country);
* `AE` reverse charge: an EU business with a VAT number in another country, with the
  invoice's VAT note as the exemption reason (code `VATEX-EU-AE`);
* `G` export outside the EU (code `VATEX-EU-G`), or `O` not subject to VAT
  (`VATEX-EU-O`) when the seller has no VAT number (EN 16931 BR-O-02 forbids VAT
  numbers on an `O` invoice);
* `Z` for a 0 % line on an otherwise standard-rated invoice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lxml import etree

from desktop_admin.domain.invoicing import InvoiceLine, Party
from desktop_admin.domain.money import ZERO
from desktop_admin.domain.vat import EU_STANDARD_RATES, VatTreatment
from desktop_admin.pdf.document import PrintedDocument, vat_rate_text

RSM = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"
RAM = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"
UDT = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"
QDT = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"
NAMESPACES = {"rsm": RSM, "ram": RAM, "udt": UDT, "qdt": QDT}

#: The EN 16931 profile of Factur-X (its "guideline" in the XML).
GUIDELINE = "urn:cen.eu:en16931:2017"
#: UNTDID 1001 document types.
INVOICE_TYPE, CREDIT_NOTE_TYPE = "380", "381"
#: UNTDID 4461 payment means: a bank card, a SEPA credit transfer.
PAYMENT_MEANS = {"card": "48", "transfer": "58"}
#: UN/ECE recommendation 20 unit: one (a seat, an add-on unit).
UNIT = "C62"
#: A VAT number starts with its country's two letters (EN 16931 BR-CO-09).
VAT_NUMBER = re.compile(r"^[A-Z]{2}[A-Z0-9+*.]{2,13}$")


class CiiError(ValueError):
    """The document cannot be described as an EN 16931 invoice (e.g. a draft)."""


@dataclass(frozen=True)
class VatCategory:
    """An EN 16931 VAT category: its code, and the exemption reason it needs."""

    code: str
    reason_code: str = ""
    reason: str = ""

    @property
    def has_rate(self) -> bool:
        """`O` (not subject to VAT) carries no rate (BR-O-05, BR-O-12)."""
        return self.code != "O"


def _vat_number(number: str | None) -> str | None:
    """A VAT number written without spaces, or None."""
    return (number or "").replace(" ", "").upper() or None


def vat_category(doc: PrintedDocument, rate: Decimal) -> VatCategory:
    """The category of the lines at `rate` on `doc`, by the case `vat_treatment`
    decided when the document was issued (its rate and note are frozen in it)."""
    if VatTreatment(rate, doc.vat_note).reverse_charge:
        return VatCategory("AE", "VATEX-EU-AE", doc.vat_note or "Reverse charge")
    outside_eu = doc.buyer.country.upper() not in EU_STANDARD_RATES
    if outside_eu and rate.is_zero():
        reason = doc.vat_note or "VAT not applicable: buyer outside the EU"
        if _vat_number(doc.seller.vat_number) is None:
            return VatCategory("O", "VATEX-EU-O", reason)
        return VatCategory("G", "VATEX-EU-G", reason)
    return VatCategory("Z" if rate.is_zero() else "S")


class _Writer:
    """Writes one document's elements, with its currency's decimals and its sign."""

    def __init__(self, doc: PrintedDocument) -> None:
        self.doc = doc
        #: A credit note's figures are written positive: the negated domain figures.
        self.sign = Decimal(-1) if doc.kind == "credit_note" else Decimal(1)

    def money(self, amount: Decimal) -> str:
        """`1200.00`: the amount with the document's sign and its currency's decimals;
        a zero is never negative."""
        return format(self.doc.currency.round(self.sign * amount), "f")

    def price(self, price: Decimal) -> str:
        """A net unit price, with more decimals than the currency when it has them (a
        prorated price), so that the price written is the one charged."""
        value = self.sign * price
        if value == self.doc.currency.round(value):
            return format(self.doc.currency.round(value), "f")
        return format(value.normalize(), "f")


def _element(
    parent: etree._Element, tag: str, text: str | None = None, **attributes: str
) -> etree._Element:
    """A child `ram:`/`rsm:`/`udt:` element (`tag` is `prefix:Name`) with its text."""
    prefix, name = tag.split(":")
    child = etree.SubElement(parent, f"{{{NAMESPACES[prefix]}}}{name}", attrib=attributes)
    if text is not None:
        child.text = text
    return child


def _date(parent: etree._Element, tag: str, day: date) -> None:
    """A date in format 102 (`20260315`)."""
    _element(_element(parent, tag), "udt:DateTimeString", day.strftime("%Y%m%d"), format="102")


def _party(parent: etree._Element, role: str, party: Party, category_codes: set[str]) -> None:
    """Seller or buyer: name, postal address (its lines as written, and the country),
    email, and VAT number (scheme VA; a seller's number without a country prefix is
    written as a tax registration, FC). An `O` invoice names no VAT number (BR-O-02)."""
    node = _element(parent, f"ram:{role}TradeParty")
    _element(node, "ram:Name", party.name)
    address = _element(node, "ram:PostalTradeAddress")
    lines = [ln.strip() for ln in (party.address or "").splitlines() if ln.strip()]
    if len(lines) > 3:
        lines = [*lines[:2], ", ".join(lines[2:])]
    for name, text in zip(("LineOne", "LineTwo", "LineThree"), lines, strict=False):
        _element(address, f"ram:{name}", text)
    _element(address, "ram:CountryID", party.country.upper())
    if party.email:
        _element(
            _element(node, "ram:URIUniversalCommunication"), "ram:URIID", party.email, schemeID="EM"
        )
    number = _vat_number(party.vat_number)
    if number is None or "O" in category_codes:
        return
    if VAT_NUMBER.match(number):
        registration = _element(node, "ram:SpecifiedTaxRegistration")
        _element(registration, "ram:ID", number, schemeID="VA")
    elif role == "Seller":
        registration = _element(node, "ram:SpecifiedTaxRegistration")
        _element(registration, "ram:ID", number, schemeID="FC")


def _trade_tax(parent: etree._Element, category: VatCategory, rate: Decimal) -> etree._Element:
    """A line's VAT: type, category and rate."""
    tax = _element(parent, "ram:ApplicableTradeTax")
    _element(tax, "ram:TypeCode", "VAT")
    _element(tax, "ram:CategoryCode", category.code)
    if category.has_rate:
        _element(tax, "ram:RateApplicablePercent", vat_rate_text(rate))
    return tax


def _line(parent: etree._Element, w: _Writer, number: int, line: InvoiceLine) -> None:
    """One line: id, product, net price, quantity (negative for a line that gives money
    back on an invoice, so that the price stays positive, BR-27), VAT, the days it
    covers (both inclusive) and its amount."""
    item = _element(parent, "ram:IncludedSupplyChainTradeLineItem")
    _element(_element(item, "ram:AssociatedDocumentLineDocument"), "ram:LineID", str(number))
    product = _element(item, "ram:SpecifiedTradeProduct")
    if line.code:
        _element(product, "ram:SellerAssignedID", line.code)
    _element(product, "ram:Name", line.description)
    quantity, price = line.quantity, line.unit_price
    if w.sign * price < 0:
        quantity, price = -quantity, -price
    agreement = _element(item, "ram:SpecifiedLineTradeAgreement")
    _element(
        _element(agreement, "ram:NetPriceProductTradePrice"), "ram:ChargeAmount", w.price(price)
    )
    delivery = _element(item, "ram:SpecifiedLineTradeDelivery")
    _element(delivery, "ram:BilledQuantity", str(quantity), unitCode=UNIT)
    settlement = _element(item, "ram:SpecifiedLineTradeSettlement")
    _trade_tax(settlement, vat_category(w.doc, line.vat_rate), line.vat_rate)
    period = _element(settlement, "ram:BillingSpecifiedPeriod")
    _date(period, "ram:StartDateTime", line.period.start)
    _date(period, "ram:EndDateTime", line.period.last_day)
    summation = _element(settlement, "ram:SpecifiedTradeSettlementLineMonetarySummation")
    _element(summation, "ram:LineTotalAmount", w.money(line.amount))


def _breakdown(parent: etree._Element, w: _Writer) -> None:
    """The VAT per rate (R20): the domain's base and VAT of each rate."""
    for subtotal in w.doc.totals.vat_by_rate:
        category = vat_category(w.doc, subtotal.rate)
        tax = _element(parent, "ram:ApplicableTradeTax")
        _element(tax, "ram:CalculatedAmount", w.money(subtotal.vat))
        _element(tax, "ram:TypeCode", "VAT")
        if category.reason:
            _element(tax, "ram:ExemptionReason", category.reason)
        _element(tax, "ram:BasisAmount", w.money(subtotal.base))
        _element(tax, "ram:CategoryCode", category.code)
        if category.reason_code:
            _element(tax, "ram:ExemptionReasonCode", category.reason_code)
        if category.has_rate:
            _element(tax, "ram:RateApplicablePercent", vat_rate_text(subtotal.rate))


def _settlement(parent: etree._Element, w: _Writer, payment_kind: str) -> None:
    """Currency, payment means, VAT breakdown, the period invoiced, payment terms and
    due date, totals, and for a credit note the invoice it credits."""
    doc = w.doc
    settlement = _element(parent, "ram:ApplicableHeaderTradeSettlement")
    if doc.number:
        _element(settlement, "ram:PaymentReference", doc.number)
    _element(settlement, "ram:InvoiceCurrencyCode", doc.currency.code)
    means = _element(settlement, "ram:SpecifiedTradeSettlementPaymentMeans")
    _element(means, "ram:TypeCode", PAYMENT_MEANS.get(payment_kind, "1"))
    _breakdown(settlement, w)
    if doc.lines:
        period = _element(settlement, "ram:BillingSpecifiedPeriod")
        _date(period, "ram:StartDateTime", min(ln.period.start for ln in doc.lines))
        _date(period, "ram:EndDateTime", max(ln.period.last_day for ln in doc.lines))
    terms = _element(settlement, "ram:SpecifiedTradePaymentTerms")
    _element(terms, "ram:Description", doc.payment_terms)
    if doc.due_date is not None:
        _date(terms, "ram:DueDateDateTime", doc.due_date)
    sums = _element(settlement, "ram:SpecifiedTradeSettlementHeaderMonetarySummation")
    _element(sums, "ram:LineTotalAmount", w.money(doc.totals.net))
    _element(sums, "ram:TaxBasisTotalAmount", w.money(doc.totals.net))
    _element(sums, "ram:TaxTotalAmount", w.money(doc.totals.vat), currencyID=doc.currency.code)
    _element(sums, "ram:GrandTotalAmount", w.money(doc.totals.total))
    if doc.paid != ZERO:
        _element(sums, "ram:TotalPrepaidAmount", w.money(doc.paid))
    _element(sums, "ram:DuePayableAmount", w.money(doc.balance_due))
    if doc.credited_number:
        referenced = _element(settlement, "ram:InvoiceReferencedDocument")
        _element(referenced, "ram:IssuerAssignedID", doc.credited_number)


def invoice_xml(doc: PrintedDocument, payment_kind: str) -> bytes:
    """The CII XML (UTF-8, with its declaration) of an issued invoice or credit note.

    `payment_kind` is the invoice's (`card` or `transfer`). Raises `CiiError` for a
    quote or a document without a number (a draft is not an invoice).
    """
    if doc.kind not in ("invoice", "credit_note"):
        raise CiiError(f"a {doc.kind} is not an invoice; it has no Factur-X description")
    if not doc.number:
        raise CiiError("a draft has no number yet; it has no Factur-X description")
    w = _Writer(doc)
    root = etree.Element(f"{{{RSM}}}CrossIndustryInvoice", nsmap=NAMESPACES)
    context = _element(root, "rsm:ExchangedDocumentContext")
    _element(
        _element(context, "ram:GuidelineSpecifiedDocumentContextParameter"), "ram:ID", GUIDELINE
    )
    header = _element(root, "rsm:ExchangedDocument")
    _element(header, "ram:ID", doc.number)
    _element(header, "ram:TypeCode", CREDIT_NOTE_TYPE if w.sign < 0 else INVOICE_TYPE)
    _date(header, "ram:IssueDateTime", doc.issue_date)
    for note in doc.notes:
        _element(_element(header, "ram:IncludedNote"), "ram:Content", note)
    transaction = _element(root, "rsm:SupplyChainTradeTransaction")
    for number, line in enumerate(doc.lines, start=1):
        _line(transaction, w, number, line)
    codes = {vat_category(doc, s.rate).code for s in doc.totals.vat_by_rate}
    agreement = _element(transaction, "ram:ApplicableHeaderTradeAgreement")
    _party(agreement, "Seller", doc.seller, codes)
    _party(agreement, "Buyer", doc.buyer, codes)
    _element(transaction, "ram:ApplicableHeaderTradeDelivery")
    _settlement(transaction, w, payment_kind)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
