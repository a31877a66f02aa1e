"""`session.accounts`: accounts and their payment methods."""

from __future__ import annotations

from desktop_admin.app.areas import Area
from desktop_admin.domain.accounts import Account, PaymentMethod
from desktop_admin.domain.outcome import Changes, Outcome
from desktop_admin.services import accounts

CHANGED = Changes.ACCOUNTS | Changes.AUDIT


class AccountsArea(Area):
    def create(
        self,
        *,
        name: str,
        audience: str,
        country: str,
        language: str = "en",
        vat_number: str | None = None,
        billing_email: str | None = None,
        address: str | None = None,
    ) -> Outcome[Account]:
        c = self._ctx
        account = accounts.create_account(
            c.new_uow(), c.clock, c.actor, name, audience, country, language, vat_number,
            billing_email, address,
        )  # fmt: skip
        return Outcome(account, CHANGED)

    def all(self) -> list[Account]:
        return accounts.list_accounts(self._ctx.new_uow(), self._ctx.actor)

    def get(self, account_id: int) -> Account:
        return accounts.get_account(self._ctx.new_uow(), self._ctx.actor, account_id)

    def add_card(
        self, account_id: int, *, token: str, brand: str, last4: str, exp_month: int, exp_year: int
    ) -> Outcome[PaymentMethod]:
        c = self._ctx
        method = accounts.add_card(
            c.new_uow(), c.clock, c.actor, account_id, token, brand, last4, exp_month, exp_year
        )
        return Outcome(method, CHANGED)

    def add_bank_transfer(self, account_id: int) -> Outcome[PaymentMethod]:
        c = self._ctx
        return Outcome(
            accounts.add_bank_transfer(c.new_uow(), c.clock, c.actor, account_id), CHANGED
        )

    def payment_methods(self, account_id: int) -> list[PaymentMethod]:
        return accounts.payment_methods(self._ctx.new_uow(), self._ctx.actor, account_id)
