"""Bulk changes: the seat effect shown before confirming, a change the preview says would
be refused kept from being confirmed, the change, a refusal (R14)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.errors import DomainError
from desktop_admin.domain.users import UserQuery
from ui.dialogs.bulk import BulkDialog, BulkKind
from ui.feedback import ERROR_BOX
from ui.main_window import MainWindow
from ui.pages.users import UsersPage


@pytest.fixture
def users_window(
    admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> MainWindow:
    return make_window(admin_session, page="users")


def open_dialog(
    qtbot: QtBot,
    page: UsersPage,
    ids: list[int],
    kind: BulkKind,
    role: str | None = None,
    *,
    refused: bool = False,
) -> BulkDialog:
    """The dialog of a change of these users, once it showed the seats (and, unless the
    preview says the change would be `refused`, could be confirmed)."""
    page.select_rows([page.users.ids().index(uid) for uid in ids])
    dialog = page.start_bulk(kind)
    assert dialog is not None and dialog.isVisible()
    if role:
        dialog.select_role(role)
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.preview is not None)
    assert dialog.confirm_button.isEnabled() is not refused
    return dialog


def spare_users(session: OperatorSession, account_id: int, role: str) -> list[int]:
    """Enabled users who could hold the role, and do not yet."""
    return [
        u.id or 0
        for u in session.users.export(UserQuery(account_id, sort="id"))
        if u.enabled and not u.is_guest and role not in u.roles
    ]


def test_assigning_a_role_shows_the_seats_before_confirming(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    spare = spare_users(admin_session, company_id, "designer")[:2]
    designer = next(s for s in admin_session.licences.seats(company_id) if s.code == "designer")
    dialog = open_dialog(qtbot, page, spare, BulkKind.ASSIGN, "designer")
    assert dialog.effect_text().splitlines()[0] == (
        f"Designer: {designer.in_use} of {designer.purchased} seats in use, 2 selected"
    )
    assert "takes 2 more" in dialog.effect_text()
    assert dialog.warning_label.isHidden() == (designer.in_use + 2 <= designer.purchased)
    assert all("designer" not in u.roles for u in admin_session.users.by_ids(spare))  # not yet
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(users_window.is_settled)
    assert all("designer" in u.roles for u in admin_session.users.by_ids(spare))
    assert users_window.statusBar().currentMessage() == "2 users given the role."


def test_r14_an_assignment_beyond_the_seats_is_announced_and_cannot_be_confirmed(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    bim = next(s for s in admin_session.licences.seats(company_id) if s.code == "bim-collaboration")
    assert bim.in_use == bim.purchased  # every seat taken
    spare = spare_users(admin_session, company_id, "bim-collaboration")[0]
    with pytest.raises(DomainError) as refused:
        admin_session.users.assign([spare], role="bim-collaboration")
    assert str(refused.value).startswith("R14: ")
    dialog = open_dialog(qtbot, page, [spare], BulkKind.ASSIGN, "bim-collaboration", refused=True)
    assert dialog.effect_text().startswith(
        f"BIM collaboration: {bim.in_use} of {bim.purchased} seats in use, 1 selected"
    )
    assert dialog.warning_label.isVisible()
    assert "R14" in dialog.warning_label.text()
    assert str(refused.value) in dialog.warning_label.text()  # the service's own sentence
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    dialog.confirm()
    assert not dialog.is_busy() and dialog.isVisible()  # nothing was asked of the service
    dialog.select_role("designer")  # another role with seats to spare
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.preview is not None)
    assert dialog.confirm_button.isEnabled() and dialog.warning_label.isHidden()
    dialog.reject()
    qtbot.waitUntil(users_window.is_settled)
    assert "bim-collaboration" not in admin_session.users.get(spare).roles


def test_r14_a_change_refused_after_its_preview_shows_the_services_sentence(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    designer = next(s for s in admin_session.licences.seats(company_id) if s.code == "designer")
    spare = spare_users(admin_session, company_id, "designer")
    chosen, other = spare[: designer.free], spare[designer.free]
    assert chosen
    dialog = open_dialog(qtbot, page, chosen, BulkKind.ASSIGN, "designer")
    assert dialog.warning_label.isHidden()
    admin_session.users.assign([other], role="designer")  # meanwhile, the last free seat
    with pytest.raises(DomainError) as refused:
        admin_session.users.assign(chosen, role="designer")
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.findChild(QMessageBox, ERROR_BOX) is not None)
    box = page.findChild(QMessageBox, ERROR_BOX)
    assert box is not None and box.isVisible()
    assert box.informativeText() == str(refused.value)
    assert str(refused.value).startswith("R14: ")
    assert all("designer" not in u.roles for u in admin_session.users.by_ids(chosen))
    box.close()
    qtbot.waitUntil(users_window.is_settled)


def test_enabling_counts_the_seats_of_the_roles_the_users_hold(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    disabled = admin_session.users.by_ids(
        admin_session.users.ids(UserQuery(company_id, enabled=False))
    )
    holding = [u for u in disabled if u.roles]
    assert holding
    dialog = open_dialog(qtbot, page, [u.id or 0 for u in holding], BulkKind.ENABLE)
    seats = {s.code: s for s in admin_session.licences.seats(company_id)}
    for code in holding[0].roles:
        seat = seats[code]
        selected = sum(code in u.roles for u in holding)
        assert (
            f"{seat.name}: {seat.in_use} of {seat.purchased} seats in use, {selected} selected"
            in dialog.effect_text()
        )
    dialog.reject()  # cancelled: nothing changes
    qtbot.waitUntil(users_window.is_settled)
    assert all(not u.enabled for u in admin_session.users.by_ids([u.id or 0 for u in holding]))


def test_unassigning_frees_seats(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    designers = admin_session.users.ids(UserQuery(company_id, enabled=True, role="designer"))[:3]
    dialog = open_dialog(qtbot, page, designers, BulkKind.UNASSIGN, "designer")
    assert "frees 3" in dialog.effect_text()
    dialog.confirm()
    qtbot.waitUntil(users_window.is_settled)
    assert all("designer" not in u.roles for u in admin_session.users.by_ids(designers))
