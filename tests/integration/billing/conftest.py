"""Fixtures for the billing integration tests: the seller, buyers with payment methods,
sessions on other dates, and checks that any invoice must pass (R19, R20)."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.changes import ScheduledChange
from desktop_admin.domain.invoicing import Invoice
from desktop_admin.domain.periods import Cycle
from desktop_admin.persistence.orm import InvoiceLineRow, InvoiceRow
from desktop_admin.security import Argon2Hasher
from desktop_admin.services.catalog import CatalogImport
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, CATALOG_TEXT, TODAY
from tests.dbtools import fresh_postgres_database

CENT = Decimal("0.01")
ROOT = Path(__file__).resolve().parents[3]
DESKTOP_ADMIN = ROOT / ".venv" / "bin" / "desktop-admin"

#: A business experience (R17) beside the licences of the shared catalog.
BIM_ROLE = """
[[roles]]
code = "bim-project"
name = "BIM project"
kind = "business_experience"
upgrade_policy = "immediate_prorated"
seat_overflow = "block"
audiences = ["company"]
online_countries = ["FR", "DE"]
trial_days = 0
prices = { quarterly = "300.00", yearly = "1000.00" }
"""

SessionAt = Callable[[date], OperatorSession]


def money(value: Fraction | Decimal | int) -> Decimal:
    """An exact amount rounded once, half up, to the cent (the spec's rule)."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def with_price(catalog: str, role: str, cycle: str, price: str) -> str:
    """The catalog text with one role's price for one cycle replaced."""
    block = catalog.index(f'code = "{role}"')
    prices = catalog.index("prices = {", block)
    end = catalog.index("\n", prices)
    line = re.sub(rf'{cycle} = "[0-9.]+"', f'{cycle} = "{price}"', catalog[prices:end])
    return catalog[:prices] + line + catalog[end:]


@pytest.fixture
def catalog_text() -> str:
    return CATALOG_TEXT + BIM_ROLE


@dataclass(frozen=True)
class Buyers:
    fr: Account  # a French company with a VAT number: card and bank transfer
    de: Account  # a German company with a VAT number: card (reverse charge)
    maker: Account  # a French maker: card
    it: Account  # an Italian company: card; designer is contact-only there (R04)
    bare: Account  # a French company without any payment method

    def id(self, name: str) -> int:
        account: Account = getattr(self, name)
        assert account.id is not None
        return account.id


def set_french_seller(session: OperatorSession) -> None:
    session.billing.set_seller(
        name="Seat Desk SAS",
        country="FR",
        vat_number="FR40303265045",
        address="1 rue de la Paix, Paris",
        email="billing@seat.example",
    )


@pytest.fixture
def desk(admin: OperatorSession, catalog: CatalogImport) -> OperatorSession:
    """The Administrator, with the catalog imported and a French seller set."""
    set_french_seller(admin)
    return admin


@pytest.fixture
def buyers(desk: OperatorSession) -> Buyers:
    fr = desk.accounts.create(
        name="Acme Studio",
        audience="company",
        country="FR",
        vat_number="FR40303265045",
        address="2 quai Est, Lyon",
    ).value
    de = desk.accounts.create(
        name="Muster GmbH", audience="company", country="DE", vat_number="DE123456789"
    ).value
    maker = desk.accounts.create(name="Léa Maker", audience="maker", country="FR").value
    it = desk.accounts.create(
        name="Studio Roma", audience="company", country="IT", vat_number="IT12345678901"
    ).value
    bare = desk.accounts.create(name="No Card SARL", audience="company", country="FR").value
    for account in (fr, de, maker, it):
        assert account.id is not None
        desk.accounts.add_card(
            account.id,
            token=f"tok_{account.id}",
            brand="visa",
            last4="4242",
            exp_month=8,
            exp_year=2030,
        )
    assert fr.id is not None
    desk.accounts.add_bank_transfer(fr.id)
    return Buyers(fr, de, maker, it, bare)


def open_session(url: str, day: date, hasher: Argon2Hasher) -> tuple[AdminApp, OperatorSession]:
    another = AdminApp.open(url, today=day, hasher=hasher)
    return another, another.login(ADMIN_LOGIN, ADMIN_PASSWORD)


@pytest.fixture
def at(database_url: str, desk: OperatorSession, cheap_hasher: Argon2Hasher) -> Iterator[SessionAt]:
    """The Administrator's session on another day: another application on the same
    database with its clock set to that day."""
    opened: list[AdminApp] = []

    def session_on(day: date) -> OperatorSession:
        if day == TODAY:
            return desk
        another, session = open_session(database_url, day, cheap_hasher)
        opened.append(another)
        return session

    yield session_on
    for another in opened:
        another.close()


@contextmanager
def another_database(backend: str, folder: Path, name: str) -> Iterator[str]:
    """A second empty database on the same backend as the test's."""
    if backend == "sqlite":
        yield f"sqlite:///{folder}/{name}.sqlite3"
    else:
        with fresh_postgres_database() as url:
            yield url


@pytest.fixture
def twin_sessions(
    backend: str, tmp_path: Path, cheap_hasher: Argon2Hasher, catalog_text: str
) -> Iterator[tuple[OperatorSession, OperatorSession]]:
    """A second database prepared as `desk`'s: sessions today and on the renewal day."""
    with another_database(backend, tmp_path, "twin") as url:
        first = AdminApp.open(url, today=TODAY, hasher=cheap_hasher)
        session = first.create_first_administrator(ADMIN_LOGIN, ADMIN_PASSWORD)
        session.catalog.import_text(catalog_text, source="catalog.toml")
        set_french_seller(session)
        later, later_session = open_session(url, date(2027, 3, 15), cheap_hasher)
        try:
            yield session, later_session
        finally:
            first.close()
            later.close()


def scheduled(session: OperatorSession, subscription_id: int) -> list[ScheduledChange]:
    """The changes scheduled on a subscription, as `subscription show` lists them."""
    return [c.change for c in session.subscriptions.scheduled_changes(subscription_id)]


def check_totals(invoice: Invoice) -> None:
    """R20, computed here: net is the sum of the lines, VAT per rate on that rate's
    sum rounded once, total = net + VAT; and the document has lines."""
    assert invoice.lines, f"{invoice.number} has no lines"
    bases: dict[Decimal, Decimal] = defaultdict(Decimal)
    for line in invoice.lines:
        assert line.amount == line.amount.quantize(CENT)
        bases[line.vat_rate] += line.amount
    totals = invoice.totals
    assert totals.net == sum(bases.values(), Decimal(0))
    assert totals.vat == sum((money(b * r / 100) for r, b in bases.items()), Decimal(0))
    assert totals.total == totals.net + totals.vat


def stored_totals_problems(url: str) -> list[str]:
    """Invoices whose stored net/vat/total differ from their stored lines, or with no
    line at all: the rows as stored, read beside the application's own repository."""
    engine = create_engine(url)
    inv, line = InvoiceRow, InvoiceLineRow
    try:
        with engine.connect() as connection:
            heads = connection.execute(
                select(inv.id, inv.number, inv.net, inv.vat, inv.total).order_by(inv.id)
            ).all()
            lines = connection.execute(select(line.invoice_id, line.amount, line.vat_rate)).all()
    finally:
        engine.dispose()
    by_invoice: dict[int, dict[Decimal, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for invoice_id, amount, rate in lines:
        by_invoice[invoice_id][rate] += amount
    problems = []
    for invoice_id, number, net, vat, total in heads:
        bases = by_invoice.get(invoice_id)
        if not bases:
            problems.append(f"{number or invoice_id}: no lines")
            continue
        want_net = sum(bases.values(), Decimal(0))
        want_vat = sum((money(b * r / 100) for r, b in bases.items()), Decimal(0))
        if (net, vat, total) != (want_net, want_vat, want_net + want_vat):
            problems.append(f"{number or invoice_id}: stored {net}/{vat}/{total}, lines {want_net}")
    return problems


def numbering_problems(numbers: Iterable[str | None]) -> list[str]:
    """R19: per series and year, the numbers issued are exactly 1..N."""
    seen: dict[tuple[str, str], list[int]] = defaultdict(list)
    for number in numbers:
        if number is None:
            continue
        match = re.fullmatch(r"(INV|CN)-(\d{4})-(\d{6})", number)
        if match is None:
            return [f"malformed number {number}"]
        seen[(match[1], match[2])].append(int(match[3]))
    return [
        f"{series}-{year}: {sorted(values)[:20]}..."
        for (series, year), values in seen.items()
        if sorted(values) != list(range(1, len(values) + 1))
    ]


def cli_env() -> dict[str, str]:
    return {**os.environ, "DESKTOP_ADMIN_PASSWORD": ADMIN_PASSWORD}


def billing_run_command(url: str, day: date) -> list[str]:
    return [
        str(DESKTOP_ADMIN),
        "--db",
        url,
        "--today",
        day.isoformat(),
        "--as",
        ADMIN_LOGIN,
        "billing",
        "run",
    ]


def record_many(
    session: OperatorSession, accounts: list[int], count: int, start: date, cycle: Cycle
) -> list[int]:
    """`count` subscriptions spread over `accounts`, recorded as paid through the
    period in force (so due at `start`'s next anniversary)."""
    return [
        session.subscriptions.record(
            account_id=accounts[i % len(accounts)],
            cycle=cycle,
            seats={"named-user": 1 + i % 3},
            start=start,
        ).value.id
        or 0
        for i in range(count)
    ]
