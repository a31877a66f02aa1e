"""Importing and exporting the user CSV: all or nothing, every bad row listed."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace

from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.users import NamedUser, SeatUsage
from desktop_admin.domain.users_csv import UserRow, parse_users_csv, write_users_csv
from desktop_admin.services import audit
from desktop_admin.services.ports import Clock, UnitOfWork
from desktop_admin.services.seats import check_writable, seat_usage


@dataclass(frozen=True)
class ImportReport:
    imported: int
    skipped: tuple[Problem, ...]


def import_users(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    account_id: int,
    text: str,
    good_rows_only: bool = False,
    source: str | None = None,
) -> ImportReport:
    """Validate the whole file (format, duplicates, existing emails, seats), then write
    every row in one transaction, or, with `good_rows_only`, only the good rows."""
    actor.require(Permission.MANAGE_USERS)
    with uow:
        uow.accounts.get(account_id)
        check_writable(uow, account_id, clock.today())
        known = {r.code: r.name for r in uow.catalog.roles()}
        parsed = parse_users_csv(text, known, source)
        problems = list(parsed.problems)
        existing = uow.users.existing_emails(account_id, [r.email for r in parsed.rows])
        rows = []
        for row in parsed.rows:
            if row.email in existing:
                problems.append(
                    Problem(f"{row.email} already exists in this account", row.line, "email")
                )
            else:
                rows.append(row)
        rows = _within_seats(rows, seat_usage(uow, account_id, clock.today()), problems)
        problems.sort(key=lambda p: (p.line or 0, p.field or ""))
        if problems and not good_rows_only:
            raise InvalidInput(
                f"{len({p.line for p in problems})} bad row(s); nothing was "
                "imported (fix them, or import the good rows only).",
                problems,
                source,
            )
        users = [
            NamedUser(
                account_id=account_id,
                email=r.email,
                display_name=r.display_name,
                enabled=r.enabled,
                roles=r.roles,
            )
            for r in rows
        ]
        ids = uow.users.add_many(users)
        uow.audit.record(
            [
                audit.entry(
                    clock,
                    actor,
                    "user.import",
                    "user",
                    user_id,
                    after=replace(user, id=user_id, version=1),
                )
                for user_id, user in zip(ids, users, strict=True)
            ]
        )
        uow.commit()
        return ImportReport(len(ids), tuple(problems))


def _within_seats(
    rows: list[UserRow], usage: dict[str, SeatUsage], problems: list[Problem]
) -> list[UserRow]:
    """Rows in file order while the seats last; the others become problems (R14)."""
    taken: Counter[str] = Counter()
    kept = []
    for row in rows:
        full = []
        if row.enabled:
            for code in sorted(row.roles):
                seats = usage.get(code) or SeatUsage(code, code, 0, 0)
                if seats.in_use + taken[code] + 1 > seats.purchased:
                    full.append(
                        f"R14: {seats.name}: {seats.in_use + taken[code]} of "
                        f"{seats.purchased} seats in use"
                    )
        if full:
            problems += [Problem(reason, row.line, "roles") for reason in full]
            continue
        if row.enabled:
            taken.update(row.roles)
        kept.append(row)
    return kept


def export_users(
    uow: UnitOfWork, actor: Operator, account_id: int, search: str = ""
) -> list[NamedUser]:
    actor.require(Permission.READ_USERS)
    with uow:
        uow.accounts.get(account_id)
        users: list[NamedUser] = []
        batch = 5000
        while True:
            chunk = uow.users.page(account_id, search, batch, len(users))
            users += chunk
            if len(chunk) < batch:
                return users


def export_users_csv(uow: UnitOfWork, actor: Operator, account_id: int, search: str = "") -> str:
    return write_users_csv(export_users(uow, actor, account_id, search))
