"""Money, dates and the domain's words in the language installed (`ui.i18n` sets the
default `QLocale`): money and dates formatted by Babel (`1 234,56 €` in French,
`€1,234.56` in English; `15 mars 2026`, `Mar 15, 2026`), words translated (`word`).

Every page and dialog formats through here, so a date or a status reads the same
everywhere in the window."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_datetime, format_skeleton
from babel.numbers import format_currency
from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale

from ui.i18n import translate

FALLBACK = "en_US"
# What a missing date or value shows.
NOTHING = "—"

# The values of the domain's enumerations the window shows (cycles, statuses, reasons,
# kinds, payment kinds, audiences), in lower case.
WORDS = {
    "monthly": QT_TRANSLATE_NOOP("Words", "monthly"),
    "quarterly": QT_TRANSLATE_NOOP("Words", "quarterly"),
    "yearly": QT_TRANSLATE_NOOP("Words", "yearly"),
    "trial": QT_TRANSLATE_NOOP("Words", "trial"),
    "active": QT_TRANSLATE_NOOP("Words", "active"),
    "cancelled": QT_TRANSLATE_NOOP("Words", "cancelled"),
    "ended": QT_TRANSLATE_NOOP("Words", "ended"),
    "frozen": QT_TRANSLATE_NOOP("Words", "frozen"),
    "pending": QT_TRANSLATE_NOOP("Words", "pending"),
    "applied": QT_TRANSLATE_NOOP("Words", "applied"),
    "blocked": QT_TRANSLATE_NOOP("Words", "blocked"),
    "card": QT_TRANSLATE_NOOP("Words", "card"),
    "transfer": QT_TRANSLATE_NOOP("Words", "bank transfer"),
    "draft": QT_TRANSLATE_NOOP("Words", "draft"),
    "open": QT_TRANSLATE_NOOP("Words", "open"),
    "paid": QT_TRANSLATE_NOOP("Words", "paid"),
    "credited": QT_TRANSLATE_NOOP("Words", "credited"),
    "purchase": QT_TRANSLATE_NOOP("Words", "purchase"),
    "renewal": QT_TRANSLATE_NOOP("Words", "renewal"),
    "upgrade": QT_TRANSLATE_NOOP("Words", "upgrade"),
    "refund": QT_TRANSLATE_NOOP("Words", "refund"),
    "sent": QT_TRANSLATE_NOOP("Words", "sent"),
    "accepted": QT_TRANSLATE_NOOP("Words", "accepted"),
    "rejected": QT_TRANSLATE_NOOP("Words", "rejected"),
    "expired": QT_TRANSLATE_NOOP("Words", "expired"),
    "change": QT_TRANSLATE_NOOP("Words", "change"),
    "company": QT_TRANSLATE_NOOP("Words", "company"),
    "maker": QT_TRANSLATE_NOOP("Words", "maker"),
    "student": QT_TRANSLATE_NOOP("Words", "student"),
}


def word(value: str) -> str:
    """A cycle, status, reason, kind, payment kind or audience ("monthly", "paid",
    "transfer"…) in the installed language, lower case; an unknown one as it is."""
    return translate("Words", WORDS[value]) if value in WORDS else value


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


def counted(count: int, one: str, many: str, **values: object) -> str:
    """`one` or `many` (sentences in the installed language, with `{count}`), as `count`
    asks: `counted(n, translate(C, "{count} user"), translate(C, "{count} users"))`."""
    return (one if count == 1 else many).format(count=count, **values)


def money(amount: Decimal, currency: str, locale: str | None = None) -> str:
    """`amount` with its currency, to the currency's minor unit."""
    return format_currency(amount, currency, locale=locale or current_locale())


def day(value: date | None, locale: str | None = None, length: str = "medium") -> str:
    """A date as people of the locale write it: `Mar 15, 2026`, `15 mars 2026`; a dash
    for none."""
    if value is None:
        return NOTHING
    return format_date(value, length, locale=locale or current_locale())  # type: ignore[arg-type]


def span(first: date, last: date) -> str:
    """The days from `first` to `last`, both inclusive: `Mar 15, 2026 – Mar 14, 2027`, or
    the one day."""
    return day(first) if first == last else f"{day(first)} – {day(last)}"


def moment(value: datetime, locale: str | None = None) -> str:
    """A point in time, in the computer's time zone: `Mar 15, 2026, 10:04:05 AM`."""
    return format_datetime(value.astimezone(), "medium", locale=locale or current_locale())


def month(value: date, locale: str | None = None) -> str:
    """A month, short: `Mar 2026`, `mars 2026`."""
    return format_skeleton("yMMM", value, locale=locale or current_locale())


def short_month(value: date, locale: str | None = None) -> str:
    """A month's abbreviated name alone, for a chart's axis: `Mar`, `mars`."""
    return format_date(value, "LLL", locale=locale or current_locale())
