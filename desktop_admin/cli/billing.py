"""Sub-commands for the seller, purchases and invoices."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_admin.app import AdminApp
from desktop_admin.cli import output as out
from desktop_admin.cli.auth import login
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.invoicing import Invoice
from desktop_admin.domain.money import Currency
from desktop_admin.domain.periods import Cycle
from desktop_admin.services.purchases import Order


def quantities(values: list[str] | None, option: str) -> dict[str, int]:
    """`ROLE=N` pairs from repeated options, every bad one listed."""
    found: dict[str, int] = {}
    problems = []
    for value in values or []:
        code, _, number = value.partition("=")
        if not code or not number.strip().isdigit():
            problems.append(Problem(f"{value!r} is not CODE=N", field=option))
        elif code in found:
            problems.append(Problem(f"{code} is given twice", field=option))
        else:
            found[code.strip()] = int(number)
    if problems:
        raise InvalidInput("Bad quantities.", problems)
    return found


def invoice_doc(invoice: Invoice) -> dict[str, Any]:
    currency = Currency.of(invoice.currency)
    sums = invoice.totals
    return {
        "id": invoice.id,
        "number": invoice.number,
        "kind": invoice.kind,
        "reason": invoice.reason,
        "account_id": invoice.account_id,
        "subscription_id": invoice.subscription_id,
        "issue_date": invoice.issue_date,
        "due_date": invoice.due_date,
        "period_start": invoice.period.start,
        "period_end": invoice.period.end,
        "currency": invoice.currency,
        "status": invoice.status,
        "payment_method": invoice.payment_kind,
        "vat_note": invoice.vat_note,
        "lines": [
            {
                "description": line.description,
                "period_start": line.period.start,
                "period_end": line.period.end,
                "quantity": line.quantity,
                "unit_price": currency.format(line.unit_price),
                "amount": currency.format(line.amount),
                "vat_rate": str(line.vat_rate.normalize()),
            }
            for line in invoice.lines
        ],
        "vat_by_rate": [
            {
                "rate": str(v.rate.normalize()),
                "base": currency.format(v.base),
                "vat": currency.format(v.vat),
            }
            for v in sums.vat_by_rate
        ],
        "net": currency.format(sums.net),
        "vat": currency.format(sums.vat),
        "total": currency.format(sums.total),
        "seller": vars(invoice.seller),
        "buyer": vars(invoice.buyer),
    }


def invoice_text(invoice: Invoice) -> str:
    doc = invoice_doc(invoice)
    head = (
        f"{doc['number']}  {invoice.kind.value.replace('_', ' ')}  issued "
        f"{invoice.issue_date}  due {invoice.due_date}  {invoice.status.value}\n"
        f"{invoice.buyer.name} ({invoice.buyer.country})  "
        f"period {invoice.period}\n\n"
    )
    rows = [
        (
            line["description"],
            f"{line['period_start']} – {line['period_end']}",
            line["quantity"],
            line["unit_price"],
            line["amount"],
        )
        for line in doc["lines"]
    ]
    foot = f"\n\nNet {doc['net']}  VAT {doc['vat']}  Total {doc['total']} {invoice.currency}"
    if invoice.vat_note:
        foot += f"\n{invoice.vat_note}"
    return head + out.table(rows, ("line", "period", "qty", "unit price", "amount")) + foot


def seller_set(app: AdminApp, args: argparse.Namespace) -> int:
    party = login(app, args).set_seller(
        args.name, args.country, args.vat_number, args.address, args.email
    )
    return out.say(args, vars(party), f"Seller set: {party.name} ({party.country}).")


def seller_show(app: AdminApp, args: argparse.Namespace) -> int:
    party = login(app, args).seller()
    return out.say(
        args,
        vars(party),
        f"{party.name}, {party.country}, VAT {party.vat_number or '-'}\n{party.address or ''}",
    )


def subscription_create(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    done = session.purchase(
        Order(
            account_id=args.account,
            cycle=Cycle(args.cycle),
            seats=quantities(args.seat, "--seat"),
            addons=quantities(args.addon, "--addon"),
            payment=args.payment,
            start=args.start,
            trial=args.trial,
        )
    )
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


def subscription_show(app: AdminApp, args: argparse.Namespace) -> int:
    sub = login(app, args).subscription(args.id)
    period = sub.current_period(app.clock.today())
    seats = ", ".join(f"{code}={n}" for code, n in sorted(sub.seats.items()))
    addons = ", ".join(f"{code}={n}" for code, n in sorted(sub.addons.items())) or "-"
    return out.say(
        args,
        out.subscription_doc(sub) | {"period_start": period.start, "period_end": period.end},
        f"Subscription {sub.id} of account {sub.account_id}: {sub.cycle.value}, "
        f"{sub.status.value}\nperiod {period}\nseats: {seats}\nadd-ons: {addons}",
    )


def invoice_list(app: AdminApp, args: argparse.Namespace) -> int:
    invoices = login(app, args).invoices(args.account)
    docs = [invoice_doc(i) for i in invoices]
    return out.say(
        args,
        docs,
        out.table(
            [
                (
                    d["id"],
                    d["number"],
                    d["kind"].value,
                    d["issue_date"],
                    d["total"],
                    d["status"].value,
                )
                for d in docs
            ],
            ("id", "number", "kind", "issued", "total", "status"),
        ),
    )


def invoice_show(app: AdminApp, args: argparse.Namespace) -> int:
    invoice = login(app, args).invoice(args.reference)
    return out.say(args, invoice_doc(invoice), invoice_text(invoice))


def register(sub: Any, command: Any, group: Any, date_type: Any) -> None:
    sel = group(sub, "seller", "the seller's details printed on documents")
    p = command(sel, "set", seller_set, "set the seller's name, country, VAT number, address")
    p.add_argument("--name", required=True)
    p.add_argument("--country", required=True, metavar="CC")
    p.add_argument("--vat-number", metavar="V")
    p.add_argument("--address")
    p.add_argument("--email")
    command(sel, "show", seller_show, "show the seller's details")

    subs = group(sub, "subscription", "subscriptions: purchases and their invoices")
    p = command(
        subs,
        "create",
        subscription_create,
        "buy seats and add-ons on one cycle: creates the subscription and issues its first invoice",
    )
    p.add_argument("--account", type=int, required=True, metavar="ID")
    p.add_argument("--cycle", required=True, choices=[c.value for c in Cycle])
    p.add_argument("--seat", action="append", metavar="ROLE=N", required=True)
    p.add_argument("--addon", action="append", metavar="CODE=N")
    p.add_argument("--payment", default="card", choices=["card", "transfer"])
    p.add_argument("--start", type=date_type, metavar="YYYY-MM-DD")
    p.add_argument("--trial", action="store_true", help="start the roles' free trial (R18)")
    p = command(subs, "show", subscription_show, "a subscription with its current period")
    p.add_argument("id", type=int, metavar="ID")

    inv = group(sub, "invoice", "invoices and credit notes")
    p = command(inv, "list", invoice_list, "list invoices and credit notes")
    p.add_argument("--account", type=int, metavar="ID")
    p = command(inv, "show", invoice_show, "an invoice by id or number")
    p.add_argument("reference", metavar="ID|NUMBER")
