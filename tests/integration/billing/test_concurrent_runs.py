"""Two billing runs at once on PostgreSQL: every renewal is invoiced exactly once and
the year's invoice numbers stay gapless 1..N without duplicates (R08, R19)."""

from __future__ import annotations

import subprocess
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date

import pytest

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.invoicing import InvoiceReason, InvoiceStatus
from desktop_admin.domain.periods import Cycle
from desktop_admin.security import Argon2Hasher
from desktop_admin.services.billing_run import BillingReport
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, CATALOG_TEXT, TODAY
from tests.dbtools import fresh_postgres_database
from tests.integration.billing.conftest import (
    billing_run_command,
    cli_env,
    numbering_problems,
    open_session,
    record_many,
    set_french_seller,
    stored_totals_problems,
)

pytestmark = pytest.mark.postgres

DUE = 200
RUN_DAY = date(2026, 3, 20)


@pytest.fixture
def pg_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture
def prepared(
    pg_url: str, cheap_hasher: Argon2Hasher
) -> Iterator[tuple[OperatorSession, list[int]]]:
    """DUE yearly subscriptions over 20 accounts, all renewing on RUN_DAY."""
    app = AdminApp.open(pg_url, today=TODAY, hasher=cheap_hasher)
    session = app.create_first_administrator(ADMIN_LOGIN, ADMIN_PASSWORD)
    session.catalog.import_text(CATALOG_TEXT, source="catalog.toml")
    set_french_seller(session)
    accounts = [
        session.accounts.create(name=f"Customer {i:02d}", audience="company", country="FR").value.id
        or 0
        for i in range(20)
    ]
    due = record_many(session, accounts, DUE, date(2025, 3, 20), Cycle.YEARLY)
    try:
        yield session, due
    finally:
        app.close()


def concurrently(runs: list[Callable[[], BillingReport]]) -> list[BillingReport]:
    barrier = threading.Barrier(len(runs))
    reports: list[BillingReport | BaseException] = [RuntimeError("not run")] * len(runs)

    def worker(i: int) -> None:
        try:
            barrier.wait()
            reports[i] = runs[i]()
        except BaseException as error:  # reported below, in the test's thread
            reports[i] = error

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(runs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for report in reports:
        if isinstance(report, BaseException):
            raise report
    return [r for r in reports if isinstance(r, BillingReport)]


def check_outcome(session: OperatorSession, due: list[int], others: int = 0) -> None:
    invoices = session.billing.invoices()  # every read checks lines against totals (R20)
    renewals = Counter(i.subscription_id for i in invoices if i.reason is InvoiceReason.RENEWAL)
    assert renewals == Counter(due)  # each renewal exactly once
    assert None not in {i.number for i in invoices}
    numbers = [i.number or "" for i in invoices]
    assert len(numbers) == DUE + others
    assert len(set(numbers)) == len(numbers)
    assert sorted(numbers) == [f"INV-2026-{n:06d}" for n in range(1, DUE + others + 1)]
    assert numbering_problems(numbers) == []
    assert stored_totals_problems(session.app.database_url) == []
    assert {session.subscriptions.get(s).billed_through for s in due} == {date(2027, 3, 20)}


def run_in_thread(
    url: str, hasher: Argon2Hasher, opened: list[AdminApp], batch_size: int
) -> Callable[[], BillingReport]:
    app, session = open_session(url, RUN_DAY, hasher)
    opened.append(app)
    return lambda: session.billing.run(batch_size=batch_size).value


@pytest.mark.parametrize("batch_size", [200, 7])
def test_r08_r19_two_concurrent_runs_in_threads_invoice_each_renewal_once(
    pg_url: str,
    prepared: tuple[OperatorSession, list[int]],
    cheap_hasher: Argon2Hasher,
    batch_size: int,
) -> None:
    session, due = prepared
    opened: list[AdminApp] = []
    try:
        runs = [run_in_thread(pg_url, cheap_hasher, opened, batch_size) for _ in range(2)]
        reports = concurrently(runs)
    finally:
        for app in opened:
            app.close()
    issued = [n for r in reports for n in r.invoices]
    assert sorted(issued) == sorted(set(issued)) and len(issued) == DUE
    assert sum(r.renewals for r in reports) == DUE
    assert [p for r in reports for p in r.problems] == []
    check_outcome(session, due)


def test_r08_r19_two_concurrent_command_line_runs_invoice_each_renewal_once(
    pg_url: str, prepared: tuple[OperatorSession, list[int]]
) -> None:
    session, due = prepared
    command = billing_run_command(pg_url, RUN_DAY)
    children = [
        subprocess.Popen(command, env=cli_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    for child in children:
        _, err = child.communicate(timeout=180)
        assert child.returncode == 0, err.decode()
    check_outcome(session, due)


def test_r19_concurrent_runs_issue_each_same_day_draft_once(
    pg_url: str, prepared: tuple[OperatorSession, list[int]], cheap_hasher: Argon2Hasher
) -> None:
    """Upgrade drafts of the run day are numbered by whichever run gets them first."""
    session, due = prepared
    account = (
        session.accounts.create(name="Upgrader", audience="company", country="FR").value.id or 0
    )
    upgraded = record_many(session, [account], 40, date(2026, 3, 1), Cycle.YEARLY)
    opened: list[AdminApp] = []
    try:
        app, on_day = open_session(pg_url, RUN_DAY, cheap_hasher)
        opened.append(app)
        for sub in upgraded:
            on_day.subscriptions.change(sub, ChangeRequest({"named-user": 10}))
        runs = [run_in_thread(pg_url, cheap_hasher, opened, 50) for _ in range(2)]
        reports = concurrently(runs)
    finally:
        for app in opened:
            app.close()
    drafts = session.billing.invoices(account)
    assert {i.status for i in drafts} == {InvoiceStatus.OPEN}
    assert len(drafts) == len(upgraded)
    stored = {i.number for i in session.billing.invoices()}
    wanted = {f"INV-2026-{n:06d}" for n in range(1, DUE + len(upgraded) + 1)}
    assert sorted(wanted - stored) == [], "numbers taken and lost: a draft was numbered twice"
    issued = [n for r in reports for n in r.invoices]
    assert len(issued) == len(set(issued)) == DUE + len(upgraded)
    check_outcome(session, due, others=len(upgraded))
