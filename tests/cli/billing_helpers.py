"""Helpers for the billing command-line tests (interfaces.md, billing-rules.md).

Only the first Administrator (and, when asked, a billing clerk) is created in-process,
with the cheap hasher; everything else goes through the real `desktop-admin` command,
each call with its own `--today`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Executable, create_engine, text

from tests.cli.conftest import ADMIN, PASSWORD, Cli, Result, add_operator, open_app, seed

# named-user: block on overflow, prorated upgrades, every audience, online in FR and DE.
# designer: sold online only in the US, so a French company gets a quote request (R04).
BILLING_CATALOG = """\
currency = "EUR"

[[roles]]
code = "named-user"
name = "Named user"
kind = "licence"
upgrade_policy = "immediate_prorated"
seat_overflow = "block"
audiences = ["company", "maker", "student"]
online_countries = ["FR", "DE"]
trial_days = 30
prices = { monthly = "10.00", quarterly = "28.50", yearly = "100.00" }

[[roles]]
code = "designer"
name = "Designer"
kind = "licence"
upgrade_policy = "next_month_start"
seat_overflow = "auto_disable"
audiences = ["company", "maker", "student"]
online_countries = ["US"]
trial_days = 0
prices = { monthly = "49.00", quarterly = "135.00", yearly = "490.00" }

[[addons]]
code = "storage-100gb"
name = "Storage 100 GB"
prices = { monthly = "5.00", quarterly = "14.00", yearly = "50.00" }
"""

CLERK = "clerk"

#: Fields interfaces.md promises for an invoice or credit note in `invoice list --json`.
LIST_FIELDS = {
    "id",
    "number",
    "kind",
    "issue_date",
    "period_start",
    "period_end",
    "net",
    "vat",
    "total",
    "status",
}
#: Fields of each line of a preview, an invoice or a quote.
LINE_FIELDS = {"description", "period_start", "period_end", "quantity", "unit_price", "amount"}


def administrator_only(cli: Cli, clerk: bool = False) -> None:
    """A database holding only its first Administrator (and optionally a billing clerk)."""
    app = open_app(cli.url)
    try:
        app.create_first_administrator(ADMIN, PASSWORD)
    finally:
        app.close()
    if clerk:
        add_operator(cli, CLERK, "billing_clerk")


def billing_seed(cli: Cli, clerk: bool = False) -> int:
    """In-process and cheap, for the short tests: Administrator, seller, BILLING_CATALOG
    and one French company that may pay by transfer; returns the account's id."""
    account_id = seed(cli, catalog=BILLING_CATALOG).account_id
    app = open_app(cli.url)
    try:
        session = app.login(ADMIN, PASSWORD)
        session.billing.set_seller(
            name="Seat Desk SAS",
            country="FR",
            vat_number="FR12345678901",
            address="1 rue de la Paix, Paris",
        )
        session.accounts.add_bank_transfer(account_id)
    finally:
        app.close()
    if clerk:
        add_operator(cli, CLERK, "billing_clerk")
    return account_id


@dataclass(frozen=True)
class Desk:
    """The real command on one database, each call on the date it names."""

    cli: Cli

    def on(self, day: str, *args: str, login: str = ADMIN) -> Result:
        return self.cli.run("--db", self.cli.url, "--today", day, "--as", login, *args)

    def ok(self, day: str, *args: str, login: str = ADMIN) -> Result:
        result = self.on(day, *args, login=login)
        assert result.returncode == 0, str(result)
        return result

    def json(self, day: str, *args: str, login: str = ADMIN) -> Any:
        """`--json` before the sub-command; exit 0; stdout is one JSON document."""
        return self.ok(day, "--json", *args, login=login).json

    def refused(self, day: str, *args: str, status: int = 1, login: str = ADMIN) -> Result:
        """A refusal changes nothing in the database and prints nothing on stdout."""
        before = self.cli.snapshot()
        result = self.on(day, *args, login=login)
        assert result.returncode == status, str(result)
        assert result.stdout == "", str(result)
        assert self.cli.snapshot() == before, f"the refused command changed the database\n{result}"
        return result

    def write(self, name: str, content: str) -> Path:
        path = self.cli.home / name
        path.write_text(content, encoding="utf-8")
        return path

    def rows(self, query: str | Executable, **params: Any) -> list[tuple[Any, ...]]:
        """Read the database directly, after the commands: SQL text, or a SQLAlchemy
        statement on the ORM's tables (typed columns: money as Decimal, dates as date)."""
        statement = text(query) if isinstance(query, str) else query
        engine = create_engine(self.cli.url)
        try:
            with engine.connect() as connection:
                return [tuple(r) for r in connection.execute(statement, params)]
        finally:
            engine.dispose()


def money(value: str) -> Decimal:
    """A money string of the interface: two decimals (EUR), parsed exactly."""
    assert isinstance(value, str), f"money must be a string, got {value!r}"
    number = Decimal(value)
    assert number == number.quantize(Decimal("0.01")) and "." in value, value
    assert len(value.split(".")[1]) == 2, f"{value!r} does not have the currency's 2 decimals"
    return number


def check_document(doc: dict[str, Any]) -> None:
    """A preview, an invoice or a quote: lines with their fields, net + vat = total,
    the lines summing to net (R20), money as strings with two decimals, ISO dates."""
    assert {"lines", "net", "vat", "total"} <= set(doc), sorted(doc)
    for line in doc["lines"]:
        assert set(line) >= LINE_FIELDS, sorted(line)
        money(line["unit_price"])
        money(line["amount"])
        assert isinstance(line["quantity"], int)
        assert line["period_start"] < line["period_end"]
        _iso(line["period_start"])
        _iso(line["period_end"])
    net, vat, total = money(doc["net"]), money(doc["vat"]), money(doc["total"])
    assert sum((money(line["amount"]) for line in doc["lines"]), Decimal(0)) == net
    assert net + vat == total


def _iso(value: str) -> None:
    assert date.fromisoformat(value).isoformat() == value, value


def by_number(invoices: Iterable[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {i["number"]: i for i in invoices if i["number"]}
