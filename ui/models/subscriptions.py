"""What the subscriptions page shows, as data and table models: an account's
subscriptions, the items (roles, add-ons) and scheduled changes of one, the seat check of a
change (R15), the renewal in words (R09)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from desktop_admin.domain.catalog import Audience, Catalog
from desktop_admin.domain.changes import ScheduledChange
from desktop_admin.domain.lifecycle import (
    CheckedChange,
    SeatCheck,
    SeatCheckResult,
    renewal_deadline,
)
from desktop_admin.domain.pricing import ItemPrice, item_prices
from desktop_admin.domain.subscriptions import Subscription
from ui.formatting import amount, day, word
from ui.i18n import translate
from ui.models.records import CENTER, RIGHT, SEAT_COLOURS, Column, RecordsModel, SeatState


@dataclass(frozen=True)
class AccountSubscriptions:
    account_id: int
    subscriptions: list[Subscription]
    #: The scheduled changes of each subscription, with their seat check (R15).
    changes: dict[int, list[CheckedChange]]
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
    #: The seat check (R15) the warning says in words, as the services computed it.
    seat_check: SeatCheckResult | None = None


def seat_warning(checked: CheckedChange, catalog: Catalog) -> str:
    """R15, before the date: the seat check the billing run will make on the change's
    date, in words; empty when the holders fit."""
    check, change = checked.seat_check, checked.change
    if check is None or check.outcome is SeatCheck.FITS:
        return ""
    role = catalog.role(change.code)
    text = translate(
        "SubscriptionsPage",
        "R15: {role}: {in_use} users hold the role, {after} seats after the change",
    ).format(role=role.name if role else change.code, in_use=check.held, after=check.seats)
    if check.outcome is SeatCheck.DISABLE:
        return text + translate(
            "SubscriptionsPage", "; {count} user(s) will be disabled by a draw"
        ).format(count=len(check.to_disable))
    return text + translate("SubscriptionsPage", "; the downgrade will be blocked")


def renewal_text(sub: Subscription, today: date) -> str:
    if today < sub.anchor and sub.status.value in ("active", "trial"):
        return translate(
            "SubscriptionsPage", "Starts on {day}: no seats until then, nothing to renew yet."
        ).format(day=day(sub.anchor))
    if not sub.grants_seats_on(today):
        ended = sub.cancelled_on or sub.ends_on
        state = word(sub.status.value) + (
            translate("SubscriptionsPage", " since {day}").format(day=day(ended)) if ended else ""
        )
        read_only = (
            translate("SubscriptionsPage", "; data read-only until {day}").format(
                day=day(sub.read_only_until)
            )
            if sub.read_only_until
            else ""
        )
        return translate("SubscriptionsPage", "No renewal: the subscription is {state}.").format(
            state=state + read_only
        )
    end = sub.paid_until(today)
    if not sub.auto_renew:
        return translate(
            "SubscriptionsPage", "Renewal stopped: the subscription ends on {day}."
        ).format(day=day(end))
    deadline = renewal_deadline(sub, today)
    if today > deadline:
        return translate(
            "SubscriptionsPage",
            "Renews on {day}. The deadline to stop renewal was {deadline} (R09).",
        ).format(day=day(end), deadline=day(deadline))
    return translate(
        "SubscriptionsPage", "Renews on {day}. Renewal can be stopped until {deadline} (R09)."
    ).format(day=day(end), deadline=day(deadline))


def subscription_items(
    sub: Subscription, catalog: Catalog, audience: Audience | None = None
) -> list[Item]:
    """The roles, then the add-ons, a subscription bought, at the price it recorded or,
    for a subscription recorded without prices, at today's catalog price (marked)."""
    return [
        Item(
            translate("SubscriptionsPage", "Add-on")
            if item.is_addon
            else translate("SubscriptionsPage", "Role"),
            item.name,
            item.quantity,
            _price_text(item),
        )
        for item in item_prices(sub, catalog, audience)
    ]


def _price_text(item: ItemPrice) -> str:
    if item.unit_price is None:
        return "—"
    if item.from_catalog:
        return translate("SubscriptionsPage", "{price} (catalog)").format(
            price=amount(item.unit_price)
        )
    return amount(item.unit_price)


def change_rows(sub: Subscription, data: AccountSubscriptions) -> list[ChangeRow]:
    """The changes scheduled on a subscription, described, with their seat check (R15)."""
    names = {r.code: r.name for r in data.catalog.roles} | {
        a.code: a.name for a in data.catalog.addons
    }
    return [
        ChangeRow(
            c.change,
            c.change.describe(names) + (f" ({c.change.note})" if c.change.note else ""),
            seat_warning(c, data.catalog),
            c.seat_check,
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
                QT_TRANSLATE_NOOP("Models", "Started"), lambda s: day(s.anchor), CENTER
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
            QT_TRANSLATE_NOOP("Models", "On"), lambda r: day(r.change.effective_on), CENTER
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
