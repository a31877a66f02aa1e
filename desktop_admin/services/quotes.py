"""Quotes (R13): price a purchase or a change without committing it; accepting a
valid quote applies it at the quoted prices; an expired quote cannot be accepted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.lifecycle import QuoteStatus, check_can_accept_quote, quote_valid_until
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.quotes import Quote, QuoteKind
from desktop_admin.services import audit
from desktop_admin.services.billing_context import BillingContext
from desktop_admin.services.changes import ChangeResult, apply_change, plan_for
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork
from desktop_admin.services.purchases import Order, Purchase, check_order, place_order, priced_order


def _new_quote(uow: UnitOfWork, ctx: Context, quote: Quote) -> Quote:
    saved = uow.quotes.add(quote)
    audit.record_change(
        uow,
        ctx,
        "quote.create",
        "quote",
        saved.number,
        after={"number": saved.number, "total": str(saved.totals.total)},
    )
    uow.commit()
    return saved


def quote_purchase(ctx: Context, order: Order, *, valid_days: int = 30) -> Quote:
    ctx.actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    today = ctx.today
    with ctx.new_uow() as uow:
        pricing = BillingContext.load(uow, order.account_id)
        on_request = check_order(pricing, order)
        quote = pricing.quote(
            QuoteKind.PURCHASE,
            priced_order(pricing, order, today),
            request=order.as_request(),
            valid_until=quote_valid_until(today, valid_days),
        )
        return _new_quote(uow, ctx, replace(quote, contact_request=bool(on_request)))


def quote_change(
    ctx: Context, subscription_id: int, request: ChangeRequest, *, valid_days: int = 30
) -> Quote:
    ctx.actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    with ctx.new_uow() as uow:
        planned = plan_for(uow, ctx, subscription_id, request)
        if not planned.plan.lines:
            raise RuleViolation(
                "R13",
                "this change invoices nothing now (downgrades and cycle "
                "changes wait for the period end); there is nothing to quote",
            )
        subscription = planned.before
        data: dict[str, Any] = {
            "subscription_id": subscription_id,
            "seats": dict(request.seats),
            "addons": dict(request.addons),
            "cycle": request.cycle.value if request.cycle else None,
            # what the quote was priced from: accepting it needs the same starting point
            "from_seats": {c: subscription.seats.get(c, 0) for c in request.seats},
            "from_addons": {c: subscription.addons.get(c, 0) for c in request.addons},
        }
        quote = planned.pricing.quote(
            QuoteKind.CHANGE,
            planned.document(planned.plan.lines),
            request=data,
            valid_until=quote_valid_until(ctx.today, valid_days),
        )
        return _new_quote(uow, ctx, quote)


def accept_quote(ctx: Context, reference: str) -> tuple[Quote, Purchase | ChangeResult]:
    """Apply the quoted purchase or change at the quoted unit prices, in one transaction."""
    ctx.actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    with ctx.new_uow() as uow:
        uow.claim("quote", uow.quotes.get(reference).id or 0)  # accepted once, not twice
        quote = uow.quotes.get(reference)
        check_can_accept_quote(quote.status, quote.valid_until, ctx.today)
        result: Purchase | ChangeResult
        if quote.kind is QuoteKind.PURCHASE:
            result = place_order(uow, ctx, Order.from_request(quote.request), quote.prices)
        else:
            data = quote.request
            request = ChangeRequest(
                dict(data.get("seats") or {}),
                dict(data.get("addons") or {}),
                Cycle(data["cycle"]) if data.get("cycle") else None,
            )
            subscription_id = int(data["subscription_id"])
            _check_still_as_quoted(uow, quote, subscription_id, ctx.today)
            result = apply_change(uow, ctx, subscription_id, request, quote)
        accepted = uow.quotes.set_status(quote, QuoteStatus.ACCEPTED)
        audit.record_change(uow, ctx, "quote.accept", "quote", quote.number)
        uow.commit()
        return accepted, result


def _check_still_as_quoted(
    uow: UnitOfWork, quote: Quote, subscription_id: int, today: date
) -> None:
    """R13: a change quote is accepted as quoted, or not at all."""
    subscription = uow.subscriptions.get(subscription_id)
    data = quote.request
    now = {
        **{f"seat {c}": subscription.seats.get(c, 0) for c in data.get("from_seats", {})},
        **{f"add-on {c}": subscription.addons.get(c, 0) for c in data.get("from_addons", {})},
    }
    then = {
        **{f"seat {c}": n for c, n in data.get("from_seats", {}).items()},
        **{f"add-on {c}": n for c, n in data.get("from_addons", {}).items()},
    }
    if now != then:
        raise RuleViolation(
            "R13",
            f"the subscription changed since quote {quote.number} was made; ask for a new quote",
        )
    ends = min((line.period.end for line in quote.lines), default=today)
    if today >= ends:
        raise RuleViolation(
            "R13", f"quote {quote.number} priced a period that ended on {ends}; ask for a new quote"
        )


def reject_quote(ctx: Context, reference: str) -> Quote:
    ctx.actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    with ctx.new_uow() as uow:
        quote = uow.quotes.get(reference)
        status = quote.status_on(ctx.today)
        if status not in (QuoteStatus.DRAFT, QuoteStatus.SENT):
            raise RuleViolation("R13", f"the quote is {status.value}; it can no longer be rejected")
        rejected = uow.quotes.set_status(quote, QuoteStatus.REJECTED)
        audit.record_change(uow, ctx, "quote.reject", "quote", quote.number)
        uow.commit()
        return rejected


def list_quotes(ctx: Context, account_id: int | None = None) -> list[Quote]:
    """The quotes of one account or of all, oldest first."""
    ctx.actor.require(Permission.READ_BILLING)
    with ctx.new_uow() as uow:
        return uow.reads.billing.quotes(account_id)


def get_quote(ctx: Context, reference: str) -> Quote:
    ctx.actor.require(Permission.READ_BILLING)
    with ctx.new_uow() as uow:
        return uow.quotes.get(reference)
