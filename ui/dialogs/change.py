"""Changing a subscription: quantities and cycle, each item with its unit price, the price
of the change as it is edited with how it was worked out (R10-R12), the cost of the next
period after it (R08), then an order or a quote (R13)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

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

from desktop_admin.app import OperatorSession, Outcome
from desktop_admin.domain.changes import ChangeRequest, ScheduledChange
from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.quotes import Quote
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.services.changes import ChangeResult
from desktop_admin.services.offers import ChangeOptions, ItemTerms
from ui.dialogs.price_words import (
    charges_text,
    period_cost,
    renewal_start,
    say,
    unit_price,
    wrapped,
)
from ui.feedback import error_sentence, show_error
from ui.formatting import amount, day, word
from ui.i18n import role_label, translate
from ui.models.documents import InvoiceLinesModel, totals_text
from ui.operations import Operations
from ui.widgets.basics import bare_box, bold_label, lines_table, muted

T = TypeVar("T")
#: How long editing must pause before the price is worked out again.
PREVIEW_DELAY_MS = 250
MAX_QUANTITY = 100_000


def scheduled_text(changes: tuple[ScheduledChange, ...], names: dict[str, str]) -> str:
    if not changes:
        return translate("ChangeDialog", "Nothing is scheduled for the period end.")
    return translate("ChangeDialog", "Scheduled for the period end (R11, R12): ") + "; ".join(
        c.describe(names) for c in changes
    )


class ChangeDialog(QDialog):
    """Spin boxes per role and add-on with their unit prices, a cycle, the preview;
    "Place order" or "Get a quote". `proposed` fills quantities in (more seats to buy)."""

    #: The change was placed: its `ChangeResult`.
    changed = Signal(object)

    def __init__(
        self,
        ops: Operations,
        subscription: Subscription,
        parent: QWidget | None = None,
        *,
        proposed: ChangeRequest | None = None,
    ) -> None:
        super().__init__(parent)
        assert subscription.id is not None
        self.setObjectName("change_dialog")
        self.setWindowTitle(
            translate("ChangeDialog", "Change subscription {id}").format(id=subscription.id)
        )
        self.resize(860, 640)
        self._ops, self._session, self.subscription = ops, ops.session, subscription
        self._proposed = proposed
        self._options_channel = ops.tasks.channel(self)
        self._preview = ops.tasks.channel(self)
        self._submit = ops.tasks.channel(self)
        for channel in (self._options_channel, self._preview, self._submit):
            channel.busy_changed.connect(lambda _busy: self._update_buttons())
        self.options: ChangeOptions | None = None
        self.result_: ChangeResult | None = None
        self.quote: Quote | None = None
        self.seat_spins: dict[str, QSpinBox] = {}
        self.addon_spins: dict[str, QSpinBox] = {}
        self.price_labels: dict[str, QLabel] = {}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.preview)
        self._roles, self._addons = QFormLayout(), QFormLayout()
        self.cycle = QComboBox()
        self.cycle.setObjectName("cycle")
        self.cycle.addItem(word(subscription.cycle.value).capitalize(), subscription.cycle.value)
        self._build_preview()
        self._build_buttons()
        self._layout(subscription)
        self._load_options()

    def _build_preview(self) -> None:
        self.lines = InvoiceLinesModel(self)
        self.lines_view = lines_table(self.lines)
        self.lines_view.setObjectName("preview_lines")
        self.totals = bold_label()
        self.totals.setObjectName("preview_totals")
        self.charges = wrapped("preview_charges")
        self.scheduled = wrapped("preview_scheduled")
        self.recurring = wrapped("preview_recurring")
        self.message = wrapped("preview_message")

    def _build_buttons(self) -> None:
        self._may = self._session.may(Permission.MANAGE_SUBSCRIPTIONS)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.quote_button = self._button(
            translate("ChangeDialog", "Get a quote"), "get_quote", self.get_quote
        )
        self.order_button = self._button(
            translate("ChangeDialog", "Place order"), "place_order", self.place_order
        )
        self.order_button.setDefault(True)
        self.buttons.rejected.connect(self.reject)
        if not self._may:
            for button in (self.quote_button, self.order_button):
                button.setToolTip(
                    translate("ChangeDialog", "{role}s may not change subscriptions.").format(
                        role=role_label(self._session.operator.role)
                    )
                )

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _layout(self, sub: Subscription) -> None:
        roles_box = QGroupBox(translate("ChangeDialog", "Seats per role"))
        addons_box = QGroupBox(translate("ChangeDialog", "Add-ons and cycle"))
        roles_box.setLayout(self._roles)
        addons_box.setLayout(self._addons)
        form = QHBoxLayout()
        form.addWidget(roles_box, 1)
        form.addWidget(addons_box, 1)
        period = sub.current_period(self._session.today)
        intro = translate(
            "ChangeDialog",
            "{Cycle} subscription, period {start} – {end}. Upgrades apply at once; "
            "downgrades and a new cycle wait for the period end.",
        ).format(
            Cycle=word(sub.cycle.value).capitalize(),
            cycle=word(sub.cycle.value),
            start=day(period.start),
            end=day(period.last_day),
        )
        layout = QVBoxLayout(self)
        layout.addWidget(muted(QLabel(intro)))
        layout.addLayout(form)
        layout.addWidget(bold_label(translate("ChangeDialog", "Invoiced now")))
        layout.addWidget(self.lines_view, 1)
        layout.addWidget(self.totals, 0, Qt.AlignmentFlag.AlignRight)
        for label in (self.charges, self.scheduled, self.recurring, self.message):
            layout.addWidget(label)
        layout.addWidget(self.buttons)

    # What may be changed, at which prices
    def _load_options(self) -> None:
        sub_id = self.subscription.id or 0
        say(self.message, translate("ChangeDialog", "Loading the prices…"), error=False)
        self._ops.query(
            self,
            lambda session: session.subscriptions.change_options(sub_id),
            self._show_options,
            failed=self._refused,
            channel=self._options_channel,
        )

    def _show_options(self, options: ChangeOptions) -> None:
        self.options = options
        for terms in options.roles:
            self.seat_spins[terms.code] = self._add_item(self._roles, terms, options)
        for terms in options.addons:
            self.addon_spins[terms.code] = self._add_item(self._addons, terms, options)
        self.cycle.clear()
        for cycle in options.cycles:
            self.cycle.addItem(word(cycle.value).capitalize(), cycle.value)
        self.cycle.setCurrentIndex(self.cycle.findData(self.subscription.cycle.value))
        self.cycle.currentIndexChanged.connect(self._edited)
        self._addons.addRow(translate("ChangeDialog", "Cycle:"), self.cycle)
        proposed = self._proposed or ChangeRequest()
        for spins, wanted in (
            (self.seat_spins, proposed.seats),
            (self.addon_spins, proposed.addons),
        ):
            for code, quantity in wanted.items():
                if code in spins:
                    spins[code].setValue(quantity)
        self.preview()

    def _add_item(self, form: QFormLayout, terms: ItemTerms, options: ChangeOptions) -> QSpinBox:
        """A spin box for the item, with its quantity now and its unit price."""
        spin = QSpinBox()
        spin.setObjectName(f"{'addon' if terms.is_addon else 'seat'}:{terms.code}")
        spin.setRange(0, MAX_QUANTITY)
        spin.setValue(terms.quantity)
        spin.setMinimumWidth(90)
        spin.setEnabled(terms.unit_price is not None or terms.quantity > 0)
        spin.valueChanged.connect(self._edited)
        price = unit_price(
            terms.unit_price, options.currency, options.subscription.cycle, addon=terms.is_addon
        )
        now = translate("ChangeDialog", "now {count} · {price}").format(
            count=terms.quantity, price=price
        )
        self.price_labels[terms.code] = label = muted(QLabel(now))
        label.setObjectName(f"price:{terms.code}")
        name = translate("ChangeDialog", "{name}:").format(name=terms.name)
        form.addRow(name, bare_box(QHBoxLayout, spin, label, None))
        return spin

    # The request and its price
    def request(self) -> ChangeRequest | None:
        """The quantities and cycle that differ from the subscription's, or None."""
        sub = self.subscription
        seats = {
            code: spin.value()
            for code, spin in self.seat_spins.items()
            if spin.value() != sub.seats.get(code, 0)
        }
        addons = {
            code: spin.value()
            for code, spin in self.addon_spins.items()
            if spin.value() != sub.addons.get(code, 0)
        }
        cycle = Cycle(str(self.cycle.currentData()))
        chosen = cycle if cycle is not sub.cycle else None
        if not (seats or addons or chosen):
            return None
        return ChangeRequest(seats, addons, chosen)

    def is_loading(self) -> bool:
        channels = (self._options_channel, self._preview, self._submit)
        return self._timer.isActive() or any(channel.busy for channel in channels)

    def _edited(self) -> None:
        self.result_ = None
        self._update_buttons()
        self._timer.start()

    def preview(self) -> None:
        self._timer.stop()
        if self.options is None:
            return
        request = self.request()
        if request is None:
            self._preview.cancel()
            self._show(None)
            say(
                self.message,
                translate("ChangeDialog", "Change a quantity or the cycle to see its price."),
                error=False,
            )
            return
        sub_id = self.subscription.id or 0
        say(self.message, translate("ChangeDialog", "Working out the price…"), error=False)
        self._ops.query(
            self,
            lambda session: session.subscriptions.preview_change(sub_id, request),
            self._previewed,
            failed=self._refused,
            channel=self._preview,
        )

    def _previewed(self, result: ChangeResult) -> None:
        self._show(result)
        say(self.message, "", error=False)

    def _refused(self, error: Exception) -> None:
        self._show(None)
        say(self.message, error_sentence(error), error=True)
        if not isinstance(error, DomainError):
            show_error(self, translate("ChangeDialog", "The price could not be worked out"), error)

    def _show(self, result: ChangeResult | None) -> None:
        self.result_ = result
        invoice = result.preview if result else None
        self.lines.set_records(invoice.lines if invoice else [])
        if invoice is not None:
            self.totals.setText(totals_text(invoice.totals, invoice.currency))
        else:
            self.totals.setText(
                translate("ChangeDialog", "Nothing to invoice now.") if result else ""
            )
        currency = self.options.currency if self.options else ""
        self.charges.setText(charges_text(result.charges, currency) if result else "")
        self.charges.setVisible(bool(result and result.charges))
        self.scheduled.setText(scheduled_text(result.scheduled, self._names()) if result else "")
        self.recurring.setText(self._recurring_text(result))
        self._update_buttons()

    def _names(self) -> dict[str, str]:
        items = (*self.options.roles, *self.options.addons) if self.options else ()
        return {terms.code: terms.name for terms in items}

    def _recurring_text(self, result: ChangeResult | None) -> str:
        """The next period's cost as things stand and, with a change, after it (R08)."""
        if self.options is None:
            return ""
        now = self.options.renewal
        if now is None:
            return translate("ChangeDialog", "The subscription does not renew.")
        values = {"day": renewal_start(now), "now": period_cost(now, self.subscription.cycle)}
        after, request = (result.renewal, self.request()) if result else (None, None)
        if result is None or after == now:
            return translate(
                "ChangeDialog", "Next period, from {day}: {now}, VAT included."
            ).format(**values)
        if after is None:
            return translate(
                "ChangeDialog", "Next period, from {day}: {now} now; none after the change."
            ).format(**values)
        cycle = (request.cycle if request else None) or self.subscription.cycle
        return translate(
            "ChangeDialog",
            "Next period, from {day}: {after} after the change, instead of {now}; VAT included.",
        ).format(after=period_cost(after, cycle), **values)

    def _update_buttons(self) -> None:
        ready = self.result_ is not None and not self.is_loading()
        self.order_button.setEnabled(self._may and ready)
        invoices_now = ready and self.result_ is not None and self.result_.preview is not None
        self.quote_button.setEnabled(self._may and invoices_now)

    # Order or quote
    def place_order(self) -> None:
        self._submit_request(
            lambda session, sub_id, request: session.subscriptions.change(sub_id, request),
            self._placed,
        )

    def _placed(self, result: ChangeResult) -> None:
        self.changed.emit(result)
        self.accept()

    def get_quote(self) -> None:
        self._submit_request(
            lambda session, sub_id, request: session.billing.quote_change(sub_id, request),
            self._quoted,
        )

    def _submit_request(
        self,
        op: Callable[[OperatorSession, int, ChangeRequest], Outcome[T]],
        on_done: Callable[[T], None],
    ) -> None:
        """Order or quote the change asked for (if any), in the background."""
        request, sub_id = self.request(), self.subscription.id or 0
        if request is not None:
            self._ops.run(
                self,
                lambda session: op(session, sub_id, request),
                on_done,
                failed=translate("ChangeDialog", "The change was refused"),
                channel=self._submit,
            )

    def _quoted(self, quote: Quote) -> None:
        self.quote = quote
        say(
            self.message,
            translate(
                "ChangeDialog", "Quote {number}: total {total} {currency}, valid until {day}."
            ).format(
                number=quote.number,
                total=amount(quote.totals.total),
                currency=quote.currency,
                day=day(quote.valid_until),
            ),
            error=False,
        )
