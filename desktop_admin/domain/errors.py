"""Errors a user can cause. Each carries a sentence a person understands.

`exit_status` is what the command line returns for it: 1 for a refusal by a
rule, a permission or a conflict; 2 for bad usage or bad input.
"""

from __future__ import annotations

from dataclasses import dataclass


class DomainError(Exception):
    """Base of every error the user can cause; `rule` names the billing rule."""

    exit_status = 1

    def __init__(self, message: str, rule: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.rule = rule

    def __str__(self) -> str:
        return f"{self.rule}: {self.message}" if self.rule else self.message


class RuleViolation(DomainError):
    """A product rule (R01-R20) refuses the request."""

    def __init__(self, rule: str, message: str) -> None:
        super().__init__(message, rule)


class PermissionDenied(DomainError):
    """The operator's role does not grant the permission the action needs."""


class AuthenticationFailed(DomainError):
    """Unknown login, wrong password or disabled operator."""


class ConflictError(DomainError):
    """Someone else changed the record since it was read (optimistic locking)."""


class NotFound(DomainError):
    """The record named does not exist."""

    exit_status = 2


@dataclass(frozen=True)
class Problem:
    """One reason an input was refused: where (line, field) and why."""

    reason: str
    line: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field '{self.field}'")
        return f"{', '.join(where)}: {self.reason}" if where else self.reason


class InvalidInput(DomainError):
    """Bad usage or a bad file; lists every problem found, not only the first."""

    exit_status = 2

    def __init__(
        self, summary: str, problems: list[Problem] | None = None, source: str | None = None
    ) -> None:
        self.problems = list(problems or [])
        self.source = source
        lines = [summary]
        prefix = f"{source}: " if source else ""
        lines += [f"  {prefix}{p}" for p in self.problems]
        super().__init__("\n".join(lines))
        self.summary = summary
