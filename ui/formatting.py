"""Money and dates in the language installed (`ui.i18n` sets the default `QLocale`),
formatted by Babel: `1 234,56 €` in French, `€1,234.56` in English."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.numbers import format_currency
from PySide6.QtCore import QLocale

FALLBACK = "en_US"


def current_locale() -> str:
    """The default `QLocale` as Babel names it (`fr_FR`); English for the C locale."""
    name = QLocale().name()
    try:
        Locale.parse(name)
    except (ValueError, UnknownLocaleError):
        return FALLBACK
    return name if name != "C" else FALLBACK


def amount(value: Decimal) -> str:
    """An amount in a table column of one currency: its 2 decimals, as the documents
    print it ("411.29", "-12.00")."""
    return f"{value:.2f}"


def money(amount: Decimal, currency: str, locale: str | None = None) -> str:
    """`amount` with its currency, to the currency's minor unit."""
    return format_currency(amount, currency, locale=locale or current_locale())


def day(value: date, locale: str | None = None, length: str = "medium") -> str:
    """A date as people of the locale write it: `15 Mar 2026`, `15 mars 2026`."""
    return format_date(value, length, locale=locale or current_locale())  # type: ignore[arg-type]


def month(value: date, locale: str | None = None) -> str:
    """A month, short: `Mar 2026`, `mars 2026`."""
    return format_skeleton("yMMM", value, locale=locale or current_locale())


def short_month(value: date, locale: str | None = None) -> str:
    """A month's abbreviated name alone, for a chart's axis: `Mar`, `mars`."""
    return format_date(value, "LLL", locale=locale or current_locale())
