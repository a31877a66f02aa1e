"""VAT per the buyer's country: EU rates, reverse charge, outside the EU (R19, R20)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_admin.domain.vat import EU_STANDARD_RATES, VatTreatment, vat_treatment


def test_r20_vat_domestic_french_consumer_pays_20_percent() -> None:
    treatment = vat_treatment("FR", "FR", None)
    assert treatment == VatTreatment(Decimal("20"))
    assert not treatment.reverse_charge
    assert treatment.note == ""


def test_r20_vat_german_business_with_vat_number_from_french_seller_is_reverse_charged() -> None:
    treatment = vat_treatment("FR", "DE", "DE123456789")
    assert treatment.rate == 0
    assert treatment.reverse_charge
    assert "Reverse charge" in treatment.note
    assert "Art. 196" in treatment.note


@pytest.mark.parametrize("vat_number", [None, ""])
def test_r20_vat_german_consumer_without_vat_number_pays_german_rate(
    vat_number: str | None,
) -> None:
    treatment = vat_treatment("FR", "DE", vat_number)
    assert treatment.rate == Decimal("19")
    assert not treatment.reverse_charge


@pytest.mark.parametrize("vat_number", [None, "98-7654321"])
def test_r20_vat_us_buyer_not_applicable(vat_number: str | None) -> None:
    treatment = vat_treatment("FR", "US", vat_number)
    assert treatment.rate == 0
    assert not treatment.reverse_charge
    assert "not applicable" in treatment.note
    assert "outside the EU" in treatment.note


def test_r20_vat_same_country_business_with_vat_number_still_pays_domestic_vat() -> None:
    treatment = vat_treatment("FR", "FR", "FR12345678901")
    assert treatment.rate == Decimal("20")
    assert not treatment.reverse_charge
    assert vat_treatment("DE", "DE", "DE123456789").rate == Decimal("19")


def test_r20_vat_country_codes_are_case_insensitive() -> None:
    assert vat_treatment("fr", "de", None).rate == Decimal("19")
    assert vat_treatment("fr", "fr", "FR1").rate == Decimal("20")
    assert vat_treatment("Fr", "De", "DE1").reverse_charge


def test_r20_vat_rate_table_has_the_27_member_states() -> None:
    assert len(EU_STANDARD_RATES) == 27
    assert "GB" not in EU_STANDARD_RATES
    assert EU_STANDARD_RATES["FR"] == Decimal("20")
    assert EU_STANDARD_RATES["DE"] == Decimal("19")
    assert EU_STANDARD_RATES["FI"] == Decimal("25.5")
    assert EU_STANDARD_RATES["HU"] == Decimal("27")
    assert EU_STANDARD_RATES["LU"] == Decimal("17")
