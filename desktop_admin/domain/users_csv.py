"""The user CSV (interfaces.md): `email` (required), `display_name`, `roles`
(`;`-separated role codes), `enabled` (`true`/`false`), and `department`, which
assignment rules by department read. Untrusted: every bad row is found before
anything is written."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.users import (
    NamedUser,
    clean_detail,
    detail_problem,
    email_problem,
    normalise_email,
)

COLUMNS = ("email", "display_name", "roles", "enabled", "department")


@dataclass(frozen=True)
class UserRow:
    line: int
    email: str
    display_name: str
    roles: frozenset[str]
    enabled: bool
    department: str = ""


@dataclass(frozen=True)
class ParsedUsers:
    rows: tuple[UserRow, ...]
    problems: tuple[Problem, ...]

    @property
    def bad_lines(self) -> frozenset[int]:
        return frozenset(p.line for p in self.problems if p.line is not None)


def parse_users_csv(
    text: str, known_roles: Mapping[str, str], source: str | None = None
) -> ParsedUsers:
    """Rows that are well-formed on their own, and a problem for every bad one.

    `known_roles` maps role codes to names. Line numbers are the file's own
    (the header is line 1), also when a quoted field spans lines.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows: list[UserRow] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    header: list[str] | None = None
    try:
        for fields in reader:
            # The reader has consumed the row's lines; a quoted field may span several.
            line = reader.line_num - sum(f.count("\n") for f in fields)
            if not fields:
                continue  # a blank line
            if header is None:
                header = [h.strip() for h in fields]
                _check_header(header, source)
                continue
            fields = [unshielded(f) for f in fields]
            record: dict[str | None, object] = dict(zip(header, fields, strict=False))
            if len(fields) > len(header):
                record[None] = fields[len(header) :]
            row_problems = _row_problems(record, line, known_roles, seen)
            problems += row_problems
            if not row_problems:
                rows.append(_row(record, line))
    except csv.Error as exc:
        raise InvalidInput(
            "The file is not valid CSV; nothing was imported.",
            [Problem(str(exc), reader.line_num)],
            source,
        ) from None
    if header is None:
        _check_header([], source)
    if not rows and not problems:
        raise InvalidInput("The file has no user rows; nothing was imported.", source=source)
    return ParsedUsers(tuple(rows), tuple(problems))


def _check_header(header: list[str], source: str | None) -> None:
    problems = []
    if "email" not in header:
        problems.append(Problem("the header row must have an 'email' column", 1, "email"))
    for name in header:
        if name not in COLUMNS:
            problems.append(
                Problem(f"unknown column {name!r} (columns: {', '.join(COLUMNS)})", 1, name)
            )
    duplicates = {h for h in header if header.count(h) > 1}
    problems += [Problem(f"the column {d!r} appears twice", 1, d) for d in sorted(duplicates)]
    if problems:
        raise InvalidInput("The file's header was refused; nothing was imported.", problems, source)


def _row_problems(
    record: Mapping[str | None, object],
    line: int,
    known_roles: Mapping[str, str],
    seen: dict[str, int],
) -> list[Problem]:
    problems = []
    if None in record:
        problems.append(Problem("the row has more fields than the header", line))
    email = str(record.get("email") or "")
    reason = email_problem(email)
    if reason:
        problems.append(Problem(reason, line, "email"))
    else:
        key = normalise_email(email)
        if key in seen:
            problems.append(Problem(f"{key} already appears on line {seen[key]}", line, "email"))
        else:
            seen[key] = line
    for field in ("display_name", "department"):
        reason = detail_problem(field, str(record.get(field) or ""))
        if reason:
            problems.append(Problem(reason, line, field))
    for code in _role_codes(str(record.get("roles") or "")):
        if code not in known_roles:
            problems.append(Problem(f"unknown role {code!r}", line, "roles"))
    enabled = str(record.get("enabled") or "").strip().lower()
    if enabled not in ("", "true", "false"):
        problems.append(Problem(f"{enabled!r} is neither true nor false", line, "enabled"))
    return problems


def _role_codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(";") if c.strip()]


def _row(record: Mapping[str | None, object], line: int) -> UserRow:
    return UserRow(
        line=line,
        email=normalise_email(str(record["email"])),
        display_name=clean_detail(str(record.get("display_name") or "")),
        roles=frozenset(_role_codes(str(record.get("roles") or ""))),
        enabled=str(record.get("enabled") or "").strip().lower() != "false",
        department=clean_detail(str(record.get("department") or "")),
    )


#: What a spreadsheet reads as the start of a formula in a cell it opens.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def shielded(cell: str) -> str:
    """A cell a spreadsheet shows as text: one that would start a formula gets a
    leading apostrophe (which `unshielded` removes when the file is imported back)."""
    return f"'{cell}" if cell.startswith(FORMULA_STARTS) else cell


def unshielded(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def write_users_csv(users: Iterable[NamedUser]) -> str:
    """The columns the import reads, so that an export imports back. `department`
    comes last, and only when some user has one: the four columns scripts have
    always read stay as they were."""
    chosen = list(users)
    columns = COLUMNS if any(u.department for u in chosen) else COLUMNS[:4]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for user in chosen:
        row = [
            shielded(user.email),
            shielded(user.display_name),
            ";".join(sorted(user.roles)),
            "true" if user.enabled else "false",
            shielded(user.department),
        ]
        writer.writerow(row[: len(columns)])
    return out.getvalue()
