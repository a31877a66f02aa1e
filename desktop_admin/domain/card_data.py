"""R06: a card number or a security code is never stored, printed or logged.

What people type into a payment reference, a token, a name or a note can hold a card
number by mistake (`4111 1111 1111 1111`, `4111.1111.1111.1111`, `tok_4111111111111111`,
`paid with 4111111111111111 exp 12/30 cvv 123`). Such text is refused before it is
written anywhere. A card number here is a run of 12 to 19 digits, with or without
single separators between them, whose first digit is one card networks use (2 to 6)
and whose Luhn check passes: that leaves bank references and invoice numbers alone.
"""

from __future__ import annotations

import re

#: Digits, each optionally followed by one separator people put in card numbers.
_DIGIT_RUN = re.compile(r"\d(?:[ \-._/]?\d)+")
_SECURITY_CODE = re.compile(r"\b(?:cvv2?|cvc2?|csc|cid|security code)\b\W{0,3}\d{3,4}\b", re.I)


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card_like(digits: str) -> bool:
    return 12 <= len(digits) <= 19 and digits[0] in "23456" and luhn_valid(digits)


def card_data_problem(text: str) -> str | None:
    """Why `text` may not be stored (it holds a card number or a security code), or
    None; the reason never repeats the number."""
    for run in _DIGIT_RUN.finditer(text or ""):
        if _card_like(re.sub(r"\D", "", run.group())):
            return "holds what looks like a card number; only the processor's token is kept (R06)"
    if _SECURITY_CODE.search(text or ""):
        return "holds what looks like a card security code, which is never kept (R06)"
    return None
