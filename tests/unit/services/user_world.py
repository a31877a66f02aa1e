"""One account with a few seats, for the tests of the user services."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from desktop_admin.domain.operators import Operator
from desktop_admin.domain.users import BulkKind, BulkPreview, NamedUser
from desktop_admin.services import user_bulk, users
from desktop_admin.services.context import Context
from tests.unit.services.builders import ADMIN, seed_account, seed_catalog, seed_subscription
from tests.unit.services.contexts import context
from tests.unit.services.fakes import FakeClock, FakeUnitOfWork


@dataclass
class World:
    uow: FakeUnitOfWork
    clock: FakeClock
    account_id: int

    def by(self, actor: Operator = ADMIN) -> Context:
        return context(self.uow, self.clock, actor)

    def add(self, email: str, actor: Operator = ADMIN, **details: Any) -> NamedUser:
        return users.add_user(self.by(actor), account_id=self.account_id, email=email, **details)

    def preview(
        self, kind: BulkKind, chosen: list[NamedUser], role: str | None = None
    ) -> BulkPreview:
        return user_bulk.preview_bulk_change(
            self.by(), account_id=self.account_id, kind=kind, user_ids=ids(chosen), role=role
        )

    def user_count(self) -> int:
        return sum(u.account_id == self.account_id for u in self.uow.users.table.rows.values())


def seat_world(uow: FakeUnitOfWork, clock: FakeClock) -> World:
    """An account with 2 Designer seats, 3 Named user seats and 1 guest-user unit."""
    seed_catalog(uow)
    account = seed_account(uow)
    assert account.id is not None
    seed_subscription(uow, account.id, {"designer": 2, "named-user": 3}, {"guest-users": 1})
    return World(uow, clock, account.id)


def ids(found: list[NamedUser]) -> list[int]:
    return [u.id for u in found if u.id is not None]
