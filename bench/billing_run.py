"""Billing run throughput against the raw database floor.

    .venv/bin/python bench/billing_run.py [--subscriptions N] [--db URL]

Builds N yearly subscriptions due for renewal (bulk SQL), then times:
  floor: inserting the same N invoices with their lines and the subscriptions'
         new state with plain executemany, in batches, no domain logic;
  run:   `session.billing.run()` (locks, prices, VAT, numbering, audit).
Prints both and their ratio. A figure, never an assertion.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

from fixture import raw_engine
from sqlalchemy import insert, text

from desktop_admin.app import AdminApp
from desktop_admin.persistence.orm import (
    AccountRow,
    InvoiceLineRow,
    InvoiceRow,
    SubscriptionItemRow,
    SubscriptionRow,
)
from desktop_admin.security import Argon2Hasher

CATALOG = Path(__file__).resolve().parents[1] / "desktop_admin" / "demo" / "catalog.toml"
START, RENEWAL = date(2025, 3, 1), date(2026, 3, 1)


def build(url: str, n: int) -> None:
    app = AdminApp.open(url, today=START, hasher=Argon2Hasher.cheap())
    session = app.create_first_administrator("admin", "benchmark-pw")
    session.billing.set_seller(name="Vendor SAS", country="FR", vat_number="FR32123456789")
    session.catalog.import_text(CATALOG.read_text("utf-8"))
    now = datetime.now(UTC)
    with raw_engine(app).begin() as connection:
        accounts = max(1, n // 10)
        connection.execute(
            insert(AccountRow),
            [
                dict(
                    id=i,
                    name=f"Account {i}",
                    audience="company",
                    country="FR",
                    language="en",
                    created_at=now,
                    version=1,
                )
                for i in range(1, accounts + 1)
            ],
        )
        connection.execute(
            insert(SubscriptionRow),
            [
                dict(
                    id=i,
                    account_id=1 + i % accounts,
                    cycle="yearly",
                    anchor=START,
                    status="active",
                    auto_renew=True,
                    billed_through=RENEWAL,
                    payment_kind="card",
                    created_at=now,
                    version=1,
                )
                for i in range(1, n + 1)
            ],
        )
        connection.execute(
            insert(SubscriptionItemRow),
            [
                dict(
                    subscription_id=i,
                    product="role",
                    code="named-user",
                    quantity=5 + i % 50,
                    unit_price=Decimal("100.00"),
                )
                for i in range(1, n + 1)
            ],
        )
    app.close()


def floor(url: str, n: int, batch: int = 200) -> float:
    """The same rows written with no logic: what the hardware and driver cost."""
    app = AdminApp.open(url, today=RENEWAL, hasher=Argon2Hasher.cheap())
    now = datetime.now(UTC)
    started = time.perf_counter()
    for first in range(1, n + 1, batch):
        ids = range(first, min(first + batch, n + 1))
        with raw_engine(app).begin() as connection:
            rows = [
                dict(
                    id=10_000_000 + i,
                    number=f"FLOOR-{i}",
                    kind="invoice",
                    reason="x",
                    billing_key=f"floor:{i}",
                    account_id=1,
                    subscription_id=i,
                    issue_date=RENEWAL,
                    due_date=RENEWAL,
                    period_start=RENEWAL,
                    period_end=date(2027, 3, 1),
                    currency="EUR",
                    net=Decimal("500.00"),
                    vat=Decimal("100.00"),
                    total=Decimal("600.00"),
                    status="open",
                    payment_kind="card",
                    vat_note="",
                    seller="{}",
                    buyer="{}",
                    created_at=now,
                    version=1,
                )
                for i in ids
            ]
            connection.execute(insert(InvoiceRow), rows)
            connection.execute(
                insert(InvoiceLineRow),
                [
                    dict(
                        invoice_id=10_000_000 + i,
                        position=1,
                        kind="role",
                        code="named-user",
                        description="Named user",
                        period_start=RENEWAL,
                        period_end=date(2027, 3, 1),
                        quantity=5,
                        unit_price=Decimal("100.00"),
                        amount=Decimal("500.00"),
                        vat_rate=Decimal(20),
                    )
                    for i in ids
                ],
            )
            connection.execute(
                text("UPDATE subscriptions SET version = version + 1 WHERE id BETWEEN :a AND :b"),
                {"a": first, "b": ids[-1]},
            )
    elapsed = time.perf_counter() - started
    with raw_engine(app).begin() as connection:  # leave the database as it was
        connection.execute(text("DELETE FROM invoice_lines WHERE invoice_id >= 10000000"))
        connection.execute(text("DELETE FROM invoices WHERE id >= 10000000"))
    app.close()
    return elapsed


def run(url: str) -> tuple[float, int]:
    app = AdminApp.open(url, today=RENEWAL, hasher=Argon2Hasher.cheap())
    session = app.login("admin", "benchmark-pw")
    started = time.perf_counter()
    report = session.billing.run().value
    elapsed = time.perf_counter() - started
    app.close()
    return elapsed, len(report.invoices)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=10_000)
    parser.add_argument("--db", help="an EMPTY database URL (default: a new SQLite file)")
    args = parser.parse_args()
    url = args.db or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    n = args.subscriptions
    build(url, n)
    floor_s = floor(url, n)
    run_s, issued = run(url)
    print(f"database: {url.split('://')[0]}   subscriptions due: {n}   invoices issued: {issued}")
    print(f"floor (raw inserts, same rows): {floor_s:8.2f} s   {n / floor_s:9.0f} invoices/s")
    print(f"billing run:                    {run_s:8.2f} s   {n / run_s:9.0f} invoices/s")
    print(f"ratio run / floor: {run_s / floor_s:.1f}x")


if __name__ == "__main__":
    main()
