"""Printing invoices, credit notes and quotes (R19): who may, what the renderer is given,
and the export of many invoices into a folder with progress and Cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from desktop_admin.domain.errors import NotFound, PermissionDenied, RuleViolation
from desktop_admin.domain.invoicing import Invoice
from desktop_admin.domain.lifecycle import QuoteStatus
from desktop_admin.services import documents_pdf, payments, quotes
from desktop_admin.services.cancellation import cancel_subscription
from desktop_admin.services.purchases import Order
from tests.unit.services.billing_world import D, World, Y, world
from tests.unit.services.builders import ADMIN, CLERK, MANAGER
from tests.unit.services.fakes import FakeRenderer

MARCH_1 = date(2026, 3, 1)


def three_invoices() -> tuple[World, list[Invoice]]:
    """Three accounts' purchase invoices, INV-2026-000001 to 000003."""
    w = world(day=MARCH_1)
    issued = []
    for name in ("Acme SA", "Globex SARL", "Initech SAS"):
        other = world(uow=w.uow, name=name, day=MARCH_1)
        invoice = other.buy({"named-user": 2}, Y).invoice
        assert invoice is not None
        issued.append(invoice)
    return w, issued


def test_a_billing_clerk_prints_an_invoice_with_its_payments() -> None:
    w = world(day=MARCH_1)
    invoice = w.buy({"named-user": 10}, Y).invoice
    assert invoice is not None and invoice.number == "INV-2026-000001"
    _, payment = payments.record_payment(
        w.ctx(CLERK), "INV-2026-000001", method="card", payment_reference="t", amount=D(5)
    )
    renderer = FakeRenderer()

    content = documents_pdf.invoice_pdf(w.ctx(CLERK, renderer), "inv-2026-000001")

    assert content == b"%PDF-fake invoice INV-2026-000001"
    assert renderer.drawn == [("invoice", "INV-2026-000001", (payment,), None)]
    # by id too, as `invoice show` accepts it
    assert documents_pdf.invoice_pdf(w.ctx(ADMIN, renderer), str(invoice.id)) == content


def test_a_credit_note_is_given_the_number_of_the_invoice_it_credits() -> None:
    w = world(day=MARCH_1)
    sid = w.bought({"named-user": 10}, Y)
    cancel_subscription(w.ctx(), sid, refund=True)
    renderer = FakeRenderer()

    documents_pdf.invoice_pdf(w.ctx(CLERK, renderer), "CN-2026-000001")

    assert renderer.drawn == [("credit_note", "CN-2026-000001", (), "INV-2026-000001")]


def test_a_role_that_may_not_read_invoices_is_refused_and_nothing_is_drawn(
    tmp_path: Path,
) -> None:
    w, _ = three_invoices()
    quote = quotes.quote_purchase(w.ctx(), Order(w.account_id, Y, {"bim": 1}, {}))
    renderer = FakeRenderer()
    folder = tmp_path / "out"

    with pytest.raises(PermissionDenied, match=r"manager \(User manager\) may not read quotes"):
        documents_pdf.invoice_pdf(w.ctx(MANAGER, renderer), "INV-2026-000001")
    with pytest.raises(PermissionDenied):
        documents_pdf.quote_pdf(w.ctx(MANAGER, renderer), str(quote.number))
    with pytest.raises(PermissionDenied):
        documents_pdf.export_invoice_pdfs(
            w.ctx(MANAGER, renderer), ["INV-2026-000001"], folder=folder
        )

    assert renderer.drawn == [] and not folder.exists()


def test_a_draft_is_not_printed_it_has_no_number_yet() -> None:
    w = world(day=MARCH_1)
    sid = w.bought({"named-user": 10}, Y)
    draft = w.change(sid, {"named-user": 12}, on=date(2026, 3, 15)).draft
    assert draft is not None and draft.number is None
    renderer = FakeRenderer()

    with pytest.raises(RuleViolation, match="R19: a draft invoice has no number yet"):
        documents_pdf.invoice_pdf(w.ctx(ADMIN, renderer), str(draft.id))
    assert renderer.drawn == []


def test_a_quote_prints_with_its_status_of_the_day() -> None:
    w = world(day=MARCH_1)
    order = Order(w.account_id, Y, {"named-user": 3}, {})
    quote = quotes.quote_purchase(w.ctx(), order)
    assert quote.valid_until == date(2026, 3, 31)
    renderer = FakeRenderer()

    stored = documents_pdf.quote_pdf(w.ctx(CLERK, renderer), "Q-2026-000001")
    expired = documents_pdf.quote_pdf(w.at(date(2026, 4, 1)).ctx(CLERK, renderer), "Q-2026-000001")

    assert stored == b"%PDF-fake quote Q-2026-000001 draft"
    assert expired == b"%PDF-fake quote Q-2026-000001 expired"
    assert w.uow.quotes.get("Q-2026-000001").status is QuoteStatus.DRAFT  # nothing written


def test_export_writes_one_file_per_invoice_and_reports_progress(tmp_path: Path) -> None:
    w, issued = three_invoices()
    numbers = [str(i.number) for i in issued]
    seen: list[tuple[int, int]] = []
    folder = tmp_path / "invoices" / "2026"  # created when missing

    written = documents_pdf.export_invoice_pdfs(
        w.ctx(CLERK, FakeRenderer()),
        numbers,
        folder=folder,
        progress=lambda d, t: seen.append((d, t)),
    )

    assert written == [folder / f"{n}.pdf" for n in numbers]
    assert [p.read_bytes() for p in written] == [f"%PDF-fake invoice {n}".encode() for n in numbers]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert sorted(p.name for p in folder.iterdir()) == [f"{n}.pdf" for n in numbers]


def test_cancel_stops_between_two_files_and_keeps_those_written(tmp_path: Path) -> None:
    w, issued = three_invoices()
    numbers = [str(i.number) for i in issued]
    seen: list[tuple[int, int]] = []

    written = documents_pdf.export_invoice_pdfs(
        w.ctx(CLERK, FakeRenderer()),
        numbers,
        folder=tmp_path,
        progress=lambda d, t: seen.append((d, t)),
        cancelled=lambda: len(seen) >= 2,  # Cancel pressed while the second was written
    )

    assert written == [tmp_path / f"{n}.pdf" for n in numbers[:2]]
    assert seen == [(1, 3), (2, 3)]
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{n}.pdf" for n in numbers[:2]]


def test_cancelled_before_the_first_file_writes_nothing(tmp_path: Path) -> None:
    w, issued = three_invoices()
    renderer = FakeRenderer()
    written = documents_pdf.export_invoice_pdfs(
        w.ctx(CLERK, renderer),
        [str(i.number) for i in issued],
        folder=tmp_path,
        cancelled=lambda: True,
    )
    assert written == [] and list(tmp_path.iterdir()) == [] and renderer.drawn == []


def test_an_unknown_number_stops_the_export_after_the_files_before_it(tmp_path: Path) -> None:
    w, issued = three_invoices()
    references = [str(issued[0].number), "INV-2026-000099", str(issued[1].number)]

    with pytest.raises(NotFound):
        documents_pdf.export_invoice_pdfs(w.ctx(CLERK, FakeRenderer()), references, folder=tmp_path)

    assert [p.name for p in tmp_path.iterdir()] == [f"{issued[0].number}.pdf"]
