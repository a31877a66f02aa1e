"""Printing results: plain text for people, one JSON document with `--json`."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, TypeVar

from desktop_admin.domain.accounts import Account, PaymentMethod
from desktop_admin.domain.audit import AuditEntry
from desktop_admin.domain.catalog import Addon, Role
from desktop_admin.domain.operators import Operator
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.domain.users import NamedUser, SeatUsage

T = TypeVar("T")


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return sorted(value)
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def emit_json(document: Any) -> None:
    json.dump(document, sys.stdout, default=_default, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def say(args: Any, document: Any, text: str) -> int:
    """Print the result: the JSON document with `--json`, else the text."""
    if args.json:
        emit_json(document)
    else:
        print(text)
    return 0


def listing(
    args: Any,
    records: Sequence[T],
    doc: Callable[[T], Any],
    header: Sequence[str],
    row: Callable[[T], Sequence[object]],
) -> int:
    """Print records: a JSON list of `doc(record)` with `--json`, else a table."""
    return say(args, [doc(r) for r in records], table([row(r) for r in records], header))


def table(rows: Sequence[Sequence[object]], header: Sequence[str]) -> str:
    cells = [[str(c) for c in header]] + [["" if c is None else str(c) for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    ]
    return "\n".join([lines[0], "  ".join("-" * w for w in widths), *lines[1:]])


def fields_of(record: object, *names: str, **renamed: str) -> dict[str, Any]:
    """`{name: record.name}` for each of `names`, then `{key: record.<attribute>}` for
    each `key=attribute` of `renamed`: the JSON picture of a result."""
    doc = {name: getattr(record, name) for name in names}
    doc.update((key, getattr(record, attribute)) for key, attribute in renamed.items())
    return doc


def _prices(item: Role | Addon) -> dict[str, str]:
    return {c.value: str(p) for c, p in item.prices.items()}


def account_doc(a: Account) -> dict[str, Any]:
    return fields_of(
        a, "id", "name", "audience", "country", "language", "vat_number", "billing_email",
        "address", "street", "postcode", "city", "buyer_reference", "purchase_order",
        "archived_on", "version",
    )  # fmt: skip


def user_doc(u: NamedUser) -> dict[str, Any]:
    doc = fields_of(
        u, "id", "account_id", "email", "display_name", "department", "enabled",
        guest="is_guest", admin="is_admin",
    )  # fmt: skip
    return doc | {"roles": sorted(u.roles), "version": u.version}


def seat_doc(s: SeatUsage) -> dict[str, Any]:
    return fields_of(s, "code", "name", "purchased", "in_use", "free", "over_assigned")


def payment_doc(p: PaymentMethod) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": p.id, "kind": p.kind}
    if p.card:
        doc.update(
            brand=p.card.brand,
            last4=p.card.last4,
            expiry=f"{p.card.exp_month:02d}/{p.card.exp_year}",
        )
    return doc


def subscription_doc(s: Subscription) -> dict[str, Any]:
    doc = fields_of(s, "id", "account_id", "cycle", "anchor", "status", "auto_renew", "ends_on")
    return doc | {"seats": dict(s.seats), "addons": dict(s.addons)}


def role_doc(r: Role) -> dict[str, Any]:
    doc = fields_of(r, "code", "name", "kind", "upgrade_policy", "seat_overflow")
    return doc | {
        "audiences": sorted(r.audiences),
        "online_countries": sorted(r.online_countries),
        "trial_days": r.trial_days,
        "prices": _prices(r),
    }


def addon_doc(a: Addon) -> dict[str, Any]:
    return fields_of(a, "code", "name", "kind") | {"prices": _prices(a)}


def operator_doc(o: Operator) -> dict[str, Any]:
    return fields_of(o, "id", "login", "role", "display_name", "enabled")


def audit_doc(e: AuditEntry) -> dict[str, Any]:
    return fields_of(e, "id", "at", "actor", "action", "entity", "entity_id", "before", "after")


def users_table(users: Iterable[NamedUser]) -> str:
    return table(
        [
            (
                u.id,
                u.email,
                u.display_name,
                "yes" if u.enabled else "no",
                "guest" if u.is_guest else ";".join(sorted(u.roles)),
            )
            for u in users
        ],
        ("id", "email", "name", "enabled", "roles"),
    )


def seats_table(usage: Iterable[SeatUsage]) -> str:
    return table(
        [
            (s.name, s.purchased, s.in_use, s.free, "OVER-ASSIGNED" if s.over_assigned else "")
            for s in usage
        ],
        ("role", "bought", "in use", "free", ""),
    )
