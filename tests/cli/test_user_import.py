"""`user import FILE.csv` all or nothing, `--good-rows-only`, and `user export`."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from desktop_admin.app import AdminApp
from desktop_admin.domain.assignment_rules import make_rule
from desktop_admin.security import Argon2Hasher
from tests.cli.conftest import ADMIN, PASSWORD, Cli, Seeded, seed

SEATS = {"named-user": 10, "designer": 2}
HEADER = "email,display_name,roles,enabled\n"
GOOD = (
    HEADER + "ada@acme.example,Ada Lovelace,named-user;designer,true\n"
    "bob@acme.example,Bob Martin,named-user,true\n"
    "cyd@acme.example,Cyd Charisse,,false\n"
)
# Lines 3 and 5 are bad; line 5 twice (role and enabled).
WITH_BAD_ROWS = (
    HEADER + "ada@acme.example,Ada Lovelace,named-user,true\n"
    "not-an-email,Nobody,named-user,true\n"
    "bob@acme.example,Bob Martin,named-user,true\n"
    "cyd@acme.example,Cyd Charisse,astronaut,perhaps\n"
)


def write(cli: Cli, name: str, text: str) -> Path:
    path = cli.home / name
    path.write_text(text, encoding="utf-8")
    return path


def emails(s: Seeded) -> list[str]:
    exported = s.cli.ok_json("user", "export", "--account", str(s.account_id))
    assert isinstance(exported, list)
    return sorted(u["email"] for u in exported)


def test_import_a_good_file_and_export_it(cli: Cli) -> None:
    s = seed(cli, seats=SEATS)
    path = write(cli, "users.csv", GOOD)

    result = cli.admin("--json", "user", "import", str(path), "--account", str(s.account_id))
    assert result.returncode == 0, str(result)
    assert result.json == {"imported": 3, "skipped": []}

    exported = {
        u["email"]: u for u in cli.ok_json("user", "export", "--account", str(s.account_id))
    }
    assert sorted(exported) == ["ada@acme.example", "bob@acme.example", "cyd@acme.example"]
    assert exported["ada@acme.example"]["roles"] == ["designer", "named-user"]
    assert exported["ada@acme.example"]["display_name"] == "Ada Lovelace"
    assert exported["cyd@acme.example"]["enabled"] is False

    text = cli.admin("user", "export", "--account", str(s.account_id))
    assert text.returncode == 0, str(text)
    assert text.stdout.splitlines()[0] == "email,display_name,roles,enabled"
    rows = {r["email"]: r for r in csv.DictReader(io.StringIO(text.stdout))}
    assert sorted(rows) == sorted(exported)
    assert rows["ada@acme.example"]["roles"] in ("designer;named-user", "named-user;designer")
    assert rows["cyd@acme.example"]["enabled"] == "false"

    out = cli.home / "export.csv"
    written = cli.admin("user", "export", "--account", str(s.account_id), "--output", str(out))
    assert written.returncode == 0, str(written)
    # The file starts with a byte-order mark (spreadsheets then read UTF-8); stdout not.
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert out.read_text(encoding="utf-8-sig") == text.stdout


def test_an_export_holds_no_cell_a_spreadsheet_would_run_and_imports_back(cli: Cli) -> None:
    s = seed(cli, seats=SEATS)
    names = ['=HYPERLINK("https://evil.example","Click")', "+33 1 23 45", "-minus", "@mention"]
    write(cli, "risky.csv", "email,display_name\n" + "".join(
        f"u{i}@acme.example,{csv_cell(name)}\n" for i, name in enumerate(names)
    ))  # fmt: skip
    imported = cli.admin("user", "import", "risky.csv", "--account", str(s.account_id))
    assert imported.returncode == 0, str(imported)
    exported = cli.admin("user", "export", "--account", str(s.account_id)).stdout
    cells = [cell for row in csv.reader(io.StringIO(exported)) for cell in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert {f"'{name}" for name in names} <= set(cells)

    other = cli.ok_json("account", "create", "--name", "B", "--audience", "company",
                        "--country", "FR")  # fmt: skip
    write(cli, "again.csv", exported)
    again = cli.admin("user", "import", "again.csv", "--account", str(other["id"]))
    assert again.returncode == 0, str(again)
    back = cli.ok_json("user", "export", "--account", str(other["id"]))
    assert sorted(u["display_name"] for u in back) == sorted(names)


def csv_cell(text: str) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([text])
    return out.getvalue()


def test_exported_csv_imports_into_another_account(cli: Cli) -> None:
    s = seed(cli, seats=SEATS)
    write(cli, "users.csv", GOOD)
    cli.ok_json("user", "import", "users.csv", "--account", str(s.account_id))
    exported = cli.admin("user", "export", "--account", str(s.account_id))
    other = cli.ok_json(
        "account", "create", "--name", "B", "--audience", "maker", "--country", "DE"
    )
    write(cli, "again.csv", exported.stdout)
    # No subscription there: only the user without a role (disabled) fits.
    refused = cli.admin("user", "import", "again.csv", "--account", str(other["id"]))
    assert refused.returncode == 2, str(refused)
    assert "R14" in refused.stderr


def test_a_file_with_bad_rows_is_refused_whole(any_cli: Cli) -> None:
    s = seed(any_cli, seats=SEATS)
    cli = any_cli
    path = write(cli, "hr-export.csv", WITH_BAD_ROWS)
    before = cli.snapshot()

    result = cli.admin("user", "import", str(path), "--account", str(s.account_id))

    assert result.returncode == 2, str(result)
    assert result.stdout == ""
    problems = [line for line in result.stderr.splitlines() if "line " in line]
    assert all("hr-export.csv" in line for line in problems), result.stderr
    assert any("line 3" in p and "'email'" in p and "not-an-email" in p for p in problems)
    assert any("line 5" in p and "'roles'" in p and "astronaut" in p for p in problems)
    assert any("line 5" in p and "'enabled'" in p and "perhaps" in p for p in problems)
    assert not any("line 2" in p or "line 4" in p for p in problems)
    assert cli.snapshot() == before
    assert emails(s) == []


def test_good_rows_only_imports_the_good_rows(any_cli: Cli) -> None:
    s = seed(any_cli, seats=SEATS)
    cli = any_cli
    path = write(cli, "hr-export.csv", WITH_BAD_ROWS)

    result = cli.admin(
        "--json", "user", "import", str(path), "--account", str(s.account_id), "--good-rows-only"
    )

    assert result.returncode == 0, str(result)
    assert result.json["imported"] == 2
    assert sorted({p["line"] for p in result.json["skipped"]}) == [3, 5]
    skipped = [line for line in result.stderr.splitlines() if "skipped" in line]
    assert any("line 3" in line and "email" in line for line in skipped), result.stderr
    assert any("line 5" in line and "roles" in line for line in skipped), result.stderr
    assert emails(s) == ["ada@acme.example", "bob@acme.example"]


def test_rows_beyond_the_seats_are_bad_rows(cli: Cli) -> None:
    s = seed(cli, seats={"named-user": 1})
    path = write(cli, "users.csv", GOOD.replace("named-user;designer", "named-user"))
    before = cli.snapshot()
    result = cli.admin("user", "import", str(path), "--account", str(s.account_id))
    assert result.returncode == 2, str(result)
    assert "line 3" in result.stderr
    assert "R14: Named user: 1 of 1 seats in use" in result.stderr
    assert cli.snapshot() == before


def test_a_file_without_the_email_column_is_refused(cli: Cli) -> None:
    s = seed(cli, seats=SEATS)
    path = write(cli, "users.csv", "mail,display_name\nada@acme.example,Ada\n")
    before = cli.snapshot()
    result = cli.admin("user", "import", str(path), "--account", str(s.account_id))
    assert result.returncode == 2, str(result)
    assert "users.csv" in result.stderr
    assert "email" in result.stderr
    assert cli.snapshot() == before


def test_a_non_utf8_file_names_the_line(cli: Cli) -> None:
    s = seed(cli, seats=SEATS)
    path = cli.home / "latin1.csv"
    path.write_bytes((HEADER + "zoe@acme.example,Zo\xe9,named-user,true\n").encode("latin-1"))
    before = cli.snapshot()
    result = cli.admin("user", "import", str(path), "--account", str(s.account_id))
    assert result.returncode == 2, str(result)
    assert "latin1.csv" in result.stderr
    assert "line 2" in result.stderr
    assert "UTF-8" in result.stderr
    assert cli.snapshot() == before


def save_rules(cli: Cli, account_id: int, *rules: tuple[str, str, str]) -> None:
    """Keep assignment rules for the account, as the window's rules dialog does."""
    app = AdminApp.open(cli.url, hasher=Argon2Hasher.cheap())
    try:
        session = app.login(ADMIN, PASSWORD)
        session.licences.save_rules(account_id, rules=[make_rule(*rule) for rule in rules])
    finally:
        app.close()


def test_import_applies_the_assignment_rules_and_names_who_got_no_seat(cli: Cli) -> None:
    s = seed(cli, seats={"named-user": 10, "designer": 1})
    save_rules(cli, s.account_id, ("email_domain", "acme.example", "designer"))
    path = write(cli, "users.csv", HEADER + "ada@acme.example,Ada,,true\nbob@acme.example,Bob,,\n")

    result = cli.admin("--json", "user", "import", str(path), "--account", str(s.account_id))

    assert result.returncode == 0, str(result)
    assert result.json["imported"] == 2
    assert [(g["email"], g["role"]) for g in result.json["rules"]["gains"]] == [
        ("ada@acme.example", "designer")
    ]
    (short,) = result.json["rules"]["shortfalls"]
    assert (short["email"], short["role"]) == ("bob@acme.example", "designer")
    assert short["reason"].startswith("R14: Designer: 0 of 1 seats in use")
    assert "bob@acme.example not given designer: R14" in result.stderr
    exported = cli.ok_json("user", "export", "--account", str(s.account_id))
    assert {u["email"]: u["roles"] for u in exported} == {
        "ada@acme.example": ["designer"],
        "bob@acme.example": [],
    }


def test_no_rules_imports_the_file_as_written(cli: Cli) -> None:
    s = seed(cli, seats={"named-user": 10, "designer": 1})
    save_rules(cli, s.account_id, ("email_domain", "acme.example", "designer"))
    path = write(cli, "users.csv", HEADER + "ada@acme.example,Ada,,true\n")

    result = cli.admin(
        "--json", "user", "import", str(path), "--account", str(s.account_id), "--no-rules"
    )

    assert result.returncode == 0, str(result)
    assert result.json == {"imported": 1, "skipped": []}


def test_check_lists_bad_rows_writes_nothing_and_exits_2(cli: Cli) -> None:
    s = seed(cli, seats=SEATS)
    path = write(cli, "users.csv", WITH_BAD_ROWS)

    result = cli.admin("user", "import", str(path), "--account", str(s.account_id), "--check")

    assert result.returncode == 2, str(result)
    assert "2 user(s) would be imported, 2 bad row(s)." in result.stdout
    assert f"bad row in {path}: line 3" in result.stderr
    assert emails(s) == []
    good = write(cli, "good.csv", GOOD)
    checked = cli.admin("user", "import", str(good), "--account", str(s.account_id), "--check")
    assert checked.returncode == 0, str(checked)
    assert emails(s) == []
