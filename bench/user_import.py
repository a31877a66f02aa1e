"""User CSV import throughput against the raw database floor.

    .venv/bin/python bench/user_import.py [--users N] [--db URL]

Times `session.users.import_csv` (parse, validate every row, seat check, bulk insert, audit
trail) for an N-row CSV against inserting the same rows with plain executemany.
Prints both and their ratio. A figure, never an assertion.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from fixture import raw_engine
from sqlalchemy import insert, text

from desktop_admin.app import AdminApp
from desktop_admin.domain.periods import Cycle
from desktop_admin.persistence.orm import AssignmentRow, UserRow
from desktop_admin.security import Argon2Hasher

CATALOG = Path(__file__).resolve().parents[1] / "desktop_admin" / "demo" / "catalog.toml"
TODAY = date(2026, 3, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument("--db", help="an EMPTY database URL (default: a new SQLite file)")
    args = parser.parse_args()
    n = args.users
    url = args.db or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    app = AdminApp.open(url, today=TODAY, hasher=Argon2Hasher.cheap())
    session = app.create_first_administrator("admin", "benchmark-pw")
    session.catalog.import_text(CATALOG.read_text("utf-8"))
    floor_account = (
        session.accounts.create(name="Floor", audience="company", country="FR").value.id or 0
    )
    account = session.accounts.create(name="Import", audience="company", country="FR").value.id or 0
    session.subscriptions.record(account_id=account, cycle=Cycle.YEARLY, seats={"named-user": n})

    rows = "".join(f"user{i}@example.com,User {i},named-user,true\n" for i in range(n))
    csv_text = "email,display_name,roles,enabled\n" + rows

    now = datetime.now(UTC)
    started = time.perf_counter()
    with raw_engine(app).begin() as connection:
        ids = list(
            connection.scalars(
                insert(UserRow).returning(UserRow.id, sort_by_parameter_order=True),
                [
                    dict(
                        account_id=floor_account,
                        email=f"user{i}@example.com",
                        display_name=f"User {i}",
                        department="",
                        enabled=True,
                        is_guest=False,
                        is_admin=False,
                        created_at=now,
                        version=1,
                    )
                    for i in range(n)
                ],
            )
        )
        connection.execute(
            insert(AssignmentRow),
            [dict(user_id=i, role_code="named-user", account_id=floor_account) for i in ids],
        )
    floor_s = time.perf_counter() - started

    started = time.perf_counter()
    report = session.users.import_csv(account_id=account, text=csv_text, source="bench.csv").value
    run_s = time.perf_counter() - started
    with raw_engine(app).connect() as connection:
        stored = connection.execute(
            text("SELECT count(*) FROM named_users WHERE account_id = :a"), {"a": account}
        ).scalar_one()
    app.close()
    print(
        f"database: {url.split('://')[0]}   rows: {n}   imported: {report.imported} "
        f"(stored {stored})"
    )
    print(f"floor (raw inserts, users and roles): {floor_s:7.2f} s   {n / floor_s:9.0f} rows/s")
    print(f"import_users (validate + write):      {run_s:7.2f} s   {n / run_s:9.0f} rows/s")
    print(f"ratio import / floor: {run_s / floor_s:.1f}x")


if __name__ == "__main__":
    main()
