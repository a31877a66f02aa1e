"""What goes to the platform and comes back from it, in the application's words; the
sync adapter turns these into SCIM requests and SCIM answers into these."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.sync import UserState


@dataclass(frozen=True)
class PlatformFeatures:
    """What a platform says it supports (its `/ServiceProviderConfig`)."""

    patch: bool = False
    bulk: bool = False
    bulk_max_operations: int = 0
    bulk_max_payload: int = 0
    filter: bool = False
    filter_max_results: int = 0
    etag: bool = False
    sort: bool = False

    def as_record(self) -> dict[str, object]:
        return {
            "patch": self.patch,
            "bulk": self.bulk,
            "bulk_max_operations": self.bulk_max_operations,
            "bulk_max_payload": self.bulk_max_payload,
            "filter": self.filter,
            "filter_max_results": self.filter_max_results,
            "etag": self.etag,
            "sort": self.sort,
        }


@dataclass(frozen=True)
class UserPush:
    """One outbox entry to send: a user's state, or its removal (`state` None)."""

    entry_id: int
    external_id: str
    user_name: str
    state: UserState | None
    remote_id: str = ""
    etag: str = ""
    #: The roles the platform holds for it as last agreed (None: not known).
    agreed_roles: frozenset[str] | None = None


class PushOutcome(StrEnum):
    SENT = "sent"
    CONFLICT = "conflict"  # the platform's copy changed meanwhile (412): see `remote`
    FAILED = "failed"  # kept in the outbox with its error
    SKIPPED = "skipped"  # not sent (the run was cancelled): kept as it was


@dataclass(frozen=True)
class PushResult:
    entry_id: int
    outcome: PushOutcome
    remote_id: str = ""
    etag: str = ""
    remote: UserState | None = None
    error: str = ""


@dataclass(frozen=True)
class RemoteUser:
    remote_id: str
    external_id: str
    etag: str
    state: UserState


class TokenRefused(Exception):
    """The platform answered 401: the token is wrong or expired. The run stops."""


class PlatformUnreachable(DomainError):
    """The platform could not be reached or read (offline, a wrong URL, not a SCIM
    server): nothing was sent, what waits stays queued."""
