"""Buying a subscription for an account: roles and add-ons with their unit prices, the
cycles its audience may buy (R01), the payment method on record (R06), the price as it is
edited and what each period costs (R08), then "Place order" or "Get a quote" (R13). Where
a role is sold on request only (R04) the order becomes a quote request, and the dialog
says so before anything is created."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.quotes import Quote
from desktop_admin.services.offers import Product, PurchaseOffer
from desktop_admin.services.purchases import Order, Purchase, PurchasePreview
from ui.dialogs.change import MAX_QUANTITY, PREVIEW_DELAY_MS
from ui.dialogs.price_words import method_text, period_cost, say, unit_price, wrapped
from ui.feedback import error_sentence, show_error
from ui.formatting import day, money, word
from ui.i18n import role_label, translate
from ui.models.documents import InvoiceLinesModel, totals_text
from ui.operations import Operations
from ui.widgets.basics import bare_box, bold_label, lines_table, muted

AMBER = "color: #8a5300;"


def quote_request_text(preview: PurchasePreview) -> str:
    """R04, before anything is created: what placing this order will do instead."""
    return translate(
        "PurchaseDialog",
        "{roles} can be bought only on request in {country} (R04): placing this order "
        "sends a quote request to the sales team. No subscription is created and nothing "
        "is invoiced until the quote is accepted.",
    ).format(roles=", ".join(preview.on_request), country=preview.country)


class PurchaseDialog(QDialog):
    """A spin box per role and add-on the account may buy, the cycle, how it pays; the
    price; "Place order" (or "Send the quote request", R04) or "Get a quote"."""

    #: The order was placed: the `Purchase` (a subscription, or a quote request).
    purchased = Signal(object)

    def __init__(
        self,
        ops: Operations,
        account_id: int,
        parent: QWidget | None = None,
        *,
        seats: Mapping[str, int] | None = None,
        addons: Mapping[str, int] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("purchase_dialog")
        self.setWindowTitle(translate("PurchaseDialog", "Buy a subscription"))
        self.resize(860, 600)
        self._ops, self._session, self.account_id = ops, ops.session, account_id
        self._wanted = {**(seats or {}), **(addons or {})}
        self._channels = [ops.tasks.channel(self) for _ in range(3)]
        self._offer_channel, self._preview, self._submit = self._channels
        for channel in self._channels:
            channel.busy_changed.connect(lambda _busy: self._update_buttons())
        self.offer: PurchaseOffer | None = None
        self.preview_: PurchasePreview | None = None
        self.quote: Quote | None = None
        self.spins: dict[str, QSpinBox] = {}
        self.price_labels: dict[str, QLabel] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.preview)
        self._build()
        self._build_buttons()
        self._layout()
        self._ops.query(
            self,
            lambda session: session.subscriptions.purchase_offer(account_id),
            self._show_offer,
            failed=self._refused,
            channel=self._offer_channel,
        )
        say(self.message, translate("PurchaseDialog", "Loading the prices…"), error=False)

    def _build(self) -> None:
        self.heading = bold_label()
        self.heading.setObjectName("purchase_heading")
        self.heading.setWordWrap(True)
        self._roles, self._addons = QFormLayout(), QFormLayout()
        self.cycle = QComboBox()
        self.cycle.setObjectName("cycle")
        self.payment = QComboBox()
        self.payment.setObjectName("payment")
        self.lines_title = bold_label(translate("PurchaseDialog", "First invoice"))
        self.lines = InvoiceLinesModel(self)
        self.lines_view = lines_table(self.lines)
        self.lines_view.setObjectName("preview_lines")
        self.totals = bold_label()
        self.totals.setObjectName("preview_totals")
        self.recurring = wrapped("preview_recurring")
        self.notice = wrapped("quote_request_notice")
        self.notice.setStyleSheet(AMBER)
        self.notice.hide()
        self.message = wrapped("preview_message")

    def _build_buttons(self) -> None:
        self._may = self._session.may(Permission.MANAGE_SUBSCRIPTIONS)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.quote_button = self._button(translate("PurchaseDialog", "Get a quote"), "get_quote")
        self.quote_button.clicked.connect(self.get_quote)
        self.order_button = self._button(translate("PurchaseDialog", "Place order"), "place_order")
        self.order_button.clicked.connect(self.place_order)
        self.order_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        if not self._may:
            refusal = translate("PurchaseDialog", "{role}s may not buy subscriptions.").format(
                role=role_label(self._session.operator.role)
            )
            self.order_button.setToolTip(refusal)
            self.quote_button.setToolTip(refusal)

    def _button(self, text: str, name: str) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        return button

    def _layout(self) -> None:
        roles_box = QGroupBox(translate("PurchaseDialog", "Seats per role"))
        roles_box.setLayout(self._roles)
        addons_box = QGroupBox(translate("PurchaseDialog", "Add-ons, cycle and payment"))
        addons_box.setLayout(self._addons)
        form = QHBoxLayout()
        form.addWidget(roles_box, 1)
        form.addWidget(addons_box, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addWidget(self.lines_title)
        layout.addWidget(self.lines_view, 1)
        layout.addWidget(self.totals, 0, Qt.AlignmentFlag.AlignRight)
        for label in (self.recurring, self.notice, self.message):
            layout.addWidget(label)
        layout.addWidget(self.buttons)

    # What the account may buy
    def _show_offer(self, offer: PurchaseOffer) -> None:
        self.offer = offer
        account = offer.account
        self.heading.setText(
            translate("PurchaseDialog", "{name} · {audience} account · {country}").format(
                name=account.name, audience=word(account.audience.value), country=account.country
            )
        )
        for cycle in offer.cycles:
            self.cycle.addItem(word(cycle.value).capitalize(), cycle.value)
        self.cycle.setCurrentIndex(max(self.cycle.findData(Cycle.YEARLY.value), 0))
        for kind in offer.payment_kinds:
            self.payment.addItem(method_text(kind, offer.methods), kind.value)
        recorded = {m.kind for m in offer.methods}
        first = next((i for i, k in enumerate(offer.payment_kinds) if k in recorded), 0)
        self.payment.setCurrentIndex(first)
        for product in offer.roles:
            self._add_product(self._roles, product)
        for product in offer.addons:
            self._add_product(self._addons, product)
        self._addons.addRow(translate("PurchaseDialog", "Cycle:"), self.cycle)
        self._addons.addRow(translate("PurchaseDialog", "Payment:"), self.payment)
        self._show_unit_prices()
        self.cycle.currentIndexChanged.connect(self._cycle_changed)
        self.payment.currentIndexChanged.connect(self._edited)
        self.preview()

    def _add_product(self, form: QFormLayout, product: Product) -> None:
        spin = QSpinBox()
        spin.setObjectName(f"{'addon' if product.is_addon else 'seat'}:{product.code}")
        spin.setRange(0, MAX_QUANTITY)
        spin.setMinimumWidth(90)
        spin.setValue(self._wanted.get(product.code, 0))
        spin.valueChanged.connect(self._edited)
        self.spins[product.code] = spin
        self.price_labels[product.code] = label = muted(QLabel())
        label.setObjectName(f"price:{product.code}")
        name = translate("PurchaseDialog", "{name}:").format(name=product.name)
        form.addRow(name, bare_box(QHBoxLayout, spin, label, None))

    def chosen_cycle(self) -> Cycle | None:
        data = self.cycle.currentData()
        return Cycle(str(data)) if data else None

    def _show_unit_prices(self) -> None:
        cycle, offer = self.chosen_cycle(), self.offer
        if offer is None or cycle is None:
            return
        for product in (*offer.roles, *offer.addons):
            price = unit_price(
                product.prices.get(cycle), offer.currency, cycle, addon=product.is_addon
            )
            if product.contact_only:
                price += translate("PurchaseDialog", " · on request in {country}").format(
                    country=offer.account.country
                )
            self.price_labels[product.code].setText(price)

    def _cycle_changed(self) -> None:
        self._show_unit_prices()
        self._edited()

    # The order and its price
    def order(self) -> Order | None:
        """The order the dialog shows, or None before any seat is chosen."""
        cycle, offer = self.chosen_cycle(), self.offer
        if offer is None or cycle is None:
            return None
        seats = {p.code: n for p in offer.roles if (n := self.spins[p.code].value())}
        addons = {p.code: n for p in offer.addons if (n := self.spins[p.code].value())}
        if not seats:
            return None
        return Order(self.account_id, cycle, seats, addons, str(self.payment.currentData()))

    def is_loading(self) -> bool:
        return self._timer.isActive() or any(channel.busy for channel in self._channels)

    def _edited(self) -> None:
        self.preview_ = None
        self._update_buttons()
        self._timer.start()

    def preview(self) -> None:
        self._timer.stop()
        order = self.order()
        if order is None:
            self._preview.cancel()
            self._show(None)
            if self.offer is not None:
                text = translate("PurchaseDialog", "Choose the seats of at least one role.")
                say(self.message, text, error=False)
            return
        say(self.message, translate("PurchaseDialog", "Working out the price…"), error=False)
        self._ops.query(
            self,
            lambda session: session.subscriptions.preview_purchase(order),
            self._previewed,
            failed=self._refused,
            channel=self._preview,
        )

    def _previewed(self, preview: PurchasePreview) -> None:
        self._show(preview)
        say(self.message, preview.refusal or "", error=preview.refusal is not None)

    def _refused(self, error: Exception) -> None:
        self._show(None)
        say(self.message, error_sentence(error), error=True)
        if not isinstance(error, DomainError):
            show_error(
                self, translate("PurchaseDialog", "The price could not be worked out"), error
            )

    def _show(self, preview: PurchasePreview | None) -> None:
        self.preview_ = preview
        invoice = preview.invoice if preview else None
        self.lines.set_records(invoice.lines if invoice else [])
        self.totals.setText(totals_text(invoice.totals, invoice.currency) if invoice else "")
        cycle = self.chosen_cycle()
        if preview is not None and cycle is not None and not preview.quote_request:
            self.recurring.setText(
                translate(
                    "PurchaseDialog",
                    "Then {cost} from {day}, VAT included, renewed automatically at the "
                    "prices of that day (R08).",
                ).format(cost=period_cost(preview.invoice, cycle), day=day(preview.renews_on))
            )
        else:
            self.recurring.clear()
        self.recurring.setVisible(bool(self.recurring.text()))
        self.notice.setText(quote_request_text(preview) if preview else "")
        self.lines_title.setText(
            translate("PurchaseDialog", "Priced for the quote request")
            if preview and preview.quote_request
            else translate("PurchaseDialog", "First invoice")
        )
        self.notice.setVisible(bool(preview and preview.quote_request))
        self.order_button.setText(
            translate("PurchaseDialog", "Send the quote request")
            if preview and preview.quote_request
            else translate("PurchaseDialog", "Place order")
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        preview, idle = self.preview_, not self.is_loading()
        ready = self._may and idle and preview is not None
        self.order_button.setEnabled(ready and preview is not None and preview.refusal is None)
        self.quote_button.setEnabled(ready)

    # Order or quote
    def place_order(self) -> None:
        order = self.order()
        if order is not None and self.order_button.isEnabled():
            self._ops.run(
                self,
                lambda session: session.subscriptions.purchase(order),
                self._placed,
                failed=translate("PurchaseDialog", "The order was refused"),
                channel=self._submit,
            )

    def _placed(self, bought: Purchase) -> None:
        self.purchased.emit(bought)
        self.accept()

    def get_quote(self) -> None:
        order = self.order()
        if order is not None:
            self._ops.run(
                self,
                lambda session: session.billing.quote_purchase(order),
                self._quoted,
                failed=translate("PurchaseDialog", "The quote was refused"),
                channel=self._submit,
            )

    def _quoted(self, quote: Quote) -> None:
        self.quote = quote
        text = translate(
            "PurchaseDialog",
            "Quote {number}: total {total}, valid until {day}. Nothing was bought.",
        ).format(
            number=quote.number,
            total=money(quote.totals.total, quote.currency),
            day=day(quote.valid_until),
        )
        say(self.message, text, error=False)


def purchase_summary(bought: Purchase) -> str:
    """A sentence for the status bar once an order was placed."""
    if bought.quote is not None:
        return translate("PurchaseDialog", "Quote request {number} sent to the sales team.").format(
            number=bought.quote.number
        )
    sub, invoice = bought.subscription, bought.invoice
    if invoice is None:
        return translate("PurchaseDialog", "Subscription {id} started.").format(
            id=sub.id if sub else ""
        )
    return translate(
        "PurchaseDialog", "Subscription {id} bought; invoice {number}, {total}."
    ).format(
        id=sub.id if sub else "",
        number=invoice.number,
        total=money(invoice.totals.total, invoice.currency),
    )
