"""`account create|list|show` (interfaces.md, "The shapes scripts rely on")."""

from __future__ import annotations

from tests.cli.conftest import Cli, seed


def test_create_list_and_show_an_account(cli: Cli) -> None:
    seed(cli, seats={"named-user": 3})
    created = cli.ok_json(
        "account",
        "create",
        "--name",
        "Bureau d'études Lumière",
        "--audience",
        "company",
        "--country",
        "FR",
        "--vat-number",
        "FR40303265045",
        "--language",
        "fr",
    )
    assert isinstance(created, dict)
    assert isinstance(created["id"], int)
    assert created["name"] == "Bureau d'études Lumière"
    assert (created["audience"], created["country"], created["language"]) == ("company", "FR", "fr")

    listed = cli.ok_json("account", "list")
    assert isinstance(listed, list)
    assert [a["name"] for a in listed] == ["Atelier Test", "Bureau d'études Lumière"]
    assert created["id"] in [a["id"] for a in listed]

    shown = cli.ok_json("account", "show", str(created["id"]))
    assert shown["id"] == created["id"]
    assert shown["vat_number"] == "FR40303265045"
    assert shown["seats"] == []
    assert shown["subscriptions"] == []

    first = cli.ok_json("account", "show", str(listed[0]["id"]))
    named = next(s for s in first["seats"] if s["code"] == "named-user")
    assert (named["purchased"], named["in_use"], named["free"]) == (3, 0, 3)
    assert len(first["subscriptions"]) == 1

    text = cli.admin("account", "list")
    assert text.returncode == 0, str(text)
    assert "Bureau d'études Lumière" in text.stdout


def test_a_bad_audience_is_a_usage_error(cli: Cli) -> None:
    seed(cli)
    before = cli.snapshot()
    result = cli.admin(
        "account", "create", "--name", "X", "--audience", "charity", "--country", "FR"
    )
    assert result.returncode == 2, str(result)
    assert "--audience" in result.stderr
    assert "charity" in result.stderr
    assert result.stdout == ""
    assert cli.snapshot() == before


def test_a_bad_country_is_bad_input(cli: Cli) -> None:
    seed(cli)
    before = cli.snapshot()
    result = cli.admin(
        "account", "create", "--name", "X", "--audience", "maker", "--country", "France"
    )
    assert result.returncode == 2, str(result)
    assert "country" in result.stderr
    assert cli.snapshot() == before


def test_an_unknown_account_id_is_bad_input(cli: Cli) -> None:
    seed(cli)
    result = cli.admin("--json", "account", "show", "999")
    assert result.returncode == 2, str(result)
    assert "999" in result.stderr
    assert result.json["exit_status"] == 2 and "999" in result.json["error"]

    not_a_number = cli.admin("account", "show", "first")
    assert not_a_number.returncode == 2, str(not_a_number)
