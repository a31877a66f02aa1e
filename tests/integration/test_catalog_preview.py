"""The preview of a catalog import on real databases: what would be new, changed (price
by price, per cycle) and left out of the file, without writing anything; the same
refusals as the import itself."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.catalog import Audience
from desktop_admin.domain.catalog_changes import ItemStatus, PriceChange, TermChange
from desktop_admin.domain.errors import InvalidInput, PermissionDenied
from desktop_admin.domain.periods import Cycle
from desktop_admin.services.catalog import CatalogImport

M, Q, Y = Cycle.MONTHLY, Cycle.QUARTERLY, Cycle.YEARLY
NEW_ADDON = """
[[addons]]
code = "support-plus"
name = "Support plus"
prices = { yearly = "300.00" }
"""


def edited(text: str, *replacements: tuple[str, str]) -> str:
    for old, new in replacements:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def without_designer(text: str) -> str:
    start = text.index('[[roles]]\ncode = "designer"')
    end = text.index("[[addons]]")
    return text[:start] + text[end:]


def test_before_any_import_everything_in_the_file_is_new(
    admin: OperatorSession, catalog_text: str, db_snapshot: Callable[[], object]
) -> None:
    before = db_snapshot()
    preview = admin.catalog.preview_text(catalog_text, source="catalog.toml")
    assert db_snapshot() == before
    assert preview.currency == "EUR"
    assert [(i.entity, i.code, i.status) for i in preview.items] == [
        ("role", "named-user", ItemStatus.NEW),
        ("role", "designer", ItemStatus.NEW),
        ("addon", "storage-100gb", ItemStatus.NEW),
        ("addon", "guest-users", ItemStatus.NEW),
    ]
    named = preview.items[0]
    assert named.prices == (
        PriceChange(M, None, Decimal("10.00")),
        PriceChange(Q, None, Decimal("28.50")),
        PriceChange(Y, None, Decimal("100.00")),
    )
    assert preview.changes_anything


def test_changed_prices_new_items_and_items_left_out_are_told_apart(
    admin: OperatorSession,
    catalog_text: str,
    catalog: CatalogImport,
    db_snapshot: Callable[[], object],
) -> None:
    text = (
        edited(
            without_designer(catalog_text),
            ('monthly = "10.00", quarterly = "28.50", ', 'monthly = "12.00", '),
            ("trial_days = 30", "trial_days = 14"),
            ('audiences = ["company", "maker", "student"]', 'audiences = ["company", "maker"]'),
        )
        + NEW_ADDON
    )
    before = db_snapshot()
    preview = admin.catalog.preview_text(text, source="catalog.toml")
    assert db_snapshot() == before
    [named] = preview.having(ItemStatus.CHANGED)
    assert named.code == "named-user"
    assert named.prices == (
        PriceChange(M, Decimal("10.00"), Decimal("12.00")),
        PriceChange(Q, Decimal("28.50"), None),
    )
    assert TermChange("trial_days", 30, 14) in named.terms
    assert TermChange("audiences", frozenset(Audience), {Audience.COMPANY, Audience.MAKER}) in (
        named.terms
    )
    assert [i.code for i in preview.having(ItemStatus.NEW)] == ["support-plus"]
    assert preview.having(ItemStatus.NEW)[0].prices == (PriceChange(Y, None, Decimal("300.00")),)
    assert [i.code for i in preview.having(ItemStatus.UNCHANGED)] == [
        "storage-100gb",
        "guest-users",
    ]
    assert [(i.entity, i.code) for i in preview.having(ItemStatus.NOT_IN_FILE)] == [
        ("role", "designer")
    ]


def test_the_preview_agrees_with_what_the_import_then_does(
    admin: OperatorSession, catalog_text: str, catalog: CatalogImport
) -> None:
    text = edited(catalog_text, ('yearly = "490.00"', 'yearly = "500.00"')) + NEW_ADDON
    preview = admin.catalog.preview_text(text)
    done = admin.catalog.import_text(text).value
    assert set(done.created) == {i.code for i in preview.having(ItemStatus.NEW)}
    assert set(done.updated) == {i.code for i in preview.having(ItemStatus.CHANGED)} == {"designer"}
    assert set(done.unchanged) == {i.code for i in preview.having(ItemStatus.UNCHANGED)}
    again = admin.catalog.preview_text(text)
    assert not again.changes_anything
    assert {i.status for i in again.items} == {ItemStatus.UNCHANGED}


def test_a_malformed_file_is_refused_as_the_import_refuses_it(
    admin: OperatorSession, catalog_text: str, catalog: CatalogImport
) -> None:
    bad = edited(
        catalog_text,
        ('yearly = "100.00"', 'yearly = "ten"'),
        ('kind = "licence"\nupgrade_policy = "next', 'kind = "lease"\nupgrade_policy = "next'),
    )
    with pytest.raises(InvalidInput) as previewed:
        admin.catalog.preview_text(bad, source="new.toml")
    with pytest.raises(InvalidInput) as imported:
        admin.catalog.import_text(bad, source="new.toml")
    assert previewed.value.problems == imported.value.problems
    assert str(previewed.value) == str(imported.value)
    lines = [(p.line, p.field) for p in previewed.value.problems]
    assert (12, "roles[1].prices.yearly") in lines and (17, "roles[2].kind") in lines


def test_a_file_in_another_currency_is_refused_like_the_import(
    admin: OperatorSession, catalog_text: str, catalog: CatalogImport
) -> None:
    in_dollars = edited(catalog_text, ('currency = "EUR"', 'currency = "USD"'))
    with pytest.raises(InvalidInput, match="priced in EUR; a file in USD cannot replace it"):
        admin.catalog.preview_text(in_dollars)


def test_only_an_administrator_previews_an_import(
    app: AdminApp, admin: OperatorSession, catalog_text: str
) -> None:
    admin.operators.add(login="clerk", role="billing_clerk", password="clerk password")
    with pytest.raises(PermissionDenied, match="may not manage the catalog"):
        app.login("clerk", "clerk password").catalog.preview_text(catalog_text)
