"""The signed-in session: one operator's way into the application, in areas."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from desktop_admin.app.accounts import AccountsArea
from desktop_admin.app.areas import Publish, unpublished
from desktop_admin.app.billing import BillingArea
from desktop_admin.app.catalog import CatalogArea
from desktop_admin.app.database import DatabaseArea
from desktop_admin.app.documents import DocumentsArea
from desktop_admin.app.licences import LicencesArea
from desktop_admin.app.operators import AuditArea, OperatorsArea
from desktop_admin.app.subscriptions import SubscriptionsArea
from desktop_admin.app.sync import SyncArea
from desktop_admin.app.users import UsersArea
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.outcome import Changes
from desktop_admin.services.context import Context


class Database(Protocol):
    """The open database a session works on (`AdminApp`)."""

    @property
    def database_label(self) -> str: ...
    @property
    def database_url(self) -> str: ...
    def login(self, login: str, password: str) -> OperatorSession: ...
    def last_change(self) -> int: ...
    def changes_since(self, last: int) -> tuple[int, Changes]: ...
    def wait_for_changes(self, timeout: float) -> None: ...


class OperatorSession:
    """One signed-in operator. The work is in areas, as Anki's collection has them:
    `session.users.add(...)`, `session.subscriptions.change(...)`; every call is
    checked against the operator's permissions by the services, and every call that
    writes returns an `Outcome` saying what it changed."""

    def __init__(self, app: Database, ctx: Context, publish: Publish = unpublished) -> None:
        #: The open database this session works on (to sign another operator in).
        self.app = app
        self.operator: Operator = ctx.actor
        self._ctx = ctx
        self.accounts = AccountsArea(ctx, publish)
        self.users = UsersArea(ctx, publish)
        self.licences = LicencesArea(ctx, publish)
        self.subscriptions = SubscriptionsArea(ctx, publish)
        self.billing = BillingArea(ctx, publish)
        self.documents = DocumentsArea(ctx, publish)
        self.catalog = CatalogArea(ctx, publish)
        self.operators = OperatorsArea(ctx, publish)
        self.audit = AuditArea(ctx, publish)
        self.database = DatabaseArea(ctx, publish)
        self.sync = SyncArea(ctx, publish)

    def may(self, permission: Permission) -> bool:
        return self.operator.may(permission)

    @property
    def today(self) -> date:
        return self._ctx.clock.today()
