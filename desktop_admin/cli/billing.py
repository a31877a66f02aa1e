"""Sub-commands for the seller, subscriptions, quotes, invoices and the billing run."""

from __future__ import annotations

import argparse
import sys
from decimal import Decimal, InvalidOperation
from typing import Any

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.cli import output as out
from desktop_admin.cli.auth import login
from desktop_admin.cli.documents import invoice_doc, invoice_text, quote_doc, quote_text
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.lifecycle import renewal_deadline
from desktop_admin.domain.periods import Cycle
from desktop_admin.services.changes import ChangeResult
from desktop_admin.services.purchases import Order, Purchase


def quantities(
    values: list[str] | None, option: str, cycles: dict[str, Cycle] | None = None
) -> dict[str, int]:
    """`CODE=N` pairs from repeated options, every bad one listed; `CODE=N@CYCLE`
    names the item's cycle (a cart has one, R05) when `cycles` collects them."""
    found: dict[str, int] = {}
    problems = []
    for value in values or []:
        code, _, rest = value.partition("=")
        number, _, cycle = rest.partition("@")
        if not code.strip() or not number.strip().isdigit():
            problems.append(Problem(f"{value!r} is not CODE=N", field=option))
        elif code.strip() in found:
            problems.append(Problem(f"{code} is given twice", field=option))
        elif cycle and (cycles is None or cycle not in {c.value for c in Cycle}):
            problems.append(Problem(f"{cycle!r} is not a cycle here", field=option))
        else:
            found[code.strip()] = int(number)
            if cycle and cycles is not None:
                cycles[code.strip()] = Cycle(cycle)
    if problems:
        raise InvalidInput("Bad quantities.", problems)
    return found


def _order(args: argparse.Namespace) -> Order:
    cycles: dict[str, Cycle] = {}
    seats = quantities(args.seat, "--seat", cycles)
    addons = quantities(args.addon, "--addon", cycles)
    return Order(
        args.account, Cycle(args.cycle), seats, addons, args.payment, args.start, args.trial, cycles
    )


def _request(args: argparse.Namespace) -> ChangeRequest:
    return ChangeRequest(
        quantities(args.seat, "--seat"),
        quantities(args.addon, "--addon"),
        Cycle(args.cycle) if args.cycle else None,
    )


def _purchase_out(args: argparse.Namespace, done: Purchase, today: Any) -> int:
    if done.quote is not None:
        print(
            f"desktop-admin: R04: sold on request only in this country; quote request "
            f"{done.quote.number} created instead of an order",
            file=sys.stderr,
        )
        return out.say(args, {"quote": quote_doc(done.quote, today)}, quote_text(done.quote, today))
    assert done.subscription is not None
    doc = out.subscription_doc(done.subscription) | {
        "invoice": invoice_doc(done.invoice) if done.invoice else None
    }
    text = f"Subscription {done.subscription.id} created"
    text += (
        f"; invoice {done.invoice.number}: {doc['invoice']['total']} {done.invoice.currency}."
        if done.invoice
        else f"; trial until {done.subscription.ends_on}."
    )
    return out.say(args, doc, text)


def _change_out(args: argparse.Namespace, result: ChangeResult, verb: str) -> int:
    preview = result.preview
    doc = (
        invoice_doc(preview)
        if preview
        else {"lines": [], "net": "0.00", "vat": "0.00", "total": "0.00"}
    )
    doc = {
        **doc,
        "scheduled": [
            {
                "product": c.product,
                "code": c.code,
                "quantity": c.quantity,
                "cycle": c.cycle,
                "effective_on": c.effective_on,
            }
            for c in result.scheduled
        ],
        "draft": invoice_doc(result.draft) if result.draft else None,
        "invoice": invoice_doc(result.invoice) if result.invoice else None,
    }
    text = invoice_text(preview) if preview else "Nothing to invoice now."
    if result.invoice is not None:
        text = invoice_text(result.invoice)
    for change in result.scheduled:
        text += f"\nScheduled: {change.describe()}"
    if result.draft is not None:
        text += (
            f"\n{verb}: today's upgrade invoice (draft) now totals "
            f"{invoice_doc(result.draft)['total']}; the billing run issues it."
        )
    return out.say(args, doc, text)


def seller_set(app: AdminApp, args: argparse.Namespace) -> int:
    seller = (
        login(app, args)
        .billing.set_seller(
            name=args.name,
            legal_form=args.legal_form,
            street=args.street,
            postcode=args.postcode,
            city=args.city,
            country=args.country,
            vat_number=args.vat_number,
            registration=args.registration,
            iban=args.iban,
            bic=args.bic,
            email=args.email,
            address=args.address,
            logo_file=args.logo,
        )
        .value
    )
    return out.say(args, seller.pictured(), f"Seller set: {seller.name} ({seller.country}).")


def seller_show(app: AdminApp, args: argparse.Namespace) -> int:
    seller = login(app, args).billing.seller()
    facts = (
        (seller.legal_form, ""),
        (seller.postal_lines, ""),
        (seller.country, ""),
        (seller.vat_number, "VAT "),
        (seller.registration, "Registration "),
        (seller.grouped_iban, "IBAN "),
        (seller.bic, "BIC "),
        (seller.email, ""),
        (seller.logo and f"{seller.logo.media_type}, {len(seller.logo.data)} bytes", "Logo: "),
    )
    text = "\n".join([seller.name] + [f"{label}{value}" for value, label in facts if value])
    return out.say(args, seller.pictured(), text)


def subscription_create(app: AdminApp, args: argparse.Namespace) -> int:
    return _purchase_out(
        args, login(app, args).subscriptions.purchase(_order(args)).value, app.clock.today()
    )


def subscription_show(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    sub = session.subscriptions.get(args.id)
    today = app.clock.today()
    period = sub.current_period(today)
    changes = [c.change for c in session.subscriptions.scheduled_changes(args.id)]
    seats = ", ".join(f"{code}={n}" for code, n in sorted(sub.seats.items()))
    addons = ", ".join(f"{code}={n}" for code, n in sorted(sub.addons.items())) or "-"
    deadline = renewal_deadline(sub, today)
    doc = out.subscription_doc(sub) | {
        "period_start": period.start,
        "period_end": period.end,
        "billed_through": sub.billed_through,
        "stop_renewal_deadline": deadline,
        "cancelled_on": sub.cancelled_on,
        "read_only_until": sub.read_only_until,
        "scheduled": [
            {
                "id": c.id,
                "product": c.product,
                "code": c.code,
                "quantity": c.quantity,
                "cycle": c.cycle,
                "effective_on": c.effective_on,
                "status": c.status,
                "note": c.note,
            }
            for c in changes
        ],
    }
    text = (
        f"Subscription {sub.id} of account {sub.account_id}: {sub.cycle.value}, "
        f"{sub.status.value}\nseats: {seats}\nadd-ons: {addons}\n"
    )
    if sub.status.value in ("active", "trial"):
        text += f"period {period.shown()}\nauto-renewal: " + (
            f"on (can be stopped until {deadline})"
            if sub.auto_renew
            else f"off; it ends on {sub.billed_through or sub.ends_on}"
        )
    else:
        text += f"ended on {sub.ends_on}" + (
            f"; data read-only until {sub.read_only_until}" if sub.read_only_until else ""
        )
    for c in changes:
        text += f"\nchange {c.id}: {c.describe()} [{c.status.value}] {c.note}".rstrip()
    return out.say(args, doc, text)


def subscription_preview(app: AdminApp, args: argparse.Namespace) -> int:
    result = login(app, args).subscriptions.preview_change(args.id, _request(args))
    return _change_out(args, result, "Preview")


def subscription_change(app: AdminApp, args: argparse.Namespace) -> int:
    result = login(app, args).subscriptions.change(args.id, _request(args)).value
    return _change_out(args, result, "Changed")


def subscription_renewal(app: AdminApp, args: argparse.Namespace) -> int:
    sub = login(app, args).subscriptions.set_auto_renew(args.id, renew=args.renew).value
    text = (
        "Auto-renewal resumed."
        if args.renew
        else f"Auto-renewal stopped: the subscription ends on {sub.billed_through}."
    )
    return out.say(args, out.subscription_doc(sub), text)


def subscription_cancel(app: AdminApp, args: argparse.Namespace) -> int:
    done = login(app, args).subscriptions.cancel(args.id, refund=args.refund).value
    sub = done.subscription
    doc = out.subscription_doc(sub) | {
        "read_only_until": sub.read_only_until,
        "credit_note": invoice_doc(done.credit_note) if done.credit_note else None,
        "credit_notes": [invoice_doc(note) for note in done.credit_notes],
    }
    text = f"Subscription {sub.id} {sub.status.value} on {sub.cancelled_on}"
    text += (
        f"; data read-only until {sub.read_only_until}."
        if sub.read_only_until
        else "; its data stays readable, every change is refused."
    )
    for note in done.credit_notes:
        text += f"\nCredit note {note.number}: {invoice_doc(note)['total']} {note.currency}."
    return out.say(args, doc, text)


def subscription_cancel_change(app: AdminApp, args: argparse.Namespace) -> int:
    change = login(app, args).subscriptions.cancel_change(args.id, change_id=args.change).value
    return out.say(
        args, {"id": change.id, "status": change.status}, f"Scheduled change {change.id} cancelled."
    )


def quote_create(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    if args.subscription:
        quote = session.billing.quote_change(args.subscription, _request(args)).value
    elif args.account and args.cycle:
        quote = session.billing.quote_purchase(_order(args)).value
    else:
        raise InvalidInput(
            "A quote is for a purchase (--account and --cycle) or a change (--subscription).",
            [Problem("missing", field="--account")],
        )
    return out.say(args, quote_doc(quote, app.clock.today()), quote_text(quote, app.clock.today()))


def quote_decide(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    if not args.accept:
        quote = session.billing.reject_quote(args.reference).value
        return out.say(args, quote_doc(quote, app.clock.today()), f"Quote {quote.number} rejected.")
    quote, result = session.billing.accept_quote(args.reference).value
    print(f"Quote {quote.number} accepted.", file=sys.stderr)
    if isinstance(result, Purchase):
        return _purchase_out(args, result, app.clock.today())
    return _change_out(args, result, "Changed")


def _listing(args: argparse.Namespace, docs: list[dict[str, Any]], dated: str, heading: str) -> int:
    """Documents as JSON, or as a table: id, number, kind, a date, total and status."""
    rows = [
        (
            d["id"],
            d["number"] or "(draft)",
            d["kind"].value,
            d[dated],
            d["total"],
            d["status"].value,
        )
        for d in docs
    ]
    return out.say(
        args, docs, out.table(rows, ("id", "number", "kind", heading, "total", "status"))
    )


def quote_list(app: AdminApp, args: argparse.Namespace) -> int:
    quotes = login(app, args).billing.quotes(args.account)
    return _listing(
        args, [quote_doc(q, app.clock.today()) for q in quotes], "valid_until", "valid until"
    )


def quote_show(app: AdminApp, args: argparse.Namespace) -> int:
    quote = login(app, args).billing.quote(args.reference)
    return out.say(args, quote_doc(quote, app.clock.today()), quote_text(quote, app.clock.today()))


def invoice_list(app: AdminApp, args: argparse.Namespace) -> int:
    docs = [invoice_doc(i) for i in login(app, args).billing.invoices(args.account)]
    return _listing(args, docs, "issue_date", "issued")


def invoice_show(app: AdminApp, args: argparse.Namespace) -> int:
    invoice = login(app, args).billing.invoice(args.reference)
    return out.say(args, invoice_doc(invoice), invoice_text(invoice))


def invoice_pay(app: AdminApp, args: argparse.Namespace) -> int:
    try:
        amount = Decimal(args.amount) if args.amount else None
    except InvalidOperation:
        raise InvalidInput("Bad amount.", [Problem(repr(args.amount), field="--amount")]) from None
    invoice, payment = (
        login(app, args)
        .billing.record_payment(
            args.reference, method=args.method, payment_reference=args.ref, amount=amount
        )
        .value
    )
    return out.say(
        args,
        invoice_doc(invoice),
        f"Payment of {payment.amount} recorded; {invoice.number} is {invoice.status.value}.",
    )


def invoice_issue(app: AdminApp, args: argparse.Namespace) -> int:
    invoice = login(app, args).billing.issue_invoice(args.reference).value
    return out.say(args, invoice_doc(invoice), f"Invoice {invoice.number} issued.")


def billing_run(app: AdminApp, args: argparse.Namespace) -> int:
    session: OperatorSession = login(app, args)
    report = session.billing.run().value
    doc = {
        "today": report.today,
        "invoices": report.invoices,
        "renewals": report.renewals,
        "ended": report.ended,
        "trials_ended": report.trials_ended,
        "changes_applied": report.changes_applied,
        "blocked": report.blocked,
        "disabled": report.disabled,
        "at_risk": report.at_risk,
        "problems": report.problems,
    }
    text = (
        f"Billing run for {report.today}: {len(report.invoices)} invoice(s) issued, "
        f"{report.renewals} renewal(s), {len(report.ended)} ended, "
        f"{len(report.trials_ended)} trial(s) ended, {report.changes_applied} change(s) "
        "applied."
    )
    for line in report.needs_attention:
        text += f"\nattention: {line}"
    return out.say(args, doc, text)
