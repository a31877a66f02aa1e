"""The tables of the sync with the platform: its settings per account, the outbox of
changes to send, and the links between local users and roles and the platform's."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop_admin.persistence.orm import Base


class SyncSettingsRow(Base):
    """An account's platform: its SCIM base URL and how roles map. Never the token,
    which lives in the operating system's keyring."""

    __tablename__ = "sync_settings"
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    base_url: Mapped[str] = mapped_column(String(2000))
    roles: Mapped[str] = mapped_column(String(16))
    last_sync_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent: Mapped[int] = mapped_column(Integer, default=0)


class SyncOutboxRow(Base):
    """A user whose state must reach the platform, written in the transaction that
    changed it. One entry a user: a newer change replaces the older entry (its id, the
    order of sending, is the newest change's). `user_name` is the e-mail at the change,
    to find the remote user of one removed here before it was ever linked."""

    __tablename__ = "sync_outbox"
    __table_args__ = (Index("ix_sync_outbox_account_id_id", "account_id", "id"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    user_id: Mapped[int] = mapped_column(Integer, index=True)
    user_name: Mapped[str] = mapped_column(String(254))
    queued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")


class SyncLinkRow(Base):
    """A local user and its platform twin: the remote id, the ETag last seen and the
    state both sides last agreed on (JSON), from which conflicts are told."""

    __tablename__ = "sync_links"
    __table_args__ = (
        Index("ix_sync_links_account_id_remote_id", "account_id", "remote_id", unique=True),
    )
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"))
    remote_id: Mapped[str] = mapped_column(String(255))
    etag: Mapped[str] = mapped_column(String(255), default="")
    baseline: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(16), default="here")  # here | platform


class SyncGroupRow(Base):
    """A role and the platform's group standing for it (the `groups` mapping)."""

    __tablename__ = "sync_groups"
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id"), primary_key=True)
    role_code: Mapped[str] = mapped_column(String(64), primary_key=True)
    remote_id: Mapped[str] = mapped_column(String(255))
