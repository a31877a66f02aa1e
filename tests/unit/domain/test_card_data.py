"""R06: text holding a card number or a security code is recognised in every guise,
and ordinary references are not."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop_admin.domain.card_data import card_data_problem, luhn_valid

CARDS = ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117"]


@pytest.mark.parametrize(
    "text",
    [
        "4111111111111111",
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "4111.1111.1111.1111",
        "4111_1111_1111_1111",
        "tok_4111111111111111",
        "paid with 4111111111111111 exp 12/30",
        "5555 5555 5555 4444",
        "378282246310005",
        "card ending 4242, cvv 123",
        "CVC: 1234",
    ],
)
def test_r06_card_numbers_and_security_codes_are_recognised(text: str) -> None:
    assert card_data_problem(text) is not None
    assert "4111" not in (card_data_problem(text) or "")  # the reason never repeats it


@pytest.mark.parametrize(
    "text",
    [
        "BANK-2026-03-15-000123",
        "INV-2026-000001",
        "RF18539007547034",
        "FR76 3000 6000 0112 3456 7890 189",  # an IBAN starts with letters, its digits fail
        "tok_visa_4242",
        "Ada Lovelace",
        "1111111111111111",  # Luhn-valid, but no card network starts with 1
        "",
    ],
)
def test_r06_ordinary_references_are_kept(text: str) -> None:
    assert card_data_problem(text) is None


@given(st.sampled_from(CARDS), st.sampled_from(["", " ", "-", ".", "_", "/"]), st.text(max_size=20))
def test_r06_a_card_number_is_found_whatever_its_separators_and_surroundings(
    card: str, separator: str, around: str
) -> None:
    spaced = separator.join(card[i : i + 4] for i in range(0, len(card), 4))
    text = f"{around.strip('0123456789')} {spaced} {around.strip('0123456789')}"
    assert card_data_problem(text) is not None


def test_luhn_check_of_known_numbers() -> None:
    assert all(luhn_valid(card) for card in CARDS)
    assert not luhn_valid("4111111111111112")
