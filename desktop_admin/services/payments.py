"""Payments against invoices, and issuing a draft invoice at once (R19)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from desktop_admin.domain.errors import InvalidInput, Problem, RuleViolation
from desktop_admin.domain.invoicing import DocumentKind, Invoice, InvoiceStatus, Payment
from desktop_admin.domain.money import Currency
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.services import audit
from desktop_admin.services.ports import Clock, UnitOfWork


def find_invoice(uow: UnitOfWork, reference: str) -> Invoice:
    """An invoice or credit note by id (`12`) or number (`INV-2026-000001`, any case),
    read in the caller's transaction."""
    if reference.strip().isdigit():
        return uow.invoices.get(int(reference))
    return uow.invoices.by_number(reference.strip().upper())


def record_payment(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    reference: str,
    method: str,
    payment_reference: str,
    amount: Decimal | None = None,
    paid_on: date | None = None,
) -> tuple[Invoice, Payment]:
    """Record money received (the balance by default); paid in full, the invoice is paid."""
    actor.require(Permission.RECORD_PAYMENTS)
    if method not in ("card", "transfer") or not payment_reference.strip():
        raise InvalidInput(
            "The payment was refused.",
            [
                Problem(
                    "method is card or transfer, with the card token or the transfer reference",
                    field="reference",
                )
            ],
        )
    with uow:
        invoice = find_invoice(uow, reference)
        assert invoice.id is not None
        if invoice.kind is not DocumentKind.INVOICE or invoice.status is not InvoiceStatus.OPEN:
            raise RuleViolation(
                "R19",
                f"{invoice.number or 'the draft'} is "
                f"{invoice.status.value}; only an open invoice takes payments",
            )
        currency = Currency.of(invoice.currency)
        paid = sum((p.amount for p in uow.payments.for_invoice(invoice.id)), Decimal(0))
        balance = invoice.totals.total - paid
        amount = currency.round(balance if amount is None else amount)
        if not Decimal(0) < amount <= balance:
            raise InvalidInput(
                "The payment was refused.",
                [
                    Problem(
                        f"{currency.format(amount)} is not between 0 and the balance "
                        f"{currency.format(balance)}",
                        field="amount",
                    )
                ],
            )
        payment = uow.payments.add(
            Payment(invoice.id, method, payment_reference.strip(), amount, paid_on or clock.today())
        )
        if amount == balance:
            uow.invoices.set_status(invoice.id, InvoiceStatus.PAID)
            invoice = uow.invoices.get(invoice.id)
        audit.record(
            uow,
            clock,
            actor,
            "invoice.payment",
            "invoice",
            invoice.number,
            after={"amount": str(amount), "method": method, "reference": payment_reference.strip()},
        )
        uow.commit()
        return invoice, payment


def issue_draft_now(uow: UnitOfWork, clock: Clock, actor: Operator, reference: str) -> Invoice:
    """Number a draft upgrade invoice now rather than at the day's billing run."""
    actor.require(Permission.RUN_BILLING)
    with uow:
        invoice = find_invoice(uow, reference)
        if invoice.status is not InvoiceStatus.DRAFT:
            raise RuleViolation("R19", f"{invoice.number} is already issued and never changes")
        issued = uow.invoices.issue_draft(invoice.dated(clock.today()))
        audit.record(
            uow,
            clock,
            actor,
            "invoice.issue",
            "invoice",
            issued.number,
            after={"number": issued.number, "total": str(issued.totals.total)},
        )
        uow.commit()
        return issued
