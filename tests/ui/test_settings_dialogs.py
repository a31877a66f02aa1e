"""Settings > Seller details, Operators and Import catalog, driven end to end in the
window: fields filled, OK or Apply pressed, then the database checked through the
session and what the window shows; refusals shown where they happen; the entries are
shown to Administrators only, and the services refuse anyone else anyway."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.catalog_changes import ItemStatus
from desktop_admin.domain.errors import AuthenticationFailed, PermissionDenied
from desktop_admin.domain.operators import OperatorRole
from desktop_admin.domain.periods import Cycle
from tests.ui.conftest import ADMIN, PASSWORD
from ui.dialogs.catalog_import import CatalogImportDialog
from ui.dialogs.operators import FormKind, OperatorForm, OperatorsDialog
from ui.dialogs.seller import SellerDialog
from ui.main_window import MainWindow

CATALOG = Path(__file__).resolve().parents[2] / "desktop_admin" / "demo" / "catalog.toml"
IBAN = "FR7630006000011234567890189"


def png_logo(folder: Path) -> Path:
    image = QImage(64, 32, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a6df4"))
    path = folder / "logo.png"
    assert image.save(str(path), "PNG")
    return path


def open_seller(qtbot: QtBot, window: MainWindow) -> SellerDialog:
    window.settings_actions.seller_action.trigger()
    dialog = window.settings_actions.dialog
    assert isinstance(dialog, SellerDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.ok_button.isEnabled())
    return dialog


def open_operators(qtbot: QtBot, window: MainWindow) -> OperatorsDialog:
    window.settings_actions.operators_action.trigger()
    dialog = window.settings_actions.dialog
    assert isinstance(dialog, OperatorsDialog) and dialog.isVisible()
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.operators.rowCount() > 0)
    return dialog


def closed(dialog: QWidget) -> Callable[[], bool]:
    """Closed, or deleted on close."""
    return lambda: not shiboken6.isValid(dialog) or not dialog.isVisible()


# Seller details


def test_the_seller_details_are_filled_saved_and_shown_again(
    qtbot: QtBot, main_window: MainWindow, admin_session: OperatorSession, tmp_path: Path
) -> None:
    dialog = open_seller(qtbot, main_window)
    assert dialog.edits["name"].text() == "Seat Desk Demo Vendor SAS"
    assert dialog.street_edit.toPlainText() == "5 avenue de la République\n75011 Paris"
    assert "No logo" in dialog.logo_info.text()
    dialog.edits["name"].setText("Seat Desk SAS")
    dialog.edits["legal_form"].setText("SAS")
    dialog.street_edit.setPlainText("1 rue de la Paix")
    dialog.edits["postcode"].setText("75002")
    dialog.edits["city"].setText("Paris")
    dialog.edits["registration"].setText("732 829 320")
    qtbot.keyClicks(dialog.edits["iban"], "fr7630006000011234567890189")
    dialog.edits["iban"].editingFinished.emit()
    assert dialog.edits["iban"].text() == "FR76 3000 6000 0112 3456 7890 189"
    dialog.edits["bic"].setText("bnpafrpp")
    dialog.set_logo_file(png_logo(tmp_path))
    assert not dialog.logo_view.pixmap().isNull()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(closed(dialog))
    qtbot.waitUntil(main_window.is_settled)

    seller = admin_session.billing.seller()
    assert (seller.name, seller.legal_form, seller.street) == (
        "Seat Desk SAS",
        "SAS",
        "1 rue de la Paix",
    )
    assert (seller.postcode, seller.city, seller.country) == ("75002", "Paris", "FR")
    assert (seller.registration, seller.iban, seller.bic) == ("732 829 320", IBAN, "BNPAFRPP")
    assert seller.logo is not None and seller.logo.media_type == "image/png"
    assert main_window.statusBar().currentMessage() == "Seller details saved."
    [entry] = admin_session.audit.entries(entity="seller", limit=1)
    assert entry.after is not None and entry.after["iban"] == IBAN

    again = open_seller(qtbot, main_window)
    assert again.edits["iban"].text() == "FR76 3000 6000 0112 3456 7890 189"
    assert again.edits["bic"].text() == "BNPAFRPP"
    assert again.logo_info.text().startswith("PNG image")
    assert not again.logo_view.pixmap().isNull()
    again.remove_logo()
    again.ok_button.click()
    qtbot.waitUntil(closed(again))
    assert admin_session.billing.seller().logo is None


def test_a_refused_seller_shows_each_problem_under_its_field_and_stays_open(
    qtbot: QtBot, main_window: MainWindow, admin_session: OperatorSession, tmp_path: Path
) -> None:
    before = admin_session.billing.seller()
    dialog = open_seller(qtbot, main_window)
    dialog.edits["name"].setText("")
    dialog.edits["iban"].setText("FR76 3000 6000 0112 3456 7890 188")
    dialog.edits["bic"].setText("BNPA")
    not_an_image = tmp_path / "logo.png"
    not_an_image.write_text("hello")
    dialog.set_logo_file(not_an_image)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert dialog.isVisible()
    shown = dialog.errors.shown()
    assert set(shown) == {"name", "iban", "bic", "logo"}
    assert "check digits do not match" in shown["iban"]
    assert "8 or 11 characters" in shown["bic"]
    assert dialog.message.text() == "The seller's details were refused."
    assert admin_session.billing.seller() == before
    # The fields fixed, the logo is refused next, under the logo.
    dialog.edits["name"].setText("Seat Desk SAS")
    dialog.edits["iban"].setText(IBAN)
    dialog.edits["bic"].setText("BNPAFRPP")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert set(dialog.errors.shown()) == {"logo"}
    assert "PNG, JPEG or SVG" in dialog.errors.shown()["logo"]
    dialog.remove_logo()
    dialog.ok_button.click()
    qtbot.waitUntil(closed(dialog))
    assert admin_session.billing.seller().iban == IBAN


def test_a_new_database_starts_with_an_empty_form_and_needs_a_name_and_country(
    qtbot: QtBot, empty_app: AdminApp, make_window: Callable[..., MainWindow]
) -> None:
    session = empty_app.create_first_administrator(ADMIN, PASSWORD)
    window = make_window(session)
    dialog = open_seller(qtbot, window)
    assert all(edit.text() == "" for edit in dialog.edits.values())
    assert dialog.street_edit.toPlainText() == "" and not dialog.remove_logo_button.isEnabled()
    dialog.edits["city"].setText("Paris")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert dialog.errors.shown() == {
        "name": "the name must not be empty",
        "country": "the country must not be empty",
    }
    assert session.billing.seller_details() is None
    dialog.edits["name"].setText("Nouvelle SARL")
    dialog.edits["country"].setText("fr")
    dialog.ok_button.click()
    qtbot.waitUntil(closed(dialog))
    seller = session.billing.seller()
    assert (seller.name, seller.country, seller.city) == ("Nouvelle SARL", "FR", "Paris")


# Operators


def test_an_administrator_adds_changes_disables_and_resets_an_operator(
    qtbot: QtBot, main_window: MainWindow, admin_session: OperatorSession, admin_app: AdminApp
) -> None:
    dialog = open_operators(qtbot, main_window)
    assert [o.login for o in dialog.operators.records()] == [ADMIN]
    assert dialog.operators.index(0, 0).data() == "admin (you)"

    form = fill_form(qtbot, dialog, FormKind.ADD, login="clerk", password="clerk password")
    form.role_combo.setCurrentIndex(form.role_combo.findData("billing_clerk"))
    submit(qtbot, dialog, form)
    assert dialog.message.text() == "clerk added."
    assert dialog.selected() is not None and dialog.selected().login == "clerk"
    assert dialog.operators.index(1, 2).data() == "Billing clerk"

    form = fill_form(qtbot, dialog, FormKind.ROLE)
    form.role_combo.setCurrentIndex(form.role_combo.findData("user_manager"))
    submit(qtbot, dialog, form)
    assert dialog.message.text() == "clerk is now User manager."
    assert admin_app.login("clerk", "clerk password").operator.role is OperatorRole.USER_MANAGER

    assert dialog.enable_button.text() == "&Disable"
    dialog.enable_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.enable_button.text() == "&Enable")
    assert dialog.message.text() == "clerk is disabled and may no longer sign in."
    assert dialog.operators.index(1, 3).data() == "disabled"
    with pytest.raises(AuthenticationFailed):
        admin_app.login("clerk", "clerk password")
    dialog.enable_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy() and dialog.enable_button.text() == "&Disable")

    form = fill_form(qtbot, dialog, FormKind.PASSWORD, password="a new secret")
    submit(qtbot, dialog, form)
    assert dialog.message.text() == "The password of clerk was reset."
    assert admin_app.login("clerk", "a new secret").operator.login == "clerk"
    actions = [e.action for e in admin_session.audit.entries(entity="operator", limit=6)]
    assert actions[:5] == [
        "operator.password",
        "operator.enable",
        "operator.disable",
        "operator.role",
        "operator.create",
    ]


def fill_form(
    qtbot: QtBot, dialog: OperatorsDialog, kind: FormKind, login: str = "", password: str = ""
) -> OperatorForm:
    button = {
        FormKind.ADD: dialog.add_button,
        FormKind.ROLE: dialog.role_button,
        FormKind.PASSWORD: dialog.password_button,
    }[kind]
    button.click()
    form = dialog.form
    assert form is not None and form.isVisible() and form.kind is kind
    if login:
        qtbot.keyClicks(form.login_edit, login)
    if password:
        qtbot.keyClicks(form.password_edit, password)
        qtbot.keyClicks(form.confirm_edit, password)
    return form


def submit(qtbot: QtBot, dialog: OperatorsDialog, form: OperatorForm) -> None:
    form.ok_button.click()
    qtbot.waitUntil(closed(form))
    qtbot.waitUntil(lambda: not dialog.is_busy())


def test_refusals_show_in_the_form_or_under_the_list(
    qtbot: QtBot, main_window: MainWindow, admin_session: OperatorSession
) -> None:
    dialog = open_operators(qtbot, main_window)
    dialog.select_login(ADMIN)
    dialog.enable_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert (
        dialog.message.text()
        == "operators: you cannot disable yourself; another Administrator may do it"
    )
    assert admin_session.operators.all()[0].enabled

    form = fill_form(qtbot, dialog, FormKind.ADD, login="Bad Login!", password="short")
    form.ok_button.click()
    qtbot.waitUntil(lambda: not form.is_busy())
    assert form.isVisible()
    assert set(form.errors.shown()) == {"login", "password"}
    assert "at least 8 characters" in form.errors.shown()["password"]
    form.confirm_edit.setText("different")
    form.ok_button.click()
    assert form.message.text() == "The two passwords are not the same."
    form.reject()
    assert [o.login for o in admin_session.operators.all()] == [ADMIN]


def test_the_settings_entries_show_to_administrators_only_and_the_services_refuse_others(
    qtbot: QtBot,
    admin_session: OperatorSession,
    admin_app: AdminApp,
    make_window: Callable[..., MainWindow],
) -> None:
    admin_session.operators.add(login="clerk", role="billing_clerk", password=PASSWORD)
    admin_window = make_window(admin_session)
    assert all(a.isVisible() for a in admin_window.settings_actions.actions())
    clerk = admin_app.login("clerk", PASSWORD)
    clerk_window = make_window(clerk)
    assert not any(a.isVisible() for a in clerk_window.settings_actions.actions())
    admin_id = admin_session.operator.id
    assert admin_id is not None
    with pytest.raises(PermissionDenied, match="may not manage operators"):
        clerk.operators.set_enabled(admin_id, enabled=False)
    with pytest.raises(PermissionDenied, match="may not manage the catalog"):
        clerk.billing.set_seller(iban=IBAN)
    with pytest.raises(PermissionDenied, match="may not manage the catalog"):
        clerk.catalog.preview_text(CATALOG.read_text("utf-8"))
    # Even a dialog opened without the menu is refused by the services.
    dialog = clerk_window.settings_actions.open_operators()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert dialog.operators.rowCount() == 0
    assert "may not manage operators" in dialog.message.text()
    dialog.reject()


# Catalog import


def test_a_catalog_is_previewed_then_applied(
    qtbot: QtBot, main_window: MainWindow, admin_session: OperatorSession, tmp_path: Path
) -> None:
    text = CATALOG.read_text("utf-8")
    assert text.count('yearly = "490.00"') == 1
    path = tmp_path / "prices-2027.toml"
    path.write_text(
        text.replace('yearly = "490.00"', 'yearly = "520.00"')
        + '\n[[addons]]\ncode = "support-plus"\nname = "Support plus"\n'
        'prices = { yearly = "300.00" }\n',
        encoding="utf-8",
    )
    main_window.settings_actions.catalog_action.trigger()
    dialog = main_window.settings_actions.dialog
    assert isinstance(dialog, CatalogImportDialog)
    assert not dialog.apply_button.isEnabled()
    dialog.set_path(path)
    qtbot.waitUntil(lambda: dialog.preview is not None)
    rows = {r.code: r for r in dialog.changes.records()}
    assert rows["designer"].status is ItemStatus.CHANGED
    assert rows["support-plus"].status is ItemStatus.NEW
    assert dialog.changes.index(0, 0).data() == "New"
    designer_row = dialog.changes.row_where(lambda r: r.code == "designer")
    assert dialog.changes.index(designer_row, 2).data() == "yearly €490.00 → €520.00"
    assert dialog.status.text().startswith("1 new, 1 changed,")
    assert dialog.apply_button.isEnabled()
    assert prices(admin_session, "designer")[Cycle.YEARLY] == Decimal("490.00")

    dialog.apply_button.click()
    qtbot.waitUntil(lambda: dialog.preview is not None and not dialog.is_busy())
    assert prices(admin_session, "designer")[Cycle.YEARLY] == Decimal("520.00")
    assert admin_session.catalog.current().addon("support-plus") is not None
    assert dialog.status.text().startswith("Imported: 1 new, 1 changed.")
    assert "The catalog is as the file says." in dialog.status.text()
    assert not dialog.apply_button.isEnabled()
    assert {r.status for r in dialog.changes.records()} == {ItemStatus.UNCHANGED}
    qtbot.waitUntil(main_window.is_settled)
    assert main_window.statusBar().currentMessage() == "Catalog imported."


def prices(session: OperatorSession, code: str) -> dict[Cycle, Decimal]:
    role = session.catalog.current().role(code)
    assert role is not None
    return dict(role.prices)


def test_a_malformed_catalog_shows_its_problems_with_their_lines(
    qtbot: QtBot, main_window: MainWindow, admin_session: OperatorSession, tmp_path: Path
) -> None:
    path = tmp_path / "broken.toml"
    path.write_text(
        CATALOG.read_text("utf-8").replace("trial_days = 14", 'trial_days = "two weeks"'),
        encoding="utf-8",
    )
    before = admin_session.catalog.current()
    dialog = main_window.settings_actions.open_catalog_import()
    dialog.set_path(path)
    qtbot.waitUntil(lambda: dialog.problems.rowCount() > 0 and not dialog.is_busy())
    assert dialog.stack.currentWidget() is dialog.problems_view
    [problem] = dialog.problems.records()
    line = 1 + CATALOG.read_text("utf-8").splitlines().index("trial_days = 14")
    assert (problem.line, problem.field) == (line, "roles[2].trial_days")
    assert dialog.problems.index(0, 0).data() == str(line)
    assert dialog.status.text() == "The catalog was refused; nothing was imported."
    assert not dialog.apply_button.isEnabled()
    dialog.set_path(tmp_path / "missing.toml")
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert dialog.status.text() == "The file cannot be read."
    assert admin_session.catalog.current() == before
    QApplication.processEvents()
