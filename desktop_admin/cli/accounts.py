"""`desktop-admin account edit|archive|replace-card|remove-payment`: what the window's
Accounts page does, through the same services (permissions, rules, audit)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from desktop_admin.app import AdminApp
from desktop_admin.cli import output as out
from desktop_admin.cli.auth import login
from desktop_admin.domain.errors import InvalidInput, Problem

#: The details of an account an option sets: (option, attribute, metavar, help).
DETAILS = (
    ("--billing-email", "billing_email", "E", "where invoices are sent"),
    ("--street", "street", "S", "street lines of the postal address (\\n between lines)"),
    ("--postcode", "postcode", "P", None),
    ("--city", "city", "C", None),
    ("--buyer-reference", "buyer_reference", "R", "the buyer's reference printed on invoices"),
    ("--po-number", "purchase_order", "N", "purchase order number printed on invoices"),
)


def contact_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of an account's contact and invoice details (create and edit)."""
    for option, attribute, metavar, help_text in DETAILS:
        parser.add_argument(option, dest=attribute, metavar=metavar, help=help_text)


def contact_values(args: argparse.Namespace) -> dict[str, str | None]:
    """The contact and invoice details given (`\\n` in a street is a line break)."""
    values = {detail[1]: getattr(args, detail[1]) for detail in DETAILS}
    if values["street"] is not None:
        values["street"] = values["street"].replace("\\n", "\n")
    return values


def expiry(text: str) -> tuple[int, int]:
    """MM/YYYY as (month, year)."""
    month, _, year = text.partition("/")
    if not (month.isdigit() and year.isdigit()):
        raise InvalidInput("The expiry is MM/YYYY.", [Problem(repr(text), field="--expiry")])
    return int(month), int(year)


def account_edit(app: AdminApp, args: argparse.Namespace) -> int:
    account = (
        login(app, args)
        .accounts.edit(
            args.id,
            version=args.version,
            name=args.name,
            audience=args.audience,
            country=args.country,
            language=args.language,
            vat_number=args.vat_number,
            **contact_values(args),
        )
        .value
    )
    return out.say(
        args, out.account_doc(account), f"Account {account.id} saved (version {account.version})."
    )


def account_archive(app: AdminApp, args: argparse.Namespace) -> int:
    account = login(app, args).accounts.archive(args.id, version=args.version).value
    return out.say(
        args,
        out.account_doc(account),
        f"Account {account.id} archived: it takes no new user, purchase or payment method.",
    )


def account_replace_card(app: AdminApp, args: argparse.Namespace) -> int:
    month, year = expiry(args.expiry)
    method = (
        login(app, args)
        .accounts.replace_card(
            args.id,
            args.method,
            token=args.token,
            brand=args.brand,
            last4=args.last4,
            exp_month=month,
            exp_year=year,
        )
        .value
    )
    return out.say(
        args,
        out.payment_doc(method),
        f"Card {args.method} replaced by card ending {args.last4} (id {method.id}).",
    )


def account_remove_payment(app: AdminApp, args: argparse.Namespace) -> int:
    method = login(app, args).accounts.remove_payment_method(args.id, args.method).value
    return out.say(args, out.payment_doc(method), f"Payment method {method.id} removed.")


def register(accounts: Any, command: Callable[..., argparse.ArgumentParser]) -> None:
    """The sub-commands of `account` defined here."""
    p = command(accounts, "edit", account_edit, "change an account's details (only those given)")
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--name")
    p.add_argument("--audience", choices=["company", "maker", "student"])
    p.add_argument("--country", metavar="CC")
    p.add_argument("--language", choices=["en", "fr"])
    p.add_argument("--vat-number", metavar="V", help='"" removes it')
    contact_arguments(p)
    version_argument(p)
    p = command(
        accounts,
        "archive",
        account_archive,
        "archive an account with no subscription running and no open invoice",
    )
    p.add_argument("id", type=int, metavar="ID")
    version_argument(p)
    p = command(
        accounts,
        "replace-card",
        account_replace_card,
        "replace card METHOD by another: token, brand, last four digits, expiry",
    )
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("method", type=int, metavar="METHOD")
    p.add_argument("--token", required=True)
    p.add_argument("--brand", required=True)
    p.add_argument("--last4", required=True)
    p.add_argument("--expiry", required=True, metavar="MM/YYYY")
    p = command(
        accounts,
        "remove-payment",
        account_remove_payment,
        "remove payment method METHOD (not the last one a running subscription pays by)",
    )
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("method", type=int, metavar="METHOD")


def version_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--version",
        type=int,
        metavar="N",
        help="refuse if the account changed since version N (from `account show`)",
    )
