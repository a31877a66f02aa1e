"""The accounts page does an administrator's work: with no account, it says what to do
first; creating and editing an account (country by its name, problems under the fields,
a conflict at the bottom), adding, replacing and removing payment methods (R06) and
archiving, each refusal shown where it happens and the database checked afterwards."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.domain.accounts import Account, Card, PaymentKind
from ui.dialogs.account import AccountDialog, country_name, country_names
from ui.dialogs.payment_method import PaymentMethodDialog
from ui.feedback import ERROR_BOX
from ui.pages.accounts import AccountsPage
from ui.tasks import BackgroundTasks

from .conftest import ADMIN, PASSWORD
from .test_inventory import open_page, settle


@pytest.fixture
def page(qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks) -> AccountsPage:
    return open_page(qtbot, admin_session, tasks, AccountsPage)


def named(session: OperatorSession, name: str) -> Account:
    return next(a for a in session.accounts.all() if a.name == name)


def choose_country(dialog: AccountDialog, name: str) -> None:
    dialog.country_combo.setCurrentIndex(dialog.country_combo.findText(name))


def error_under(dialog: AccountDialog | PaymentMethodDialog, field: str) -> str:
    label = dialog.findChild(QLabel, f"{field}_error")
    assert label is not None
    return label.text() if label.isVisible() else ""


def submit(
    qtbot: QtBot, tasks: BackgroundTasks, dialog: AccountDialog | PaymentMethodDialog
) -> None:
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not tasks.busy and not dialog.is_busy(), timeout=10_000)


def error_box(page: AccountsPage) -> QMessageBox:
    box = page.findChild(QMessageBox, ERROR_BOX)
    assert box is not None and box.isVisible()
    return box


def confirm(
    qtbot: QtBot, tasks: BackgroundTasks, page: AccountsPage, box: QMessageBox | None
) -> None:
    assert box is not None and box.isVisible()
    button = box.findChild(type(page.new_button), "confirm_button")
    assert button is not None
    button.click()
    settle(qtbot, tasks, page)


@pytest.fixture
def first_admin(empty_app: AdminApp) -> Iterator[OperatorSession]:
    yield empty_app.create_first_administrator(ADMIN, PASSWORD)


def test_with_no_account_the_page_says_what_to_do_and_creates_the_first(
    qtbot: QtBot, first_admin: OperatorSession, tasks: BackgroundTasks
) -> None:
    page = open_page(qtbot, first_admin, tasks, AccountsPage)
    assert page.is_empty() and page.empty_text.isVisible()
    assert "Start with one" in page.empty_text.text()
    assert not page.accounts_view.isVisible()
    page.empty_new_button.click()
    dialog = page.account_dialog
    assert dialog is not None and dialog.isVisible() and dialog.windowTitle() == "New account"
    dialog.name_edit.setText("Jonas Becker")
    dialog.audience_combo.setCurrentIndex(dialog.audience_combo.findData("maker"))
    choose_country(dialog, "Germany")
    dialog.language_combo.setCurrentIndex(dialog.language_combo.findData("en"))
    dialog.street_edit.setPlainText("Torstraße 12\nHinterhaus")
    dialog.postcode_edit.setText("10119")
    dialog.city_edit.setText("Berlin")
    dialog.email_edit.setText("jonas@becker.example")
    dialog.purchase_order_edit.setText("PO-17")
    submit(qtbot, tasks, dialog)

    assert not dialog.isVisible()
    (account,) = first_admin.accounts.all()
    assert (account.name, account.audience.value, account.country) == (
        "Jonas Becker",
        "maker",
        "DE",
    )
    assert account.address == "Torstraße 12\nHinterhaus\n10119 Berlin"
    assert (account.billing_email, account.purchase_order) == ("jonas@becker.example", "PO-17")
    assert not page.is_empty() and page.accounts_view.isVisible()
    assert page.selected_account() == account
    assert page.account_address.text() == (
        "Torstraße 12, Hinterhaus, 10119 Berlin, Germany · purchase order PO-17"
    )


def test_each_problem_shows_under_its_field_and_nothing_is_saved(
    qtbot: QtBot, first_admin: OperatorSession, tasks: BackgroundTasks
) -> None:
    page = open_page(qtbot, first_admin, tasks, AccountsPage)
    dialog = page.open_new()
    dialog.email_edit.setText("not-an-email")
    dialog.vat_edit.setText("12")
    dialog.postcode_edit.setText("??")
    submit(qtbot, tasks, dialog)
    assert dialog.isVisible()
    assert error_under(dialog, "name") == "the name must not be empty"
    assert error_under(dialog, "country") == "the country must be given (e.g. FR)"
    assert error_under(dialog, "billing-email") == "'not-an-email' is not an email address"
    assert error_under(dialog, "vat-number").startswith("'12' is not a VAT number")
    assert error_under(dialog, "postcode").startswith("'??' is not a postcode")
    assert error_under(dialog, "city") == ""
    assert dialog.message.text() == "The account was refused."
    assert first_admin.accounts.all() == []

    dialog.name_edit.setText("Léa Dubois")
    choose_country(dialog, "France")
    for edit in (dialog.email_edit, dialog.vat_edit, dialog.postcode_edit):
        edit.clear()
    submit(qtbot, tasks, dialog)
    assert not dialog.isVisible()
    assert [(a.name, a.country) for a in first_admin.accounts.all()] == [("Léa Dubois", "FR")]


def test_editing_an_account_saves_it_and_the_page_shows_it(
    qtbot: QtBot, page: AccountsPage, tasks: BackgroundTasks, admin_session: OperatorSession
) -> None:
    company = named(admin_session, "Atelier Moreau Architectes")
    dialog = page.open_edit()
    assert dialog is not None and dialog.windowTitle() == "Edit Atelier Moreau Architectes"
    assert dialog.country_combo.currentText() == "France"
    assert dialog.language_combo.currentText() == "Français"
    assert dialog.vat_edit.text() == "FR40303265045"
    dialog.street_edit.setPlainText("12 rue des Arts")
    dialog.postcode_edit.setText("69002")
    dialog.city_edit.setText("Lyon")
    dialog.buyer_reference_edit.setText("MOREAU-ACHATS")
    dialog.purchase_order_edit.setText("BC-2026-031")
    submit(qtbot, tasks, dialog)

    assert not dialog.isVisible()
    saved = admin_session.accounts.get(company.id or 0)
    assert saved.address == "12 rue des Arts\n69002 Lyon"
    assert (saved.buyer_reference, saved.purchase_order) == ("MOREAU-ACHATS", "BC-2026-031")
    assert saved.version == company.version + 1
    qtbot.waitUntil(lambda: page.selected_account() == saved)
    assert page.account_address.text() == (
        "12 rue des Arts, 69002 Lyon, France · buyer reference MOREAU-ACHATS · "
        "purchase order BC-2026-031"
    )
    (entry,) = admin_session.audit.entries(entity="account", limit=1)
    assert entry.action == "account.update" and entry.actor == ADMIN


def test_r01_an_audience_change_refused_by_the_rules_shows_in_the_dialog(
    qtbot: QtBot, page: AccountsPage, tasks: BackgroundTasks, admin_session: OperatorSession
) -> None:
    dialog = page.open_edit()
    assert dialog is not None
    dialog.audience_combo.setCurrentIndex(dialog.audience_combo.findData("maker"))
    submit(qtbot, tasks, dialog)
    assert dialog.isVisible()
    assert dialog.message.text().startswith("R01: the audience decides the cycles and prices")
    assert named(admin_session, "Atelier Moreau Architectes").audience.value == "company"
    dialog.reject()


def test_a_conflict_is_shown_and_the_other_save_kept(
    qtbot: QtBot,
    page: AccountsPage,
    tasks: BackgroundTasks,
    admin_session: OperatorSession,
    admin_app: AdminApp,
) -> None:
    company = named(admin_session, "Atelier Moreau Architectes")
    dialog = page.open_edit()
    assert dialog is not None
    admin_app.login(ADMIN, PASSWORD).accounts.edit(company.id or 0, city="Villeurbanne")
    dialog.city_edit.setText("Lyon")
    submit(qtbot, tasks, dialog)
    assert dialog.isVisible()
    assert "was changed by admin at" in dialog.message.text()
    assert admin_session.accounts.get(company.id or 0).city == "Villeurbanne"
    dialog.reject()


def test_country_names_follow_the_window_language() -> None:
    english, french = country_names("en_US"), country_names("fr_FR")
    assert english["DE"] == "Germany" and french["DE"] == "Allemagne"
    assert "EU" not in french and "001" not in french and "ZZ" not in french
    names = list(french.values())
    # Accents sort with their letter: "Égypte" among the E, before "Équateur" and "Espagne".
    assert names.index("Égypte") < names.index("Espagne") < names.index("Estonie")
    assert names.index("Émirats arabes unis") < names.index("Érythrée")
    assert country_name("FR", "fr_FR") == "France" and country_name("QQ", "fr_FR") == "QQ"


def test_r06_a_card_is_added_replaced_and_removed_from_the_page(
    qtbot: QtBot, page: AccountsPage, tasks: BackgroundTasks, admin_session: OperatorSession
) -> None:
    company = named(admin_session, "Atelier Moreau Architectes")
    account_id = company.id or 0
    dialog = page.open_add_method()
    assert dialog is not None and dialog.transfer_radio.isEnabled()
    dialog.token_edit.setText("4242 4242 4242 4242")
    dialog.last4_edit.setText("42")
    submit(qtbot, tasks, dialog)
    assert dialog.isVisible()
    assert error_under(dialog, "token") == (
        "give the payment processor's token, never the card number"
    )
    assert error_under(dialog, "last4") == "exactly the last four digits are stored"
    assert [m.kind for m in admin_session.accounts.payment_methods(account_id)] == [
        PaymentKind.TRANSFER
    ]
    dialog.token_edit.setText("tok_moreau_visa")
    dialog.brand_combo.setCurrentIndex(dialog.brand_combo.findData("visa"))
    dialog.last4_edit.setText("4242")
    dialog.month_spin.setValue(8)
    dialog.year_spin.setValue(2028)
    submit(qtbot, tasks, dialog)
    assert not dialog.isVisible()
    settle(qtbot, tasks, page)
    texts = [page.methods_list.item(row).text() for row in range(page.methods_list.count())]
    assert texts == ["Bank transfer", "Visa card ending 4242, expires 08/2028"]

    page.methods_list.setCurrentRow(1)
    assert page.replace_method_button.isEnabled()
    replacing = page.open_replace_method()
    assert replacing is not None and not replacing.transfer_radio.isVisible()
    replacing.token_edit.setText("tok_moreau_mc")
    replacing.brand_combo.setCurrentIndex(replacing.brand_combo.findData("mastercard"))
    replacing.last4_edit.setText("5454")
    replacing.year_spin.setValue(2030)
    submit(qtbot, tasks, replacing)
    assert not replacing.isVisible()
    card = admin_session.accounts.payment_methods(account_id)[1].card
    assert card == Card("tok_moreau_mc", "mastercard", "5454", 3, 2030)

    settle(qtbot, tasks, page)
    page.methods_list.setCurrentRow(1)
    confirm(qtbot, tasks, page, page.confirm_remove_method())
    assert [m.kind for m in admin_session.accounts.payment_methods(account_id)] == [
        PaymentKind.TRANSFER
    ]
    assert page.methods_list.count() == 1


def test_r06_removing_the_card_a_subscription_pays_by_shows_the_refusal(
    qtbot: QtBot, page: AccountsPage, tasks: BackgroundTasks, admin_session: OperatorSession
) -> None:
    maker = named(admin_session, "Jonas Becker")
    page.select_account(maker.id or 0)
    settle(qtbot, tasks, page)
    page.methods_list.setCurrentRow(0)
    confirm(qtbot, tasks, page, page.confirm_remove_method())
    box = error_box(page)
    assert box.text() == "The payment method was not removed"
    assert box.informativeText().startswith("R06: subscription ")
    assert "this is the account's last card" in box.informativeText()
    assert len(admin_session.accounts.payment_methods(maker.id or 0)) == 1
    box.close()

    dialog = page.open_add_method()
    assert dialog is not None and not dialog.transfer_radio.isEnabled()  # a maker (R06)
    dialog.reject()


def test_archiving_is_refused_while_a_subscription_runs_then_done_once_free(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    spare = admin_session.accounts.create(name="Ancien client", audience="maker", country="BE")
    page = open_page(qtbot, admin_session, tasks, AccountsPage)
    assert page.selected_account() == named(admin_session, "Ancien client")  # first by name
    page.select_account(named(admin_session, "Atelier Moreau Architectes").id or 0)
    settle(qtbot, tasks, page)
    confirm(qtbot, tasks, page, page.confirm_archive())
    box = error_box(page)
    assert box.text() == "The account was not archived"
    assert "cannot be archived while subscription" in box.informativeText()
    assert not named(admin_session, "Atelier Moreau Architectes").archived
    box.close()

    page.select_account(spare.value.id or 0)
    settle(qtbot, tasks, page)
    confirm(qtbot, tasks, page, page.confirm_archive())
    archived = admin_session.accounts.get(spare.value.id or 0)
    assert archived.archived_on == admin_session.today
    qtbot.waitUntil(lambda: page.selected_account() == archived)
    assert "Archived on Mar 15, 2026" in page.account_address.text()
    assert not page.archive_button.isEnabled() and not page.add_method_button.isEnabled()
    assert page.edit_button.isEnabled()


def test_an_operator_who_may_not_manage_accounts_gets_no_button(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    admin_session.operators.add(login="hr", role="user_manager", password="hr password 1")
    manager = admin_session.app.login("hr", "hr password 1")
    page = open_page(qtbot, manager, tasks, AccountsPage)
    buttons = (page.new_button, page.edit_button, page.archive_button, page.add_method_button)
    assert not any(button.isEnabled() for button in buttons)
    assert page.new_button.toolTip() == "User managers may not manage accounts."
