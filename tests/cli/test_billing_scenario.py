"""The billing scenario end to end, with the real `desktop-admin` command and `--today`
moving forward (interfaces.md; billing-rules.md R04, R06, R08, R10, R11, R13, R15,
R16, R19, R20): purchase, upgrade with preview, a quoted upgrade, a downgrade blocked
at renewal, an idempotent billing run, refunds inside and outside the window.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import select

from desktop_admin.persistence.orm import InvoiceRow, PaymentRow, ScheduledChangeRow
from tests.cli.billing_helpers import (
    BILLING_CATALOG,
    CLERK,
    LIST_FIELDS,
    Desk,
    administrator_only,
    by_number,
    check_document,
    money,
)
from tests.cli.conftest import Cli

BUY = "2026-01-01"  # yearly period [2026-01-01, 2027-01-01): 365 days
UPGRADE = "2026-03-15"  # 292 days left: 5 * 100.00 * 292/365 = 400.00
QUOTE = "2026-07-01"  # 184 days left: 5 * 100.00 * 184/365 = 252.05
DOWNGRADE = "2026-09-01"
WARN = "2026-12-20"  # 12 days before the renewal
RENEWAL = "2027-01-01"
BUY_QUARTERLY = "2027-01-05"
DAY_15 = "2027-01-20"  # purchase + 15 days: still refundable (R16)
DAY_16 = "2027-01-21"


def seats_in_db(desk: Desk, subscription_id: int) -> dict[str, int]:
    return dict(
        desk.rows(
            "SELECT code, quantity FROM subscription_items "
            "WHERE subscription_id = :s AND product = 'role'",
            s=subscription_id,
        )
    )


def invoice_rows(desk: Desk) -> list[tuple[Any, ...]]:
    i = InvoiceRow
    return desk.rows(select(i.number, i.kind, i.reason, i.status, i.total).order_by(i.id))


def test_billing_scenario_from_purchase_to_refund(cli: Cli) -> None:
    administrator_only(cli, clerk=True)
    desk = Desk(cli)

    # --- set up with the command itself: seller, catalog, account, payment method
    seller = desk.json(
        BUY, "seller", "set", "--name", "Seat Desk SAS", "--country", "FR",
        "--vat-number", "FR12345678901", "--address", "1 rue de la Paix, Paris",
    )  # fmt: skip
    assert (seller["name"], seller["country"]) == ("Seat Desk SAS", "FR")
    imported = desk.json(BUY, "catalog", "import", str(desk.write("catalog.toml", BILLING_CATALOG)))
    assert sorted(imported["created"]) == ["designer", "named-user", "storage-100gb"]
    account = desk.json(
        BUY, "account", "create", "--name", "Atelier Dupont", "--audience", "company",
        "--country", "FR",
    )  # fmt: skip
    account_id = account["id"]
    assert isinstance(account_id, int)
    acc = str(account_id)
    assert desk.json(BUY, "account", "add-transfer", acc)["kind"] == "transfer"

    # --- R06/R19/R20: the purchase and its first invoice, payable upfront by transfer
    created = desk.ok(
        BUY, "--json", "subscription", "create", "--account", acc, "--cycle", "yearly",
        "--seat", "named-user=25", "--payment", "transfer",
    )  # fmt: skip
    purchase = created.json
    sub_id = purchase["id"]
    assert isinstance(sub_id, int)
    sub = str(sub_id)
    assert purchase["seats"] == {"named-user": 25}
    assert purchase["status"] == "active"
    first = purchase["invoice"]
    check_document(first)
    assert first["number"] == "INV-2026-000001"
    assert first["kind"] == "invoice"
    assert first["issue_date"] == BUY
    assert (first["period_start"], first["period_end"]) == (BUY, RENEWAL)
    assert [
        (line["quantity"], line["unit_price"], line["amount"], line["period_start"])
        for line in first["lines"]
    ] == [(25, "100.00", "2500.00", BUY)]
    assert (first["net"], first["vat"], first["total"]) == ("2500.00", "500.00", "3000.00")
    assert money(first["vat"]) == money(first["net"]) * Decimal("0.20")  # FR buyer: 20 %
    assert first["payment_method"] == "transfer"
    assert seats_in_db(desk, sub_id) == {"named-user": 25}
    assert invoice_rows(desk) == [
        ("INV-2026-000001", "invoice", "purchase", "open", Decimal("3000.0000"))
    ]

    # --- named users holding the role
    users = [
        desk.json(
            BUY, "user", "add", "--account", acc, "--email", f"user{i}@dupont.example",
            "--name", f"User {i}", "--role", "named-user",
        )["id"]
        for i in range(3)
    ]  # fmt: skip
    assert len(set(users)) == 3

    # --- R10: preview an upgrade 25 -> 30: lines and total, nothing committed
    invoices_before = desk.json(UPGRADE, "invoice", "list")
    before = cli.snapshot()
    preview = desk.json(UPGRADE, "subscription", "preview", sub, "--seat", "named-user=30")
    check_document(preview)
    assert [
        (line["quantity"], line["unit_price"], line["amount"]) for line in preview["lines"]
    ] == [(5, "100.00", "400.00")]
    assert (preview["lines"][0]["period_start"], preview["lines"][0]["period_end"]) == (
        UPGRADE,
        RENEWAL,
    )
    assert (preview["net"], preview["vat"], preview["total"]) == ("400.00", "80.00", "480.00")
    assert cli.snapshot() == before, "subscription preview committed something"
    assert desk.json(UPGRADE, "invoice", "list") == invoices_before
    assert seats_in_db(desk, sub_id) == {"named-user": 25}

    # --- the change itself: seats at once, its charge issued by the day's billing run
    changed = desk.json(UPGRADE, "subscription", "change", sub, "--seat", "named-user=30")
    assert changed["total"] == "480.00"
    assert changed["scheduled"] == []
    assert seats_in_db(desk, sub_id) == {"named-user": 30}
    run = desk.json(UPGRADE, "billing", "run")
    assert run["invoices"] == ["INV-2026-000002"]
    assert (run["renewals"], run["blocked"], run["at_risk"]) == (0, [], [])
    upgrade = desk.json(UPGRADE, "invoice", "show", "INV-2026-000002")
    check_document(upgrade)
    assert upgrade["lines"] == preview["lines"], "the invoice differs from its preview"
    assert (upgrade["net"], upgrade["vat"], upgrade["total"]) == ("400.00", "80.00", "480.00")
    assert (upgrade["issue_date"], upgrade["status"], upgrade["reason"]) == (
        UPGRADE,
        "open",
        "upgrade",
    )

    # --- invoice pay: the purchase invoice is paid in full by transfer
    paid = desk.json(
        UPGRADE, "invoice", "pay", "INV-2026-000001", "--method", "transfer",
        "--ref", "VIR-2026-0001",
    )  # fmt: skip
    assert (paid["number"], paid["status"]) == ("INV-2026-000001", "paid")
    p = PaymentRow
    assert desk.rows(select(p.method, p.reference, p.amount)) == [
        ("transfer", "VIR-2026-0001", Decimal("3000.0000"))
    ]
    assert desk.json(UPGRADE, "invoice", "show", "INV-2026-000001")["status"] == "paid"

    # --- R13: a quote for 30 -> 35, priced exactly as the invoice would be, then accepted
    quote = desk.json(QUOTE, "quote", "create", "--subscription", sub, "--seat", "named-user=35")
    check_document(quote)
    assert isinstance(quote["id"], int)
    assert quote["number"] == "Q-2026-000001"
    assert (quote["status"], quote["valid_until"]) == ("draft", "2026-07-31")
    assert [
        (line["quantity"], line["unit_price"], line["amount"], line["period_start"])
        for line in quote["lines"]
    ] == [(5, "100.00", "252.05", QUOTE)]
    assert (quote["net"], quote["vat"], quote["total"]) == ("252.05", "50.41", "302.46")
    assert seats_in_db(desk, sub_id) == {"named-user": 30}, "a quote committed the change"

    accepted = desk.ok(QUOTE, "--json", "quote", "accept", quote["number"])
    assert "Q-2026-000001 accepted" in accepted.stderr
    assert accepted.json["total"] == "302.46"
    # accepted as quoted: its invoice is issued at once with the quote's lines
    assert accepted.json["invoice"]["number"] == "INV-2026-000003"
    assert seats_in_db(desk, sub_id) == {"named-user": 35}
    assert desk.json(QUOTE, "quote", "show", quote["number"])["status"] == "accepted"

    # --- R11: a downgrade below the enabled holders is scheduled for the period end
    down = desk.json(DOWNGRADE, "subscription", "change", sub, "--seat", "named-user=2")
    assert (down["lines"], down["total"]) == ([], "0.00")
    assert down["scheduled"] == [
        {
            "product": "role",
            "code": "named-user",
            "quantity": 2,
            "cycle": None,
            "effective_on": RENEWAL,
        }
    ]
    assert seats_in_db(desk, sub_id) == {"named-user": 35}, "a downgrade applied before its date"
    c = ScheduledChangeRow
    assert desk.rows(select(c.effective_on, c.quantity, c.status)) == [
        (date.fromisoformat(RENEWAL), 2, "pending")
    ]

    # --- R15: a few days before, the billing run warns that the downgrade is at risk
    warn = desk.json(WARN, "billing", "run")
    assert warn["invoices"] == []  # the accepted quote's invoice was issued on acceptance
    assert (warn["renewals"], warn["blocked"]) == (0, [])
    assert len(warn["at_risk"]) == 1, warn
    risk = warn["at_risk"][0]
    assert "R15" in risk and "Named user" in risk, risk
    assert "3 users" in risk and "2 seats" in risk and RENEWAL in risk, risk
    quoted = desk.json(WARN, "invoice", "show", "INV-2026-000003")
    assert quoted["lines"] == quote["lines"], "the invoice differs from the accepted quote"
    assert quoted["total"] == "302.46"

    # --- R08/R15: the renewal; the downgrade is blocked, the quantity kept
    renewal = desk.json(RENEWAL, "billing", "run")
    assert renewal["invoices"] == ["INV-2027-000001"]
    assert (renewal["renewals"], renewal["changes_applied"]) == (1, 0)
    assert len(renewal["blocked"]) == 1, renewal
    assert "R15" in renewal["blocked"][0] and "blocked" in renewal["blocked"][0]
    renewed = desk.json(RENEWAL, "invoice", "show", "INV-2027-000001")
    check_document(renewed)
    assert renewed["reason"] == "renewal"
    assert (renewed["period_start"], renewed["period_end"]) == (RENEWAL, "2028-01-01")
    assert [(line["quantity"], line["amount"]) for line in renewed["lines"]] == [(35, "3500.00")]
    assert (renewed["net"], renewed["vat"], renewed["total"]) == ("3500.00", "700.00", "4200.00")

    shown = desk.json(RENEWAL, "subscription", "show", sub)
    assert shown["seats"] == {"named-user": 35}
    assert (shown["status"], shown["billed_through"]) == ("active", "2028-01-01")
    assert (shown["period_start"], shown["period_end"]) == (RENEWAL, "2028-01-01")
    assert [(c["quantity"], c["status"]) for c in shown["scheduled"]] == [(2, "blocked")]
    assert "R15" in shown["scheduled"][0]["note"]
    assert seats_in_db(desk, sub_id) == {"named-user": 35}
    assert desk.rows("SELECT status FROM scheduled_changes") == [("blocked",)]
    assert desk.rows("SELECT COUNT(*) FROM named_users WHERE enabled") == [(3,)]

    # --- idempotent: a second run the same day issues nothing and changes nothing
    before = cli.snapshot()
    again = desk.json(RENEWAL, "billing", "run")
    assert (again["invoices"], again["renewals"], again["blocked"]) == ([], 0, [])
    assert cli.snapshot() == before, "a second billing run the same day changed the database"

    # --- R16: quarterly purchases, refunded on day 15, refused on day 16
    refunded_id, late_id = (
        desk.json(
            BUY_QUARTERLY, "subscription", "create", "--account", acc, "--cycle", "quarterly",
            "--seat", "named-user=2", "--payment", "transfer",
        )["id"]
        for _ in range(2)
    )  # fmt: skip
    docs = by_number(desk.json(BUY_QUARTERLY, "invoice", "list"))
    bought = docs["INV-2027-000002"]
    assert (bought["subscription_id"], bought["total"]) == (refunded_id, "68.40")
    assert docs["INV-2027-000003"]["subscription_id"] == late_id

    cancelled = desk.json(DAY_15, "subscription", "cancel", str(refunded_id), "--refund")
    assert (cancelled["status"], cancelled["ends_on"]) == ("cancelled", DAY_15)
    credit = cancelled["credit_note"]
    check_document(credit)
    assert (credit["kind"], credit["number"]) == ("credit_note", "CN-2027-000001")
    assert (credit["net"], credit["vat"], credit["total"]) == ("-57.00", "-11.40", "-68.40")
    assert credit["credited_invoice_id"] == bought["id"]
    docs = by_number(desk.json(DAY_15, "invoice", "list"))
    assert docs["INV-2027-000002"]["status"] == "credited"
    assert docs["CN-2027-000001"]["kind"] == "credit_note"
    assert money(docs["CN-2027-000001"]["total"]) == -money(bought["total"])
    assert desk.rows("SELECT status FROM subscriptions WHERE id = :s", s=refunded_id) == [
        ("cancelled",)
    ]

    late = desk.refused(DAY_16, "subscription", "cancel", str(late_id), "--refund")
    assert "R16" in late.stderr, str(late)
    assert "2027-01-20" in late.stderr, str(late)  # the last day of the window
    assert desk.rows("SELECT status FROM subscriptions WHERE id = :s", s=late_id) == [("active",)]
    renewed_refund = desk.refused(DAY_16, "subscription", "cancel", sub, "--refund")
    assert "R16: renewals are never refunded" in renewed_refund.stderr, str(renewed_refund)

    # --- invoice list --json: an array of every document, with the promised fields
    listed = desk.json(DAY_16, "invoice", "list")
    assert isinstance(listed, list)
    for doc in listed:
        assert set(doc) >= LIST_FIELDS, sorted(doc)
        assert doc["kind"] in ("invoice", "credit_note")
        for field in ("net", "vat", "total"):
            money(doc[field])
        assert money(doc["net"]) + money(doc["vat"]) == money(doc["total"])
        assert doc["period_start"] < doc["period_end"]
    assert [(d["number"], d["kind"], d["status"]) for d in listed] == [
        ("INV-2026-000001", "invoice", "paid"),
        ("INV-2026-000002", "invoice", "open"),
        ("INV-2026-000003", "invoice", "open"),
        ("INV-2027-000001", "invoice", "open"),
        ("INV-2027-000002", "invoice", "credited"),
        ("INV-2027-000003", "invoice", "open"),
        ("CN-2027-000001", "credit_note", "open"),
    ]
    assert invoice_rows(desk)[-1][:3] == ("CN-2027-000001", "credit_note", "refund")

    # --- permissions: a billing clerk reads invoices but may not buy
    clerk_list = desk.json(DAY_16, "invoice", "list", login=CLERK)
    assert clerk_list == listed
    refused = desk.refused(
        DAY_16, "subscription", "create", "--account", acc, "--cycle", "yearly",
        "--seat", "named-user=1", "--payment", "transfer", login=CLERK,
    )  # fmt: skip
    assert "may not manage subscriptions" in refused.stderr, str(refused)
