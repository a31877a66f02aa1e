"""SIGKILL at many exact points of a billing run, a user import and PDF writing, on a
SQLite file: afterwards the database is consistent and the files whole, and running
the same command again completes the work with nothing done twice."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_admin.domain.periods import Cycle
from tests.cli.conftest import ADMIN, TODAY, Cli, make_env, seed, sqlite_url
from tests.concurrency.conftest import issued_invoice, paying_company, sqlite_cli
from tests.integration.billing.conftest import numbering_problems, stored_totals_problems

ROOT = Path(__file__).resolve().parents[2]
DUE = 450
RUN_DAY = "2026-03-20"
IMPORTED = 3000


def crash(cli: Cli, point: str, n: int, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `desktop-admin --db ... --as admin ARGS` killed at the `n`-th `point`."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "tests.concurrency.crasher",
            point,
            str(n),
            "--db",
            cli.url,
            "--as",
            ADMIN,
            *args,
        ],
        env={**cli.env, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_of(template: Cli, tmp_path: Path) -> Cli:
    """A fresh copy of a prepared database file, with its own home."""
    home = tmp_path / "home"
    home.mkdir()
    target = tmp_path / "seatdesk.sqlite3"
    with sqlite3.connect(template.url.removeprefix("sqlite:///")) as src:
        with sqlite3.connect(target) as dst:
            src.backup(dst)
        dst.close()
    src.close()
    return Cli(home, sqlite_url(tmp_path), make_env(home))


def integrity(cli: Cli) -> str:
    with sqlite3.connect(cli.url.removeprefix("sqlite:///")) as connection:
        verdict = str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    connection.close()
    return verdict


# A billing run -----------------------------------------------------------------


@pytest.fixture(scope="module")
def due_renewals(tmp_path_factory: pytest.TempPathFactory) -> Cli:
    cli = sqlite_cli(tmp_path_factory.mktemp("renewals"))
    with paying_company(cli) as (session, account_id):
        for i in range(DUE):
            session.subscriptions.record(
                account_id=account_id, cycle=Cycle.YEARLY, seats={"named-user": 1 + i % 7},
                start=date(2025, 3, 20), payment="transfer",
            )  # fmt: skip
    return cli


def renewals(cli: Cli) -> Counter[int]:
    invoices = cli.ok_json("--today", RUN_DAY, "invoice", "list")
    return Counter(i["subscription_id"] for i in invoices if i["issue_date"] == RUN_DAY)


#: A run of DUE renewals sends about 520 statements in 5 commits (counted with the
#: crasher's `count`): every commit, and statements all along the run.
BILLING_POINTS = (
    [("commit", n) for n in (1, 2, 3, 4, 5)]
    + [("committed", n) for n in (1, 2, 3, 4)]
    + [
        ("statement", n)
        for n in (
            2,
            5,
            10,
            20,
            40,
            70,
            100,
            130,
            160,
            190,
            220,
            250,
            280,
            310,
            340,
            370,
            400,
            430,
            460,
            490,
            515,
        )
    ]
)


@pytest.mark.parametrize(("point", "n"), BILLING_POINTS)
def test_a_billing_run_killed_then_rerun_renews_each_subscription_once(
    due_renewals: Cli, tmp_path: Path, point: str, n: int
) -> None:
    cli = copy_of(due_renewals, tmp_path)
    killed = crash(cli, point, n, "--today", RUN_DAY, "billing", "run")
    assert killed.returncode == -9, killed.stderr
    assert integrity(cli) == "ok"
    assert stored_totals_problems(cli.url) == []
    assert set(renewals(cli).values()) <= {1}

    rerun = cli.as_(ADMIN, "--today", RUN_DAY, "billing", "run")
    assert rerun.returncode == 0, str(rerun)
    done = renewals(cli)
    assert len(done) == DUE and set(done.values()) == {1}
    numbers = [i["number"] for i in cli.ok_json("--today", RUN_DAY, "invoice", "list")]
    assert numbering_problems(numbers) == []
    assert stored_totals_problems(cli.url) == []


# A user import -------------------------------------------------------------------


@pytest.fixture(scope="module")
def import_file(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, Path]:
    folder = tmp_path_factory.mktemp("import")
    cli = sqlite_cli(folder)
    seed(cli, seats={"named-user": IMPORTED})
    csv = folder / "users.csv"
    csv.write_text(
        "email,display_name,roles,enabled\n"
        + "".join(f"u{i}@acme.example,User {i},named-user,true\n" for i in range(IMPORTED)),
        encoding="utf-8",
    )
    return cli, csv


def user_emails(cli: Cli) -> list[str]:
    with sqlite3.connect(cli.url.removeprefix("sqlite:///")) as connection:
        emails = [row[0] for row in connection.execute("SELECT email FROM named_users")]
    connection.close()
    return emails


#: An import of IMPORTED users sends about 3,040 statements in 2 commits.
IMPORT_POINTS = [("commit", 1), ("commit", 2), ("committed", 1)] + [
    ("statement", n) for n in (1, 3, 6, 10, 20, 50, 200, 800, 1500, 2200, 2900, 3030)
]


@pytest.mark.parametrize(("point", "n"), IMPORT_POINTS)
def test_a_user_import_killed_imports_all_or_nothing_and_a_rerun_completes_it(
    import_file: tuple[Cli, Path], tmp_path: Path, point: str, n: int
) -> None:
    template, csv = import_file
    cli = copy_of(template, tmp_path)
    args = ("--today", TODAY, "user", "import", str(csv), "--account", "1")
    killed = crash(cli, point, n, *args)
    assert killed.returncode == -9, killed.stderr
    assert integrity(cli) == "ok"
    assert len(user_emails(cli)) in (0, IMPORTED), killed.stderr
    if len(user_emails(cli)) == 0:
        rerun = cli.as_(ADMIN, *args)
        assert rerun.returncode == 0, str(rerun)
    emails = user_emails(cli)
    assert len(emails) == IMPORTED == len(set(emails))


# Writing a PDF -------------------------------------------------------------------


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, str]:
    cli = sqlite_cli(tmp_path_factory.mktemp("pdf"))
    return cli, issued_invoice(cli)


def pages(path: Path) -> int:
    return len(PdfReader(path).pages)


@pytest.mark.parametrize(("point", "n"), [("write", 1), ("write", 2), ("rename", 1)])
def test_an_invoice_pdf_killed_while_written_leaves_the_old_file_whole(
    issued: tuple[Cli, str], tmp_path: Path, point: str, n: int
) -> None:
    template, number = issued
    cli = copy_of(template, tmp_path)
    target = tmp_path / "invoice.pdf"
    first = cli.as_(ADMIN, "--today", TODAY, "invoice", "pdf", number, "--out", str(target))
    assert first.returncode == 0, str(first)
    good = target.read_bytes()

    killed = crash(cli, point, n, "--today", TODAY, "invoice", "pdf", number, "--out", str(target))
    assert killed.returncode == -9, killed.stderr
    assert target.read_bytes() == good  # the same document, whole
    assert pages(target) >= 1

    again = cli.as_(ADMIN, "--today", TODAY, "invoice", "pdf", number, "--out", str(target))
    assert again.returncode == 0, str(again)
    assert pages(target) >= 1 and [p.name for p in tmp_path.glob("*.pdf")] == ["invoice.pdf"]


@pytest.mark.parametrize(("point", "n"), [("write", 1), ("rename", 1)])
def test_a_user_export_killed_while_written_leaves_the_old_file_whole(
    issued: tuple[Cli, str], tmp_path: Path, point: str, n: int
) -> None:
    template, _ = issued
    cli = copy_of(template, tmp_path)
    target = tmp_path / "users.csv"
    target.write_text("the export of yesterday\n", encoding="utf-8")
    args = ("user", "export", "--account", "1", "--output", str(target))
    killed = crash(cli, point, n, *args)
    assert killed.returncode == -9, killed.stderr
    assert target.read_text(encoding="utf-8") == "the export of yesterday\n"
    again = cli.as_(ADMIN, *args)
    assert again.returncode == 0, str(again)
    assert target.read_text(encoding="utf-8-sig").startswith("email,")


def test_a_backup_killed_before_it_is_in_place_leaves_the_previous_backup(
    issued: tuple[Cli, str], tmp_path: Path
) -> None:
    template, _ = issued
    cli = copy_of(template, tmp_path)
    target = tmp_path / "backup.sqlite3"
    target.write_bytes(b"yesterday's backup")
    killed = crash(cli, "rename", 1, "backup", str(target))
    assert killed.returncode == -9, killed.stderr
    assert target.read_bytes() == b"yesterday's backup"
    again = cli.as_(ADMIN, "backup", str(target))
    assert again.returncode == 0, str(again)
    with sqlite3.connect(target) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    copy.close()


def test_the_harness_kills_where_it_is_told(issued: tuple[Cli, str], tmp_path: Path) -> None:
    """The kill points are real: a run told to die at its first commit does."""
    template, _ = issued
    cli = copy_of(template, tmp_path)
    killed = crash(cli, "commit", 1, "account", "create", "--name", "Never", "--audience",
                   "company", "--country", "FR")  # fmt: skip
    assert killed.returncode == -9
    assert "Never" not in [a["name"] for a in cli.ok_json("account", "list")]
