"""The sub-commands' arguments (interfaces.md); each is bound to its handler."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from desktop_admin.cli import accounts, billing_parser, maintenance, sync
from desktop_admin.cli import commands as c


def iso_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


def _command(
    group: Any, name: str, handler: Any, help_text: str, **defaults: Any
) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = group.add_parser(name, help=help_text, description=help_text)
    parser.set_defaults(handler=handler, **defaults)
    parser.add_argument(
        "--json",
        action="store_true",
        default=argparse.SUPPRESS,
        help="one JSON document on stdout (also accepted before the command)",
    )
    return parser


def _group(sub: Any, name: str, help_text: str) -> Any:
    parser = sub.add_parser(name, help=help_text, description=help_text)
    return parser.add_subparsers(dest=f"{name}_command", required=True, metavar="ACTION")


def register(sub: Any) -> None:
    _register_setup(sub)
    _register_accounts(sub)
    _register_users(sub)
    billing_parser.register(sub, _command, _group, iso_date)
    _register_audit(sub)
    sync.register(sub, _command, _group)


def _register_setup(sub: Any) -> None:
    p = _command(
        sub,
        "init",
        c.init,
        "create or upgrade the database; --admin creates its first Administrator",
    )
    p.add_argument("--admin", metavar="LOGIN", help="login of the first Administrator")
    p.add_argument("--name", help="the Administrator's display name")
    p.add_argument("--demo", action="store_true", help="load a realistic demo dataset")

    ops = _group(sub, "operator", "people who use Seat Desk (Administrator only)")
    p = _command(
        ops,
        "add",
        c.operator_add,
        "add an operator; password from $DESKTOP_ADMIN_NEW_PASSWORD or a prompt",
    )
    p.add_argument("--login", dest="login_name", required=True)
    p.add_argument(
        "--role", required=True, choices=["administrator", "user_manager", "billing_clerk"]
    )
    p.add_argument("--name")
    _command(ops, "list", c.operator_list, "list operators")

    cat = _group(sub, "catalog", "the vendor's price list")
    p = _command(cat, "import", c.catalog_import, "import a catalog TOML file (all or nothing)")
    p.add_argument("file", metavar="FILE")
    _command(cat, "show", c.catalog_show, "show roles, add-ons and prices")

    for name, handler, help_text in (
        ("backup", maintenance.backup, "copy the SQLite database to FILE, checked and private"),
        ("restore", maintenance.restore, "replace the whole SQLite database by the backup FILE"),
    ):
        p = _command(sub, name, handler, f"{help_text} (Administrators only)")
        p.add_argument("file", metavar="FILE")


def _register_accounts(sub: Any) -> None:
    acc = _group(sub, "account", "customer accounts")
    p = _command(acc, "create", c.account_create, "create an account")
    p.add_argument("--name", required=True)
    p.add_argument("--audience", required=True, choices=["company", "maker", "student"])
    p.add_argument("--country", required=True, metavar="CC")
    p.add_argument("--vat-number", metavar="V")
    p.add_argument("--language", default="en", choices=["en", "fr"])
    accounts.contact_arguments(p)
    p.add_argument("--address", help="the postal address as one text (else --street, ...)")
    _command(acc, "list", c.account_list, "list accounts")
    p = _command(
        acc, "show", c.account_show, "an account with its seats, payment methods and subscriptions"
    )
    p.add_argument("id", type=int, metavar="ID")
    p = _command(
        acc,
        "add-card",
        c.account_add_card,
        "record a card: processor token, brand, last four digits, expiry (never the number)",
    )
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--token", required=True)
    p.add_argument("--brand", required=True)
    p.add_argument("--last4", required=True)
    p.add_argument("--expiry", required=True, metavar="MM/YYYY")
    p = _command(
        acc,
        "add-transfer",
        c.account_add_transfer,
        "allow payment by bank transfer (companies only)",
    )
    p.add_argument("id", type=int, metavar="ID")
    p = _command(
        acc,
        "purge",
        c.account_purge,
        "after R17's retention: write FILE, an archive of the account's users, then remove them",
    )
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--archive", required=True, metavar="FILE")
    accounts.register(acc, _command)


def _register_audit(sub: Any) -> None:
    aud = _group(sub, "audit", "the audit trail")
    p = _command(aud, "list", c.audit_list, "list changes, newest first")
    p.add_argument("--entity", help="user, account, role, addon, operator, subscription")
    p.add_argument("--entity-id", metavar="ID")
    p.add_argument("--actor", metavar="LOGIN")
    p.add_argument("--limit", type=int, default=100)


def _register_users(sub: Any) -> None:
    usr = _group(sub, "user", "named users and their roles")
    p = _command(usr, "add", c.user_add, "add a named user")
    p.add_argument("--account", type=int, required=True, metavar="ID")
    p.add_argument("--email", required=True, metavar="E")
    p.add_argument("--name", metavar="N")
    p.add_argument("--role", action="append", metavar="ROLE", help="repeat for several roles")
    p.add_argument("--department")
    p.add_argument("--guest", action="store_true", help="a guest: uses a guest-user add-on unit")
    p.add_argument("--admin", action="store_true", help="an administrator of the account")
    p.add_argument("--disabled", action="store_true", help="add it disabled")
    p = _command(usr, "import", c.user_import, "import a user CSV (all or nothing)")
    p.add_argument("file", metavar="FILE.csv")
    p.add_argument("--account", type=int, required=True, metavar="ID")
    p.add_argument(
        "--good-rows-only", action="store_true", help="import the good rows and list the bad ones"
    )
    p.add_argument(
        "--no-rules",
        dest="apply_rules",
        action="store_false",
        help="do not apply the account's assignment rules to the new users",
    )
    p.add_argument(
        "--check",
        action="store_true",
        help="write nothing: list the bad rows and what the rules would assign",
    )
    p = _command(usr, "export", c.user_export, "export users as CSV (or JSON with --json)")
    p.add_argument("--account", type=int, required=True, metavar="ID")
    p.add_argument("--search", default="", help="only users whose email or name contains this")
    p.add_argument("--output", metavar="FILE", help="write the CSV here instead of stdout")
    p = _command(usr, "list", c.user_list, "list users")
    p.add_argument("--account", type=int, required=True, metavar="ID")
    p.add_argument("--search", default="")
    p.add_argument("--limit", type=int, default=1000)
    p = _command(usr, "show", c.user_show, "show a user")
    p.add_argument("id", type=int, metavar="ID")
    for name, enable in (("enable", True), ("disable", False)):
        p = _command(usr, name, c.user_enable, f"{name} users (one transaction)", enable=enable)
        p.add_argument("ids", nargs="+", metavar="ID")
    p = _command(
        usr,
        "remove",
        c.user_remove,
        "delete users outright (recorded in the audit trail; not needed to free a seat)",
    )
    p.add_argument("ids", nargs="+", metavar="ID")
    for name, assign in (("assign", True), ("unassign", False)):
        p = _command(usr, name, c.user_assign, f"{name} a role (one transaction)", assign=assign)
        p.add_argument("--role", required=True, metavar="ROLE")
        p.add_argument("ids", nargs="+", metavar="ID")
