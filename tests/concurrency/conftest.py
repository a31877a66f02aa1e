"""Fixtures for races between real processes on one SQLite file or PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.conftest import Cli, make_env, sqlite_url
from tests.dbtools import fresh_postgres_database


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
