"""What the subscriptions page shows, as data and table models: an account's
subscriptions, the items (roles, add-ons) and scheduled changes of one, the seat check of a
change (R15), the renewal in words (R09)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from desktop_admin.domain.catalog import Addon, Audience, Catalog, Role, SeatOverflow
from desktop_admin.domain.changes import ChangeProduct, ChangeStatus, ScheduledChange
from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.domain.users import SeatUsage
from desktop_admin.services.changes import renewal_deadline
from ui.formatting import amount
from ui.i18n import translate
from ui.models.records import CENTER, RIGHT, SEAT_COLOURS, Column, RecordsModel, SeatState


@dataclass(frozen=True)
class AccountSubscriptions:
    account_id: int
    subscriptions: list[Subscription]
    changes: dict[int, list[ScheduledChange]]
    seats: list[SeatUsage]
    catalog: Catalog
    #: The account's audience: the catalog's price for it stands in for a price the
    #: subscription did not record (one recorded rather than bought here).
    audience: Audience | None = None


@dataclass(frozen=True)
class Item:
    """A role or an add-on of a subscription."""

    kind: str
    name: str
    quantity: int
    unit_price: str


@dataclass(frozen=True)
class ChangeRow:
    change: ScheduledChange
    text: str
    warning: str = ""


def seat_warning(
    change: ScheduledChange,
    subscription: Subscription,
    seats: Mapping[str, SeatUsage],
    catalog: Catalog,
) -> str:
    """R15, before the date: will the enabled holders fit the downgraded seats?"""
    if change.product is not ChangeProduct.ROLE or change.status is not ChangeStatus.PENDING:
        return ""
    usage = seats.get(change.code)
    if usage is None:
        return ""
    after = usage.purchased - subscription.seats.get(change.code, 0) + (change.quantity or 0)
    if usage.in_use <= after:
        return ""
    role = catalog.role(change.code)
    name = role.name if role else change.code
    text = translate(
        "SubscriptionsPage",
        "R15: {role}: {in_use} users hold the role, {after} seats after the change",
    ).format(role=name, in_use=usage.in_use, after=after)
    if role is not None and role.seat_overflow is SeatOverflow.AUTO_DISABLE:
        return text + translate(
            "SubscriptionsPage", "; {count} user(s) will be disabled by a draw"
        ).format(count=usage.in_use - after)
    return text + translate("SubscriptionsPage", "; the downgrade will be blocked")


def word(value: str) -> str:
    """A cycle, status or payment kind ("monthly", "active", "card"…) in the installed
    language; an unknown one as it is."""
    words = {
        "monthly": translate("SubscriptionsPage", "monthly"),
        "quarterly": translate("SubscriptionsPage", "quarterly"),
        "yearly": translate("SubscriptionsPage", "yearly"),
        "trial": translate("SubscriptionsPage", "trial"),
        "active": translate("SubscriptionsPage", "active"),
        "cancelled": translate("SubscriptionsPage", "cancelled"),
        "ended": translate("SubscriptionsPage", "ended"),
        "frozen": translate("SubscriptionsPage", "frozen"),
        "pending": translate("SubscriptionsPage", "pending"),
        "applied": translate("SubscriptionsPage", "applied"),
        "blocked": translate("SubscriptionsPage", "blocked"),
        "card": translate("SubscriptionsPage", "card"),
        "transfer": translate("SubscriptionsPage", "bank transfer"),
    }
    return words.get(value, value)


def renewal_text(sub: Subscription, today: date) -> str:
    if today < sub.anchor and sub.status.value in ("active", "trial"):
        return translate(
            "SubscriptionsPage", "Starts on {day}: no seats until then, nothing to renew yet."
        ).format(day=sub.anchor)
    if not sub.grants_seats_on(today):
        ended = sub.cancelled_on or sub.ends_on
        state = word(sub.status.value) + (
            translate("SubscriptionsPage", " since {day}").format(day=ended) if ended else ""
        )
        read_only = (
            translate("SubscriptionsPage", "; data read-only until {day}").format(
                day=sub.read_only_until
            )
            if sub.read_only_until
            else ""
        )
        return translate("SubscriptionsPage", "No renewal: the subscription is {state}.").format(
            state=state + read_only
        )
    period = sub.current_period(today)
    end = sub.billed_through or period.end
    if not sub.auto_renew:
        return translate(
            "SubscriptionsPage", "Renewal stopped: the subscription ends on {day}."
        ).format(day=end)
    deadline = renewal_deadline(sub, today)
    if today > deadline:
        return translate(
            "SubscriptionsPage",
            "Renews on {day}. The deadline to stop renewal was {deadline} (R09).",
        ).format(day=end, deadline=deadline)
    return translate(
        "SubscriptionsPage", "Renews on {day}. Renewal can be stopped until {deadline} (R09)."
    ).format(day=end, deadline=deadline)


def subscription_items(
    sub: Subscription, catalog: Catalog, audience: Audience | None = None
) -> list[Item]:
    """The roles, then the add-ons, a subscription bought, at the price it recorded or,
    for a subscription recorded without prices, at today's catalog price (marked)."""
    items = []
    for code, n in sorted(sub.seats.items()):
        role = catalog.role(code)
        price = sub.seat_prices.get(code)
        listed = _listed(role, audience, sub.cycle) if role and audience else None
        items.append(
            Item(
                translate("SubscriptionsPage", "Role"),
                role.name if role else code,
                n,
                _price_text(price, listed),
            )
        )
    for code, n in sorted(sub.addons.items()):
        addon = catalog.addon(code)
        price = sub.addon_prices.get(code)
        listed = _listed(addon, None, sub.cycle) if addon else None
        items.append(
            Item(
                translate("SubscriptionsPage", "Add-on"),
                addon.name if addon else code,
                n,
                _price_text(price, listed),
            )
        )
    return items


def _listed(item: Role | Addon, audience: Audience | None, cycle: Cycle) -> Decimal | None:
    """Today's catalog price of a role (for the audience) or an add-on, if offered."""
    try:
        return (
            item.price(audience, cycle)
            if isinstance(item, Role) and audience
            else (item.price(cycle) if isinstance(item, Addon) else None)
        )
    except DomainError:  # not offered so any more (R01-R03)
        return None


def _price_text(recorded: Decimal | None, listed: Decimal | None) -> str:
    if recorded:
        return amount(recorded)
    if listed is not None:
        return translate("SubscriptionsPage", "{price} (catalog)").format(price=amount(listed))
    return "—"


def change_rows(sub: Subscription, data: AccountSubscriptions) -> list[ChangeRow]:
    """The changes scheduled on a subscription, described, with their seat check (R15)."""
    seats = {s.code: s for s in data.seats}
    names = {r.code: r.name for r in data.catalog.roles} | {
        a.code: a.name for a in data.catalog.addons
    }
    return [
        ChangeRow(
            c,
            c.describe(names) + (f" ({c.note})" if c.note else ""),
            seat_warning(c, sub, seats, data.catalog),
        )
        for c in data.changes.get(sub.id or 0, [])
    ]


class SubscriptionsModel(RecordsModel[Subscription]):
    def __init__(self, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Column[Subscription]("#", lambda s: str(s.id), RIGHT),
            Column[Subscription](
                QT_TRANSLATE_NOOP("Models", "Cycle"), lambda s: word(s.cycle.value).capitalize()
            ),
            Column[Subscription](
                QT_TRANSLATE_NOOP("Models", "Status"), lambda s: word(s.status.value)
            ),
            Column[Subscription](
                QT_TRANSLATE_NOOP("Models", "Started"), lambda s: str(s.anchor), CENTER
            ),
            Column[Subscription](
                QT_TRANSLATE_NOOP("Models", "Renewal"),
                lambda s: (
                    (
                        translate("SubscriptionsPage", "auto")
                        if s.auto_renew
                        else translate("SubscriptionsPage", "stopped")
                    )
                    if s.grants_seats_on(today)
                    else "—"
                ),
                CENTER,
            ),
        )


class ItemsModel(RecordsModel[Item]):
    columns = (
        Column[Item](QT_TRANSLATE_NOOP("Models", "Item"), lambda i: i.name),
        Column[Item](QT_TRANSLATE_NOOP("Models", "Kind"), lambda i: i.kind),
        Column[Item](QT_TRANSLATE_NOOP("Models", "Quantity"), lambda i: str(i.quantity), RIGHT),
        Column[Item](QT_TRANSLATE_NOOP("Models", "Unit price"), lambda i: i.unit_price, RIGHT),
    )


class ChangesModel(RecordsModel[ChangeRow]):
    columns = (
        Column[ChangeRow](
            QT_TRANSLATE_NOOP("Models", "On"), lambda r: str(r.change.effective_on), CENTER
        ),
        Column[ChangeRow](QT_TRANSLATE_NOOP("Models", "Change"), lambda r: r.text),
        Column[ChangeRow](
            QT_TRANSLATE_NOOP("Models", "Status"), lambda r: word(r.change.status.value)
        ),
        Column[ChangeRow](
            QT_TRANSLATE_NOOP("Models", "Seat check"),
            lambda r: r.warning,
            tooltip=lambda r: r.warning,
        ),
    )

    def decoration(self, record: ChangeRow, column: int, role: int) -> object:
        if not record.warning:
            return None
        background, text = SEAT_COLOURS[SeatState.OVER_ASSIGNED]
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor(background)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(text)
        return None
