"""VAT per the buyer's country (R19, R20): EU standard rates, reverse charge for an
EU business buyer in another country than the seller's, none outside the EU."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

#: EU standard VAT rates in percent (1 January 2026).
EU_STANDARD_RATES: dict[str, Decimal] = {
    code: Decimal(rate)
    for code, rate in {
        "AT": "20",
        "BE": "21",
        "BG": "20",
        "CY": "19",
        "CZ": "21",
        "DE": "19",
        "DK": "25",
        "EE": "24",
        "ES": "21",
        "FI": "25.5",
        "FR": "20",
        "GR": "24",
        "HR": "25",
        "HU": "27",
        "IE": "23",
        "IT": "22",
        "LT": "21",
        "LU": "17",
        "LV": "21",
        "MT": "18",
        "NL": "21",
        "PL": "23",
        "PT": "23",
        "RO": "21",
        "SE": "25",
        "SI": "22",
        "SK": "23",
    }.items()
}


@dataclass(frozen=True)
class VatTreatment:
    """The rate (in percent) applied to every line of an invoice, and why."""

    rate: Decimal
    note: str = ""

    @property
    def reverse_charge(self) -> bool:
        return self.note.startswith("Reverse charge")


def vat_treatment(
    seller_country: str, buyer_country: str, buyer_vat_number: str | None
) -> VatTreatment:
    seller, buyer = seller_country.upper(), buyer_country.upper()
    if buyer not in EU_STANDARD_RATES:
        return VatTreatment(Decimal(0), "VAT not applicable: buyer outside the EU")
    if buyer != seller and buyer_vat_number:
        return VatTreatment(
            Decimal(0), "Reverse charge: VAT due by the customer (Art. 196 Directive 2006/112/EC)"
        )
    return VatTreatment(EU_STANDARD_RATES[buyer])
