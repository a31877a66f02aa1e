"""Properties over random histories on SQLite (R19, R20): whatever sequence of
purchases, changes and billing runs, every invoice's lines sum to its totals and the
numbers of each series and year are gapless."""

from __future__ import annotations

import tempfile
from contextlib import suppress
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.invoicing import DocumentKind, InvoiceStatus
from desktop_admin.domain.periods import Cycle
from desktop_admin.security import Argon2Hasher
from desktop_admin.services.purchases import Order
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, CATALOG_TEXT, TODAY
from tests.integration.billing.conftest import (
    BIM_ROLE,
    check_totals,
    numbering_problems,
    open_session,
    set_french_seller,
    stored_totals_problems,
)

CYCLES = {"company": (Cycle.YEARLY, Cycle.QUARTERLY), "maker": (Cycle.MONTHLY, Cycle.YEARLY)}
PRODUCTS = ("named-user", "designer", "storage-100gb", "guest-users")

buy = st.tuples(
    st.just("buy"),
    st.sampled_from(["fr", "de", "maker"]),
    st.integers(0, 1),
    st.dictionaries(st.sampled_from(PRODUCTS[:2]), st.integers(1, 40), min_size=1),
    st.dictionaries(st.sampled_from(PRODUCTS[2:]), st.integers(1, 9)),
)
change = st.tuples(
    st.sampled_from(["up", "down"]),
    st.integers(0, 20),
    st.sampled_from(PRODUCTS),
    st.integers(1, 25),
)
cancel = st.tuples(st.just("cancel"), st.integers(0, 20), st.booleans())
advance = st.tuples(st.just("run"), st.one_of(st.integers(1, 16), st.integers(30, 240)))
histories = st.lists(st.one_of(buy, change, advance, cancel), min_size=2, max_size=16)


class Desk:
    """One fresh SQLite database and the Administrator's session on a moving date."""

    def __init__(self, folder: str) -> None:
        self.url, self.hasher = f"sqlite:///{folder}/prop.sqlite3", Argon2Hasher.cheap()
        self.app = AdminApp.open(self.url, today=TODAY, hasher=self.hasher)
        self.session = self.app.create_first_administrator(ADMIN_LOGIN, ADMIN_PASSWORD)
        self.session.catalog.import_text(CATALOG_TEXT + BIM_ROLE, source="catalog.toml")
        set_french_seller(self.session)
        self.accounts: dict[str, tuple[int, str]] = {}
        for key, audience, country, vat in (
            ("fr", "company", "FR", "FR40303265045"),
            ("de", "company", "DE", "DE123456789"),
            ("maker", "maker", "FR", None),
        ):
            account = self.session.accounts.create(
                name=key, audience=audience, country=country, vat_number=vat
            ).value
            self.session.accounts.add_card(
                account.id or 0, token="tok", brand="visa", last4="4242", exp_month=8, exp_year=2040
            )
            self.accounts[key] = (account.id or 0, audience)
        self.subscriptions: list[int] = []

    def move_to(self, day: date) -> OperatorSession:
        self.app.close()
        self.app, self.session = open_session(self.url, day, self.hasher)
        return self.session

    def apply(self, step: tuple[Any, ...]) -> None:
        session = self.session
        if step[0] == "buy":
            _, key, cycle, seats, addons = step
            account, audience = self.accounts[key]
            done = session.subscriptions.purchase(
                Order(account, CYCLES[audience][cycle], seats, addons)
            ).value
            if done.subscription is not None:
                self.subscriptions.append(done.subscription.id or 0)
        elif step[0] == "run":
            self.move_to(session.today + timedelta(days=step[1])).billing.run()
        elif not self.subscriptions:
            return
        elif step[0] == "cancel":
            session.subscriptions.cancel(
                self.subscriptions[step[1] % len(self.subscriptions)], refund=step[2]
            )
        else:
            kind, index, code, delta = step
            sub = session.subscriptions.get(self.subscriptions[index % len(self.subscriptions)])
            addon = code in PRODUCTS[2:]
            current = (sub.addons if addon else sub.seats).get(code, 0)
            wanted = current + delta if kind == "up" else max(current - delta, 0 if addon else 1)
            quantities = {code: wanted}
            session.subscriptions.change(
                sub.id or 0, ChangeRequest({} if addon else quantities, quantities if addon else {})
            )


@settings(
    max_examples=20,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(histories)
@example(  # both series, two years, a proration, a catch-up, a refund
    [
        ("buy", "fr", 1, {"named-user": 7, "designer": 2}, {"storage-100gb": 1}),
        ("buy", "maker", 0, {"named-user": 3}, {"guest-users": 2}),
        ("buy", "de", 0, {"designer": 3}, {}),
        ("up", 1, "named-user", 4),
        ("run", 10),
        ("cancel", 2, True),
        ("up", 0, "storage-100gb", 3),
        ("down", 0, "designer", 1),
        ("run", 330),
        ("up", 0, "named-user", 5),
        ("run", 3),
    ]
)
def test_r19_r20_any_history_gives_whole_invoices_and_gapless_numbers(
    history: list[tuple[Any, ...]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        desk = Desk(folder)
        try:
            for step in history:
                with suppress(DomainError):  # a refusal changes nothing; the history goes on
                    desk.apply(step)
            final = desk.session.billing.run().value
            assert final.problems == []
            invoices = desk.session.billing.invoices()  # reading checks lines against totals
            for invoice in invoices:
                check_totals(invoice)
                if invoice.status is InvoiceStatus.DRAFT:
                    assert invoice.number is None and invoice.issue_date > desk.session.today
                    continue
                assert invoice.number is not None
                series, year, _ = invoice.number.split("-")
                assert series == ("INV" if invoice.kind is DocumentKind.INVOICE else "CN")
                assert int(year) == invoice.issue_date.year
            assert numbering_problems(i.number for i in invoices) == []
            assert stored_totals_problems(desk.url) == []
        finally:
            desk.app.close()
