"""The sync's storage: an account's settings, the outbox, and the links to the
platform's users and groups.

The outbox is written by `SqlUsers` in the transaction of every change of a user or
of its roles, whatever made it (window, command line, import, bulk change, billing
run), for accounts whose sync is configured; nothing else has to remember it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, func, insert, literal, select, update
from sqlalchemy.orm import Session

from desktop_admin.domain.sync import Link, OutboxEntry, RoleMapping, SyncSettings, UserState
from desktop_admin.persistence.orm import UserRow
from desktop_admin.persistence.repositories import chunks, now
from desktop_admin.persistence.sync_rows import (
    SyncGroupRow,
    SyncLinkRow,
    SyncOutboxRow,
    SyncSettingsRow,
)


class SqlOutbox:
    """Writes outbox entries for users of configured accounts (one query a chunk)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def enqueue(self, user_ids: Sequence[int], *, replacing: bool = True) -> None:
        """Queue these users' current state (their e-mail as now) for the platform; a
        user already queued is queued again at the end (its older entry goes)."""
        queued_at = now()
        for chunk in chunks(list(user_ids)):
            if replacing:
                self.session.execute(delete(SyncOutboxRow).where(SyncOutboxRow.user_id.in_(chunk)))
            chosen = (
                select(
                    UserRow.account_id,
                    UserRow.id,
                    UserRow.email,
                    literal(queued_at, SyncOutboxRow.queued_at.type),
                )
                .join(SyncSettingsRow, SyncSettingsRow.account_id == UserRow.account_id)
                .where(UserRow.id.in_(chunk))
                .order_by(UserRow.id)
            )
            self.session.execute(
                insert(SyncOutboxRow).from_select(
                    ["account_id", "user_id", "user_name", "queued_at"], chosen
                )
            )


class SqlSync:
    def __init__(self, session: Session, outbox: SqlOutbox) -> None:
        self.session, self.outbox = session, outbox

    # Settings
    def settings(self, account_id: int) -> SyncSettings | None:
        row = self.session.get(SyncSettingsRow, account_id)
        return None if row is None else _settings(row)

    def all_settings(self) -> list[SyncSettings]:
        rows = self.session.scalars(select(SyncSettingsRow).order_by(SyncSettingsRow.account_id))
        return [_settings(r) for r in rows]

    def save_settings(self, settings: SyncSettings) -> bool:
        """Save an account's settings; True if the account had none (first set-up)."""
        row = self.session.get(SyncSettingsRow, settings.account_id)
        first = row is None
        if row is None:
            row = SyncSettingsRow(account_id=settings.account_id, sent=0, last_error="")
            self.session.add(row)
        row.base_url, row.roles = settings.base_url, settings.roles.value
        self.session.flush()
        return first

    def record_run(self, account_id: int, *, sent: int, error: str | None, finished: bool) -> None:
        """Count what a run sent; `error` replaces the last one (None keeps it)."""
        values: dict[str, object] = {"sent": SyncSettingsRow.sent + sent}
        if error is not None:
            values["last_error"] = error
        if finished:
            values["last_sync_at"] = now()
        self.session.execute(
            update(SyncSettingsRow).where(SyncSettingsRow.account_id == account_id).values(values)
        )

    def forget_account(self, account_id: int) -> None:
        """Everything sync kept of an account (its purge)."""
        for row_type in (SyncOutboxRow, SyncLinkRow, SyncGroupRow, SyncSettingsRow):
            self.session.execute(delete(row_type).where(row_type.account_id == account_id))

    # Outbox
    def enqueue_account(self, account_id: int) -> int:
        """Queue every user of the account (the first push after set-up)."""
        ids = list(self.session.scalars(select(UserRow.id).where(UserRow.account_id == account_id)))
        self.outbox.enqueue(ids)
        return len(ids)

    def enqueue(self, user_ids: Sequence[int]) -> None:
        self.outbox.enqueue(user_ids)

    def pending(self, account_id: int, *, after_id: int = 0, limit: int = 500) -> list[OutboxEntry]:
        rows = self.session.scalars(
            select(SyncOutboxRow)
            .where(SyncOutboxRow.account_id == account_id, SyncOutboxRow.id > after_id)
            .order_by(SyncOutboxRow.id)
            .limit(limit)
        )
        return [_entry(r) for r in rows]

    def entries(self, account_id: int, entry_ids: Sequence[int]) -> list[OutboxEntry]:
        """These entries, those still queued, in order."""
        found: list[OutboxEntry] = []
        for chunk in chunks(list(entry_ids)):
            found += map(
                _entry,
                self.session.scalars(
                    select(SyncOutboxRow).where(
                        SyncOutboxRow.account_id == account_id, SyncOutboxRow.id.in_(chunk)
                    )
                ),
            )
        return sorted(found, key=lambda e: e.id)

    def users_by_email(self, account_id: int, emails: Sequence[str]) -> dict[str, int]:
        """The ids of this account's users with these e-mails (as kept: lower case)."""
        found: dict[str, int] = {}
        for chunk in chunks(list(emails)):
            rows = self.session.execute(
                select(UserRow.email, UserRow.id).where(
                    UserRow.account_id == account_id, UserRow.email.in_(chunk)
                )
            )
            found.update({email: user_id for email, user_id in rows})
        return found

    def failed_entries(self, account_id: int, *, limit: int = 500) -> list[OutboxEntry]:
        rows = self.session.scalars(
            select(SyncOutboxRow)
            .where(SyncOutboxRow.account_id == account_id, SyncOutboxRow.attempts > 0)
            .order_by(SyncOutboxRow.id)
            .limit(limit)
        )
        return [_entry(r) for r in rows]

    def sent(self, entry_ids: Iterable[int]) -> None:
        """Drop entries sent. An entry replaced by a newer change meanwhile is already
        gone, and the newer one stays."""
        for chunk in chunks(list(entry_ids)):
            self.session.execute(delete(SyncOutboxRow).where(SyncOutboxRow.id.in_(chunk)))

    def failed(self, entry_id: int, error: str) -> None:
        self.session.execute(
            update(SyncOutboxRow)
            .where(SyncOutboxRow.id == entry_id)
            .values(attempts=SyncOutboxRow.attempts + 1, last_error=error[:2000])
        )

    def clear_failures(self, account_id: int) -> int:
        """Make failed entries ordinary queued ones again (an administrator's retry)."""
        result = self.session.execute(
            update(SyncOutboxRow)
            .where(SyncOutboxRow.account_id == account_id, SyncOutboxRow.attempts > 0)
            .values(attempts=0, last_error="")
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    def counts(self, account_id: int) -> tuple[int, int]:
        """Entries queued, and of them those that failed."""
        queued, failed = self.session.execute(
            select(func.count(), func.count().filter(SyncOutboxRow.attempts > 0)).where(
                SyncOutboxRow.account_id == account_id
            )
        ).one()
        return int(queued), int(failed)

    def unsent_users(self, account_id: int) -> set[int]:
        return set(
            self.session.scalars(
                select(SyncOutboxRow.user_id).where(SyncOutboxRow.account_id == account_id)
            )
        )

    # Links
    def links(self, user_ids: Sequence[int]) -> dict[int, Link]:
        found: dict[int, Link] = {}
        for chunk in chunks(list(user_ids)):
            for row in self.session.scalars(
                select(SyncLinkRow).where(SyncLinkRow.user_id.in_(chunk))
            ):
                found[row.user_id] = _link(row)
        return found

    def links_of(self, account_id: int) -> list[Link]:
        rows = self.session.scalars(select(SyncLinkRow).where(SyncLinkRow.account_id == account_id))
        return [_link(r) for r in rows]

    def link(self, account_id: int, link: Link) -> None:
        self.link_many(account_id, [link])

    def link_many(self, account_id: int, links: Sequence[Link]) -> None:
        """Save or replace the links of these users (and drop any other local user's
        link to the same remote users), a chunk at a time."""
        latest = list({link.user_id: link for link in links}.values())
        for chunk in chunks(latest):
            self.session.execute(
                delete(SyncLinkRow).where(
                    SyncLinkRow.user_id.in_([link.user_id for link in chunk])
                    | (
                        (SyncLinkRow.account_id == account_id)
                        & SyncLinkRow.remote_id.in_([link.remote_id for link in chunk])
                    )
                )
            )
            self.session.execute(
                insert(SyncLinkRow),
                [
                    dict(
                        user_id=link.user_id,
                        account_id=account_id,
                        remote_id=link.remote_id,
                        etag=link.etag,
                        baseline=json.dumps(link.baseline.as_record()) if link.baseline else "",
                        origin=link.origin,
                    )
                    for link in chunk
                ],
            )

    def unlink(self, user_ids: Iterable[int]) -> None:
        for chunk in chunks(list(user_ids)):
            self.session.execute(delete(SyncLinkRow).where(SyncLinkRow.user_id.in_(chunk)))

    # Groups
    def groups(self, account_id: int) -> dict[str, str]:
        rows = self.session.execute(
            select(SyncGroupRow.role_code, SyncGroupRow.remote_id).where(
                SyncGroupRow.account_id == account_id
            )
        )
        return {code: remote for code, remote in rows}

    def save_groups(self, account_id: int, groups: dict[str, str]) -> None:
        self.session.execute(delete(SyncGroupRow).where(SyncGroupRow.account_id == account_id))
        if groups:
            self.session.execute(
                insert(SyncGroupRow),
                [
                    dict(account_id=account_id, role_code=code, remote_id=remote)
                    for code, remote in sorted(groups.items())
                ],
            )


def _settings(row: SyncSettingsRow) -> SyncSettings:
    return SyncSettings(
        account_id=row.account_id,
        base_url=row.base_url,
        roles=RoleMapping(row.roles),
        last_sync_at=_aware(row.last_sync_at),
        last_error=row.last_error,
        sent=row.sent,
    )


def _aware(moment: datetime | None) -> datetime | None:
    """A time as kept: SQLite gives it back without its zone (UTC)."""
    if moment is None or moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=UTC)


def _entry(row: SyncOutboxRow) -> OutboxEntry:
    return OutboxEntry(
        id=row.id,
        account_id=row.account_id,
        user_id=row.user_id,
        user_name=row.user_name,
        attempts=row.attempts,
        last_error=row.last_error,
    )


def _link(row: SyncLinkRow) -> Link:
    baseline = UserState.from_record(json.loads(row.baseline)) if row.baseline else None
    return Link(row.user_id, row.remote_id, row.etag, baseline, row.origin)
