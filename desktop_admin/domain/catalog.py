"""The vendor's price list: audiences and cycles (R01), roles as seat products
(R02), add-ons (R03), online or contact-only countries (R04)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.periods import Cycle


class Audience(StrEnum):
    COMPANY = "company"
    MAKER = "maker"
    STUDENT = "student"


#: R01: the cycles each audience may buy.
AUDIENCE_CYCLES: Mapping[Audience, frozenset[Cycle]] = {
    Audience.COMPANY: frozenset({Cycle.YEARLY, Cycle.QUARTERLY}),
    Audience.MAKER: frozenset({Cycle.YEARLY, Cycle.MONTHLY}),
    Audience.STUDENT: frozenset({Cycle.YEARLY}),
}


class RoleKind(StrEnum):
    LICENCE = "licence"
    BUSINESS_EXPERIENCE = "business_experience"


class UpgradePolicy(StrEnum):
    IMMEDIATE_PRORATED = "immediate_prorated"
    NEXT_MONTH_START = "next_month_start"


class SeatOverflow(StrEnum):
    BLOCK = "block"
    AUTO_DISABLE = "auto_disable"


class AddonKind(StrEnum):
    """What a unit of an add-on grants; `guest_users` units seat guests (R14)."""

    OTHER = "other"
    GUEST_USERS = "guest_users"


def check_cycle_for_audience(audience: Audience, cycle: Cycle) -> None:
    """R01: refuse a cycle the audience may not buy."""
    if cycle not in AUDIENCE_CYCLES[audience]:
        allowed = ", ".join(sorted(c.value for c in AUDIENCE_CYCLES[audience]))
        raise RuleViolation(
            "R01",
            f"a {audience.value} account cannot buy a {cycle.value} cycle (it may buy: {allowed})",
        )


@dataclass(frozen=True)
class Role:
    """A licence type bought as seats; its price is per seat per cycle (R02)."""

    code: str
    name: str
    kind: RoleKind = RoleKind.LICENCE
    upgrade_policy: UpgradePolicy = UpgradePolicy.IMMEDIATE_PRORATED
    seat_overflow: SeatOverflow = SeatOverflow.BLOCK
    audiences: frozenset[Audience] = frozenset(Audience)
    online_countries: frozenset[str] = frozenset()
    trial_days: int = 0
    prices: Mapping[Cycle, Decimal] = field(default_factory=dict)
    id: int | None = None
    version: int = 0

    def __hash__(self) -> int:  # equal roles have equal codes; prices are a mapping
        return hash(("role", self.code))

    def offered_cycles(self, audience: Audience) -> frozenset[Cycle]:
        """R01: the cycles priced for this role that the audience may buy."""
        if audience not in self.audiences:
            return frozenset()
        return AUDIENCE_CYCLES[audience] & frozenset(self.prices)

    def price(self, audience: Audience, cycle: Cycle) -> Decimal:
        """Per seat per cycle; refused when the role is not offered so (R01, R02)."""
        if audience not in self.audiences:
            raise RuleViolation("R01", f"{self.name} is not offered to {audience.value} accounts")
        check_cycle_for_audience(audience, cycle)
        if cycle not in self.prices:
            raise RuleViolation("R02", f"{self.name} has no {cycle.value} price in the catalog")
        return self.prices[cycle]

    def purchasable_online(self, country: str) -> bool:
        """R04: elsewhere a purchase becomes a quote request ("contact us")."""
        return country.upper() in self.online_countries


@dataclass(frozen=True)
class Addon:
    """Priced per unit per cycle, billed on its subscription's cycle (R03)."""

    code: str
    name: str
    kind: AddonKind = AddonKind.OTHER
    prices: Mapping[Cycle, Decimal] = field(default_factory=dict)
    id: int | None = None
    version: int = 0

    def __hash__(self) -> int:
        return hash(("addon", self.code))

    def price(self, cycle: Cycle) -> Decimal:
        if cycle not in self.prices:
            raise RuleViolation("R03", f"{self.name} has no {cycle.value} price in the catalog")
        return self.prices[cycle]


@dataclass(frozen=True)
class Catalog:
    currency: str
    roles: tuple[Role, ...] = ()
    addons: tuple[Addon, ...] = ()

    def role(self, code: str) -> Role | None:
        return next((r for r in self.roles if r.code == code), None)

    def addon(self, code: str) -> Addon | None:
        return next((a for a in self.addons if a.code == code), None)
