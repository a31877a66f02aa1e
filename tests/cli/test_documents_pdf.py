"""`invoice pdf` and `quote pdf` with the real `desktop-admin` command (interfaces.md):
the file is written where asked (by default `<number>.pdf` in the current folder), its
path printed, and the PDF says what `invoice show` says."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import facturx
from lxml import etree
from pypdf import PdfReader

from tests.cli.billing_helpers import CLERK, Desk, billing_seed
from tests.cli.conftest import Cli, add_operator

DAY = "2026-03-15"


def pdf_text(path: Path) -> str:
    reader = PdfReader(BytesIO(path.read_bytes()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def buy(desk: Desk, account_id: int) -> str:
    created = desk.json(
        DAY, "subscription", "create", "--account", str(account_id), "--cycle", "yearly",
        "--seat", "named-user=3", "--addon", "storage-100gb=1", "--payment", "transfer",
    )  # fmt: skip
    number = created["invoice"]["number"]
    assert number == "INV-2026-000001"
    return str(number)


def test_invoice_pdf_writes_the_invoice_in_the_current_folder_and_prints_its_path(
    cli: Cli,
) -> None:
    desk = Desk(cli)
    number = buy(desk, billing_seed(cli, clerk=True))
    shown = desk.json(DAY, "invoice", "show", number)

    result = desk.ok(DAY, "invoice", "pdf", number.lower(), login=CLERK)

    path = cli.home / f"{number}.pdf"
    assert result.stdout.strip() == str(path.resolve()), str(result)
    text = pdf_text(path)
    assert "Invoice" in text and number in text and "Atelier Test" in text
    assert "Seat Desk SAS" in text and "VAT number: FR12345678901" in text
    for line in shown["lines"]:
        assert line["description"] in text and line["amount"] in text
    assert f"Net total {shown['net']}" in text
    assert f"VAT 20 % on {shown['net']} {shown['vat']}" in text
    assert f"Total {shown['total']} €" in text
    assert "Payment by bank transfer within 30 days" in text
    assert "Page 1 of 1" in text
    metadata = PdfReader(BytesIO(path.read_bytes())).metadata
    assert metadata is not None and metadata.title == f"Invoice {number}"


def test_json_names_the_file_written_with_out_and_quote_pdf_works_alike(cli: Cli) -> None:
    desk = Desk(cli)
    account_id = billing_seed(cli)
    buy(desk, account_id)
    quote = desk.json(
        DAY, "quote", "create", "--account", str(account_id), "--cycle", "yearly",
        "--seat", "named-user=5",
    )  # fmt: skip
    target = cli.home / "out" / "first.pdf"
    target.parent.mkdir()

    invoice_doc = desk.json(DAY, "invoice", "pdf", "1", "--out", str(target))
    quote_doc = desk.json(DAY, "quote", "pdf", quote["number"], "--out", str(target.parent))

    assert invoice_doc == {"path": str(target.resolve()), "number": "INV-2026-000001"}
    quote_path = target.parent / f"{quote['number']}.pdf"
    assert quote_doc == {"path": str(quote_path.resolve()), "number": quote["number"]}
    assert "INV-2026-000001" in pdf_text(target)
    text = pdf_text(quote_path)
    assert "Quote" in text and quote["number"] in text and f"{quote['total']} €" in text
    assert f"Valid until {quote['valid_until']}" in text


def test_printing_is_refused_to_a_user_manager_and_an_unknown_number_is_bad_input(
    cli: Cli,
) -> None:
    desk = Desk(cli)
    number = buy(desk, billing_seed(cli))
    add_operator(cli, "manager", "user_manager")

    refused = desk.refused(DAY, "invoice", "pdf", number, login="manager")
    assert "may not read quotes and invoices" in refused.stderr, str(refused)
    unknown = desk.refused(DAY, "invoice", "pdf", "INV-2026-000042", status=2)
    assert "no invoice numbered INV-2026-000042" in unknown.stderr, str(unknown)
    assert not list(cli.home.glob("*.pdf"))


def test_invoice_pdf_carries_the_invoice_as_factur_x_xml(cli: Cli) -> None:
    desk = Desk(cli)
    number = buy(desk, billing_seed(cli))
    shown = desk.json(DAY, "invoice", "show", number)
    target = cli.home / "e-invoice.pdf"

    desk.ok(DAY, "invoice", "pdf", number, "--out", str(target))

    name, xml = facturx.get_xml_from_pdf(target.read_bytes(), check_xsd=False)
    assert name == "factur-x.xml" and isinstance(xml, bytes)
    assert facturx.xml_check_xsd(xml, flavor="factur-x", level="en16931")
    root = etree.fromstring(xml)

    def texts(path: str) -> list[str]:
        return [str(node.text) for node in root.xpath(path, namespaces=root.nsmap)]

    assert texts("//rsm:ExchangedDocument/ram:ID") == [number]
    assert texts("//rsm:ExchangedDocument/ram:TypeCode") == ["380"]
    assert texts("//ram:IncludedSupplyChainTradeLineItem//ram:LineTotalAmount") == [
        line["amount"] for line in shown["lines"]
    ]
    sums = "//ram:SpecifiedTradeSettlementHeaderMonetarySummation"
    assert texts(f"{sums}/ram:TaxBasisTotalAmount") == [shown["net"]]
    assert texts(f"{sums}/ram:TaxTotalAmount") == [shown["vat"]]
    assert texts(f"{sums}/ram:GrandTotalAmount") == [shown["total"]]
    assert texts("//ram:SellerTradeParty//ram:ID[@schemeID='VA']") == ["FR12345678901"]
    assert number in pdf_text(target)
