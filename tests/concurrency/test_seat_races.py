"""R14 under concurrency: processes started together never oversell a role's seats.

Each round gives the last free Designer seat (4 of 5 in use) to eight processes at
once, by `user assign`, `user add --role` or `user enable`; afterwards exactly five
seats are in use, one process won and the seven others were refused with the rule's
sentence (exit 1), never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_admin.app import OperatorSession
from tests.cli.conftest import ADMIN, TODAY, Cli, open_app, seed
from tests.concurrency.race import Finish, race

RACERS = 8
BOUGHT = 5
ROUNDS = 3


def designers_in_use(cli: Cli, account_id: int) -> int:
    app = open_app(cli.url)
    try:
        session: OperatorSession = app.login(ADMIN, "pw-for-tests")
        (designer,) = [s for s in session.licences.seats(account_id) if s.code == "designer"]
        return designer.in_use
    finally:
        app.close()


def prepare(cli: Cli, waiting: int, disabled: bool = False) -> tuple[int, list[int]]:
    """4 enabled designers, and `waiting` users who want the last seat (disabled
    designers when `disabled`, else seatless users); returns the account and their ids."""
    holders = [(f"holder{i}@acme.example", ["designer"]) for i in range(BOUGHT - 1)]
    seeded = seed(cli, seats={"named-user": 50, "designer": BOUGHT}, users=holders)
    app = open_app(cli.url)
    try:
        session = app.login(ADMIN, "pw-for-tests")
        ids = [
            session.users.add(
                account_id=seeded.account_id,
                email=f"wants{i}@acme.example",
                roles=["designer"] if disabled else [],
                enabled=not disabled,
            ).value.id
            or 0
            for i in range(waiting)
        ]
    finally:
        app.close()
    return seeded.account_id, ids


def command(cli: Cli, *args: str) -> list[str]:
    return ["--db", cli.url, "--today", TODAY, "--as", ADMIN, *args]


def check(finishes: list[Finish], cli: Cli, account_id: int) -> None:
    assert designers_in_use(cli, account_id) == BOUGHT
    winners = [f for f in finishes if f.returncode == 0]
    losers = [f for f in finishes if f.returncode != 0]
    assert len(winners) == 1, "\n".join(map(str, finishes))
    for loser in losers:
        assert loser.returncode == 1, str(loser)
        assert "R14" in loser.stderr and "Traceback" not in loser.stderr, str(loser)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_r14_eight_assigns_of_the_last_seat(race_cli: Cli, tmp_path: Path, round_: int) -> None:
    account_id, ids = prepare(race_cli, RACERS)
    finishes = race(
        [command(race_cli, "user", "assign", "--role", "designer", str(i)) for i in ids],
        race_cli.env,
        tmp_path / "race",
    )
    check(finishes, race_cli, account_id)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_r14_eight_new_users_with_the_last_seat(race_cli: Cli, tmp_path: Path, round_: int) -> None:
    account_id, _ = prepare(race_cli, 0)
    finishes = race(
        [
            command(
                race_cli,
                "user",
                "add",
                "--account",
                str(account_id),
                "--email",
                f"new{i}@acme.example",
                "--role",
                "designer",
            )
            for i in range(RACERS)
        ],
        race_cli.env,
        tmp_path / "race",
    )
    check(finishes, race_cli, account_id)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_r14_eight_enables_of_designers_for_the_last_seat(
    race_cli: Cli, tmp_path: Path, round_: int
) -> None:
    account_id, ids = prepare(race_cli, RACERS, disabled=True)
    finishes = race(
        [command(race_cli, "user", "enable", str(i)) for i in ids],
        race_cli.env,
        tmp_path / "race",
    )
    check(finishes, race_cli, account_id)
