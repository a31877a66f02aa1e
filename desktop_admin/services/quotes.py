"""Quotes (R13): price a purchase or a change without committing it; accepting a
valid quote applies it at the quoted prices; an expired quote cannot be accepted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.invoicing import InvoiceReason
from desktop_admin.domain.lifecycle import QuoteStatus, check_can_accept_quote, quote_valid_until
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.quotes import Quote, QuoteKind
from desktop_admin.services import audit
from desktop_admin.services.billing_context import BillingContext
from desktop_admin.services.changes import ChangeResult, apply_change, plan_for
from desktop_admin.services.ports import Clock, UnitOfWork
from desktop_admin.services.purchases import Order, Purchase, check_order, order_lines, place_order


def _new_quote(uow: UnitOfWork, clock: Clock, actor: Operator, quote: Quote) -> Quote:
    saved = uow.quotes.add(quote)
    audit.record(
        uow,
        clock,
        actor,
        "quote.create",
        "quote",
        saved.number,
        after={"number": saved.number, "total": str(saved.totals.total)},
    )
    uow.commit()
    return saved


def quote_purchase(
    uow: UnitOfWork, clock: Clock, actor: Operator, order: Order, valid_days: int = 30
) -> Quote:
    actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    today = clock.today()
    with uow:
        ctx = BillingContext.load(uow, order.account_id)
        on_request = check_order(ctx, order)
        start = order.start or today
        invoice = ctx.document(
            InvoiceReason.PURCHASE, None, today, order_lines(ctx, order, start), order.payment, None
        )
        return _new_quote(
            uow,
            clock,
            actor,
            Quote(
                QuoteKind.PURCHASE,
                order.account_id,
                None,
                order.as_request(),
                invoice.lines,
                today,
                quote_valid_until(today, valid_days),
                ctx.currency.code,
                ctx.seller,
                invoice.buyer,
                ctx.vat.note,
                contact_request=bool(on_request),
            ),
        )


def quote_change(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    subscription_id: int,
    request: ChangeRequest,
    valid_days: int = 30,
) -> Quote:
    actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    today = clock.today()
    with uow:
        ctx, subscription, plan = plan_for(uow, clock, subscription_id, request, None)
        if not plan.lines:
            raise RuleViolation(
                "R13",
                "this change invoices nothing now (downgrades and cycle "
                "changes wait for the period end); there is nothing to quote",
            )
        invoice = ctx.document(
            InvoiceReason.UPGRADE,
            subscription_id,
            today,
            list(plan.lines),
            subscription.payment_kind,
            None,
        )
        data: dict[str, Any] = {
            "subscription_id": subscription_id,
            "seats": dict(request.seats),
            "addons": dict(request.addons),
            "cycle": request.cycle.value if request.cycle else None,
            # what the quote was priced from: accepting it needs the same starting point
            "from_seats": {c: subscription.seats.get(c, 0) for c in request.seats},
            "from_addons": {c: subscription.addons.get(c, 0) for c in request.addons},
        }
        return _new_quote(
            uow,
            clock,
            actor,
            Quote(
                QuoteKind.CHANGE,
                subscription.account_id,
                subscription_id,
                data,
                invoice.lines,
                today,
                quote_valid_until(today, valid_days),
                ctx.currency.code,
                ctx.seller,
                invoice.buyer,
                ctx.vat.note,
            ),
        )


def accept_quote(
    uow: UnitOfWork, clock: Clock, actor: Operator, reference: str
) -> tuple[Quote, Purchase | ChangeResult]:
    """Apply the quoted purchase or change at the quoted unit prices, in one transaction."""
    actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    with uow:
        quote = uow.quotes.get(reference)
        check_can_accept_quote(quote.status, quote.valid_until, clock.today())
        prices: dict[tuple[str, str], Decimal] = {
            ("addon" if line.kind.value == "addon" else "role", line.code): line.unit_price
            for line in quote.lines
        }
        result: Purchase | ChangeResult
        if quote.kind is QuoteKind.PURCHASE:
            result = place_order(uow, clock, actor, Order.from_request(quote.request), prices)
        else:
            data = quote.request
            request = ChangeRequest(
                dict(data.get("seats") or {}),
                dict(data.get("addons") or {}),
                Cycle(data["cycle"]) if data.get("cycle") else None,
            )
            subscription_id = int(data["subscription_id"])
            _check_still_as_quoted(uow, quote, subscription_id, clock.today())
            result = apply_change(
                uow, clock, actor, subscription_id, request, prices, quote.lines, quote.number
            )
        accepted = uow.quotes.set_status(quote, QuoteStatus.ACCEPTED)
        audit.record(uow, clock, actor, "quote.accept", "quote", quote.number)
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


def reject_quote(uow: UnitOfWork, clock: Clock, actor: Operator, reference: str) -> Quote:
    actor.require(Permission.MANAGE_SUBSCRIPTIONS)
    with uow:
        quote = uow.quotes.get(reference)
        status = quote.status_on(clock.today())
        if status not in (QuoteStatus.DRAFT, QuoteStatus.SENT):
            raise RuleViolation("R13", f"the quote is {status.value}; it can no longer be rejected")
        rejected = uow.quotes.set_status(quote, QuoteStatus.REJECTED)
        audit.record(uow, clock, actor, "quote.reject", "quote", quote.number)
        uow.commit()
        return rejected


def list_quotes(uow: UnitOfWork, actor: Operator, account_id: int | None = None) -> list[Quote]:
    actor.require(Permission.READ_BILLING)
    with uow:
        return uow.quotes.for_account(account_id)


def get_quote(uow: UnitOfWork, actor: Operator, reference: str) -> Quote:
    actor.require(Permission.READ_BILLING)
    with uow:
        return uow.quotes.get(reference)
