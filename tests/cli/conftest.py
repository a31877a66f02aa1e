"""Run the real `desktop-admin` console script in a subprocess (interfaces.md).

Databases are prepared in-process with a cheap argon2 hasher (the parameters travel
inside each hash, so the command verifies them quickly); the commands under test
always run in a child process with a controlled environment.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.periods import Cycle
from desktop_admin.security import Argon2Hasher
from tests.dbtools import fresh_postgres_database, snapshot

ROOT = Path(__file__).resolve().parents[2]
TODAY = "2026-03-15"
ADMIN = "admin"
PASSWORD = "pw-for-tests"
PASSWORD_VARIABLE = "DESKTOP_ADMIN_PASSWORD"

# Verbatim from interfaces.md, "Catalog file (TOML)".
EXAMPLE_CATALOG = """\
currency = "EUR"

[[roles]]
code = "named-user"
name = "Named user"
kind = "licence"                 # licence | business_experience
upgrade_policy = "immediate_prorated"   # or next_month_start (R10)
seat_overflow = "block"          # or auto_disable (R15)
audiences = ["company", "maker", "student"]
online_countries = ["FR", "DE", "NL", "BE"]   # elsewhere: contact only (R04)
trial_days = 30                  # 0: no trial
prices = { monthly = "10.00", quarterly = "28.50", yearly = "100.00" }

[[addons]]
code = "storage-100gb"
name = "Storage 100 GB"
prices = { monthly = "5.00", quarterly = "14.00", yearly = "50.00" }
"""


def command_path() -> Path:
    """The console script installed by `pip install -e .` (scripts/setup-venv.sh)."""
    for candidate in (ROOT / ".venv" / "bin", Path(sys.executable).parent):
        if (candidate / "desktop-admin").exists():
            return candidate / "desktop-admin"
    raise RuntimeError("desktop-admin is not installed: run `bash scripts/setup-venv.sh`")


@dataclass(frozen=True)
class Result:
    args: Sequence[str]
    returncode: int
    stdout: str
    stderr: str

    @property
    def json(self) -> Any:
        """stdout parsed whole: with --json it must be exactly one JSON document."""
        return json.loads(self.stdout)

    def __str__(self) -> str:
        return (
            f"desktop-admin {' '.join(self.args)} -> exit {self.returncode}\n"
            f"--- stdout\n{self.stdout}--- stderr\n{self.stderr}"
        )


@dataclass
class Cli:
    """One isolated home (HOME, XDG_DATA_HOME) and one database URL."""

    home: Path
    url: str
    env: dict[str, str] = field(default_factory=dict)

    def run(
        self,
        *args: str,
        env: Mapping[str, str | None] | None = None,
        executable: Sequence[str] | None = None,
    ) -> Result:
        environment = dict(self.env)
        for key, value in (env or {}).items():
            if value is None:
                environment.pop(key, None)
            else:
                environment[key] = value
        command = [*(executable or [str(command_path())]), *args]
        done = subprocess.run(
            command,
            env=environment,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=self.home,
        )
        return Result(tuple(args), done.returncode, done.stdout, done.stderr)

    def as_(self, login: str, *args: str, **kw: Any) -> Result:
        """A command by operator `login` on this database, on TODAY."""
        return self.run("--db", self.url, "--today", TODAY, "--as", login, *args, **kw)

    def admin(self, *args: str, **kw: Any) -> Result:
        return self.as_(ADMIN, *args, **kw)

    def ok_json(self, *args: str, login: str = ADMIN) -> Any:
        """Run with --json, require exit 0 and return the parsed document."""
        result = self.as_(login, "--json", *args)
        assert result.returncode == 0, str(result)
        return result.json

    def snapshot(self) -> dict[str, list[tuple[Any, ...]]]:
        return snapshot(self.url)


def make_env(home: Path) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("DESKTOP_ADMIN") and k not in {"HOME", "XDG_DATA_HOME"}
    }
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        PYTHONIOENCODING="utf-8",
    )
    env[PASSWORD_VARIABLE] = PASSWORD
    return env


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'seatdesk.sqlite3'}"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def cli(tmp_path: Path, home: Path) -> Cli:
    """An empty SQLite database (no schema yet) and an isolated environment."""
    return Cli(home, sqlite_url(tmp_path), make_env(home))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_cli(request: pytest.FixtureRequest, tmp_path: Path, home: Path) -> Iterator[Cli]:
    """The same, on SQLite and on a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield Cli(home, sqlite_url(tmp_path), make_env(home))
    else:
        with fresh_postgres_database() as url:
            yield Cli(home, url, make_env(home))


def open_app(url: str) -> AdminApp:
    return AdminApp.open(url, date.fromisoformat(TODAY), hasher=Argon2Hasher.cheap())


def demo_catalog() -> str:
    """Roles named-user, designer, bim-collaboration, zoom-licence; two add-ons."""
    return files("desktop_admin.demo").joinpath("catalog.toml").read_text("utf-8")


@dataclass(frozen=True)
class Seeded:
    cli: Cli
    account_id: int


def seed(
    cli: Cli,
    catalog: str | None = None,
    seats: Mapping[str, int] | None = None,
    users: Sequence[tuple[str, Sequence[str]]] = (),
) -> Seeded:
    """Administrator `admin`, a catalog, one company account (FR), optionally a yearly
    subscription with `seats` and some enabled users (email, roles)."""
    app = open_app(cli.url)
    try:
        session: OperatorSession = app.create_first_administrator(ADMIN, PASSWORD)
        session.catalog.import_text(catalog or demo_catalog(), source="test catalog")
        account = session.accounts.create(
            name="Atelier Test", audience="company", country="FR"
        ).value
        assert account.id is not None
        if seats:
            session.subscriptions.record(
                account_id=account.id, cycle=Cycle.YEARLY, seats=dict(seats)
            )
        for email, roles in users:
            session.users.add(
                account_id=account.id,
                email=email,
                display_name=email.split("@")[0],
                roles=list(roles),
            )
        return Seeded(cli, account.id)
    finally:
        app.close()


def add_operator(cli: Cli, login: str, role: str) -> None:
    """An extra operator, created in-process (cheap hash)."""
    app = open_app(cli.url)
    try:
        app.login(ADMIN, PASSWORD).operators.add(login=login, role=role, password=PASSWORD)
    finally:
        app.close()
