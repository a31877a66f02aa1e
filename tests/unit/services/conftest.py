"""Fixtures: a fresh in-memory unit of work, a fixed clock and a cheap hasher."""

from __future__ import annotations

import pytest

from tests.unit.services.fakes import FakeClock, FakeHasher, FakeUnitOfWork


@pytest.fixture
def uow() -> FakeUnitOfWork:
    return FakeUnitOfWork()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def hasher() -> FakeHasher:
    return FakeHasher()
