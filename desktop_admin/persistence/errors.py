"""Database errors as sentences: what the driver says, without the SQL or its
parameters (which may hold a password hash, a token or a person's data)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import exc

from desktop_admin.domain.errors import ConflictError, DomainError, InvalidInput, Problem


class DatabaseBusy(DomainError):
    """Another program held the database longer than we waited."""


class DatabaseUnavailable(DomainError):
    exit_status = 2


def as_sentence(error: exc.SQLAlchemyError) -> DomainError:
    """The refusal a person reads for a database error."""
    original = str(getattr(error, "orig", error) or "").lower()
    if isinstance(error, exc.IntegrityError):
        return ConflictError(
            "the change clashes with data saved at the same moment (a login, an e-mail or "
            "a number already taken); nothing was changed: reload and try again"
        )
    if isinstance(error, exc.DataError) or "too long" in original:
        return InvalidInput(
            "A value is too long or out of range for the database; nothing was changed.",
            [Problem(_first_line(original))],
        )
    if isinstance(error, exc.OperationalError) and ("locked" in original or "busy" in original):
        return DatabaseBusy(
            "the database is busy (another program is writing to it); nothing was changed: "
            "try again in a moment"
        )
    if isinstance(error, exc.OperationalError | exc.InterfaceError):
        return DatabaseUnavailable(f"the database cannot be reached: {_first_line(original)}")
    return DomainError(f"the database refused the operation: {_first_line(original)}")


def _first_line(text: str) -> str:
    """The driver's own words, first line only (later lines quote the statement)."""
    return (text.strip().splitlines() or ["no reason given"])[0][:200]


@contextmanager
def in_sentences() -> Iterator[None]:
    """Run a block whose database errors reach the caller as sentences."""
    try:
        yield
    except exc.SQLAlchemyError as error:
        raise as_sentence(error) from None
