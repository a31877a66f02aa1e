"""Accounts and their payment methods (R01, R06)."""

from __future__ import annotations

from dataclasses import replace

from desktop_admin.domain.accounts import (
    Account,
    PaymentKind,
    PaymentMethod,
    check_payment_kind,
    validate_account,
    validate_card,
)
from desktop_admin.domain.operators import Operator, Permission
from desktop_admin.services import audit
from desktop_admin.services.ports import Clock, UnitOfWork


def create_account(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    name: str,
    audience: str,
    country: str,
    language: str = "en",
    vat_number: str | None = None,
    billing_email: str | None = None,
    address: str | None = None,
) -> Account:
    actor.require(Permission.MANAGE_ACCOUNTS)
    account = replace(
        validate_account(name, audience, country, language, vat_number),
        billing_email=billing_email,
        address=address,
    )
    with uow:
        account = uow.accounts.add(account)
        audit.record(uow, clock, actor, "account.create", "account", account.id, after=account)
        uow.commit()
        return account


def list_accounts(uow: UnitOfWork, actor: Operator) -> list[Account]:
    actor.require(Permission.READ_ACCOUNTS)
    with uow:
        return uow.accounts.all()


def get_account(uow: UnitOfWork, actor: Operator, account_id: int) -> Account:
    actor.require(Permission.READ_ACCOUNTS)
    with uow:
        return uow.accounts.get(account_id)


def add_card(
    uow: UnitOfWork,
    clock: Clock,
    actor: Operator,
    account_id: int,
    token: str,
    brand: str,
    last4: str,
    exp_month: int,
    exp_year: int,
) -> PaymentMethod:
    """R06: store a card as token, brand, last four digits and expiry only."""
    actor.require(Permission.MANAGE_ACCOUNTS)
    card = validate_card(token, brand, last4, exp_month, exp_year, clock.today())
    with uow:
        uow.accounts.get(account_id)
        method = uow.accounts.add_payment_method(account_id, PaymentMethod(PaymentKind.CARD, card))
        audit.record(
            uow,
            clock,
            actor,
            "payment_method.add",
            "account",
            account_id,
            after={
                "kind": "card",
                "brand": card.brand,
                "last4": card.last4,
                "expiry": f"{card.exp_month:02d}/{card.exp_year}",
            },
        )
        uow.commit()
        return method


def add_bank_transfer(
    uow: UnitOfWork, clock: Clock, actor: Operator, account_id: int
) -> PaymentMethod:
    """R06: bank transfer, for company accounts only."""
    actor.require(Permission.MANAGE_ACCOUNTS)
    with uow:
        account = uow.accounts.get(account_id)
        check_payment_kind(account.audience, PaymentKind.TRANSFER)
        method = uow.accounts.add_payment_method(account_id, PaymentMethod(PaymentKind.TRANSFER))
        audit.record(
            uow,
            clock,
            actor,
            "payment_method.add",
            "account",
            account_id,
            after={"kind": "transfer"},
        )
        uow.commit()
        return method


def payment_methods(uow: UnitOfWork, actor: Operator, account_id: int) -> list[PaymentMethod]:
    actor.require(Permission.READ_ACCOUNTS)
    with uow:
        return uow.accounts.payment_methods(account_id)
