"""Operators: the first Administrator, logging in, and managing who may do what."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from desktop_admin.domain.errors import (
    AuthenticationFailed,
    InvalidInput,
    NotFound,
    Problem,
    RuleViolation,
)
from desktop_admin.domain.operators import LOGIN, Operator, OperatorRole, Permission
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.ports import Clock, PasswordHasher, UnitOfWork

MIN_PASSWORD_LENGTH = 8

#: What creating an operator claims first (`UnitOfWork.claim`).
OPERATORS = "operators"


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
    new_uow: Callable[[], UnitOfWork],
    clock: Clock,
    hasher: PasswordHasher,
    *,
    login: str,
    password: str,
    display_name: str = "",
) -> Operator:
    """The first run's Administrator; refused once any operator exists. Nobody is
    signed in yet: the new Administrator is the actor of its own creation."""
    _check_new(login, password)
    hashed = hasher.hash(password)  # slow on purpose: before the transaction, not in it
    with new_uow() as uow:
        uow.claim(OPERATORS)  # two first starts at once make one Administrator
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
            hashed,
        )
        created = Context(new_uow, clock, operator, hasher)
        audit.record_change(
            uow, created, "operator.create", "operator", operator.id, after=operator
        )
        uow.commit()
        return operator


def authenticate(
    new_uow: Callable[[], UnitOfWork], hasher: PasswordHasher, *, login: str, password: str
) -> Operator:
    """The operator with this login and password; one vague refusal for any failure."""
    with new_uow() as uow:
        found = uow.operators.by_login(login.strip().lower())
        if found is None:
            if not uow.operators.count():
                raise AuthenticationFailed(
                    "this database has no operator yet; create the first Administrator with "
                    "`desktop-admin init --admin LOGIN`"
                )
            # As long as checking a real password (the same hash parameters), so that the
            # time of a refusal does not tell whether the login exists.
            hasher.hash(password)
            raise AuthenticationFailed("unknown login or wrong password")
        operator, hashed = found
        if not hasher.verify(hashed, password) or not operator.enabled:
            raise AuthenticationFailed("unknown login or wrong password")
        return operator


def add_operator(
    ctx: Context, *, login: str, role: str, password: str, display_name: str = ""
) -> Operator:
    ctx.actor.require(Permission.MANAGE_OPERATORS)
    roles = {r.value: r for r in OperatorRole}
    problems = []
    if role not in roles:
        problems.append(Problem(f"{role!r} is not one of {', '.join(roles)}", field="role"))
    _check_new(login, password, problems)
    operator_role = roles[role]
    hashed = ctx.password_hasher().hash(password)
    with ctx.new_uow() as uow:
        uow.claim(OPERATORS)  # two of one login at once: one is added, one told it is taken
        if uow.operators.by_login(login) is not None:
            raise InvalidInput(
                "The operator was refused.",
                [Problem(f"the login {login!r} is taken", field="login")],
            )
        operator = uow.operators.add(
            Operator(login=login, role=operator_role, display_name=display_name or login),
            hashed,
        )
        audit.record_change(uow, ctx, "operator.create", "operator", operator.id, after=operator)
        uow.commit()
        return operator


def list_operators(ctx: Context) -> list[Operator]:
    ctx.actor.require(Permission.MANAGE_OPERATORS)
    with ctx.new_uow() as uow:
        return uow.operators.all()


def change_operator_role(ctx: Context, operator_id: int, *, role: str) -> Operator:
    """Give an operator another role. Refused for yourself when it takes your
    Administrator role away, and for the last enabled Administrator."""
    ctx.actor.require(Permission.MANAGE_OPERATORS)
    new_role = _role(role)
    with ctx.new_uow() as uow:
        uow.claim(OPERATORS)  # two Administrators demoting each other: one is refused
        operator = _operator(uow, operator_id)
        if operator.role is new_role:
            return operator
        if operator.role is OperatorRole.ADMINISTRATOR:
            _keep_an_administrator(uow, ctx, operator, "demote")
        changed = uow.operators.update(replace(operator, role=new_role))
        audit.record_change(
            uow,
            ctx,
            "operator.role",
            "operator",
            operator_id,
            before={"login": operator.login, "role": operator.role.value},
            after={"login": operator.login, "role": new_role.value},
        )
        uow.commit()
        return changed


def set_operator_enabled(ctx: Context, operator_id: int, *, enabled: bool) -> Operator:
    """Let an operator sign in again, or no longer. Disabling is refused for yourself
    and for the last enabled Administrator."""
    ctx.actor.require(Permission.MANAGE_OPERATORS)
    with ctx.new_uow() as uow:
        uow.claim(OPERATORS)
        operator = _operator(uow, operator_id)
        if operator.enabled is enabled:
            return operator
        if not enabled and operator.role is OperatorRole.ADMINISTRATOR:
            _keep_an_administrator(uow, ctx, operator, "disable")
        elif not enabled and operator.id == ctx.actor.id:
            raise RuleViolation("operators", "you cannot disable yourself")
        changed = uow.operators.update(replace(operator, enabled=enabled))
        audit.record_change(
            uow,
            ctx,
            "operator.enable" if enabled else "operator.disable",
            "operator",
            operator_id,
            before={"login": operator.login, "enabled": operator.enabled},
            after={"login": operator.login, "enabled": enabled},
        )
        uow.commit()
        return changed


def reset_operator_password(ctx: Context, operator_id: int, *, password: str) -> Operator:
    """Replace an operator's password by one the Administrator typed (and tells them).
    The audit trail records that it was reset, never the password or its hash."""
    ctx.actor.require(Permission.MANAGE_OPERATORS)
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidInput(
            "The password was refused.",
            [
                Problem(
                    f"the password needs at least {MIN_PASSWORD_LENGTH} characters",
                    field="password",
                )
            ],
        )
    hashed = ctx.password_hasher().hash(password)  # slow on purpose: before the transaction
    with ctx.new_uow() as uow:
        operator = _operator(uow, operator_id)
        changed = uow.operators.set_password(operator, hashed)
        audit.record_change(
            uow,
            ctx,
            "operator.password",
            "operator",
            operator_id,
            after={"login": operator.login, "password": "reset"},
        )
        uow.commit()
        return changed


def _role(role: str) -> OperatorRole:
    roles = {r.value: r for r in OperatorRole}
    if role not in roles:
        raise InvalidInput(
            "The role was refused.",
            [Problem(f"{role!r} is not one of {', '.join(roles)}", field="role")],
        )
    return roles[role]


def _operator(uow: UnitOfWork, operator_id: int) -> Operator:
    found = next((o for o in uow.operators.all() if o.id == operator_id), None)
    if found is None:
        raise NotFound(f"no operator with id {operator_id}")
    return found


def _keep_an_administrator(uow: UnitOfWork, ctx: Context, operator: Operator, verb: str) -> None:
    """Refuse to `verb` (demote or disable) an Administrator when it is you, or when no
    other enabled Administrator would remain to manage the operators."""
    if operator.id == ctx.actor.id:
        raise RuleViolation(
            "operators", f"you cannot {verb} yourself; another Administrator may do it"
        )
    others = [
        o
        for o in uow.operators.all()
        if o.role is OperatorRole.ADMINISTRATOR and o.enabled and o.id != operator.id
    ]
    if operator.enabled and not others:
        raise RuleViolation(
            "operators",
            f"{operator.login} is the last enabled Administrator; make another operator "
            "an Administrator first",
        )
