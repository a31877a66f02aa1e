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
from desktop_admin.domain.card_data import card_data_problem
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.operators import Permission
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork


def create_account(
    ctx: Context,
    *,
    name: str,
    audience: str,
    country: str,
    language: str = "en",
    vat_number: str | None = None,
    billing_email: str | None = None,
    address: str | None = None,
) -> Account:
    ctx.actor.require(Permission.MANAGE_ACCOUNTS)
    contact = {"billing_email": billing_email, "address": address}
    if problems := [
        Problem(f"the {field.replace('_', ' ')} {reason}", field=field)
        for field, value in contact.items()
        if value and (reason := card_data_problem(value))
    ]:
        raise InvalidInput("The account was refused.", problems)
    account = replace(
        validate_account(name, audience, country, language, vat_number),
        billing_email=billing_email,
        address=address,
    )
    with ctx.new_uow() as uow:
        account = uow.accounts.add(account)
        audit.record_change(uow, ctx, "account.create", "account", account.id, after=account)
        uow.commit()
        return account


def list_accounts(ctx: Context) -> list[Account]:
    ctx.actor.require(Permission.READ_ACCOUNTS)
    with ctx.new_uow() as uow:
        return uow.accounts.all()


def get_account(ctx: Context, account_id: int) -> Account:
    ctx.actor.require(Permission.READ_ACCOUNTS)
    with ctx.new_uow() as uow:
        return uow.accounts.get(account_id)


def add_card(
    ctx: Context,
    account_id: int,
    *,
    token: str,
    brand: str,
    last4: str,
    exp_month: int,
    exp_year: int,
) -> PaymentMethod:
    """R06: store a card as token, brand, last four digits and expiry only."""
    ctx.actor.require(Permission.MANAGE_ACCOUNTS)
    card = validate_card(token, brand, last4, exp_month, exp_year, ctx.today)
    after = {
        "kind": "card",
        "brand": card.brand,
        "last4": card.last4,
        "expiry": f"{card.exp_month:02d}/{card.exp_year}",
    }
    with ctx.new_uow() as uow:
        uow.accounts.get(account_id)
        method = _add_method(uow, ctx, account_id, PaymentMethod(PaymentKind.CARD, card), after)
        uow.commit()
        return method


def add_bank_transfer(ctx: Context, account_id: int) -> PaymentMethod:
    """R06: bank transfer, for company accounts only."""
    ctx.actor.require(Permission.MANAGE_ACCOUNTS)
    with ctx.new_uow() as uow:
        account = uow.accounts.get(account_id)
        check_payment_kind(account.audience, PaymentKind.TRANSFER)
        transfer = PaymentMethod(PaymentKind.TRANSFER)
        method = _add_method(uow, ctx, account_id, transfer, {"kind": "transfer"})
        uow.commit()
        return method


def _add_method(
    uow: UnitOfWork, ctx: Context, account_id: int, method: PaymentMethod, recorded: object
) -> PaymentMethod:
    """Keep a payment method of the account, with its audit entry (what it records)."""
    added = uow.accounts.add_payment_method(account_id, method)
    audit.record_change(uow, ctx, "payment_method.add", "account", account_id, after=recorded)
    return added


def payment_methods(ctx: Context, account_id: int) -> list[PaymentMethod]:
    ctx.actor.require(Permission.READ_ACCOUNTS)
    with ctx.new_uow() as uow:
        return uow.accounts.payment_methods(account_id)
