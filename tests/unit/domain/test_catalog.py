"""The catalog: audiences and cycles (R01), roles (R02), add-ons (R03), online (R04)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_admin.domain.catalog import (
    AUDIENCE_CYCLES,
    Addon,
    AddonKind,
    Audience,
    Catalog,
    Role,
    RoleKind,
    SeatOverflow,
    UpgradePolicy,
    check_cycle_for_audience,
)
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.periods import Cycle

M, Q, Y = Cycle.MONTHLY, Cycle.QUARTERLY, Cycle.YEARLY
ALL_PRICES = {M: Decimal("10.00"), Q: Decimal("28.50"), Y: Decimal("100.00")}
ALLOWED = {
    (Audience.COMPANY, Y),
    (Audience.COMPANY, Q),
    (Audience.MAKER, Y),
    (Audience.MAKER, M),
    (Audience.STUDENT, Y),
}


def designer(**changes: object) -> Role:
    fields: dict[str, object] = {"code": "designer", "name": "Designer", "prices": dict(ALL_PRICES)}
    fields.update(changes)
    return Role(**fields)  # type: ignore[arg-type]


def test_r01_audience_cycle_table() -> None:
    assert dict(AUDIENCE_CYCLES) == {
        Audience.COMPANY: frozenset({Y, Q}),
        Audience.MAKER: frozenset({Y, M}),
        Audience.STUDENT: frozenset({Y}),
    }
    assert [a.value for a in Audience] == ["company", "maker", "student"]


@pytest.mark.parametrize("audience", list(Audience))
@pytest.mark.parametrize("cycle", list(Cycle))
def test_r01_check_cycle_for_audience(audience: Audience, cycle: Cycle) -> None:
    if (audience, cycle) in ALLOWED:
        assert check_cycle_for_audience(audience, cycle) is None
        return
    with pytest.raises(RuleViolation) as info:
        check_cycle_for_audience(audience, cycle)
    assert info.value.rule == "R01"
    assert f"a {audience.value} account cannot buy a {cycle.value} cycle" in info.value.message
    assert str(info.value).startswith("R01: ")
    assert info.value.exit_status == 1


def test_r01_refusal_lists_what_the_audience_may_buy() -> None:
    with pytest.raises(RuleViolation) as info:
        check_cycle_for_audience(Audience.STUDENT, M)
    assert (
        str(info.value) == "R01: a student account cannot buy a monthly cycle (it may buy: yearly)"
    )
    with pytest.raises(RuleViolation) as info:
        check_cycle_for_audience(Audience.COMPANY, M)
    assert info.value.message.endswith("(it may buy: quarterly, yearly)")


def test_r01_offered_cycles_per_audience() -> None:
    role = designer()
    assert role.offered_cycles(Audience.COMPANY) == {Y, Q}
    assert role.offered_cycles(Audience.MAKER) == {Y, M}
    assert role.offered_cycles(Audience.STUDENT) == {Y}


def test_r01_offered_cycles_only_where_priced_and_offered() -> None:
    monthly_only = designer(prices={M: Decimal("10.00")})
    assert monthly_only.offered_cycles(Audience.COMPANY) == frozenset()
    assert monthly_only.offered_cycles(Audience.MAKER) == {M}
    assert monthly_only.offered_cycles(Audience.STUDENT) == frozenset()
    company_only = designer(audiences=frozenset({Audience.COMPANY}))
    assert company_only.offered_cycles(Audience.MAKER) == frozenset()
    assert company_only.offered_cycles(Audience.COMPANY) == {Y, Q}


def test_r02_price_is_per_seat_per_cycle_as_the_catalog_says() -> None:
    role = designer()
    assert role.price(Audience.COMPANY, Y) == Decimal("100.00")
    assert role.price(Audience.COMPANY, Q) == Decimal("28.50")
    assert role.price(Audience.MAKER, M) == Decimal("10.00")
    # R02: the yearly price is whatever the catalog says, never 12 monthly ones
    assert role.price(Audience.MAKER, Y) != 12 * role.price(Audience.MAKER, M)


def test_r01_price_refused_for_an_audience_not_offered() -> None:
    role = designer(audiences=frozenset({Audience.COMPANY}))
    with pytest.raises(RuleViolation) as info:
        role.price(Audience.STUDENT, Y)
    assert info.value.rule == "R01"
    assert info.value.message == "Designer is not offered to student accounts"


def test_r01_price_refused_for_a_cycle_outside_the_table() -> None:
    with pytest.raises(RuleViolation) as info:
        designer().price(Audience.STUDENT, M)
    assert info.value.rule == "R01"
    assert "student account cannot buy a monthly cycle" in info.value.message


def test_r02_price_refused_when_the_catalog_has_no_such_price() -> None:
    role = designer(prices={Y: Decimal("100.00")})
    with pytest.raises(RuleViolation) as info:
        role.price(Audience.COMPANY, Q)
    assert info.value.rule == "R02"
    assert info.value.message == "Designer has no quarterly price in the catalog"


@given(
    st.sampled_from(list(Audience)),
    st.sampled_from(list(Cycle)),
    st.sets(st.sampled_from(list(Cycle))),
    st.sets(st.sampled_from(list(Audience))),
)
def test_r01_price_exists_exactly_for_offered_cycles(
    audience: Audience, cycle: Cycle, priced: set[Cycle], audiences: set[Audience]
) -> None:
    role = designer(prices={c: ALL_PRICES[c] for c in priced}, audiences=frozenset(audiences))
    offered = role.offered_cycles(audience)
    assert offered <= AUDIENCE_CYCLES[audience]
    if cycle in offered:
        assert role.price(audience, cycle) == ALL_PRICES[cycle]
    else:
        with pytest.raises(RuleViolation) as info:
            role.price(audience, cycle)
        assert info.value.rule in {"R01", "R02"}


def test_r04_purchasable_online_per_country() -> None:
    role = designer(online_countries=frozenset({"FR", "DE"}))
    assert role.purchasable_online("FR") is True
    assert role.purchasable_online("de") is True
    assert role.purchasable_online("US") is False
    assert role.purchasable_online("NL") is False


def test_r04_no_online_country_means_contact_only_everywhere() -> None:
    role = designer()
    assert role.online_countries == frozenset()
    assert not any(role.purchasable_online(c) for c in ("FR", "DE", "US", "JP"))


def test_role_defaults() -> None:
    role = Role(code="x", name="X")
    assert role.kind is RoleKind.LICENCE
    assert role.upgrade_policy is UpgradePolicy.IMMEDIATE_PRORATED
    assert role.seat_overflow is SeatOverflow.BLOCK
    assert role.audiences == frozenset(Audience)
    assert role.trial_days == 0
    assert dict(role.prices) == {}


def test_r03_addon_price_per_unit_on_the_subscription_cycle() -> None:
    storage = Addon(
        "storage-100gb", "Storage 100 GB", prices={M: Decimal("5.00"), Y: Decimal("50.00")}
    )
    assert storage.kind is AddonKind.OTHER
    assert storage.price(M) == Decimal("5.00")
    assert storage.price(Y) == Decimal("50.00")
    with pytest.raises(RuleViolation) as info:
        storage.price(Q)
    assert info.value.rule == "R03"
    assert info.value.message == "Storage 100 GB has no quarterly price in the catalog"


def test_catalog_finds_roles_and_addons_by_code() -> None:
    guests = Addon("guests", "Guest users", AddonKind.GUEST_USERS, {Y: Decimal("1.00")})
    catalog = Catalog("EUR", (designer(), Role(code="viewer", name="Viewer")), (guests,))
    role = catalog.role("viewer")
    assert role is not None and role.name == "Viewer"
    assert catalog.role("designer") == designer()
    assert catalog.role("nobody") is None
    assert catalog.addon("guests") is guests
    assert catalog.addon("designer") is None
