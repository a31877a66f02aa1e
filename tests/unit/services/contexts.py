"""A service `Context` over the fakes, for the tests that call services directly."""

from __future__ import annotations

from desktop_admin.domain.operators import Operator
from desktop_admin.services.context import Context
from tests.unit.services.fakes import FakeClock, FakeHasher, FakeRenderer, FakeUnitOfWork


def context(
    uow: FakeUnitOfWork,
    clock: FakeClock,
    actor: Operator,
    hasher: FakeHasher | None = None,
    renderer: FakeRenderer | None = None,
) -> Context:
    """`actor` acting now: each transaction of the service in the one fake unit of work
    (which can be entered again and again)."""
    return Context(lambda: uow, clock, actor, hasher, renderer)
