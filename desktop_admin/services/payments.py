"""Payments against invoices, and issuing a draft invoice at once (R19)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from desktop_admin.domain.card_data import card_data_problem
from desktop_admin.domain.errors import InvalidInput, Problem, RuleViolation
from desktop_admin.domain.invoicing import DocumentKind, Invoice, InvoiceStatus, Payment
from desktop_admin.domain.money import Currency
from desktop_admin.domain.operators import Permission
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork

REFUSED = "The payment was refused."


def find_invoice(uow: UnitOfWork, reference: str) -> Invoice:
    """An invoice or credit note by id (`12`) or number (`INV-2026-000001`, any case),
    read in the caller's transaction."""
    if reference.strip().isdigit():
        return uow.invoices.get(int(reference))
    return uow.invoices.by_number(reference.strip().upper())


def record_issue(uow: UnitOfWork, ctx: Context, invoice: Invoice) -> None:
    """The audit entry of an invoice issued (R19)."""
    audit.record_change(
        uow,
        ctx,
        "invoice.issue",
        "invoice",
        invoice.number,
        after={"number": invoice.number, "total": str(invoice.totals.total)},
    )


def record_payment(
    ctx: Context,
    reference: str,
    *,
    method: str,
    payment_reference: str,
    amount: Decimal | None = None,
    paid_on: date | None = None,
) -> tuple[Invoice, Payment]:
    """Record money received (the balance by default); paid in full, the invoice is paid."""
    ctx.actor.require(Permission.RECORD_PAYMENTS)
    payment_reference = payment_reference.strip()
    if reason := card_data_problem(payment_reference):
        raise InvalidInput(REFUSED, [Problem(f"the reference {reason}", field="reference")])
    if method not in ("card", "transfer") or not payment_reference:
        raise InvalidInput(
            REFUSED,
            [
                Problem(
                    "method is card or transfer, with the card token or the transfer reference",
                    field="reference",
                )
            ],
        )
    with ctx.new_uow() as uow:
        # Clerks paying one invoice at once take turns: each reads what the one
        # before it committed, so nobody pays a balance already paid.
        uow.claim("invoice", find_invoice(uow, reference).id or 0)
        invoice = _open_invoice(uow, reference)
        assert invoice.id is not None
        balance = _balance(uow, invoice)
        amount = Currency.of(invoice.currency).round(balance if amount is None else amount)
        _check_amount(invoice, amount, balance)
        payment = uow.payments.add(
            Payment(invoice.id, method, payment_reference, amount, paid_on or ctx.today)
        )
        if amount == balance:
            uow.invoices.set_status(invoice.id, InvoiceStatus.PAID)
            invoice = uow.invoices.get(invoice.id)
        audit.record_change(
            uow,
            ctx,
            "invoice.payment",
            "invoice",
            invoice.number,
            after={"amount": str(amount), "method": method, "reference": payment_reference},
        )
        uow.commit()
        return invoice, payment


def _open_invoice(uow: UnitOfWork, reference: str) -> Invoice:
    """R19: only an open invoice takes payments (not a draft, nor a credit note)."""
    invoice = find_invoice(uow, reference)
    if invoice.kind is not DocumentKind.INVOICE or invoice.status is not InvoiceStatus.OPEN:
        raise RuleViolation(
            "R19",
            f"{invoice.number or 'the draft'} is "
            f"{invoice.status.value}; only an open invoice takes payments",
        )
    return invoice


def _balance(uow: UnitOfWork, invoice: Invoice) -> Decimal:
    return InvoiceBalance.of(uow, invoice).owed


@dataclass(frozen=True)
class InvoiceBalance:
    """What an invoice was paid, payment by payment, and what it still owes."""

    invoice: Invoice
    payments: tuple[Payment, ...] = ()

    @classmethod
    def of(cls, uow: UnitOfWork, invoice: Invoice) -> InvoiceBalance:
        found = uow.payments.for_invoice(invoice.id) if invoice.id is not None else []
        return cls(invoice, tuple(found))

    @property
    def paid(self) -> Decimal:
        return sum((p.amount for p in self.payments), Decimal(0))

    @property
    def takes_payments(self) -> bool:
        """R19: only an open invoice takes payments (not a draft, nor a credit note)."""
        invoice = self.invoice
        return invoice.kind is DocumentKind.INVOICE and invoice.status is InvoiceStatus.OPEN

    @property
    def owed(self) -> Decimal:
        """What is still to pay: nothing on a draft, a credit note or a settled invoice."""
        return self.invoice.totals.total - self.paid if self.takes_payments else Decimal(0)


def invoice_balance(ctx: Context, reference: str) -> InvoiceBalance:
    """An invoice by id or number, with its payments and what it still owes."""
    ctx.actor.require(Permission.READ_BILLING)
    with ctx.new_uow() as uow:
        return InvoiceBalance.of(uow, find_invoice(uow, reference))


def _check_amount(invoice: Invoice, amount: Decimal, balance: Decimal) -> None:
    if not Decimal(0) < amount <= balance:
        currency = Currency.of(invoice.currency)
        raise InvalidInput(
            REFUSED,
            [
                Problem(
                    f"{currency.format(amount)} is not between 0 and the balance "
                    f"{currency.format(balance)}",
                    field="amount",
                )
            ],
        )


def issue_draft_now(ctx: Context, reference: str) -> Invoice:
    """Number a draft upgrade invoice now rather than at the day's billing run."""
    ctx.actor.require(Permission.RUN_BILLING)
    with ctx.new_uow() as uow:
        invoice = find_invoice(uow, reference)
        if invoice.status is not InvoiceStatus.DRAFT:
            raise RuleViolation("R19", f"{invoice.number} is already issued and never changes")
        issued = uow.invoices.issue_draft(invoice.dated(ctx.today))
        record_issue(uow, ctx, issued)
        uow.commit()
        return issued


def issue_drafts_now(ctx: Context, account_id: int | None = None) -> list[Invoice]:
    """Number every draft upgrade invoice due by today (of one account, or of all) now,
    as the day's billing run would first; returns them issued (none when none wait)."""
    ctx.actor.require(Permission.RUN_BILLING)
    with ctx.new_uow() as uow:
        uow.claim("billing")  # the run issues the same drafts: one of the two does
        issued = []
        for draft in uow.invoices.drafts_until(ctx.today):
            if account_id is None or draft.account_id == account_id:
                issued.append(uow.invoices.issue_draft(draft.dated(ctx.today)))
                record_issue(uow, ctx, issued[-1])
        uow.commit()
        return issued
