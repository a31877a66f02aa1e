"""The platform over SCIM 2.0 (RFC 7643, RFC 7644), with scim2-client on httpx2.

Users go as SCIM Users (`userName` = e-mail, `externalId` = our id, `active`,
`emails`, `displayName`, the enterprise extension's `department`); roles go as the
chosen mapping: Groups with members, or the User's `roles` or `entitlements`. With
Bulk, operations go `maxOperations` at a time; without it, several requests are in
flight at once on one pool of keep-alive connections.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx2
from scim2_client import SCIMClientException
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_models import (
    Error,
    ListResponse,
    SCIMException,
    SearchRequest,
    UnauthorizedException,
)

from desktop_admin.domain.platform import (
    PlatformFeatures,
    PlatformUnreachable,
    PushResult,
    RemoteUser,
    TokenRefused,
    UserPush,
)
from desktop_admin.domain.sync import RoleMapping, SyncSettings
from desktop_admin.sync.groups import GroupMembers
from desktop_admin.sync.resources import BULK_REQUEST, Answer, UserResources, _described
from desktop_admin.sync.transport import RetryingTransport, RetryPolicy

#: Requests in flight at once without Bulk, and connections kept alive.
WORKERS = 8
#: Users read a page at a time (below the server's `filter.maxResults`).
PAGE = 500
#: The share of Bulk's `maxPayloadSize` a request fills at most (room for the envelope).
PAYLOAD_SHARE = 0.9


class ScimPlatform:
    def __init__(
        self,
        settings: SyncSettings,
        token: str,
        *,
        policy: RetryPolicy | None = None,
        timeout: float = 30.0,
        workers: int = WORKERS,
    ) -> None:
        self.mapping, self.workers = settings.roles, workers
        self.transport = RetryingTransport(httpx2.HTTPTransport(), policy or RetryPolicy())
        self._http = httpx2.Client(
            base_url=settings.base_url,
            headers={"Authorization": f"Bearer {token}"},
            transport=self.transport,
            timeout=timeout,
            limits=httpx2.Limits(max_connections=workers, max_keepalive_connections=workers),
        )
        self._scim = SyncSCIMClient(self._http, raise_scim_errors=False)
        self._resources: UserResources | None = None

    def close(self) -> None:
        self._http.close()

    # What the server offers
    def _ready(self) -> UserResources:
        if self._resources is None:
            try:
                self._scim.discover()
            except (SCIMClientException, SCIMException) as error:
                _refuse_token(error)
                raise self._unreachable(error) from None
            self._resources = UserResources(self._scim, self.mapping)
        return self._resources

    def _unreachable(self, error: Exception) -> PlatformUnreachable:
        return PlatformUnreachable(
            f"the platform at {self._http.base_url} could not be read: {_described(error)}"
        )

    def features(self) -> PlatformFeatures:
        config = self._ready().config
        bulk, filtering = config.bulk, config.filter
        return PlatformFeatures(
            patch=bool(config.patch and config.patch.supported),
            bulk=bool(bulk and bulk.supported),
            bulk_max_operations=(bulk.max_operations or 0) if bulk else 0,
            bulk_max_payload=(bulk.max_payload_size or 0) if bulk else 0,
            filter=bool(filtering and filtering.supported),
            filter_max_results=(filtering.max_results or 0) if filtering else 0,
            etag=bool(config.etag and config.etag.supported),
            sort=bool(config.sort and config.sort.supported),
        )

    # Push
    def push(
        self,
        pushes: Sequence[UserPush],
        groups: dict[str, str],
        *,
        cancelled: Any,
    ) -> tuple[list[PushResult], dict[str, str]]:
        resources = self._ready()
        self.transport.cancelled = cancelled
        features = self.features()
        if features.bulk and features.bulk_max_operations > 1:
            answers = self._bulk(resources, pushes, features, cancelled)
        else:
            answers = self._one_by_one(resources, pushes, cancelled)
        results = [
            resources.settle(push, answer) for push, answer in zip(pushes, answers, strict=True)
        ]
        for result in results:
            if result.error.startswith("401"):
                raise TokenRefused(result.error)
        if self.mapping is RoleMapping.GROUPS:  # for what was sent, cancelled or not
            members = GroupMembers(self._scim, resources, groups)
            results = members.apply(pushes, results)
            groups = members.groups
        return results, groups

    def _one_by_one(
        self, resources: UserResources, pushes: Sequence[UserPush], cancelled: Any
    ) -> list[Answer]:
        def send(push: UserPush) -> Answer:
            if cancelled():
                return Answer.cancelled()
            return resources.send(push)

        with ThreadPoolExecutor(self.workers) as pool:
            return list(pool.map(send, pushes))

    def _bulk(
        self,
        resources: UserResources,
        pushes: Sequence[UserPush],
        features: PlatformFeatures,
        cancelled: Any,
    ) -> list[Answer]:
        answers: list[Answer] = []
        for chunk in _within(resources, pushes, features):
            if cancelled():
                answers += [Answer.cancelled()] * len(chunk)
                continue
            answers += self._bulk_chunk([push for push, _ in chunk], [op for _, op in chunk])
        return answers

    def _bulk_chunk(
        self, chunk: Sequence[UserPush], operations: list[dict[str, Any]]
    ) -> list[Answer]:
        resources = self._ready()
        request = {"schemas": [BULK_REQUEST], "Operations": operations}
        try:
            response = self._scim.bulk(request, check_request_payload=False)
        except SCIMClientException as error:
            _refuse_token(error)
            return [Answer.failure(_described(error))] * len(chunk)
        if isinstance(response, Error):
            if str(response.status) == "401":
                raise TokenRefused("401")
            return [Answer.failure(f"{response.status} {response.detail or ''}")] * len(chunk)
        done = getattr(response, "operations", None) or []
        answers = []
        for index, push in enumerate(chunk):
            op = done[index] if index < len(done) else None
            answers.append(resources.bulk_answer(push, op))
        return answers

    # Pull
    def users(
        self, groups: dict[str, str], *, progress: Any, cancelled: Any
    ) -> list[RemoteUser] | None:
        resources = self._ready()
        self.transport.cancelled = cancelled
        found: list[RemoteUser] = []
        roles_of = None
        if self.mapping is RoleMapping.GROUPS:
            try:
                roles_of = GroupMembers(self._scim, resources, groups).memberships(cancelled)
            except SCIMClientException as error:
                raise self._unreachable(error) from None
            if roles_of is None:
                return None
        start, total = 1, None
        while total is None or start <= total:
            if cancelled():
                return None
            page = self._page(resources.user_model, start)
            total = page.total_results or 0
            items = page.resources or []
            found += [resources.remote(item, roles_of) for item in items]
            progress(min(len(found), total), total)
            if not items:
                break
            start += len(items)
        return found

    def _page(self, model: Any, start: int) -> ListResponse[Any]:
        try:
            answer = self._scim.query(
                model, query_parameters=SearchRequest(start_index=start, count=PAGE)
            )
        except SCIMClientException as error:
            _refuse_token(error)
            raise self._unreachable(error) from None
        if isinstance(answer, Error):
            if str(answer.status) == "401":
                raise TokenRefused("401")
            raise PlatformUnreachable(
                f"the platform refused to list its users: {answer.status} {answer.detail or ''}"
            )
        assert isinstance(answer, ListResponse)
        return answer


def _within(
    resources: UserResources, pushes: Sequence[UserPush], features: PlatformFeatures
) -> Iterator[list[tuple[UserPush, dict[str, Any]]]]:
    """The pushes with their Bulk operations, in requests within the server's
    `maxOperations` and `maxPayloadSize` (each operation measured as JSON)."""
    budget = int(features.bulk_max_payload * PAYLOAD_SHARE) or None
    chunk: list[tuple[UserPush, dict[str, Any]]] = []
    size = 0
    for push in pushes:
        operation = resources.operation(push)
        weight = len(json.dumps(operation, ensure_ascii=False).encode()) + 1
        full = len(chunk) >= features.bulk_max_operations
        if chunk and (full or (budget is not None and size + weight > budget)):
            yield chunk
            chunk, size = [], 0
        chunk.append((push, operation))
        size += weight
    if chunk:
        yield chunk


def _refuse_token(error: Exception) -> None:
    """Raise `TokenRefused` if `error` is the platform's 401."""
    status = getattr(error, "status", None) or getattr(
        getattr(error, "source", None), "status_code", None
    )
    if str(status) == "401" or isinstance(error, UnauthorizedException):
        raise TokenRefused("401") from None
