"""Repositories: translate between rows and the domain's immutable objects."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from desktop_admin.domain.accounts import Account, Card, PaymentKind, PaymentMethod
from desktop_admin.domain.catalog import (
    Addon,
    AddonKind,
    Audience,
    Role,
    RoleKind,
    SeatOverflow,
    UpgradePolicy,
)
from desktop_admin.domain.errors import ConflictError, NotFound
from desktop_admin.domain.money import Currency
from desktop_admin.domain.operators import Operator, OperatorRole
from desktop_admin.domain.periods import Cycle
from desktop_admin.persistence.orm import (
    AccountRow,
    AddonRow,
    AuditRow,
    OperatorRow,
    PaymentMethodRow,
    PriceRow,
    RoleRow,
    Setting,
)

#: The columns of an account kept as the domain holds them.
ACCOUNT_DETAILS = (
    "name", "country", "language", "vat_number", "billing_email", "street", "postcode",
    "city", "buyer_reference", "purchase_order", "archived_on",
)  # fmt: skip
CHUNK = 500  # ids per IN (...) list: well under every backend's parameter limit

#: A role or an add-on of the catalog.
Item = TypeVar("Item", Role, Addon)


def now() -> datetime:
    return datetime.now(UTC)


def chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def versioned_update(
    session: Session, row_type: Any, row_id: int, expected: int, what: str, values: dict[str, Any]
) -> int:
    """UPDATE ... WHERE id = :id AND version = :expected; a conflict if no row matched."""
    result = session.execute(
        update(row_type)
        .where(row_type.id == row_id, row_type.version == expected)
        .values(**values, version=expected + 1)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        exists = session.scalar(select(row_type.id).where(row_type.id == row_id))
        if exists is None:
            raise NotFound(f"no {what} with id {row_id}")
        raise ConflictError(
            f"this {what} (id {row_id}) was changed by {_last_change(session, what, row_id)} "
            "since it was opened; reload it and try again"
        )
    return expected + 1


def _last_change(session: Session, what: str, row_id: int) -> str:
    """Who changed a record last and when, from the audit trail: "alice at 2026-12-03
    16:40 UTC", or "someone else" if the trail does not say."""
    last = session.execute(
        select(AuditRow.actor, AuditRow.at)
        .where(AuditRow.entity == what.replace("-", ""), AuditRow.entity_id == str(row_id))
        .order_by(AuditRow.id.desc())
        .limit(1)
    ).first()
    if last is None:
        return "someone else"
    at = last.at if last.at.tzinfo else last.at.replace(tzinfo=UTC)
    return f"{last.actor} at {at.astimezone(UTC):%Y-%m-%d %H:%M} UTC"


class SqlAccounts:
    def __init__(self, session: Session) -> None:
        self.session = session

    @staticmethod
    def _to_domain(row: AccountRow) -> Account:
        return Account(
            **{name: getattr(row, name) for name in ACCOUNT_DETAILS},
            audience=Audience(row.audience),
            id=row.id,
            version=row.version,
        )

    @staticmethod
    def _values(account: Account) -> dict[str, Any]:
        values = {name: getattr(account, name) for name in ACCOUNT_DETAILS}
        return values | {"audience": account.audience.value}

    def add(self, account: Account) -> Account:
        row = AccountRow(**self._values(account), created_at=now(), version=1)
        self.session.add(row)
        self.session.flush()
        return self._to_domain(row)

    def get(self, account_id: int) -> Account:
        row = self.session.get(AccountRow, account_id)
        if row is None:
            raise NotFound(f"no account with id {account_id}")
        return self._to_domain(row)

    def get_many(self, account_ids: Iterable[int]) -> dict[int, Account]:
        found = {}
        for chunk in chunks(sorted(set(account_ids))):
            for row in self.session.scalars(select(AccountRow).where(AccountRow.id.in_(chunk))):
                found[row.id] = self._to_domain(row)
        return found

    def update(self, account: Account) -> Account:
        assert account.id is not None
        version = versioned_update(
            self.session, AccountRow, account.id, account.version, "account", self._values(account)
        )
        return replace(account, version=version)

    def all(self) -> list[Account]:
        rows = self.session.scalars(select(AccountRow).order_by(AccountRow.name, AccountRow.id))
        return [self._to_domain(r) for r in rows]

    def add_payment_method(self, account_id: int, method: PaymentMethod) -> PaymentMethod:
        card = method.card
        row = PaymentMethodRow(
            account_id=account_id,
            kind=method.kind.value,
            card_token=card.token if card else None,
            card_brand=card.brand if card else None,
            card_last4=card.last4 if card else None,
            card_exp_month=card.exp_month if card else None,
            card_exp_year=card.exp_year if card else None,
        )
        self.session.add(row)
        self.session.flush()
        return replace(method, id=row.id)

    def remove_payment_method(self, account_id: int, method_id: int) -> None:
        removed = self.session.execute(
            delete(PaymentMethodRow).where(
                PaymentMethodRow.id == method_id, PaymentMethodRow.account_id == account_id
            )
        )
        if removed.rowcount != 1:  # type: ignore[attr-defined]
            raise NotFound(f"account {account_id} has no payment method with id {method_id}")

    def payment_methods(self, account_id: int) -> list[PaymentMethod]:
        rows = self.session.scalars(
            select(PaymentMethodRow)
            .where(PaymentMethodRow.account_id == account_id)
            .order_by(PaymentMethodRow.id)
        )
        methods = []
        for r in rows:
            card = None
            if r.kind == PaymentKind.CARD.value:
                card = Card(
                    r.card_token or "",
                    r.card_brand or "",
                    r.card_last4 or "",
                    r.card_exp_month or 0,
                    r.card_exp_year or 0,
                )
            methods.append(PaymentMethod(PaymentKind(r.kind), card, r.id))
        return methods


class SqlCatalog:
    def __init__(self, session: Session) -> None:
        self.session = session

    def currency(self) -> str | None:
        return self.session.scalar(select(Setting.value).where(Setting.key == "currency"))

    def set_currency(self, code: str) -> None:
        self.session.merge(Setting(key="currency", value=code))

    def _prices(self, product: str, code: str | None = None) -> dict[str, dict[Cycle, Decimal]]:
        query = select(PriceRow).where(PriceRow.product == product)
        if code is not None:
            query = query.where(PriceRow.code == code)
        prices: dict[str, dict[Cycle, Decimal]] = defaultdict(dict)
        quantum = Currency.of(self.currency() or "EUR").quantum  # stored with 4 decimals
        for p in self.session.scalars(query):
            prices[p.code][Cycle(p.cycle)] = p.amount.quantize(quantum)
        return prices

    def _save_prices(self, product: str, code: str, prices: dict[Cycle, Decimal]) -> None:
        self.session.execute(
            delete(PriceRow).where(PriceRow.product == product, PriceRow.code == code)
        )
        for cycle, amount in prices.items():
            self.session.add(PriceRow(product=product, code=code, cycle=cycle.value, amount=amount))

    @staticmethod
    def _role(row: RoleRow, prices: dict[Cycle, Decimal]) -> Role:
        return Role(
            code=row.code,
            name=row.name,
            kind=RoleKind(row.kind),
            upgrade_policy=UpgradePolicy(row.upgrade_policy),
            seat_overflow=SeatOverflow(row.seat_overflow),
            audiences=frozenset(Audience(a) for a in row.audiences.split(",") if a),
            online_countries=frozenset(c for c in row.online_countries.split(",") if c),
            trial_days=row.trial_days,
            prices=prices,
            id=row.id,
            version=row.version,
        )

    def roles(self) -> list[Role]:
        prices = self._prices("role")
        rows = self.session.scalars(select(RoleRow).order_by(RoleRow.name))
        return [self._role(r, prices.get(r.code, {})) for r in rows]

    def role(self, code: str) -> Role | None:
        row = self.session.scalar(select(RoleRow).where(RoleRow.code == code))
        return None if row is None else self._role(row, self._prices("role", code).get(code, {}))

    def save_role(self, role: Role) -> Role:
        values = dict(
            code=role.code,
            name=role.name,
            kind=role.kind.value,
            upgrade_policy=role.upgrade_policy.value,
            seat_overflow=role.seat_overflow.value,
            audiences=",".join(sorted(a.value for a in role.audiences)),
            online_countries=",".join(sorted(role.online_countries)),
            trial_days=role.trial_days,
        )
        role = self._save_item(RoleRow, role, "role", values)
        self._save_prices("role", role.code, dict(role.prices))
        return role

    def addons(self) -> list[Addon]:
        prices = self._prices("addon")
        rows = self.session.scalars(select(AddonRow).order_by(AddonRow.name))
        return [
            Addon(r.code, r.name, AddonKind(r.kind), prices.get(r.code, {}), r.id, r.version)
            for r in rows
        ]

    def addon(self, code: str) -> Addon | None:
        return next((a for a in self.addons() if a.code == code), None)

    def save_addon(self, addon: Addon) -> Addon:
        values = dict(code=addon.code, name=addon.name, kind=addon.kind.value)
        addon = self._save_item(AddonRow, addon, "add-on", values)
        self._save_prices("addon", addon.code, dict(addon.prices))
        return addon

    def _save_item(self, row_type: Any, item: Item, label: str, values: dict[str, Any]) -> Item:
        """Insert a new role or add-on, or update one at its version (a conflict if
        someone saved it first); the item with its id and new version."""
        if item.id is None:
            row = row_type(**values, version=1)
            self.session.add(row)
            self.session.flush()
            return replace(item, id=row.id, version=1)
        version = versioned_update(self.session, row_type, item.id, item.version, label, values)
        return replace(item, version=version)


class SqlOperators:
    def __init__(self, session: Session) -> None:
        self.session = session

    @staticmethod
    def _to_domain(row: OperatorRow) -> Operator:
        return Operator(
            login=row.login,
            role=OperatorRole(row.role),
            display_name=row.display_name,
            enabled=row.enabled,
            id=row.id,
            version=row.version,
        )

    def add(self, operator: Operator, password_hash: str) -> Operator:
        row = OperatorRow(
            login=operator.login,
            role=operator.role.value,
            display_name=operator.display_name,
            enabled=operator.enabled,
            password_hash=password_hash,
            created_at=now(),
            version=1,
        )
        self.session.add(row)
        self.session.flush()
        return self._to_domain(row)

    def by_login(self, login: str) -> tuple[Operator, str] | None:
        row = self.session.scalar(select(OperatorRow).where(OperatorRow.login == login))
        return None if row is None else (self._to_domain(row), row.password_hash)

    def count(self) -> int:
        return self.session.scalar(select(func.count()).select_from(OperatorRow)) or 0

    def all(self) -> list[Operator]:
        return [
            self._to_domain(r)
            for r in self.session.scalars(select(OperatorRow).order_by(OperatorRow.login))
        ]

    def update(self, operator: Operator) -> Operator:
        assert operator.id is not None
        version = versioned_update(
            self.session,
            OperatorRow,
            operator.id,
            operator.version,
            "operator",
            dict(
                role=operator.role.value,
                display_name=operator.display_name,
                enabled=operator.enabled,
            ),
        )
        return replace(operator, version=version)

    def set_password(self, operator: Operator, password_hash: str) -> Operator:
        assert operator.id is not None
        version = versioned_update(
            self.session,
            OperatorRow,
            operator.id,
            operator.version,
            "operator",
            dict(password_hash=password_hash),
        )
        return replace(operator, version=version)


class SqlSettings:
    """Named values of the installation (e.g. the seller's details, as JSON)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, key: str) -> str | None:
        return self.session.scalar(select(Setting.value).where(Setting.key == key))

    def set(self, key: str, value: str) -> None:
        self.session.merge(Setting(key=key, value=value))
