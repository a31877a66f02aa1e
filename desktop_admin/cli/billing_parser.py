"""Arguments of the billing sub-commands (interfaces.md)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from desktop_admin.cli import billing as b
from desktop_admin.cli import documents
from desktop_admin.domain.periods import Cycle

CYCLES = [c.value for c in Cycle]


def _order_options(p: argparse.ArgumentParser, required: bool, date_type: Any) -> None:
    p.add_argument("--account", type=int, required=required, metavar="ID")
    p.add_argument("--cycle", required=required, choices=CYCLES)
    p.add_argument("--seat", action="append", metavar="ROLE=N", required=required)
    p.add_argument("--addon", action="append", metavar="CODE=N")
    p.add_argument("--payment", default="card", choices=["card", "transfer"])
    p.add_argument("--start", type=date_type, metavar="YYYY-MM-DD")
    p.add_argument("--trial", action="store_true", help="start the roles' free trial (R18)")


def _change_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--seat",
        action="append",
        metavar="ROLE=N",
        help="the wanted number of seats (more: now; fewer: at the period end)",
    )
    p.add_argument("--addon", action="append", metavar="CODE=N")
    p.add_argument("--cycle", choices=CYCLES, help="the cycle from the next renewal (R12)")


def register(
    sub: Any, command: Callable[..., argparse.ArgumentParser], group: Any, date_type: Any
) -> None:
    sel = group(sub, "seller", "the seller's details printed on documents")
    p = command(sel, "set", b.seller_set, "set the seller's name, country, VAT number, address")
    p.add_argument("--name", required=True)
    p.add_argument("--country", required=True, metavar="CC")
    p.add_argument("--vat-number", metavar="V")
    p.add_argument("--address")
    p.add_argument("--email")
    command(sel, "show", b.seller_show, "show the seller's details")

    subs = group(sub, "subscription", "purchases, changes, renewal and cancellation")
    p = command(
        subs,
        "create",
        b.subscription_create,
        "buy seats and add-ons on one cycle: the subscription and its first invoice",
    )
    _order_options(p, True, date_type)
    p = command(
        subs,
        "show",
        b.subscription_show,
        "a subscription, its period, renewal deadline and scheduled changes",
    )
    p.add_argument("id", type=int, metavar="ID")
    for name, handler, text in (
        (
            "preview",
            b.subscription_preview,
            "the lines and total a change would invoice; commits nothing",
        ),
        (
            "change",
            b.subscription_change,
            "upgrade now, downgrade or change cycle at the period end",
        ),
    ):
        p = command(subs, name, handler, text)
        p.add_argument("id", type=int, metavar="ID")
        _change_options(p)
    for name, renew in (("stop-renewal", False), ("resume-renewal", True)):
        p = command(
            subs, name, b.subscription_renewal, f"{name.replace('-', ' ')} (R09)", renew=renew
        )
        p.add_argument("id", type=int, metavar="ID")
    p = command(subs, "cancel", b.subscription_cancel, "cancel at once (R16, R17)")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument(
        "--refund",
        action="store_true",
        help="refund in full by a credit note (yearly or quarterly purchases, within 15 days)",
    )
    p = command(
        subs,
        "cancel-change",
        b.subscription_cancel_change,
        "cancel a scheduled downgrade or cycle change (R11)",
    )
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--change", type=int, required=True, metavar="CHANGE_ID")

    quo = group(sub, "quote", "quotes for purchases and changes (R13)")
    p = command(
        quo,
        "create",
        b.quote_create,
        "price a purchase (--account, --cycle, --seat) "
        "or a change (--subscription) without committing it",
    )
    p.add_argument("--subscription", type=int, metavar="ID")
    _order_options(p, False, date_type)
    for name, accept in (("accept", True), ("reject", False)):
        p = command(quo, name, b.quote_decide, f"{name} a quote", accept=accept)
        p.add_argument("reference", metavar="ID|NUMBER")
    p = command(quo, "list", b.quote_list, "list quotes")
    p.add_argument("--account", type=int, metavar="ID")
    p = command(quo, "show", b.quote_show, "a quote by id or number")
    p.add_argument("reference", metavar="ID|NUMBER")
    p = command(quo, "pdf", documents.quote_pdf, "save a quote as PDF; prints the file's path")
    p.add_argument("reference", metavar="ID|NUMBER")
    p.add_argument("--out", metavar="FILE", help="the file or folder (default: ./NUMBER.pdf)")

    inv = group(sub, "invoice", "invoices and credit notes")
    p = command(inv, "list", b.invoice_list, "list invoices and credit notes")
    p.add_argument("--account", type=int, metavar="ID")
    p = command(inv, "show", b.invoice_show, "an invoice by id or number")
    p.add_argument("reference", metavar="ID|NUMBER")
    p = command(
        inv,
        "pdf",
        documents.invoice_pdf,
        "save an issued invoice or credit note as PDF; prints the file's path",
    )
    p.add_argument("reference", metavar="ID|NUMBER")
    p.add_argument("--out", metavar="FILE", help="the file or folder (default: ./NUMBER.pdf)")
    p = command(inv, "pay", b.invoice_pay, "record a payment (the balance by default)")
    p.add_argument("reference", metavar="ID|NUMBER")
    p.add_argument("--method", required=True, choices=["card", "transfer"])
    p.add_argument("--ref", required=True, help="the card token or the transfer reference")
    p.add_argument("--amount")
    p = command(inv, "issue", b.invoice_issue, "issue today's draft upgrade invoice now")
    p.add_argument("reference", metavar="ID")

    bil = group(sub, "billing", "the billing run")
    command(
        bil,
        "run",
        b.billing_run,
        "renewals, scheduled changes and ends due up to --today (idempotent)",
    )
