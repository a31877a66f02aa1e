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


def _refund_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--refund",
        action="store_true",
        help="refund in full by a credit note (yearly or quarterly purchases, within 15 days)",
    )


def _change_id_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--change", type=int, required=True, metavar="CHANGE_ID")


def _pdf_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("reference", metavar="ID|NUMBER")
    p.add_argument("--out", metavar="FILE", help="the file or folder (default: ./NUMBER.pdf)")


def register(
    sub: Any, command: Callable[..., argparse.ArgumentParser], group: Any, date_type: Any
) -> None:
    _register_seller(sub, command, group)
    _register_subscriptions(sub, command, group, date_type)
    _register_quotes(sub, command, group, date_type)
    _register_invoices(sub, command, group)
    bil = group(sub, "billing", "the billing run")
    command(
        bil,
        "run",
        b.billing_run,
        "renewals, scheduled changes and ends due up to --today (idempotent)",
    )


#: `seller set`'s text options (an empty value empties the field).
SELLER_OPTIONS = (
    ("--name", "N"),
    ("--legal-form", "F"),
    ("--street", "S"),
    ("--postcode", "P"),
    ("--city", "C"),
    ("--country", "CC"),
    ("--vat-number", "V"),
    ("--registration", "R"),
    ("--iban", "I"),
    ("--bic", "B"),
    ("--email", "E"),
)


def _register_seller(sub: Any, command: Callable[..., argparse.ArgumentParser], group: Any) -> None:
    sel = group(sub, "seller", "the seller's details printed on documents")
    p = command(
        sel, "set", b.seller_set, "change the seller's details given (name and country first)"
    )
    for option, metavar in SELLER_OPTIONS:
        p.add_argument(option, metavar=metavar)
    p.add_argument("--address", help="the postal lines as one text (same as --street)")
    p.add_argument("--logo", metavar="FILE", help="a PNG, JPEG or SVG image of at most 512 KB")
    command(sel, "show", b.seller_show, "show the seller's details")


#: The sub-commands on one subscription: name, handler, help, options after its ID,
#: and the defaults they set.
ON_A_SUBSCRIPTION: tuple[tuple[str, Any, str, Any, dict[str, Any]], ...] = (
    (
        "show",
        b.subscription_show,
        "a subscription, its period, renewal deadline and scheduled changes",
        None,
        {},
    ),
    (
        "preview",
        b.subscription_preview,
        "the lines and total a change would invoice; commits nothing",
        _change_options,
        {},
    ),
    (
        "change",
        b.subscription_change,
        "upgrade now, downgrade or change cycle at the period end",
        _change_options,
        {},
    ),
    ("stop-renewal", b.subscription_renewal, "stop renewal (R09)", None, {"renew": False}),
    ("resume-renewal", b.subscription_renewal, "resume renewal (R09)", None, {"renew": True}),
    ("cancel", b.subscription_cancel, "cancel at once (R16, R17)", _refund_option, {}),
    (
        "cancel-change",
        b.subscription_cancel_change,
        "cancel a scheduled downgrade or cycle change (R11)",
        _change_id_option,
        {},
    ),
)


def _register_subscriptions(
    sub: Any, command: Callable[..., argparse.ArgumentParser], group: Any, date_type: Any
) -> None:
    subs = group(sub, "subscription", "purchases, changes, renewal and cancellation")
    p = command(
        subs,
        "create",
        b.subscription_create,
        "buy seats and add-ons on one cycle: the subscription and its first invoice",
    )
    _order_options(p, True, date_type)
    for name, handler, text, options, defaults in ON_A_SUBSCRIPTION:
        p = command(subs, name, handler, text, **defaults)
        p.add_argument("id", type=int, metavar="ID")
        if options is not None:
            options(p)


def _register_quotes(
    sub: Any, command: Callable[..., argparse.ArgumentParser], group: Any, date_type: Any
) -> None:
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
    _pdf_options(
        command(quo, "pdf", documents.quote_pdf, "save a quote as PDF; prints the file's path")
    )


def _register_invoices(
    sub: Any, command: Callable[..., argparse.ArgumentParser], group: Any
) -> None:
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
    _pdf_options(p)
    p = command(inv, "pay", b.invoice_pay, "record a payment (the balance by default)")
    p.add_argument("reference", metavar="ID|NUMBER")
    p.add_argument("--method", required=True, choices=["card", "transfer"])
    p.add_argument("--ref", required=True, help="the card token or the transfer reference")
    p.add_argument("--amount")
    p = command(inv, "issue", b.invoice_issue, "issue today's draft upgrade invoice now")
    p.add_argument("reference", metavar="ID")
