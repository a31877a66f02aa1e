"""A billing run killed mid-way (SIGKILL) on a SQLite file, then run again: every
subscription renewed exactly once, numbers gapless, every invoice whole (R08, R19, R20)."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.invoicing import InvoiceReason
from desktop_admin.domain.periods import Cycle
from tests.integration.billing.conftest import (
    billing_run_command,
    cli_env,
    numbering_problems,
    record_many,
    stored_totals_problems,
)

DUE = 2000
RUN_DAY = date(2026, 3, 20)


def invoice_count(path: Path) -> int:
    connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return int(connection.execute("SELECT count(*) FROM invoices").fetchone()[0])
    finally:
        connection.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_r08_r19_r20_a_killed_billing_run_rerun_renews_everything_exactly_once(
    database_url: str, desk: OperatorSession
) -> None:
    path = Path(database_url.removeprefix("sqlite:///"))
    accounts = [
        desk.accounts.create(name=f"C{i}", audience="company", country="FR").value.id or 0
        for i in range(10)
    ]
    due = record_many(desk, accounts, DUE, date(2025, 3, 20), Cycle.YEARLY)
    command = billing_run_command(database_url, RUN_DAY)

    child = subprocess.Popen(
        command, env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    started, done_before_kill = time.monotonic(), 0
    while child.poll() is None and time.monotonic() - started < 60:
        time.sleep(0.005)
        if time.monotonic() - started >= 0.5:
            done_before_kill = invoice_count(path)
            if done_before_kill:  # at least one batch committed: kill it mid-run
                break
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    assert 0 < done_before_kill < DUE

    rerun = subprocess.run(command, env=cli_env(), capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr

    invoices = desk.billing.invoices()  # reading checks every invoice's lines against its totals
    assert Counter(i.subscription_id for i in invoices) == Counter(due)
    assert {i.reason for i in invoices} == {InvoiceReason.RENEWAL}
    numbers = [i.number or "" for i in invoices]
    assert sorted(numbers) == [f"INV-2026-{n:06d}" for n in range(1, DUE + 1)]
    assert numbering_problems(numbers) == []
    assert stored_totals_problems(database_url) == []  # and no invoice without lines
    assert {desk.subscriptions.get(s).billed_through for s in due} == {date(2027, 3, 20)}
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute(
            "SELECT last_value FROM document_sequences WHERE series = 'INV' AND year = 2026"
        ).fetchone() == (DUE,)
