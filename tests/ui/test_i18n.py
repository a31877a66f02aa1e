"""Languages: every wrapped string has its French translation, the set-up compiled it,
French shows on the sign-in dialog and the accounts page, money and dates follow."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QWidget,
)
from pytestqt.qtbot import QtBot

from desktop_admin.app import AdminApp, OperatorSession
from ui.dialogs.login import LoginDialog, LoginMode
from ui.formatting import current_locale, day, money
from ui.i18n import LANGUAGE_KEY, TRANSLATIONS, chosen_language, install_language, system_language
from ui.main_window import PAGE_NAMES, MainWindow
from ui.operations import Operations
from ui.pages.accounts import AccountsPage
from ui.reference import ReferenceData
from ui.tasks import BackgroundTasks

ROOT = Path(__file__).resolve().parents[2]
FRENCH = TRANSLATIONS / "seatdesk_fr.ts"
#: The modules whose strings are wrapped for translation: every module of the GUI.
WRAPPED = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
#: English words that must not show anywhere in the French main window.
ENGLISH = (
    "Account",
    "Users",
    "Subscriptions",
    "Quotes",
    "Invoices",
    "Change…",
    "Disable",
    "Enable",
)


def plain(text: str) -> str:
    """Babel's narrow and non-breaking spaces as plain ones."""
    return text.replace("\u202f", " ").replace("\xa0", " ")


@pytest.fixture
def french(qapp: QApplication) -> Iterator[None]:
    assert install_language(qapp, "fr") == "fr"
    yield
    install_language(qapp, "en")


def messages(path: Path) -> list[ET.Element]:
    return list(ET.parse(path).getroot().iter("message"))


def test_every_message_has_a_finished_french_translation() -> None:
    found = messages(FRENCH)
    assert len(found) > 60
    for message in found:
        source = message.findtext("source")
        translation = message.find("translation")
        assert translation is not None, source
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        assert all(form and form.strip() for form in forms), source


def test_the_translation_file_has_every_wrapped_string(tmp_path: Path) -> None:
    """lupdate over the sources finds no string the .ts lacks (nor one it no longer needs)."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    fresh = tmp_path / "fresh_fr.ts"
    subprocess.run(
        [str(lupdate), *WRAPPED, "-locations", "none", "-silent", "-ts", str(fresh)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )

    def keys(path: Path) -> set[tuple[str, str]]:
        root = ET.parse(path).getroot()
        return {
            (context.findtext("name") or "", message.findtext("source") or "")
            for context in root.iter("context")
            for message in context.iter("message")
        }

    assert keys(fresh) == keys(FRENCH)


def test_the_set_up_compiled_the_translations() -> None:
    compiled = FRENCH.with_suffix(".qm")
    assert compiled.is_file() and compiled.stat().st_mtime >= FRENCH.stat().st_mtime
    assert "compile_translations" in (ROOT / "scripts" / "setup-venv.sh").read_text()


def test_the_language_comes_from_the_settings_or_the_system(settings: QSettings) -> None:
    assert chosen_language(settings, "fr") == "fr"
    settings.setValue(LANGUAGE_KEY, "fr")
    assert chosen_language(settings) == "fr"
    settings.setValue(LANGUAGE_KEY, "")
    assert chosen_language(settings) == system_language()
    assert system_language(["fr-FR", "en-US"]) == "fr"
    assert system_language(["de-DE", "en-GB"]) == "en"
    assert system_language(["de-DE"]) == "en"


@pytest.mark.usefixtures("french")
def test_the_sign_in_dialog_speaks_french(
    qtbot: QtBot, admin_app: AdminApp, tasks: BackgroundTasks
) -> None:
    dialog = LoginDialog(admin_app, tasks)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.mode is LoginMode.SIGN_IN)
    assert dialog.title.text() == "Connexion"
    assert dialog.intro.text() == "Connectez-vous avec votre identifiant d’opérateur."
    assert dialog.form.labelForField(dialog.password_edit).text() == "&Mot de passe :"
    cancel = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Annuler"  # Qt's own translation


@pytest.mark.usefixtures("french")
def test_the_accounts_page_speaks_french(
    qtbot: QtBot, admin_session: OperatorSession, tasks: BackgroundTasks
) -> None:
    ops = Operations(admin_session, tasks)
    reference = ReferenceData(ops)
    page = AccountsPage(ops, reference)
    qtbot.addWidget(page)
    page.show()
    reference.reload()
    qtbot.waitUntil(lambda: "Paie par" in page.account_payment.text(), timeout=10_000)
    assert page.title == "Comptes"
    assert page.account_payment.text() == "Paie par virement bancaire."
    assert page.account_facts.text().startswith("Entreprise · FR · langue fr · TVA ")
    assert page.account_subscription.text().startswith("Abonnement annuel, actif ; période")
    assert "15 nov. 2025" in page.account_subscription.text()


def visible_texts(window: MainWindow) -> list[str]:
    """The texts a user sees: labels, buttons, actions (menus) and table headers."""
    texts = [a.text() for a in window.findChildren(QAction) if a.isVisible()]
    texts += [m.title() for m in (a.menu() for a in window.menuBar().actions()) if m]
    widgets: list[QWidget] = [*window.findChildren(QLabel), *window.findChildren(QAbstractButton)]
    texts += [w.text() for w in widgets if w.isVisible()]  # type: ignore[attr-defined]
    for view in window.findChildren(QTableView):
        if view.isVisible() and view.model() is not None:
            model = view.model()
            texts += [
                str(model.headerData(column, Qt.Orientation.Horizontal) or "")
                for column in range(model.columnCount())
            ]
    return [text.replace("&", "") for text in texts]


@pytest.mark.usefixtures("french")
def test_the_main_window_speaks_french_on_every_page(
    qtbot: QtBot, admin_session: OperatorSession, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window(admin_session)
    assert window.navigation.item(PAGE_NAMES.index("users")).text() == "Utilisateurs"
    english = re.compile(rf"(?<!\w)({'|'.join(map(re.escape, ENGLISH))})(?!\w)")
    for name in PAGE_NAMES:
        window.show_page(name)
        qtbot.waitUntil(window.is_settled, timeout=10_000)
        left = [text for text in visible_texts(window) if english.search(text)]
        assert not left, (name, left)


def test_babel_formats_money_and_dates_per_language(qapp: QApplication) -> None:
    amount = Decimal("1234.56")
    assert plain(money(amount, "EUR", "fr_FR")) == "1 234,56 €"
    assert money(amount, "EUR", "en_US") == "€1,234.56"
    assert day(date(2026, 3, 15), "fr_FR") == "15 mars 2026"
    assert day(date(2026, 3, 15), "en_US") == "Mar 15, 2026"
    try:
        install_language(qapp, "fr")
        assert current_locale() == "fr_FR"
        assert plain(money(amount, "EUR")) == "1 234,56 €"
    finally:
        install_language(qapp, "en")
    assert QLocale().name() == "en_US"
    assert money(amount, "EUR") == "€1,234.56"
