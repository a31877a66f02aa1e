"""The signed-in session: one operator's way into the application, in areas."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from desktop_admin.app.accounts import AccountsArea
from desktop_admin.app.billing import BillingArea
from desktop_admin.app.catalog import CatalogArea
from desktop_admin.app.documents import DocumentsArea
from desktop_admin.app.licences import LicencesArea
from desktop_admin.app.operators import AuditArea, OperatorsArea
from desktop_admin.app.subscriptions import SubscriptionsArea
from desktop_admin.app.users import UsersArea
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.services.context import Context


class Database(Protocol):
    """The open database a session works on (`AdminApp`)."""

    @property
    def database_label(self) -> str: ...
    @property
    def database_url(self) -> str: ...
    def login(self, login: str, password: str) -> OperatorSession: ...


class OperatorSession:
    """One signed-in operator. The work is in areas, as Anki's collection has them:
    `session.users.add(...)`, `session.subscriptions.change(...)`; every call is
    checked against the operator's permissions by the services, and every call that
    writes returns an `Outcome` saying what it changed."""

    def __init__(self, app: Database, ctx: Context) -> None:
        #: The open database this session works on (to sign another operator in).
        self.app = app
        self.operator: Operator = ctx.actor
        self._ctx = ctx
        self.accounts = AccountsArea(ctx)
        self.users = UsersArea(ctx)
        self.licences = LicencesArea(ctx)
        self.subscriptions = SubscriptionsArea(ctx)
        self.billing = BillingArea(ctx)
        self.documents = DocumentsArea(ctx)
        self.catalog = CatalogArea(ctx)
        self.operators = OperatorsArea(ctx)
        self.audit = AuditArea(ctx)

    def may(self, permission: Permission) -> bool:
        return self.operator.may(permission)

    @property
    def today(self) -> date:
        return self._ctx.clock.today()
