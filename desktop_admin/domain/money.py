"""Money: `Decimal` in the currency's minor unit, rounded half-up once per line."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction

from desktop_admin.domain.errors import InvalidInput, Problem

#: ISO 4217 minor units of the currencies a catalog may be priced in.
MINOR_UNITS: dict[str, int] = {
    "EUR": 2,
    "USD": 2,
    "GBP": 2,
    "CHF": 2,
    "SEK": 2,
    "NOK": 2,
    "DKK": 2,
    "PLN": 2,
    "CZK": 2,
    "CAD": 2,
    "AUD": 2,
    "JPY": 0,
}

ZERO = Decimal(0)


@dataclass(frozen=True)
class Currency:
    code: str
    minor_unit: int

    @classmethod
    def of(cls, code: str) -> Currency:
        code = code.strip().upper()
        if code not in MINOR_UNITS:
            known = ", ".join(sorted(MINOR_UNITS))
            raise InvalidInput(f"Unknown currency '{code}'; use one of {known}.")
        return cls(code, MINOR_UNITS[code])

    @property
    def quantum(self) -> Decimal:
        return Decimal(1).scaleb(-self.minor_unit)

    def round(self, value: Decimal) -> Decimal:
        """Round a line amount once, half-up, to the minor unit (R20). A zero is
        never negative: the VAT of a 0 % credit note is 0.00, not -0.00."""
        rounded = value.quantize(self.quantum, rounding=ROUND_HALF_UP)
        return rounded.copy_abs() if rounded.is_zero() else rounded

    def round_exact(self, value: Fraction) -> Decimal:
        """Round an exact rational amount once, half-up (away from zero on a half)."""
        scaled = abs(value) * 10**self.minor_unit
        units = int(scaled + Fraction(1, 2))  # floor(x + 1/2) for x >= 0
        return (Decimal(units if value >= 0 else -units)).scaleb(-self.minor_unit)

    def format(self, value: Decimal) -> str:
        """The amount as scripts see it: a string with the currency's decimals."""
        return str(self.round(value))

    def parse(self, text: object, field: str = "amount", line: int | None = None) -> Decimal:
        """A price written as a string (`"10.00"`); never a float."""
        if isinstance(text, bool) or not isinstance(text, str | int):
            raise InvalidInput(
                "Prices are written as quoted strings.",
                [
                    Problem(
                        f'write the price as a string such as "10.00", not {text!r}', line, field
                    )
                ],
            )
        try:
            value = Decimal(str(text).strip())
        except InvalidOperation:
            raise InvalidInput(
                "Not an amount.", [Problem(f"{text!r} is not an amount", line, field)]
            ) from None
        problem = None
        if not value.is_finite():
            problem = f"{text!r} is not an amount"
        elif value < 0:
            problem = f"{text} is negative"
        elif -value.as_tuple().exponent > self.minor_unit:  # type: ignore[operator]
            problem = f"{text} has more than {self.minor_unit} decimals for {self.code}"
        if problem:
            raise InvalidInput("Not a valid amount.", [Problem(problem, line, field)])
        return value.quantize(self.quantum)
