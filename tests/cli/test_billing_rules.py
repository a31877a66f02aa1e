"""Short billing checks with the real `desktop-admin` command (interfaces.md;
billing-rules.md R04, R09, R13, R20); the database is seeded in-process."""

from __future__ import annotations

from sqlalchemy import select

from desktop_admin.persistence.orm import InvoiceRow, QuoteRow, SubscriptionRow
from tests.cli.billing_helpers import Desk, billing_seed, check_document
from tests.cli.conftest import Cli


def buy_yearly(desk: Desk, day: str, account_id: int, seats: str = "named-user=3") -> int:
    created = desk.json(
        day, "subscription", "create", "--account", str(account_id), "--cycle", "yearly",
        "--seat", seats, "--payment", "transfer",
    )  # fmt: skip
    assert isinstance(created["id"], int)
    return int(created["id"])


def test_r09_stop_renewal_until_five_days_before_the_period_end(cli: Cli) -> None:
    desk = Desk(cli)
    sub = str(buy_yearly(desk, "2026-01-01", billing_seed(cli)))
    assert desk.json("2026-06-01", "subscription", "show", sub)["stop_renewal_deadline"] == (
        "2026-12-27"
    )

    last_day = desk.ok("2026-12-27", "subscription", "stop-renewal", sub)  # end - 5 days
    assert "2027-01-01" in last_day.stdout, str(last_day)  # it ends at the period end
    assert desk.rows(select(SubscriptionRow.auto_renew)) == [(False,)]

    desk.ok("2026-12-28", "subscription", "resume-renewal", sub)
    assert desk.rows(select(SubscriptionRow.auto_renew)) == [(True,)]
    late = desk.refused("2026-12-28", "subscription", "stop-renewal", sub)
    assert "R09: renewal can no longer be stopped; the deadline was 2026-12-27" in late.stderr, str(
        late
    )
    assert desk.rows(select(SubscriptionRow.auto_renew)) == [(True,)]


def test_r04_a_contact_only_role_gives_a_quote_request_not_a_subscription(cli: Cli) -> None:
    desk = Desk(cli)
    account_id = billing_seed(cli)
    result = desk.ok(
        "2026-02-01", "--json", "subscription", "create", "--account", str(account_id),
        "--cycle", "yearly", "--seat", "designer=2", "--payment", "transfer",
    )  # fmt: skip

    assert "R04" in result.stderr, str(result)
    quote = result.json["quote"]
    check_document(quote)
    assert quote["contact_request"] is True
    assert quote["number"] == "Q-2026-000001"
    assert [(line["quantity"], line["unit_price"]) for line in quote["lines"]] == [(2, "490.00")]
    assert result.json.get("invoice") is None
    assert desk.rows(select(SubscriptionRow.id)) == []
    assert desk.rows(select(InvoiceRow.id)) == []
    assert desk.rows(select(QuoteRow.number)) == [("Q-2026-000001",)]
    assert desk.json("2026-02-01", "invoice", "list") == []


def test_r13_a_rejected_quote_cannot_be_accepted(cli: Cli) -> None:
    desk = Desk(cli)
    account_id = billing_seed(cli)
    quote = desk.json(
        "2026-02-01", "quote", "create", "--account", str(account_id), "--cycle", "yearly",
        "--seat", "named-user=3", "--payment", "transfer",
    )  # fmt: skip
    check_document(quote)
    assert (quote["total"], quote["status"]) == ("360.00", "draft")

    rejected = desk.json("2026-02-02", "quote", "reject", quote["number"])
    assert rejected["status"] == "rejected"
    refused = desk.refused("2026-02-03", "quote", "accept", quote["number"])
    assert "R13" in refused.stderr and "rejected" in refused.stderr, str(refused)
    assert desk.rows(select(SubscriptionRow.id)) == []


def test_r13_an_expired_quote_cannot_be_accepted(cli: Cli) -> None:
    desk = Desk(cli)
    account = str(billing_seed(cli))
    order = ("--account", account, "--cycle", "yearly", "--payment", "transfer")
    on_time = desk.json("2026-02-01", "quote", "create", *order, "--seat", "named-user=3")
    too_late = desk.json("2026-02-01", "quote", "create", *order, "--seat", "named-user=4")
    assert on_time["valid_until"] == too_late["valid_until"] == "2026-03-03"

    # The last valid day: accepted at the quoted prices, a subscription and its invoice.
    accepted = desk.json("2026-03-03", "quote", "accept", on_time["number"])
    assert accepted["invoice"]["total"] == on_time["total"] == "360.00"
    assert desk.rows(select(SubscriptionRow.id)) == [(accepted["id"],)]

    assert desk.json("2026-03-04", "quote", "show", too_late["number"])["status"] == "expired"
    refused = desk.refused("2026-03-04", "quote", "accept", too_late["number"])
    assert "R13" in refused.stderr and "2026-03-03" in refused.stderr, str(refused)


def test_a_seat_without_a_quantity_is_bad_usage(cli: Cli) -> None:
    desk = Desk(cli)
    account_id = billing_seed(cli)
    result = desk.refused(
        "2026-02-01", "subscription", "create", "--account", str(account_id),
        "--cycle", "yearly", "--seat", "designer", "--payment", "transfer", status=2,
    )  # fmt: skip
    assert "--seat" in result.stderr and "designer" in result.stderr, str(result)


def test_r20_vat_rates_print_as_plain_percentages(cli: Cli) -> None:
    """A script reading `vat_rate` gets the rate as written on the invoice: "20"."""
    desk = Desk(cli)
    account_id = billing_seed(cli)
    created = desk.json(
        "2026-02-01", "subscription", "create", "--account", str(account_id),
        "--cycle", "yearly", "--seat", "named-user=1", "--payment", "transfer",
    )  # fmt: skip
    invoice = created["invoice"]
    assert [line["vat_rate"] for line in invoice["lines"]] == ["20"]
    assert [v["rate"] for v in invoice["vat_by_rate"]] == ["20"]
