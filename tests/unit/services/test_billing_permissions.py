"""Billing permissions are checked in the services: a billing clerk reads invoices
and quotes and records payments; purchasing, changing, cancelling and running
billing are refused, and the refusal commits nothing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.errors import PermissionDenied
from desktop_admin.domain.invoicing import InvoiceStatus
from desktop_admin.domain.operators import Operator
from desktop_admin.domain.periods import Cycle
from desktop_admin.services import (
    billing_run,
    cancellation,
    changes,
    payments,
    purchases,
    quotes,
    seller,
)
from desktop_admin.services.purchases import Order
from tests.unit.services.billing_world import World, world
from tests.unit.services.builders import ADMIN, CLERK, MANAGER

Call = Callable[[World, Operator], object]
UPGRADE = ChangeRequest({"named-user": 12}, {}, None)
ORDER = Order(1, Cycle.YEARLY, {"named-user": 1})

#: Given: account 1, subscription 1 (10 named users, INV-2026-000001), a scheduled
#: downgrade 1, a draft upgrade invoice (id 2) and quote Q-2026-000001.
REFUSED_TO_A_CLERK: dict[str, Call] = {
    "purchase": lambda w, a: purchases.purchase(w.ctx(a), ORDER),
    "change": lambda w, a: changes.change_subscription(w.ctx(a), 1, UPGRADE),
    "cancel_scheduled_change": lambda w, a: changes.cancel_scheduled_change(
        w.ctx(a), 1, change_id=1
    ),
    "set_auto_renew": lambda w, a: changes.set_auto_renew(w.ctx(a), 1, renew=False),
    "cancel": lambda w, a: cancellation.cancel_subscription(w.ctx(a), 1, refund=True),
    "run_billing": lambda w, a: billing_run.run_billing(w.ctx(a)),
    "issue_draft_now": lambda w, a: payments.issue_draft_now(w.ctx(a), "2"),
    "quote_purchase": lambda w, a: quotes.quote_purchase(w.ctx(a), ORDER),
    "quote_change": lambda w, a: quotes.quote_change(w.ctx(a), 1, UPGRADE),
    "accept_quote": lambda w, a: quotes.accept_quote(w.ctx(a), "Q-2026-000001"),
    "reject_quote": lambda w, a: quotes.reject_quote(w.ctx(a), "Q-2026-000001"),
    "set_seller": lambda w, a: seller.set_seller(w.ctx(a), name="Other SA", country="FR"),
}
#: Lists (read models, allowed to a clerk in tests/integration/billing/test_reads.py).
LISTS: dict[str, Call] = {
    "list_invoices": lambda w, a: purchases.list_invoices(w.ctx(a), 1),
    "list_quotes": lambda w, a: quotes.list_quotes(w.ctx(a)),
}
ALLOWED_TO_A_CLERK: dict[str, Call] = {
    "get_invoice": lambda w, a: purchases.get_invoice(w.ctx(a), "INV-2026-000001"),
    "get_quote": lambda w, a: quotes.get_quote(w.ctx(a), "Q-2026-000001"),
    "preview_change": lambda w, a: changes.preview_change(w.ctx(a), 1, UPGRADE),
    "get_seller": lambda w, a: seller.get_seller(w.ctx(a)),
    "record_payment": lambda w, a: payments.record_payment(
        w.ctx(a), "INV-2026-000001", method="card", payment_reference="tok_visa_4242"
    ),
}


def given() -> World:
    w = world()
    sid = w.bought({"named-user": 10}, Cycle.YEARLY, on=date(2026, 3, 1))
    w.change(sid, {"named-user": 8}, on=date(2026, 3, 10))
    assert w.change(sid, addons={"storage": 1}).draft is not None
    quotes.quote_purchase(w.ctx(), ORDER)
    return w


@pytest.mark.parametrize("name", sorted(REFUSED_TO_A_CLERK))
def test_a_billing_clerk_may_not_purchase_change_cancel_or_run_billing(name: str) -> None:
    w = given()
    before, commits = w.uow.picture(), w.uow.commits
    with pytest.raises(PermissionDenied, match=r"clerk \(Billing clerk\) may not"):
        REFUSED_TO_A_CLERK[name](w, CLERK)
    assert w.uow.picture() == before and w.uow.commits == commits


@pytest.mark.parametrize("name", sorted(REFUSED_TO_A_CLERK))
def test_an_administrator_may_do_what_a_clerk_may_not(name: str) -> None:
    w = given()
    REFUSED_TO_A_CLERK[name](w, ADMIN)


@pytest.mark.parametrize("name", sorted(ALLOWED_TO_A_CLERK))
def test_a_billing_clerk_reads_invoices_and_records_payments(name: str) -> None:
    w = given()
    assert ALLOWED_TO_A_CLERK[name](w, CLERK) is not None


def test_the_clerks_payment_is_recorded() -> None:
    w = given()
    ALLOWED_TO_A_CLERK["record_payment"](w, CLERK)
    assert w.uow.invoices.by_number("INV-2026-000001").status is InvoiceStatus.PAID
    assert w.uow.audit.entries(actor="clerk")[0].action == "invoice.payment"


@pytest.mark.parametrize(
    "name", ["list_invoices", "get_invoice", "record_payment", "preview_change", "list_quotes"]
)
def test_a_user_manager_has_no_access_to_billing(name: str) -> None:
    w = given()
    with pytest.raises(PermissionDenied, match="manager"):
        (ALLOWED_TO_A_CLERK | LISTS)[name](w, MANAGER)
