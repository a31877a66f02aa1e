"""Sync settings, status and token: what an administrator sets up before users flow
to the platform (`sync_push` and `sync_pull` move them)."""

from __future__ import annotations

from dataclasses import dataclass

from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.platform import PlatformFeatures, TokenRefused
from desktop_admin.domain.sync import (
    OutboxEntry,
    RoleMapping,
    SyncProblem,
    SyncSettings,
    SyncStatus,
    url_problem,
)
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.seats import claim_seats
from desktop_admin.services.sync_ports import Platform


@dataclass(frozen=True)
class Configured:
    settings: SyncSettings
    #: Users queued for the first push (0 when the settings were only changed).
    queued: int
    #: Where the token went: "keyring", "session" (no keyring here), or "" (none given).
    token_kept: str = ""


def token_key(settings: SyncSettings) -> str:
    """The keyring entry of an account's token: a new URL needs its token again."""
    return f"account-{settings.account_id}@{settings.base_url}"


def configure_sync(
    ctx: Context,
    account_id: int,
    *,
    url: str,
    roles: RoleMapping | str = RoleMapping.GROUPS,
    token: str | None = None,
) -> Configured:
    """Set an account's platform. The first time, every user of the account is queued
    so that the first push sends them all."""
    ctx.actor.require(Permission.SYNC)
    problems = []
    if problem := url_problem(url):
        problems.append(Problem(problem, field="url"))
    try:
        mapping = RoleMapping(roles)
    except ValueError:
        choices = ", ".join(m.value for m in RoleMapping)
        problems.append(Problem(f"{roles!r} is not one of {choices}", field="roles"))
    if token is not None and not token.strip():
        problems.append(Problem("the token is empty", field="token"))
    if problems:
        raise InvalidInput("The sync settings were not saved.", problems)
    settings = SyncSettings(account_id, url.strip().rstrip("/"), mapping)
    with ctx.new_uow() as uow:
        claim_seats(uow, [account_id])  # no user is added to the account meanwhile
        uow.accounts.get(account_id)
        before = uow.sync.settings(account_id)
        first = uow.sync.save_settings(settings)
        queued = uow.sync.enqueue_account(account_id) if first else 0
        audit.record_change(
            uow, ctx, "sync.configure", "account", account_id,
            before=_shown(before), after=_shown(settings),
        )  # fmt: skip
        uow.commit()
    kept = ""
    if token is not None:
        kept = (
            "keyring" if ctx.sync_adapters().tokens.set(token_key(settings), token) else "session"
        )
    return Configured(settings, queued, kept)


def _shown(settings: SyncSettings | None) -> dict[str, str] | None:
    if settings is None:
        return None
    return {"url": settings.base_url, "roles": settings.roles.value}


def set_token(ctx: Context, account_id: int, *, token: str) -> bool:
    """Keep an account's token; True if in the keyring, False if for this session only."""
    ctx.actor.require(Permission.SYNC)
    if not token.strip():
        raise InvalidInput("The token was not kept.", [Problem("it is empty", field="token")])
    settings = _settings(ctx, account_id)
    return ctx.sync_adapters().tokens.set(token_key(settings), token.strip())


def has_token(ctx: Context, account_id: int) -> bool:
    ctx.actor.require(Permission.SYNC)
    settings = _settings(ctx, account_id)
    return bool(ctx.sync_adapters().tokens.get(token_key(settings)))


def _settings(ctx: Context, account_id: int) -> SyncSettings:
    with ctx.new_uow() as uow:
        settings = uow.sync.settings(account_id)
    if settings is None:
        raise SyncProblem(
            f"sync is not configured for account {account_id}; "
            "set its platform with `desktop-admin sync configure`"
        )
    return settings


def configured_accounts(ctx: Context, account_id: int | None = None) -> list[SyncSettings]:
    """The settings of one account (refused if it has none) or of every account."""
    if account_id is not None:
        return [_settings(ctx, account_id)]
    with ctx.new_uow() as uow:
        return uow.sync.all_settings()


def open_platform(ctx: Context, settings: SyncSettings) -> Platform:
    """The account's platform with its token; refused with a sentence if none is kept."""
    adapters = ctx.sync_adapters()
    token = adapters.tokens.get(token_key(settings))
    if not token:
        raise SyncProblem(
            f"no platform token for account {settings.account_id}: give it in the window, "
            "with `desktop-admin sync configure --token-stdin`, or in DESKTOP_ADMIN_SYNC_TOKEN"
        )
    return adapters.platform(settings, token)


def test_connection(ctx: Context, account_id: int) -> PlatformFeatures:
    """Read the platform's `/ServiceProviderConfig`: what it supports."""
    ctx.actor.require(Permission.SYNC)
    platform = open_platform(ctx, _settings(ctx, account_id))
    try:
        return platform.features()
    except TokenRefused:
        raise SyncProblem(refused_token(account_id)) from None
    finally:
        platform.close()


def refused_token(account_id: int) -> str:
    return (
        f"the platform refused the token of account {account_id} (401); "
        "give a valid token and sync again"
    )


def sync_status(ctx: Context, account_id: int | None = None) -> list[SyncStatus]:
    """Each account's queue, failures and last sync (every account with `None`)."""
    ctx.actor.require(Permission.READ_USERS)
    with ctx.new_uow() as uow:
        if account_id is not None:
            uow.accounts.get(account_id)
            found = uow.sync.settings(account_id)
            if found is None:
                return [SyncStatus(account_id, configured=False)]
            chosen = [found]
        else:
            chosen = uow.sync.all_settings()
        statuses = []
        for settings in chosen:
            queued, failed = uow.sync.counts(settings.account_id)
            statuses.append(
                SyncStatus(
                    settings.account_id,
                    True,
                    queued,
                    failed,
                    settings.sent,
                    settings.last_sync_at,
                    settings.last_error,
                    settings.base_url,
                    settings.roles,
                )
            )
        return statuses


def failed_entries(ctx: Context, account_id: int) -> list[OutboxEntry]:
    """The entries the platform did not take, with their errors."""
    ctx.actor.require(Permission.READ_USERS)
    with ctx.new_uow() as uow:
        return uow.sync.failed_entries(account_id)


def retry_failed(ctx: Context, account_id: int) -> int:
    """Make failed entries queued again, to be sent at the next push (their error is
    no longer the account's last one)."""
    ctx.actor.require(Permission.SYNC)
    with ctx.new_uow() as uow:
        count = uow.sync.clear_failures(account_id)
        uow.sync.record_run(account_id, sent=0, error="", finished=False)
        uow.commit()
    return count
