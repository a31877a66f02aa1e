"""`session.subscriptions`: buying, changing, renewing and cancelling subscriptions."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from desktop_admin.app.areas import Area
from desktop_admin.domain.changes import ChangeRequest, ScheduledChange
from desktop_admin.domain.outcome import Changes, Outcome
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.services import cancellation, changes, purchases, subscriptions
from desktop_admin.services.cancellation import Cancellation
from desktop_admin.services.changes import ChangeResult
from desktop_admin.services.purchases import Order, Purchase

#: Seats bought change what the licences and the dashboard show.
BOUGHT = Changes.SUBSCRIPTIONS | Changes.ASSIGNMENTS | Changes.AUDIT
#: A purchase or a change may bill at once (an invoice or a draft).
BILLED = BOUGHT | Changes.INVOICES


class SubscriptionsArea(Area):
    def record(
        self,
        *,
        account_id: int,
        cycle: Cycle,
        seats: Mapping[str, int],
        addons: Mapping[str, int] | None = None,
        start: date | None = None,
        payment: str = "card",
    ) -> Outcome[Subscription]:
        """A subscription bought elsewhere, recorded without billing it."""
        c = self._ctx
        recorded = subscriptions.record_subscription(
            c.new_uow(), c.clock, c.actor, account_id, cycle, seats, addons, start,
            payment=payment,
        )  # fmt: skip
        return Outcome(recorded, BOUGHT)

    def of_account(self, account_id: int) -> list[Subscription]:
        return subscriptions.subscriptions_of(self._ctx.new_uow(), self._ctx.actor, account_id)

    def get(self, subscription_id: int) -> Subscription:
        return subscriptions.get_subscription(self._ctx.new_uow(), self._ctx.actor, subscription_id)

    def purchase(self, order: Order) -> Outcome[Purchase]:
        """Buy; in a contact-only country the purchase is a quote request instead."""
        c = self._ctx
        bought = purchases.purchase(c.new_uow(), c.clock, c.actor, order)
        return Outcome(bought, BILLED if bought.subscription else Changes.QUOTES | Changes.AUDIT)

    def preview_change(self, subscription_id: int, request: ChangeRequest) -> ChangeResult:
        c = self._ctx
        return changes.preview_change(c.new_uow(), c.clock, c.actor, subscription_id, request)

    def change(self, subscription_id: int, request: ChangeRequest) -> Outcome[ChangeResult]:
        c = self._ctx
        result = changes.change_subscription(
            c.new_uow(), c.clock, c.actor, subscription_id, request
        )
        return Outcome(result, BILLED)

    def scheduled_changes(self, subscription_id: int) -> list[ScheduledChange]:
        return changes.scheduled_changes(self._ctx.new_uow(), self._ctx.actor, subscription_id)

    def cancel_change(self, subscription_id: int, *, change_id: int) -> Outcome[ScheduledChange]:
        c = self._ctx
        cancelled = changes.cancel_scheduled_change(
            c.new_uow(), c.clock, c.actor, change_id, subscription_id
        )
        return Outcome(cancelled, BILLED)

    def set_auto_renew(self, subscription_id: int, *, renew: bool) -> Outcome[Subscription]:
        c = self._ctx
        changed = changes.set_auto_renew(c.new_uow(), c.clock, c.actor, subscription_id, renew)
        return Outcome(changed, BOUGHT)

    def cancel(self, subscription_id: int, *, refund: bool = False) -> Outcome[Cancellation]:
        """End now; with `refund`, a credit note for what was paid and not used."""
        c = self._ctx
        ended = cancellation.cancel_subscription(
            c.new_uow(), c.clock, c.actor, subscription_id, refund
        )
        return Outcome(ended, BILLED | Changes.USERS)
