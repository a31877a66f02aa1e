"""Push: drain the outbox to the platform, in order, idempotently.

Each entry sends the user's state as it is when sent (ten edits send the last state
once). An entry leaves the outbox only in the transaction that records the
platform's answer, so a crash or a cut link sends it again; the platform's 409 (it
exists) and 404 (already gone) make a second sending harmless.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace

from desktop_admin.domain.operators import Permission
from desktop_admin.domain.platform import (
    PlatformUnreachable,
    PushOutcome,
    PushResult,
    TokenRefused,
    UserPush,
)
from desktop_admin.domain.sync import (
    Link,
    OutboxEntry,
    SyncProblem,
    SyncSettings,
    UserState,
    reconcile,
    with_profile,
)
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork
from desktop_admin.services.sync import configured_accounts, open_platform, refused_token
from desktop_admin.services.sync_ports import Cancelled, Platform, Progress

#: Outbox entries read and sent at a time (a Bulk request of the usual 1000 operations).
BATCH = 1000
#: Rounds of re-sending after the platform's copy changed meanwhile (412).
CONFLICT_ROUNDS = 3


def never() -> bool:
    return False


def unobserved(done: int, total: int) -> None:
    del done, total


@dataclass(frozen=True)
class PushReport:
    account_id: int
    sent: int = 0
    failed: int = 0
    conflicts: int = 0
    cancelled: bool = False
    error: str = ""

    def as_record(self) -> dict[str, object]:
        return {
            "account_id": self.account_id,
            "sent": self.sent,
            "failed": self.failed,
            "conflicts": self.conflicts,
            "cancelled": self.cancelled,
            "error": self.error,
        }


def push(
    ctx: Context,
    account_id: int | None = None,
    *,
    progress: Progress = unobserved,
    cancelled: Cancelled = never,
) -> list[PushReport]:
    """Send what waits in the outbox of one account (or of every configured one)."""
    ctx.actor.require(Permission.SYNC)
    reports = []
    for settings in configured_accounts(ctx, account_id):
        platform = open_platform(ctx, settings)
        try:
            reports.append(_Run(ctx, settings, platform, cancelled).push(progress))
        finally:
            platform.close()
    return reports


#: The platform's answer to a batch: a result a push, and the role -> group ids known.
Answered = tuple[list[PushResult], dict[str, str]]


@dataclass(frozen=True)
class _Batch:
    pushes: list[UserPush]
    links: dict[int, Link]


class _Run:
    """One push of one account: batches of the outbox, in order, then the entries
    whose platform copy changed meanwhile once more (a few rounds at most)."""

    def __init__(
        self, ctx: Context, settings: SyncSettings, platform: Platform, cancelled: Cancelled
    ) -> None:
        self.ctx, self.account_id, self.platform = ctx, settings.account_id, platform
        self.cancelled = cancelled
        self.report = PushReport(settings.account_id)
        self.conflicted: set[int] = set()
        self.groups: dict[str, str] = {}

    def push(self, progress: Progress) -> PushReport:
        try:
            self._drain(progress)
            for _ in range(CONFLICT_ROUNDS):
                if not self.conflicted or self.cancelled():
                    break
                with self.ctx.new_uow() as uow:
                    entries = uow.sync.entries(self.account_id, sorted(self.conflicted))
                self.conflicted.clear()
                batch = self._prepare(entries)
                self._record(batch, *self._sent(batch))
        except TokenRefused:
            self.report = replace(self.report, error=refused_token(self.account_id))
            self._finish(finished=False)
            raise SyncProblem(self.report.error) from None
        except PlatformUnreachable as error:
            self.report = replace(self.report, error=error.message)
            self._finish(finished=False)
            raise
        self.report = replace(self.report, cancelled=self.cancelled())
        self._finish(finished=not self.report.cancelled)
        return self.report

    def _drain(self, progress: Progress) -> None:
        """The outbox in order, a batch at a time; the platform's answers to one batch
        are recorded while the next batch is on its way (one batch ahead at most)."""
        with self.ctx.new_uow() as uow:
            total = uow.sync.counts(self.account_id)[0]
            self.groups = uow.sync.groups(self.account_id)
        after = 0
        ahead: tuple[_Batch, Future[Answered]] | None = None
        with ThreadPoolExecutor(1, thread_name_prefix="sync-push") as pool:
            while True:
                batch = None
                if not self.cancelled():
                    with self.ctx.new_uow() as uow:
                        entries = uow.sync.pending(self.account_id, after_id=after, limit=BATCH)
                    if entries:
                        after, batch = entries[-1].id, self._prepare(entries)
                answered = ahead[1].result() if ahead is not None else None
                if answered is not None:
                    self.groups = answered[1]  # the next batch finds the groups made
                going = pool.submit(self._sent, batch) if batch is not None else None
                if ahead is not None and answered is not None:
                    self._record(ahead[0], *answered)
                    progress(min(self.report.sent + self.report.failed, total), total)
                if batch is None or going is None:
                    return
                ahead = (batch, going)

    def _prepare(self, entries: Sequence[OutboxEntry]) -> _Batch:
        with self.ctx.new_uow() as uow:
            pushes, links = _pushes(uow, entries)
        return _Batch(pushes, links)

    def _sent(self, batch: _Batch) -> Answered:
        return self.platform.push(batch.pushes, self.groups, cancelled=self.cancelled)

    def _finish(self, *, finished: bool) -> None:
        report = self.report
        with self.ctx.new_uow() as uow:
            uow.sync.record_run(
                report.account_id, sent=report.sent, error=report.error, finished=finished
            )
            if report.sent or report.failed or report.conflicts:
                audit.record_change(
                    uow, self.ctx, "sync.push", "account", report.account_id,
                    after=report.as_record(),
                )  # fmt: skip
            uow.commit()

    def _record(self, batch: _Batch, results: list[PushResult], groups: dict[str, str]) -> None:
        """What the platform answered, in one transaction: sent entries leave the
        outbox and their links are saved; failed ones keep their error."""
        by_entry = {p.entry_id: p for p in batch.pushes}
        self.groups = groups
        with self.ctx.new_uow() as uow:
            uow.claim("sync", self.account_id)
            uow.sync.save_groups(self.account_id, groups)
            sent = [(by_entry[r.entry_id], r) for r in results if r.outcome is PushOutcome.SENT]
            _record_sent(uow, self.account_id, sent)
            errors = [r for r in results if r.outcome is PushOutcome.FAILED]
            for result in errors:
                uow.sync.failed(result.entry_id, result.error)
            conflicts = [r for r in results if r.outcome is PushOutcome.CONFLICT]
            for result in conflicts:
                push = by_entry[result.entry_id]
                self._apply_conflict(uow, push, result, batch.links.get(int(push.external_id)))
                self.conflicted.add(result.entry_id)
            uow.commit()
        self.report = replace(
            self.report,
            sent=self.report.sent + len(sent),
            failed=self.report.failed + len(errors),
            conflicts=self.report.conflicts + len(conflicts),
            error=errors[-1].error if errors else self.report.error,
        )

    def _apply_conflict(
        self, uow: UnitOfWork, push: UserPush, result: PushResult, link: Link | None
    ) -> None:
        """The platform's copy changed since we last saw it: the rule decides attribute
        by attribute; the entry stays queued and is sent again with the new ETag."""
        user_id = int(push.external_id)
        if push.state is None or result.remote is None:
            return
        baseline = link.baseline if link else None
        rule = reconcile(push.state, result.remote, baseline, unsent=True)
        uow.sync.link(
            self.account_id, Link(user_id, result.remote_id, result.etag, baseline, "here")
        )
        current = uow.users.get_many([user_id])
        if rule.local and current:
            uow.users.update_many([with_profile(current[0], rule.local)], to_platform=False)
        if rule.replaced or rule.overwritten:
            audit.record_change(
                uow, self.ctx, "sync.conflict", "user", user_id,
                before={k: v[0] for k, v in rule.replaced.items()}
                | {f"platform {k}": v[0] for k, v in rule.overwritten.items()},
                after={k: v[1] for k, v in rule.replaced.items()}
                | {f"platform {k}": v[1] for k, v in rule.overwritten.items()},
            )  # fmt: skip


def _pushes(
    uow: UnitOfWork, entries: Sequence[OutboxEntry]
) -> tuple[list[UserPush], dict[int, Link]]:
    user_ids = [e.user_id for e in entries]
    users = {u.id: u for u in uow.users.get_many(user_ids)}
    links = uow.sync.links(user_ids)
    pushes = []
    for entry in entries:
        user, link = users.get(entry.user_id), links.get(entry.user_id)
        pushes.append(
            UserPush(
                entry_id=entry.id,
                external_id=str(entry.user_id),
                user_name=user.email if user else entry.user_name,
                state=UserState.of(user) if user else None,
                remote_id=link.remote_id if link else "",
                etag=link.etag if link else "",
                agreed_roles=link.baseline.roles if link and link.baseline else None,
            )
        )
    return pushes, links


def _record_sent(
    uow: UnitOfWork, account_id: int, sent: Sequence[tuple[UserPush, PushResult]]
) -> None:
    gone, links = [], []
    for push, result in sent:
        user_id = int(push.external_id)
        if push.state is None:
            gone.append(user_id)
        else:
            links.append(Link(user_id, result.remote_id, result.etag, push.state, "here"))
    uow.sync.link_many(account_id, links)
    uow.sync.unlink(gone)
    uow.sync.sent(push.entry_id for push, _ in sent)
