"""`desktop-admin sync ...`: users and roles with each account's platform (SCIM 2.0).

Exit status: 0 done; 1 the platform refused something (a push with failed entries, a
pull with refused users) or could not be reached; 2 bad settings, a missing or
refused token, bad arguments. The token comes from standard input
(`--token-stdin`) or `DESKTOP_ADMIN_SYNC_TOKEN`, never from an argument: arguments
show in `ps`.
"""

from __future__ import annotations

import argparse
import contextlib
import getpass
import signal
import sys
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.cli import output as out
from desktop_admin.cli.auth import login
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.sync import RoleMapping, SyncStatus
from desktop_admin.sync.tokens import ENVIRONMENT

MAPPINGS = [m.value for m in RoleMapping]
#: Exit status of a run stopped by Ctrl+C (what was sent before is kept and recorded).
INTERRUPTED = 130


# configure, token, test ------------------------------------------------------


def configure(app: AdminApp, args: argparse.Namespace) -> int:
    token = _read_token() if args.token_stdin else None
    session = login(app, args)
    roles = args.roles or _current_roles(session, args.account) or RoleMapping.GROUPS.value
    done = session.sync.configure(args.account, url=args.url, roles=roles, token=token).value
    settings = done.settings
    lines = [
        f"Sync of account {settings.account_id} set to {settings.base_url} "
        f"(roles as {settings.roles.value})."
    ]
    if done.queued:
        lines.append(f"{done.queued} user(s) queued for the first `sync push`.")
    lines.append(_token_sentence(session, settings.account_id, done.token_kept))
    if done.token_kept == "session" and args.json:
        print(f"desktop-admin: {lines[-1]}", file=sys.stderr)
    doc = {
        "account_id": settings.account_id,
        "url": settings.base_url,
        "roles": settings.roles.value,
        "queued": done.queued,
        "token": done.token_kept or None,
    }
    return out.say(args, doc, "\n".join(lines))


def _read_token() -> str:
    """The token from standard input (a prompt without echo on a terminal)."""
    tty = sys.stdin.isatty()
    token = (getpass.getpass("Platform token: ") if tty else sys.stdin.readline()).strip()
    if not token:
        raise InvalidInput(
            "No token on standard input; nothing was saved.",
            [Problem("empty", field="--token-stdin")],
        )
    return token


def _current_roles(session: OperatorSession, account_id: int) -> str | None:
    """The role mapping already set for the account, kept when --roles is not given."""
    [status] = session.sync.status(account_id)
    return status.roles.value if status.roles else None


def _token_sentence(session: OperatorSession, account_id: int, kept: str) -> str:
    if kept == "keyring":
        return "The token is kept in this machine's keyring."
    if kept == "session":
        return (
            "The token could not be kept: this machine has no keyring. "
            f"Give it in the environment variable {ENVIRONMENT} to each sync command."
        )
    if session.sync.has_token(account_id):
        return "A token is available for this account."
    return (
        "No token yet: give it with `sync configure --token-stdin` (kept in the keyring) "
        f"or in {ENVIRONMENT}."
    )


def try_platform(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    features = session.sync.test(args.account)

    def yes(flag: bool, details: str = "") -> str:
        return ("yes" + (f" ({details})" if details else "")) if flag else "no"

    text = "\n".join(
        [
            f"The platform of account {args.account} answered:",
            f"  PATCH:  {yes(features.patch)}",
            "  Bulk:   "
            + yes(
                features.bulk,
                f"maxOperations {features.bulk_max_operations}, "
                f"maxPayloadSize {features.bulk_max_payload:,} bytes",
            ),
            f"  filter: {yes(features.filter, f'maxResults {features.filter_max_results}')}",
            f"  ETag:   {yes(features.etag)}",
            f"  sort:   {yes(features.sort)}",
        ]
    )
    return out.say(args, {"account_id": args.account} | features.as_record(), text)


# status, retry ---------------------------------------------------------------


def status(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    statuses = session.sync.status(args.account)
    docs = [_status_doc(session, s) for s in statuses]
    if not statuses:
        return out.say(args, docs, "No account has sync configured (`sync configure`).")
    rows = [
        (
            s.account_id,
            s.base_url or "(not configured)",
            s.roles.value if s.roles else "",
            s.queued,
            s.failed,
            s.sent,
            s.last_sync_at.strftime("%Y-%m-%d %H:%M:%S") if s.last_sync_at else "never",
        )
        for s in statuses
    ]
    text = out.table(rows, ("account", "url", "roles", "queued", "failed", "sent", "last sync"))
    for doc in docs:
        if doc["last_error"]:
            text += f"\nAccount {doc['account_id']}, last error: {doc['last_error']}"
        for entry in doc["failures"]:
            text += (
                f"\n  failed: {entry['user_name']} (user {entry['user_id']}, "
                f"{entry['attempts']} attempt(s)): {entry['last_error']}"
            )
    return out.say(args, docs, text)


def _status_doc(session: OperatorSession, status: SyncStatus) -> dict[str, Any]:
    doc = status.as_record()
    failures = session.sync.failed(status.account_id) if status.failed else []
    doc["failures"] = [
        out.fields_of(e, "id", "user_id", "user_name", "attempts", "last_error") for e in failures
    ]
    return doc


def retry(app: AdminApp, args: argparse.Namespace) -> int:
    count = login(app, args).sync.retry(args.account).value
    text = (
        f"{count} failed entr{'y' if count == 1 else 'ies'} of account {args.account} "
        "queued again; `sync push` sends them."
    )
    return out.say(args, {"account_id": args.account, "queued_again": count}, text)


# push, pull -------------------------------------------------------------------


def push(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    with _interruptible() as stop:
        run = session.sync.push(args.account, progress=_progress("sent"), cancelled=stop)
    reports = run.value
    lines = [
        f"Account {r.account_id}: {r.sent} sent, {r.failed} failed, {r.conflicts} conflict(s)"
        + (", stopped (the rest stays queued)" if r.cancelled else "")
        + (f"; last error: {r.error}" if r.failed and r.error else "")
        for r in reports
    ]
    _say_reports(args, [r.as_record() for r in reports], lines)
    if any(r.cancelled for r in reports):
        return INTERRUPTED
    return 1 if any(r.failed for r in reports) else 0


def pull(app: AdminApp, args: argparse.Namespace) -> int:
    session = login(app, args)
    with _interruptible() as stop:
        run = session.sync.pull(args.account, progress=_progress("read"), cancelled=stop)
    reports = run.value
    lines = []
    for r in reports:
        line = (
            f"Account {r.account_id}: {r.read} read, {r.created} created (disabled, no roles), "
            f"{r.updated} updated, {r.disabled} disabled, {len(r.refused)} refused"
        )
        lines.append(line + (", stopped (nothing changed here)" if r.cancelled else ""))
        lines += [f"  refused: {reason}" for reason in r.refused]
    _say_reports(args, [r.as_record() for r in reports], lines)
    if any(r.cancelled for r in reports):
        return INTERRUPTED
    return 1 if any(r.refused for r in reports) else 0


def _say_reports(args: argparse.Namespace, docs: list[dict[str, object]], lines: list[str]) -> None:
    text = "\n".join(lines) if lines else "No account has sync configured (`sync configure`)."
    out.say(args, docs, text)


def _progress(verb: str) -> Callable[[int, int], None]:
    """On a terminal, `N of M <verb>` on stderr as the run goes; elsewhere nothing."""
    if not sys.stderr.isatty():
        return lambda done, total: None

    def show(done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        print(f"\r{done} of {total} {verb}", end=end, file=sys.stderr, flush=True)

    return show


@contextlib.contextmanager
def _interruptible() -> Iterator[Callable[[], bool]]:
    """A first Ctrl+C asks the run to stop after the requests under way (what was sent
    is recorded); a second one interrupts at once."""
    asked: list[bool] = []

    def on_interrupt(signum: int, frame: FrameType | None) -> None:
        if asked:
            raise KeyboardInterrupt
        asked.append(True)
        print("\ndesktop-admin: stopping after the requests under way…", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, on_interrupt)
    try:
        yield lambda: bool(asked)
    finally:
        signal.signal(signal.SIGINT, previous)


# the arguments ---------------------------------------------------------------


def register(sub: Any, command: Callable[..., argparse.ArgumentParser], group: Any) -> None:
    syn = group(sub, "sync", "users and roles with each account's platform (SCIM 2.0)")
    p = command(syn, "configure", configure, "set an account's platform: URL, roles, token")
    p.add_argument("--account", type=int, required=True, metavar="ID")
    p.add_argument("--url", required=True, help="the platform's SCIM base URL (https://)")
    p.add_argument(
        "--roles",
        choices=MAPPINGS,
        help="how the platform holds roles (default: as before, else groups)",
    )
    p.add_argument(
        "--token-stdin",
        action="store_true",
        help="read the platform's token from standard input (kept in the keyring)",
    )
    p = command(syn, "test", try_platform, "ask the platform what it supports")
    p.add_argument("--account", type=int, required=True, metavar="ID")
    for name, handler, help_text in (
        ("push", push, "send the queued changes (every configured account by default)"),
        ("pull", pull, "bring the platform's changes here (every configured account by default)"),
        ("status", status, "queued, failed, sent and last sync, per account"),
    ):
        p = command(syn, name, handler, help_text)
        p.add_argument("--account", type=int, metavar="ID")
    p = command(syn, "retry", retry, "queue the failed entries again for the next push")
    p.add_argument("--account", type=int, required=True, metavar="ID")
