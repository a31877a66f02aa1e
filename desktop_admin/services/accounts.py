"""Accounts and their payment methods (R01, R06): creating, editing and archiving an
account; adding, replacing and removing the ways it pays."""

from __future__ import annotations

from dataclasses import replace

from desktop_admin.domain.accounts import (
    Account,
    AccountFields,
    PaymentKind,
    PaymentMethod,
    check_archivable,
    check_audience_change,
    check_payment_kind,
    check_removable,
    validate_card,
    validate_fields,
)
from desktop_admin.domain.errors import InvalidInput, NotFound, Problem
from desktop_admin.domain.invoicing import DocumentKind, InvoiceStatus
from desktop_admin.domain.operators import Permission
from desktop_admin.services import audit
from desktop_admin.services.context import Context
from desktop_admin.services.ports import UnitOfWork
from desktop_admin.services.seats import claim_seats


def create_account(
    ctx: Context,
    *,
    name: str,
    audience: str,
    country: str,
    language: str = "en",
    vat_number: str | None = None,
    billing_email: str | None = None,
    street: str | None = None,
    postcode: str | None = None,
    city: str | None = None,
    buyer_reference: str | None = None,
    purchase_order: str | None = None,
    address: str | None = None,
) -> Account:
    """A new account; every bad field is listed. `address` is a postal address as one
    free text, kept as the street lines (as migration 0005 kept the older ones)."""
    ctx.actor.require(Permission.MANAGE_ACCOUNTS)
    if address is not None and street is not None:
        problem = Problem("give the street, postcode and city, or the address", field="address")
        raise InvalidInput("The account was refused.", [problem])
    account = validate_fields(
        AccountFields(
            name,
            audience,
            country,
            language,
            vat_number,
            billing_email,
            street if address is None else address,
            postcode,
            city,
            buyer_reference,
            purchase_order,
        )
    )
    with ctx.new_uow() as uow:
        account = uow.accounts.add(account)
        audit.record_change(uow, ctx, "account.create", "account", account.id, after=account)
        uow.commit()
        return account


def edit_account(
    ctx: Context,
    account_id: int,
    *,
    version: int | None = None,
    name: str | None = None,
    audience: str | None = None,
    country: str | None = None,
    language: str | None = None,
    vat_number: str | None = None,
    billing_email: str | None = None,
    street: str | None = None,
    postcode: str | None = None,
    city: str | None = None,
    buyer_reference: str | None = None,
    purchase_order: str | None = None,
) -> Account:
    """Change the fields given (None keeps one, "" empties an optional one), at the
    `version` the operator read if given (else a conflict: someone saved first). Every
    bad field is listed; the audience changes only while no subscription runs (R01)
    and stays `company` while a bank transfer is kept (R06)."""
    ctx.actor.require(Permission.MANAGE_ACCOUNTS)
    changes = dict(
        name=name,
        audience=audience,
        country=country,
        language=language,
        vat_number=vat_number,
        billing_email=billing_email,
        street=street,
        postcode=postcode,
        city=city,
        buyer_reference=buyer_reference,
        purchase_order=purchase_order,
    )
    with ctx.new_uow() as uow:
        before = uow.accounts.get(account_id)
        edited = validate_fields(AccountFields.of(before).but(changes))
        at = before.version if version is None else version
        after = replace(edited, archived_on=before.archived_on, id=before.id, version=at)
        if after == before:  # nothing to save (a stale version is still a conflict)
            return before
        after = _save_edit(uow, ctx, before, after)
        uow.commit()
        return after


def _save_edit(uow: UnitOfWork, ctx: Context, before: Account, after: Account) -> Account:
    """Check the audience change (R01, R06), save, and record what changed."""
    assert before.id is not None
    subscriptions = uow.subscriptions.for_account(before.id)
    methods = uow.accounts.payment_methods(before.id)
    check_audience_change(before, after, subscriptions, methods, ctx.today)
    after = uow.accounts.update(after)
    old, new = audit.changed(before, after)
    audit.record_change(uow, ctx, "account.update", "account", before.id, before=old, after=new)
    return after


def archive_account(ctx: Context, account_id: int, *, version: int | None = None) -> Account:
    """Archive an account once nothing runs or is owed: no subscription in force or
    about to start, no open invoice. Archived, it takes no new user, purchase or payment
    method; what it holds stays readable."""
    ctx.actor.require(Permission.MANAGE_ACCOUNTS)
    with ctx.new_uow() as uow:
        claim_seats(uow, [account_id])  # nobody adds a user to it meanwhile
        before = uow.accounts.get(account_id)
        open_invoices = [
            invoice.number or "(draft)"
            for invoice in uow.reads.billing.invoices(account_id)
            if invoice.kind is DocumentKind.INVOICE
            and invoice.status in (InvoiceStatus.OPEN, InvoiceStatus.DRAFT)
        ]
        check_archivable(
            before, uow.subscriptions.for_account(account_id), open_invoices, ctx.today
        )
        at = before.version if version is None else version
        after = uow.accounts.update(replace(before, archived_on=ctx.today, version=at))
        audit.record_change(
            uow,
            ctx,
            "account.archive",
            "account",
            account_id,
            after={"archived_on": ctx.today.isoformat()},
        )
        uow.commit()
        return after


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
    card = PaymentMethod(
        PaymentKind.CARD, validate_card(token, brand, last4, exp_month, exp_year, ctx.today)
    )
    with ctx.new_uow() as uow:
        uow.accounts.get(account_id).check_open()
        method = uow.accounts.add_payment_method(account_id, card)
        audit.record_change(
            uow, ctx, "payment_method.add", "account", account_id, after=card.recorded()
        )
        uow.commit()
        return method


def add_bank_transfer(ctx: Context, account_id: int) -> PaymentMethod:
    """R06: bank transfer, for company accounts only."""
    ctx.actor.require(Permission.MANAGE_ACCOUNTS)
    with ctx.new_uow() as uow:
        account = uow.accounts.get(account_id)
        account.check_open()
        check_payment_kind(account.audience, PaymentKind.TRANSFER)
        transfer = PaymentMethod(PaymentKind.TRANSFER)
        method = uow.accounts.add_payment_method(account_id, transfer)
        audit.record_change(
            uow, ctx, "payment_method.add", "account", account_id, after=transfer.recorded()
        )
        uow.commit()
        return method


def replace_card(
    ctx: Context,
    account_id: int,
    method_id: int,
    *,
    token: str,
    brand: str,
    last4: str,
    exp_month: int,
    exp_year: int,
) -> PaymentMethod:
    """R06: a new card in place of one of the account's cards (a renewed or lost card):
    the old one is removed and the new one kept, token, brand, last four and expiry only."""
    ctx.actor.require(Permission.MANAGE_ACCOUNTS)
    card = PaymentMethod(
        PaymentKind.CARD, validate_card(token, brand, last4, exp_month, exp_year, ctx.today)
    )
    with ctx.new_uow() as uow:
        uow.accounts.get(account_id).check_open()
        old = _method_of(uow, account_id, method_id)
        if old.kind is not PaymentKind.CARD:
            raise InvalidInput(
                "Only a card is replaced by a card.",
                [Problem(f"payment method {method_id} is a bank transfer", field="method")],
            )
        uow.accounts.remove_payment_method(account_id, method_id)
        method = uow.accounts.add_payment_method(account_id, card)
        audit.record_change(
            uow,
            ctx,
            "payment_method.replace",
            "account",
            account_id,
            before=old.recorded(),
            after=card.recorded(),
        )
        uow.commit()
        return method


def remove_payment_method(ctx: Context, account_id: int, method_id: int) -> PaymentMethod:
    """R06: remove a card or bank transfer, unless it is the last of its kind and a
    subscription in force pays that way; returns what was removed."""
    ctx.actor.require(Permission.MANAGE_ACCOUNTS)
    with ctx.new_uow() as uow:
        uow.accounts.get(account_id)
        methods = uow.accounts.payment_methods(account_id)
        method = _method_of(uow, account_id, method_id, methods)
        check_removable(method, methods, uow.subscriptions.for_account(account_id), ctx.today)
        uow.accounts.remove_payment_method(account_id, method_id)
        audit.record_change(
            uow, ctx, "payment_method.remove", "account", account_id, before=method.recorded()
        )
        uow.commit()
        return method


def _method_of(
    uow: UnitOfWork,
    account_id: int,
    method_id: int,
    methods: list[PaymentMethod] | None = None,
) -> PaymentMethod:
    """The account's payment method `method_id`, else `NotFound`."""
    if methods is None:
        methods = uow.accounts.payment_methods(account_id)
    found = next((m for m in methods if m.id == method_id), None)
    if found is None:
        raise NotFound(f"account {account_id} has no payment method with id {method_id}")
    return found


def payment_methods(ctx: Context, account_id: int) -> list[PaymentMethod]:
    ctx.actor.require(Permission.READ_ACCOUNTS)
    with ctx.new_uow() as uow:
        return uow.accounts.payment_methods(account_id)
