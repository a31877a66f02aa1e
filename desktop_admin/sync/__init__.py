"""The optional sync with the platform over SCIM 2.0: an adapter behind the ports of
`desktop_admin.services.sync_ports` (the outbox itself is in the database)."""

from __future__ import annotations

from desktop_admin.domain.sync import SyncSettings
from desktop_admin.sync.scim import ScimPlatform
from desktop_admin.sync.tokens import KeyringTokens
from desktop_admin.sync.transport import RetryPolicy


class ScimSync:
    """Builds each account's platform; keeps the tokens (keyring, environment, or
    this session's memory)."""

    def __init__(self, tokens: KeyringTokens | None = None, policy: RetryPolicy | None = None):
        self._tokens = tokens or KeyringTokens()
        self.policy = policy or RetryPolicy()

    @property
    def tokens(self) -> KeyringTokens:
        return self._tokens

    def platform(self, settings: SyncSettings, token: str) -> ScimPlatform:
        return ScimPlatform(settings, token, policy=self.policy)


__all__ = ["RetryPolicy", "ScimPlatform", "ScimSync"]
