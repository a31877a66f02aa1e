"""The ports of the sync with the platform: the platform itself (the SCIM adapter in
`desktop_admin.sync`) and where its token is kept."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from desktop_admin.domain.platform import PlatformFeatures, PushResult, RemoteUser, UserPush
from desktop_admin.domain.sync import SyncSettings

#: Told how far a long task is (done, total); returns nothing.
Progress = Callable[[int, int], None]
#: Asked between steps whether to stop.
Cancelled = Callable[[], bool]


class Platform(Protocol):
    """One account's platform, reached with its token. Faults that retrying cures
    (dropped connections, 5xx, 429) are retried inside; what stays failed comes back as
    a failed result; a refused token raises `TokenRefused`."""

    def features(self) -> PlatformFeatures: ...
    def push(
        self,
        pushes: Sequence[UserPush],
        groups: dict[str, str],
        *,
        cancelled: Cancelled,
    ) -> tuple[list[PushResult], dict[str, str]]:
        """Send these users (creations, replacements, removals) and, with the groups
        mapping, their memberships; returns a result per push, and the role -> group
        ids known afterwards (groups it had to create or find)."""
        ...

    def users(
        self, groups: dict[str, str], *, progress: Progress, cancelled: Cancelled
    ) -> list[RemoteUser] | None:
        """Every user of the platform, paged, with its roles (with the groups mapping,
        from the members of the groups known for roles); None if cancelled."""
        ...

    def close(self) -> None: ...


class TokenStore(Protocol):
    """Where the platform tokens are: the operating system's keyring, or for this
    session only when it has none; `DESKTOP_ADMIN_SYNC_TOKEN` wins when set."""

    def get(self, key: str) -> str | None: ...
    def set(self, key: str, token: str) -> bool:
        """Keep the token; True if in the keyring, False if for this session only."""
        ...

    def delete(self, key: str) -> None: ...


class SyncAdapters(Protocol):
    """Builds the platform of an account's settings, and keeps tokens."""

    @property
    def tokens(self) -> TokenStore: ...
    def platform(self, settings: SyncSettings, token: str) -> Platform: ...
