"""`session.subscriptions`: buying, changing, renewing and cancelling subscriptions."""

from __future__ import annotations

from desktop_admin.app.areas import Area, reads, writes
from desktop_admin.domain.outcome import Changes
from desktop_admin.services import cancellation, changes, offers, purchases, subscriptions
from desktop_admin.services.purchases import Purchase

#: Seats bought change what the licences and the dashboard show.
BOUGHT = Changes.SUBSCRIPTIONS | Changes.ASSIGNMENTS | Changes.AUDIT
#: A purchase or a change may bill at once (an invoice or a draft).
BILLED = BOUGHT | Changes.INVOICES


def purchased(bought: Purchase) -> Changes:
    """A purchase bills; one that became a quote request (R04) makes a quote only."""
    return BILLED if bought.subscription else Changes.QUOTES | Changes.AUDIT


class SubscriptionsArea(Area):
    record = writes(subscriptions.record_subscription, BOUGHT)
    of_account = reads(subscriptions.subscriptions_of)
    get = reads(subscriptions.get_subscription)
    purchase = writes(purchases.purchase, purchased)
    preview_purchase = reads(purchases.preview_purchase)
    purchase_offer = reads(offers.purchase_offer)
    change_options = reads(offers.change_options)
    seat_top_up = reads(offers.seat_top_up)
    preview_change = reads(changes.preview_change)
    change = writes(changes.change_subscription, BILLED)
    scheduled_changes = reads(subscriptions.scheduled_changes)
    account_changes = reads(subscriptions.account_changes)
    cancel_change = writes(changes.cancel_scheduled_change, BILLED)
    set_auto_renew = writes(changes.set_auto_renew, BOUGHT)
    cancel = writes(cancellation.cancel_subscription, BILLED | Changes.USERS)
