"""Prices in words, for the purchase and change dialogs: a unit price per seat and cycle,
how an upgrade's charge was worked out (R10), what each period costs (R08), a payment
method on record (R06); and the labels that say them. The figures are the services';
this only says them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

from desktop_admin.domain.accounts import PaymentKind, PaymentMethod
from desktop_admin.domain.invoicing import Invoice
from desktop_admin.domain.periods import Cycle
from desktop_admin.services.changes import Charge
from ui.formatting import day, money, span, word
from ui.i18n import translate

ERROR_RED = "#b3261e"


def say(label: QLabel, text: str, *, error: bool) -> None:
    """Show `text` in `label`, in red for a refusal."""
    palette = label.palette()
    normal = label.window().palette().color(QPalette.ColorRole.WindowText)
    palette.setColor(QPalette.ColorRole.WindowText, QColor(ERROR_RED) if error else normal)
    label.setPalette(palette)
    label.setText(text)


def wrapped(name: str) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def per_cycle(cycle: Cycle) -> str:
    """What a price of the cycle is for: a month, a quarter, a year."""
    return {
        Cycle.MONTHLY: translate("PriceWords", "month"),
        Cycle.QUARTERLY: translate("PriceWords", "quarter"),
        Cycle.YEARLY: translate("PriceWords", "year"),
    }[cycle]


def unit_price(price: Decimal | None, currency: str, cycle: Cycle, *, addon: bool) -> str:
    """The unit price in words (€10.00 per seat per month), or that the item is not
    sold on the cycle."""
    if price is None:
        return translate("PriceWords", "not sold {cycle}").format(cycle=word(cycle.value))
    text = (
        translate("PriceWords", "{price} per unit per {cycle}")
        if addon
        else translate("PriceWords", "{price} per seat per {cycle}")
    )
    return text.format(price=money(price, currency), cycle=per_cycle(cycle))


def fraction_text(value: Fraction) -> str:
    """`17`, or `7 7/15` for whole months and a part of one."""
    whole, part = divmod(value, 1)
    return f"{int(whole)} {part.numerator}/{part.denominator}" if part else str(int(whole))


def charge_text(charge: Charge, currency: str) -> str:
    """R10 in words: "Named user, 25 → 100: 75 × €10.00 per month × 17 days of 31
    (Mar 15, 2026 – Mar 31, 2026) = €411.29"."""
    lead = translate("PriceWords", "{name}, {old} → {new}").format(
        name=charge.name, old=charge.old_quantity, new=charge.new_quantity
    )
    if charge.charged is None:
        return translate(
            "PriceWords",
            "{lead}: nothing to pay now; the new seats are free until the end of the month, "
            "then the invoice of {day} carries them.",
        ).format(lead=lead, day=day(charge.period.end))
    values = {
        "lead": lead,
        "added": charge.added,
        "price": money(charge.unit_price, currency),
        "cycle": per_cycle(charge.cycle),
        "part": fraction_text(charge.numerator),
        "whole": charge.denominator,
        "span": span(charge.charged.start, charge.charged.last_day),
        "amount": money(charge.amount, currency),
    }
    if charge.in_days:
        text = translate(
            "PriceWords",
            "{lead}: {added} × {price} per {cycle} × {part} days of {whole} ({span}) = {amount}",
        )
    else:
        text = translate(
            "PriceWords",
            "{lead}: {added} × {price} per {cycle} × {part} months of {whole} ({span}; free "
            "until then) = {amount}",
        )
    return text.format(**values)


def charges_text(charges: Sequence[Charge], currency: str) -> str:
    if not charges:
        return ""
    lines = [charge_text(c, currency) for c in charges]
    return translate("PriceWords", "How it is worked out (R10):") + "\n" + "\n".join(lines)


def period_cost(invoice: Invoice, cycle: Cycle) -> str:
    """What a period costs, VAT included, in words: €1,692.00 per year."""
    return translate("PriceWords", "{total} per {cycle}").format(
        total=money(invoice.totals.total, invoice.currency), cycle=per_cycle(cycle)
    )


def renewal_start(invoice: Invoice) -> str:
    return day(min(line.period.start for line in invoice.lines))


def method_text(kind: PaymentKind, methods: Sequence[PaymentMethod]) -> str:
    """A way to pay and the method on record (Card: Visa •••• 4242, expires 08/2030),
    or that none is."""
    found = next((m for m in methods if m.kind is kind), None)
    name = word(kind.value).capitalize()
    if found is None:
        return translate("PriceWords", "{kind}: none on record").format(kind=name)
    if found.card is None:
        return translate("PriceWords", "{kind}: on record").format(kind=name)
    card = found.card
    text = translate("PriceWords", "{kind}: {brand} •••• {last4}, expires {month:02d}/{year}")
    return text.format(
        kind=name,
        brand=card.brand.capitalize(),
        last4=card.last4,
        month=card.exp_month,
        year=card.exp_year,
    )
