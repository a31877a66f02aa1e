"""The seller's bank details: IBAN (ISO 13616 mod-97 checksum, country lengths), BIC
(ISO 9362, 8 or 11 characters), and the other checks of the seller's details."""

from __future__ import annotations

import pytest

from desktop_admin.domain.bank import (
    bic_problem,
    compact,
    grouped_iban,
    iban_checksum_ok,
    iban_problem,
)
from desktop_admin.domain.errors import InvalidInput
from desktop_admin.domain.seller import (
    MAX_LOGO_BYTES,
    Logo,
    SellerDetails,
    image_type,
    luhn_ok,
    revised,
)

VALID_IBANS = (
    "GB82 WEST 1234 5698 7654 32",
    "DE89 3704 0044 0532 0130 00",
    "FR76 3000 6000 0112 3456 7890 189",
    "FR14 2004 1010 0505 0001 3M02 606",
    "NL91 ABNA 0417 1643 00",
    "BE68 5390 0754 7034",
    "NO93 8601 1117 947",
    "MT84 MALT 0110 0001 2345 MTLC AST0 01S",
)
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


@pytest.mark.parametrize("typed", VALID_IBANS)
def test_valid_ibans_pass_their_checksum_and_length(typed: str) -> None:
    iban = compact(typed)
    assert " " not in iban and iban == iban.upper()
    assert iban_problem(iban) is None
    assert iban_checksum_ok(iban)


def test_an_iban_is_compacted_from_what_people_type() -> None:
    assert compact(" fr76 3000-6000 0112 3456 7890 189 ") == "FR7630006000011234567890189"


@pytest.mark.parametrize("typed", VALID_IBANS)
def test_one_wrong_digit_breaks_the_checksum(typed: str) -> None:
    iban = compact(typed)
    last = iban[-1]
    wrong = iban[:-1] + ("0" if last != "0" else "1")
    problem = iban_problem(wrong)
    assert problem is not None and "check digits do not match" in problem


def test_swapped_digits_break_the_checksum() -> None:
    iban = compact("DE89 3704 0044 0532 0130 00")
    swapped = iban[:4] + iban[5] + iban[4] + iban[6:]
    assert swapped != iban and not iban_checksum_ok(swapped)


def test_an_iban_of_the_wrong_length_for_its_country_is_refused() -> None:
    problem = iban_problem(compact("DE89 3704 0044 0532 0130 0"))
    assert problem == "an IBAN of DE has 22 characters; this one has 21"


@pytest.mark.parametrize("text", ["", "FR", "1234567890123456", "FRXX30006000011234567890189"])
def test_what_is_not_shaped_like_an_iban_is_refused(text: str) -> None:
    problem = iban_problem(compact(text))
    assert problem is not None and "is not an IBAN" in problem


def test_an_iban_is_shown_in_groups_of_four() -> None:
    assert grouped_iban("FR7630006000011234567890189") == "FR76 3000 6000 0112 3456 7890 189"
    assert grouped_iban("BE68539007547034") == "BE68 5390 0754 7034"


@pytest.mark.parametrize("bic", ["DEUTDEFF", "DEUTDEFF500", "BNPAFRPPXXX", "deut de ff"])
def test_bics_of_8_or_11_characters_pass(bic: str) -> None:
    assert bic_problem(compact(bic)) is None


@pytest.mark.parametrize(
    ("bic", "reason"),
    [
        ("DEUTDEF", "8 or 11 characters"),
        ("DEUTDEFF5", "8 or 11 characters"),
        ("DEUTDEFF5000", "8 or 11 characters"),
        ("DEUT1EFF", "is not a BIC"),
        ("DEUTDE!F", "is not a BIC"),
    ],
)
def test_other_bics_are_refused(bic: str, reason: str) -> None:
    problem = bic_problem(compact(bic))
    assert problem is not None and reason in problem


def test_the_seller_keeps_iban_and_bic_compact_and_every_problem_is_named() -> None:
    seller = revised(
        None,
        {
            "name": "Seat Desk SAS",
            "country": "fr",
            "iban": "fr76 3000 6000 0112 3456 7890 189",
            "bic": "bnpa fr pp",
        },
    )
    assert (seller.country, seller.iban, seller.bic) == (
        "FR",
        "FR7630006000011234567890189",
        "BNPAFRPP",
    )
    assert seller.grouped_iban == "FR76 3000 6000 0112 3456 7890 189"
    with pytest.raises(InvalidInput) as refused:
        revised(seller, {"iban": "FR76 3000 6000 0112 3456 7890 188", "bic": "BNPAFR", "name": ""})
    assert [p.field for p in refused.value.problems] == ["iban", "bic", "name"]


def test_a_new_seller_needs_a_name_and_a_country() -> None:
    with pytest.raises(InvalidInput) as refused:
        revised(None, {"city": "Paris"})
    assert [p.field for p in refused.value.problems] == ["name", "country"]


def test_a_french_siren_or_siret_in_digits_is_checked() -> None:
    base = SellerDetails("Seat Desk SAS", "FR")
    assert revised(base, {"registration": "732 829 320"}).registration == "732 829 320"
    assert revised(base, {"registration": "73282932000074"}).registration == "73282932000074"
    assert revised(base, {"registration": "RCS Paris B 732 829 320"}).registration
    for wrong, reason in (("732829321", "check digit"), ("7328293", "9 digits")):
        with pytest.raises(InvalidInput, match=reason):
            revised(base, {"registration": wrong})
    # Elsewhere a registration is kept as written.
    assert revised(SellerDetails("GmbH", "DE"), {"registration": "12345"}).registration
    assert luhn_ok("443061841") and not luhn_ok("443061842")


def test_the_printed_address_is_the_street_then_the_postcode_and_city() -> None:
    seller = revised(
        None,
        {
            "name": "Seat Desk SAS",
            "country": "FR",
            "street": " Bâtiment B \n 1 rue de la Paix ",
            "postcode": "75002",
            "city": "Paris",
        },
    )
    assert seller.postal_lines == "Bâtiment B\n1 rue de la Paix\n75002 Paris"
    party = seller.party
    assert party.address == seller.postal_lines
    assert (party.street, party.postcode, party.city) == (seller.street, "75002", "Paris")


def test_a_logo_is_a_small_png_jpeg_or_svg() -> None:
    assert image_type(PNG_BYTES) == "image/png"
    assert image_type(b"\xff\xd8\xff\xe0rest") == "image/jpeg"
    assert image_type(b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>')
    assert image_type(b"GIF89a....") is None
    assert Logo.of(PNG_BYTES).media_type == "image/png"
    with pytest.raises(InvalidInput, match="must be a PNG, JPEG or SVG"):
        Logo.of(b"%PDF-1.7", "logo.pdf")
    with pytest.raises(InvalidInput, match="513 KB; it may be 512 KB at most"):
        Logo.of(PNG_BYTES + b"\0" * MAX_LOGO_BYTES, "big.png")
    assert Logo.of(PNG_BYTES + b"\0" * (MAX_LOGO_BYTES - len(PNG_BYTES)))


def test_the_stored_seller_reads_back_and_the_old_address_becomes_the_street() -> None:
    seller = SellerDetails("Seat Desk SAS", "FR", iban="BE68539007547034", logo=Logo.of(PNG_BYTES))
    assert SellerDetails.from_stored(seller.stored()) == seller
    assert "base64" in seller.stored()["logo"]
    assert seller.pictured()["logo"] == {
        "media_type": "image/png",
        "bytes": len(PNG_BYTES),
        "sha256": seller.logo.sha256 if seller.logo else None,
    }
    old = SellerDetails.from_stored({"name": "Old", "country": "FR", "address": "1 rue X, Paris"})
    assert old.street == "1 rue X, Paris" and old.party.address == "1 rue X, Paris"
