"""The base of the session's areas, and how an area exposes a service.

An area is a table of its operations: `add = writes(users.add_user, HOLDERS)` makes
`session.users.add(account_id=..., email=...)` call `users.add_user(ctx, ...)` with
the session's context and return an `Outcome` carrying `HOLDERS`; `get =
reads(users.get_user)` returns the service's value as it is. The service's own
signature (less its context) is the area's, so nothing is restated and type checkers
see the real parameters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Concatenate, Generic, ParamSpec, TypeVar, overload

from desktop_admin.domain.outcome import Changes, Outcome
from desktop_admin.persistence.errors import in_sentences
from desktop_admin.services.context import Context

P = ParamSpec("P")
T = TypeVar("T")


#: Where an area tells what an operation changed once it is done (the change feed
#: that other windows on the database follow).
Publish = Callable[[Changes], None]


def unpublished(changes: Changes) -> None:
    del changes


class Area:
    """A thin part of the signed-in session over its services: the services check
    permissions and rules; the area binds the context and says what changed."""

    def __init__(self, ctx: Context, publish: Publish = unpublished) -> None:
        self._ctx, self._publish = ctx, publish


class writes(Generic[P, T]):  # noqa: N801 - used as a decorator-like declaration
    """An operation that writes: its result as an `Outcome` with the parts it changed
    (fixed, or computed from the result where it depends on it)."""

    def __init__(
        self,
        service: Callable[Concatenate[Context, P], T],
        changes: Changes | Callable[[T], Changes],
    ) -> None:
        self._service, self._changes = service, changes

    @overload
    def __get__(self, area: None, owner: type[Any]) -> writes[P, T]: ...
    @overload
    def __get__(self, area: Area, owner: type[Any]) -> Callable[P, Outcome[T]]: ...
    def __get__(
        self, area: Area | None, owner: type[Any]
    ) -> writes[P, T] | Callable[P, Outcome[T]]:
        if area is None:
            return self
        service, changes, ctx, publish = self._service, self._changes, area._ctx, area._publish

        def operation(*args: P.args, **kwargs: P.kwargs) -> Outcome[T]:
            with in_sentences():
                value = service(ctx, *args, **kwargs)
            outcome = Outcome(value, changes if isinstance(changes, Changes) else changes(value))
            publish(outcome.changes)
            return outcome

        operation.__doc__ = service.__doc__
        return operation


class reads(Generic[P, T]):  # noqa: N801
    """A query: the service's result as it is."""

    def __init__(self, service: Callable[Concatenate[Context, P], T]) -> None:
        self._service = service

    @overload
    def __get__(self, area: None, owner: type[Any]) -> reads[P, T]: ...
    @overload
    def __get__(self, area: Area, owner: type[Any]) -> Callable[P, T]: ...
    def __get__(self, area: Area | None, owner: type[Any]) -> reads[P, T] | Callable[P, T]:
        if area is None:
            return self
        service, ctx = self._service, area._ctx

        def query(*args: P.args, **kwargs: P.kwargs) -> T:
            with in_sentences():
                return service(ctx, *args, **kwargs)

        query.__doc__ = service.__doc__
        return query
