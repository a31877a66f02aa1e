"""Cancelling a subscription (R16, R17): at once, refunded in full by credit notes
within 15 days of a yearly or quarterly purchase; afterwards a licence's data
stays readable for two weeks and a business experience is frozen."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from desktop_admin.domain.catalog import RoleKind
from desktop_admin.domain.changes import ChangeStatus
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.invoicing import (
    DocumentKind,
    Invoice,
    InvoiceReason,
    InvoiceStatus,
    LineKind,
)
from desktop_admin.domain.lifecycle import (
    RETENTION_AFTER_CANCEL,
    PurchaseKind,
    check_refundable,
)
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.services import audit
from desktop_admin.services.billing_context import BillingContext
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork


@dataclass(frozen=True)
class Cancellation:
    subscription: Subscription
    credit_notes: tuple[Invoice, ...] = ()

    @property
    def credit_note(self) -> Invoice | None:
        """The credit note against the purchase invoice (R16), if refunded."""
        return self.credit_notes[0] if self.credit_notes else None


def _purchase_kind(invoices: list[Invoice], subscription: Subscription) -> PurchaseKind:
    if subscription.status is SubscriptionStatus.TRIAL:
        return PurchaseKind.TRIAL
    if any(i.reason is InvoiceReason.RENEWAL for i in invoices):
        return PurchaseKind.RENEWAL
    return PurchaseKind.PURCHASE


def credit_note(invoice: Invoice, today: date, key: str) -> Invoice:
    """Every line of `invoice` negated, with its VAT, seller and buyer as issued."""
    lines = tuple(
        replace(
            line,
            description=f"Refund: {line.description}",
            kind=LineKind.REFUND,
            unit_price=-line.unit_price,
            amount=-line.amount,
        )
        for line in invoice.lines
    )
    return replace(
        invoice,
        kind=DocumentKind.CREDIT_NOTE,
        reason=InvoiceReason.REFUND,
        lines=lines,
        issue_date=today,
        due_date=today,
        billing_key=key,
        credited_invoice_id=invoice.id,
        status=InvoiceStatus.OPEN,
        number=None,
        id=None,
    )


def _refund(uow: UnitOfWork, subscription: Subscription, today: date) -> tuple[Invoice, ...]:
    """R16: credit the purchase invoice and every upgrade invoice issued since."""
    assert subscription.id is not None
    invoices = uow.invoices.for_subscription(subscription.id)
    purchase = next((i for i in invoices if i.reason is InvoiceReason.PURCHASE), None)
    if purchase is None and subscription.status is not SubscriptionStatus.TRIAL:
        raise RuleViolation(
            "R16",
            f"subscription {subscription.id} has no purchase invoice "
            "(it was recorded, not bought here); there is nothing to refund",
        )
    kind = _purchase_kind(invoices, subscription)
    check_refundable(kind, subscription.cycle, purchase.issue_date if purchase else today, today)
    assert purchase is not None
    if purchase.status is InvoiceStatus.CREDITED:
        raise RuleViolation("R16", f"invoice {purchase.number} was already credited")
    credited = [purchase] + [
        i
        for i in invoices
        if i.reason is InvoiceReason.UPGRADE
        and i.status in (InvoiceStatus.OPEN, InvoiceStatus.PAID)
    ]
    notes = []
    for invoice in credited:
        assert invoice.id is not None
        key = f"subscription:{subscription.id}:refund" + (
            "" if invoice is purchase else f":{invoice.number}"
        )
        notes.append(uow.invoices.issue(credit_note(invoice, today, key)))
        uow.invoices.set_status(invoice.id, InvoiceStatus.CREDITED)
    return tuple(notes)


def cancel_subscription(
    ctx: Context, subscription_id: int, *, refund: bool = False
) -> Cancellation:
    """End a subscription now (R17); with `refund`, credit notes for what it was billed
    (R16), else today's upgrades ordered are invoiced."""
    ctx.actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    today = ctx.today
    with ctx.new_uow() as uow:
        before = uow.subscriptions.get(subscription_id, lock=True)
        if before.status not in (SubscriptionStatus.ACTIVE, SubscriptionStatus.TRIAL):
            raise RuleViolation(
                "R17", f"subscription {subscription_id} is already {before.status.value}"
            )
        pricing = BillingContext.load(uow, before.account_id)
        if refund:
            uow.invoices.discard_drafts(subscription_id)  # refunded in full: nothing owed
            notes = _refund(uow, before, today)
        else:
            notes = ()
            for draft in uow.invoices.drafts_until(today):  # upgrades ordered are owed
                if draft.subscription_id == subscription_id:
                    uow.invoices.issue_draft(draft.dated(today))
        after = uow.subscriptions.update(_cancelled(pricing, before, today))
        for change in uow.subscriptions.changes(subscription_id):
            uow.subscriptions.set_change_status(
                change, ChangeStatus.CANCELLED, "the subscription was cancelled"
            )
        _record(uow, ctx, Cancellation(after, notes), before)
        uow.commit()
        return Cancellation(after, notes)


def _cancelled(pricing: BillingContext, before: Subscription, today: date) -> Subscription:
    """R17: a business experience is frozen; a licence's data stays readable two weeks."""
    frozen = any(
        pricing.roles[c].kind is RoleKind.BUSINESS_EXPERIENCE
        for c in before.seats
        if c in pricing.roles
    )
    return replace(
        before,
        auto_renew=False,
        cancelled_on=today,
        ends_on=today,
        status=SubscriptionStatus.FROZEN if frozen else SubscriptionStatus.CANCELLED,
        read_only_until=None if frozen else today + RETENTION_AFTER_CANCEL,
    )


def _record(uow: UnitOfWork, ctx: Context, done: Cancellation, before: Subscription) -> None:
    after = done.subscription
    audit.record_change(
        uow, ctx, "subscription.cancel", "subscription", after.id, before=before, after=after
    )
    for note in done.credit_notes:
        audit.record_change(
            uow,
            ctx,
            "credit_note.issue",
            "invoice",
            note.number,
            after={
                "number": note.number,
                "total": str(note.totals.total),
                "credits": note.credited_invoice_id,
            },
        )
