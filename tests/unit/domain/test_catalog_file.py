"""The catalog TOML file (interfaces.md): parsed whole, every problem named by line."""

from __future__ import annotations

from decimal import Decimal

import pytest

from desktop_admin.domain.catalog import (
    AddonKind,
    Audience,
    RoleKind,
    SeatOverflow,
    UpgradePolicy,
)
from desktop_admin.domain.catalog_file import parse_catalog
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.periods import Cycle

# Verbatim from interfaces.md, "Catalog file (TOML)".
EXAMPLE = """\
currency = "EUR"

[[roles]]
code = "named-user"
name = "Named user"
kind = "licence"                 # licence | business_experience
upgrade_policy = "immediate_prorated"   # or next_month_start (R10)
seat_overflow = "block"          # or auto_disable (R15)
audiences = ["company", "maker", "student"]
online_countries = ["FR", "DE", "NL", "BE"]   # elsewhere: contact only (R04)
trial_days = 30                  # 0: no trial
prices = { monthly = "10.00", quarterly = "28.50", yearly = "100.00" }

[[addons]]
code = "storage-100gb"
name = "Storage 100 GB"
prices = { monthly = "5.00", quarterly = "14.00", yearly = "50.00" }
"""

# A valid role whose lines are: 1 [[roles]], 2 code, 3 name, 4 audiences, 5 prices.
ROLE = """\
[[roles]]
code = "{code}"
name = "Designer"
audiences = ["company"]
prices = {{ yearly = "100.00" }}
"""


def catalog(*parts: str, head: str = 'currency = "EUR"\n') -> str:
    """Line 1 is the head; each part follows a blank line."""
    return head + "".join("\n" + p for p in parts)


def problems_of(text: str) -> list[Problem]:
    with pytest.raises(InvalidInput) as info:
        parse_catalog(text)
    assert info.value.exit_status == 2
    assert info.value.summary == "The catalog was refused; nothing was imported." or (
        info.value.summary == "The catalog is not valid TOML."
    )
    return info.value.problems


def only_problem(text: str) -> Problem:
    problems = problems_of(text)
    assert len(problems) == 1, problems
    return problems[0]


def test_the_interfaces_example_parses() -> None:
    parsed = parse_catalog(EXAMPLE)
    assert parsed.currency == "EUR"
    assert len(parsed.roles) == 1 and len(parsed.addons) == 1
    role = parsed.roles[0]
    assert (role.code, role.name) == ("named-user", "Named user")
    assert role.kind is RoleKind.LICENCE
    assert role.upgrade_policy is UpgradePolicy.IMMEDIATE_PRORATED
    assert role.seat_overflow is SeatOverflow.BLOCK
    assert role.audiences == frozenset(Audience)
    assert role.online_countries == {"FR", "DE", "NL", "BE"}
    assert role.trial_days == 30
    assert dict(role.prices) == {
        Cycle.MONTHLY: Decimal("10.00"),
        Cycle.QUARTERLY: Decimal("28.50"),
        Cycle.YEARLY: Decimal("100.00"),
    }
    addon = parsed.addons[0]
    assert (addon.code, addon.name, addon.kind) == (
        "storage-100gb",
        "Storage 100 GB",
        AddonKind.OTHER,
    )
    assert addon.prices[Cycle.QUARTERLY] == Decimal("14.00")


def test_r01_r04_the_example_role_is_offered_per_the_table() -> None:
    role = parse_catalog(EXAMPLE).roles[0]
    assert role.offered_cycles(Audience.STUDENT) == {Cycle.YEARLY}
    assert role.offered_cycles(Audience.COMPANY) == {Cycle.YEARLY, Cycle.QUARTERLY}
    assert role.purchasable_online("BE") and not role.purchasable_online("US")


def test_optional_fields_take_their_defaults_and_policies_parse() -> None:
    text = catalog(
        ROLE.format(code="designer").replace(
            'name = "Designer"\n',
            'name = "Designer"\nkind = "business_experience"\nupgrade_policy = "next_month_start"\n'
            'seat_overflow = "auto_disable"\n',
        ),
        '[[addons]]\ncode = "guests"\nname = "Guests"\nkind = "guest_users"\n'
        'prices = { yearly = "12.00" }\n',
    )
    parsed = parse_catalog(text)
    role = parsed.roles[0]
    assert role.kind is RoleKind.BUSINESS_EXPERIENCE
    assert role.upgrade_policy is UpgradePolicy.NEXT_MONTH_START
    assert role.seat_overflow is SeatOverflow.AUTO_DISABLE
    assert role.trial_days == 0 and role.online_countries == frozenset()
    assert parsed.addons[0].kind is AddonKind.GUEST_USERS


def test_jpy_catalog_takes_whole_prices() -> None:
    text = catalog(
        ROLE.format(code="designer").replace('"100.00"', '"12000"'), head='currency = "jpy"\n'
    )
    parsed = parse_catalog(text)
    assert parsed.currency == "JPY"
    assert parsed.roles[0].prices[Cycle.YEARLY] == Decimal(12000)


def test_toml_syntax_error_names_the_line() -> None:
    text = 'currency = "EUR"\n\n[[roles]]\ncode = = "x"\n'
    problem = only_problem(text)
    assert problem.line == 4
    assert "line 4" in str(problem)


def test_float_price_is_refused_with_line_and_field() -> None:
    text = catalog(ROLE.format(code="designer").replace('"100.00"', "100.0"))
    problem = only_problem(text)
    assert problem.line == 7
    assert problem.field == "roles[1].prices.yearly"
    assert "as a string" in problem.reason


def test_more_decimals_than_the_currency() -> None:
    problem = only_problem(catalog(ROLE.format(code="designer").replace('"100.00"', '"99.999"')))
    assert (problem.line, problem.field) == (7, "roles[1].prices.yearly")
    assert problem.reason == "99.999 has more than 2 decimals for EUR"


def test_negative_price_and_unknown_cycle() -> None:
    text = catalog(ROLE.format(code="designer").replace('"100.00"', '"-1.00", weekly = "1.00"'))
    problems = problems_of(text)
    assert {(p.line, p.field) for p in problems} == {
        (7, "roles[1].prices.yearly"),
        (7, "roles[1].prices.weekly"),
    }


def test_unknown_upgrade_policy() -> None:
    text = catalog(ROLE.format(code="designer") + 'upgrade_policy = "whenever"\n')
    problem = only_problem(text)
    assert (problem.line, problem.field) == (8, "roles[1].upgrade_policy")
    assert "'whenever' is not one of immediate_prorated or next_month_start" in problem.reason


def test_unknown_kind_and_seat_overflow() -> None:
    text = catalog(ROLE.format(code="designer") + 'kind = "rental"\nseat_overflow = "wait"\n')
    assert [(p.line, p.field) for p in problems_of(text)] == [
        (8, "roles[1].kind"),
        (9, "roles[1].seat_overflow"),
    ]


def test_unknown_key_in_a_role() -> None:
    text = catalog(ROLE.format(code="designer") + 'colour = "red"\n')
    problem = only_problem(text)
    assert (problem.line, problem.field) == (8, "roles[1].colour")
    assert problem.reason.startswith("unknown key 'colour'")


def test_unknown_top_level_key() -> None:
    text = catalog(ROLE.format(code="designer"), head='currency = "EUR"\nvendor = "Acme"\n')
    problem = only_problem(text)
    assert (problem.line, problem.field) == (2, "vendor")
    assert problem.reason == "unknown key 'vendor'"


def test_duplicate_role_code() -> None:
    text = catalog(ROLE.format(code="designer"), ROLE.format(code="designer"))
    problem = only_problem(text)
    assert (problem.line, problem.field) == (10, "roles[2].code")
    assert problem.reason == "code 'designer' appears twice"


def test_duplicate_role_code_after_an_invalid_role_names_the_right_entry() -> None:
    bad = ROLE.format(code="broken").replace('name = "Designer"\n', "")
    text = catalog(bad, ROLE.format(code="designer"), ROLE.format(code="designer"))
    # lines: 3 roles[1] (no name), 8 roles[2], 14 roles[3], 15 its code
    assert [(p.line, p.field) for p in problems_of(text)] == [
        (3, "roles[1].name"),
        (15, "roles[3].code"),
    ]


def test_missing_name_is_reported_at_the_table_header() -> None:
    text = catalog(ROLE.format(code="designer").replace('name = "Designer"\n', ""))
    problem = only_problem(text)
    assert (problem.line, problem.field) == (3, "roles[1].name")
    assert problem.reason == "'name' is required"


def test_r01_student_only_role_with_only_a_monthly_price() -> None:
    text = catalog(
        ROLE.format(code="designer")
        .replace('"company"', '"student"')
        .replace('yearly = "100.00"', 'monthly = "10.00"')
    )
    problem = only_problem(text)
    assert (problem.line, problem.field) == (6, "roles[1].audiences")
    assert problem.reason.startswith("R01: student accounts may buy only yearly")


def test_r01_a_role_priced_for_one_audience_only_is_fine_for_it() -> None:
    text = catalog(ROLE.format(code="designer").replace('"company"', '"company", "maker"'))
    assert parse_catalog(text).roles[0].offered_cycles(Audience.MAKER) == {Cycle.YEARLY}


@pytest.mark.parametrize("country", ["fr", "FRA", "F1", ""])
def test_r04_bad_country_code(country: str) -> None:
    text = catalog(ROLE.format(code="designer") + f'online_countries = ["DE", "{country}"]\n')
    problem = only_problem(text)
    assert (problem.line, problem.field) == (8, "roles[1].online_countries")
    assert repr(country) in problem.reason


def test_unknown_audience_and_bad_trial_days() -> None:
    text = catalog(
        ROLE.format(code="designer").replace('"company"', '"pupil"') + "trial_days = 400\n"
    )
    assert [(p.line, p.field) for p in problems_of(text)] == [
        (6, "roles[1].audiences"),
        (8, "roles[1].trial_days"),
    ]


def test_unknown_currency() -> None:
    problem = only_problem(catalog(ROLE.format(code="designer"), head='currency = "XYZ"\n'))
    assert (problem.line, problem.field) == (1, "currency")
    assert "Unknown currency 'XYZ'" in problem.reason


def test_missing_currency() -> None:
    problem = only_problem(catalog(ROLE.format(code="designer"), head=""))
    assert problem.field == "currency"


def test_a_catalog_without_roles_is_refused() -> None:
    assert only_problem('currency = "EUR"\n') == Problem(
        "the catalog has no [[roles]]", None, "roles"
    )


def test_addon_problems_name_the_addon() -> None:
    text = catalog(
        ROLE.format(code="designer"),
        '[[addons]]\ncode = "Bad Code"\nname = "Storage"\nkind = "disk"\nprices = {}\n',
    )
    assert [(p.line, p.field) for p in problems_of(text)] == [
        (10, "addons[1].code"),
        (12, "addons[1].kind"),
        (13, "addons[1].prices"),
    ]


def test_several_problems_are_all_listed_in_line_order() -> None:
    text = catalog(
        ROLE.format(code="designer").replace('"100.00"', "100.0"),
        ROLE.format(code="designer")
        .replace('"company"', '"student"')
        .replace('yearly = "100.00"', 'monthly = "10.00"')
        + 'upgrade_policy = "later"\n',
        head='currency = "EUR"\nvendor = "Acme"\n',
    )
    # role 1: lines 4-8, role 2: lines 10-15
    with pytest.raises(InvalidInput) as info:
        parse_catalog(text, source="prices.toml")
    found = [(p.line, p.field) for p in info.value.problems]
    assert found == [
        (2, "vendor"),
        (8, "roles[1].prices.yearly"),
        (11, "roles[2].code"),
        (13, "roles[2].audiences"),
        (15, "roles[2].upgrade_policy"),
    ]
    message = str(info.value)
    assert "prices.toml: line 8, field 'roles[1].prices.yearly'" in message
    assert message.count("prices.toml: line") == 5
