"""An account's fields (postal address, invoice references, archive date) and the rules
on editing, archiving and removing a payment method, as pure functions (R01, R06)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from desktop_admin.domain.accounts import (
    Account,
    AccountArchived,
    AccountFields,
    Card,
    PaymentKind,
    PaymentMethod,
    check_archivable,
    check_audience_change,
    check_removable,
    running,
    validate_fields,
)
from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.errors import DomainError, InvalidInput, RuleViolation
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.subscriptions import Subscription, SubscriptionStatus

TODAY = date(2026, 3, 15)
ACME = Account("Acme", Audience.COMPANY, "FR", id=7, version=2)
CARD = PaymentMethod(PaymentKind.CARD, Card("tok_1", "visa", "4242", 8, 2028), id=1)
OTHER_CARD = PaymentMethod(PaymentKind.CARD, Card("tok_2", "cb", "1881", 1, 2029), id=2)
TRANSFER = PaymentMethod(PaymentKind.TRANSFER, id=3)


def subscription(
    status: SubscriptionStatus = SubscriptionStatus.ACTIVE,
    payment: str = "card",
    ends_on: date | None = None,
    anchor: date = date(2025, 11, 15),
) -> Subscription:
    return Subscription(
        7, Cycle.YEARLY, anchor, status=status, payment_kind=payment, ends_on=ends_on, id=4
    )


def typed(**changes: str | None) -> AccountFields:
    return replace(AccountFields("Acme", "company", "FR"), **changes)


def test_the_fields_are_kept_as_typed_less_spaces_and_empty_ones() -> None:
    account = validate_fields(
        typed(
            country=" be ",
            billing_email="  billing@acme.example ",
            street="  2 quai Est \n\n Bâtiment   B\t",
            postcode=" 1000 ",
            city=" Bruxelles ",
            buyer_reference="  BR-7 ",
            purchase_order="",
        )
    )
    assert account == Account(
        "Acme",
        Audience.COMPANY,
        "BE",
        billing_email="billing@acme.example",
        street="2 quai Est\nBâtiment B",
        postcode="1000",
        city="Bruxelles",
        buyer_reference="BR-7",
    )


def test_the_address_prints_the_street_lines_then_postcode_and_city() -> None:
    assert ACME.address is None
    assert replace(ACME, street="2 quai Est\nBât. B").address == "2 quai Est\nBât. B"
    assert replace(ACME, city="Lyon").address == "Lyon"
    full = replace(ACME, street="2 quai Est", postcode="69002", city="Lyon")
    assert full.address == "2 quai Est\n69002 Lyon"


def test_every_bad_field_is_named_in_order() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_fields(
            AccountFields(
                "",
                "shop",
                "",
                "de",
                "!!",
                "nobody",
                "s" * 401,
                "750 01!",
                "c" * 101,
                "b" * 101,
                "cvv 123",
            )
        )
    assert [(p.field, p.reason) for p in refused.value.problems] == [
        ("name", "the name must not be empty"),
        ("audience", "'shop' is not company, maker or student"),
        ("country", "the country must be given (e.g. FR)"),
        ("language", "'de' is not one of en, fr"),
        ("vat-number", "'!!' is not a VAT number (e.g. FR40303265045)"),
        ("street", "the street is longer than 400 characters"),
        ("city", "the city is longer than 100 characters"),
        ("buyer-reference", "the buyer reference is longer than 100 characters"),
        (
            "purchase-order",
            "the purchase order holds what looks like a card security code, "
            "which is never kept (R06)",
        ),
        ("billing-email", "'nobody' is not an email address"),
        ("postcode", "'750 01!' is not a postcode (letters, digits, spaces and dashes)"),
    ]
    assert refused.value.summary == "The account was refused."


@pytest.mark.parametrize("field", ["street", "city", "buyer_reference", "purchase_order"])
def test_r06_no_card_number_is_kept_in_any_field(field: str) -> None:
    with pytest.raises(InvalidInput, match="R06") as refused:
        validate_fields(typed(**{field: "4111 1111 1111 1111"}))
    assert [p.field for p in refused.value.problems] == [field.replace("_", "-")]
    assert "4111" not in str(refused.value)


def test_a_hidden_character_is_refused_where_it_is() -> None:
    with pytest.raises(InvalidInput) as refused:
        validate_fields(typed(city="Ly\u200bon"))
    assert str(refused.value.problems[0]) == (
        "field 'city': the city holds a control or invisible character (U+200B)"
    )


def test_fields_of_an_account_and_changes_to_them() -> None:
    account = replace(ACME, city="Lyon", vat_number="FR40303265045")
    fields = AccountFields.of(account)
    assert fields.audience == "company" and fields.city == "Lyon"
    changed = fields.but({"city": "", "name": None, "postcode": "69002"})
    assert (changed.city, changed.name, changed.postcode) == ("", "Acme", "69002")
    assert validate_fields(changed).city is None


def test_an_archived_account_takes_nothing_new() -> None:
    ACME.check_open()
    archived = replace(ACME, archived_on=date(2026, 3, 1))
    assert archived.archived and not ACME.archived
    with pytest.raises(AccountArchived) as refused:
        archived.check_open()
    assert str(refused.value) == (
        "account 7 (Acme) was archived on 2026-03-01; it takes no new user, purchase or "
        "payment method"
    )


def test_without_contact_forgets_the_email_and_the_address_only() -> None:
    full = replace(
        ACME, billing_email="a@acme.example", street="1 rue", postcode="1", city="X",
        buyer_reference="BR",
    )  # fmt: skip
    bare = full.without_contact()
    assert (bare.billing_email, bare.address) == (None, None)
    assert bare.buyer_reference == "BR" and bare.name == "Acme"


def test_running_means_trial_or_active_and_not_ended() -> None:
    live = [
        subscription(),
        subscription(SubscriptionStatus.TRIAL),
        subscription(anchor=date(2026, 4, 1)),  # about to start
        subscription(ends_on=date(2026, 3, 16)),
    ]
    over = [
        subscription(SubscriptionStatus.CANCELLED),
        subscription(SubscriptionStatus.FROZEN),
        subscription(SubscriptionStatus.ENDED),
        subscription(ends_on=TODAY),
    ]
    assert running(live + over, TODAY) == live


def test_archiving_is_refused_while_something_runs_or_is_owed() -> None:
    check_archivable(ACME, [subscription(SubscriptionStatus.CANCELLED)], [], TODAY)
    with pytest.raises(DomainError) as refused:
        check_archivable(ACME, [subscription()], ["INV-2026-000001", "INV-2026-000002"], TODAY)
    assert str(refused.value) == (
        "Acme cannot be archived while subscription 4 runs, invoice INV-2026-000001 is open "
        "and invoice INV-2026-000002 is open; cancel the subscription or let it end and "
        "record the invoices' payments or credit them first"
    )
    with pytest.raises(DomainError, match="already"):
        check_archivable(replace(ACME, archived_on=TODAY), [], [], TODAY)


def test_r06_the_last_method_of_the_kind_a_running_subscription_pays_by_stays() -> None:
    methods = [CARD, TRANSFER]
    with pytest.raises(RuleViolation) as refused:
        check_removable(CARD, methods, [subscription()], TODAY)
    assert refused.value.rule == "R06"
    assert "subscription 4 pays by card" in str(refused.value)
    check_removable(TRANSFER, methods, [subscription()], TODAY)  # nothing pays by transfer
    check_removable(CARD, [CARD, OTHER_CARD], [subscription()], TODAY)  # another card stays
    check_removable(CARD, methods, [subscription(SubscriptionStatus.CANCELLED)], TODAY)
    check_removable(CARD, methods, [subscription(SubscriptionStatus.TRIAL)], TODAY)  # free
    with pytest.raises(RuleViolation, match="last bank transfer"):
        check_removable(TRANSFER, methods, [subscription(payment="transfer")], TODAY)


def test_r01_r06_the_audience_changes_only_when_nothing_depends_on_it() -> None:
    maker = replace(ACME, audience=Audience.MAKER)
    check_audience_change(ACME, replace(ACME, city="Lyon"), [subscription()], [TRANSFER], TODAY)
    check_audience_change(ACME, maker, [subscription(SubscriptionStatus.ENDED)], [CARD], TODAY)
    with pytest.raises(RuleViolation) as refused:
        check_audience_change(ACME, maker, [subscription()], [CARD], TODAY)
    assert refused.value.rule == "R01"
    with pytest.raises(RuleViolation) as refused:
        check_audience_change(ACME, maker, [], [CARD, TRANSFER], TODAY)
    assert refused.value.rule == "R06"
    check_audience_change(maker, ACME, [], [CARD], TODAY)  # to company: always fine
