"""Importing the vendor's catalog (interfaces.md): exact Decimal prices, updates by code
with an audit trail, and a malformed file refused whole."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.catalog import AddonKind, Audience, SeatOverflow, UpgradePolicy
from desktop_admin.domain.errors import InvalidInput
from desktop_admin.domain.periods import Cycle
from desktop_admin.services.catalog import CatalogImport
from tests.integration.conftest import Query

CODES = ("named-user", "designer", "storage-100gb", "guest-users")
M, Q, Y = Cycle.MONTHLY, Cycle.QUARTERLY, Cycle.YEARLY


def reprice(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def prices(admin: OperatorSession) -> dict[str, dict[Cycle, Decimal]]:
    catalog = admin.catalog.current()
    return {p.code: dict(p.prices) for p in (*catalog.roles, *catalog.addons)}


def test_importing_the_catalog_creates_roles_and_add_ons_with_exact_prices(
    admin: OperatorSession, catalog: CatalogImport
) -> None:
    assert catalog == CatalogImport(created=CODES, updated=(), unchanged=())
    found = admin.catalog.current()
    assert found.currency == "EUR"
    named, designer = found.role("named-user"), found.role("designer")
    assert named is not None and designer is not None
    assert named.upgrade_policy is UpgradePolicy.IMMEDIATE_PRORATED
    assert named.seat_overflow is SeatOverflow.BLOCK
    assert named.audiences == set(Audience)
    assert designer.upgrade_policy is UpgradePolicy.NEXT_MONTH_START
    assert designer.seat_overflow is SeatOverflow.AUTO_DISABLE
    assert designer.audiences == {Audience.COMPANY, Audience.MAKER}
    assert (named.trial_days, named.online_countries) == (30, {"FR", "DE", "NL", "BE"})
    assert [(a.code, a.kind) for a in found.addons] == [
        ("guest-users", AddonKind.GUEST_USERS),
        ("storage-100gb", AddonKind.OTHER),
    ]
    assert prices(admin) == {
        "named-user": {M: Decimal("10.00"), Q: Decimal("28.50"), Y: Decimal("100.00")},
        "designer": {M: Decimal("49.00"), Q: Decimal("135.00"), Y: Decimal("490.00")},
        "storage-100gb": {M: Decimal("5.00"), Q: Decimal("14.00"), Y: Decimal("50.00")},
        "guest-users": {M: Decimal("2.00"), Q: Decimal("5.50"), Y: Decimal("20.00")},
    }
    assert all(type(v) is Decimal for p in prices(admin).values() for v in p.values())


def test_prices_survive_the_database_to_the_last_cent(
    admin: OperatorSession, catalog_text: str, catalog: CatalogImport
) -> None:
    awkward = {"10.00": "0.10", "28.50": "1234567890.99", "100.00": "0.07"}
    text = catalog_text
    for old, new in awkward.items():
        text = reprice(text, f'"{old}"', f'"{new}"')
    admin.catalog.import_text(text)
    assert prices(admin)["named-user"] == {
        M: Decimal("0.10"),
        Q: Decimal("1234567890.99"),
        Y: Decimal("0.07"),
    }


def test_reimporting_the_same_catalog_changes_nothing(
    admin: OperatorSession, catalog_text: str, catalog: CatalogImport, db_snapshot: Callable
) -> None:
    before = db_snapshot()
    assert admin.catalog.import_text(catalog_text).value == CatalogImport((), (), CODES)
    assert db_snapshot() == before


def test_reimporting_with_a_changed_price_updates_it_with_an_audit_entry(
    admin: OperatorSession, catalog_text: str, catalog: CatalogImport
) -> None:
    changed = reprice(catalog_text, 'monthly = "10.00"', 'monthly = "11.50"')
    result = admin.catalog.import_text(changed, source="catalog-2026.toml").value
    assert prices(admin)["named-user"][M] == Decimal("11.50")
    (entry,) = admin.audit.entries(entity="role", entity_id="named-user")[:1]
    assert (entry.action, entry.actor) == ("role.update", admin.operator.login)
    assert entry.before is not None and entry.after is not None
    assert Decimal(entry.before["prices"]["monthly"]) == Decimal("10.00")
    assert Decimal(entry.after["prices"]["monthly"]) == Decimal("11.50")
    assert Decimal(entry.after["prices"]["yearly"]) == Decimal("100.00")
    assert (result.updated, result.unchanged) == (("named-user",), CODES[1:])


def test_a_price_is_stored_exactly_never_as_a_float(
    admin: OperatorSession, catalog: CatalogImport, sql: Query, backend: str
) -> None:
    ((amount,),) = sql(
        "SELECT amount FROM prices WHERE product = 'role' AND code = 'named-user' "
        "AND cycle = 'quarterly'"
    )
    assert amount == (285000 if backend == "sqlite" else Decimal("28.50"))
    assert not isinstance(amount, float)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('seat_overflow = "block"', 'seat_overflow = "sometimes"', "roles[1].seat_overflow"),
        ('yearly = "490.00"', 'yearly = "490.001"', "roles[2].prices.yearly"),
        ('kind = "guest_users"', 'kind = "guest_users"\ncolour = "red"', "addons[2].colour"),
        ('code = "designer"', 'code = "named-user"', "roles[2].code"),
        ('name = "Storage 100 GB"', "name = Storage 100 GB", None),
    ],
    ids=["bad choice", "sub-cent price", "unknown key", "duplicate code", "not TOML"],
)
def test_a_malformed_catalog_is_refused_whole_naming_the_line(
    admin: OperatorSession,
    catalog_text: str,
    catalog: CatalogImport,
    db_snapshot: Callable,
    old: str,
    new: str,
    field: str | None,
) -> None:
    broken = reprice(reprice(catalog_text, '"28.50"', '"30.00"'), old, new)
    line = broken[: broken.rindex(new) + len(new)].count("\n") + 1  # the change's last line
    before = db_snapshot()
    with pytest.raises(InvalidInput) as refused:
        admin.catalog.import_text(broken, source="catalog.toml")
    assert (line, field) in {(p.line, p.field) for p in refused.value.problems}
    assert f"catalog.toml: line {line}" in str(refused.value)
    assert db_snapshot() == before


def test_a_catalog_in_another_currency_is_refused(
    admin: OperatorSession, catalog_text: str, catalog: CatalogImport, db_snapshot: Callable
) -> None:
    before = db_snapshot()
    with pytest.raises(InvalidInput) as refused:
        admin.catalog.import_text(reprice(catalog_text, 'currency = "EUR"', 'currency = "USD"'))
    assert [p.field for p in refused.value.problems] == ["currency"]
    assert "priced in EUR" in str(refused.value)
    assert db_snapshot() == before
