"""`desktop-admin sync ...` for real: the command in a subprocess, a SQLite file, and the
real SCIM server on loopback. The platform's token never shows in the output, the
database file or the log."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2
import pytest

from tests.cli.conftest import ADMIN, TODAY, Cli, Result, command_path, seed
from tests.sync import conftest as sync_fixtures
from tests.sync.conftest import TOKEN
from tests.sync.fault_proxy import Fault, FaultProxy
from tests.sync.scim_server import ScimServer, free_port

# The session's SCIM server and a tenant of its own for each test, as in tests/sync.
scim = sync_fixtures.scim
unused_tenants = sync_fixtures.unused_tenants
tenant = sync_fixtures.tenant

SYNC_TOKEN = "DESKTOP_ADMIN_SYNC_TOKEN"
KEYRING = "PYTHON_KEYRING_BACKEND"
#: A keyring that refuses everything: this machine "has no keyring", whatever it has.
NO_KEYRING = "keyring.backends.fail.Keyring"
#: A file keyring in the test's home, chosen on purpose.
FILE_KEYRING = "keyrings.alt.file.PlaintextKeyring"
WRONG_TOKEN = "wrong-token-5b1c9e"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"


@dataclass
class SyncCli:
    """The seeded company's database, every command run, and where the secrets must not be."""

    cli: Cli
    account_id: int
    tmp: Path
    results: list[Result] = field(default_factory=list)

    def run(
        self, *args: str, stdin: str = "", env: Mapping[str, str | None] | None = None
    ) -> Result:
        """`desktop-admin --db ... --today ... --as admin ARGS`, `stdin` on standard input."""
        environment = dict(self.cli.env)
        for key, value in (env or {}).items():
            if value is None:
                environment.pop(key, None)
            else:
                environment[key] = value
        full = ["--db", self.cli.url, "--today", TODAY, "--as", ADMIN, *args]
        done = subprocess.run(
            [str(command_path()), *full],
            env=environment,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=90,
            cwd=self.cli.home,
        )
        result = Result(tuple(args), done.returncode, done.stdout, done.stderr)
        self.results.append(result)
        return result

    def with_token(self, *args: str, token: str = TOKEN, stdin: str = "") -> Result:
        return self.run(*args, stdin=stdin, env={SYNC_TOKEN: token})

    def ok(self, *args: str, token: str = TOKEN) -> Any:
        result = self.with_token("--json", *args, token=token)
        assert result.returncode == 0, str(result)
        return result.json

    def configure(self, url: str, *extra: str, stdin: str = "") -> Result:
        result = self.run(
            "sync", "configure", "--account", str(self.account_id), "--url", url, *extra,
            stdin=stdin,
        )  # fmt: skip
        return result

    def files_holding(self, secret: str) -> list[str]:
        """Files of the test (the database, its WAL, the log...) that hold `secret`; the
        file keyring chosen on purpose is left out."""
        return [
            str(path)
            for path in self.tmp.rglob("*")
            if path.is_file()
            and "python_keyring" not in path.parts
            and secret.encode() in path.read_bytes()
        ]


@pytest.fixture
def desk(cli: Cli, tmp_path: Path) -> Iterator[SyncCli]:
    """A company with 10 named-user and 2 designer seats and two users; the log in the
    test's folder; no keyring unless a test chooses one. Afterwards: no token anywhere."""
    cli.env.update(
        XDG_STATE_HOME=str(cli.home / "state"),
        XDG_CACHE_HOME=str(cli.home / "cache"),
        **{KEYRING: NO_KEYRING},
    )
    seeded = seed(
        cli,
        seats={"named-user": 10, "designer": 2},
        users=[("ada@acme.example", ["named-user"]), ("alan@acme.example", ["designer"])],
    )
    desk = SyncCli(cli, seeded.account_id, tmp_path)
    yield desk
    for secret in (TOKEN, WRONG_TOKEN):
        for result in desk.results:
            assert secret not in result.stdout + result.stderr, str(result)
        assert desk.files_holding(secret) == []


def log_files(desk: SyncCli) -> list[Path]:
    return sorted((desk.cli.home / "state").rglob("*.log*"))


# configure -------------------------------------------------------------------------


def test_configure_refuses_a_url_that_is_not_https_and_unknown_role_mappings(
    desk: SyncCli,
) -> None:
    bad = desk.configure("http://example.com")
    assert bad.returncode == 2, str(bad)
    assert "url" in bad.stderr and "https://" in bad.stderr
    assert "Traceback" not in bad.stderr

    for url in ("https://user:pw@platform.example/v2",):
        refused = desk.configure(url)
        assert refused.returncode == 2, str(refused)
        assert "field 'url'" in refused.stderr

    bogus = desk.configure("https://platform.example/scim/v2", "--roles", "bogus")
    assert bogus.returncode == 2, str(bogus)
    assert "--roles" in bogus.stderr and "bogus" in bogus.stderr

    [status] = desk.ok("sync", "status", "--account", str(desk.account_id))
    assert status["configured"] is False


def test_configure_with_the_token_on_stdin_and_no_keyring_says_to_use_the_variable(
    desk: SyncCli, scim: ScimServer, tenant: str
) -> None:
    done = desk.configure(scim.base_url(tenant), "--token-stdin", stdin=TOKEN + "\n")
    assert done.returncode == 0, str(done)
    assert "could not be kept" in done.stdout and "no keyring" in done.stdout
    assert SYNC_TOKEN in done.stdout
    assert "2 user(s) queued" in done.stdout

    # Nothing kept it, so a push without the variable is refused, naming the ways.
    push = desk.run("sync", "push", "--account", str(desk.account_id))
    assert push.returncode == 2, str(push)
    assert "no platform token" in push.stderr and SYNC_TOKEN in push.stderr

    as_json = desk.run(
        "--json", "sync", "configure", "--account", str(desk.account_id),
        "--url", scim.base_url(tenant), "--token-stdin", stdin=TOKEN,
    )  # fmt: skip
    assert as_json.returncode == 0, str(as_json)
    assert as_json.json["token"] == "session" and as_json.json["roles"] == "groups"
    assert as_json.json["queued"] == 0  # queued once, at the first configuration
    assert SYNC_TOKEN in as_json.stderr

    empty = desk.configure(scim.base_url(tenant), "--token-stdin", stdin="\n")
    assert empty.returncode == 2, str(empty)
    assert "No token" in empty.stderr


def test_token_in_a_keyring_chosen_on_purpose_then_test_reads_the_features(
    desk: SyncCli, scim: ScimServer, tenant: str
) -> None:
    desk.cli.env[KEYRING] = FILE_KEYRING
    done = desk.configure(scim.base_url(tenant), "--roles", "roles", "--token-stdin", stdin=TOKEN)
    assert done.returncode == 0, str(done)
    assert "kept in this machine's keyring" in done.stdout

    test = desk.run("sync", "test", "--account", str(desk.account_id))  # no variable
    assert test.returncode == 0, str(test)
    for feature in ("PATCH", "Bulk", "maxOperations", "maxPayloadSize", "maxResults", "ETag"):
        assert feature in test.stdout
    features = desk.ok("sync", "test", "--account", str(desk.account_id))
    assert features["account_id"] == desk.account_id
    assert {"patch", "bulk", "bulk_max_operations", "filter_max_results", "etag"} <= set(features)

    # A later configure without --roles keeps the mapping, and the token is still there.
    again = desk.configure(scim.base_url(tenant))
    assert again.returncode == 0, str(again)
    assert "roles as roles" in again.stdout and "A token is available" in again.stdout


# push, status, pull ------------------------------------------------------------


def test_push_sends_the_users_and_status_counts_them(
    desk: SyncCli, scim: ScimServer, tenant: str
) -> None:
    account = str(desk.account_id)
    assert desk.configure(scim.base_url(tenant)).returncode == 0
    added = desk.run(
        "user", "add", "--account", account, "--email", "grace@acme.example", "--role", "designer"
    )
    assert added.returncode == 0, str(added)
    [before] = desk.ok("sync", "status", "--account", account)
    assert (before["queued"], before["sent"], before["failed"]) == (3, 0, 0)
    assert before["last_sync"] is None

    push = desk.with_token("sync", "push", "--account", account)
    assert push.returncode == 0, str(push)
    assert push.stdout.strip() == f"Account {account}: 3 sent, 0 failed, 0 conflict(s)"
    on_platform = {u["userName"]: u for u in scim.users(tenant)}
    assert set(on_platform) == {"ada@acme.example", "alan@acme.example", "grace@acme.example"}
    assert all(u["active"] for u in on_platform.values())

    statuses = desk.ok("sync", "status")
    assert [(s["account_id"], s["queued"], s["sent"], s["failed"]) for s in statuses] == [
        (desk.account_id, 0, 3, 0)
    ]
    assert statuses[0]["last_sync"] is not None
    text = desk.run("sync", "status")
    assert text.returncode == 0 and scim.base_url(tenant) in text.stdout

    # Nothing waits: a second push (every account, as JSON) sends nothing.
    assert desk.ok("sync", "push") == [
        {"account_id": desk.account_id, "sent": 0, "failed": 0, "conflicts": 0,
         "cancelled": False, "error": ""}
    ]  # fmt: skip


def test_a_wrong_token_is_refused_naming_401_and_never_shown(
    desk: SyncCli, scim: ScimServer, tenant: str
) -> None:
    account = str(desk.account_id)
    assert desk.configure(scim.base_url(tenant)).returncode == 0
    for action in ("push", "pull", "test"):
        refused = desk.with_token("sync", action, "--account", account, token=WRONG_TOKEN)
        assert refused.returncode == 2, str(refused)
        assert "401" in refused.stderr and "Traceback" not in refused.stderr
    assert scim.users(tenant) == []
    [status] = desk.ok("sync", "status", "--account", account)
    assert status["queued"] == 2 and status["sent"] == 0


def test_pull_brings_a_user_made_on_the_platform_disabled_and_without_roles(
    desk: SyncCli, scim: ScimServer, tenant: str
) -> None:
    account = str(desk.account_id)
    assert desk.configure(scim.base_url(tenant)).returncode == 0
    assert desk.with_token("sync", "push").returncode == 0
    made = httpx2.post(
        f"{scim.base_url(tenant)}/Users",
        headers=scim.headers(),
        json={
            "schemas": [USER_SCHEMA],
            "userName": "linus@acme.example",
            "displayName": "Linus",
            "active": True,
        },
        timeout=10,
    )
    assert made.status_code == 201, made.text

    pull = desk.with_token("sync", "pull", "--account", account)
    assert pull.returncode == 0, str(pull)
    assert f"Account {account}: 3 read, 1 created" in pull.stdout
    users = {u["email"]: u for u in desk.ok("user", "list", "--account", account)}
    linus = users["linus@acme.example"]
    assert (linus["enabled"], linus["roles"], linus["display_name"]) == (False, [], "Linus")
    assert users["ada@acme.example"]["enabled"] is True

    [report] = desk.ok("sync", "pull")
    assert report["created"] == 0 and report["refused"] == []


# failures ------------------------------------------------------------------------


def test_entries_the_platform_refuses_exit_1_are_listed_and_retried(
    desk: SyncCli, scim: ScimServer, tenant: str
) -> None:
    account = str(desk.account_id)
    with FaultProxy(scim.origin) as proxy:
        assert desk.configure(proxy.base_url(f"/{tenant}/v2")).returncode == 0
        # Every try of the first write fails (the retries included), then all pass.
        proxy.plan([Fault.ERROR_500] * 5, when=lambda method, path: method != "GET")
        push = desk.with_token("sync", "push", "--account", account)
        assert push.returncode == 1, str(push)
        assert "0 sent, 2 failed" in push.stdout and "last error: 500" in push.stdout

        [status] = desk.ok("sync", "status", "--account", account)
        assert (status["queued"], status["failed"]) == (2, 2)
        assert {f["user_name"] for f in status["failures"]} == {
            "ada@acme.example",
            "alan@acme.example",
        }
        listed = desk.run("sync", "status", "--account", account)
        assert "failed: ada@acme.example" in listed.stdout

        retry = desk.run("sync", "retry", "--account", account)
        assert retry.returncode == 0, str(retry)
        assert "2 failed entries" in retry.stdout
        again = desk.with_token("sync", "push", "--account", account)
        assert again.returncode == 0, str(again)
        assert "2 sent, 0 failed" in again.stdout
    assert len(scim.users(tenant)) == 2


def test_a_platform_that_does_not_answer_is_explained_and_nothing_is_lost(
    desk: SyncCli,
) -> None:
    account = str(desk.account_id)
    url = f"http://127.0.0.1:{free_port()}/v2"  # nothing listens there
    assert desk.configure(url).returncode == 0
    for action in ("test", "push"):
        failed = desk.with_token("sync", action, "--account", account)
        assert failed.returncode == 1, str(failed)
        assert url in failed.stderr and "Traceback" not in failed.stderr
    [status] = desk.ok("sync", "status", "--account", account)
    assert status["queued"] == 2 and status["sent"] == 0
    assert url in status["last_error"]


def test_a_keyring_set_up_wrong_counts_as_none(
    desk: SyncCli, scim: ScimServer, tenant: str
) -> None:
    desk.cli.env[KEYRING] = "no_such_module.Keyring"  # a keyring named that does not exist
    kept = desk.configure(scim.base_url(tenant), "--token-stdin", stdin=TOKEN)
    assert kept.returncode == 0, str(kept)
    assert "could not be kept" in kept.stdout and "DESKTOP_ADMIN_SYNC_TOKEN" in kept.stdout
    assert "unexpected error" not in kept.stderr


def test_sync_needs_a_configured_account_and_its_arguments(desk: SyncCli) -> None:
    push = desk.with_token("sync", "push", "--account", str(desk.account_id))
    assert push.returncode == 2, str(push)
    assert "not configured" in push.stderr
    nothing = desk.with_token("sync", "push")
    assert nothing.returncode == 0 and "No account has sync configured" in nothing.stdout
    assert desk.run("sync", "retry").returncode == 2  # --account is required
    assert (
        desk.run("sync", "configure", "--account", "1", "--url", "x", "--token", "t").returncode
        == 2
    )
    help_text = desk.run("sync", "--help")
    for action in ("configure", "test", "push", "pull", "status", "retry"):
        assert action in help_text.stdout
