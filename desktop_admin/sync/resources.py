"""SCIM Users from our users and back, and what each of the platform's answers means
for an outbox entry (409 links to the user that exists, 412 reads the platform's copy
for the conflict rule, 404 on a removal is done)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from scim2_client import SCIMClientException
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_models import Error, ListResponse, SearchRequest

from desktop_admin.domain.platform import (
    PushOutcome,
    PushResult,
    RemoteUser,
    TokenRefused,
    UserPush,
)
from desktop_admin.domain.sync import RoleMapping, UserState

USER = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest"


@dataclass(frozen=True)
class Answer:
    """The platform's answer to one operation."""

    status: int
    remote_id: str = ""
    etag: str = ""
    error: str = ""

    @classmethod
    def failure(cls, error: str) -> Answer:
        return cls(0, error=error)

    @classmethod
    def cancelled(cls) -> Answer:
        return cls(-1)


class UserResources:
    def __init__(self, scim: SyncSCIMClient, mapping: RoleMapping) -> None:
        self.scim, self.mapping = scim, mapping
        self.user_model: Any = scim.get_resource_model("User")
        self.group_model: Any = scim.get_resource_model("Group")
        self.config: Any = scim.provider.config
        extensions: dict[str, Any] = getattr(self.user_model, "get_extension_models", dict)()
        self.enterprise = ENTERPRISE in extensions
        self.schemas = [USER] + ([ENTERPRISE] if self.enterprise else [])

    # Our user as a SCIM User
    def payload(self, push: UserPush) -> dict[str, Any]:
        state = push.state
        assert state is not None
        body: dict[str, Any] = {
            "userName": state.user_name,
            "externalId": push.external_id,
            "displayName": state.display_name or None,
            "active": state.active,
            "emails": [{"value": state.user_name, "primary": True, "type": "work"}],
        }
        if self.mapping is not RoleMapping.GROUPS:
            body[self.mapping.value] = [{"value": code} for code in sorted(state.roles)]
        if self.enterprise:
            body[ENTERPRISE] = {"department": state.department or None}
        if push.remote_id:
            body["id"] = push.remote_id
            if push.etag:
                body["meta"] = {"version": push.etag}
        return body

    def resource(self, push: UserPush) -> Any:
        return self.user_model.model_validate(self.payload(push))

    def operation(self, push: UserPush) -> dict[str, Any]:
        """The Bulk operation of one push, as JSON (RFC 7644 3.7). Built as plain data:
        a model for each of thousands of users would cost more than sending them."""
        if push.state is None:
            return {"method": "DELETE", "path": f"/Users/{push.remote_id}"}
        data = {"schemas": self.schemas, **self.payload(push)}
        data.pop("meta", None)
        data = {k: v for k, v in data.items() if v is not None}
        if not (data.get(ENTERPRISE) or {}).get("department"):
            data.pop(ENTERPRISE, None)
        if push.remote_id:
            operation = {"method": "PUT", "path": f"/Users/{push.remote_id}", "data": data}
            if push.etag:
                operation["version"] = push.etag
            return operation
        return {"method": "POST", "path": "/Users", "bulkId": f"u{push.external_id}", "data": data}

    def bulk_answer(self, push: UserPush, op: Any) -> Answer:
        if op is None:
            return Answer.failure("the platform did not answer this operation of the bulk request")
        status = int(op.status or 0)
        remote_id = push.remote_id
        if op.location:
            remote_id = str(op.location).rstrip("/").rsplit("/", 1)[-1]
        if status >= 400:
            return Answer(status, remote_id, error=_error_text(status, op.response))
        return Answer(status, remote_id, op.version or "")

    # One request at a time
    def send(self, push: UserPush) -> Answer:
        try:
            if push.state is None:
                return self._remove(push)
            if push.remote_id:
                return _answer(self.scim.replace(self.resource(push)), push.remote_id, 200)
            return _answer(self.scim.create(self.resource(push)), "", 201)
        except SCIMClientException as error:
            return Answer.failure(_described(error))

    def _remove(self, push: UserPush) -> Answer:
        remote_id = push.remote_id or self._find(push.external_id, push.user_name)[0]
        if not remote_id:
            return Answer(404)
        answer = self.scim.delete(self.user_model, remote_id)
        return _answer(answer, remote_id, 204)

    def _find(self, external_id: str, user_name: str) -> tuple[str, Any]:
        """The platform's user with this `externalId`, else this `userName`."""
        for query in (f'externalId eq "{external_id}"', f'userName eq "{_quoted(user_name)}"'):
            found = self.scim.query(
                self.user_model,
                query_parameters=SearchRequest.model_validate({"filter": query, "count": 2}),
            )
            if isinstance(found, ListResponse) and found.resources:
                return str(found.resources[0].id), found.resources[0]
            if isinstance(found, Error) and str(found.status) == "401":
                raise TokenRefused("401")
        return "", None

    # What an answer means for the entry
    def settle(self, push: UserPush, answer: Answer) -> PushResult:
        """The outcome of one push, asking the platform again where an answer calls for
        it (a creation that exists, a replacement of a user gone, a stale ETag)."""
        try:
            return self._settle(push, answer, depth=0)
        except SCIMClientException as error:
            return PushResult(push.entry_id, PushOutcome.FAILED, error=_described(error))

    def _settle(self, push: UserPush, answer: Answer, depth: int) -> PushResult:
        entry, status = push.entry_id, answer.status
        if status == -1:
            return PushResult(entry, PushOutcome.SKIPPED)
        if status == 401:
            raise TokenRefused("401")
        if push.state is None and status in (200, 204, 404):
            return PushResult(entry, PushOutcome.SENT)
        if status in (200, 201):
            return PushResult(entry, PushOutcome.SENT, answer.remote_id, answer.etag)
        if depth < 2 and push.state is not None:
            if status == 409 and not push.remote_id:
                remote_id, existing = self._find(push.external_id, push.user_name)
                if remote_id:
                    etag = existing.meta.version if existing.meta else ""
                    linked = _with(push, remote_id, etag or "")
                    return self._settle(linked, self.send(linked), depth + 1)
            if status == 404 and push.remote_id:
                unlinked = _with(push, "", "")
                return self._settle(unlinked, self.send(unlinked), depth + 1)
            if status == 412:
                current = self.scim.query(self.user_model, push.remote_id)
                if not isinstance(current, Error):
                    remote = self.remote(current, None)
                    return PushResult(
                        entry, PushOutcome.CONFLICT, push.remote_id, remote.etag, remote.state
                    )
        return PushResult(entry, PushOutcome.FAILED, error=answer.error or f"{status}")

    # A SCIM User as the application sees it
    def remote(self, item: Any, roles_of: dict[str, set[str]] | None) -> RemoteUser:
        if self.mapping is RoleMapping.GROUPS:
            roles = frozenset((roles_of or {}).get(str(item.id), ()))
        else:
            values = getattr(item, self.mapping.value, None) or []
            roles = frozenset(str(v.value) for v in values if getattr(v, "value", None))
        department = ""
        if self.enterprise:
            extension = item.model_dump(by_alias=True).get(ENTERPRISE) or {}
            department = extension.get("department") or ""
        state = UserState(
            user_name=str(item.user_name or "").strip().lower(),
            display_name=item.display_name or "",
            department=department,
            active=item.active is not False,
            roles=roles,
        )
        etag = item.meta.version if item.meta and item.meta.version else ""
        return RemoteUser(str(item.id), str(item.external_id or ""), etag, state)


def _with(push: UserPush, remote_id: str, etag: str) -> UserPush:
    return replace(push, remote_id=remote_id, etag=etag, agreed_roles=None)


def _answer(answer: Any, remote_id: str, ok: int) -> Answer:
    if isinstance(answer, Error):
        status = int(answer.status or 0)
        return Answer(status, remote_id, error=_error_text(status, answer))
    if answer is None:
        return Answer(ok, remote_id)
    etag = answer.meta.version if getattr(answer, "meta", None) and answer.meta.version else ""
    return Answer(ok, str(getattr(answer, "id", None) or remote_id), etag or "")


def _error_text(status: int, error: Any) -> str:
    detail = getattr(error, "detail", None) or ""
    return f"{status} {detail}".strip()[:500]


def _quoted(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def _described(error: Exception) -> str:
    """An error as a sentence: never with the request's headers (the token)."""
    notes = "; ".join(getattr(error, "__notes__", []))
    text = f"{error} {notes}".strip()
    return (text or type(error).__name__)[:500]
