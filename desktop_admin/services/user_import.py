"""Importing the user CSV: all or nothing, every bad row listed (the export is a
query, `user_queries.export_users_csv`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace

from desktop_admin.domain.assignment_rules import RulesOutcome, plan_assignments
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.users import GUESTS, NamedUser, SeatEffect, SeatUsage
from desktop_admin.domain.users_csv import UserRow, parse_users_csv
from desktop_admin.services import audit
from desktop_admin.services.assignment_rules import account_rules_in
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork
from desktop_admin.services.seats import check_writable, claim_seats, seat_usage, seats_taken


@dataclass(frozen=True)
class ImportReport:
    """What an import did (or, checked only, would do): the users written, the bad
    rows, and the roles the account's assignment rules gave the new users (`rules`:
    gains carry the new user's id, 0 when checked only; shortfalls name who could
    not have a seat)."""

    imported: int
    skipped: tuple[Problem, ...]
    rules: RulesOutcome = field(default_factory=RulesOutcome)
    checked_only: bool = False
    #: What the users written (or, checked only, the good rows) do to the account's
    #: seats (R14): per role they take seats of (and `GUESTS` for guest units), in use
    #: before the import and the seats it takes (`change`) among the `selected` new
    #: users holding the role.
    seats: tuple[SeatEffect, ...] = ()

    @property
    def bad_lines(self) -> int:
        return len({p.line for p in self.skipped})


def import_users(
    ctx: Context,
    *,
    account_id: int,
    text: str,
    good_rows_only: bool = False,
    source: str | None = None,
    apply_rules: bool = True,
    check_only: bool = False,
) -> ImportReport:
    """Validate the whole file (format, duplicates, existing emails, seats), then write
    every row in one transaction, or, with `good_rows_only`, only the good rows.

    With `apply_rules`, the account's assignment rules give the new users the roles
    they name, within the seats left once the file's own roles are counted (R14);
    who could not have one is in the report, and the user is imported without it.
    With `check_only`, nothing is written and the report tells what an import of the
    good rows would do (a file with bad rows is reported, not refused)."""
    ctx.actor.require(Permission.MANAGE_USERS)
    with ctx.new_uow() as uow:
        if not check_only:
            claim_seats(uow, [account_id])
        uow.accounts.get(account_id)
        check_writable(uow, account_id, ctx.today)
        usage = seat_usage(uow, account_id, ctx.today)
        rows, problems = _checked_rows(uow, account_id, usage, text, source)
        if problems and not good_rows_only and not check_only:
            raise InvalidInput(
                f"{len({p.line for p in problems})} bad row(s); nothing was "
                "imported (fix them, or import the good rows only).",
                problems,
                source,
            )
        users = [_new_user(account_id, r) for r in rows]
        outcome = RulesOutcome()
        if apply_rules:
            users, outcome = _with_rules(uow, account_id, users, usage)
        seats = seat_effects(usage, users)
        if check_only:
            unsaved = _by_ids(outcome, [0] * len(users))  # no ids until written
            return ImportReport(
                len(users), tuple(problems), unsaved, checked_only=True, seats=seats
            )
        ids = uow.users.add_many(users)
        uow.audit.record(
            [
                audit.change_entry(
                    ctx, "user.import", "user", user_id, after=replace(user, id=user_id, version=1)
                )
                for user_id, user in zip(ids, users, strict=True)
            ]
        )
        uow.commit()
        # The rules' outcome named the rows by position: name them by their new ids.
        return ImportReport(len(ids), tuple(problems), _by_ids(outcome, ids), seats=seats)


def _new_user(account_id: int, row: UserRow) -> NamedUser:
    return NamedUser(
        account_id=account_id,
        email=row.email,
        display_name=row.display_name,
        department=row.department,
        enabled=row.enabled,
        roles=row.roles,
    )


def check_users(
    ctx: Context, *, account_id: int, text: str, source: str | None = None, apply_rules: bool = True
) -> ImportReport:
    """What importing the good rows of a user CSV would do, writing nothing: the bad
    rows, and who the assignment rules would give a seat (or could not)."""
    return import_users(
        ctx, account_id=account_id, text=text, source=source, apply_rules=apply_rules,
        check_only=True,
    )  # fmt: skip


def _checked_rows(
    uow: UnitOfWork, account_id: int, usage: dict[str, SeatUsage], text: str, source: str | None
) -> tuple[list[UserRow], list[Problem]]:
    """The rows that can be imported, and the problems of the others, sorted by line:
    the file's format, emails already in the account, seats (R14)."""
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
    rows = _within_seats(rows, usage, problems)
    problems.sort(key=lambda p: (p.line or 0, p.field or ""))
    return rows, problems


def _with_rules(
    uow: UnitOfWork, account_id: int, users: list[NamedUser], usage: dict[str, SeatUsage]
) -> tuple[list[NamedUser], RulesOutcome]:
    """The new users with the roles the account's rules give them, seats permitting:
    the seats the file's own roles take are counted first."""
    rules = account_rules_in(uow, account_id)
    if not rules or not users:
        return users, RulesOutcome()
    taken = seats_taken(users)
    after_file = {
        code: replace(seats, in_use=seats.in_use + taken[code]) for code, seats in usage.items()
    }
    # Positions stand for the ids the users do not have yet (first come, first served).
    numbered = [replace(user, id=position) for position, user in enumerate(users)]
    outcome = plan_assignments(numbered, rules, after_file)
    gained: dict[int, set[str]] = {}
    for gain in outcome.gains:
        gained.setdefault(gain.user_id, set()).add(gain.role)
    with_roles = [
        replace(user, roles=user.roles | gained[position]) if position in gained else user
        for position, user in enumerate(users)
    ]
    return with_roles, outcome


def seat_effects(usage: dict[str, SeatUsage], users: list[NamedUser]) -> tuple[SeatEffect, ...]:
    """Per role the new users hold (and the guest units, if any is a guest), the seats
    they take once written: enabled holders only (R14)."""
    taken = seats_taken(users)
    holders: Counter[str] = Counter()
    for user in users:
        holders.update([GUESTS] if user.is_guest else user.roles)
    return tuple(
        SeatEffect(usage.get(code) or SeatUsage(code, code, 0, 0), taken[code], holders[code])
        for code in sorted(holders, key=lambda code: (code == GUESTS, code))
    )


def _by_ids(outcome: RulesOutcome, ids: list[int]) -> RulesOutcome:
    return RulesOutcome(
        tuple(replace(g, user_id=ids[g.user_id]) for g in outcome.gains),
        tuple(replace(s, user_id=ids[s.user_id]) for s in outcome.shortfalls),
    )


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
