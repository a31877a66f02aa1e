"""R17: purging an account's personal data after its retention, an archive first."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.lifecycle import check_purgeable
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.users import UserQuery
from desktop_admin.files import PRIVATE, write_atomically
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.seats import claim_seats


@dataclass(frozen=True)
class Purge:
    account_id: int
    archive: Path
    users_removed: int


def purge_account(ctx: Context, account_id: int, *, archive: Path) -> Purge:
    """Write the account's users, subscriptions and invoice numbers to `archive` (whole,
    readable by its owner only), then remove its named users and its billing contact;
    invoices keep the buyer as issued. Refused (R17) while the data must be kept."""
    ctx.actor.require(Permission.MANAGE_ACCOUNTS)
    with ctx.new_uow() as uow:
        claim_seats(uow, [account_id])  # nobody adds a user to it meanwhile
        account = uow.accounts.get(account_id)
        subscriptions = uow.subscriptions.for_account(account_id)
        check_purgeable(subscriptions, ctx.today)
        query = UserQuery(account_id, sort="email")
        users = uow.reads.users.by_ids(uow.reads.users.ids(query))
        invoices = [i.number for i in uow.reads.billing.invoices(account_id) if i.number]
        content = {
            "account": audit.snapshot(account),
            "users": [audit.snapshot(u) for u in users],
            "subscriptions": [audit.snapshot(s) for s in subscriptions],
            "invoices": invoices,
            "purged_on": ctx.today.isoformat(),
        }
        text = json.dumps(content, ensure_ascii=False, indent=2, sort_keys=True)
        _write_archive(Path(archive), text.encode("utf-8"))
        uow.users.remove_many([u.id for u in users if u.id is not None])
        uow.accounts.update(account.without_contact())
        after = {"users_removed": len(users), "archive": str(Path(archive).resolve())}
        audit.record_change(uow, ctx, "account.purge", "account", account_id, after=after)
        uow.commit()
    return Purge(account_id, Path(archive), len(users))


def _write_archive(path: Path, data: bytes) -> None:
    """The archive, never over another file (an earlier purge's archive stays)."""
    problem = None
    if path.exists():
        problem = "a file of that name exists; an archive never replaces another file"
    else:
        try:
            write_atomically(path, data, PRIVATE)
        except OSError as error:
            problem = error.strerror or str(error)
    if problem:
        raise InvalidInput(
            "The archive could not be written; nothing was purged.",
            [Problem(problem, field="archive")],
            str(path),
        )
