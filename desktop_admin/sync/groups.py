"""Roles as SCIM Groups: one group a role (its `displayName` is the role's code),
members added and removed with PATCH, one request a group for a whole batch."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any

from scim2_client import SCIMClientException
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_models import Error, ListResponse, PatchOp, SearchRequest

from desktop_admin.domain.platform import PushOutcome, PushResult, TokenRefused, UserPush
from desktop_admin.sync.resources import UserResources, _described, _quoted

#: Member changes in one PATCH request.
PATCH_OPERATIONS = 500


class GroupMembers:
    def __init__(
        self, scim: SyncSCIMClient, resources: UserResources, groups: dict[str, str]
    ) -> None:
        self.scim, self.resources, self.groups = scim, resources, dict(groups)

    def apply(self, pushes: Sequence[UserPush], results: list[PushResult]) -> list[PushResult]:
        """Bring the groups of the users sent in line with their roles; a user whose
        memberships could not be changed is failed (its entry stays queued)."""
        adds: dict[str, list[tuple[int, str]]] = defaultdict(list)
        removes: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for index, (push, result) in enumerate(zip(pushes, results, strict=True)):
            if result.outcome is not PushOutcome.SENT:
                continue
            remote_id = result.remote_id or push.remote_id
            if push.state is None:
                # Platforms differ on dropping a removed user from its groups: do it.
                for code in sorted(push.agreed_roles or set(self.groups)):
                    if remote_id and code in self.groups:
                        removes[code].append((index, remote_id))
                continue
            held = push.state.roles
            agreed = push.agreed_roles if result.remote_id == push.remote_id else None
            for code in sorted(held - (agreed or frozenset())):
                adds[code].append((index, remote_id))
            for code in sorted((set(self.groups) if agreed is None else agreed) - held):
                removes[code].append((index, remote_id))
        failed: dict[int, str] = {}
        for code in sorted(set(adds) | set(removes)):
            group_id, error = self._group(code, create=bool(adds.get(code)))
            if error:
                for index, _ in adds.get(code, []) + removes.get(code, []):
                    failed[index] = error
                continue
            if group_id:
                self._patch(group_id, adds.get(code, []), removes.get(code, []), failed)
        return [
            replace(r, outcome=PushOutcome.FAILED, error=failed[i]) if i in failed else r
            for i, r in enumerate(results)
        ]

    def _group(self, code: str, *, create: bool) -> tuple[str, str]:
        """The group of a role: known, found by its name, or created. A creation whose
        answer was lost may be sent twice, and SCIM keeps names unique nowhere: after
        a creation, the role's groups are looked up again and one is kept."""
        if code in self.groups:
            return self.groups[code], ""
        model = self.resources.group_model
        try:
            found = self._named(code)
            if not found and create:
                made = self.scim.create(model.model_validate({"displayName": code}))
                _check(made)
                if isinstance(made, Error):
                    detail = f"{made.status} the group {code!r} could not be created"
                    return "", f"{detail}: {made.detail}"
                found = self._named(code) or [made]
            if not found:
                return "", ""
            self.groups[code] = self._keep_one(found)
            return self.groups[code], ""
        except SCIMClientException as error:
            return "", _described(error)

    def _named(self, code: str) -> list[Any]:
        found = self.scim.query(
            self.resources.group_model,
            query_parameters=SearchRequest.model_validate(
                {"filter": f'displayName eq "{_quoted(code)}"', "count": 50}
            ),
        )
        _check(found)
        if isinstance(found, ListResponse):
            return list(found.resources or [])
        return []

    def _keep_one(self, groups: list[Any]) -> str:
        """The oldest of a role's groups; the members of any twin move to it, and the
        twin goes."""

        def age(group: Any) -> tuple[str, str]:
            created = group.meta.created if group.meta and group.meta.created else None
            return (created.isoformat() if created else "~", str(group.id))

        kept, *twins = sorted(groups, key=age)
        model = self.resources.group_model
        for twin in twins:
            members = [{"value": m.value, "type": "User"} for m in twin.members or []]
            if members:
                operations = [{"op": "add", "path": "members", "value": members}]
                patch = PatchOp[model].model_validate({"Operations": operations})  # type: ignore[valid-type]
                _check(self.scim.modify(model, str(kept.id), patch))
            _check(self.scim.delete(model, str(twin.id)))
        return str(kept.id)

    def _patch(
        self,
        group_id: str,
        adds: list[tuple[int, str]],
        removes: list[tuple[int, str]],
        failed: dict[int, str],
    ) -> None:
        operations: list[dict[str, Any]] = []
        if adds:
            value = [{"value": remote_id, "type": "User"} for _, remote_id in adds]
            operations.append({"op": "add", "path": "members", "value": value})
        for _, remote_id in removes:
            path = f'members[value eq "{_quoted(remote_id)}"]'
            operations.append({"op": "remove", "path": path})
        involved = [i for i, _ in adds] + [i for i, _ in removes]
        model = self.resources.group_model
        for start in range(0, len(operations), PATCH_OPERATIONS):
            chunk = operations[start : start + PATCH_OPERATIONS]
            patch = PatchOp[model].model_validate({"Operations": chunk})  # type: ignore[valid-type]
            try:
                answer = self.scim.modify(model, group_id, patch)
                _check(answer)
            except SCIMClientException as error:
                answer = Error(status=0, detail=_described(error))
            if isinstance(answer, Error):
                for index in involved:
                    failed[index] = f"{answer.status} memberships: {answer.detail or ''}".strip()
                return

    def memberships(self, cancelled: Callable[[], bool]) -> dict[str, set[str]] | None:
        """remote user id -> the roles its groups stand for (groups named after a role
        this application manages), read a page of groups at a time."""
        roles_of: dict[str, set[str]] = defaultdict(set)
        model, start, total = self.resources.group_model, 1, None
        while total is None or start <= total:
            if cancelled():
                return None
            page = self.scim.query(
                model, query_parameters=SearchRequest(start_index=start, count=100)
            )
            _check(page)
            if not isinstance(page, ListResponse):
                raise SCIMClientException(f"the groups could not be read: {page}")
            total = page.total_results or 0
            for group in page.resources or []:
                code = str(group.display_name or "")
                if self.groups and code not in self.groups:
                    continue
                for member in group.members or []:
                    roles_of[str(member.value)].add(code)
            if not page.resources:
                break
            start += len(page.resources)
        return roles_of


def _check(answer: object) -> None:
    if isinstance(answer, Error) and str(answer.status) == "401":
        raise TokenRefused("401")
