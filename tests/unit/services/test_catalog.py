"""Importing the catalog: validated whole, then created/updated/unchanged by code."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_admin.domain.errors import InvalidInput, PermissionDenied
from desktop_admin.domain.operators import Operator
from desktop_admin.domain.periods import Cycle
from desktop_admin.services import catalog
from desktop_admin.services.catalog import CatalogImport
from tests.unit.services.builders import ADMIN, CLERK, MANAGER
from tests.unit.services.contexts import context
from tests.unit.services.fakes import FakeClock, FakeUnitOfWork

CATALOG = """\
currency = "EUR"

[[roles]]
code = "designer"
name = "Designer"
audiences = ["company", "maker"]
prices = { monthly = "49.00", quarterly = "135.00", yearly = "490.00" }

[[roles]]
code = "named-user"
name = "Named user"
audiences = ["company", "maker", "student"]
prices = { monthly = "10.00", quarterly = "28.50", yearly = "100.00" }

[[addons]]
code = "guest-users"
name = "Guest users"
kind = "guest_users"
prices = { monthly = "2.00", quarterly = "5.50", yearly = "20.00" }
"""


def test_a_first_import_creates_everything(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    result = catalog.import_catalog(context(uow, clock, ADMIN), CATALOG, source="catalog.toml")
    assert result == CatalogImport(("designer", "named-user", "guest-users"), (), ())
    assert uow.committed and uow.catalog.currency() == "EUR"
    role = uow.catalog.role("designer")
    assert role is not None and role.prices[Cycle.YEARLY] == Decimal("490.00")
    actions = sorted((e.action, e.entity_id) for e in uow.audit.stored)
    assert actions == [
        ("addon.create", "guest-users"),
        ("role.create", "designer"),
        ("role.create", "named-user"),
    ]
    assert all(e.before is None for e in uow.audit.stored)


def test_the_same_file_again_changes_nothing(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    catalog.import_catalog(context(uow, clock, ADMIN), CATALOG)
    entries = len(uow.audit.stored)
    result = catalog.import_catalog(context(uow, clock, ADMIN), CATALOG)
    assert result == CatalogImport((), (), ("designer", "named-user", "guest-users"))
    assert len(uow.audit.stored) == entries
    role = uow.catalog.role("designer")
    assert role is not None and role.version == 1


def test_a_changed_price_updates_only_that_role(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    catalog.import_catalog(context(uow, clock, ADMIN), CATALOG)
    dearer = CATALOG.replace('yearly = "490.00"', 'yearly = "520.00"')
    result = catalog.import_catalog(context(uow, clock, ADMIN), dearer)
    assert result == CatalogImport((), ("designer",), ("named-user", "guest-users"))
    role = uow.catalog.role("designer")
    assert role is not None
    assert (role.prices[Cycle.YEARLY], role.version) == (Decimal("520.00"), 2)
    entry = uow.audit.entries(entity="role")[0]
    assert entry.action == "role.update" and entry.before and entry.after
    assert entry.before["prices"]["yearly"] == "490.00"
    assert entry.after["prices"]["yearly"] == "520.00"


def test_roles_missing_from_the_file_are_left_alone(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    catalog.import_catalog(context(uow, clock, ADMIN), CATALOG)
    only_designer = CATALOG.split('[[roles]]\ncode = "named-user"')[0]
    result = catalog.import_catalog(context(uow, clock, ADMIN), only_designer)
    assert result == CatalogImport((), (), ("designer",))
    assert [r.code for r in catalog.current_catalog(context(uow, clock, CLERK)).roles] == [
        "designer",
        "named-user",
    ]


def test_a_refused_catalog_commits_nothing(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    catalog.import_catalog(context(uow, clock, ADMIN), CATALOG)
    before, commits = uow.picture(), uow.commits
    bad = CATALOG.replace('yearly = "490.00"', 'yearly = "-1.00"').replace(
        'code = "named-user"', 'code = "Named User"'
    )
    bad += '\n[[roles]]\ncode = "new-role"\nname = "New"\naudiences = ["company"]\n'
    with pytest.raises(InvalidInput) as info:
        catalog.import_catalog(context(uow, clock, ADMIN), bad, source="bad.toml")
    assert "nothing was imported" in str(info.value)
    assert len(info.value.problems) >= 3
    assert all(p.line is not None for p in info.value.problems)
    assert uow.commits == commits and uow.picture() == before
    assert uow.catalog.role("new-role") is None


def test_a_catalog_in_another_currency_is_refused(uow: FakeUnitOfWork, clock: FakeClock) -> None:
    catalog.import_catalog(context(uow, clock, ADMIN), CATALOG)
    before = uow.picture()
    in_dollars = CATALOG.replace('currency = "EUR"', 'currency = "USD"').replace(
        '"490.00"', '"999.00"'
    )
    with pytest.raises(InvalidInput) as info:
        catalog.import_catalog(context(uow, clock, ADMIN), in_dollars, source="usd.toml")
    [problem] = info.value.problems
    assert problem.field == "currency" and "priced in EUR" in problem.reason
    assert not uow.committed and uow.picture() == before


def test_a_first_catalog_sets_the_currency_of_an_empty_database(
    uow: FakeUnitOfWork, clock: FakeClock
) -> None:
    catalog.import_catalog(context(uow, clock, ADMIN), CATALOG.replace('"EUR"', '"CHF"'))
    assert catalog.current_catalog(context(uow, clock, ADMIN)).currency == "CHF"


@pytest.mark.parametrize("actor", [MANAGER, CLERK])
def test_importing_a_catalog_needs_manage_catalog(
    uow: FakeUnitOfWork, clock: FakeClock, actor: Operator
) -> None:
    with pytest.raises(PermissionDenied, match="may not manage the catalog"):
        catalog.import_catalog(context(uow, clock, actor), CATALOG)
    assert uow.catalog.roles() == [] and uow.commits == 0
    assert catalog.current_catalog(context(uow, clock, actor)).roles == ()
