"""The composition root: builds the engine, sessions, clock and hasher, and exposes
the `AdminApp` facade that the GUI and the command line use."""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from platformdirs import user_data_path
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from desktop_admin.clock import FixedClock, SystemClock
from desktop_admin.domain.accounts import Account, PaymentMethod
from desktop_admin.domain.assignment_rules import AssignmentRule, RulesOutcome
from desktop_admin.domain.audit import AuditEntry
from desktop_admin.domain.catalog import Catalog
from desktop_admin.domain.changes import ChangeRequest, ScheduledChange
from desktop_admin.domain.invoicing import Invoice, Party, Payment
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.quotes import Quote
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.domain.users import NamedUser, SeatUsage
from desktop_admin.pdf import ReportlabRenderer
from desktop_admin.persistence.database import open_database
from desktop_admin.persistence.uow import SqlUnitOfWork
from desktop_admin.security import Argon2Hasher
from desktop_admin.services import (
    accounts,
    billing_run,
    cancellation,
    catalog,
    changes,
    documents_pdf,
    operators,
    payments,
    purchases,
    quotes,
    seats,
    seller,
    subscriptions,
    user_import,
    users,
)
from desktop_admin.services import assignment_rules as rules_service
from desktop_admin.services import audit as audit_service
from desktop_admin.services import dashboard as dashboard_service
from desktop_admin.services.billing_run import BillingReport
from desktop_admin.services.cancellation import Cancellation
from desktop_admin.services.catalog import CatalogImport
from desktop_admin.services.changes import ChangeResult
from desktop_admin.services.dashboard import Dashboard
from desktop_admin.services.ports import Clock, DocumentRenderer, PasswordHasher
from desktop_admin.services.purchases import Order, Purchase
from desktop_admin.services.user_import import ImportReport

APP_NAME = "seat-desk"


def default_database_url() -> str:
    """`DESKTOP_ADMIN_DB` if set, else a SQLite file in the user data folder."""
    if os.environ.get("DESKTOP_ADMIN_DB"):
        return os.environ["DESKTOP_ADMIN_DB"]
    path = user_data_path(APP_NAME, appauthor=False) / "seatdesk.sqlite3"
    return f"sqlite:///{path}"


class AdminApp:
    """One open database with its clock: the way in for the GUI and the CLI."""

    #: The shortest password an operator may choose (the services enforce it).
    MIN_PASSWORD_LENGTH = operators.MIN_PASSWORD_LENGTH

    def __init__(
        self,
        engine: Engine,
        sessions: sessionmaker[Session],
        clock: Clock,
        hasher: PasswordHasher,
        renderer: DocumentRenderer | None = None,
    ) -> None:
        self.engine, self._sessions, self.clock, self.hasher = engine, sessions, clock, hasher
        self.renderer: DocumentRenderer = renderer or ReportlabRenderer()

    @classmethod
    def open(
        cls, url: str | None = None, today: date | None = None, hasher: PasswordHasher | None = None
    ) -> AdminApp:
        engine, sessions = open_database(url or default_database_url())
        clock: Clock = FixedClock(today) if today else SystemClock()
        return cls(engine, sessions, clock, hasher or Argon2Hasher())

    def close(self) -> None:
        self.engine.dispose()

    @property
    def database_label(self) -> str:
        url = self.engine.url
        if url.get_backend_name() == "sqlite":
            return f"SQLite {Path(url.database or ':memory:').name}"
        return f"{url.get_backend_name()} {url.host or ''}/{url.database or ''}"

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self._sessions)

    def has_operators(self) -> bool:
        with self.uow() as uow:
            return uow.operators.count() > 0

    def create_first_administrator(
        self, login: str, password: str, display_name: str = ""
    ) -> OperatorSession:
        operator = operators.create_first_administrator(
            self.uow(), self.clock, self.hasher, login, password, display_name
        )
        return OperatorSession(self, operator)

    def login(self, login: str, password: str) -> OperatorSession:
        return OperatorSession(
            self, operators.authenticate(self.uow(), self.hasher, login, password)
        )


class OperatorSession:
    """The facade for one logged-in operator; every call checks their permissions."""

    def __init__(self, app: AdminApp, operator: Operator) -> None:
        self.app, self.operator = app, operator

    def may(self, permission: Permission) -> bool:
        return self.operator.may(permission)

    @property
    def today(self) -> date:
        return self.app.clock.today()

    # Operators and audit
    def add_operator(
        self, login: str, role: str, password: str, display_name: str = ""
    ) -> Operator:
        return operators.add_operator(
            self.app.uow(),
            self.app.clock,
            self.app.hasher,
            self.operator,
            login,
            role,
            password,
            display_name,
        )

    def operators(self) -> list[Operator]:
        return operators.list_operators(self.app.uow(), self.operator)

    def audit_entries(
        self,
        entity: str | None = None,
        actor: str | None = None,
        entity_id: str | None = None,
        limit: int = 500,
        before_id: int | None = None,
        since: datetime | None = None,
    ) -> list[AuditEntry]:
        return audit_service.list_entries(
            self.app.uow(), self.operator, entity, actor, since, entity_id, limit, before_id
        )

    # Catalog
    def import_catalog(self, text: str, source: str | None = None) -> CatalogImport:
        return catalog.import_catalog(self.app.uow(), self.app.clock, self.operator, text, source)

    def catalog(self) -> Catalog:
        return catalog.current_catalog(self.app.uow(), self.operator)

    # Accounts
    def create_account(
        self,
        name: str,
        audience: str,
        country: str,
        language: str = "en",
        vat_number: str | None = None,
        billing_email: str | None = None,
        address: str | None = None,
    ) -> Account:
        return accounts.create_account(
            self.app.uow(),
            self.app.clock,
            self.operator,
            name,
            audience,
            country,
            language,
            vat_number,
            billing_email,
            address,
        )

    def accounts(self) -> list[Account]:
        return accounts.list_accounts(self.app.uow(), self.operator)

    def account(self, account_id: int) -> Account:
        return accounts.get_account(self.app.uow(), self.operator, account_id)

    def add_card(
        self, account_id: int, token: str, brand: str, last4: str, exp_month: int, exp_year: int
    ) -> PaymentMethod:
        return accounts.add_card(
            self.app.uow(),
            self.app.clock,
            self.operator,
            account_id,
            token,
            brand,
            last4,
            exp_month,
            exp_year,
        )

    def add_bank_transfer(self, account_id: int) -> PaymentMethod:
        return accounts.add_bank_transfer(self.app.uow(), self.app.clock, self.operator, account_id)

    def payment_methods(self, account_id: int) -> list[PaymentMethod]:
        return accounts.payment_methods(self.app.uow(), self.operator, account_id)

    def seats(self, account_id: int) -> list[SeatUsage]:
        return seats.account_seats(self.app.uow(), self.operator, account_id, self.today)

    # Users
    def add_user(
        self,
        account_id: int,
        email: str,
        display_name: str = "",
        roles: Sequence[str] = (),
        enabled: bool = True,
        is_guest: bool = False,
        is_admin: bool = False,
        department: str = "",
    ) -> NamedUser:
        return users.add_user(
            self.app.uow(),
            self.app.clock,
            self.operator,
            account_id,
            email,
            display_name,
            roles,
            enabled,
            is_guest,
            is_admin,
            department,
        )

    def edit_user(
        self,
        user_id: int,
        expected_version: int | None,
        display_name: str | None = None,
        department: str | None = None,
        is_admin: bool | None = None,
        unchanged: Mapping[str, str] | None = None,
    ) -> NamedUser:
        """Change a user's details, refused as a conflict if the user's version is no
        longer `expected_version`, or (given `unchanged`) if those fields changed."""
        return users.edit_user(
            self.app.uow(),
            self.app.clock,
            self.operator,
            user_id,
            expected_version,
            display_name,
            department,
            is_admin,
            unchanged,
        )

    def set_enabled(self, user_ids: Sequence[int], enabled: bool) -> list[NamedUser]:
        return users.set_enabled(self.app.uow(), self.app.clock, self.operator, user_ids, enabled)

    def assign_role(self, user_ids: Sequence[int], role: str) -> list[NamedUser]:
        return users.assign_role(self.app.uow(), self.app.clock, self.operator, user_ids, role)

    def unassign_role(self, user_ids: Sequence[int], role: str) -> list[NamedUser]:
        return users.unassign_role(self.app.uow(), self.app.clock, self.operator, user_ids, role)

    def remove_users(self, user_ids: Sequence[int]) -> int:
        return users.remove_users(self.app.uow(), self.app.clock, self.operator, user_ids)

    def user(self, user_id: int) -> NamedUser:
        return users.get_user(self.app.uow(), self.operator, user_id)

    def users(
        self, account_id: int, search: str = "", limit: int = 1000, offset: int = 0
    ) -> list[NamedUser]:
        return users.list_users(self.app.uow(), self.operator, account_id, search, limit, offset)

    def user_ids(
        self,
        account_id: int,
        search: str = "",
        enabled: bool | None = None,
        role: str | None = None,
        sort: str = "email",
        descending: bool = False,
    ) -> list[int]:
        return users.user_ids(
            self.app.uow(), self.operator, account_id, search, enabled, role, sort, descending
        )

    def users_by_ids(self, user_ids: Sequence[int]) -> list[NamedUser]:
        return users.users_by_ids(self.app.uow(), self.operator, user_ids)

    def import_users(
        self,
        account_id: int,
        text: str,
        good_rows_only: bool = False,
        source: str | None = None,
        apply_rules: bool = True,
    ) -> ImportReport:
        """Import a user CSV; the account's assignment rules give the new users their
        roles unless `apply_rules` is false."""
        return user_import.import_users(
            self.app.uow(),
            self.app.clock,
            self.operator,
            account_id,
            text,
            good_rows_only,
            source,
            apply_rules,
        )

    def check_user_import(
        self, account_id: int, text: str, source: str | None = None, apply_rules: bool = True
    ) -> ImportReport:
        """What importing the good rows of a user CSV would do, writing nothing: the bad
        rows, and who the assignment rules would give a seat (or could not)."""
        return user_import.import_users(
            self.app.uow(),
            self.app.clock,
            self.operator,
            account_id,
            text,
            source=source,
            apply_rules=apply_rules,
            check_only=True,
        )

    def export_users(self, account_id: int, search: str = "") -> list[NamedUser]:
        return user_import.export_users(self.app.uow(), self.operator, account_id, search)

    def export_users_csv(self, account_id: int, search: str = "") -> str:
        return user_import.export_users_csv(self.app.uow(), self.operator, account_id, search)

    # Subscriptions
    def record_subscription(
        self,
        account_id: int,
        cycle: Cycle,
        seats: Mapping[str, int],
        addons: Mapping[str, int] | None = None,
        start: date | None = None,
        payment: str = "card",
    ) -> Subscription:
        return subscriptions.record_subscription(
            self.app.uow(),
            self.app.clock,
            self.operator,
            account_id,
            cycle,
            seats,
            addons,
            start,
            payment=payment,
        )

    def subscriptions(self, account_id: int) -> list[Subscription]:
        return subscriptions.subscriptions_of(self.app.uow(), self.operator, account_id)

    def subscription(self, subscription_id: int) -> Subscription:
        return subscriptions.get_subscription(self.app.uow(), self.operator, subscription_id)

    def purchase(self, order: Order) -> Purchase:
        return purchases.purchase(self.app.uow(), self.app.clock, self.operator, order)

    # Seller and documents
    def set_seller(
        self,
        name: str,
        country: str,
        vat_number: str | None = None,
        address: str | None = None,
        email: str | None = None,
    ) -> Party:
        return seller.set_seller(
            self.app.uow(), self.app.clock, self.operator, name, country, vat_number, address, email
        )

    def seller(self) -> Party:
        return seller.get_seller(self.app.uow(), self.operator)

    def invoices(self, account_id: int | None = None) -> list[Invoice]:
        return purchases.list_invoices(self.app.uow(), self.operator, account_id)

    def invoice(self, reference: str) -> Invoice:
        return purchases.get_invoice(self.app.uow(), self.operator, reference)

    # Changes, renewal, cancellation
    def preview_change(self, subscription_id: int, request: ChangeRequest) -> ChangeResult:
        return changes.preview_change(
            self.app.uow(), self.app.clock, self.operator, subscription_id, request
        )

    def change(self, subscription_id: int, request: ChangeRequest) -> ChangeResult:
        return changes.change_subscription(
            self.app.uow(), self.app.clock, self.operator, subscription_id, request
        )

    def scheduled_changes(self, subscription_id: int) -> list[ScheduledChange]:
        return changes.scheduled_changes(self.app.uow(), self.operator, subscription_id)

    def cancel_scheduled_change(self, subscription_id: int, change_id: int) -> ScheduledChange:
        return changes.cancel_scheduled_change(
            self.app.uow(), self.app.clock, self.operator, change_id, subscription_id
        )

    def set_auto_renew(self, subscription_id: int, renew: bool) -> Subscription:
        return changes.set_auto_renew(
            self.app.uow(), self.app.clock, self.operator, subscription_id, renew
        )

    def cancel(self, subscription_id: int, refund: bool = False) -> Cancellation:
        return cancellation.cancel_subscription(
            self.app.uow(), self.app.clock, self.operator, subscription_id, refund
        )

    def run_billing(
        self,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> BillingReport:
        return billing_run.run_billing(
            self.app.uow, self.app.clock, self.operator, progress=progress, cancelled=cancelled
        )

    # Quotes and payments
    def quote_purchase(self, order: Order) -> Quote:
        return quotes.quote_purchase(self.app.uow(), self.app.clock, self.operator, order)

    def quote_change(self, subscription_id: int, request: ChangeRequest) -> Quote:
        return quotes.quote_change(
            self.app.uow(), self.app.clock, self.operator, subscription_id, request
        )

    def accept_quote(self, reference: str) -> tuple[Quote, Purchase | ChangeResult]:
        return quotes.accept_quote(self.app.uow(), self.app.clock, self.operator, reference)

    def reject_quote(self, reference: str) -> Quote:
        return quotes.reject_quote(self.app.uow(), self.app.clock, self.operator, reference)

    def quotes(self, account_id: int | None = None) -> list[Quote]:
        return quotes.list_quotes(self.app.uow(), self.operator, account_id)

    def quote(self, reference: str) -> Quote:
        return quotes.get_quote(self.app.uow(), self.operator, reference)

    def record_payment(
        self, reference: str, method: str, payment_reference: str, amount: Decimal | None = None
    ) -> tuple[Invoice, Payment]:
        return payments.record_payment(
            self.app.uow(),
            self.app.clock,
            self.operator,
            reference,
            method,
            payment_reference,
            amount,
        )

    def issue_invoice(self, reference: str) -> Invoice:
        return payments.issue_draft_now(self.app.uow(), self.app.clock, self.operator, reference)

    # Assignment rules
    def assignment_rules(self, account_id: int) -> list[AssignmentRule]:
        return rules_service.account_rules(self.app.uow(), self.operator, account_id)

    def save_assignment_rules(
        self, account_id: int, rules: Sequence[AssignmentRule]
    ) -> list[AssignmentRule]:
        return rules_service.save_rules(
            self.app.uow(), self.app.clock, self.operator, account_id, rules
        )

    def preview_assignment_rules(
        self, account_id: int, rules: Sequence[AssignmentRule] | None = None
    ) -> RulesOutcome:
        return rules_service.preview_rules(
            self.app.uow(), self.app.clock, self.operator, account_id, rules
        )

    def apply_assignment_rules(
        self, account_id: int, rules: Sequence[AssignmentRule] | None = None
    ) -> RulesOutcome:
        return rules_service.apply_rules(
            self.app.uow(), self.app.clock, self.operator, account_id, rules
        )

    # Documents as PDF
    def invoice_pdf(self, reference: str) -> bytes:
        """An issued invoice or credit note (id or number) as PDF bytes."""
        return documents_pdf.invoice_pdf(
            self.app.uow(), self.app.renderer, self.operator, reference
        )

    def quote_pdf(self, reference: str) -> bytes:
        """A quote (id or number) as PDF bytes, with its status of today."""
        return documents_pdf.quote_pdf(
            self.app.uow(), self.app.renderer, self.operator, reference, self.today
        )

    def export_invoice_pdfs(
        self,
        references: Sequence[str],
        folder: Path | str,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Path]:
        """`<number>.pdf` for each invoice into `folder`; `progress(done, total)` after
        each; stops when `cancelled()` is true and returns the files written."""
        return documents_pdf.export_invoice_pdfs(
            self.app.uow(),
            self.app.renderer,
            self.operator,
            references,
            folder,
            progress,
            cancelled,
        )

    # Dashboard
    def dashboard(self) -> Dashboard:
        """Seats per role, revenue by month (with READ_BILLING), renewals and changes due."""
        return dashboard_service.dashboard(self.app.uow(), self.operator, self.today)
