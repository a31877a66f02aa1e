"""`session.billing`: the billing run, invoices and payments, quotes, the seller."""

from __future__ import annotations

from desktop_admin.app.areas import Area, reads, writes
from desktop_admin.domain.outcome import Changes
from desktop_admin.services import billing_preview, billing_run, payments, purchases
from desktop_admin.services import dashboard as dashboard_service
from desktop_admin.services import quotes as quote_service
from desktop_admin.services import seller as seller_service

#: A billing run renews, ends, applies scheduled changes and may disable users (R15).
RUN = Changes.SUBSCRIPTIONS | Changes.INVOICES | Changes.USERS | Changes.ASSIGNMENTS | Changes.AUDIT
#: An accepted quote places its purchase or change.
ACCEPTED = (
    Changes.QUOTES | Changes.SUBSCRIPTIONS | Changes.INVOICES | Changes.ASSIGNMENTS | Changes.AUDIT
)
QUOTED = Changes.QUOTES | Changes.AUDIT
INVOICED = Changes.INVOICES | Changes.AUDIT


class BillingArea(Area):
    run = writes(billing_run.run_billing, RUN)
    preview_run = reads(billing_preview.preview_billing)
    dashboard = reads(dashboard_service.dashboard)

    # The seller
    seller = reads(seller_service.get_seller)
    #: The seller's details, or None before they are set.
    seller_details = reads(seller_service.seller_details)
    set_seller = writes(seller_service.set_seller, Changes.SELLER | Changes.AUDIT)

    # Invoices and payments
    invoices = reads(purchases.list_invoices)
    invoice = reads(purchases.get_invoice)
    record_payment = writes(payments.record_payment, INVOICED)
    balance = reads(payments.invoice_balance)
    issue_invoice = writes(payments.issue_draft_now, INVOICED)
    issue_drafts = writes(payments.issue_drafts_now, INVOICED)

    # Quotes
    quotes = reads(quote_service.list_quotes)
    quote = reads(quote_service.get_quote)
    quote_purchase = writes(quote_service.quote_purchase, QUOTED)
    quote_change = writes(quote_service.quote_change, QUOTED)
    accept_quote = writes(quote_service.accept_quote, ACCEPTED)
    reject_quote = writes(quote_service.reject_quote, QUOTED)
