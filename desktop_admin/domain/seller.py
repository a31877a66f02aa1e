"""The seller: who issues the quotes, invoices and credit notes (R19).

`SellerDetails` is what the Administrator keeps (legal name and form, address, VAT
number, company registration, bank account, logo); `party` is what a document
freezes of it at issue. The logo is kept as the image's bytes, never as the path of
a file that may move, and stays out of the documents' frozen copy (it is printed
from the seller's details as they are).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from desktop_admin.domain.accounts import COUNTRY
from desktop_admin.domain.bank import bic_problem, compact, grouped_iban, iban_problem
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.invoicing import Party

#: The largest logo kept: it is stored in the database and drawn on every document.
MAX_LOGO_BYTES = 512 * 1024
PNG, JPEG, SVG = "image/png", "image/jpeg", "image/svg+xml"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
VAT = re.compile(r"^[A-Z]{2}[A-Z0-9]{2,13}$")
#: The longest text kept in each field (a free-text registration, a street of lines...).
LONGEST = {"name": 200, "legal_form": 100, "street": 300, "postcode": 16, "city": 100}
LONGEST |= {"registration": 64, "email": 254}
#: The fields a caller may change by text; `name` and `country` may not be emptied.
TEXT_FIELDS = (
    "name",
    "legal_form",
    "street",
    "postcode",
    "city",
    "country",
    "vat_number",
    "registration",
    "iban",
    "bic",
    "email",
)


@dataclass(frozen=True)
class Logo:
    """An image printed on the documents: PNG, JPEG or SVG, at most `MAX_LOGO_BYTES`."""

    media_type: str
    data: bytes

    @classmethod
    def of(cls, data: bytes, source: str = "") -> Logo:
        """The logo in `data` (the bytes of a file); refused unless it is a PNG, a JPEG
        or an SVG image of at most `MAX_LOGO_BYTES`."""
        if len(data) > MAX_LOGO_BYTES:
            raise oversized_logo(len(data), source)
        media_type = image_type(data)
        if media_type is None:
            where = f"{source}: " if source else ""
            reason = f"{where}the logo must be a PNG, JPEG or SVG image"
            raise InvalidInput("The logo was refused.", [Problem(reason, field="logo")])
        return cls(media_type, data)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def summary(self) -> dict[str, Any]:
        """What the audit trail records of a logo: its kind, size and digest, not its bytes."""
        return {"media_type": self.media_type, "bytes": len(self.data), "sha256": self.sha256}


def oversized_logo(size: int, source: str = "") -> InvalidInput:
    """The refusal of a logo of `size` bytes, over `MAX_LOGO_BYTES`."""
    where = f"{source}: " if source else ""
    reason = (
        f"{where}the logo is {-(-size // 1024)} KB; it may be {MAX_LOGO_BYTES // 1024} KB at most"
    )
    return InvalidInput("The logo was refused.", [Problem(reason, field="logo")])


def image_type(data: bytes) -> str | None:
    """PNG, JPEG or SVG, by what the bytes begin with (not the file's name)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    try:
        head = data[:4096].decode("utf-8").lstrip("\ufeff \t\r\n").lower()
    except UnicodeDecodeError:
        return None
    if head.startswith("<") and "<svg" in head:
        return SVG
    return None


@dataclass(frozen=True)
class SellerDetails:
    """The seller as kept; empty fields are None. IBAN and BIC are compact."""

    name: str
    country: str
    legal_form: str | None = None
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    vat_number: str | None = None
    registration: str | None = None
    iban: str | None = None
    bic: str | None = None
    email: str | None = None
    logo: Logo | None = None

    @property
    def postal_lines(self) -> str | None:
        """The address as printed: the street's lines, then the postcode and city."""
        lines = [ln.strip() for ln in (self.street or "").splitlines() if ln.strip()]
        town = " ".join(p for p in (self.postcode, self.city) if p)
        return "\n".join([*lines, town] if town else lines) or None

    @property
    def grouped_iban(self) -> str | None:
        return grouped_iban(self.iban) if self.iban else None

    @property
    def party(self) -> Party:
        """What a quote or invoice freezes of the seller when it is made."""
        return Party(
            self.name,
            self.country,
            self.vat_number,
            self.postal_lines,
            self.email,
            legal_form=self.legal_form,
            street=self.street,
            postcode=self.postcode,
            city=self.city,
            registration=self.registration,
            iban=self.iban,
            bic=self.bic,
        )

    def stored(self) -> dict[str, Any]:
        """As kept in the settings (JSON): the logo's bytes in base64."""
        kept: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        if self.logo is not None:
            logo = self.logo
            kept["logo"] = {
                "media_type": logo.media_type,
                "base64": base64.b64encode(logo.data).decode("ascii"),
            }
        return kept

    def pictured(self) -> dict[str, Any]:
        """As the audit trail records it: the logo summarised, not in bytes."""
        kept = self.stored()
        kept["logo"] = self.logo.summary() if self.logo else None
        return kept

    @classmethod
    def from_stored(cls, kept: Mapping[str, Any]) -> SellerDetails:
        """Read `stored()` back; the free-text `address` of earlier versions becomes
        the street, which prints the same lines."""
        known = {f.name for f in fields(cls)} - {"logo"}
        values = {k: v for k, v in kept.items() if k in known}
        if kept.get("address") and not values.get("street"):
            values["street"] = kept["address"]
        logo = kept.get("logo")
        if isinstance(logo, Mapping):
            values["logo"] = Logo(logo["media_type"], base64.b64decode(logo["base64"]))
        return cls(**values)


def revised(
    current: SellerDetails | None, given: Mapping[str, str], found: Sequence[Problem] = ()
) -> SellerDetails:
    """The seller with the text fields `given` changed (an empty text clears a field);
    refused, listing every problem (after those `found` already, e.g. with the logo),
    unless the whole result is valid."""
    problems: list[Problem] = []
    values: dict[str, str | None] = {}
    for key, text in given.items():
        assert key in TEXT_FIELDS, key
        values[key] = _cleaned(key, text, problems)
    base = current or SellerDetails("", "")
    seller = replace(base, **values)  # type: ignore[arg-type]
    if current is None:
        for key in ("name", "country"):
            if key not in given:
                problems.append(Problem(f"the {key} is required for a new seller", field=key))
    if not seller.name and "name" in given:
        problems.append(Problem("the name must not be empty", field="name"))
    if not seller.country and "country" in given:
        problems.append(Problem("the country must not be empty", field="country"))
    registration = _registration_problem(seller)
    if registration and ("registration" in given or "country" in given):
        problems.append(Problem(registration, field="registration"))
    problems += found
    if problems:
        raise InvalidInput("The seller's details were refused.", problems)
    return seller


def _cleaned(key: str, text: str, problems: list[Problem]) -> str | None:
    """One field as kept (None when empty), noting a problem with it."""
    value = text.strip()
    if key in ("iban", "bic"):
        value = compact(value)
    elif key in ("country", "vat_number"):
        value = value.replace(" ", "").upper()
    elif key != "street":
        value = " ".join(value.split())
    else:
        value = "\n".join(ln.strip() for ln in value.splitlines() if ln.strip())
    if not value:
        return None
    reason = _problem(key, value)
    if reason is None and len(value) > LONGEST.get(key, 200):
        reason = f"at most {LONGEST.get(key, 200)} characters"
    if reason is not None:
        problems.append(Problem(reason, field=key))
    return value


def _problem(key: str, value: str) -> str | None:
    if key == "country" and not COUNTRY.match(value):
        return f"{value!r} is not a two-letter country code"
    if key == "vat_number" and not VAT.match(value):
        return f"{value!r} is not a VAT number (e.g. FR40303265045)"
    if key == "iban":
        return iban_problem(value)
    if key == "bic":
        return bic_problem(value)
    if key == "email" and not EMAIL.match(value):
        return f"{value!r} is not an email address"
    return None


def _registration_problem(seller: SellerDetails) -> str | None:
    """A French registration given in digits only is a SIREN (9) or a SIRET (14), whose
    last digit checks the others (Luhn); any other text is kept as written."""
    digits = (seller.registration or "").replace(" ", "")
    if seller.country != "FR" or not digits.isdigit():
        return None
    if len(digits) not in (9, 14):
        return (
            f"{seller.registration!r}: a SIREN has 9 digits and a SIRET 14; "
            f"this number has {len(digits)}"
        )
    if not luhn_ok(digits) and not (digits.startswith("356000000") and _digit_sum(digits) % 5 == 0):
        return (
            f"{seller.registration!r} is not a valid SIREN or SIRET: its check digit does not match"
        )
    return None


def luhn_ok(digits: str) -> bool:
    """The Luhn check of a SIREN or SIRET."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _digit_sum(digits: str) -> int:
    """La Poste's SIRETs (SIREN 356 000 000) check by the sum of their digits instead."""
    return sum(int(c) for c in digits)
