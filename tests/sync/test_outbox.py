"""The outbox is written in the transaction of the change itself, whatever made it
(a user added or edited, a CSV import, a bulk change, the billing run's R15 draw), only
for accounts whose sync is configured; a refused change queues nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from desktop_admin.app import AdminApp
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.errors import InvalidInput
from desktop_admin.domain.subscriptions import Cycle
from desktop_admin.domain.users import UserQuery
from desktop_admin.security import Argon2Hasher
from desktop_admin.services.purchases import Order
from desktop_admin.services.user_bulk import BulkKind
from desktop_admin.sync import ScimSync
from desktop_admin.sync.tokens import ENVIRONMENT, KeyringTokens
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD
from tests.dbtools import engine_of
from tests.sync.conftest import QUICK, TOKEN, Desk
from tests.sync.scim_server import ScimServer

RENEWAL = date(2027, 3, 15)


def queued(desk: Desk) -> int:
    return desk.session.sync.status(desk.account_id)[0].queued


def outbox_rows(app: AdminApp) -> list[tuple[int, int]]:
    with engine_of(app) as engine, engine.connect() as connection:
        rows = connection.execute(text("SELECT account_id, user_id FROM sync_outbox ORDER BY id"))
        return [(a, u) for a, u in rows]


def test_an_account_without_sync_queues_nothing(desk: Desk) -> None:
    other = desk.session.accounts.create(name="Quiet Ltd", audience="company", country="FR").value
    assert other.id is not None
    desk.session.users.add(account_id=other.id, email="q@quiet.example")
    [status] = desk.session.sync.status(other.id)
    assert not status.configured and status.queued == 0
    assert outbox_rows(desk.app) == []


def test_a_refused_change_queues_nothing(desk: Desk) -> None:
    desk.add_users(2)
    desk.session.sync.push(desk.account_id)
    lines = ["email,roles"] + [f"many{n}@acme.example,designer" for n in range(60)]
    with pytest.raises(InvalidInput, match="R14"):  # 50 designer seats: nothing imported
        desk.session.users.import_csv(account_id=desk.account_id, text="\n".join(lines) + "\n")
    assert queued(desk) == 0


def test_a_bulk_change_queues_each_user_it_changed(desk: Desk) -> None:
    ids = desk.add_users(6)
    desk.session.sync.push(desk.account_id)
    desk.session.users.bulk_change(kind=BulkKind.ASSIGN, user_ids=ids[:4], role="designer")
    assert sorted(u for _, u in outbox_rows(desk.app)) == ids[:4]


def test_the_billing_runs_r15_draw_reaches_the_platform(
    desk: Desk, database_url: str, cheap_hasher: Argon2Hasher, scim: ScimServer, tenant: str
) -> None:
    session = desk.session
    account = session.accounts.create(name="Draw SA", audience="company", country="FR").value
    account_id = account.id
    assert account_id is not None
    session.accounts.add_card(
        account_id, token="tok_draw", brand="visa", last4="4242", exp_month=8, exp_year=2030
    )
    bought = session.subscriptions.purchase(Order(account_id, Cycle.YEARLY, {"designer": 8})).value
    assert bought.subscription is not None and bought.subscription.id is not None
    session.sync.configure(account_id, url=scim.base_url(tenant), roles="roles")
    for n in range(8):
        session.users.add(
            account_id=account_id, email=f"d{n}@draw.example", roles=["designer"], is_admin=n < 2
        )
    session.sync.push(account_id)
    session.subscriptions.change(bought.subscription.id, ChangeRequest({"designer": 5}))
    sync = ScimSync(KeyringTokens(environ={ENVIRONMENT: TOKEN}), QUICK)
    later = AdminApp.open(database_url, today=RENEWAL, hasher=cheap_hasher, sync=sync)
    try:
        run = later.login(ADMIN_LOGIN, ADMIN_PASSWORD)
        [note] = run.billing.run().value.disabled
        assert "3 user(s) disabled" in note
        users = run.users.export(UserQuery(account_id, sort="id"))
        disabled = [u for u in users if not u.enabled]
        assert len(disabled) == 3
        assert sorted(u for _, u in outbox_rows(later)) == sorted(u.id or 0 for u in disabled)
        [report] = run.sync.push(account_id).value
        assert report.sent == 3
    finally:
        later.close()
    inactive = {u["userName"] for u in scim.users(tenant) if u.get("active") is False}
    assert inactive == {u.email for u in disabled}
