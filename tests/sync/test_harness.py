"""Quick checks of the sync test harness: the real SCIM server and the fault proxy."""

from __future__ import annotations

import contextlib
import itertools
from collections.abc import Iterator
from typing import Any

import httpx2
import pytest

from tests.sync import scim_server as scim_server_module
from tests.sync.fault_proxy import Fault, FaultProxy
from tests.sync.scim_server import ScimServer, ScimServerError

TOKEN = "harness-token"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error"

_names = itertools.count(1)


def new_user(prefix: str = "user") -> dict[str, Any]:
    return {"schemas": [USER_SCHEMA], "userName": f"{prefix}-{next(_names)}@example.com"}


@pytest.fixture(scope="module")
def server() -> Iterator[ScimServer]:
    with ScimServer(tenants=["acme", "beta"], bearer_token=TOKEN) as running:
        yield running


@pytest.fixture
def client(server: ScimServer) -> Iterator[httpx2.Client]:
    with httpx2.Client(base_url=server.base_url("acme"), headers=server.headers(), timeout=10) as c:
        yield c


@pytest.fixture
def proxy(server: ScimServer) -> Iterator[FaultProxy]:
    with FaultProxy(server.origin) as running:
        yield running


@pytest.fixture
def proxied(server: ScimServer, proxy: FaultProxy) -> Iterator[httpx2.Client]:
    url = proxy.base_url("/acme/v2")
    with httpx2.Client(base_url=url, headers=server.headers(), timeout=10) as c:
        yield c


def user_names(server: ScimServer, tenant: str) -> set[str]:
    return {user["userName"] for user in server.users(tenant)}


def test_tenant_url_layout_and_token(server: ScimServer) -> None:
    assert server.base_url("acme") == f"http://127.0.0.1:{server.port}/acme/v2"
    with pytest.raises(ValueError):
        server.base_url()
    assert httpx2.get(f"{server.origin}/v2/ServiceProviderConfig").status_code == 404
    assert httpx2.get(f"{server.base_url('acme')}/Users").status_code == 401
    with pytest.raises(ScimServerError):
        server.users("acme", token="wrong")


def test_create_read_back_and_tenants_are_separate(
    server: ScimServer, client: httpx2.Client
) -> None:
    user = {"schemas": [USER_SCHEMA], "userName": "a@example.com"}
    created = client.post("/Users", json=user)
    assert created.status_code == 201, created.text
    assert created.headers["ETag"] == created.json()["meta"]["version"]
    assert "a@example.com" in user_names(server, "acme")
    assert "a@example.com" not in user_names(server, "beta")


def test_duplicate_user_name_answers_409(client: httpx2.Client) -> None:
    user = new_user("dup")
    assert client.post("/Users", json=user).status_code == 201
    again = client.post("/Users", json=user)
    assert again.status_code == 409
    assert again.json()["scimType"] == "uniqueness"


def test_put_with_stale_if_match_answers_412(client: httpx2.Client) -> None:
    created = client.post("/Users", json=new_user("etag")).json()
    url, first_version = f"/Users/{created['id']}", created["meta"]["version"]
    body = {**new_user("etag"), "userName": created["userName"], "displayName": "Once"}
    updated = client.put(url, json=body, headers={"If-Match": first_version})
    assert updated.status_code == 200, updated.text
    assert updated.json()["meta"]["version"] != first_version
    stale = client.put(url, json=body, headers={"If-Match": first_version})
    assert stale.status_code == 412


def test_users_pages_through_every_user(
    server: ScimServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    with httpx2.Client(base_url=server.base_url("beta"), headers=server.headers()) as c:
        for _ in range(5):
            assert c.post("/Users", json=new_user("page")).status_code == 201
    monkeypatch.setattr(scim_server_module, "LIST_PAGE_SIZE", 2)
    users = server.users("beta")
    assert len({u["id"] for u in users}) == len(users) >= 5
    assert server.groups("beta") == []


def test_planned_faults_hit_requests_in_order(
    server: ScimServer, proxy: FaultProxy, proxied: httpx2.Client
) -> None:
    proxy.plan([Fault.DROP_BEFORE, Fault.ERROR_500, Fault.THROTTLE_429, Fault.PASS])
    users = [new_user("plan") for _ in range(5)]

    with pytest.raises((httpx2.RemoteProtocolError, httpx2.ReadError)):
        proxied.post("/Users", json=users[0])
    error = proxied.post("/Users", json=users[1])
    assert error.status_code == 500
    assert error.headers["Content-Type"] == "application/scim+json"
    assert error.json() == {"schemas": [ERROR_SCHEMA], "status": "500", "detail": "injected"}
    throttled = proxied.post("/Users", json=users[2])
    assert throttled.status_code == 429
    assert throttled.headers["Retry-After"] == "1"
    assert proxied.post("/Users", json=users[3]).status_code == 201
    assert proxied.post("/Users", json=users[4]).status_code == 201  # plan used up: PASS

    names = user_names(server, "acme")
    assert {u["userName"] for u in users[:3]}.isdisjoint(names)
    assert {u["userName"] for u in users[3:]} <= names
    assert (proxy.requests, proxy.forwarded) == (5, 2)
    assert proxy.faults_injected == {
        Fault.DROP_BEFORE: 1,
        Fault.ERROR_500: 1,
        Fault.THROTTLE_429: 1,
    }


def test_drop_after_creates_the_user_upstream(
    server: ScimServer, proxy: FaultProxy, proxied: httpx2.Client
) -> None:
    proxy.plan([Fault.DROP_AFTER, Fault.UNAVAILABLE_503])
    user = new_user("after")
    with pytest.raises((httpx2.RemoteProtocolError, httpx2.ReadError)):
        proxied.post("/Users", json=user)
    assert user["userName"] in user_names(server, "acme")
    unavailable = proxied.post("/Users", json=user)
    assert (unavailable.status_code, unavailable.headers["Retry-After"]) == (503, "1")
    assert proxied.post("/Users", json=user).status_code == 409  # the retry finds it done
    assert proxy.forwarded == 2


def test_keep_alive_uses_one_connection(proxy: FaultProxy, proxied: httpx2.Client) -> None:
    for _ in range(3):
        assert proxied.post("/Users", json=new_user("alive")).status_code == 201
        assert proxied.get("/Users", params={"count": 1}).status_code == 200
    assert proxy.connections == 1
    assert proxy.requests == proxy.forwarded == 6


def test_locations_point_at_the_proxy(proxy: FaultProxy, proxied: httpx2.Client) -> None:
    created = proxied.post("/Users", json=new_user("where"))
    assert created.headers["Location"].startswith(proxy.base_url("/acme/v2/Users/"))
    assert proxied.get(created.headers["Location"]).status_code == 200


def test_chaos_is_reproducible_and_when_filters(proxy: FaultProxy, proxied: httpx2.Client) -> None:
    def run() -> list[Fault]:
        proxy.reset_counters()
        proxy.chaos(
            seed=7,
            drop=0.2,
            error500=0.2,
            throttle=0.2,
            delay=0.2,
            delay_seconds=0.001,
            when=lambda method, path: method == "GET",
        )
        proxied.post("/Users", json=new_user("chaos"))  # not selected: always passes
        for _ in range(20):
            with contextlib.suppress(httpx2.RemoteProtocolError, httpx2.ReadError):
                proxied.get("/Users", params={"count": 1})
        return [record.fault for record in proxy.records]

    first = run()
    assert first == run()
    assert first[0] is Fault.PASS
    assert len(set(first)) >= 4


def test_service_provider_config_can_switch_bulk_off() -> None:
    with ScimServer(service_provider_config={"bulk": {"supported": False}}) as server:
        assert server.base_url() == f"http://127.0.0.1:{server.port}/v2"
        config = httpx2.get(f"{server.base_url()}/ServiceProviderConfig").json()
        assert config["bulk"]["supported"] is False
        assert config["patch"]["supported"] is True  # merged over the defaults
        bulk = {"schemas": ["urn:ietf:params:scim:api:messages:2.0:BulkRequest"], "Operations": []}
        assert httpx2.post(f"{server.base_url()}/Bulk", json=bulk).status_code == 501
    assert not server.running


def test_no_content_answers_keep_the_connection_usable(
    server: ScimServer, proxy: FaultProxy, proxied: httpx2.Client
) -> None:
    member = proxied.post("/Users", json=new_user("member")).json()["id"]
    group = {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Team"}
    url = f"/Groups/{proxied.post('/Groups', json=group).json()['id']}"
    patch_op = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
    add = {"op": "add", "path": "members", "value": [{"value": member}]}
    remove = {"op": "remove", "path": f'members[value eq "{member}"]'}

    def patch(operation: dict[str, Any]) -> int:
        body = {"schemas": [patch_op], "Operations": [operation]}
        return proxied.patch(url, json=body).status_code

    assert patch(add) == 204
    assert [m["value"] for m in proxied.get(url).json()["members"]] == [member]
    assert patch(remove) == 204
    assert "members" not in proxied.get(url).json()
    assert proxied.delete(url).status_code == 204
    assert proxied.get(url).status_code == 404
    assert proxy.connections == 1
    assert server.groups("acme") == []
