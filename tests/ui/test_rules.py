"""The assignment rules dialog: preview who gains a seat and who could not (R14), apply."""

from __future__ import annotations

from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from ui.pages.licences import InventoryPage
from ui.tasks import BackgroundTasks

from .test_inventory import open_page, settle

DOMAIN = "moreau-architectes.example"


def test_the_dialog_previews_then_applies_the_rules(
    qtbot: QtBot,
    admin_session: OperatorSession,
    tasks: BackgroundTasks,
    company_id: int,
    qtmodeltester: ModelTester,
) -> None:
    page = open_page(qtbot, admin_session, tasks, InventoryPage)
    dialog = page.open_rules()
    assert dialog is not None
    settle(qtbot, tasks, dialog)
    assert dialog.rules == [] and not dialog.apply_button.isEnabled()
    dialog.value.setText("acme")
    dialog.add_rule()
    assert "'acme' is not an email domain" in dialog.rule_error.text()
    dialog.value.setText("@" + DOMAIN)
    dialog.role.setCurrentIndex(dialog.role.findData("designer"))
    dialog.add_rule()
    settle(qtbot, tasks, dialog)
    expected = admin_session.licences.preview_rules(company_id, rules=dialog.rules)
    assert len(expected.gains) == 2  # 10 of 12 designer seats in use
    assert dialog.gains.records() == expected.gains
    assert dialog.shortfalls.records() == expected.shortfalls
    assert dialog.shortfalls.records()[0].reason.startswith("R14: Designer: 10 of 12 seats")
    assert dialog.summary.text() == (
        f"Applying gives 2 seats; {len(expected.shortfalls)} users could not have one."
    )
    qtmodeltester.check(dialog.gains)
    qtmodeltester.check(dialog.shortfalls)
    assert dialog.apply_button.isEnabled()
    dialog.apply_button.click()
    settle(qtbot, tasks, dialog, page)
    assert not dialog.isVisible()
    assert all("designer" in admin_session.users.get(g.user_id).roles for g in expected.gains)
    row = page.seats.row_where(lambda s: s.code == "designer")
    assert page.seats.record(row).in_use == 12
    assert len(admin_session.licences.rules(company_id)) == 1


def test_saved_rules_are_loaded_and_a_rule_can_be_removed(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks, company_id: int
) -> None:
    from desktop_admin.domain.assignment_rules import make_rule

    admin_session.licences.save_rules(
        company_id, rules=[make_rule("department", "Interiors", "bim-collaboration")]
    )
    page = open_page(qtbot, admin_session, tasks, InventoryPage)
    dialog = page.open_rules()
    assert dialog is not None
    settle(qtbot, tasks, dialog)
    assert dialog.rules_list.item(0).text() == "Department Interiors → BIM collaboration"
    assert dialog.gains.rowCount() == 0  # 6 of 6: nobody gains
    assert dialog.shortfalls.rowCount() > 0
    assert not dialog.apply_button.isEnabled()
    dialog.rules_list.setCurrentRow(0)
    dialog.remove_rule()
    settle(qtbot, tasks, dialog)
    assert dialog.rules == [] and dialog.summary.text() == "No rule yet: add one above."
    dialog.reject()
