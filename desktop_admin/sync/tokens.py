"""Platform tokens: in the operating system's keyring, never in the database or a file.

`DESKTOP_ADMIN_SYNC_TOKEN`, when set, wins (the command line in scripts). Where the
machine has no keyring, a token given is kept in memory for this session only: the
window asks for it once per session. A keyring that would write the token in clear
in a file (`keyrings.alt`'s plaintext one, which keyring ranks below the real ones)
counts as none, unless chosen on purpose with `PYTHON_KEYRING_BACKEND`.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

SERVICE = "seat-desk-sync"
ENVIRONMENT = "DESKTOP_ADMIN_SYNC_TOKEN"


class KeyringTokens:
    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        self._environ = os.environ if environ is None else environ
        self._session: dict[str, str] = {}
        self._keyring: KeyringBackend | None = None
        self._looked = False

    def _backend(self) -> KeyringBackend | None:
        """The keyring, if this machine has one fit for secrets (looked up once)."""
        if not self._looked:
            self._looked = True
            try:
                backend = keyring.get_keyring()
                chosen = bool(self._environ.get("PYTHON_KEYRING_BACKEND"))
                if chosen or float(backend.priority) >= 1:
                    self._keyring = backend
            except Exception:  # a keyring set up wrong is no keyring: the session keeps it
                self._keyring = None
        return self._keyring

    @property
    def in_keyring(self) -> bool:
        """Whether tokens given are kept in a keyring (else for this session only)."""
        return self._backend() is not None

    def get(self, key: str) -> str | None:
        if self._environ.get(ENVIRONMENT):
            return self._environ[ENVIRONMENT]
        if key in self._session:
            return self._session[key]
        backend = self._backend()
        if backend is None:
            return None
        try:
            return backend.get_password(SERVICE, key)
        except KeyringError:
            return None

    def set(self, key: str, token: str) -> bool:
        backend = self._backend()
        try:
            if backend is None:
                raise KeyringError("no keyring")
            backend.set_password(SERVICE, key, token)
        except KeyringError:
            self._session[key] = token
            return False
        self._session.pop(key, None)
        return True

    def delete(self, key: str) -> None:
        self._session.pop(key, None)
        backend = self._backend()
        if backend is not None:
            with contextlib.suppress(KeyringError):
                backend.delete_password(SERVICE, key)
