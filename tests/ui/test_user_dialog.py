"""Adding, editing and removing one user from the users page: the dialog shows each
role's seats free before OK, refusals (R14, a bad e-mail) show where they happen with
nothing lost, a removal is confirmed first, and an account with no user says what to
do first."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton
from pytestqt.qtbot import QtBot

from desktop_admin.app import OperatorSession
from desktop_admin.domain.errors import NotFound
from desktop_admin.domain.users import NamedUser, UserQuery
from ui.dialogs.user import UserDialog
from ui.main_window import MainWindow
from ui.pages.users import UsersPage

from .conftest import PASSWORD


@pytest.fixture
def users_window(
    admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> MainWindow:
    return make_window(admin_session, page="users")


def settle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(window.is_settled, timeout=10_000)


def seats(session: OperatorSession, account_id: int, code: str) -> tuple[int, int]:
    usage = next(s for s in session.licences.seats(account_id) if s.code == code)
    return usage.in_use, usage.purchased


def user_by_email(session: OperatorSession, account_id: int, email: str) -> NamedUser | None:
    found = session.users.export(UserQuery(account_id, search=email, sort="id"))
    return next((u for u in found if u.email == email), None)


def open_add(qtbot: QtBot, page: UsersPage) -> UserDialog:
    assert page.add_action.isEnabled()
    page.add_action.trigger()
    dialog = page.editing.user_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.ok_button.isEnabled())
    return dialog


def select_user(qtbot: QtBot, page: UsersPage, user_id: int | None) -> None:
    page.select_rows([list(page.users.ids()).index(user_id or 0)])
    assert page.selected_ids() == [user_id]


def test_add_a_user_comes_first_in_the_bar(users_window: MainWindow) -> None:
    page = users_window.users_page
    buttons = sorted(
        (b for b in page.findChildren(QToolButton) if b.isVisible()), key=lambda b: b.x()
    )
    assert [b.defaultAction() for b in buttons[:3]] == [
        page.add_action,
        page.edit_action,
        page.remove_action,
    ]
    assert buttons[0].text() == "Add a user"
    assert not page.edit_action.isEnabled() and not page.remove_action.isEnabled()


def test_adding_a_user_with_roles_saves_it_and_the_page_selects_it(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    dialog = open_add(qtbot, page)
    in_use, bought = seats(admin_session, company_id, "designer")
    assert dialog.role_seats["designer"].text() == f"{bought - in_use} of {bought} seats free"
    assert dialog.role_seats["zoom-licence"].text() == "none bought"
    assert dialog.guest_seats.text() == "2 of 5 guest units free"

    qtbot.keyClicks(dialog.email_edit, "Nora.Petit@Example.com")
    qtbot.keyClicks(dialog.name_edit, "Nora Petit")
    qtbot.keyClicks(dialog.department_edit, "Design")
    dialog.role_checks["designer"].setChecked(True)
    dialog.role_checks["named-user"].setChecked(True)
    dialog.admin_check.setChecked(True)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    settle(qtbot, users_window)

    added = user_by_email(admin_session, company_id, "nora.petit@example.com")
    assert added is not None
    assert (added.display_name, added.department) == ("Nora Petit", "Design")
    assert added.roles == {"designer", "named-user"}
    assert added.is_admin and added.enabled and not added.is_guest
    assert seats(admin_session, company_id, "designer") == (in_use + 1, bought)
    assert page.editing.user_dialog is None  # closed
    assert page.selected_ids() == [added.id]  # the table reloaded and shows it
    assert page.count_label.text() == "41 users, 1 selected"
    assert users_window.statusBar().currentMessage() == "nora.petit@example.com added."


def test_r14_a_full_role_says_so_before_ok_and_its_refusal_shows_beside_the_roles(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    in_use, bought = seats(admin_session, company_id, "bim-collaboration")
    assert in_use == bought  # the demo's BIM seats are all taken
    dialog = open_add(qtbot, page)
    full = dialog.role_seats["bim-collaboration"]
    assert full.text() == f"full: {in_use} of {bought} seats in use"
    assert "R14" in full.toolTip()

    qtbot.keyClicks(dialog.email_edit, "late.comer@example.com")
    qtbot.keyClicks(dialog.name_edit, "Late Comer")
    dialog.role_checks["bim-collaboration"].setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.is_busy())

    roles_error = dialog.findChild(type(full), "roles_error")
    assert roles_error is not None and roles_error.isVisible()
    assert roles_error.text() == f"R14: BIM collaboration: {in_use} of {bought} seats in use"
    assert dialog.isVisible() and dialog.ok_button.isEnabled()  # fix it and try again
    assert dialog.email_edit.text() == "late.comer@example.com"  # nothing typed is lost
    assert user_by_email(admin_session, company_id, "late.comer@example.com") is None

    dialog.role_checks["bim-collaboration"].setChecked(False)  # or add the user disabled
    dialog.enabled_check.setChecked(False)
    dialog.role_checks["bim-collaboration"].setChecked(True)
    dialog.save()
    settle(qtbot, users_window)
    added = user_by_email(admin_session, company_id, "late.comer@example.com")
    assert added is not None and added.roles == {"bim-collaboration"} and not added.enabled
    assert seats(admin_session, company_id, "bim-collaboration") == (in_use, bought)


def test_a_bad_or_taken_email_is_refused_beside_the_field(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    taken = admin_session.users.export(UserQuery(company_id, sort="id"))[0].email
    dialog = open_add(qtbot, page)
    email_error = dialog._errors["email"]
    qtbot.keyClicks(dialog.email_edit, "not-an-email")
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert email_error.isVisible() and email_error.text()  # the service's reason
    assert not dialog._errors["roles"].isVisible()

    dialog.email_edit.setText(taken)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert email_error.text().startswith(f"{taken} already exists")
    assert dialog.isVisible()
    assert page.users.rowCount() == 40
    dialog.reject()


def test_a_guest_is_offered_no_role_and_takes_a_guest_unit(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    dialog = open_add(qtbot, users_window.users_page)
    dialog.role_checks["designer"].setChecked(True)
    dialog.guest_check.setChecked(True)
    assert not dialog.role_checks["designer"].isEnabled()
    qtbot.keyClicks(dialog.email_edit, "visitor@partner.example")
    dialog.save()
    settle(qtbot, users_window)
    guest = user_by_email(admin_session, company_id, "visitor@partner.example")
    assert guest is not None and guest.is_guest and guest.roles == frozenset()
    assert seats(admin_session, company_id, "__guests__") == (4, 5)


def a_named_user(session: OperatorSession, account_id: int) -> NamedUser:
    """An enabled user who holds the named-user role only."""
    return next(
        u
        for u in session.users.export(UserQuery(account_id, sort="id"))
        if u.enabled and not u.is_guest and u.roles == {"named-user"}
    )


def test_editing_a_user_changes_its_details_roles_and_state(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    user = a_named_user(admin_session, company_id)
    select_user(qtbot, page, user.id)
    assert page.edit_action.isEnabled()
    page.edit_action.trigger()
    dialog = page.editing.user_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.ok_button.isEnabled())
    assert dialog.email_edit.text() == user.email and dialog.email_edit.isReadOnly()
    assert dialog.name_edit.text() == user.display_name
    assert dialog.role_checks["named-user"].isChecked()
    assert not dialog.role_checks["designer"].isChecked()
    assert dialog.enabled_check.isChecked() and not dialog.guest_check.isEnabled()

    dialog.name_edit.setText("Renamed Person")
    dialog.department_edit.setText("Site")
    dialog.role_checks["designer"].setChecked(True)
    dialog.role_checks["named-user"].setChecked(False)
    dialog.enabled_check.setChecked(False)
    dialog.save()
    settle(qtbot, users_window)

    saved = admin_session.users.get(user.id or 0)
    assert (saved.display_name, saved.department) == ("Renamed Person", "Site")
    assert saved.roles == {"designer"} and not saved.enabled
    assert page.editing.user_dialog is None
    row = list(page.users.ids()).index(user.id or 0)
    assert page.users.user(row) == saved  # the table shows the saved user
    assert users_window.statusBar().currentMessage() == f"{user.email} saved."


def test_r14_an_edit_past_the_seats_is_refused_whole(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    user = a_named_user(admin_session, company_id)
    select_user(qtbot, page, user.id)
    dialog = page.editing.open_edit()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.ok_button.isEnabled())
    dialog.name_edit.setText("Not Saved")
    dialog.role_checks["bim-collaboration"].setChecked(True)  # full
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.ok_button.isEnabled())

    assert dialog.isVisible()
    assert dialog._errors["roles"].text().startswith("R14: BIM collaboration: ")
    assert dialog.name_edit.text() == "Not Saved"  # what was typed stays
    assert admin_session.users.get(user.id or 0) == user  # nothing saved, not even the name
    dialog.reject()


def test_removing_users_asks_first_naming_them_and_the_seats_they_free(
    qtbot: QtBot, users_window: MainWindow, admin_session: OperatorSession, company_id: int
) -> None:
    page = users_window.users_page
    designer = next(
        u
        for u in admin_session.users.export(UserQuery(company_id, role="designer", sort="id"))
        if u.enabled
    )
    other = a_named_user(admin_session, company_id)
    rows = [list(page.users.ids()).index(u.id or 0) for u in (designer, other)]
    page.select_rows(rows)
    designers, bought = seats(admin_session, company_id, "designer")
    assert page.remove_action.isEnabled()
    page.remove_action.trigger()
    dialog = page.editing.remove_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert dialog.summary.text() == "Remove 2 users for good?"
    assert dialog.confirm_button.text() == "Remove 2 users"
    lines = [line.strip() for line in dialog.seats_label.text().splitlines()]
    assert lines[0] == "Removing them frees these seats:"
    assert f"Designer: 1 seat freed ({designers} → {designers - 1} of {bought})" in lines
    assert "Disabling them also frees their seats" in dialog.note.text()
    dialog.reject()  # Cancel: nothing removed
    assert admin_session.users.count(UserQuery(company_id)) == 40

    dialog = page.editing.open_remove()
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.is_busy())
    qtbot.mouseClick(dialog.confirm_button, Qt.MouseButton.LeftButton)
    settle(qtbot, users_window)
    for gone in (designer, other):
        with pytest.raises(NotFound):
            admin_session.users.get(gone.id or 0)
    assert seats(admin_session, company_id, "designer") == (designers - 1, bought)
    assert page.users.rowCount() == 38
    assert users_window.statusBar().currentMessage() == "2 users removed."


def test_an_account_without_users_says_what_to_do_first(
    qtbot: QtBot, admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> None:
    account = admin_session.accounts.create(
        name="Studio Vide", audience="company", country="FR"
    ).value
    users_window = make_window(admin_session, page="users")
    page = users_window.users_page
    assert page.views.currentWidget() is page.table  # the company has users
    page.select_account(account.id or 0)
    settle(qtbot, users_window)
    assert page.views.currentWidget() is page.empty_state
    empty = page.empty_state
    assert empty.title.text() == "No user in Studio Vide yet"
    assert empty.add_button.isEnabled() and empty.import_button.isEnabled()

    qtbot.mouseClick(empty.import_button, Qt.MouseButton.LeftButton)
    wizard = page.import_wizard
    assert wizard is not None and wizard.isVisible()
    wizard.reject()

    qtbot.mouseClick(empty.add_button, Qt.MouseButton.LeftButton)
    dialog = page.editing.user_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.ok_button.isEnabled())
    assert dialog.role_seats["designer"].text() == "none bought"
    qtbot.keyClicks(dialog.email_edit, "first@vide.example")
    dialog.save()
    settle(qtbot, users_window)
    assert page.views.currentWidget() is page.table
    assert page.users.rowCount() == 1

    page.search_edit.setText("nobody-matches")  # a filter with no match is not "no user"
    settle(qtbot, users_window)
    assert page.users.rowCount() == 0
    assert page.views.currentWidget() is page.table


def test_a_billing_clerk_can_neither_add_edit_nor_remove(
    qtbot: QtBot, admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> None:
    admin_session.operators.add(login="clerk", role="billing_clerk", password=PASSWORD)
    clerk = admin_session.app.login("clerk", PASSWORD)
    page = make_window(clerk, page="users").users_page
    page.select_rows([0])
    for action in (page.add_action, page.edit_action, page.remove_action):
        assert not action.isEnabled()
        assert "may not manage users" in action.toolTip()
    assert page.editing.open_add() is None
    assert page.editing.open_edit() is None
    assert page.editing.open_remove() is None
