"""A small billing world seeded outside any transaction, and short ways to act on it
through the services (a test's "given" and "when")."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, replace
from datetime import date
from decimal import Decimal

from desktop_admin.domain.accounts import Account, Card, PaymentKind, PaymentMethod
from desktop_admin.domain.catalog import (
    Addon,
    AddonKind,
    Audience,
    Role,
    RoleKind,
    SeatOverflow,
    UpgradePolicy,
)
from desktop_admin.domain.changes import ChangeRequest, ScheduledChange
from desktop_admin.domain.invoicing import Invoice, InvoiceStatus, Party
from desktop_admin.domain.operators import Operator
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.domain.users import NamedUser
from desktop_admin.services import billing_run, changes, purchases
from desktop_admin.services.billing_run import BillingReport
from desktop_admin.services.changes import ChangeResult
from desktop_admin.services.context import Context
from desktop_admin.services.purchases import Order, Purchase
from tests.unit.services.builders import ADMIN, seed_user
from tests.unit.services.contexts import context
from tests.unit.services.fakes import FakeClock, FakeRenderer, FakeUnitOfWork

D = Decimal
M, Q, Y = Cycle.MONTHLY, Cycle.QUARTERLY, Cycle.YEARLY
ONLINE = frozenset({"FR", "DE", "US", "BE", "FI"})

SELLER = Party("Seat Desk SAS", "FR", "FR40303265045", "1 rue de la Paix, Paris")

#: Named user: prorated at once (R10), a downgrade that does not fit is blocked (R15).
NAMED_USER = Role(
    "named-user",
    "Named user",
    upgrade_policy=UpgradePolicy.IMMEDIATE_PRORATED,
    seat_overflow=SeatOverflow.BLOCK,
    online_countries=ONLINE,
    trial_days=14,
    prices={M: D("10.00"), Q: D("28.00"), Y: D("100.00")},
)
#: Designer: upgrades free until the month's end (R10), users drawn and disabled (R15).
DESIGNER = Role(
    "designer",
    "Designer",
    upgrade_policy=UpgradePolicy.NEXT_MONTH_START,
    seat_overflow=SeatOverflow.AUTO_DISABLE,
    online_countries=ONLINE,
    prices={M: D("12.00"), Q: D("33.00"), Y: D("120.00")},
)
#: A business experience: frozen after its cancellation (R17).
BIM = Role(
    "bim",
    "BIM collaboration",
    kind=RoleKind.BUSINESS_EXPERIENCE,
    audiences=frozenset({Audience.COMPANY}),
    online_countries=ONLINE,
    prices={Q: D("90.00"), Y: D("320.00")},
)
#: Sold on request only, everywhere (R04).
ENTERPRISE = Role("enterprise", "Enterprise", prices={Y: D("1000.00")})
STORAGE = Addon(
    "storage", "Storage 100 GB", AddonKind.OTHER, {M: D("2.00"), Q: D("5.50"), Y: D("20.00")}
)
GUESTS = Addon("guest-users", "Guest users", AddonKind.GUEST_USERS, {M: D("1.00"), Y: D("10.00")})


def seed_billing_catalog(uow: FakeUnitOfWork) -> None:
    uow.catalog.set_currency("EUR")
    for role in (NAMED_USER, DESIGNER, BIM, ENTERPRISE):
        uow.catalog.save_role(role)
    for addon in (STORAGE, GUESTS):
        uow.catalog.save_addon(addon)
    uow.settings.set("seller", json.dumps(asdict(SELLER)))


CARD = PaymentMethod(PaymentKind.CARD, Card("tok_visa_4242", "visa", "4242", 12, 2030))


def set_price(uow: FakeUnitOfWork, code: str, cycle: Cycle, price: Decimal | None) -> Role:
    """Change (or, with None, remove) a role's price for a cycle in the catalog."""
    role = uow.catalog.role(code)
    assert role is not None
    prices = {c: p for c, p in role.prices.items() if c is not cycle}
    return uow.catalog.save_role(
        replace(role, prices=prices | ({cycle: price} if price is not None else {}))
    )


@dataclass
class World:
    """One account of a seeded catalog, with a clock and an operator."""

    uow: FakeUnitOfWork
    clock: FakeClock
    account_id: int
    actor: Operator = ADMIN

    def at(self, day: date) -> World:
        self.clock.day = day
        return self

    def ctx(self, actor: Operator | None = None, renderer: FakeRenderer | None = None) -> Context:
        """The world's operator (or `actor`) acting today."""
        return context(self.uow, self.clock, actor or self.actor, renderer=renderer)

    def buy(
        self,
        seats: dict[str, int],
        cycle: Cycle = Y,
        addons: dict[str, int] | None = None,
        payment: str = "card",
        trial: bool = False,
        on: date | None = None,
    ) -> Purchase:
        if on is not None:
            self.at(on)
        order = Order(self.account_id, cycle, seats, addons or {}, payment, trial=trial)
        return purchases.purchase(self.ctx(), order)

    def bought(self, seats: dict[str, int], cycle: Cycle = Y, on: date | None = None) -> int:
        """A purchase that succeeds; its subscription's id."""
        subscription = self.buy(seats, cycle, on=on).subscription
        assert subscription is not None and subscription.id is not None
        return subscription.id

    def change(
        self,
        subscription_id: int,
        seats: dict[str, int] | None = None,
        addons: dict[str, int] | None = None,
        cycle: Cycle | None = None,
        on: date | None = None,
    ) -> ChangeResult:
        if on is not None:
            self.at(on)
        request = ChangeRequest(seats or {}, addons or {}, cycle)
        return changes.change_subscription(self.ctx(), subscription_id, request)

    def run(
        self,
        on: date | None = None,
        batch_size: int = 200,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BillingReport:
        if on is not None:
            self.at(on)
        return billing_run.run_billing(
            self.ctx(), batch_size=batch_size, progress=progress, cancelled=cancelled
        )

    def subscription(self, subscription_id: int) -> Subscription:
        return self.uow.subscriptions.get(subscription_id)

    def invoices(self, subscription_id: int | None = None) -> list[Invoice]:
        """The account's documents as stored (drafts too), by issue date."""
        stored = [self.uow.invoices.get(i) for i in self.uow.invoices.rows]
        mine = [i for i in stored if i.account_id == self.account_id]
        wanted = [i for i in mine if subscription_id in (None, i.subscription_id)]
        return sorted(wanted, key=lambda i: (i.issue_date, i.id or 0))

    def changes(self, subscription_id: int) -> list[ScheduledChange]:
        """Every change scheduled on a subscription as stored, pending or not, by date."""
        stored = self.uow.subscriptions.change_rows.values()
        mine = [c for c in stored if c.subscription_id == subscription_id]
        return sorted(mine, key=lambda c: (c.effective_on, c.id or 0))

    def issued(self, subscription_id: int | None = None) -> list[Invoice]:
        return [i for i in self.invoices(subscription_id) if i.status is not InvoiceStatus.DRAFT]

    def users(
        self, count: int, roles: Iterable[str], admins: int = 0, prefix: str = "u"
    ) -> list[NamedUser]:
        """`count` enabled users holding `roles`, the first `admins` of them Administrators."""
        codes = tuple(roles)
        return [
            seed_user(
                self.uow, self.account_id, f"{prefix}{n}@example.com", codes, is_admin=n < admins
            )
            for n in range(count)
        ]


def world(
    audience: Audience = Audience.COMPANY,
    country: str = "FR",
    vat_number: str | None = None,
    day: date = date(2026, 3, 1),
    card: bool = True,
    transfer: bool = False,
    uow: FakeUnitOfWork | None = None,
    name: str = "Acme SA",
) -> World:
    """A seeded catalog and seller (unless `uow` has them) and one account."""
    if uow is None:
        uow = FakeUnitOfWork()
        seed_billing_catalog(uow)
    account = uow.accounts.add(
        Account(name, audience, country, vat_number=vat_number, billing_email="billing@acme.test")
    )
    assert account.id is not None
    for method in [CARD] * card + [PaymentMethod(PaymentKind.TRANSFER)] * transfer:
        uow.accounts.add_payment_method(account.id, method)
    return World(uow, FakeClock(day), account.id)


def net(invoices: Iterable[Invoice]) -> Decimal:
    return sum((i.totals.net for i in invoices), D(0))


def amounts(invoice: Invoice) -> list[tuple[str, int, Decimal, Decimal]]:
    """(code, quantity, unit price, amount) of each line."""
    return [(ln.code, ln.quantity, ln.unit_price, ln.amount) for ln in invoice.lines]
