"""A real SCIM 2.0 server (the ``scim2-server`` command) on loopback, for the sync tests.

``ScimServer`` starts ``python -m scim2_server.testserver.cli`` as a subprocess on 127.0.0.1, on a
free port, and waits until it answers. Its output goes to a log file (never to an unread pipe,
which would stall the server once the pipe buffer is full).

URL layout (verified against scim2-server 0.8.3):

- without tenants, the SCIM base URL is ``http://127.0.0.1:PORT/v2``;
- with ``--tenant NAME``, each tenant is served under ``http://127.0.0.1:PORT/NAME/v2`` with its
  own in-memory storage, and ``/v2/...`` answers 404 "Unknown tenant".

The server speaks HTTP/1.0 (``wsgiref``): it closes the connection after each response, so a
client cannot keep a connection alive to it directly (the ``FaultProxy`` can, towards its client).

The helpers ``users()`` and ``groups()`` read the server's state with plain ``httpx2``, so that a
test checks what the server holds independently of the client code under test.
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import httpx2

HOST = "127.0.0.1"
LIST_PAGE_SIZE = 500  # below the server's filter.maxResults (1000)


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that is free right now (another process may take it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def default_service_provider_config() -> dict[str, Any]:
    """Return the service provider configuration the server announces by default."""
    text = (
        resources.files("scim2_server")
        .joinpath("resources/default-service-provider-config.json")
        .read_text(encoding="utf-8")
    )
    config: dict[str, Any] = json.loads(text)
    return config


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


class ScimServerError(RuntimeError):
    """The SCIM server did not start, or answered a state read with an error."""


class ScimServer:
    """The ``scim2-server`` command running on 127.0.0.1, as a context manager.

    :param tenants: serve each of these tenants under ``/NAME/v2`` (``--tenant NAME``).
    :param bearer_token: accept only this bearer token (``--bearer-token``); without it the server
        accepts every request.
    :param service_provider_config: merged (recursively) over the server's default configuration,
        written to a JSON file and passed with ``--service-provider-config``; for instance
        ``{"bulk": {"supported": False}}`` switches Bulk off.
    :param workdir: where the log and the configuration go; by default a temporary folder that
        ``stop()`` removes.
    :param startup_timeout: seconds to wait for the server to answer.
    :param extra_args: more arguments for the command (``--dynamic-tenants``, ``--precis``...).
    """

    def __init__(
        self,
        tenants: Sequence[str] = (),
        bearer_token: str | None = None,
        service_provider_config: dict[str, Any] | None = None,
        *,
        workdir: Path | None = None,
        startup_timeout: float = 20.0,
        extra_args: Sequence[str] = (),
    ) -> None:
        self.tenants = list(tenants)
        self.bearer_token = bearer_token
        self.service_provider_config = service_provider_config
        self.startup_timeout = startup_timeout
        self.extra_args = list(extra_args)
        self._own_workdir = workdir is None
        self.workdir = Path(tempfile.mkdtemp(prefix="scim-server-")) if workdir is None else workdir
        self.log_path = self.workdir / "scim-server.log"
        self.port: int | None = None
        self._process: subprocess.Popen[bytes] | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> ScimServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def command(self, port: int) -> list[str]:
        """Return the command line that starts the server on ``port``."""
        cmd = [sys.executable, "-m", "scim2_server.testserver.cli"]
        cmd += ["--hostname", HOST, "--port", str(port)]
        for tenant in self.tenants:
            cmd += ["--tenant", tenant]
        if self.bearer_token is not None:
            cmd += ["--bearer-token", self.bearer_token]
        if self.service_provider_config is not None:
            config = _merge(default_service_provider_config(), self.service_provider_config)
            config_path = self.workdir / "service-provider-config.json"
            config_path.write_text(json.dumps(config, indent=2), encoding="utf-8")
            cmd += ["--service-provider-config", str(config_path)]
        return cmd + self.extra_args

    def start(self) -> ScimServer:
        """Start the server and wait until ``/ServiceProviderConfig`` answers 200."""
        if self.running:
            return self
        self.workdir.mkdir(parents=True, exist_ok=True)
        # free_port() can race with another process: retry on "address already in use".
        for _attempt in range(3):
            port = free_port()
            if self._launch(port):
                atexit.register(self.stop)
                return self
        message = f"scim2-server could not bind a port:\n{self.log_tail()}"
        self.stop()
        raise ScimServerError(message)

    def _launch(self, port: int) -> bool:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        with self.log_path.open("ab") as log:
            log.write(f"--- starting on port {port}\n".encode())
            log.flush()
            self._process = subprocess.Popen(
                self.command(port),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
            )
        self.port = port
        deadline = time.monotonic() + self.startup_timeout
        probe = f"{self._root_for(port)}/ServiceProviderConfig"
        last_error: str = "no answer yet"
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                if "Address already in use" in self.log_tail():
                    self._process = None
                    return False
                message = (
                    f"scim2-server exited with code {self._process.returncode} "
                    f"before answering:\n{self.log_tail()}"
                )
                self.stop()
                raise ScimServerError(message)
            try:
                with socket.create_connection((HOST, port), timeout=0.5):
                    pass
                response = httpx2.get(probe, timeout=2.0)
                if response.status_code == 200:
                    return True
                last_error = f"GET {probe} answered {response.status_code}"
            except (OSError, httpx2.HTTPError) as error:
                last_error = repr(error)
            time.sleep(0.05)
        message = (
            f"scim2-server did not answer within {self.startup_timeout:.0f} s "
            f"({last_error}):\n{self.log_tail()}"
        )
        self.stop()
        raise ScimServerError(message)

    def stop(self) -> None:
        """Terminate the server (SIGTERM, wait 5 s, then SIGKILL) and remove its temp folder."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)
        atexit.unregister(self.stop)
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def log_tail(self, lines: int = 40) -> str:
        """Return the last lines of the server's log."""
        try:
            text = self.log_path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    # -- URLs ----------------------------------------------------------------------------------

    @property
    def origin(self) -> str:
        """``http://127.0.0.1:PORT``, the upstream for a ``FaultProxy``."""
        if self.port is None:
            raise ScimServerError("the server is not started")
        return f"http://{HOST}:{self.port}"

    def _root_for(self, port: int) -> str:
        prefix = f"/{self.tenants[0]}" if self.tenants else ""
        return f"http://{HOST}:{port}{prefix}/v2"

    def base_path(self, tenant: str | None = None) -> str:
        """The path of the SCIM base URL: ``/v2`` or ``/TENANT/v2``."""
        if tenant is None:
            if self.tenants:
                raise ValueError(
                    f"this server serves tenants {self.tenants}; name one (no /v2 root)"
                )
            return "/v2"
        if tenant not in self.tenants:
            raise ValueError(f"unknown tenant {tenant!r}; this server serves {self.tenants}")
        return f"/{tenant}/v2"

    def base_url(self, tenant: str | None = None) -> str:
        """The SCIM base URL: ``http://127.0.0.1:PORT/v2`` or ``.../TENANT/v2``."""
        return f"{self.origin}{self.base_path(tenant)}"

    # -- state, read with plain httpx2 -----------------------------------------------------------

    def headers(self, token: str | None = None) -> dict[str, str]:
        """Request headers with the bearer token (``token``, else the server's own)."""
        token = token if token is not None else self.bearer_token
        headers = {"Accept": "application/scim+json"}
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        return headers

    def list_resources(
        self, endpoint: str, tenant: str | None = None, token: str | None = None
    ) -> list[dict[str, Any]]:
        """Every resource of an endpoint (``/Users``, ``/Groups``), paging with startIndex/count."""
        url = f"{self.base_url(tenant)}{endpoint}"
        found: list[dict[str, Any]] = []
        with httpx2.Client(headers=self.headers(token), timeout=30.0) as client:
            while True:
                params = {"startIndex": len(found) + 1, "count": LIST_PAGE_SIZE}
                response = client.get(url, params=params)
                if response.status_code != 200:
                    raise ScimServerError(
                        f"GET {url} answered {response.status_code}: {response.text}"
                    )
                page = response.json()
                batch = page.get("Resources", [])
                found.extend(batch)
                if not batch or len(found) >= int(page["totalResults"]):
                    return found

    def users(self, tenant: str | None = None, token: str | None = None) -> list[dict[str, Any]]:
        """All the users the server holds (for ``tenant``), as JSON objects."""
        return self.list_resources("/Users", tenant, token)

    def groups(self, tenant: str | None = None, token: str | None = None) -> list[dict[str, Any]]:
        """All the groups the server holds (for ``tenant``), as JSON objects."""
        return self.list_resources("/Groups", tenant, token)
