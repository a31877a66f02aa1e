"""Sync push throughput to a real SCIM server against the naive way, one request per user.

    cd /work/main && .venv/bin/python -m bench.sync_push [--users N] [--quick] [--roles MAPPING]
        [--latency-ms MS]

(run as a module, from the project's folder: it starts the test harness's SCIM server and
proxy, `tests.sync`.)

N users, each with a role, are imported into a new SQLite database and queued for an
account whose platform is the `scim2-server` on loopback; then timed:
  (a) `session.sync.push` with Bulk offered (the server's default configuration);
  (b) `session.sync.push` with Bulk switched off (the adapter keeps several requests in
      flight on one pool of keep-alive connections);
  (c) the naive way: the same users read from the database, one POST /Users each with the
      same JSON, one at a time, each on a new TCP connection;
  (d) the server's floor: the same JSON as plain Bulk requests of 1000, no application,
      no model, no database write; it bounds what any client can gain on this server.
Each on a tenant of its own, empty before. Every request goes through a `FaultProxy` that
lets everything pass and counts requests and client connections: the server speaks
HTTP/1.0 and closes each connection, so keep-alive only exists between client and proxy.
Prints users/s and the ratios (a)/(c), (b)/(c), (d)/(c); the issue's target is 5x. A
figure, never an assertion, except that every user must be on the server afterwards.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import httpx2
from sqlalchemy import text

from bench.fixture import raw_engine
from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.periods import Cycle
from desktop_admin.security import Argon2Hasher
from desktop_admin.sync import ScimSync
from desktop_admin.sync.tokens import ENVIRONMENT, KeyringTokens
from tests.sync.fault_proxy import FaultProxy
from tests.sync.scim_server import ScimServer

CATALOG = Path(__file__).resolve().parents[1] / "desktop_admin" / "demo" / "catalog.toml"
TODAY = date(2026, 3, 1)
TOKEN = "bench-platform-token"
ROLES = ("named-user", "designer")
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
SCIM_JSON = "application/scim+json"
HEADERS = {"Authorization": f"Bearer {TOKEN}", "Accept": SCIM_JSON, "Content-Type": SCIM_JSON}
BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"
#: The server's default Bulk `maxOperations` (its `maxPayloadSize`, 1 MiB, holds them).
MAX_OPERATIONS = 1000
TARGET = 5.0


@dataclass(frozen=True)
class Measure:
    label: str
    seconds: float
    done: int  # users the client counted as created
    stored: int  # users the server holds afterwards
    requests: int  # requests the proxy received (discovery included)
    connections: int  # client connections the proxy accepted

    @property
    def rate(self) -> float:
        return self.done / self.seconds

    def line(self) -> str:
        return (
            f"{self.label:<44} {self.seconds:7.2f} s {self.rate:8.0f} users/s   "
            f"requests {self.requests:6d}   connections {self.connections:6d}   "
            f"on server {self.stored}"
        )


@dataclass
class Desk:
    app: AdminApp
    session: OperatorSession
    account: int


def build(folder: Path, name: str, n: int, url: str, roles: str) -> Desk:
    """A new SQLite database with an account of n users (a role each), all queued for `url`."""
    sync = ScimSync(KeyringTokens(environ={ENVIRONMENT: TOKEN}))
    database = f"sqlite:///{folder / name}.sqlite3"
    app = AdminApp.open(database, today=TODAY, hasher=Argon2Hasher.cheap(), sync=sync)
    session = app.create_first_administrator("admin", "benchmark-pw")
    session.catalog.import_text(CATALOG.read_text("utf-8"))
    account = session.accounts.create(name="Sync", audience="company", country="FR").value.id
    assert account is not None
    session.subscriptions.record(
        account_id=account, cycle=Cycle.YEARLY, seats=dict.fromkeys(ROLES, n)
    )
    csv_text = "email,display_name,roles,enabled,department\n" + "".join(
        f"user{i:06d}@example.com,User {i},{ROLES[i % 2]},true,{('Sales', 'Design')[i % 2]}\n"
        for i in range(n)
    )
    report = session.users.import_csv(account_id=account, text=csv_text, source="bench.csv")
    assert report.value.imported == n, report
    queued = session.sync.configure(account, url=url, roles=roles).value.queued
    assert queued == n, f"{queued} users queued, not {n}"
    return Desk(app, session, account)


def measured(
    label: str, proxy: FaultProxy, server: ScimServer, tenant: str, run: Callable[[], int]
) -> Measure:
    proxy.reset_counters()
    started = time.perf_counter()
    done = run()
    seconds = time.perf_counter() - started
    requests, connections = proxy.requests, proxy.connections
    stored = len(server.users(tenant))
    return Measure(label, seconds, done, stored, requests, connections)


def app_push(desk: Desk) -> int:
    [report] = desk.session.sync.push(desk.account).value
    assert report.failed == 0 and not report.error, report
    return report.sent


def scim_users(app: AdminApp, account: int, roles: str) -> list[dict[str, Any]]:
    """The account's users read from the database, as the JSON the adapter sends."""
    with raw_engine(app).connect() as connection:
        rows = connection.execute(
            text(
                "SELECT u.id, u.email, u.display_name, u.department, u.enabled, a.role_code "
                "FROM named_users u LEFT JOIN role_assignments a ON a.user_id = u.id "
                "WHERE u.account_id = :account ORDER BY u.id"
            ),
            {"account": account},
        ).all()
    users: dict[int, Any] = {}
    roles_of: dict[int, list[str]] = {}
    for row in rows:
        users[row.id] = row
        roles_of.setdefault(row.id, []).extend([row.role_code] if row.role_code else [])
    bodies = []
    for user_id, user in users.items():
        body: dict[str, Any] = {
            "schemas": [USER, ENTERPRISE],
            "userName": user.email,
            "externalId": str(user_id),
            "displayName": user.display_name or None,
            "active": bool(user.enabled),
            "emails": [{"value": user.email, "primary": True, "type": "work"}],
            ENTERPRISE: {"department": user.department or None},
        }
        if roles != "groups":
            body[roles] = [{"value": code} for code in sorted(roles_of[user_id])]
        bodies.append(body)
    return bodies


def naive_push(app: AdminApp, account: int, url: str, roles: str) -> int:
    """Read the users, then one POST /Users each, one at a time, on a new connection each."""
    created = 0
    # One client, as building one costs ~50 ms here (its SSL context, a cost `httpx2.post`
    # would pay for each user), but no connection kept: each request opens a new one.
    limits = httpx2.Limits(max_keepalive_connections=0)
    with httpx2.Client(headers=HEADERS, timeout=30.0, limits=limits) as client:
        for body in scim_users(app, account, roles):
            created += client.post(f"{url}/Users", json=body).status_code == 201
    return created


def server_floor(app: AdminApp, account: int, url: str, roles: str) -> int:
    """Read the users, then the same JSON as plain Bulk requests of MAX_OPERATIONS, on one
    kept connection, with no model and no database write: the server's own cost."""
    created = 0
    bodies = scim_users(app, account, roles)
    with httpx2.Client(headers=HEADERS, timeout=300.0) as client:
        for start in range(0, len(bodies), MAX_OPERATIONS):
            operations = [
                {"method": "POST", "path": "/Users", "bulkId": f"u{start + i}", "data": body}
                for i, body in enumerate(bodies[start : start + MAX_OPERATIONS])
            ]
            request = {"schemas": [BULK_REQUEST], "Operations": operations}
            answer = client.post(f"{url}/Bulk", json=request).json()
            created += sum(op.get("status") == "201" for op in answer.get("Operations", []))
    return created


def slowed(proxy: FaultProxy, latency_ms: float) -> None:
    """Every request waits `latency_ms` in the proxy, as on a distant link."""
    if latency_ms > 0:
        proxy.chaos(seed=0, delay=1.0, delay_seconds=latency_ms / 1000)


def main(argv: Sequence[str] | None = None) -> list[Measure]:
    """Measure, print, and return (a), (b), (c) and the server's floor (d)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=10_000)
    parser.add_argument("--quick", action="store_true", help="1000 users, a fast check")
    parser.add_argument(
        "--roles",
        choices=("roles", "entitlements", "groups"),
        default="roles",
        help="the role mapping (default roles: the role is in the User, as in the naive JSON; "
        "groups adds PATCH requests to the groups that the naive way does not make)",
    )
    parser.add_argument(
        "--latency-ms",
        type=float,
        default=0.0,
        help="a link's round trip added to every request by the proxy (e.g. 20 for a "
        "platform in another country); a new connection's own handshake is not added, "
        "which favours the naive way",
    )
    args = parser.parse_args(argv)
    n = 1000 if args.quick else args.users
    with tempfile.TemporaryDirectory(prefix="bench-sync-push-") as tmp:
        folder = Path(tmp)
        # (a), (c) and (d) on the default server (Bulk offered), a tenant each.
        tenants = ["bulk", "naive", "floor"]
        with (
            ScimServer(tenants, TOKEN, workdir=folder / "server-bulk") as server,
            FaultProxy(server.origin) as proxy,
        ):
            slowed(proxy, args.latency_ms)
            desk = build(folder, "bulk", n, proxy.base_url(server.base_path("bulk")), args.roles)
            try:
                bulk = measured(
                    "(a) push, Bulk offered", proxy, server, "bulk", lambda: app_push(desk)
                )
                url = proxy.base_url(server.base_path("naive"))
                naive = measured(
                    "(c) naive: a POST each, a new connection each",
                    proxy,
                    server,
                    "naive",
                    lambda: naive_push(desk.app, desk.account, url, args.roles),
                )
                floor_url = proxy.base_url(server.base_path("floor"))
                floor = measured(
                    "(d) server floor: raw Bulk JSON, no app",
                    proxy,
                    server,
                    "floor",
                    lambda: server_floor(desk.app, desk.account, floor_url, args.roles),
                )
            finally:
                raw_engine(desk.app).dispose()  # the naive way's reads; the file goes next
                desk.app.close()
        # (b) on a server that does not offer Bulk.
        no_bulk = {"bulk": {"supported": False}}
        with (
            ScimServer(["nobulk"], TOKEN, no_bulk, workdir=folder / "server-nobulk") as server,
            FaultProxy(server.origin) as proxy,
        ):
            slowed(proxy, args.latency_ms)
            url = proxy.base_url(server.base_path("nobulk"))
            desk = build(folder, "nobulk", n, url, args.roles)
            try:
                pooled = measured(
                    "(b) push, no Bulk (requests in flight)",
                    proxy,
                    server,
                    "nobulk",
                    lambda: app_push(desk),
                )
            finally:
                desk.app.close()

    measures = [bulk, pooled, naive, floor]
    print(
        f"users: {n}   role mapping: {args.roles}   database: SQLite (temporary)   "
        f"server: scim2-server on loopback   link latency: {args.latency_ms:g} ms a request"
    )
    print(
        "every request goes through a FaultProxy (PASS), which counts them: keep-alive exists "
        "between the client and the proxy only (the server speaks HTTP/1.0, a connection "
        "a request)"
    )
    for measure in measures:
        print(measure.line())
    print(f"ratio (a)/(c): {bulk.rate / naive.rate:.1f}x   (target {TARGET:.0f}x)")
    print(f"ratio (b)/(c): {pooled.rate / naive.rate:.1f}x   (target {TARGET:.0f}x)")
    print(
        f"ratio (d)/(c): {floor.rate / naive.rate:.1f}x   "
        "(the most any client can gain on this server)"
    )
    for measure in measures:
        if measure.done != n or measure.stored != n:
            raise SystemExit(f"{measure.label}: {measure.done} created, {measure.stored} stored")
    return measures


if __name__ == "__main__":
    main()
