"""Subscriptions with their items and locked prices, and their scheduled changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, or_, select
from sqlalchemy.orm import Session

from desktop_admin.domain.changes import ChangeProduct, ChangeStatus, ScheduledChange
from desktop_admin.domain.errors import ConflictError, NotFound
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus
from desktop_admin.persistence.orm import (
    ScheduledChangeRow,
    SubscriptionItemRow,
    SubscriptionRow,
)
from desktop_admin.persistence.repositories import chunks, versioned_update

Items = tuple[dict[str, int], dict[str, int], dict[str, Decimal], dict[str, Decimal]]


class SqlSubscriptions:
    def __init__(self, session: Session) -> None:
        self.session = session

    def _items(self, ids: list[int]) -> dict[int, Items]:
        items: dict[int, Items] = {i: ({}, {}, {}, {}) for i in ids}
        for chunk in chunks(ids):
            for item in self.session.scalars(
                select(SubscriptionItemRow).where(SubscriptionItemRow.subscription_id.in_(chunk))
            ):
                seats, addons, seat_prices, addon_prices = items[item.subscription_id]
                role = item.product == "role"
                (seats if role else addons)[item.code] = item.quantity
                if item.unit_price is not None:
                    (seat_prices if role else addon_prices)[item.code] = item.unit_price
        return items

    def _to_domain(self, rows: Sequence[SubscriptionRow]) -> list[Subscription]:
        items = self._items([r.id for r in rows])
        return [
            Subscription(
                account_id=r.account_id,
                cycle=Cycle(r.cycle),
                anchor=r.anchor,
                seats=items[r.id][0],
                addons=items[r.id][1],
                status=SubscriptionStatus(r.status),
                auto_renew=r.auto_renew,
                ends_on=r.ends_on,
                billed_through=r.billed_through,
                payment_kind=r.payment_kind,
                cancelled_on=r.cancelled_on,
                read_only_until=r.read_only_until,
                seat_prices=items[r.id][2],
                addon_prices=items[r.id][3],
                id=r.id,
                version=r.version,
            )
            for r in rows
        ]

    @staticmethod
    def _values(s: Subscription) -> dict[str, Any]:
        return dict(
            cycle=s.cycle.value,
            anchor=s.anchor,
            status=s.status.value,
            auto_renew=s.auto_renew,
            ends_on=s.ends_on,
            billed_through=s.billed_through,
            payment_kind=s.payment_kind,
            cancelled_on=s.cancelled_on,
            read_only_until=s.read_only_until,
        )

    def _write_items(self, subscriptions: Sequence[Subscription]) -> None:
        ids = [s.id for s in subscriptions if s.id is not None]
        for chunk in chunks(ids):
            self.session.execute(
                delete(SubscriptionItemRow).where(SubscriptionItemRow.subscription_id.in_(chunk))
            )
        rows = [
            dict(
                subscription_id=s.id,
                product=product,
                code=code,
                quantity=quantity,
                unit_price=prices.get(code),
            )
            for s in subscriptions
            for product, quantities, prices in (
                ("role", s.seats, s.seat_prices),
                ("addon", s.addons, s.addon_prices),
            )
            for code, quantity in quantities.items()
            if quantity > 0
        ]
        if rows:
            self.session.execute(insert(SubscriptionItemRow), rows)

    def add(self, subscription: Subscription) -> Subscription:
        row = SubscriptionRow(
            account_id=subscription.account_id,
            created_at=datetime.now(UTC),
            version=1,
            **self._values(subscription),
        )
        self.session.add(row)
        self.session.flush()
        added = replace(subscription, id=row.id, version=1)
        self._write_items([added])
        return added

    def update(self, subscription: Subscription) -> Subscription:
        """Save state and items, checking the version read (optimistic locking)."""
        return self.update_many([subscription])[0]

    def update_many(self, subscriptions: Sequence[Subscription]) -> list[Subscription]:
        """Save several at once: one UPDATE ... WHERE id AND version, executed as a batch;
        a conflict if any of them changed since it was read."""
        if not subscriptions:
            return []
        table: Table = SubscriptionRow.__table__  # type: ignore[assignment]
        statement = (
            table.update()
            .where(table.c.id == bindparam("b_id"), table.c.version == bindparam("b_version"))
            .values(
                version=bindparam("b_version") + 1,
                **{k: bindparam(k) for k in self._values(subscriptions[0])},
            )
        )
        params = [{"b_id": s.id, "b_version": s.version, **self._values(s)} for s in subscriptions]
        dialect = self.session.get_bind().dialect
        if dialect.supports_sane_multi_rowcount:
            result = self.session.execute(statement, params)
            matched = result.rowcount  # type: ignore[attr-defined]
        else:
            matched = sum(
                self.session.execute(statement, p).rowcount  # type: ignore[attr-defined]
                for p in params
            )
        if matched != len(subscriptions):
            expected = {s.id: s.version + 1 for s in subscriptions if s.id is not None}
            rows = self.session.execute(
                select(SubscriptionRow.id, SubscriptionRow.version).where(
                    SubscriptionRow.id.in_(list(expected))
                )
            )
            current = {row_id: version for row_id, version in rows}
            stale = sorted(i for i in expected if current.get(i) != expected[i])
            raise ConflictError(
                f"subscription {', '.join(map(str, stale))} was changed by "
                "someone else meanwhile; nothing was saved, try again"
            )
        self._write_items(subscriptions)
        return [replace(s, version=s.version + 1) for s in subscriptions]

    def get(self, subscription_id: int, lock: bool = False) -> Subscription:
        query = select(SubscriptionRow).where(SubscriptionRow.id == subscription_id)
        row = self.session.scalar(query.with_for_update() if lock else query)
        if row is None:
            raise NotFound(f"no subscription with id {subscription_id}")
        return self._to_domain([row])[0]

    def for_account(self, account_id: int) -> list[Subscription]:
        rows = self.session.scalars(
            select(SubscriptionRow)
            .where(SubscriptionRow.account_id == account_id)
            .order_by(SubscriptionRow.id)
        )
        return self._to_domain(list(rows))

    def due_ids(self, today: date, after_id: int = 0, limit: int = 1000) -> list[int]:
        """Subscriptions with a renewal, an end or a trial end due by `today`, by id."""
        due = or_(
            (SubscriptionRow.status == SubscriptionStatus.ACTIVE.value)
            & (SubscriptionRow.billed_through <= today),
            (SubscriptionRow.status == SubscriptionStatus.TRIAL.value)
            & (SubscriptionRow.ends_on <= today),
        )
        return list(
            self.session.scalars(
                select(SubscriptionRow.id)
                .where(due, SubscriptionRow.id > after_id)
                .order_by(SubscriptionRow.id)
                .limit(limit)
            )
        )

    def lock_due(self, ids: Sequence[int], today: date) -> list[Subscription]:
        """Lock these subscriptions if still due; rows another run holds are skipped
        (PostgreSQL `SKIP LOCKED`; SQLite serialises writers anyway)."""
        query = (
            select(SubscriptionRow)
            .where(SubscriptionRow.id.in_(list(ids)))
            .order_by(SubscriptionRow.id)
        )
        if self.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = [
            r
            for r in self.session.scalars(query)
            if (
                r.status == SubscriptionStatus.ACTIVE.value
                and r.billed_through
                and r.billed_through <= today
            )
            or (r.status == SubscriptionStatus.TRIAL.value and r.ends_on and r.ends_on <= today)
        ]
        return self._to_domain(rows)

    # Scheduled changes ------------------------------------------------------------
    def add_change(self, change: ScheduledChange) -> ScheduledChange:
        row = ScheduledChangeRow(
            subscription_id=change.subscription_id,
            effective_on=change.effective_on,
            product=change.product.value,
            code=change.code,
            quantity=change.quantity,
            cycle=change.cycle.value if change.cycle else None,
            status=change.status.value,
            note=change.note,
            created_at=datetime.now(UTC),
            version=1,
        )
        self.session.add(row)
        self.session.flush()
        return replace(change, id=row.id, version=1)

    def pending_changes_of(
        self, subscription_ids: Sequence[int]
    ) -> dict[int, list[ScheduledChange]]:
        """Pending changes of several subscriptions, by subscription and date."""
        found: dict[int, list[ScheduledChange]] = {i: [] for i in subscription_ids}
        for chunk in chunks(list(subscription_ids)):
            for row in self.session.scalars(
                select(ScheduledChangeRow)
                .where(
                    ScheduledChangeRow.subscription_id.in_(chunk),
                    ScheduledChangeRow.status == ChangeStatus.PENDING.value,
                )
                .order_by(ScheduledChangeRow.effective_on, ScheduledChangeRow.id)
            ):
                found[row.subscription_id].append(change_from_row(row))
        return found

    def changes(self, subscription_id: int) -> list[ScheduledChange]:
        """A subscription's pending changes, by date."""
        return self.pending_changes_of([subscription_id])[subscription_id]

    def pending_changes_until(self, day: date) -> list[ScheduledChange]:
        """Every pending change due on or before `day` (for warnings ahead of time)."""
        return [
            change_from_row(r)
            for r in self.session.scalars(
                select(ScheduledChangeRow)
                .where(
                    ScheduledChangeRow.status == ChangeStatus.PENDING.value,
                    ScheduledChangeRow.effective_on <= day,
                )
                .order_by(ScheduledChangeRow.effective_on, ScheduledChangeRow.id)
            )
        ]

    def set_change_status(
        self, change: ScheduledChange, status: ChangeStatus, note: str = ""
    ) -> ScheduledChange:
        assert change.id is not None
        version = versioned_update(
            self.session,
            ScheduledChangeRow,
            change.id,
            change.version,
            "scheduled change",
            dict(status=status.value, note=note or change.note),
        )
        return replace(change, status=status, note=note or change.note, version=version)


def change_from_row(r: ScheduledChangeRow) -> ScheduledChange:
    return ScheduledChange(
        r.subscription_id,
        r.effective_on,
        ChangeProduct(r.product),
        r.code,
        r.quantity,
        Cycle(r.cycle) if r.cycle else None,
        ChangeStatus(r.status),
        r.note,
        r.id,
        r.version,
    )
