"""Count-based rules other than seats, under processes started together: an invoice is
never paid twice, a database gets one first Administrator, and two billing runs on
one day bill each period once, the loser told so in a sentence."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from desktop_admin.domain.periods import Cycle
from tests.cli.conftest import ADMIN, PASSWORD, TODAY, Cli, add_operator, open_app
from tests.concurrency.conftest import issued_invoice, paying_company
from tests.concurrency.race import race

ROUNDS = 2


def payments_of(cli: Cli, invoice_id: int) -> int:
    """How many payments the payments table holds for an invoice, read with plain SQL."""
    engine = create_engine(cli.url)
    try:
        with engine.connect() as connection:
            count = connection.execute(
                text("SELECT COUNT(*) FROM payments WHERE invoice_id = :id"), {"id": invoice_id}
            ).scalar()
    finally:
        engine.dispose()
    return int(count or 0)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_four_clerks_paying_one_invoice_record_one_payment(
    race_cli: Cli, tmp_path: Path, round_: int
) -> None:
    number = issued_invoice(race_cli)
    add_operator(race_cli, "clerk", "billing_clerk")
    finishes = race(
        [
            [
                "--db",
                race_cli.url,
                "--today",
                TODAY,
                "--as",
                "clerk",
                "invoice",
                "pay",
                number,
                "--method",
                "transfer",
                "--ref",
                f"BANK-{i}",
            ]
            for i in range(4)
        ],
        race_cli.env,
        tmp_path / "race",
    )
    app = open_app(race_cli.url)
    try:
        invoice = app.login(ADMIN, PASSWORD).billing.invoice(number)
    finally:
        app.close()
    everyone = "\n".join(map(str, finishes))
    assert payments_of(race_cli, invoice.id or 0) == 1, everyone
    assert invoice.status.value == "paid"
    (winner,) = [f for f in finishes if f.returncode == 0]
    assert f"Payment of {invoice.totals.total}" in winner.stdout, everyone
    assert sorted(f.returncode for f in finishes) == [0, 1, 1, 1], "\n".join(map(str, finishes))
    for loser in (f for f in finishes if f.returncode):
        assert "Traceback" not in loser.stderr and "paid" in loser.stderr, str(loser)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_inits_make_one_first_administrator(race_cli: Cli, tmp_path: Path, round_: int) -> None:
    finishes = race(
        [["--db", race_cli.url, "init", "--admin", login] for login in ("alice", "bob")],
        {**race_cli.env, "DESKTOP_ADMIN_PASSWORD": "long enough pw"},
        tmp_path / "race",
    )
    assert sorted(f.returncode for f in finishes) == [0, 1], "\n".join(map(str, finishes))
    winner = next(f for f in finishes if f.returncode == 0)
    loser = next(f for f in finishes if f.returncode == 1)
    assert "Traceback" not in loser.stderr and "Administrator" in loser.stderr, str(loser)
    login = winner.args[-1]
    listed = race_cli.run(
        "--db", race_cli.url, "--as", login, "--json", "operator", "list",
        env={"DESKTOP_ADMIN_PASSWORD": "long enough pw"},
    )  # fmt: skip
    assert [o["login"] for o in listed.json] == [login], str(listed)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_billing_runs_bill_each_period_once(race_cli: Cli, tmp_path: Path, round_: int) -> None:
    with paying_company(race_cli) as (session, account_id):
        for seats in range(1, 6):
            session.subscriptions.record(
                account_id=account_id,
                cycle=Cycle.QUARTERLY,
                seats={"named-user": seats},
                start=date(2026, 1, 1),
                payment="transfer",
            )
    run_day = "2026-04-01"
    finishes = race(
        [["--db", race_cli.url, "--today", run_day, "--as", ADMIN, "billing", "run"]] * 2,
        race_cli.env,
        tmp_path / "race",
    )
    for finish in finishes:
        assert finish.returncode in (0, 1) and "Traceback" not in finish.stderr, str(finish)
    listed = race_cli.run(
        "--db", race_cli.url, "--today", run_day, "--as", ADMIN, "--json", "invoice", "list"
    )
    renewals = [i for i in listed.json if i["issue_date"] == run_day]
    assert len(renewals) == 5, "\n".join(map(str, finishes))
