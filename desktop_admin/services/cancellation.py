"""Cancelling a subscription (R16, R17): at once, refunded in full by a credit note
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
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.services import audit
from desktop_admin.services.billing_context import BillingContext
from desktop_admin.services.ports import Clock, UnitOfWork


@dataclass(frozen=True)
class Cancellation:
    subscription: Subscription
    credit_note: Invoice | None


def _purchase_kind(
    uow: UnitOfWork, subscription: Subscription
) -> tuple[PurchaseKind, Invoice | None]:
    if subscription.status is SubscriptionStatus.TRIAL:
        return PurchaseKind.TRIAL, None
    invoices = [
        i
        for i in uow.invoices.for_account(subscription.account_id)
        if i.subscription_id == subscription.id
    ]
    purchase = next((i for i in invoices if i.reason is InvoiceReason.PURCHASE), None)
    if purchase is None or any(i.reason is InvoiceReason.RENEWAL for i in invoices):
        return PurchaseKind.RENEWAL, purchase
    return PurchaseKind.PURCHASE, purchase


def _credit_note(ctx: BillingContext, invoice: Invoice, today: date) -> Invoice:
    """Every line of the purchase invoice, negated: a refund in full."""
    lines = [
        replace(
            line,
            description=f"Refund: {line.description}",
            kind=LineKind.REFUND,
            unit_price=-line.unit_price,
            amount=-line.amount,
        )
        for line in invoice.lines
    ]
    return ctx.document(
        InvoiceReason.REFUND,
        invoice.subscription_id,
        today,
        lines,
        invoice.payment_kind,
        f"subscription:{invoice.subscription_id}:refund",
        kind=DocumentKind.CREDIT_NOTE,
        credited_invoice_id=invoice.id,
    )


def cancel_subscription(
    uow: UnitOfWork, clock: Clock, actor: Operator, subscription_id: int, refund: bool = False
) -> Cancellation:
    actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    today = clock.today()
    with uow:
        before = uow.subscriptions.get(subscription_id, lock=True)
        if before.status not in (SubscriptionStatus.ACTIVE, SubscriptionStatus.TRIAL):
            raise RuleViolation(
                "R17", f"subscription {subscription_id} is already {before.status.value}"
            )
        ctx = BillingContext.load(uow, before.account_id)
        credit = None
        if refund:
            kind, purchase = _purchase_kind(uow, before)
            first_day = purchase.issue_date if purchase else before.anchor
            check_refundable(kind, before.cycle, first_day, today)
            assert purchase is not None and purchase.id is not None
            if purchase.status is InvoiceStatus.CREDITED:
                raise RuleViolation("R16", f"invoice {purchase.number} was already credited")
            credit = uow.invoices.issue(_credit_note(ctx, purchase, today))
            uow.invoices.set_status(purchase.id, InvoiceStatus.CREDITED)
        frozen = any(
            ctx.roles[c].kind is RoleKind.BUSINESS_EXPERIENCE
            for c in before.seats
            if c in ctx.roles
        )
        after = replace(
            before,
            auto_renew=False,
            cancelled_on=today,
            ends_on=today,
            status=SubscriptionStatus.FROZEN if frozen else SubscriptionStatus.CANCELLED,
            read_only_until=None if frozen else today + RETENTION_AFTER_CANCEL,
        )
        after = uow.subscriptions.update(after)
        uow.invoices.discard_drafts(subscription_id)  # upgrades of a period that ends now
        for change in uow.subscriptions.changes(subscription_id):
            uow.subscriptions.set_change_status(
                change, ChangeStatus.CANCELLED, "the subscription was cancelled"
            )
        audit.record(
            uow,
            clock,
            actor,
            "subscription.cancel",
            "subscription",
            subscription_id,
            before=before,
            after=after,
        )
        if credit:
            audit.record(
                uow,
                clock,
                actor,
                "credit_note.issue",
                "invoice",
                credit.number,
                after={"number": credit.number, "total": str(credit.totals.total)},
            )
        uow.commit()
        return Cancellation(after, credit)
