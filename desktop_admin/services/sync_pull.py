"""Pull: read the platform's users and memberships, and reconcile them with ours.

A remote user is matched to a local one by its link, then by `externalId` (our id),
then by `userName` (the e-mail). What both sides changed follows the rule of
`desktop_admin.domain.sync`; users created on the platform arrive disabled and
without roles; a linked user removed on the platform is disabled here, unless a
change of ours waits to be sent (then the next push creates it again).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from desktop_admin.domain.operators import Permission
from desktop_admin.domain.platform import PlatformUnreachable, RemoteUser, TokenRefused
from desktop_admin.domain.sync import (
    Link,
    SyncProblem,
    SyncSettings,
    UserState,
    awaiting_user,
    reconcile,
    with_profile,
)
from desktop_admin.domain.users import NamedUser, detail_problem, email_problem, normalise_email
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork
from desktop_admin.services.sync import configured_accounts, open_platform, refused_token
from desktop_admin.services.sync_ports import Cancelled, Progress
from desktop_admin.services.sync_push import never, unobserved

#: Remote users reconciled in one transaction.
CHUNK = 500


@dataclass(frozen=True)
class PullReport:
    account_id: int
    read: int = 0
    created: int = 0
    updated: int = 0
    disabled: int = 0
    refused: tuple[str, ...] = ()
    cancelled: bool = False

    def as_record(self) -> dict[str, object]:
        return {
            "account_id": self.account_id,
            "read": self.read,
            "created": self.created,
            "updated": self.updated,
            "disabled": self.disabled,
            "refused": list(self.refused),
            "cancelled": self.cancelled,
        }


def pull(
    ctx: Context,
    account_id: int | None = None,
    *,
    progress: Progress = unobserved,
    cancelled: Cancelled = never,
) -> list[PullReport]:
    """Bring the platform's changes here, for one account or every configured one."""
    ctx.actor.require(Permission.SYNC)
    reports = []
    for settings in configured_accounts(ctx, account_id):
        platform = open_platform(ctx, settings)
        with ctx.new_uow() as uow:
            groups = uow.sync.groups(settings.account_id)
        try:
            remote = platform.users(groups, progress=progress, cancelled=cancelled)
        except TokenRefused:
            _failed(ctx, settings.account_id, refused_token(settings.account_id))
            raise SyncProblem(refused_token(settings.account_id)) from None
        except PlatformUnreachable as error:
            _failed(ctx, settings.account_id, error.message)
            raise
        finally:
            platform.close()
        if remote is None:
            reports.append(PullReport(settings.account_id, cancelled=True))
            continue
        reports.append(_reconcile_account(ctx, settings, remote))
    return reports


def _failed(ctx: Context, account_id: int, error: str) -> None:
    with ctx.new_uow() as uow:
        uow.sync.record_run(account_id, sent=0, error=error, finished=False)
        uow.commit()


def _reconcile_account(
    ctx: Context, settings: SyncSettings, remote: Sequence[RemoteUser]
) -> PullReport:
    report = PullReport(settings.account_id, read=len(remote))
    for start in range(0, len(remote), CHUNK):
        with ctx.new_uow() as uow:
            uow.claim("sync", settings.account_id)
            report = _reconcile_chunk(
                uow, ctx, settings.account_id, remote[start : start + CHUNK], report
            )
            uow.commit()
    with ctx.new_uow() as uow:
        uow.claim("sync", settings.account_id)
        report = _removed_there(
            uow, ctx, settings.account_id, {r.remote_id for r in remote}, report
        )
        uow.sync.record_run(settings.account_id, sent=0, error=None, finished=True)
        audit.record_change(
            uow, ctx, "sync.pull", "account", settings.account_id, after=report.as_record()
        )
        uow.commit()
    return report


def _matches(uow: UnitOfWork, account_id: int, remote: Sequence[RemoteUser]) -> dict[str, int]:
    """remote id -> local user id, by link, then externalId, then userName."""
    links = {link.remote_id: link.user_id for link in uow.sync.links_of(account_id)}
    found = {r.remote_id: links[r.remote_id] for r in remote if r.remote_id in links}
    claimed = set(found.values())
    ids = [
        int(r.external_id) for r in remote if r.external_id.isdigit() and r.remote_id not in found
    ]
    ours = {u.id: u for u in uow.users.get_many(ids) if u.account_id == account_id}
    emails = uow.sync.users_by_email(
        account_id, [normalise_email(r.state.user_name) for r in remote]
    )
    for r in remote:
        if r.remote_id in found:
            continue
        by_id = (
            int(r.external_id) if r.external_id.isdigit() and int(r.external_id) in ours else None
        )
        user_id = by_id or emails.get(normalise_email(r.state.user_name))
        if user_id is not None and user_id not in claimed:
            found[r.remote_id] = user_id
            claimed.add(user_id)
    return found


def _reconcile_chunk(
    uow: UnitOfWork, ctx: Context, account_id: int, remote: Sequence[RemoteUser], report: PullReport
) -> PullReport:
    matches = _matches(uow, account_id, remote)
    users = {u.id: u for u in uow.users.get_many(list(matches.values()))}
    links = uow.sync.links(list(matches.values()))
    unsent = uow.sync.unsent_users(account_id)
    updated, refused = 0, list(report.refused)
    new_users: list[tuple[RemoteUser, UserState]] = []
    linked: list[Link] = []
    for r in remote:
        user_id = matches.get(r.remote_id)
        if user_id is None or user_id not in users:
            if problem := _unfit(r.state):
                refused.append(f"{r.state.user_name[:80]!r}: {problem}")
            else:
                new_users.append((r, r.state))
            continue
        link = links.get(user_id)
        updated += _apply_rule(uow, ctx, users[user_id], link, r, unsent=user_id in unsent)
        linked.append(Link(user_id, r.remote_id, r.etag, r.state, link.origin if link else "here"))
    uow.sync.link_many(account_id, linked)
    taken = uow.users.existing_emails(
        account_id, [normalise_email(state.user_name) for _, state in new_users]
    )
    for _, state in new_users:
        if normalise_email(state.user_name) in taken:
            refused.append(f"{state.user_name[:80]!r}: another platform user has this e-mail here")
    new_users = [(r, s) for r, s in new_users if normalise_email(s.user_name) not in taken]
    created = _create_awaiting(uow, ctx, account_id, new_users)
    return replace(
        report,
        created=report.created + created,
        updated=report.updated + updated,
        refused=tuple(refused),
    )


def _apply_rule(
    uow: UnitOfWork,
    ctx: Context,
    user: NamedUser,
    link: Link | None,
    r: RemoteUser,
    *,
    unsent: bool,
) -> int:
    """The rule for one user known on both sides; 1 if its profile changed here."""
    assert user.id is not None
    awaiting = link is not None and link.origin == "platform" and not unsent
    rule = reconcile(UserState.of(user), r.state, link.baseline if link else None, unsent=unsent)
    updated = 0
    if rule.local and not _unfit(replace(r.state, user_name=user.email)):
        uow.users.update_many([with_profile(user, rule.local)], to_platform=False)
        audit.record_change(
            uow, ctx, "sync.pulled", "user", user.id,
            before={k: getattr(user, k) for k in rule.local}, after=rule.local,
        )  # fmt: skip
        updated = 1
    if rule.replaced:
        audit.record_change(
            uow, ctx, "sync.conflict", "user", user.id,
            before={k: v[0] for k, v in rule.replaced.items()},
            after={k: v[1] for k, v in rule.replaced.items()},
        )  # fmt: skip
    if rule.push and not awaiting and not unsent:
        uow.sync.enqueue([user.id])
    if rule.overwritten and not awaiting:
        audit.record_change(
            uow, ctx, "sync.platform_overwritten", "user", user.id,
            before={k: v[0] for k, v in rule.overwritten.items()},
            after={k: v[1] for k, v in rule.overwritten.items()},
        )  # fmt: skip
    return updated


def _unfit(state: UserState) -> str | None:
    return (
        email_problem(state.user_name)
        or detail_problem("display_name", state.display_name)
        or detail_problem("department", state.department)
    )


def _create_awaiting(
    uow: UnitOfWork,
    ctx: Context,
    account_id: int,
    new_users: Sequence[tuple[RemoteUser, UserState]],
) -> int:
    """Users created on the platform: here disabled and seatless, awaiting an
    administrator; never sent back until one changes them."""
    chosen: dict[str, tuple[RemoteUser, UserState]] = {}
    for r, state in new_users:
        chosen.setdefault(normalise_email(state.user_name), (r, state))
    if not chosen:
        return 0
    users = [
        replace(awaiting_user(account_id, state), email=email)
        for email, (_, state) in chosen.items()
    ]
    ids = uow.users.add_many(users, to_platform=False)
    pairs = list(zip(ids, chosen.values(), strict=True))
    uow.sync.link_many(
        account_id, [Link(i, r.remote_id, r.etag, state, "platform") for i, (r, state) in pairs]
    )
    for user_id, (_, state) in pairs:
        audit.record_change(
            uow, ctx, "sync.created_on_platform", "user", user_id,
            after={"email": state.user_name, "display_name": state.display_name},
        )  # fmt: skip
    return len(ids)


def _removed_there(
    uow: UnitOfWork, ctx: Context, account_id: int, present: set[str], report: PullReport
) -> PullReport:
    """Linked users the platform no longer has: disabled here and unlinked, unless a
    change of ours waits to be sent."""
    unsent = uow.sync.unsent_users(account_id)
    gone = [
        link
        for link in uow.sync.links_of(account_id)
        if link.remote_id not in present and link.user_id not in unsent
    ]
    users = uow.users.get_many([link.user_id for link in gone])
    enabled = [u for u in users if u.enabled]
    if enabled:
        uow.users.update_many([replace(u, enabled=False) for u in enabled], to_platform=False)
    for user in users:
        audit.record_change(
            uow, ctx, "sync.removed_on_platform", "user", user.id,
            before={"enabled": user.enabled}, after={"enabled": False},
        )  # fmt: skip
    uow.sync.unlink([link.user_id for link in gone])
    return replace(report, disabled=report.disabled + len(enabled))
