"""Push through a link that fails: dropped connections, 5xx, 429 with Retry-After, a
platform that keeps failing or does not answer, a push killed in the middle, and the
token, which must never leak (error messages, database file, log, audit trail), kept
in the keyring or for the session only."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import Any

import httpx2
import keyring
import keyring.core
import pytest
from keyring.backends import fail
from keyrings.alt.file import PlaintextKeyring

from desktop_admin.app import AdminApp, log_file
from desktop_admin.app.logs import LOGGER
from desktop_admin.domain.platform import PlatformUnreachable
from desktop_admin.domain.subscriptions import Cycle
from desktop_admin.domain.sync import SyncProblem
from desktop_admin.domain.users import UserQuery
from desktop_admin.security import Argon2Hasher
from desktop_admin.services.purchases import Order
from desktop_admin.services.sync import token_key
from desktop_admin.sync import ScimSync
from desktop_admin.sync.tokens import ENVIRONMENT, SERVICE, KeyringTokens
from desktop_admin.sync.transport import RetryingTransport, RetryPolicy
from tests.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, CATALOG_TEXT, TODAY
from tests.sync.conftest import QUICK, TOKEN, Desk
from tests.sync.fault_proxy import Fault, FaultProxy
from tests.sync.scim_server import ScimServer, free_port

ROOT = Path(__file__).resolve().parents[2]
#: The discovery requests (`ScimPlatform` reads them before anything else).
DISCOVERY = ("/ServiceProviderConfig", "/ResourceTypes", "/Schemas")
#: Tenants of this module's platform without Bulk.
PLAIN_TENANTS = [f"p{n:03d}" for n in range(40)]
WRONG_TOKEN = "wrong-platform-token-91c2"


def after_discovery(method: str, path: str) -> bool:
    del method
    return not any(part in path for part in DISCOVERY)


# Platforms: the session's server (with Bulk), this module's one without Bulk


@pytest.fixture(scope="module")
def plain_scim() -> Iterator[ScimServer]:
    """A SCIM server that offers no Bulk: one request a user, several in flight."""
    config = {"bulk": {"supported": False}}
    with ScimServer(PLAIN_TENANTS, bearer_token=TOKEN, service_provider_config=config) as server:
        yield server


@pytest.fixture(scope="module")
def plain_tenants() -> Iterator[str]:
    return iter(PLAIN_TENANTS)


@dataclass
class Platform:
    """A tenant of a SCIM server, reached through a fault proxy at `url`."""

    server: ScimServer
    tenant: str
    proxy: FaultProxy

    @property
    def url(self) -> str:
        return self.proxy.base_url(self.server.base_path(self.tenant))

    def users(self) -> list[dict[str, Any]]:
        return self.server.users(self.tenant)


@contextmanager
def proxied(server: ScimServer, tenant: str) -> Iterator[Platform]:
    with FaultProxy(server.origin) as proxy:
        yield Platform(server, tenant, proxy)


@pytest.fixture(params=["bulk", "no-bulk"])
def platform(
    request: pytest.FixtureRequest,
    scim: ScimServer,
    tenant: str,
    plain_scim: ScimServer,
    plain_tenants: Iterator[str],
) -> Iterator[Platform]:
    server, name = (scim, tenant) if request.param == "bulk" else (plain_scim, next(plain_tenants))
    with proxied(server, name) as chosen:
        yield chosen


@pytest.fixture
def plain(plain_scim: ScimServer, plain_tenants: Iterator[str]) -> Iterator[Platform]:
    with proxied(plain_scim, next(plain_tenants)) as chosen:
        yield chosen


# The company


def sync_with(environ: dict[str, str], policy: RetryPolicy = QUICK) -> ScimSync:
    return ScimSync(KeyringTokens(environ=environ), policy)


def open_company(database_url: str, hasher: Argon2Hasher, sync: ScimSync) -> Desk:
    """`open_desk` of the conftest, with a sync adapter of the test's own; no platform yet."""
    app = AdminApp.open(database_url, today=TODAY, hasher=hasher, sync=sync)
    session = app.create_first_administrator(ADMIN_LOGIN, ADMIN_PASSWORD)
    session.catalog.import_text(CATALOG_TEXT, source="catalog.toml")
    session.billing.set_seller(name="Vendor SAS", country="FR", vat_number="FR32123456789")
    account = session.accounts.create(
        name="Acme Studio", audience="company", country="FR", vat_number="FR40303265045"
    ).value
    assert account.id is not None
    session.accounts.add_card(
        account.id, token="tok_visa", brand="visa", last4="4242", exp_month=12, exp_year=2030
    )
    session.subscriptions.purchase(
        Order(account.id, Cycle.YEARLY, {"named-user": 600, "designer": 50}, {}, "card")
    )
    return Desk(app, session, account.id, "")


@contextmanager
def company(
    database_url: str,
    hasher: Argon2Hasher,
    url: str,
    *,
    sync: ScimSync | None = None,
    token: str | None = None,
) -> Iterator[Desk]:
    """A company with seats and no user, its sync set to `url`; the token from the
    environment of its `KeyringTokens` unless `sync` says otherwise."""
    desk = open_company(database_url, hasher, sync or sync_with({ENVIRONMENT: TOKEN}))
    try:
        desk.session.sync.configure(desk.account_id, url=url, roles="groups", token=token)
        desk.url = url
        yield desk
    finally:
        desk.app.close()


def reopen(database_url: str, hasher: Argon2Hasher, sync: ScimSync) -> AdminApp:
    return AdminApp.open(database_url, today=TODAY, hasher=hasher, sync=sync, create=False)


def add_users(desk: Desk, count: int, first: int = 0, *, designers: int = 0) -> list[int]:
    """`count` users more, user{first:05d}@... on, in one import (one transaction); every
    `designers`-th one is a designer too. Their ids, in order."""
    lines = ["email,display_name,roles,enabled,department"]
    for n in range(first, first + count):
        roles = "named-user;designer" if designers and n % designers == 0 else "named-user"
        team = "Design" if n % 2 else "Sales"
        lines.append(f"user{n:05d}@acme.example,User {n},{roles},true,{team}")
    report = desk.session.users.import_csv(account_id=desk.account_id, text="\n".join(lines))
    assert report.value.imported == count, report.value.skipped
    emails = {f"user{n:05d}@acme.example" for n in range(first, first + count)}
    users = desk.session.users.by_ids(desk.session.users.ids(UserQuery(desk.account_id)))
    return sorted(u.id for u in users if u.email in emails and u.id is not None)


def queued(desk: Desk) -> tuple[int, int]:
    [status] = desk.session.sync.status(desk.account_id)
    return status.queued, status.failed


def push_until_empty(desk: Desk, runs: int = 3) -> int:
    """Push until the outbox is empty, `runs` times at most; the runs it took."""
    for run in range(1, runs + 1):
        desk.session.sync.push(desk.account_id)
        if queued(desk)[0] == 0:
            return run
    return runs


def assert_platform_mirrors(desk: Desk, platform: Platform) -> None:
    """The platform holds exactly our users, once each, linked by externalId, in the
    groups of their roles; one group a role."""
    local = desk.session.users.by_ids(desk.session.users.ids(UserQuery(desk.account_id)))
    remote = platform.users()
    names = [u["userName"] for u in remote]
    assert len(names) == len(set(names)), "a user was created twice"
    assert sorted(names) == sorted(u.email for u in local)
    by_name = {u["userName"]: u for u in remote}
    assert {u.email: by_name[u.email].get("externalId") for u in local} == {
        u.email: str(u.id) for u in local
    }
    remote_id = {u.id: by_name[u.email]["id"] for u in local}
    groups = platform.server.groups(platform.tenant)
    shown = [g["displayName"] for g in groups]
    assert len(shown) == len(set(shown)), f"a group was created twice: {sorted(shown)}"
    members: dict[str, list[str]] = defaultdict(list)
    for group in groups:
        values = [m["value"] for m in group.get("members", [])]
        assert len(values) == len(set(values)), f"a member is twice in {group}"
        assert not (values and members[group["displayName"]]), "members split between twins"
        members[group["displayName"]] += values
    expected = {
        code: sorted(remote_id[u.id] for u in local if code in u.roles)
        for code in {code for u in local for code in u.roles}
    }
    assert {code: sorted(values) for code, values in members.items() if values} == expected


# 1. Chaos


def test_200_users_reach_the_platform_through_chaos(
    database_url: str, cheap_hasher: Argon2Hasher, platform: Platform
) -> None:
    with company(database_url, cheap_hasher, platform.url) as desk:
        add_users(desk, 200, designers=5)
        platform.proxy.chaos(
            seed=11,
            drop=0.15,
            error500=0.1,
            throttle=0.1,
            delay=0.05,
            retry_after=1,
            delay_seconds=0.02,
        )
        runs = push_until_empty(desk)
        assert queued(desk) == (0, 0), f"still queued after {runs} runs"
        faults = platform.proxy.faults_injected
        assert faults[Fault.DROP_BEFORE] + faults[Fault.DROP_AFTER] > 0, faults
        assert faults[Fault.ERROR_500] > 0 and faults[Fault.THROTTLE_429] > 0, faults
        platform.proxy.clear()
        assert_platform_mirrors(desk, platform)


# 2. A creation whose answer is lost; a 429


def test_a_lost_creation_is_linked_and_retry_after_is_honoured_within_max_delay(
    database_url: str, cheap_hasher: Argon2Hasher, plain: Platform
) -> None:
    arrivals: list[tuple[float, str, str]] = []

    def noting(method: str) -> Callable[[str, str], bool]:
        """Selects the requests of `method` to /Users; notes when each request arrives."""

        def select(asked: str, path: str) -> bool:
            arrivals.append((time.monotonic(), asked, path))
            return asked == method and "/Users" in path

        return select

    sync = sync_with({ENVIRONMENT: TOKEN}, RetryPolicy(attempts=6, base_delay=0.01, max_delay=2.0))
    with company(database_url, cheap_hasher, plain.url, sync=sync) as desk:
        [user_id] = add_users(desk, 1)
        plain.proxy.plan([Fault.DROP_AFTER, Fault.THROTTLE_429], when=noting("POST"))
        [report] = desk.session.sync.push(desk.account_id).value
        assert (report.sent, report.failed) == (1, 0)

        posts = [r for r in plain.proxy.records if r.method == "POST" and "/Users" in r.path]
        assert [(r.fault, r.status, r.upstream_status) for r in posts] == [
            (Fault.DROP_AFTER, None, 201),  # created there, the answer lost
            (Fault.THROTTLE_429, 429, None),
            (Fault.PASS, 409, 409),  # the retry finds it...
        ]
        assert any(r.method == "PUT" and r.status == 200 for r in plain.proxy.records)  # ...linked
        times = [at for at, method, path in arrivals if method == "POST" and "/Users" in path]
        assert times[2] - times[1] >= 0.95, "Retry-After: 1 was not waited for"
        [remote] = plain.users()
        assert remote["externalId"] == str(user_id)
        assert queued(desk) == (0, 0)

        # Linked: a change replaces that very user.
        before = desk.session.users.get(user_id)
        desk.session.users.edit(user_id, expected_version=before.version, display_name="Renamed")
        # With a max_delay below Retry-After, the wait is cut to max_delay.
        sync.policy = QUICK
        plain.proxy.reset_counters()
        arrivals.clear()
        plain.proxy.plan([Fault.THROTTLE_429], when=noting("PUT"))
        [report] = desk.session.sync.push(desk.account_id).value
        assert (report.sent, report.failed) == (1, 0)
        puts = [at for at, method, _ in arrivals if method == "PUT"]
        assert len(puts) == 2 and 0.19 <= puts[1] - puts[0] < 0.9, puts
        [remote] = plain.users()
        assert (remote["externalId"], remote["displayName"]) == (str(user_id), "Renamed")
        assert_platform_mirrors(desk, plain)


def test_a_group_whose_creation_answer_is_lost_is_not_created_twice(
    database_url: str, cheap_hasher: Argon2Hasher, plain: Platform
) -> None:
    with company(database_url, cheap_hasher, plain.url) as desk:
        add_users(desk, 2)
        creations = lambda method, path: method == "POST" and "/Groups" in path  # noqa: E731
        plain.proxy.plan([Fault.DROP_AFTER], when=creations)
        [report] = desk.session.sync.push(desk.account_id).value
        assert (report.sent, report.failed) == (2, 0)
        assert plain.proxy.faults_injected == {Fault.DROP_AFTER: 1}
        assert_platform_mirrors(desk, plain)


def test_the_transport_waits_retry_after_cut_to_max_delay(plain: Platform) -> None:
    """The same rule at the transport alone, for 503 as for 429."""
    waits: list[float] = []
    transport = RetryingTransport(httpx2.HTTPTransport(), QUICK, sleep=waits.append)
    plain.proxy.plan([Fault.UNAVAILABLE_503, Fault.THROTTLE_429])
    with httpx2.Client(transport=transport) as client:
        answer = client.get(f"{plain.url}/ServiceProviderConfig")
    assert answer.status_code == 200
    assert sum(waits) == pytest.approx(2 * QUICK.max_delay)
    assert plain.proxy.requests == 3


# 3. A platform that keeps failing


def test_a_platform_that_keeps_failing_leaves_the_entries_queued(
    database_url: str, cheap_hasher: Argon2Hasher, platform: Platform
) -> None:
    with company(database_url, cheap_hasher, platform.url) as desk:
        add_users(desk, 12, designers=3)
        platform.proxy.chaos(seed=1, error500=1.0, when=after_discovery)
        [report] = desk.session.sync.push(desk.account_id).value
        assert (report.sent, report.failed) == (0, 12)
        assert "500" in report.error
        assert queued(desk) == (12, 12)
        failed = desk.session.sync.failed(desk.account_id)
        assert len(failed) == 12
        assert all(e.attempts == 1 and "500" in e.last_error for e in failed), failed[0]
        assert platform.users() == []
        # Every request was tried QUICK.attempts times, then given up.
        assert platform.proxy.faults_injected[Fault.ERROR_500] >= QUICK.attempts

        platform.proxy.clear()
        [report] = desk.session.sync.push(desk.account_id).value
        assert (report.sent, report.failed) == (12, 0)
        assert queued(desk) == (0, 0)
        assert_platform_mirrors(desk, platform)


# 4. A platform that does not answer


def closed_port_url() -> str:
    return f"http://127.0.0.1:{free_port()}/v2"  # nothing listens there


def test_an_unreachable_platform_is_told_in_a_sentence_and_the_queue_kept(
    database_url: str, cheap_hasher: Argon2Hasher
) -> None:
    url = closed_port_url()
    with company(database_url, cheap_hasher, url) as desk:
        add_users(desk, 3)
        with pytest.raises(PlatformUnreachable) as raised:
            desk.session.sync.push(desk.account_id)
        sentence = raised.value.message
        assert url in sentence and "Traceback" not in sentence and TOKEN not in sentence
        assert queued(desk) == (3, 0)
        [status] = desk.session.sync.status(desk.account_id)
        assert status.last_error == sentence
        assert status.last_sync_at is None


# 5. A push killed in the middle


def test_a_push_killed_mid_way_is_finished_without_duplicates(
    sqlite_url: str, cheap_hasher: Argon2Hasher, plain: Platform
) -> None:
    desk = open_company(sqlite_url, cheap_hasher, sync_with({ENVIRONMENT: TOKEN}))
    try:
        desk.session.sync.configure(desk.account_id, url=plain.url, roles="groups")
        ids = add_users(desk, 300, designers=10)
    finally:
        desk.app.close()
    plain.proxy.chaos(seed=5, delay=1.0, delay_seconds=0.04)
    environment = dict(os.environ, **{ENVIRONMENT: TOKEN})
    pusher = subprocess.Popen(
        [sys.executable, "-m", "tests.sync.pusher", sqlite_url, str(desk.account_id)],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 30
        while plain.proxy.forwarded < 60 and pusher.poll() is None:
            assert time.monotonic() < deadline, "fewer than 60 requests forwarded in 30 s"
            time.sleep(0.005)
        assert pusher.poll() is None, pusher.communicate()[0].decode()
        pusher.send_signal(signal.SIGKILL)
        assert pusher.wait(timeout=10) == -signal.SIGKILL
    finally:
        if pusher.poll() is None:
            pusher.kill()
        output = pusher.communicate()[0].decode()
    created = len(plain.users())
    assert 0 < created < 300, (created, output)

    plain.proxy.clear()
    app = reopen(sqlite_url, cheap_hasher, sync_with({ENVIRONMENT: TOKEN}))
    try:
        desk = Desk(app, app.login(ADMIN_LOGIN, ADMIN_PASSWORD), desk.account_id, plain.url)
        # Entries leave the outbox only with the platform's answer recorded: at least
        # those of the users not created yet are still there.
        assert 300 - created <= queued(desk)[0] <= 300
        assert push_until_empty(desk) == 1
        assert queued(desk) == (0, 0)
        remote = plain.users()
        assert len(remote) == 300
        assert sorted(int(u["externalId"]) for u in remote) == sorted(ids)
        assert_platform_mirrors(desk, plain)
    finally:
        app.close()


# 6. The token never leaks


@pytest.fixture
def no_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine without a keyring (the token is kept for the session only)."""
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)


def test_a_refused_token_is_a_sync_problem_that_does_not_show_it(
    database_url: str, cheap_hasher: Argon2Hasher, plain: Platform
) -> None:
    wrong = sync_with({ENVIRONMENT: WRONG_TOKEN})
    with company(database_url, cheap_hasher, plain.url, sync=wrong) as desk:
        add_users(desk, 4)
        with pytest.raises(SyncProblem, match="401") as refused:
            desk.session.sync.push(desk.account_id)
        assert WRONG_TOKEN not in str(refused.value)
        assert queued(desk) == (4, 0)
        [status] = desk.session.sync.status(desk.account_id)
        assert "401" in status.last_error and WRONG_TOKEN not in status.last_error


@pytest.fixture
def app_log(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """The application's log file, in tmp_path (XDG_STATE_HOME), at the DEBUG level."""
    logger = logging.getLogger(LOGGER)
    former = [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]
    level = logger.level
    for handler in former:
        logger.removeHandler(handler)
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    path = log_file()
    assert tmp_path in path.parents
    logger.setLevel(logging.DEBUG)
    try:
        yield path
    finally:
        for handler in [h for h in logger.handlers if isinstance(h, RotatingFileHandler)]:
            logger.removeHandler(handler)
            handler.close()
        for handler in former:
            logger.addHandler(handler)
        logger.setLevel(level)


def assert_not_in_files(database: Path) -> None:
    """Neither token is in the SQLite file, nor in its WAL or journal."""
    files = [database, Path(f"{database}-wal"), Path(f"{database}-journal")]
    for path in [p for p in files if p.exists()]:
        data = path.read_bytes()
        assert TOKEN.encode() not in data and WRONG_TOKEN.encode() not in data, path


def shown(error: BaseException) -> str:
    """An exception as a trace would show it, its causes included."""
    return "".join(traceback.format_exception(error))


def test_the_token_never_leaks(
    sqlite_url: str,
    cheap_hasher: Argon2Hasher,
    plain: Platform,
    no_keyring: None,
    app_log: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, the HTTP clients' too
    database = Path(sqlite_url.removeprefix("sqlite:///"))
    wrong = sync_with({ENVIRONMENT: WRONG_TOKEN})
    with company(sqlite_url, cheap_hasher, plain.url, sync=wrong) as desk:
        add_users(desk, 20)
        with pytest.raises(SyncProblem) as refused:
            desk.session.sync.push(desk.account_id)
        assert "401" in str(refused.value)
        assert WRONG_TOKEN not in shown(refused.value)
        assert queued(desk) == (20, 0)
        account_id = desk.account_id

    # The right token, given to the application (kept for this session: no keyring).
    app = reopen(sqlite_url, cheap_hasher, sync_with({}))
    try:
        session = app.login(ADMIN_LOGIN, ADMIN_PASSWORD)
        done = session.sync.configure(account_id, url=plain.url, roles="groups", token=TOKEN)
        assert done.value.token_kept == "session"
        desk = Desk(app, session, account_id, plain.url)
        plain.proxy.chaos(seed=3, error500=1.0, when=lambda method, path: method == "PATCH")
        [report] = desk.session.sync.push(account_id).value  # memberships fail, errors kept...
        assert report.failed == 20 and "500" in report.error
        plain.proxy.clear()
        assert push_until_empty(desk) == 1  # ...then all are sent
        add_users(desk, 1, first=20)
        desk.session.sync.push(account_id)
        assert queued(desk) == (0, 0)
        entries = session.audit.entries(limit=10_000)
        assert {"sync.configure", "sync.push"} <= {e.action for e in entries}
        for entry in entries:
            assert TOKEN not in repr(entry) and WRONG_TOKEN not in repr(entry), entry
        assert_not_in_files(database)  # open: the WAL may hold the latest pages
    finally:
        app.close()
    assert_not_in_files(database)

    # Nor the application's log file (redirected here), nor any log record of any logger.
    assert TOKEN.encode() not in app_log.read_bytes()
    assert WRONG_TOKEN.encode() not in app_log.read_bytes()
    assert caplog.records, "nothing was logged: the check below would prove nothing"
    for record in caplog.records:
        text = record.getMessage() + (shown(record.exc_info[1]) if record.exc_info else "")
        assert TOKEN not in text and WRONG_TOKEN not in text, record


# 7. The keyring


@pytest.fixture
def file_keyring(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> PlaintextKeyring:
    """keyrings.alt's plaintext keyring, in a temporary folder, chosen on purpose."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    backend = PlaintextKeyring()
    assert str(tmp_path) in backend.file_path
    # keyring keeps the backend it chose: this one for the test, the former one afterwards.
    monkeypatch.setattr(keyring.core, "_keyring_backend", backend)
    assert keyring.get_keyring() is backend
    return backend


CHOSEN = {"PYTHON_KEYRING_BACKEND": "keyrings.alt.file.PlaintextKeyring"}


def test_a_token_in_the_keyring_serves_a_new_application(
    database_url: str, cheap_hasher: Argon2Hasher, plain: Platform, file_keyring: PlaintextKeyring
) -> None:
    with company(database_url, cheap_hasher, plain.url, sync=sync_with(dict(CHOSEN))) as desk:
        done = desk.session.sync.configure(
            desk.account_id, url=plain.url, roles="groups", token=TOKEN
        )
        assert done.value.token_kept == "keyring"
        key = token_key(done.value.settings)
        assert file_keyring.get_password(SERVICE, key) == TOKEN
        ids = add_users(desk, 2)

        # A new application, its token from the keyring alone.
        other = reopen(database_url, cheap_hasher, sync_with(dict(CHOSEN)))
        try:
            session = other.login(ADMIN_LOGIN, ADMIN_PASSWORD)
            assert session.sync.has_token(desk.account_id)
            [report] = session.sync.push(desk.account_id).value
            assert (report.sent, report.failed) == (2, 0)
        finally:
            other.close()
        assert sorted(int(u["externalId"]) for u in plain.users()) == sorted(ids)

        # DESKTOP_ADMIN_SYNC_TOKEN wins over the keyring, for worse...
        add_users(desk, 3, first=2)
        env_wins = reopen(database_url, cheap_hasher, sync_with(CHOSEN | {ENVIRONMENT: "bad"}))
        try:
            session = env_wins.login(ADMIN_LOGIN, ADMIN_PASSWORD)
            with pytest.raises(SyncProblem, match="401"):
                session.sync.push(desk.account_id)
        finally:
            env_wins.close()
        # ...and for better (the keyring holds a stale token now).
        file_keyring.set_password(SERVICE, key, "stale-token-in-the-keyring")
        env_wins = reopen(database_url, cheap_hasher, sync_with(CHOSEN | {ENVIRONMENT: TOKEN}))
        try:
            session = env_wins.login(ADMIN_LOGIN, ADMIN_PASSWORD)
            [report] = session.sync.push(desk.account_id).value
            assert (report.sent, report.failed) == (3, 0)
        finally:
            env_wins.close()


def test_without_a_keyring_the_token_lasts_the_session(
    database_url: str, cheap_hasher: Argon2Hasher, plain: Platform, no_keyring: None
) -> None:
    with company(database_url, cheap_hasher, plain.url, sync=sync_with({})) as desk:
        done = desk.session.sync.configure(
            desk.account_id, url=plain.url, roles="groups", token=TOKEN
        )
        assert done.value.token_kept == "session"
        ids = add_users(desk, 2)
        [report] = desk.session.sync.push(desk.account_id).value
        assert (report.sent, report.failed) == (2, 0)
        assert sorted(int(u["externalId"]) for u in plain.users()) == sorted(ids)
        add_users(desk, 3, first=2)

        other = reopen(database_url, cheap_hasher, sync_with({}))
        try:
            session = other.login(ADMIN_LOGIN, ADMIN_PASSWORD)
            assert not session.sync.has_token(desk.account_id)
            with pytest.raises(SyncProblem, match=ENVIRONMENT):
                session.sync.push(desk.account_id)
            [status] = session.sync.status(desk.account_id)
            assert status.queued == 3
        finally:
            other.close()
