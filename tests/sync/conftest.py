"""Fixtures of the sync tests: one real SCIM server for the session (a tenant of its own
for each test), and an application whose account buys seats and syncs to it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.subscriptions import Cycle
from desktop_admin.security import Argon2Hasher
from desktop_admin.services.purchases import Order
from desktop_admin.sync import ScimSync
from desktop_admin.sync.tokens import ENVIRONMENT, KeyringTokens
from desktop_admin.sync.transport import RetryPolicy
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, CATALOG_TEXT, TODAY
from tests.sync.scim_server import ScimServer

TOKEN = "s3cret-platform-token-7f3a"
#: Quick retries: the tests inject faults and should not wait seconds for each.
QUICK = RetryPolicy(attempts=6, base_delay=0.01, max_delay=0.2)


#: Tenants of the session's server: one platform for each test that needs one.
TENANTS = [f"t{n:03d}" for n in range(300)]


@pytest.fixture(scope="session")
def scim() -> Iterator[ScimServer]:
    with ScimServer(TENANTS, bearer_token=TOKEN) as server:
        yield server


@pytest.fixture(scope="session")
def unused_tenants() -> Iterator[str]:
    return iter(TENANTS)


@pytest.fixture
def tenant(scim: ScimServer, unused_tenants: Iterator[str]) -> str:
    """A tenant of the server of this test's own: an empty platform."""
    return next(unused_tenants)


@dataclass
class Desk:
    app: AdminApp
    session: OperatorSession
    account_id: int
    url: str

    def add_users(self, count: int, roles: tuple[str, ...] = ("named-user",)) -> list[int]:
        ids = []
        for n in range(count):
            user = self.session.users.add(
                account_id=self.account_id,
                email=f"user{n:05d}@acme.example",
                display_name=f"User {n}",
                department="Design" if n % 2 else "Sales",
                roles=roles,
            ).value
            assert user.id is not None
            ids.append(user.id)
        return ids


def open_desk(
    database_url: str, cheap_hasher: Argon2Hasher, *, seats: int = 600, tokens: dict[str, str]
) -> tuple[AdminApp, OperatorSession, int]:
    sync = ScimSync(KeyringTokens(environ=tokens), QUICK)
    app = AdminApp.open(database_url, today=TODAY, hasher=cheap_hasher, sync=sync)
    session = app.create_first_administrator(ADMIN_LOGIN, ADMIN_PASSWORD)
    session.catalog.import_text(CATALOG_TEXT, source="catalog.toml")
    session.billing.set_seller(name="Vendor SAS", country="FR", vat_number="FR32123456789")
    account = session.accounts.create(
        name="Acme Studio", audience="company", country="FR", vat_number="FR40303265045"
    ).value
    assert account.id is not None
    session.accounts.add_card(
        account.id, token="tok_visa", brand="visa", last4="4242", exp_month=12, exp_year=2030
    )
    session.subscriptions.purchase(
        Order(account.id, Cycle.YEARLY, {"named-user": seats, "designer": 50}, {}, "card")
    )
    return app, session, account.id


@pytest.fixture
def desk(
    database_url: str, cheap_hasher: Argon2Hasher, scim: ScimServer, tenant: str
) -> Iterator[Desk]:
    """A company with seats, its platform set to this test's tenant (token from the
    environment), and no user yet."""
    app, session, account_id = open_desk(database_url, cheap_hasher, tokens={ENVIRONMENT: TOKEN})
    try:
        url = scim.base_url(tenant)
        session.sync.configure(account_id, url=url, roles="groups")
        yield Desk(app, session, account_id, url)
    finally:
        app.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path}/seatdesk.sqlite3"
