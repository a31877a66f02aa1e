"""Changing a subscription: quantities and cycle, the price of the change as it is
edited (R10-R12), then an order or a quote (R13)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPalette
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
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.catalog import AUDIENCE_CYCLES, Audience, Catalog
from desktop_admin.domain.changes import ChangeRequest, ScheduledChange
from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.operators import Permission
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.quotes import Quote
from desktop_admin.domain.subscriptions import Subscription
from desktop_admin.services.changes import ChangeResult
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
ERROR_RED = "#b3261e"


def scheduled_text(changes: tuple[ScheduledChange, ...], names: dict[str, str]) -> str:
    if not changes:
        return translate("ChangeDialog", "Nothing is scheduled for the period end.")
    return translate("ChangeDialog", "Scheduled for the period end (R11, R12): ") + "; ".join(
        c.describe(names) for c in changes
    )


class ChangeDialog(QDialog):
    """Spin boxes per role and add-on, a cycle, the preview; "Place order" or "Get a quote"."""

    #: The change was placed: its `ChangeResult`.
    changed = Signal(object)

    def __init__(
        self,
        ops: Operations,
        subscription: Subscription,
        account: Account,
        catalog: Catalog,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        assert subscription.id is not None
        self.setObjectName("change_dialog")
        self.setWindowTitle(
            translate("ChangeDialog", "Change subscription {id}").format(id=subscription.id)
        )
        self.resize(780, 600)
        self._ops, self._session, self.subscription = ops, ops.session, subscription
        self._preview = ops.tasks.channel(self)
        self._submit = ops.tasks.channel(self)
        for channel in (self._preview, self._submit):
            channel.busy_changed.connect(lambda _busy: self._update_buttons())
        self.result_: ChangeResult | None = None
        self.quote: Quote | None = None
        self._names = {r.code: r.name for r in catalog.roles} | {
            a.code: a.name for a in catalog.addons
        }
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.preview)
        roles, addons = self._build_quantities(catalog, account.audience)
        self._build_preview()
        self._build_buttons()
        self._layout(roles, addons, subscription)
        self.preview()

    def _build_quantities(
        self, catalog: Catalog, audience: Audience
    ) -> tuple[QFormLayout, QFormLayout]:
        """A spin box per role the account may buy (or holds) and per add-on; the cycle."""
        sub = self.subscription
        self.seat_spins: dict[str, QSpinBox] = {}
        roles = QFormLayout()
        for role in catalog.roles:
            held = sub.seats.get(role.code, 0)
            if held or role.offered_cycles(audience):
                self.seat_spins[role.code] = self._spin(f"seat:{role.code}", held)
                roles.addRow(
                    translate("ChangeDialog", "{name}:").format(name=role.name),
                    self._with_current(self.seat_spins[role.code], held),
                )
        self.addon_spins: dict[str, QSpinBox] = {}
        addons = QFormLayout()
        for addon in catalog.addons:
            units = sub.addons.get(addon.code, 0)
            self.addon_spins[addon.code] = self._spin(f"addon:{addon.code}", units)
            addons.addRow(
                translate("ChangeDialog", "{name}:").format(name=addon.name),
                self._with_current(self.addon_spins[addon.code], units),
            )
        self.cycle = QComboBox()
        self.cycle.setObjectName("cycle")
        for cycle in sorted(AUDIENCE_CYCLES[audience] | {sub.cycle}, key=lambda c: c.months):
            self.cycle.addItem(word(cycle.value).capitalize(), cycle.value)
        self.cycle.setCurrentIndex(self.cycle.findData(sub.cycle.value))
        self.cycle.currentIndexChanged.connect(self._edited)
        addons.addRow(translate("ChangeDialog", "Cycle:"), self.cycle)
        return roles, addons

    def _build_preview(self) -> None:
        self.lines = InvoiceLinesModel(self)
        self.lines_view = lines_table(self.lines)
        self.lines_view.setObjectName("preview_lines")
        self.totals = bold_label()
        self.totals.setObjectName("preview_totals")
        self.scheduled = QLabel()
        self.scheduled.setObjectName("preview_scheduled")
        self.scheduled.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("preview_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

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

    def _spin(self, name: str, value: int) -> QSpinBox:
        spin = QSpinBox()
        spin.setObjectName(name)
        spin.setRange(0, MAX_QUANTITY)
        spin.setValue(value)
        spin.setMinimumWidth(90)
        spin.valueChanged.connect(self._edited)
        return spin

    @staticmethod
    def _with_current(spin: QSpinBox, current: int) -> QWidget:
        now = muted(QLabel(translate("ChangeDialog", "now {count}").format(count=current)))
        return bare_box(QHBoxLayout, spin, now, None)

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = self.buttons.addButton(text, QDialogButtonBox.ButtonRole.ActionRole)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    def _layout(self, roles: QFormLayout, addons: QFormLayout, sub: Subscription) -> None:
        roles_box, addons_box = (
            QGroupBox(translate("ChangeDialog", "Seats per role")),
            QGroupBox(translate("ChangeDialog", "Add-ons and cycle")),
        )
        roles_box.setLayout(roles)
        addons_box.setLayout(addons)
        form = QHBoxLayout()
        form.addWidget(roles_box, 1)
        form.addWidget(addons_box, 1)
        period = sub.current_period(self._session.today)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                QLabel(
                    translate(
                        "ChangeDialog",
                        "{Cycle} subscription, period {start} – {end}. Upgrades apply at once; "
                        "downgrades and a new cycle wait for the period end.",
                    ).format(
                        Cycle=word(sub.cycle.value).capitalize(),
                        cycle=word(sub.cycle.value),
                        start=day(period.start),
                        end=day(period.last_day),
                    )
                )
            )
        )
        layout.addLayout(form)
        layout.addWidget(bold_label(translate("ChangeDialog", "Invoiced now")))
        layout.addWidget(self.lines_view, 1)
        layout.addWidget(self.totals, 0, Qt.AlignmentFlag.AlignRight)
        layout.addWidget(self.scheduled)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

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
        return self._timer.isActive() or self._preview.busy or self._submit.busy

    def _edited(self) -> None:
        self.result_ = None
        self._update_buttons()
        self._timer.start()

    def preview(self) -> None:
        self._timer.stop()
        request = self.request()
        if request is None:
            self._preview.cancel()
            self._show(None)
            self._say(
                translate("ChangeDialog", "Change a quantity or the cycle to see its price."),
                error=False,
            )
            return
        sub_id = self.subscription.id or 0
        self._say(translate("ChangeDialog", "Working out the price…"), error=False)
        self._ops.query(
            self,
            lambda session: session.subscriptions.preview_change(sub_id, request),
            self._previewed,
            failed=self._refused,
            channel=self._preview,
        )

    def _previewed(self, result: ChangeResult) -> None:
        self._show(result)
        self._say("", error=False)

    def _refused(self, error: Exception) -> None:
        self._show(None)
        self._say(error_sentence(error), error=True)
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
        self.scheduled.setText(scheduled_text(result.scheduled, self._names) if result else "")
        self._update_buttons()

    def _say(self, text: str, error: bool) -> None:
        palette = self.message.palette()
        normal = self.palette().color(QPalette.ColorRole.WindowText)
        palette.setColor(QPalette.ColorRole.WindowText, QColor(ERROR_RED) if error else normal)
        self.message.setPalette(palette)
        self.message.setText(text)

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
        self._say(
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
