"""Reading the catalog TOML file (interfaces.md). The file is untrusted: it is
validated whole and every problem is reported with its line and field before
anything is written."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from enum import StrEnum
from typing import Any, TypeVar

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
)
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.money import Currency
from desktop_admin.domain.periods import Cycle

CODE_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
COUNTRY_PATTERN = re.compile(r"^[A-Z]{2}$")
ROLE_KEYS = {
    "code",
    "name",
    "kind",
    "upgrade_policy",
    "seat_overflow",
    "audiences",
    "online_countries",
    "trial_days",
    "prices",
}
ADDON_KEYS = {"code", "name", "kind", "prices"}
E = TypeVar("E", bound=StrEnum)


class _Lines:
    """Finds the line of `key = ...` inside the n-th `[[table]]` of the source."""

    def __init__(self, text: str) -> None:
        self._where: dict[tuple[str, int, str], int] = {}
        self._headers: dict[tuple[str, int], int] = {}
        counts: dict[str, int] = {}
        table, index = "", -1
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            header = re.match(r"^\[\[\s*([A-Za-z0-9_.-]+)\s*\]\]", line)
            if header:
                table = header.group(1)
                index = counts.get(table, 0)
                counts[table] = index + 1
                self._headers[(table, index)] = number
                continue
            if re.match(r"^\[", line):
                table, index = line.strip("[] "), 0
                continue
            key = re.match(r"^([A-Za-z0-9_-]+)\s*=", line)
            if key:
                self._where.setdefault((table, index, key.group(1)), number)

    def of(self, table: str, index: int, key: str | None = None) -> int | None:
        if key is not None and (table, index, key) in self._where:
            return self._where[(table, index, key)]
        return self._headers.get((table, index))


def parse_catalog(text: str, source: str | None = None) -> Catalog:
    """Parse and validate a catalog; raise `InvalidInput` listing every problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"at line (\d+)", str(exc))
        line = int(found.group(1)) if found else None
        raise InvalidInput(
            "The catalog is not valid TOML.", [Problem(str(exc), line)], source
        ) from None
    lines = _Lines(text)
    problems: list[Problem] = []
    currency = _currency(data, lines, problems)
    for key in sorted(set(data) - {"currency", "roles", "addons"}):
        problems.append(Problem(f"unknown key '{key}'", lines.of("", -1, key), key))
    role_tables = _tables(data, "roles", lines, problems)
    addon_tables = _tables(data, "addons", lines, problems)
    roles = [_role(entry, i, currency, lines, problems) for i, entry in enumerate(role_tables)]
    addons = [_addon(entry, i, currency, lines, problems) for i, entry in enumerate(addon_tables)]
    _no_duplicates("roles", [e.get("code") for e in role_tables], lines, problems)
    _no_duplicates("addons", [e.get("code") for e in addon_tables], lines, problems)
    if not roles and not problems:
        problems.append(Problem("the catalog has no [[roles]]", None, "roles"))
    if problems:
        raise InvalidInput(
            "The catalog was refused; nothing was imported.",
            sorted(problems, key=lambda p: p.line or 0),
            source,
        )
    return Catalog(currency.code, tuple(r for r in roles if r), tuple(a for a in addons if a))


def _currency(data: Mapping[str, Any], lines: _Lines, problems: list[Problem]) -> Currency:
    code = data.get("currency")
    where = lines.of("", -1, "currency")
    if not isinstance(code, str):
        problems.append(
            Problem('the catalog must name its currency, e.g. currency = "EUR"', where, "currency")
        )
        return Currency.of("EUR")
    try:
        return Currency.of(code)
    except InvalidInput as exc:
        problems.append(Problem(exc.summary, where, "currency"))
        return Currency.of("EUR")


def _tables(
    data: Mapping[str, Any], name: str, lines: _Lines, problems: list[Problem]
) -> list[Mapping[str, Any]]:
    value = data.get(name, [])
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problems.append(
            Problem(f"'{name}' must be a list of [[{name}]] tables", lines.of("", -1, name), name)
        )
        return []
    return value


def _text(entry: Mapping[str, Any], key: str, at: _At, required: bool = True) -> str:
    value = entry.get(key)
    if value is None:
        if required:
            at.problem(key, f"'{key}' is required")
        return ""
    if not isinstance(value, str) or not value.strip():
        at.problem(key, f"'{key}' must be a non-empty string")
        return ""
    return value.strip()


class _At:
    """Where problems of one [[table]] entry are reported."""

    def __init__(self, table: str, index: int, lines: _Lines, problems: list[Problem]) -> None:
        self.table, self.index, self.lines, self.problems = table, index, lines, problems

    def problem(self, key: str, reason: str) -> None:
        field = f"{self.table}[{self.index + 1}].{key}"
        head = key.split(".")[0]
        self.problems.append(Problem(reason, self.lines.of(self.table, self.index, head), field))


def _choice(entry: Mapping[str, Any], key: str, enum: type[E], default: E, at: _At) -> E:
    value = entry.get(key, default.value)
    try:
        return enum(value)
    except ValueError:
        allowed = " or ".join(e.value for e in enum)
        at.problem(key, f"{value!r} is not one of {allowed}")
        return default


def _prices(entry: Mapping[str, Any], currency: Currency, at: _At) -> dict[Cycle, Decimal]:
    raw = entry.get("prices")
    if not isinstance(raw, dict) or not raw:
        at.problem("prices", "'prices' must be a table such as { yearly = \"100.00\" }")
        return {}
    prices: dict[Cycle, Decimal] = {}
    for cycle_name, text in raw.items():
        try:
            cycle = Cycle(cycle_name)
        except ValueError:
            at.problem(
                f"prices.{cycle_name}",
                f"'{cycle_name}' is not a cycle (monthly, quarterly or yearly)",
            )
            continue
        try:
            prices[cycle] = currency.parse(text)
        except InvalidInput as exc:
            at.problem(f"prices.{cycle_name}", exc.problems[0].reason)
    return prices


def _unknown_keys(entry: Mapping[str, Any], allowed: set[str], at: _At) -> None:
    for key in sorted(set(entry) - allowed):
        at.problem(key, f"unknown key '{key}' (allowed: {', '.join(sorted(allowed))})")


def _code(entry: Mapping[str, Any], at: _At) -> str:
    code = _text(entry, "code", at)
    if code and not CODE_PATTERN.match(code):
        at.problem("code", f"'{code}' must be lower-case letters, digits, '-' or '_'")
    return code


def _role(
    entry: Mapping[str, Any], index: int, currency: Currency, lines: _Lines, problems: list[Problem]
) -> Role | None:
    at = _At("roles", index, lines, problems)
    before = len(problems)
    _unknown_keys(entry, ROLE_KEYS, at)
    code, name = _code(entry, at), _text(entry, "name", at)
    audiences = _audiences(entry, at)
    countries = _countries(entry, at)
    trial_days = entry.get("trial_days", 0)
    whole = isinstance(trial_days, int) and not isinstance(trial_days, bool)
    if not whole or not 0 <= trial_days <= 366:
        at.problem("trial_days", f"{trial_days!r} is not a whole number of days from 0 to 366")
        trial_days = 0
    prices = _prices(entry, currency, at)
    for audience in sorted(audiences):
        if prices and not AUDIENCE_CYCLES[audience] & set(prices):
            allowed = " or ".join(sorted(c.value for c in AUDIENCE_CYCLES[audience]))
            at.problem(
                "audiences",
                f"R01: {audience.value} accounts may buy only {allowed}, "
                "and this role has no such price",
            )
    role = Role(
        code=code,
        name=name,
        kind=_choice(entry, "kind", RoleKind, RoleKind.LICENCE, at),
        upgrade_policy=_choice(
            entry, "upgrade_policy", UpgradePolicy, UpgradePolicy.IMMEDIATE_PRORATED, at
        ),
        seat_overflow=_choice(entry, "seat_overflow", SeatOverflow, SeatOverflow.BLOCK, at),
        audiences=audiences,
        online_countries=countries,
        trial_days=trial_days,
        prices=prices,
    )
    return role if len(problems) == before else None


def _audiences(entry: Mapping[str, Any], at: _At) -> frozenset[Audience]:
    raw = entry.get("audiences")
    if not isinstance(raw, list) or not raw:
        at.problem("audiences", "'audiences' must list company, maker and/or student")
        return frozenset()
    found = set()
    for value in raw:
        try:
            found.add(Audience(value))
        except ValueError:
            at.problem("audiences", f"{value!r} is not an audience (company, maker, student)")
    return frozenset(found)


def _countries(entry: Mapping[str, Any], at: _At) -> frozenset[str]:
    raw = entry.get("online_countries", [])
    if not isinstance(raw, list):
        at.problem("online_countries", "'online_countries' must be a list of country codes")
        return frozenset()
    bad = [c for c in raw if not isinstance(c, str) or not COUNTRY_PATTERN.match(c)]
    if bad:
        at.problem(
            "online_countries",
            f'{", ".join(map(repr, bad))}: use two-letter upper-case codes such as "FR"',
        )
    return frozenset(c for c in raw if isinstance(c, str) and COUNTRY_PATTERN.match(c))


def _addon(
    entry: Mapping[str, Any], index: int, currency: Currency, lines: _Lines, problems: list[Problem]
) -> Addon | None:
    at = _At("addons", index, lines, problems)
    before = len(problems)
    _unknown_keys(entry, ADDON_KEYS, at)
    addon = Addon(
        code=_code(entry, at),
        name=_text(entry, "name", at),
        kind=_choice(entry, "kind", AddonKind, AddonKind.OTHER, at),
        prices=_prices(entry, currency, at),
    )
    return addon if len(problems) == before else None


def _no_duplicates(table: str, codes: list[object], lines: _Lines, problems: list[Problem]) -> None:
    """Codes as written in each [[table]] entry, so that positions match the file."""
    seen: set[object] = set()
    for index, code in enumerate(codes):
        if code is None:
            continue
        if code in seen:
            problems.append(
                Problem(
                    f"code '{code}' appears twice",
                    lines.of(table, index, "code"),
                    f"{table}[{index + 1}].code",
                )
            )
        seen.add(code)
