"""Sync with the platform: what is sent of a user, and who wins when both sides changed.

The rule when the platform and this application disagree (the `reconcile` function):

- **This application owns the licences**: whether a user is active, the roles it holds
  and its e-mail (the platform's `userName`). Seats are bought and billed here, so a
  value the platform holds for them is overwritten by the next push; when the platform
  had changed it since the last sync, the audit trail records the platform's value as
  overwritten.
- **The platform owns the profile**: the display name and the department, which people
  edit there. A value changed on the platform since the last sync replaces the local
  one, even one changed here and not sent yet; the audit trail records the local value
  it replaced.
- Users created on the platform arrive disabled and without roles: they never take a
  seat until an administrator enables them and gives them roles here.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum
from urllib.parse import urlsplit

from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.users import NamedUser


class SyncProblem(DomainError):
    """The sync settings or the token are missing or refused (the command line's exit
    status 2): nothing was sent."""

    exit_status = 2


class RoleMapping(StrEnum):
    """How a platform holds the roles: as SCIM Groups with members, or as the User's
    multi-valued `roles` or `entitlements` attribute."""

    GROUPS = "groups"
    ROLES = "roles"
    ENTITLEMENTS = "entitlements"


#: The attributes the platform owns, and those this application owns.
PROFILE = ("display_name", "department")
LICENCE = ("user_name", "active", "roles")


def url_problem(url: str) -> str | None:
    """Why `url` cannot be a platform's SCIM base URL, or None. HTTPS only (its
    certificate is always verified), except plain HTTP to this machine itself."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return f"{url!r} is not a URL"
    if parts.scheme not in ("https", "http") or not parts.hostname:
        return f"{url!r} is not an https:// URL"
    if parts.username or parts.password:
        return "the URL may not hold a user name or password (the token is kept apart)"
    if parts.query or parts.fragment:
        return "the SCIM base URL has no query or fragment"
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        return f"{url!r}: the platform must be reached over https:// (http:// only on this machine)"
    return None


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class SyncSettings:
    account_id: int
    base_url: str
    roles: RoleMapping = RoleMapping.GROUPS
    last_sync_at: datetime | None = None
    last_error: str = ""
    #: Outbox entries sent since sync was configured.
    sent: int = 0


@dataclass(frozen=True)
class UserState:
    """A user as the platform holds it: what a push sends, what a pull reads."""

    user_name: str
    display_name: str = ""
    department: str = ""
    active: bool = False
    roles: frozenset[str] = frozenset()

    @classmethod
    def of(cls, user: NamedUser) -> UserState:
        return cls(
            user_name=user.email,
            display_name=user.display_name,
            department=user.department,
            active=user.enabled,
            roles=user.roles,
        )

    def as_record(self) -> dict[str, object]:
        """As kept in the database and the audit trail (roles sorted)."""
        return {
            "user_name": self.user_name,
            "display_name": self.display_name,
            "department": self.department,
            "active": self.active,
            "roles": sorted(self.roles),
        }

    @classmethod
    def from_record(cls, record: dict[str, object]) -> UserState:
        roles = record.get("roles") or []
        assert isinstance(roles, list)
        return cls(
            user_name=str(record.get("user_name", "")),
            display_name=str(record.get("display_name", "")),
            department=str(record.get("department", "")),
            active=bool(record.get("active", False)),
            roles=frozenset(str(r) for r in roles),
        )


@dataclass(frozen=True)
class OutboxEntry:
    """A user waiting to be sent: its entry id orders the sending."""

    id: int
    account_id: int
    user_id: int
    user_name: str
    attempts: int = 0
    last_error: str = ""


@dataclass(frozen=True)
class Link:
    """A local user and its platform twin, with the state both last agreed on."""

    user_id: int
    remote_id: str
    etag: str = ""
    baseline: UserState | None = None
    origin: str = "here"


@dataclass(frozen=True)
class Reconciliation:
    """What a remote state does to a local user, by the rule in this module's text."""

    #: The profile values to set locally (the platform's).
    local: dict[str, str] = field(default_factory=dict)
    #: Local values the platform's replaced: attribute -> (local, platform).
    replaced: dict[str, tuple[object, object]] = field(default_factory=dict)
    #: Platform values the next push overwrites: attribute -> (platform, local).
    overwritten: dict[str, tuple[object, object]] = field(default_factory=dict)
    #: Whether the platform differs from this application on what it owns.
    push: bool = False

    @property
    def changes_local(self) -> bool:
        return bool(self.local)


def _value(state: UserState, name: str) -> object:
    value = getattr(state, name)
    return sorted(value) if isinstance(value, frozenset) else value


def reconcile(
    local: UserState, remote: UserState, baseline: UserState | None, *, unsent: bool
) -> Reconciliation:
    """Apply the rule to one user known on both sides.

    `baseline` is the state both sides last agreed on (None before the first sync);
    `unsent` says whether a local change waits in the outbox.
    """
    result = Reconciliation()
    for name in PROFILE:
        theirs, ours = getattr(remote, name), getattr(local, name)
        if theirs == ours:
            continue
        if baseline is None:
            # Never agreed: a waiting local change is sent, else the platform's is kept.
            changed_there, changed_here = not unsent, unsent
        else:
            changed_there = getattr(baseline, name) != theirs
            changed_here = unsent and getattr(baseline, name) != ours
        if changed_there:
            result.local[name] = theirs
            if changed_here:
                result.replaced[name] = (ours, theirs)
        else:
            result = replace(result, push=True)
    for name in LICENCE:
        theirs_v, ours_v = _value(remote, name), _value(local, name)
        if theirs_v == ours_v:
            continue
        result = replace(result, push=True)
        if baseline is not None and _value(baseline, name) != theirs_v:
            result.overwritten[name] = (theirs_v, ours_v)
    return result


def with_profile(user: NamedUser, values: dict[str, str]) -> NamedUser:
    """`user` with the profile values given (those of `PROFILE`)."""
    return replace(
        user,
        display_name=values.get("display_name", user.display_name),
        department=values.get("department", user.department),
    )


def awaiting_user(account_id: int, remote: UserState) -> NamedUser:
    """A user created on the platform, as it arrives here: disabled and without roles,
    so that it takes no seat until an administrator decides."""
    return NamedUser(
        account_id=account_id,
        email=remote.user_name,
        display_name=remote.display_name,
        department=remote.department,
        enabled=False,
        roles=frozenset(),
    )


@dataclass(frozen=True)
class SyncStatus:
    """Where an account's sync stands: what waits, what failed, when it last ran."""

    account_id: int
    configured: bool
    queued: int = 0
    failed: int = 0
    sent: int = 0
    last_sync_at: datetime | None = None
    last_error: str = ""
    base_url: str = ""
    roles: RoleMapping | None = None

    def as_record(self) -> dict[str, object]:
        return {
            "account_id": self.account_id,
            "configured": self.configured,
            "url": self.base_url,
            "roles": self.roles.value if self.roles else None,
            "queued": self.queued,
            "failed": self.failed,
            "sent": self.sent,
            "last_sync": self.last_sync_at.isoformat() if self.last_sync_at else None,
            "last_error": self.last_error,
        }
