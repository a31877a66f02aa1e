"""Importing the vendor's catalog: validated whole, then written in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace

from desktop_admin.domain.catalog import Addon, Catalog, Role
from desktop_admin.domain.catalog_file import parse_catalog
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.services import audit
from desktop_admin.services.ports import Clock, UnitOfWork


@dataclass(frozen=True)
class CatalogImport:
    created: tuple[str, ...]
    updated: tuple[str, ...]
    unchanged: tuple[str, ...]


def import_catalog(
    uow: UnitOfWork, clock: Clock, actor: Operator, text: str, source: str | None = None
) -> CatalogImport:
    """Create or update roles and add-ons by code. Issued invoices keep their prices;
    roles and add-ons missing from the file are left as they are."""
    actor.require(Permission.MANAGE_CATALOG)
    catalog = parse_catalog(text, source)
    created: list[str] = []
    updated: list[str] = []
    unchanged: list[str] = []
    with uow:
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
        if not current:
            uow.catalog.set_currency(catalog.currency)
        for role in catalog.roles:
            _save(
                uow,
                clock,
                actor,
                "role",
                uow.catalog.role(role.code),
                role,
                created,
                updated,
                unchanged,
            )
        for addon in catalog.addons:
            _save(
                uow,
                clock,
                actor,
                "addon",
                uow.catalog.addon(addon.code),
                addon,
                created,
                updated,
                unchanged,
            )
        uow.commit()
    return CatalogImport(tuple(created), tuple(updated), tuple(unchanged))


def _save(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    entity: str,
    old: Role | Addon | None,
    new: Role | Addon,
    created: list[str],
    updated: list[str],
    unchanged: list[str],
) -> None:
    if old is not None:
        new = replace(new, id=old.id, version=old.version)
        if audit.snapshot(old) == audit.snapshot(new):
            unchanged.append(new.code)
            return
    if isinstance(new, Role):
        saved: Role | Addon = uow.catalog.save_role(new)
    else:
        saved = uow.catalog.save_addon(new)
    (created if old is None else updated).append(new.code)
    audit.record(
        uow,
        clock,
        actor,
        f"{entity}.{'create' if old is None else 'update'}",
        entity,
        saved.code,
        before=old,
        after=saved,
    )


def current_catalog(uow: UnitOfWork, actor: Operator) -> Catalog:
    actor.require(Permission.READ_CATALOG)
    with uow:
        return Catalog(
            uow.catalog.currency() or "EUR", tuple(uow.catalog.roles()), tuple(uow.catalog.addons())
        )
