"""`account create|list|show` (interfaces.md, "The shapes scripts rely on")."""

from __future__ import annotations

from tests.cli.conftest import TODAY, Cli, seed


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


def test_edit_an_account_then_archive_it_like_the_window(cli: Cli) -> None:
    seeded = seed(cli)
    account = str(seeded.account_id)
    edited = cli.ok_json(
        "account", "edit", account, "--version", "1",
        "--street", "2 quai Est\\nBâtiment B", "--postcode", "69002", "--city", "Lyon",
        "--buyer-reference", "ACME-7", "--po-number", "PO-114",
    )  # fmt: skip
    assert edited["address"] == "2 quai Est\nBâtiment B\n69002 Lyon"
    assert (edited["buyer_reference"], edited["purchase_order"]) == ("ACME-7", "PO-114")
    assert edited["version"] == 2 and edited["name"] == "Atelier Test"

    stale = cli.admin("account", "edit", account, "--version", "1", "--city", "Paris")
    assert stale.returncode == 1, str(stale)
    assert "was changed by admin at" in stale.stderr

    before = cli.snapshot()
    bad = cli.admin("account", "edit", account, "--billing-email", "nope", "--postcode", "?")
    assert bad.returncode == 2, str(bad)
    assert "field 'billing-email'" in bad.stderr and "field 'postcode'" in bad.stderr
    assert cli.snapshot() == before

    archived = cli.ok_json("account", "archive", account)
    assert archived["archived_on"] == TODAY
    refused = cli.admin("user", "add", "--account", account, "--email", "ada@acme.example")
    assert refused.returncode == 1, str(refused)
    assert "archived on 2026-03-15" in refused.stderr
    entries = cli.ok_json("audit", "list", "--entity", "account", "--entity-id", account)
    assert [e["action"] for e in entries][:2] == ["account.archive", "account.update"]


def test_r06_replace_and_remove_payment_methods(cli: Cli) -> None:
    seeded = seed(cli, seats={"named-user": 3})  # a yearly subscription paid by card
    account = str(seeded.account_id)
    card = cli.ok_json(
        "account", "add-card", account, "--token", "tok_a", "--brand", "visa",
        "--last4", "4242", "--expiry", "08/2028",
    )  # fmt: skip
    last = cli.admin("account", "remove-payment", account, str(card["id"]))
    assert last.returncode == 1, str(last)
    assert "R06: subscription" in last.stderr and "last card" in last.stderr

    new = cli.ok_json(
        "account", "replace-card", account, str(card["id"]), "--token", "tok_b",
        "--brand", "mastercard", "--last4", "5454", "--expiry", "03/2031",
    )  # fmt: skip
    assert (new["brand"], new["last4"], new["expiry"]) == ("mastercard", "5454", "03/2031")
    shown = cli.ok_json("account", "show", account)
    assert [p["id"] for p in shown["payment_methods"]] == [new["id"]]

    transfer = cli.ok_json("account", "add-transfer", account)
    removed = cli.admin("account", "remove-payment", account, str(transfer["id"]))
    assert removed.returncode == 0, str(removed)
    assert f"Payment method {transfer['id']} removed." in removed.stdout
    unknown = cli.admin("account", "remove-payment", account, "999")
    assert unknown.returncode == 2 and "999" in unknown.stderr
