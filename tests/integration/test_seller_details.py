"""The seller's details (R19) on real databases: structured address, registration, IBAN
and BIC checked, a logo kept as bytes, partial changes, refusals that write nothing,
the audit trail, documents that freeze the details, and `seller set` on the command line."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.errors import InvalidInput, PermissionDenied, RuleViolation
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.seller import MAX_LOGO_BYTES
from desktop_admin.services.purchases import Order
from tests.integration.conftest import ADMIN_PASSWORD, Query

IBAN = "FR7630006000011234567890189"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
SVG = b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'


def full_details(admin: OperatorSession, logo: Path) -> None:
    admin.billing.set_seller(
        name="Seat Desk SAS",
        legal_form="SAS",
        street="Bâtiment B\n1 rue de la Paix",
        postcode="75002",
        city="Paris",
        country="fr",
        vat_number="FR 40 303265045",
        registration="732 829 320",
        iban="fr76 3000 6000 0112 3456 7890 189",
        bic="bnpafrpp",
        email="billing@seatdesk.example",
        logo_file=logo,
    )


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    path = tmp_path / "logo.png"
    path.write_bytes(PNG)
    return path


def test_every_detail_is_kept_checked_and_compact(
    admin: OperatorSession, logo: Path, sql: Query
) -> None:
    full_details(admin, logo)
    seller = admin.billing.seller()
    assert (seller.name, seller.legal_form, seller.country) == ("Seat Desk SAS", "SAS", "FR")
    assert (seller.street, seller.postcode, seller.city) == (
        "Bâtiment B\n1 rue de la Paix",
        "75002",
        "Paris",
    )
    assert (seller.vat_number, seller.registration) == ("FR40303265045", "732 829 320")
    assert (seller.iban, seller.bic) == (IBAN, "BNPAFRPP")
    assert seller.grouped_iban == "FR76 3000 6000 0112 3456 7890 189"
    assert seller.logo is not None and seller.logo.data == PNG
    assert seller.logo.media_type == "image/png"
    # The image's bytes are in the database, not the path of a file that may move.
    logo.unlink()
    [(stored,)] = sql("SELECT value FROM settings WHERE key = 'seller'")
    assert str(logo) not in stored and json.loads(stored)["logo"]["base64"]
    assert admin.billing.seller().logo == seller.logo


def test_only_the_fields_given_change_and_an_empty_one_is_cleared(
    admin: OperatorSession, logo: Path
) -> None:
    full_details(admin, logo)
    before = admin.billing.seller()
    admin.billing.set_seller(city="Lyon", postcode="69001", bic="")
    after = admin.billing.seller()
    assert (after.city, after.postcode, after.bic) == ("Lyon", "69001", None)
    assert (after.iban, after.registration, after.logo) == (IBAN, "732 829 320", before.logo)
    admin.billing.set_seller(remove_logo=True)
    assert admin.billing.seller().logo is None


def test_a_bad_iban_bic_or_registration_is_refused_whole_and_nothing_is_written(
    admin: OperatorSession, logo: Path, db_snapshot: Callable[[], object]
) -> None:
    full_details(admin, logo)
    before = db_snapshot()
    with pytest.raises(InvalidInput) as refused:
        admin.billing.set_seller(
            name="Renamed SAS",
            iban="FR76 3000 6000 0112 3456 7890 188",
            bic="BNPAFR",
            registration="732829321",
        )
    assert [p.field for p in refused.value.problems] == ["iban", "bic", "registration"]
    assert "check digits do not match" in str(refused.value)
    assert db_snapshot() == before
    assert admin.billing.seller().name == "Seat Desk SAS"


def test_a_logo_over_512_kb_or_not_an_image_is_refused(
    admin: OperatorSession, tmp_path: Path, db_snapshot: Callable[[], object]
) -> None:
    admin.billing.set_seller(name="Seat Desk SAS", country="FR")
    big = tmp_path / "big.png"
    big.write_bytes(PNG + b"\0" * MAX_LOGO_BYTES)
    text = tmp_path / "logo.png.txt"
    text.write_text("not an image")
    before = db_snapshot()
    with pytest.raises(InvalidInput, match="it may be 512 KB at most"):
        admin.billing.set_seller(logo_file=big)
    with pytest.raises(InvalidInput, match="must be a PNG, JPEG or SVG"):
        admin.billing.set_seller(logo_file=text)
    with pytest.raises(InvalidInput, match="cannot be read"):
        admin.billing.set_seller(logo_file=tmp_path / "missing.png")
    assert db_snapshot() == before
    svg = tmp_path / "logo.svg"
    svg.write_bytes(SVG)
    seller = admin.billing.set_seller(logo_file=svg).value
    assert seller.logo is not None and seller.logo.media_type == "image/svg+xml"


def test_the_audit_trail_records_the_change_but_not_the_logo_bytes(
    admin: OperatorSession, logo: Path
) -> None:
    full_details(admin, logo)
    admin.billing.set_seller(iban="BE68 5390 0754 7034")
    first, second = reversed(admin.audit.entries(entity="seller"))
    assert (first.action, first.actor, first.before) == ("seller.update", "admin", None)
    assert first.after is not None and first.after["logo"]["bytes"] == len(PNG)
    assert "base64" not in json.dumps(first.after)
    assert second.before is not None and second.after is not None
    assert (second.before["iban"], second.after["iban"]) == (IBAN, "BE68539007547034")
    admin.billing.set_seller(iban="BE68 5390 0754 7034")  # the same: nothing to record
    assert len(admin.audit.entries(entity="seller")) == 2


def test_only_an_administrator_may_change_the_seller(
    app: AdminApp, admin: OperatorSession, db_snapshot: Callable[[], object]
) -> None:
    admin.billing.set_seller(name="Seat Desk SAS", country="FR")
    admin.operators.add(login="clerk", role="billing_clerk", password="clerk password")
    clerk = app.login("clerk", "clerk password")
    before = db_snapshot()
    with pytest.raises(PermissionDenied, match="may not manage the catalog"):
        clerk.billing.set_seller(iban=IBAN)
    assert db_snapshot() == before
    assert clerk.billing.seller().name == "Seat Desk SAS"  # reading is allowed


def test_before_the_seller_is_set_documents_are_refused_and_the_form_starts_empty(
    admin: OperatorSession,
) -> None:
    assert admin.billing.seller_details() is None
    with pytest.raises(RuleViolation, match="Seller details"):
        admin.billing.seller()
    with pytest.raises(InvalidInput) as refused:
        admin.billing.set_seller(city="Paris")
    assert [p.field for p in refused.value.problems] == ["name", "country"]


def test_a_quote_freezes_the_details_and_its_pdf_prints_the_address(
    admin: OperatorSession, company: Account, logo: Path
) -> None:
    full_details(admin, logo)
    assert company.id is not None
    quote = admin.billing.quote_purchase(
        Order(company.id, Cycle.YEARLY, {"named-user": 2}, {}, "transfer")
    ).value
    assert quote.seller.iban == IBAN and quote.seller.registration == "732 829 320"
    assert quote.seller.address == "Bâtiment B\n1 rue de la Paix\n75002 Paris"
    admin.billing.set_seller(city="Lyon")
    assert quote.number is not None
    kept = admin.billing.quote(quote.number)
    assert kept.seller.city == "Paris"  # frozen at issue
    pages = PdfReader(io.BytesIO(admin.documents.quote_pdf(quote.number))).pages
    text = " ".join(page.extract_text() for page in pages)
    assert "1 rue de la Paix" in text and "75002 Paris" in text


def test_seller_set_on_the_command_line_changes_only_what_is_given(
    admin: OperatorSession, database_url: str, logo: Path, tmp_path: Path
) -> None:
    admin.billing.set_seller(name="Seat Desk SAS", country="FR", city="Paris")
    environment = {**os.environ, "DESKTOP_ADMIN_PASSWORD": ADMIN_PASSWORD, "HOME": str(tmp_path)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "desktop_admin", "--db", database_url, "--as", "admin"]
        return subprocess.run(
            [*command, *args], env=environment, capture_output=True, text=True, timeout=60
        )

    done = run(
        "--json", "seller", "set", "--iban", "FR76 3000 6000 0112 3456 7890 189",
        "--bic", "BNPAFRPP", "--registration", "73282932000074", "--logo", str(logo),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert (shown["name"], shown["city"], shown["iban"]) == ("Seat Desk SAS", "Paris", IBAN)
    assert shown["logo"]["media_type"] == "image/png"
    refused = run("seller", "set", "--iban", "FR00 1234")
    assert refused.returncode == 2 and "iban" in refused.stderr
    text = run("seller", "show").stdout
    assert "IBAN FR76 3000 6000 0112 3456 7890 189" in text and "BIC BNPAFRPP" in text
    assert "Paris" in text and "Logo: image/png" in text
