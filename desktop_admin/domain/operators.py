"""The people who use the application and what each role may do."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from desktop_admin.domain.errors import PermissionDenied

LOGIN = re.compile(r"^[a-z0-9][a-z0-9._@-]{1,63}$")


class Permission(StrEnum):
    MANAGE_OPERATORS = "manage operators"
    MANAGE_CATALOG = "manage the catalog"
    READ_CATALOG = "read the catalog"
    MANAGE_ACCOUNTS = "manage accounts"
    READ_ACCOUNTS = "read accounts"
    MANAGE_USERS = "manage users and assignments"
    READ_USERS = "read users"
    MANAGE_SUBSCRIPTIONS = "manage subscriptions"
    READ_BILLING = "read quotes and invoices"
    PRINT_DOCUMENTS = "print quotes and invoices"
    RECORD_PAYMENTS = "record payments"
    RUN_BILLING = "run billing"
    READ_AUDIT = "read the audit trail"
    SYNC = "synchronise with the platform"


class OperatorRole(StrEnum):
    ADMINISTRATOR = "administrator"
    USER_MANAGER = "user_manager"
    BILLING_CLERK = "billing_clerk"

    @property
    def label(self) -> str:
        return {
            "administrator": "Administrator",
            "user_manager": "User manager",
            "billing_clerk": "Billing clerk",
        }[self.value]


GRANTS: dict[OperatorRole, frozenset[Permission]] = {
    OperatorRole.ADMINISTRATOR: frozenset(Permission),
    OperatorRole.USER_MANAGER: frozenset(
        {
            Permission.READ_CATALOG,
            Permission.READ_ACCOUNTS,
            Permission.MANAGE_USERS,
            Permission.READ_USERS,
        }
    ),
    OperatorRole.BILLING_CLERK: frozenset(
        {
            Permission.READ_CATALOG,
            Permission.READ_ACCOUNTS,
            Permission.READ_USERS,
            Permission.READ_BILLING,
            Permission.PRINT_DOCUMENTS,
            Permission.RECORD_PAYMENTS,
        }
    ),
}


@dataclass(frozen=True)
class Operator:
    login: str
    role: OperatorRole
    display_name: str = ""
    enabled: bool = True
    id: int | None = None
    version: int = 0

    def may(self, permission: Permission) -> bool:
        return self.enabled and permission in GRANTS[self.role]

    def require(self, permission: Permission) -> None:
        """Refuse, naming the permission, unless this operator's role grants it."""
        if not self.may(permission):
            raise PermissionDenied(f"{self.login} ({self.role.label}) may not {permission.value}")
