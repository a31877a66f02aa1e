"""Fixtures for races between real processes on one SQLite file or PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.periods import Cycle
from desktop_admin.services.purchases import Order
from tests.cli.conftest import ADMIN, PASSWORD, Cli, make_env, open_app, seed, sqlite_url
from tests.dbtools import fresh_postgres_database


def sqlite_cli(folder: Path) -> Cli:
    """A SQLite database file in `folder`, with a home of its own beside it."""
    (folder / "home").mkdir()
    return Cli(folder / "home", sqlite_url(folder), make_env(folder / "home"))


@contextmanager
def paying_company(cli: Cli) -> Iterator[tuple[OperatorSession, int]]:
    """`seed`'s French company with a French seller and a bank transfer on record: the
    Administrator's session (in this process, until the block ends) and the account."""
    seeded = seed(cli)
    app = open_app(cli.url)
    try:
        session = app.login(ADMIN, PASSWORD)
        session.billing.set_seller(name="Vendor SAS", country="FR", vat_number="FR32123456789")
        session.accounts.add_bank_transfer(seeded.account_id)
        yield session, seeded.account_id
    finally:
        app.close()


def issued_invoice(cli: Cli) -> str:
    """A transfer invoice of the French company, issued today; returns its number."""
    with paying_company(cli) as (session, account_id):
        bought = session.subscriptions.purchase(
            Order(account_id, Cycle.YEARLY, {"named-user": 10}, {}, payment="transfer")
        ).value
    assert bought.invoice is not None and bought.invoice.number
    return bought.invoice.number


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def race_cli(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Cli]:
    """An isolated home and an empty database, on SQLite and on PostgreSQL."""
    home = tmp_path / "home"
    home.mkdir()
    env = make_env(home)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[2])
    if request.param == "sqlite":
        yield Cli(home, sqlite_url(tmp_path), env)
    else:
        with fresh_postgres_database() as url:
            yield Cli(home, url, env)
