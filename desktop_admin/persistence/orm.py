"""The schema as SQLAlchemy 2 typed mappings. Alembic migrations create it;
this module is their reference (a test checks the two agree).

Mutable rows carry `version`, compared on every update, so that two
administrators editing the same row get a conflict instead of a silent
overwrite.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator, TypeEngine

SCALE = Decimal(10000)


class Amount(TypeDecorator[Decimal]):
    """An exact amount with up to 4 decimals: NUMERIC(18,4) on PostgreSQL, a scaled
    integer (1/10000 units) on SQLite, whose NUMERIC would be a float."""

    impl = BigInteger
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(Numeric(18, 4, asdecimal=True))

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal):
            raise TypeError(f"amounts are Decimal, not {type(value).__name__}")
        if dialect.name != "sqlite":
            return value
        scaled = value * SCALE
        if scaled != scaled.to_integral_value():
            raise ValueError(f"{value} has more than 4 decimals")
        return int(scaled)

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        if dialect.name != "sqlite":
            return Decimal(value)
        return (Decimal(int(value)) / SCALE).quantize(Decimal("0.0001"))


NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class DocumentLineColumns:
    """The columns of a line of an invoice, a credit note or a quote (R19)."""

    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    code: Mapped[str] = mapped_column(String(64), default="")
    description: Mapped[str] = mapped_column(Text)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Amount)
    amount: Mapped[Decimal] = mapped_column(Amount)
    vat_rate: Mapped[Decimal] = mapped_column(Amount)


class Setting(Base):
    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class OperatorRow(Base):
    __tablename__ = "operators"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    role: Mapped[str] = mapped_column(String(32))
    password_hash: Mapped[str] = mapped_column(String(255))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)


class RoleRow(Base):
    __tablename__ = "roles"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    upgrade_policy: Mapped[str] = mapped_column(String(32))
    seat_overflow: Mapped[str] = mapped_column(String(32))
    audiences: Mapped[str] = mapped_column(String(100))
    online_countries: Mapped[str] = mapped_column(Text, default="")
    trial_days: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)


class AddonRow(Base):
    __tablename__ = "addons"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    version: Mapped[int] = mapped_column(Integer, default=1)


class PriceRow(Base):
    """Current catalog price of a role or add-on for one cycle."""

    __tablename__ = "prices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    product: Mapped[str] = mapped_column(String(8))  # role | addon
    code: Mapped[str] = mapped_column(String(64))
    cycle: Mapped[str] = mapped_column(String(16))
    amount: Mapped[Decimal] = mapped_column(Amount)
    __table_args__ = (
        UniqueConstraint("product", "code", "cycle", name="uq_prices_product_code_cycle"),
    )


class AccountRow(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    audience: Mapped[str] = mapped_column(String(16))
    country: Mapped[str] = mapped_column(String(2))
    language: Mapped[str] = mapped_column(String(8), default="en")
    vat_number: Mapped[str | None] = mapped_column(String(32))
    billing_email: Mapped[str | None] = mapped_column(String(254))
    street: Mapped[str | None] = mapped_column(Text)
    postcode: Mapped[str | None] = mapped_column(String(16))
    city: Mapped[str | None] = mapped_column(String(100))
    buyer_reference: Mapped[str | None] = mapped_column(String(100))
    purchase_order: Mapped[str | None] = mapped_column(String(100))
    archived_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)


class PaymentMethodRow(Base):
    """R06: token, brand, last four and expiry only."""

    __tablename__ = "payment_methods"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    card_token: Mapped[str | None] = mapped_column(String(128))
    card_brand: Mapped[str | None] = mapped_column(String(32))
    card_last4: Mapped[str | None] = mapped_column(String(4))
    card_exp_month: Mapped[int | None] = mapped_column(Integer)
    card_exp_year: Mapped[int | None] = mapped_column(Integer)


class UserRow(Base):
    __tablename__ = "named_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    email: Mapped[str] = mapped_column(String(254))
    display_name: Mapped[str] = mapped_column(String(200), default="")
    department: Mapped[str] = mapped_column(String(200), default="")
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    is_guest: Mapped[bool] = mapped_column(Boolean, default=False)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)
    __table_args__ = (
        UniqueConstraint("account_id", "email", name="uq_named_users_account_email"),
        Index("ix_named_users_account_name", "account_id", "display_name", "id"),
    )


class AssignmentRow(Base):
    """A role held by a user; it consumes a seat while the user is enabled (R14)."""

    __tablename__ = "role_assignments"
    user_id: Mapped[int] = mapped_column(
        ForeignKey("named_users.id", ondelete="CASCADE"), primary_key=True
    )
    role_code: Mapped[str] = mapped_column(ForeignKey("roles.code"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    __table_args__ = (Index("ix_role_assignments_account_role", "account_id", "role_code"),)


class SubscriptionRow(Base):
    __tablename__ = "subscriptions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    cycle: Mapped[str] = mapped_column(String(16))
    anchor: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    auto_renew: Mapped[bool] = mapped_column(Boolean, default=True)
    ends_on: Mapped[date | None] = mapped_column(Date)
    #: End of the last period invoiced (or paid up to); a renewal is due from then.
    billed_through: Mapped[date | None] = mapped_column(Date, index=True)
    payment_kind: Mapped[str] = mapped_column(String(16), default="card", server_default="card")
    cancelled_on: Mapped[date | None] = mapped_column(Date)
    read_only_until: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)


class SubscriptionItemRow(Base):
    """Seats of a role or units of an add-on in a subscription."""

    __tablename__ = "subscription_items"
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"), primary_key=True
    )
    product: Mapped[str] = mapped_column(String(8), primary_key=True)  # role | addon
    code: Mapped[str] = mapped_column(String(64), primary_key=True)
    quantity: Mapped[int] = mapped_column(Integer)
    #: The unit price of the current period (catalog prices change at renewal, R08).
    unit_price: Mapped[Decimal | None] = mapped_column(Amount)


class ScheduledChangeRow(Base):
    """A downgrade (R11) or cycle change (R12) due at a period end."""

    __tablename__ = "scheduled_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("subscriptions.id", ondelete="CASCADE"), index=True
    )
    effective_on: Mapped[date] = mapped_column(Date, index=True)
    product: Mapped[str] = mapped_column(String(8))  # role | addon | cycle
    code: Mapped[str] = mapped_column(String(64), default="")
    quantity: Mapped[int | None] = mapped_column(Integer)
    cycle: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))  # pending | applied | cancelled | blocked
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)


class QuoteRow(Base):
    """A priced purchase or change, not committed (R13)."""

    __tablename__ = "quotes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    subscription_id: Mapped[int | None] = mapped_column(ForeignKey("subscriptions.id"))
    request: Mapped[str] = mapped_column(Text)  # JSON of the order or change
    status: Mapped[str] = mapped_column(String(16))
    contact_request: Mapped[bool] = mapped_column(Boolean, default=False)
    issue_date: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    net: Mapped[Decimal] = mapped_column(Amount)
    vat: Mapped[Decimal] = mapped_column(Amount)
    total: Mapped[Decimal] = mapped_column(Amount)
    vat_note: Mapped[str] = mapped_column(Text, default="")
    seller: Mapped[str] = mapped_column(Text)
    buyer: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)


class QuoteLineRow(DocumentLineColumns, Base):
    __tablename__ = "quote_lines"
    quote_id: Mapped[int] = mapped_column(
        ForeignKey("quotes.id", ondelete="CASCADE"), primary_key=True
    )


class AuditRow(Base):
    __tablename__ = "audit_log"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    actor: Mapped[str] = mapped_column(String(64), index=True)
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)
    __table_args__ = (Index("ix_audit_log_entity", "entity", "entity_id"),)


class DocumentSequenceRow(Base):
    """R19: the last number used per series and year; locked while a number is taken,
    in the same transaction as the document, so numbers stay gapless."""

    __tablename__ = "document_sequences"
    series: Mapped[str] = mapped_column(String(8), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class InvoiceRow(Base):
    """An invoice or credit note; immutable once issued (R19)."""

    __tablename__ = "invoices"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str | None] = mapped_column(String(32), unique=True)  # None while a draft
    kind: Mapped[str] = mapped_column(String(16))  # invoice | credit_note
    reason: Mapped[str] = mapped_column(String(16))  # purchase | renewal | upgrade | refund
    #: At most one document per key (e.g. a subscription's renewal for a period),
    #: so that a billing run can be repeated without issuing anything twice.
    billing_key: Mapped[str | None] = mapped_column(String(96), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), index=True)
    subscription_id: Mapped[int | None] = mapped_column(ForeignKey("subscriptions.id"), index=True)
    credited_invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoices.id"))
    issue_date: Mapped[date] = mapped_column(Date, index=True)
    due_date: Mapped[date] = mapped_column(Date)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    currency: Mapped[str] = mapped_column(String(3))
    net: Mapped[Decimal] = mapped_column(Amount)
    vat: Mapped[Decimal] = mapped_column(Amount)
    total: Mapped[Decimal] = mapped_column(Amount)
    status: Mapped[str] = mapped_column(String(16))  # draft | open | paid | credited
    payment_kind: Mapped[str] = mapped_column(String(16))
    vat_note: Mapped[str] = mapped_column(Text, default="")
    seller: Mapped[str] = mapped_column(Text)  # JSON snapshot at issue
    buyer: Mapped[str] = mapped_column(Text)  # JSON snapshot at issue
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    version: Mapped[int] = mapped_column(Integer, default=1)


class InvoiceLineRow(DocumentLineColumns, Base):
    __tablename__ = "invoice_lines"
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), primary_key=True
    )


class PaymentRow(Base):
    """A payment against an invoice: a card token or a bank transfer reference."""

    __tablename__ = "payments"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("invoices.id"), index=True)
    method: Mapped[str] = mapped_column(String(16))
    reference: Mapped[str] = mapped_column(String(128))
    amount: Mapped[Decimal] = mapped_column(Amount)
    paid_on: Mapped[date] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class ChangeFeedRow(Base):
    """What each operation changed (its `Changes` flags) and which open application
    made it, so that the other windows on this database reload what it touched."""

    __tablename__ = "change_feed"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    changes: Mapped[int] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(36))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
