"""`catalog import FILE` and `catalog show` (interfaces.md, "Catalog file")."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.conftest import EXAMPLE_CATALOG, Cli, add_operator, seed


def write(cli: Cli, name: str, text: str) -> Path:
    path = cli.home / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_the_interfaces_example(any_cli: Cli) -> None:
    cli = any_cli
    seed(cli)  # the demo catalog first: the example updates named-user and storage-100gb
    path = write(cli, "catalog.toml", EXAMPLE_CATALOG)

    result = cli.admin("--json", "catalog", "import", str(path))
    assert result.returncode == 0, str(result)
    assert sorted(result.json["updated"] + result.json["unchanged"]) == [
        "named-user",
        "storage-100gb",
    ]

    catalog = cli.ok_json("catalog", "show")
    assert catalog["currency"] == "EUR"
    named = next(r for r in catalog["roles"] if r["code"] == "named-user")
    assert named["online_countries"] == ["BE", "DE", "FR", "NL"]
    assert named["upgrade_policy"] == "immediate_prorated"


def test_catalog_show_prints_money_with_the_currency_decimals(cli: Cli) -> None:
    seed(cli, catalog=EXAMPLE_CATALOG)
    catalog = cli.ok_json("catalog", "show")
    named = next(r for r in catalog["roles"] if r["code"] == "named-user")
    # interfaces.md: "Money is a string with the currency's decimals ("411.29")".
    assert named["prices"] == {"monthly": "10.00", "quarterly": "28.50", "yearly": "100.00"}
    storage = next(a for a in catalog["addons"] if a["code"] == "storage-100gb")
    assert storage["prices"] == {"monthly": "5.00", "quarterly": "14.00", "yearly": "50.00"}


MALFORMED = EXAMPLE_CATALOG.replace(
    'upgrade_policy = "immediate_prorated"', 'upgrade_policy = "whenever"'
).replace('monthly = "10.00"', "monthly = 10.00")


def test_a_malformed_catalog_is_refused_whole(any_cli: Cli) -> None:
    cli = any_cli
    seed(cli)
    path = write(cli, "broken-catalog.toml", MALFORMED)
    before = cli.snapshot()

    result = cli.admin("catalog", "import", str(path))

    assert result.returncode == 2, str(result)
    assert result.stdout == ""
    err = result.stderr
    assert "broken-catalog.toml" in err
    policy = next(line for line in err.splitlines() if "upgrade_policy" in line)
    assert "line 7" in policy
    assert "whenever" in policy
    price = next(line for line in err.splitlines() if "prices.monthly" in line)
    assert "line 12" in price
    assert "string" in price
    assert cli.snapshot() == before


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ('currency = "EUR"\n[[roles]]\ncode = "x"\n', 2, "field 'roles[1].name'"),
        ("currency = \"EUR\"\nroles = 'not a table'\n", 2, "field 'roles'"),
        ('currency = "EUR"\n[[roles]\n', 2, "TOML"),
    ],
    ids=["missing-field", "wrong-type", "toml-syntax"],
)
def test_catalog_errors_name_line_and_field(cli: Cli, text: str, line: int, field: str) -> None:
    seed(cli)
    path = write(cli, "bad.toml", text)
    before = cli.snapshot()
    result = cli.admin("catalog", "import", str(path))
    assert result.returncode == 2, str(result)
    assert "bad.toml" in result.stderr
    assert f"line {line}" in result.stderr
    assert field in result.stderr
    assert cli.snapshot() == before


def test_a_missing_or_non_utf8_file_is_bad_input(cli: Cli) -> None:
    seed(cli)
    missing = cli.admin("catalog", "import", str(cli.home / "nowhere.toml"))
    assert missing.returncode == 2, str(missing)
    assert "nowhere.toml" in missing.stderr

    latin1 = cli.home / "latin1.toml"
    latin1.write_bytes('currency = "EUR"\n# prix en \xe9t\xe9\n'.encode("latin-1"))
    result = cli.admin("catalog", "import", str(latin1))
    assert result.returncode == 2, str(result)
    assert "latin1.toml" in result.stderr
    assert "line 2" in result.stderr


def test_only_an_administrator_imports_a_catalog(cli: Cli) -> None:
    seed(cli)
    add_operator(cli, "clerk", "billing_clerk")
    path = write(cli, "catalog.toml", EXAMPLE_CATALOG)
    before = cli.snapshot()
    result = cli.as_("clerk", "catalog", "import", str(path))
    assert result.returncode == 1, str(result)
    assert "manage the catalog" in result.stderr
    assert cli.snapshot() == before
    assert cli.as_("clerk", "catalog", "show").returncode == 0
