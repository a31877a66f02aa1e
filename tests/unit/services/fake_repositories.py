"""In-memory repositories faithful to the SQL adapters (see `fakes.py`)."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any, Generic, TypeVar

from desktop_admin.domain.accounts import Account, PaymentMethod
from desktop_admin.domain.audit import AuditEntry
from desktop_admin.domain.catalog import Addon, Role
from desktop_admin.domain.errors import ConflictError, NotFound
from desktop_admin.domain.lifecycle import Holder
from desktop_admin.domain.operators import Operator
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.domain.users import NamedUser


class FakeIntegrityError(Exception):
    """What the database would raise on a broken constraint."""


T = TypeVar("T", Account, Operator, NamedUser, Subscription, Role, Addon)


class _Table(Generic[T]):
    """Rows by id: insert with a new id at version 1, versioned update."""

    def __init__(self, what: str) -> None:
        self.what = what
        self.rows: dict[int, T] = {}
        self.next_id = 1

    def insert(self, item: T) -> T:
        item = replace(item, id=self.next_id, version=1)
        self.rows[self.next_id] = item
        self.next_id += 1
        return item

    def get(self, item_id: int) -> T:
        if item_id not in self.rows:
            raise NotFound(f"no {self.what} with id {item_id}")
        return self.rows[item_id]

    def update(self, item: T) -> T:
        """UPDATE ... WHERE id = :id AND version = :expected."""
        item_id = item.id
        assert item_id is not None, f"updating a {self.what} that was never saved"
        if self.get(item_id).version != item.version:
            raise ConflictError(
                f"this {self.what} (id {item_id}) was changed by someone else since it "
                "was opened; reload it and try again"
            )
        self.rows[item_id] = item = replace(item, version=item.version + 1)
        return item

    def state(self) -> tuple[dict[int, T], int]:
        return dict(self.rows), self.next_id

    def restore(self, state: tuple[dict[int, T], int]) -> None:
        rows, self.next_id = state
        self.rows = dict(rows)


class FakeAccountRepository:
    def __init__(self) -> None:
        self.table: _Table[Account] = _Table("account")
        self.methods: dict[int, list[PaymentMethod]] = {}
        self.next_method_id = 1

    def add(self, account: Account) -> Account:
        return self.table.insert(account)

    def get(self, account_id: int) -> Account:
        return self.table.get(account_id)

    def get_many(self, account_ids: Iterable[int]) -> dict[int, Account]:
        return {i: self.table.rows[i] for i in sorted(set(account_ids)) if i in self.table.rows}

    def update(self, account: Account) -> Account:
        return self.table.update(account)

    def all(self) -> list[Account]:
        return sorted(self.table.rows.values(), key=lambda a: (a.name, a.id or 0))

    def add_payment_method(self, account_id: int, method: PaymentMethod) -> PaymentMethod:
        if account_id not in self.table.rows:
            raise FakeIntegrityError(f"payment_methods.account_id: no account {account_id}")
        method = replace(method, id=self.next_method_id)
        self.next_method_id += 1
        self.methods.setdefault(account_id, []).append(method)
        return method

    def payment_methods(self, account_id: int) -> list[PaymentMethod]:
        return list(self.methods.get(account_id, []))

    def remove_payment_method(self, account_id: int, method_id: int) -> None:
        kept = [m for m in self.methods.get(account_id, []) if m.id != method_id]
        if len(kept) == len(self.methods.get(account_id, [])):
            raise NotFound(f"account {account_id} has no payment method with id {method_id}")
        self.methods[account_id] = kept

    def state(self) -> object:
        methods = {k: list(v) for k, v in self.methods.items()}
        return self.table.state(), methods, self.next_method_id

    def restore(self, state: Any) -> None:
        table, methods, self.next_method_id = state
        self.table.restore(table)
        self.methods = {k: list(v) for k, v in methods.items()}


class FakeSettingsRepository:
    """Named values of the installation; the catalog's currency is one of them."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def set(self, key: str, value: str) -> None:
        self.values[key] = value

    def state(self) -> object:
        return dict(self.values)

    def restore(self, state: Any) -> None:
        self.values = dict(state)


class FakeCatalogRepository:
    def __init__(self, settings: FakeSettingsRepository | None = None) -> None:
        self._settings = settings or FakeSettingsRepository()
        self.role_table: _Table[Role] = _Table("role")
        self.addon_table: _Table[Addon] = _Table("add-on")

    def currency(self) -> str | None:
        return self._settings.get("currency")  # the same settings row as SqlCatalog

    def set_currency(self, code: str) -> None:
        self._settings.set("currency", code)

    def roles(self) -> list[Role]:
        return sorted(self.role_table.rows.values(), key=lambda r: (r.name, r.id or 0))

    def role(self, code: str) -> Role | None:
        return next((r for r in self.role_table.rows.values() if r.code == code), None)

    def save_role(self, role: Role) -> Role:
        role = replace(role, prices=dict(role.prices))
        if role.id is None:
            if self.role(role.code) is not None:
                raise FakeIntegrityError(f"roles.code: {role.code!r} exists")
            return self.role_table.insert(role)
        return self.role_table.update(role)

    def addons(self) -> list[Addon]:
        return sorted(self.addon_table.rows.values(), key=lambda a: (a.name, a.id or 0))

    def addon(self, code: str) -> Addon | None:
        return next((a for a in self.addon_table.rows.values() if a.code == code), None)

    def save_addon(self, addon: Addon) -> Addon:
        addon = replace(addon, prices=dict(addon.prices))
        if addon.id is None:
            if self.addon(addon.code) is not None:
                raise FakeIntegrityError(f"addons.code: {addon.code!r} exists")
            return self.addon_table.insert(addon)
        return self.addon_table.update(addon)

    def state(self) -> object:
        return self.role_table.state(), self.addon_table.state()

    def restore(self, state: Any) -> None:
        roles, addons = state
        self.role_table.restore(roles)
        self.addon_table.restore(addons)


class FakeUserRepository:
    """Named users; checks the foreign keys to accounts and roles like the schema."""

    def __init__(self, accounts: FakeAccountRepository, catalog: FakeCatalogRepository) -> None:
        self._accounts, self._catalog = accounts, catalog
        self.table: _Table[NamedUser] = _Table("user")
        self.by_email: dict[tuple[int, str], int] = {}  # the unique index

    def _check_constraints(self, user: NamedUser) -> None:
        if user.account_id not in self._accounts.table.rows:
            raise FakeIntegrityError(f"named_users.account_id: no account {user.account_id}")
        for code in user.roles:
            if self._catalog.role(code) is None:
                raise FakeIntegrityError(f"role_assignments.role_code: no role {code!r}")
        holder = self.by_email.get((user.account_id, user.email))
        if holder is not None and holder != user.id:
            raise FakeIntegrityError(f"uq_named_users_account_email: {user.email}")

    def add(self, user: NamedUser) -> NamedUser:
        self._check_constraints(user)
        saved = self.table.insert(replace(user, id=None))
        assert saved.id is not None
        self.by_email[(saved.account_id, saved.email)] = saved.id
        return saved

    def add_many(self, users: Sequence[NamedUser], *, to_platform: bool = True) -> list[int]:
        ids = []
        for user in users:
            saved = self.add(user)
            assert saved.id is not None
            ids.append(saved.id)
        return ids

    def get(self, user_id: int) -> NamedUser:
        return self.table.get(user_id)

    def get_many(self, user_ids: Sequence[int]) -> list[NamedUser]:
        return [self.table.rows[i] for i in sorted(set(user_ids)) if i in self.table.rows]

    def existing_emails(self, account_id: int, emails: Iterable[str]) -> set[str]:
        wanted = set(emails)
        return {
            u.email
            for u in self.table.rows.values()
            if u.account_id == account_id and u.email in wanted
        }

    def update(self, user: NamedUser) -> NamedUser:
        return self.update_many([user])[0]

    def update_many(
        self, users: Sequence[NamedUser], *, to_platform: bool = True
    ) -> list[NamedUser]:
        saved = []
        for user in users:
            self._check_constraints(user)
            before = self.table.get(user.id) if user.id is not None else None
            saved.append(self.table.update(user))
            if before is not None and user.id is not None:
                del self.by_email[(before.account_id, before.email)]
                self.by_email[(user.account_id, user.email)] = user.id
        return saved

    def remove_many(self, user_ids: Sequence[int]) -> None:
        for user_id in user_ids:
            user = self.table.rows.pop(user_id, None)
            if user is not None:
                del self.by_email[(user.account_id, user.email)]

    def _enabled(self, account_id: int, guests: bool) -> list[NamedUser]:
        return [
            u
            for u in self.table.rows.values()
            if u.account_id == account_id and u.enabled and u.is_guest is guests
        ]

    def seats_in_use(self, account_id: int) -> dict[str, int]:
        counts: Counter[str] = Counter()
        for user in self._enabled(account_id, guests=False):
            counts.update(user.roles)
        return dict(counts)

    def holders(self, account_id: int, role_code: str) -> list[Holder]:
        """Enabled, non-guest users holding the role, by id (R15's population)."""
        return [
            Holder(u.id, u.is_admin)
            for u in sorted(self._enabled(account_id, guests=False), key=lambda u: u.id or 0)
            if role_code in u.roles and u.id is not None
        ]

    def guests_in_use(self, account_id: int) -> int:
        return len(self._enabled(account_id, guests=True))

    def enabled_of(self, account_id: int) -> list[NamedUser]:
        return [
            u
            for _, u in sorted(self.table.rows.items())
            if u.account_id == account_id and u.enabled
        ]

    def state(self) -> object:
        return self.table.state()

    def restore(self, state: Any) -> None:
        self.table.restore(state)
        self.by_email = {(u.account_id, u.email): i for i, u in self.table.rows.items()}


class FakeOperatorRepository:
    def __init__(self) -> None:
        self.table: _Table[Operator] = _Table("operator")
        self.hashes: dict[int, str] = {}

    def add(self, operator: Operator, password_hash: str) -> Operator:
        if self.by_login(operator.login) is not None:
            raise FakeIntegrityError(f"operators.login: {operator.login!r} exists")
        saved = self.table.insert(operator)
        assert saved.id is not None
        self.hashes[saved.id] = password_hash
        return saved

    def by_login(self, login: str) -> tuple[Operator, str] | None:
        for operator_id, operator in self.table.rows.items():
            if operator.login == login:
                return operator, self.hashes[operator_id]
        return None

    def count(self) -> int:
        return len(self.table.rows)

    def all(self) -> list[Operator]:
        return sorted(self.table.rows.values(), key=lambda o: o.login)

    def update(self, operator: Operator) -> Operator:
        return self.table.update(operator)

    def set_password(self, operator: Operator, password_hash: str) -> Operator:
        saved = self.table.update(operator)
        assert saved.id is not None
        self.hashes[saved.id] = password_hash
        return saved

    def state(self) -> object:
        return self.table.state(), dict(self.hashes)

    def restore(self, state: Any) -> None:
        table, hashes = state
        self.table.restore(table)
        self.hashes = dict(hashes)


class FakeAuditRepository:
    """Entries stored as the SQL table stores them: `before` and `after` as JSON, oldest
    first in `stored`."""

    def __init__(self) -> None:
        self.stored: list[AuditEntry] = []

    @staticmethod
    def _json(value: Any) -> Any:
        return None if value is None else json.loads(json.dumps(value, sort_keys=True))

    def record(self, entries: Sequence[AuditEntry]) -> None:
        for e in entries:
            self.stored.append(
                replace(
                    e,
                    before=self._json(e.before),
                    after=self._json(e.after),
                    id=len(self.stored) + 1,
                )
            )

    def entries(
        self,
        entity: str | None = None,
        actor: str | None = None,
        entity_id: str | None = None,
        limit: int = 500,
    ) -> list[AuditEntry]:
        """For the tests to read back what was recorded, newest first (not a port:
        reading the trail is `reads.audit`, tested against real databases)."""
        found = [
            e
            for e in reversed(self.stored)
            if (not entity or e.entity == entity)
            and (not entity_id or e.entity_id == entity_id)
            and (not actor or e.actor == actor)
        ]
        return found[:limit]

    def state(self) -> object:
        return list(self.stored)

    def restore(self, state: Any) -> None:
        self.stored = list(state)
