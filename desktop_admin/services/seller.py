"""The seller's details printed on every quote, invoice and credit note (R19)."""

from __future__ import annotations

import json
from dataclasses import asdict

from desktop_admin.domain.accounts import COUNTRY
from desktop_admin.domain.errors import InvalidInput, Problem, RuleViolation
from desktop_admin.domain.invoicing import Party
from desktop_admin.domain.operators import Permission
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork

KEY = "seller"


def current_seller(uow: UnitOfWork) -> Party:
    """Inside a unit of work: the seller, or a refusal saying how to set it."""
    text = uow.settings.get(KEY)
    if not text:
        raise RuleViolation(
            "R19",
            "the seller's details are not set; an Administrator sets "
            "them with `desktop-admin seller set`",
        )
    return Party(**json.loads(text))


def set_seller(
    ctx: Context,
    *,
    name: str,
    country: str,
    vat_number: str | None = None,
    address: str | None = None,
    email: str | None = None,
) -> Party:
    ctx.actor.require(Permission.MANAGE_CATALOG)
    problems = []
    if not name.strip():
        problems.append(Problem("the name must not be empty", field="name"))
    if not COUNTRY.match(country.upper()):
        problems.append(Problem(f"{country!r} is not a two-letter country code", field="country"))
    if problems:
        raise InvalidInput("The seller's details were refused.", problems)
    party = Party(
        name.strip(),
        country.upper(),
        (vat_number or "").replace(" ", "").upper() or None,
        address,
        email,
    )
    with ctx.new_uow() as uow:
        before = uow.settings.get(KEY)
        uow.settings.set(KEY, json.dumps(asdict(party)))
        audit.record_change(
            uow,
            ctx,
            "seller.update",
            "settings",
            KEY,
            before=json.loads(before) if before else None,
            after=asdict(party),
        )
        uow.commit()
    return party


def get_seller(ctx: Context) -> Party:
    ctx.actor.require(Permission.READ_CATALOG)
    with ctx.new_uow() as uow:
        return current_seller(uow)
