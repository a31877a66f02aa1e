"""Operators: the first Administrator, logging in, and managing who may do what."""

from __future__ import annotations

from desktop_admin.domain.errors import (
    AuthenticationFailed,
    InvalidInput,
    Problem,
    RuleViolation,
)
from desktop_admin.domain.operators import LOGIN, Operator, OperatorRole, Permission
from desktop_admin.services import audit
from desktop_admin.services.ports import Clock, PasswordHasher, UnitOfWork

MIN_PASSWORD_LENGTH = 8


def _check_new(login: str, password: str, problems: list[Problem] | None = None) -> None:
    """Refuse a new operator, listing every problem (with any the caller found)."""
    problems = list(problems or [])
    if not LOGIN.match(login):
        problems.append(
            Problem(
                f"{login!r}: use 2-64 lower-case letters, digits, '.', '_', '@' or '-'",
                field="login",
            )
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        problems.append(
            Problem(
                f"the password needs at least {MIN_PASSWORD_LENGTH} characters", field="password"
            )
        )
    if problems:
        raise InvalidInput("The operator was refused.", problems)


def create_first_administrator(
    uow: UnitOfWork,
    clock: Clock,
    hasher: PasswordHasher,
    login: str,
    password: str,
    display_name: str = "",
) -> Operator:
    """The first run's Administrator; refused once any operator exists."""
    _check_new(login, password)
    with uow:
        if uow.operators.count():
            raise RuleViolation(
                "setup",
                "the database already has operators; an "
                "Administrator adds more with `operator add`",
            )
        operator = uow.operators.add(
            Operator(
                login=login, role=OperatorRole.ADMINISTRATOR, display_name=display_name or login
            ),
            hasher.hash(password),
        )
        audit.record(
            uow, clock, operator, "operator.create", "operator", operator.id, after=operator
        )
        uow.commit()
        return operator


def authenticate(uow: UnitOfWork, hasher: PasswordHasher, login: str, password: str) -> Operator:
    """The operator with this login and password; one vague refusal for any failure."""
    with uow:
        found = uow.operators.by_login(login.strip().lower())
        if found is None:
            if not uow.operators.count():
                raise AuthenticationFailed(
                    "this database has no operator yet; create the first Administrator with "
                    "`desktop-admin init --admin LOGIN`"
                )
            hasher.verify("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA", password)
            raise AuthenticationFailed("unknown login or wrong password")
        operator, hashed = found
        if not hasher.verify(hashed, password) or not operator.enabled:
            raise AuthenticationFailed("unknown login or wrong password")
        return operator


def add_operator(
    uow: UnitOfWork,
    clock: Clock,
    hasher: PasswordHasher,
    actor: Operator,
    login: str,
    role: str,
    password: str,
    display_name: str = "",
) -> Operator:
    actor.require(Permission.MANAGE_OPERATORS)
    roles = {r.value: r for r in OperatorRole}
    problems = []
    if role not in roles:
        problems.append(Problem(f"{role!r} is not one of {', '.join(roles)}", field="role"))
    _check_new(login, password, problems)
    operator_role = roles[role]
    with uow:
        if uow.operators.by_login(login) is not None:
            raise InvalidInput(
                "The operator was refused.",
                [Problem(f"the login {login!r} is taken", field="login")],
            )
        operator = uow.operators.add(
            Operator(login=login, role=operator_role, display_name=display_name or login),
            hasher.hash(password),
        )
        audit.record(uow, clock, actor, "operator.create", "operator", operator.id, after=operator)
        uow.commit()
        return operator


def list_operators(uow: UnitOfWork, actor: Operator) -> list[Operator]:
    actor.require(Permission.MANAGE_OPERATORS)
    with uow:
        return uow.operators.all()
