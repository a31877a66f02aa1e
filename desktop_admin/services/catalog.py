"""Importing the vendor's catalog: validated whole, then written in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from desktop_admin.domain.catalog import Addon, Catalog, Role
from desktop_admin.domain.catalog_changes import CatalogPreview, compare
from desktop_admin.domain.catalog_file import parse_catalog
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.operators import Permission
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork


@dataclass(frozen=True)
class CatalogImport:
    created: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]


@dataclass
class _Tally:
    """The codes of an import so far, by what became of them."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def result(self) -> CatalogImport:
        return CatalogImport(tuple(self.created), tuple(self.updated), tuple(self.unchanged))


def import_catalog(ctx: Context, text: str, *, source: str | None = None) -> CatalogImport:
    """Create or update roles and add-ons by code. Issued invoices keep their prices;
    roles and add-ons missing from the file are left as they are."""
    ctx.actor.require(Permission.MANAGE_CATALOG)
    catalog = parse_catalog(text, source)
    tally = _Tally()
    with ctx.new_uow() as uow:
        if not _checked_currency(uow, catalog, source):
            uow.catalog.set_currency(catalog.currency)
        for role in catalog.roles:
            _save(uow, ctx, uow.catalog.role(role.code), role, tally)
        for addon in catalog.addons:
            _save(uow, ctx, uow.catalog.addon(addon.code), addon, tally)
        uow.commit()
    return tally.result()


def _checked_currency(uow: UnitOfWork, catalog: Catalog, source: str | None) -> str | None:
    """The currency of the catalog kept (None before the first import); a file in
    another currency is refused."""
    current = uow.catalog.currency()
    if current and current != catalog.currency:
        raise InvalidInput(
            "The catalog was refused; nothing was imported.",
            [
                Problem(
                    f"the catalog is priced in {current}; a file in {catalog.currency} cannot "
                    "replace it",
                    None,
                    "currency",
                )
            ],
            source,
        )
    return current


def _save(
    uow: UnitOfWork, ctx: Context, old: Role | Addon | None, new: Role | Addon, tally: _Tally
) -> None:
    """Save a role or an add-on the file names, unless it is as stored; audit it."""
    if old is not None:
        new = replace(new, id=old.id, version=old.version)
        if audit.snapshot(old) == audit.snapshot(new):
            tally.unchanged.append(new.code)
            return
    saved: Role | Addon
    if isinstance(new, Role):
        entity, saved = "role", uow.catalog.save_role(new)
    else:
        entity, saved = "addon", uow.catalog.save_addon(new)
    (tally.created if old is None else tally.updated).append(new.code)
    action = f"{entity}.{'create' if old is None else 'update'}"
    audit.record_change(uow, ctx, action, entity, saved.code, before=old, after=saved)


def preview_catalog(ctx: Context, text: str, *, source: str | None = None) -> CatalogPreview:
    """What importing `text` would change, writing nothing: the file is checked exactly
    as `import_catalog` checks it (the same refusals, naming line and field)."""
    ctx.actor.require(Permission.MANAGE_CATALOG)
    catalog = parse_catalog(text, source)
    with ctx.new_uow() as uow:
        _checked_currency(uow, catalog, source)
        kept_roles, kept_addons = uow.catalog.roles(), uow.catalog.addons()
    return CatalogPreview(
        catalog.currency,
        (
            *compare("role", kept_roles, catalog.roles),
            *compare("addon", kept_addons, catalog.addons),
        ),
    )


def current_catalog(ctx: Context) -> Catalog:
    ctx.actor.require(Permission.READ_CATALOG)
    with ctx.new_uow() as uow:
        return Catalog(
            uow.catalog.currency() or "EUR", tuple(uow.catalog.roles()), tuple(uow.catalog.addons())
        )
