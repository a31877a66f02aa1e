"""Assignment rules of an account: kept in the settings, previewed without writing,
applied through the same seat check as assigning by hand (R14), in one transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from desktop_admin.domain.assignment_rules import AssignmentRule, RulesOutcome, plan_assignments
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.operators import Permission
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork
from desktop_admin.services.seats import check_writable, claim_seats, seat_usage
from desktop_admin.services.users import save_changes

#: The settings key; its value maps account ids (as text) to their rules.
KEY = "assignment_rules"


def _stored(uow: UnitOfWork) -> dict[str, list[dict[str, Any]]]:
    text = uow.settings.get(KEY)
    return dict(json.loads(text)) if text else {}


def account_rules_in(uow: UnitOfWork, account_id: int) -> list[AssignmentRule]:
    """The rules kept for an account, read in the caller's transaction."""
    return _rules_of(uow, account_id)


def _rules_of(uow: UnitOfWork, account_id: int) -> list[AssignmentRule]:
    return [AssignmentRule.from_json(r) for r in _stored(uow).get(str(account_id), [])]


def _check_roles(uow: UnitOfWork, rules: Sequence[AssignmentRule]) -> None:
    known = {role.code for role in uow.catalog.roles()}
    problems = [
        Problem(f"no role {rule.role!r} in the catalog", field="role")
        for rule in rules
        if rule.role not in known
    ]
    if problems:
        raise InvalidInput("The assignment rules were refused.", problems)


def _save(uow: UnitOfWork, ctx: Context, account_id: int, rules: Sequence[AssignmentRule]) -> None:
    stored = _stored(uow)
    before = stored.get(str(account_id), [])
    after = [rule.as_json() for rule in rules]
    if before == after:
        return
    stored[str(account_id)] = after
    uow.settings.set(KEY, json.dumps(stored, sort_keys=True))
    audit.record_change(
        uow,
        ctx,
        "assignment_rules.update",
        "account",
        account_id,
        before={"assignment_rules": before},
        after={"assignment_rules": after},
    )


def _plan(
    uow: UnitOfWork, ctx: Context, account_id: int, rules: Sequence[AssignmentRule]
) -> RulesOutcome:
    uow.accounts.get(account_id)
    _check_roles(uow, rules)
    users = uow.users.enabled_of(account_id)
    return plan_assignments(users, rules, seat_usage(uow, account_id, ctx.today))


def account_rules(ctx: Context, account_id: int) -> list[AssignmentRule]:
    """The rules kept for an account (none until some are saved)."""
    ctx.actor.require(Permission.READ_USERS)
    with ctx.new_uow() as uow:
        uow.accounts.get(account_id)
        return _rules_of(uow, account_id)


def save_rules(
    ctx: Context, account_id: int, *, rules: Sequence[AssignmentRule]
) -> list[AssignmentRule]:
    """Keep the account's rules (replacing the previous ones) without applying them."""
    ctx.actor.require(Permission.MANAGE_USERS)
    with ctx.new_uow() as uow:
        uow.accounts.get(account_id)
        _check_roles(uow, rules)
        _save(uow, ctx, account_id, rules)
        uow.commit()
        return list(rules)


def preview_rules(
    ctx: Context, account_id: int, *, rules: Sequence[AssignmentRule] | None = None
) -> RulesOutcome:
    """Who the rules (by default the saved ones) would give a seat, and who could not
    have one; writes nothing."""
    ctx.actor.require(Permission.MANAGE_USERS)
    with ctx.new_uow() as uow:
        chosen = _rules_of(uow, account_id) if rules is None else rules
        return _plan(uow, ctx, account_id, chosen)


def apply_rules(
    ctx: Context, account_id: int, *, rules: Sequence[AssignmentRule] | None = None
) -> RulesOutcome:
    """Give the users the roles the rules name, seats permitting (R14), and keep the
    rules for the account: one transaction, each assignment audited as `user.assign`."""
    ctx.actor.require(Permission.MANAGE_USERS)
    with ctx.new_uow() as uow:
        claim_seats(uow, [account_id])
        chosen = _rules_of(uow, account_id) if rules is None else list(rules)
        outcome = _plan(uow, ctx, account_id, chosen)
        _save(uow, ctx, account_id, chosen)
        roles: dict[int, set[str]] = {}
        for gain in outcome.gains:
            roles.setdefault(gain.user_id, set()).add(gain.role)
        check_writable(uow, account_id, ctx.today)  # R17, even when nobody gains a role
        users = uow.users.get_many(sorted(roles))
        changes = [(u, replace(u, roles=u.roles | roles[u.id or 0])) for u in users]
        save_changes(uow, ctx, "user.assign", changes)
        uow.commit()
        return outcome
