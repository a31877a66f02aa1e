"""The seller's details printed on every quote, invoice and credit note (R19)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from desktop_admin.domain.errors import InvalidInput, Problem, RuleViolation
from desktop_admin.domain.invoicing import Party
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.seller import (
    MAX_LOGO_BYTES,
    Logo,
    SellerDetails,
    oversized_logo,
    revised,
)
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork

KEY = "seller"


def stored_seller(uow: UnitOfWork) -> SellerDetails | None:
    """Inside a unit of work: the seller's details as kept, or None before they are set."""
    text = uow.settings.get(KEY)
    return SellerDetails.from_stored(json.loads(text)) if text else None


def current_seller(uow: UnitOfWork) -> Party:
    """Inside a unit of work: the seller as a document freezes it, or a refusal saying
    how to set it."""
    seller = stored_seller(uow)
    if seller is None:
        raise RuleViolation(
            "R19",
            "the seller's details are not set; an Administrator sets them in Settings > "
            "Seller details, or with `desktop-admin seller set`",
        )
    return seller.party


def set_seller(
    ctx: Context,
    *,
    name: str | None = None,
    legal_form: str | None = None,
    street: str | None = None,
    postcode: str | None = None,
    city: str | None = None,
    country: str | None = None,
    vat_number: str | None = None,
    registration: str | None = None,
    iban: str | None = None,
    bic: str | None = None,
    email: str | None = None,
    address: str | None = None,
    logo_file: Path | str | None = None,
    remove_logo: bool = False,
) -> SellerDetails:
    """Change the fields given (None leaves a field as it is, "" empties it); the first
    time, the name and the country are required. `address` is the postal lines as one
    text, as earlier versions took it: it sets the street. The IBAN (ISO 13616 checksum)
    and the BIC (ISO 9362) are kept compact; `logo_file` is read now and its image kept
    (PNG, JPEG or SVG, at most 512 KB), `remove_logo` drops the logo. Everything is
    checked before anything is written, and every problem is named."""
    ctx.actor.require(Permission.MANAGE_CATALOG)
    given = {
        key: value
        for key, value in (
            ("name", name),
            ("legal_form", legal_form),
            ("street", street if street is not None else address),
            ("postcode", postcode),
            ("city", city),
            ("country", country),
            ("vat_number", vat_number),
            ("registration", registration),
            ("iban", iban),
            ("bic", bic),
            ("email", email),
        )
        if value is not None
    }
    logo, logo_problems = None, []
    try:
        logo = read_logo(Path(logo_file)) if logo_file is not None else None
    except InvalidInput as refused:
        logo_problems = refused.problems  # named with the other fields' problems
    new_logo = logo is not None or remove_logo
    return _save(ctx, given, logo_problems, new_logo=new_logo, logo=logo)


def _save(
    ctx: Context,
    given: dict[str, str],
    found: list[Problem],
    *,
    new_logo: bool,
    logo: Logo | None,
) -> SellerDetails:
    """Change the fields `given`, and the logo if `new_logo`, in one transaction."""
    with ctx.new_uow() as uow:
        uow.claim(KEY)  # two Administrators at once: each changes what the other saved
        before = stored_seller(uow)
        seller = revised(before, given, found)
        if new_logo:
            seller = replace(seller, logo=logo)
        if seller == before:
            return seller
        uow.settings.set(KEY, json.dumps(seller.stored()))
        audit.record_change(
            uow,
            ctx,
            "seller.update",
            "seller",
            KEY,
            before=before.pictured() if before else None,
            after=seller.pictured(),
        )
        uow.commit()
    return seller


def read_logo(path: Path) -> Logo:
    """The logo in the file at `path`, read no further than the largest logo kept."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_LOGO_BYTES + 1)
    except OSError as exc:
        raise InvalidInput(
            "The logo was refused.",
            [Problem(f"{path} cannot be read: {exc.strerror or exc}", field="logo")],
        ) from None
    if len(data) > MAX_LOGO_BYTES:
        raise oversized_logo(max(len(data), path.stat().st_size), path.name)
    return Logo.of(data, path.name)


def get_seller(ctx: Context) -> SellerDetails:
    """The seller's details; refused (R19) before they are set."""
    ctx.actor.require(Permission.READ_CATALOG)
    with ctx.new_uow() as uow:
        seller = stored_seller(uow)
        if seller is None:
            current_seller(uow)  # raises the refusal saying how to set them
        assert seller is not None
        return seller


def seller_details(ctx: Context) -> SellerDetails | None:
    """The seller's details, or None before they are set (the form starts empty)."""
    ctx.actor.require(Permission.READ_CATALOG)
    with ctx.new_uow() as uow:
        return stored_seller(uow)
