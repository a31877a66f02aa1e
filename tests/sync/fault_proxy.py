"""A fault-injecting HTTP/1.1 reverse proxy on loopback, in front of the SCIM test server.

``FaultProxy`` listens on 127.0.0.1 (a free port), serves each client connection in a thread
with keep-alive, and forwards each request to the upstream origin (``http://127.0.0.1:PORT``),
unless the request's fault says otherwise:

- ``plan([...])``: the Nth request (among those the optional ``when`` predicate selects) takes the
  Nth fault; once the list is used up, requests pass.
- ``chaos(seed, drop=..., error500=..., throttle=..., delay=...)``: each selected request
  independently draws a fault with these probabilities (seeded, so the sequence of faults in
  arrival order is reproducible).

``plan()`` and ``chaos()`` each replace the previous schedule; ``clear()`` makes every request pass.

The ``Host`` header is forwarded unchanged, so the server's ``Location`` and ``meta.location``
point at the proxy. A new upstream connection is opened per request (the SCIM test server speaks
HTTP/1.0 and closes after each response anyway).
"""

from __future__ import annotations

import contextlib
import enum
import http.client
import json
import random
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from urllib.parse import urlsplit

HOST = "127.0.0.1"
SCIM_ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"
SCIM_JSON = "application/scim+json"

# RFC 9110 §7.6.1 hop-by-hop headers, plus the ones the proxy recomputes itself.
HOP_BY_HOP = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-connection",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailer",
        "transfer-encoding",
        "upgrade",
        "expect",
        "content-length",
    }
)


class Fault(enum.Enum):
    PASS = "pass"  # forward
    DROP_BEFORE = "drop_before"  # close the socket without forwarding nor answering
    DROP_AFTER = "drop_after"  # forward, then close the socket without answering
    ERROR_500 = "error_500"  # answer 500 with a SCIM Error, not forwarded
    THROTTLE_429 = "throttle_429"  # answer 429 with Retry-After, not forwarded
    UNAVAILABLE_503 = "unavailable_503"  # answer 503 with Retry-After, not forwarded
    DELAY = "delay"  # sleep, then forward


FORWARDING = frozenset({Fault.PASS, Fault.DELAY, Fault.DROP_AFTER})

# Selects the requests a schedule applies to, from (method, path-with-query).
RequestPredicate = Callable[[str, str], bool]


@dataclass(frozen=True)
class RequestRecord:
    """One request the proxy received: what it did with it and what the client got."""

    method: str
    path: str
    fault: Fault
    status: int | None  # status sent to the client; None when the connection was dropped
    upstream_status: int | None  # status of the upstream answer; None when not forwarded


def scim_error_body(status: int, detail: str = "injected") -> bytes:
    error = {"schemas": [SCIM_ERROR_SCHEMA], "status": str(status), "detail": detail}
    return json.dumps(error, separators=(",", ":")).encode()


class _Schedule:
    """The faults to give, in order or at random, to the requests ``when`` selects."""

    def __init__(
        self,
        planned: Iterable[Fault] = (),
        *,
        rng: random.Random | None = None,
        weights: list[tuple[Fault, float]] | None = None,
        when: RequestPredicate | None = None,
    ) -> None:
        self.planned = list(planned)
        self.position = 0
        self.rng = rng
        self.weights = weights or []
        self.when = when

    def next(self, method: str, path: str) -> Fault:
        if self.when is not None and not self.when(method, path):
            return Fault.PASS
        if self.position < len(self.planned):
            fault = self.planned[self.position]
            self.position += 1
            return fault
        if self.rng is None:
            return Fault.PASS
        draw = self.rng.random()
        for fault, probability in self.weights:
            if draw < probability:
                return fault
            draw -= probability
        return Fault.PASS


class _ProxyServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    proxy: FaultProxy


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive towards the client
    disable_nagle_algorithm = True  # no 40 ms Nagle / delayed-ACK stall between writes
    server: _ProxyServer

    def setup(self) -> None:
        super().setup()
        self.server.proxy._connection_opened(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.proxy._connection_closed(self.connection)

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep the test output quiet

    def _read_body(self) -> bytes | None:
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            chunks: list[bytes] = []
            while True:
                try:
                    size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                except ValueError:
                    return None
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass  # trailers
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = self.headers.get("Content-Length")
        if length is None:
            return b""
        try:
            return self.rfile.read(int(length))
        except ValueError:
            return None

    def _handle(self) -> None:
        proxy = self.server.proxy
        body = self._read_body()
        if body is None:
            self._answer(400, scim_error_body(400, "invalid request body framing"))
            self.close_connection = True
            return
        fault = proxy._next_fault(self.command, self.path)

        if fault is Fault.DROP_BEFORE:
            proxy._record(self.command, self.path, fault, None, None)
            self._drop()
            return
        if fault is Fault.ERROR_500:
            self._answer(500, scim_error_body(500))
            proxy._record(self.command, self.path, fault, 500, None)
            return
        if fault in (Fault.THROTTLE_429, Fault.UNAVAILABLE_503):
            status = 429 if fault is Fault.THROTTLE_429 else 503
            retry = {"Retry-After": str(proxy.retry_after)}
            self._answer(status, scim_error_body(status), retry)
            proxy._record(self.command, self.path, fault, status, None)
            return
        if fault is Fault.DELAY:
            time.sleep(proxy.delay_seconds)

        try:
            status, reason, headers, payload = self._forward(body)
        except (OSError, http.client.HTTPException) as error:
            proxy._count_forward()
            self._answer(502, scim_error_body(502, f"upstream unreachable: {error!r}"))
            proxy._record(self.command, self.path, fault, 502, None)
            return
        proxy._count_forward()
        if fault is Fault.DROP_AFTER:
            proxy._record(self.command, self.path, fault, None, status)
            self._drop()
            return
        self._send(status, reason, headers, payload)
        proxy._record(self.command, self.path, fault, status, status)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = do_OPTIONS = _handle  # noqa: N815

    def _forward(self, body: bytes) -> tuple[int, str, list[tuple[str, str]], bytes]:
        proxy = self.server.proxy
        dropped = _connection_tokens(self.headers.get_all("Connection", []))
        headers = [
            (name, value)
            for name, value in self.headers.items()
            if name.lower() not in HOP_BY_HOP and name.lower() not in dropped
        ]
        if body or self.command in ("POST", "PUT", "PATCH"):
            headers.append(("Content-Length", str(len(body))))
        conn = http.client.HTTPConnection(
            proxy.upstream_host, proxy.upstream_port, timeout=proxy.upstream_timeout
        )
        try:
            conn.putrequest(
                self.command,
                proxy.upstream_prefix + self.path,
                skip_host=any(name.lower() == "host" for name, _ in headers),
                skip_accept_encoding=True,
            )
            for name, value in headers:
                conn.putheader(name, value)
            conn.endheaders(body or None)
            response = conn.getresponse()
            payload = response.read()
            return response.status, response.reason, response.getheaders(), payload
        finally:
            conn.close()

    def _send(
        self, status: int, reason: str, headers: list[tuple[str, str]], payload: bytes
    ) -> None:
        dropped = _connection_tokens(
            value for name, value in headers if name.lower() == "connection"
        )
        self.send_response_only(status, reason)
        upstream_length = None
        for name, value in headers:
            lower = name.lower()
            if lower == "content-length":
                upstream_length = value
            if lower in HOP_BY_HOP or lower in dropped:
                continue
            self.send_header(name, value)
        no_body = status in (204, 304) or 100 <= status < 200
        if self.command == "HEAD":
            if upstream_length is not None:
                self.send_header("Content-Length", upstream_length)
        elif not no_body:
            self.send_header("Content-Length", str(len(payload)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD" and not no_body:
            self.wfile.write(payload)

    def _answer(self, status: int, body: bytes, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", SCIM_JSON)
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _drop(self) -> None:
        """Close the client's connection without a word of answer."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


def _connection_tokens(values: Iterable[str]) -> set[str]:
    return {token.strip().lower() for value in values for token in value.split(",") if token}


class FaultProxy:
    """A reverse proxy injecting faults between a client and ``upstream``.

    :param upstream: the origin to forward to, ``http://127.0.0.1:PORT`` (a path is prepended).
    :param retry_after: the Retry-After of the 429 and 503 answers, in seconds.
    :param delay_seconds: how long a DELAY holds a request.

    Counters (read them at any time): ``requests`` (received), ``forwarded`` (sent upstream),
    ``faults_injected`` (a Counter by ``Fault``, PASS excluded), ``connections`` (client TCP
    connections accepted, which shows keep-alive at work), ``open_connections``, and ``records``
    (a ``RequestRecord`` per request, in the order they finished).
    """

    def __init__(
        self,
        upstream: str,
        *,
        retry_after: int = 1,
        delay_seconds: float = 0.05,
        upstream_timeout: float = 60.0,
    ) -> None:
        parts = urlsplit(upstream)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"upstream must be http://host:port, not {upstream!r}")
        self.upstream = upstream
        self.upstream_host = parts.hostname
        self.upstream_port = parts.port or 80
        self.upstream_prefix = parts.path.rstrip("/")
        self.retry_after = retry_after
        self.delay_seconds = delay_seconds
        self.upstream_timeout = upstream_timeout

        self._lock = threading.Lock()
        self._schedule = _Schedule()
        self.requests = 0
        self.forwarded = 0
        self.faults_injected: Counter[Fault] = Counter()
        self.connections = 0
        self._open: set[socket.socket] = set()
        self.records: list[RequestRecord] = []

        self._server = _ProxyServer((HOST, 0), _Handler)
        self._server.proxy = self
        self.port: int = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"fault-proxy-{self.port}",
            daemon=True,
        )
        self._thread.start()
        self._closed = False

    # -- context manager ------------------------------------------------------------------------

    def __enter__(self) -> FaultProxy:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Stop listening and cut the open client connections."""
        if self._closed:
            return
        self._closed = True
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self._thread.join(timeout=5)

    # -- URLs -----------------------------------------------------------------------------------

    @property
    def origin(self) -> str:
        return f"http://{HOST}:{self.port}"

    def base_url(self, path: str = "/v2") -> str:
        """The proxied URL of ``path``: ``http://127.0.0.1:PROXYPORT/v2`` by default."""
        return f"{self.origin}{path}"

    # -- schedules ------------------------------------------------------------------------------

    def plan(self, faults: Iterable[Fault], *, when: RequestPredicate | None = None) -> None:
        """The Nth request (that ``when(method, path)`` selects) takes the Nth fault, then PASS."""
        with self._lock:
            self._schedule = _Schedule(faults, when=when)

    def chaos(
        self,
        seed: int,
        drop: float = 0.0,
        error500: float = 0.0,
        throttle: float = 0.0,
        delay: float = 0.0,
        retry_after: int = 1,
        delay_seconds: float = 0.05,
        *,
        unavailable: float = 0.0,
        when: RequestPredicate | None = None,
    ) -> None:
        """Each request (that ``when`` selects) independently draws a fault.

        ``drop`` is split evenly between DROP_BEFORE and DROP_AFTER; ``throttle`` gives 429,
        ``unavailable`` 503 (both with ``Retry-After: retry_after``).
        """
        weights = [
            (Fault.DROP_BEFORE, drop / 2),
            (Fault.DROP_AFTER, drop / 2),
            (Fault.ERROR_500, error500),
            (Fault.THROTTLE_429, throttle),
            (Fault.UNAVAILABLE_503, unavailable),
            (Fault.DELAY, delay),
        ]
        if any(p < 0 for _, p in weights) or sum(p for _, p in weights) > 1.0 + 1e-9:
            raise ValueError("fault probabilities must be >= 0 and add up to at most 1")
        with self._lock:
            self.retry_after = retry_after
            self.delay_seconds = delay_seconds
            self._schedule = _Schedule(rng=random.Random(seed), weights=weights, when=when)

    def clear(self) -> None:
        """Let every request pass from now on."""
        with self._lock:
            self._schedule = _Schedule()

    def reset_counters(self) -> None:
        with self._lock:
            self.requests = 0
            self.forwarded = 0
            self.faults_injected = Counter()
            self.connections = 0
            self.records = []

    # -- bookkeeping (called by the handler threads) -----------------------------------------------

    def _next_fault(self, method: str, path: str) -> Fault:
        with self._lock:
            self.requests += 1
            fault = self._schedule.next(method, path)
            if fault is not Fault.PASS:
                self.faults_injected[fault] += 1
            return fault

    def _count_forward(self) -> None:
        with self._lock:
            self.forwarded += 1

    def _record(
        self,
        method: str,
        path: str,
        fault: Fault,
        status: int | None,
        upstream_status: int | None,
    ) -> None:
        with self._lock:
            self.records.append(RequestRecord(method, path, fault, status, upstream_status))

    def _connection_opened(self, sock: socket.socket) -> None:
        with self._lock:
            self.connections += 1
            self._open.add(sock)

    def _connection_closed(self, sock: socket.socket) -> None:
        with self._lock:
            self._open.discard(sock)

    @property
    def open_connections(self) -> int:
        with self._lock:
            return len(self._open)
