"""What importing a catalog file would change: roles and add-ons new, changed (which
prices, from and to, per cycle; which other terms) and left out of the file."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from decimal import Decimal
from enum import StrEnum
from typing import TypeVar

from desktop_admin.domain.catalog import Addon, Role
from desktop_admin.domain.periods import Cycle

Item = TypeVar("Item", Role, Addon)
#: What is not compared: the database's bookkeeping, and the prices (compared per cycle).
NOT_TERMS = {"id", "version", "prices"}


class ItemStatus(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    #: Kept, but not in the file: an import leaves it as it is.
    NOT_IN_FILE = "not_in_file"


@dataclass(frozen=True)
class PriceChange:
    """One cycle's price: None before (a new price) or after (a price removed)."""

    cycle: Cycle
    before: Decimal | None
    after: Decimal | None


@dataclass(frozen=True)
class TermChange:
    """A term other than the prices (name, audiences, trial days...), from and to."""

    term: str
    before: object
    after: object


@dataclass(frozen=True)
class ItemChange:
    """A role or an add-on (`entity`) and what the import does to it."""

    entity: str
    code: str
    name: str
    status: ItemStatus
    prices: tuple[PriceChange, ...] = ()
    terms: tuple[TermChange, ...] = ()


@dataclass(frozen=True)
class CatalogPreview:
    currency: str
    items: tuple[ItemChange, ...]

    def having(self, status: ItemStatus) -> tuple[ItemChange, ...]:
        return tuple(i for i in self.items if i.status is status)

    @property
    def changes_anything(self) -> bool:
        return any(i.status in (ItemStatus.NEW, ItemStatus.CHANGED) for i in self.items)


def compare(entity: str, kept: Iterable[Item], imported: Sequence[Item]) -> list[ItemChange]:
    """The changes of the roles (or add-ons) `imported` over those `kept`, in the file's
    order, then those kept that the file leaves out."""
    by_code = {item.code: item for item in kept}
    changes = [_change(entity, by_code.get(item.code), item) for item in imported]
    in_file = {item.code for item in imported}
    changes += [
        ItemChange(entity, item.code, item.name, ItemStatus.NOT_IN_FILE)
        for item in by_code.values()
        if item.code not in in_file
    ]
    return changes


def _change(entity: str, old: Item | None, new: Item) -> ItemChange:
    if old is None:
        prices = tuple(PriceChange(c, None, new.prices[c]) for c in Cycle if c in new.prices)
        return ItemChange(entity, new.code, new.name, ItemStatus.NEW, prices)
    prices = price_changes(old, new)
    terms = tuple(
        TermChange(f.name, getattr(old, f.name), getattr(new, f.name))
        for f in fields(new)
        if f.name not in NOT_TERMS and getattr(old, f.name) != getattr(new, f.name)
    )
    status = ItemStatus.CHANGED if prices or terms else ItemStatus.UNCHANGED
    return ItemChange(entity, new.code, new.name, status, prices, terms)


def price_changes(old: Role | Addon, new: Role | Addon) -> tuple[PriceChange, ...]:
    """The cycles whose price differs, in cycle order (monthly first)."""
    return tuple(
        PriceChange(cycle, old.prices.get(cycle), new.prices.get(cycle))
        for cycle in Cycle
        if old.prices.get(cycle) != new.prices.get(cycle)
    )
