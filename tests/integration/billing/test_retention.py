"""R17, purging: after a cancelled licence's two weeks of read-only data, an account's
people are written to an archive, then removed; before that, or while frozen, refused."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from desktop_admin.app import OperatorSession
from desktop_admin.domain.errors import RuleViolation
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.users import UserQuery
from desktop_admin.services.purchases import Order
from tests.integration.billing.conftest import Buyers, SessionAt


def bought(desk: OperatorSession, account: int, seats: dict[str, int]) -> int:
    purchase = desk.subscriptions.purchase(Order(account, Cycle.YEARLY, seats, {})).value
    assert purchase.subscription is not None and purchase.subscription.id is not None
    return purchase.subscription.id


def test_r17_a_licence_account_is_purged_after_its_retention_with_an_archive_first(
    desk: OperatorSession,
    buyers: Buyers,
    at: SessionAt,
    tmp_path: Path,
    db_snapshot: Callable[[], dict[str, Any]],
) -> None:
    account = buyers.id("fr")
    sub = bought(desk, account, {"named-user": 3})
    for email in ("ada@acme.example", "bob@acme.example"):
        desk.users.add(account_id=account, email=email, roles=["named-user"])
    desk.subscriptions.cancel(sub)  # read-only until 2026-03-29
    archive = tmp_path / "archive" / "acme.json"
    archive.parent.mkdir()

    before = db_snapshot()
    with pytest.raises(RuleViolation, match="until 2026-03-29"):
        at(date(2026, 3, 29)).accounts.purge(account, archive=archive)
    assert not archive.exists() and db_snapshot() == before

    later = at(date(2026, 3, 30))
    done = later.accounts.purge(account, archive=archive).value
    assert done.users_removed == 2
    content = json.loads(archive.read_text("utf-8"))
    assert [u["email"] for u in content["users"]] == ["ada@acme.example", "bob@acme.example"]
    assert content["account"]["street"] == "2 quai Est, Lyon"
    assert content["invoices"] == [i.number for i in later.billing.invoices(account)]
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600

    assert later.users.count(UserQuery(account)) == 0
    purged = later.accounts.get(account)
    assert (purged.billing_email, purged.address) == (None, None)
    assert purged.name == "Acme Studio"  # the invoices name their buyer as issued
    (entry,) = later.audit.entries(entity="account", entity_id=str(account), limit=1)
    assert entry.action == "account.purge" and entry.after["users_removed"] == 2
    assert "ada@" not in json.dumps(entry.after)


def test_r17_an_account_in_force_or_frozen_is_never_purged(
    desk: OperatorSession, buyers: Buyers, at: SessionAt, tmp_path: Path
) -> None:
    in_force = buyers.id("fr")
    bought(desk, in_force, {"named-user": 1})
    with pytest.raises(RuleViolation, match="in force"):
        at(date(2026, 9, 1)).accounts.purge(in_force, archive=tmp_path / "a.json")

    frozen_account = buyers.id("de")
    desk.subscriptions.cancel(bought(desk, frozen_account, {"bim-project": 1}))
    with pytest.raises(RuleViolation, match="frozen"):
        at(date(2027, 1, 1)).accounts.purge(frozen_account, archive=tmp_path / "b.json")
    assert not (tmp_path / "a.json").exists() and not (tmp_path / "b.json").exists()
