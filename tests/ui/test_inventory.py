"""The licence inventory page: seats per role coloured from 80 % and when over-assigned,
holders of a role, assigning (refused past the seats, R14) and unassigning."""

from __future__ import annotations

from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.periods import Cycle
from desktop_admin.domain.users import UserQuery
from ui.feedback import ERROR_BOX
from ui.models.records import SEAT_COLOURS, SeatState, SeatStateRole
from ui.operations import Operations
from ui.pages.base import Page
from ui.pages.licences import InventoryPage
from ui.reference import ReferenceData
from ui.tasks import BackgroundTasks

from .conftest import PASSWORD

P = TypeVar("P", bound=Page)


def open_page(
    qtbot: QtBot, session: OperatorSession, tasks: BackgroundTasks, page_type: type[P]
) -> P:
    """A page as the main window would show it, its accounts loaded, with operations of
    its own."""
    ops = Operations(session, tasks)
    reference = ReferenceData(ops)
    page = page_type(ops, reference)  # type: ignore[call-arg]
    page._test_keep = (ops, reference)  # type: ignore[attr-defined]  # keep them alive
    qtbot.addWidget(page)
    page.resize(1100, 700)
    page.show()
    reference.reload()
    page.activate()
    settle(qtbot, tasks, page)
    return page


def settle(qtbot: QtBot, tasks: BackgroundTasks, *busy: object) -> None:
    qtbot.waitUntil(
        lambda: not tasks.busy and not any(b.is_loading() for b in busy),  # type: ignore[attr-defined]
        timeout=10_000,
    )


@pytest.fixture
def page(qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks) -> InventoryPage:
    return open_page(qtbot, admin_session, tasks, InventoryPage)


def states(page: InventoryPage) -> dict[str, str]:
    return {
        s.code: page.seats.data(page.seats.index(row, 0), SeatStateRole)
        for row, s in enumerate(page.seats.records())
    }


def test_the_seats_of_the_company_show_amber_from_80_percent(
    page: InventoryPage, admin_session: OperatorSession, company_id: int
) -> None:
    assert page.current_account_id() == company_id
    assert list(page.seats.records()) == admin_session.licences.seats(company_id)
    assert states(page) == {
        "bim-collaboration": SeatState.WARNING.value,  # 6 of 6
        "designer": SeatState.WARNING.value,  # 10 of 12: 83 %
        "named-user": SeatState.NORMAL.value,  # 35 of 45: 78 %
        "__guests__": SeatState.NORMAL.value,
    }
    row = page.seats.row_where(lambda s: s.code == "designer")
    assert [page.seats.data(page.seats.index(row, c)) for c in range(5)] == [
        "Designer",
        "12",
        "10",
        "2",
        "83 %",
    ]


def test_an_over_assigned_role_is_shown_red_and_80_percent_amber(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    account = admin_session.accounts.create(
        name="Overbooked", audience="company", country="FR"
    ).value
    account_id = account.id or 0
    admin_session.subscriptions.record(
        account_id=account_id, cycle=Cycle.YEARLY, seats={"named-user": 2, "designer": 5}
    )
    extra = admin_session.subscriptions.record(
        account_id=account_id, cycle=Cycle.YEARLY, seats={"named-user": 1}
    ).value
    for n in range(4):
        roles = ["named-user", "designer"] if n < 3 else ["designer"]
        admin_session.users.add(
            account_id=account_id, email=f"u{n}@overbooked.example", roles=roles
        )
    admin_session.subscriptions.cancel(extra.id or 0)  # 3 named users left for 2 seats
    page = open_page(qtbot, admin_session, tasks, InventoryPage)
    page.select_account(account_id)
    settle(qtbot, tasks, page)
    assert states(page) == {
        "named-user": SeatState.OVER_ASSIGNED.value,
        "designer": SeatState.WARNING.value,  # 4 of 5: 80 %
    }
    row = page.seats.row_where(lambda s: s.code == "named-user")
    index = page.seats.index(row, 3)
    assert page.seats.data(index) == "1 over"
    assert (
        page.seats.data(index, Qt.ItemDataRole.BackgroundRole)
        == SEAT_COLOURS[SeatState.OVER_ASSIGNED][0]
    )


def test_selecting_a_role_lists_its_holders_and_unassigning_frees_a_seat(
    qtbot: QtBot,
    page: InventoryPage,
    tasks: BackgroundTasks,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    page.select_role("designer")
    settle(qtbot, tasks, page)
    holders = admin_session.users.ids(UserQuery(company_id, role="designer"))
    assert sorted(u.id for u in page.holders.records()) == sorted(holders)
    assert page.holders_title.text() == "Holders of Designer"
    assert not page.unassign_button.isEnabled()
    page.select_holders(holders[:1])
    assert page.unassign_button.isEnabled()
    page.unassign_button.click()
    settle(qtbot, tasks, page)
    assert "designer" not in admin_session.users.get(holders[0]).roles
    row = page.seats.row_where(lambda s: s.code == "designer")
    assert page.seats.record(row).in_use == 9
    assert page.selected_role() is not None and page.selected_role().code == "designer"


def test_assigning_in_the_picker_gives_the_role(
    qtbot: QtBot,
    page: InventoryPage,
    tasks: BackgroundTasks,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    page.select_role("designer")
    settle(qtbot, tasks, page)
    picker = page.open_picker()
    assert picker is not None
    settle(qtbot, tasks, picker)
    candidates = admin_session.users.by_ids(list(picker.users.ids()))
    assert candidates and all("designer" not in u.roles and not u.is_guest for u in candidates)
    chosen = [u.id or 0 for u in candidates if u.enabled][:2]
    picker.select_users(chosen)
    assert picker.selected_ids() == sorted(chosen, key=[u.id for u in candidates].index)
    picker.ok_button.click()
    settle(qtbot, tasks, page)
    assert all("designer" in admin_session.users.get(uid).roles for uid in chosen)
    row = page.seats.row_where(lambda s: s.code == "designer")
    assert page.seats.record(row).in_use == 12
    assert states(page)["designer"] == SeatState.WARNING.value


def test_r14_assigning_past_the_seats_shows_the_services_sentence(
    qtbot: QtBot,
    page: InventoryPage,
    tasks: BackgroundTasks,
    admin_session: OperatorSession,
    company_id: int,
) -> None:
    page.select_role("bim-collaboration")  # 6 of 6
    settle(qtbot, tasks, page)
    picker = page.open_picker()
    assert picker is not None
    settle(qtbot, tasks, picker)
    enabled = [u.id or 0 for u in admin_session.users.by_ids(list(picker.users.ids())) if u.enabled]
    picker.select_users(enabled[:1])
    picker.ok_button.click()
    settle(qtbot, tasks, page)
    box = page.findChild(QMessageBox, ERROR_BOX)
    assert box is not None and box.isVisible()
    assert box.informativeText() == "R14: BIM collaboration: 6 of 6 seats in use"
    assert "bim-collaboration" not in admin_session.users.get(enabled[0]).roles
    box.close()


def test_a_billing_clerk_cannot_assign(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    admin_session.operators.add(login="clerk", role="billing_clerk", password=PASSWORD)
    clerk = admin_session.app.login("clerk", PASSWORD)
    page = open_page(qtbot, clerk, tasks, InventoryPage)
    page.select_role("designer")
    settle(qtbot, tasks, page)
    assert page.holders.rowCount() == 10  # clerks read users
    assert not page.assign_button.isEnabled()
    assert not page.rules_button.isEnabled()
    assert "may not manage users" in page.assign_button.toolTip()


def test_the_holders_model_passes_the_model_tester(
    qtmodeltester: ModelTester, page: InventoryPage
) -> None:
    qtmodeltester.check(page.seats)
    qtmodeltester.check(page.holders)
