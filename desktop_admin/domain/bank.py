"""Bank details printed on invoices: the IBAN (ISO 13616) and the BIC (ISO 9362).

Both are kept as the bank writes them electronically: upper case, no spaces. People
read an IBAN in groups of four (`FR76 3000 6000 0112 3456 7890 189`).
"""

from __future__ import annotations

import re

#: ISO 13616: the length of an IBAN in each country of the SWIFT registry (a country
#: not listed is checked by its form and checksum only).
IBAN_LENGTHS = {
    "AD": 24, "AE": 23, "AL": 28, "AT": 20, "AZ": 28, "BA": 20, "BE": 16, "BG": 22,
    "BH": 22, "BR": 29, "BY": 28, "CH": 21, "CR": 22, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "DO": 28, "EE": 20, "EG": 29, "ES": 24, "FI": 18, "FO": 18, "FR": 27,
    "GB": 22, "GE": 22, "GI": 23, "GL": 18, "GR": 27, "GT": 28, "HR": 21, "HU": 28,
    "IE": 22, "IL": 23, "IQ": 23, "IS": 26, "IT": 27, "JO": 30, "KW": 30, "KZ": 20,
    "LB": 28, "LC": 32, "LI": 21, "LT": 20, "LU": 20, "LV": 21, "MC": 27, "MD": 24,
    "ME": 22, "MK": 19, "MR": 27, "MT": 31, "MU": 30, "NL": 18, "NO": 15, "PK": 24,
    "PL": 28, "PS": 29, "PT": 25, "QA": 29, "RO": 24, "RS": 22, "SA": 24, "SC": 31,
    "SE": 24, "SI": 19, "SK": 24, "SM": 27, "ST": 25, "SV": 28, "TL": 23, "TN": 24,
    "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}  # fmt: skip
IBAN_FORM = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")
#: ISO 9362: party prefix (4), country (2), party suffix (2), optional branch (3).
BIC_FORM = re.compile(r"^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")


def compact(text: str) -> str:
    """An IBAN or BIC as typed, without spaces or dashes, in upper case."""
    return re.sub(r"[\s-]+", "", text).upper()


def iban_checksum_ok(iban: str) -> bool:
    """ISO 13616 (ISO 7064 mod 97-10): the country and check digits moved to the end,
    each letter read as two digits (A = 10 ... Z = 35), the number leaves 1 mod 97."""
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def iban_problem(iban: str) -> str | None:
    """Why the compacted `iban` is not one, or None when it is."""
    if not IBAN_FORM.match(iban):
        return (
            f"{iban!r} is not an IBAN: two letters of the country, two check digits, "
            "then up to 30 letters and digits"
        )
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return f"an IBAN of {iban[:2]} has {expected} characters; this one has {len(iban)}"
    if not iban_checksum_ok(iban):
        return f"{grouped_iban(iban)} is not a valid IBAN: its check digits do not match"
    return None


def bic_problem(bic: str) -> str | None:
    """Why the compacted `bic` is not one (ISO 9362), or None when it is."""
    if len(bic) not in (8, 11):
        return f"a BIC has 8 or 11 characters; {bic!r} has {len(bic)}"
    if not BIC_FORM.match(bic):
        return (
            f"{bic!r} is not a BIC: 4 letters or digits for the bank, 2 letters of the "
            "country, 2 for the place, and optionally 3 for the branch"
        )
    return None


def grouped_iban(iban: str) -> str:
    """The IBAN as people read it, in groups of four characters."""
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
