"""What pricing a document for one account needs, read once per transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from desktop_admin.domain.accounts import Account, PaymentKind
from desktop_admin.domain.catalog import Addon, Audience, Role
from desktop_admin.domain.changes import ChangeTerms
from desktop_admin.domain.invoicing import (
    DocumentKind,
    Invoice,
    InvoiceLine,
    InvoiceReason,
    InvoiceStatus,
    Party,
    with_vat,
)
from desktop_admin.domain.money import Currency
from desktop_admin.domain.quotes import Quote, QuoteKind
from desktop_admin.domain.vat import VatTreatment, vat_treatment
from desktop_admin.services.ports import UnitOfWork
from desktop_admin.services.seller import current_seller

TRANSFER_TERMS = timedelta(days=30)


def buyer_of(account: Account) -> Party:
    return Party(
        account.name, account.country, account.vat_number, account.address, account.billing_email
    )


@dataclass(frozen=True)
class BillingContext:
    account: Account
    roles: dict[str, Role]
    addons: dict[str, Addon]
    currency: Currency
    seller: Party
    vat: VatTreatment

    @classmethod
    def load(cls, uow: UnitOfWork, account_id: int) -> BillingContext:
        return cls.catalog(uow).for_account(uow.accounts.get(account_id))

    @classmethod
    def catalog(cls, uow: UnitOfWork) -> BillingContext:
        """The catalog and seller only; `for_account` completes it (one read per run)."""
        seller = current_seller(uow)
        nobody = Account("", Audience.COMPANY, seller.country)
        return cls(
            nobody,
            {r.code: r for r in uow.catalog.roles()},
            {a.code: a for a in uow.catalog.addons()},
            Currency.of(uow.catalog.currency() or "EUR"),
            seller,
            vat_treatment(seller.country, seller.country, None),
        )

    def for_account(self, account: Account) -> BillingContext:
        return replace(
            self,
            account=account,
            vat=vat_treatment(self.seller.country, account.country, account.vat_number),
        )

    @property
    def buyer(self) -> Party:
        return buyer_of(self.account)

    def change_terms(self, prices: Mapping[tuple[str, str], Decimal] | None) -> ChangeTerms:
        """The terms a change of this account is priced on (R10-R12), at the unit
        prices a quote fixed, if any."""
        return ChangeTerms(
            self.roles, self.addons, self.account.audience, self.currency, prices or {}
        )

    def document(
        self,
        reason: InvoiceReason,
        lines: Sequence[InvoiceLine],
        *,
        issued: date,
        payment_kind: str,
        subscription_id: int | None = None,
        billing_key: str | None = None,
        status: InvoiceStatus = InvoiceStatus.OPEN,
    ) -> Invoice:
        """An invoice with VAT applied, issued on `issued`; due at once for a card, in 30
        days for a bank transfer."""
        terms = TRANSFER_TERMS if payment_kind == PaymentKind.TRANSFER.value else timedelta()
        assert self.account.id is not None
        return Invoice(
            kind=DocumentKind.INVOICE,
            reason=reason,
            account_id=self.account.id,
            subscription_id=subscription_id,
            issue_date=issued,
            due_date=issued + terms,
            currency=self.currency.code,
            lines=tuple(with_vat(list(lines), self.vat.rate)),
            payment_kind=payment_kind,
            seller=self.seller,
            buyer=self.buyer,
            vat_note=self.vat.note,
            billing_key=billing_key,
            status=status,
        )

    def quote(
        self, kind: QuoteKind, priced: Invoice, *, request: Mapping[str, Any], valid_until: date
    ) -> Quote:
        """A quote with the lines of `priced` (the invoice it would be), issued that day."""
        return Quote(
            kind,
            priced.account_id,
            priced.subscription_id,
            request,
            priced.lines,
            priced.issue_date,
            valid_until,
            self.currency.code,
            self.seller,
            priced.buyer,
            self.vat.note,
        )
