"""`session.billing`: the billing run, invoices and payments, quotes, the seller."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from desktop_admin.app.areas import Area
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.domain.invoicing import Invoice, Party, Payment
from desktop_admin.domain.outcome import Changes, Outcome
from desktop_admin.domain.quotes import Quote
from desktop_admin.services import billing_run, payments, purchases, quotes, seller
from desktop_admin.services import dashboard as dashboard_service
from desktop_admin.services.billing_run import BillingReport
from desktop_admin.services.changes import ChangeResult
from desktop_admin.services.dashboard import Dashboard
from desktop_admin.services.purchases import Order, Purchase

#: A billing run renews, ends, applies scheduled changes and may disable users (R15).
RUN = Changes.SUBSCRIPTIONS | Changes.INVOICES | Changes.USERS | Changes.ASSIGNMENTS | Changes.AUDIT


class BillingArea(Area):
    def run(
        self,
        *,
        batch_size: int = billing_run.BATCH_SIZE,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> Outcome[BillingReport]:
        """Bill everything due today, `batch_size` subscriptions per transaction;
        `progress(done)` after each batch, stopping between batches when `cancelled()`."""
        c = self._ctx
        report = billing_run.run_billing(
            c.new_uow, c.clock, c.actor, batch_size, progress=progress, cancelled=cancelled
        )
        return Outcome(report, RUN)

    def dashboard(self) -> Dashboard:
        """Seats per role, revenue by month (with READ_BILLING), renewals and changes due."""
        c = self._ctx
        return dashboard_service.dashboard(c.new_uow(), c.actor, c.today)

    # The seller
    def seller(self) -> Party:
        return seller.get_seller(self._ctx.new_uow(), self._ctx.actor)

    def set_seller(
        self,
        *,
        name: str,
        country: str,
        vat_number: str | None = None,
        address: str | None = None,
        email: str | None = None,
    ) -> Outcome[Party]:
        c = self._ctx
        party = seller.set_seller(
            c.new_uow(), c.clock, c.actor, name, country, vat_number, address, email
        )
        return Outcome(party, Changes.SELLER | Changes.AUDIT)

    # Invoices and payments
    def invoices(self, account_id: int | None = None) -> list[Invoice]:
        return purchases.list_invoices(self._ctx.new_uow(), self._ctx.actor, account_id)

    def invoice(self, reference: str) -> Invoice:
        return purchases.get_invoice(self._ctx.new_uow(), self._ctx.actor, reference)

    def record_payment(
        self,
        reference: str,
        *,
        method: str,
        payment_reference: str,
        amount: Decimal | None = None,
    ) -> Outcome[tuple[Invoice, Payment]]:
        c = self._ctx
        paid = payments.record_payment(
            c.new_uow(), c.clock, c.actor, reference, method, payment_reference, amount
        )
        return Outcome(paid, Changes.INVOICES | Changes.AUDIT)

    def issue_invoice(self, reference: str) -> Outcome[Invoice]:
        """Number a draft invoice today rather than on its day."""
        c = self._ctx
        issued = payments.issue_draft_now(c.new_uow(), c.clock, c.actor, reference)
        return Outcome(issued, Changes.INVOICES | Changes.AUDIT)

    # Quotes
    def quotes(self, account_id: int | None = None) -> list[Quote]:
        return quotes.list_quotes(self._ctx.new_uow(), self._ctx.actor, account_id)

    def quote(self, reference: str) -> Quote:
        return quotes.get_quote(self._ctx.new_uow(), self._ctx.actor, reference)

    def quote_purchase(self, order: Order) -> Outcome[Quote]:
        c = self._ctx
        quote = quotes.quote_purchase(c.new_uow(), c.clock, c.actor, order)
        return Outcome(quote, Changes.QUOTES | Changes.AUDIT)

    def quote_change(self, subscription_id: int, request: ChangeRequest) -> Outcome[Quote]:
        c = self._ctx
        quote = quotes.quote_change(c.new_uow(), c.clock, c.actor, subscription_id, request)
        return Outcome(quote, Changes.QUOTES | Changes.AUDIT)

    def accept_quote(self, reference: str) -> Outcome[tuple[Quote, Purchase | ChangeResult]]:
        """Accept: the quote's purchase or change is placed as quoted."""
        c = self._ctx
        accepted = quotes.accept_quote(c.new_uow(), c.clock, c.actor, reference)
        return Outcome(
            accepted,
            Changes.QUOTES | Changes.SUBSCRIPTIONS | Changes.INVOICES | Changes.ASSIGNMENTS
            | Changes.AUDIT,
        )  # fmt: skip

    def reject_quote(self, reference: str) -> Outcome[Quote]:
        c = self._ctx
        quote = quotes.reject_quote(c.new_uow(), c.clock, c.actor, reference)
        return Outcome(quote, Changes.QUOTES | Changes.AUDIT)
