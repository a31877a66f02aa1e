"""Languages: English in the source, French from `resources/translations`.

The language comes from the settings (`language`: "en", "fr", or "" for the system's)
and is installed before any window is built: a `QTranslator` for Seat Desk's own
strings, one for Qt's (standard buttons, context menus), and the default `QLocale`,
which `ui.formatting` follows for money and dates. Windows built before a change keep
their language; a new language shows in the windows opened after it (next start).

Strings are wrapped with `translate("Context", "text")`, which `pyside6-lupdate`
finds; placeholders are Python's (`{count}`), filled after translating.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from desktop_admin.domain.operators import OperatorRole

#: The settings key of the chosen language.
LANGUAGE_KEY = "language"
#: The languages Seat Desk speaks, by code, each named in itself.
LANGUAGES = {"en": "English", "fr": "Français"}
SOURCE_LANGUAGE = "en"
TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
#: The object name of the translators installed here (to find and remove them).
TRANSLATOR = "seatdesk_translator"


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the installed language (`%n` replaced by `n` when given)."""
    return QCoreApplication.translate(context, text, disambiguation, n)


def system_language(ui_languages: list[str] | None = None) -> str:
    """The first of the system's preferred languages that Seat Desk speaks, else English."""
    for name in QLocale.system().uiLanguages() if ui_languages is None else ui_languages:
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return SOURCE_LANGUAGE


def chosen_language(settings: QSettings | None, override: str | None = None) -> str:
    """`override` if given, else the settings' `language`, else the system's."""
    wanted = override or (str(settings.value(LANGUAGE_KEY, "") or "") if settings else "")
    return wanted if wanted in LANGUAGES else system_language()


def install_language(app: QCoreApplication, language: str) -> str:
    """Install the translators of `language` (replacing any installed before) and make
    its locale the default; returns the language installed (English if unknown)."""
    for old in app.findChildren(QTranslator, TRANSLATOR):
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    language = language if language in LANGUAGES else SOURCE_LANGUAGE
    QLocale.setDefault(QLocale(language))
    if language == SOURCE_LANGUAGE:
        return language
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_folder), (f"seatdesk_{language}", TRANSLATIONS)):
        translator = QTranslator(app)
        translator.setObjectName(TRANSLATOR)
        if translator.load(name, str(folder)):
            QCoreApplication.installTranslator(translator)
        else:
            translator.deleteLater()
    return language


#: The operators' roles as the windows name them.
ROLE_LABELS = {
    OperatorRole.ADMINISTRATOR: QT_TRANSLATE_NOOP("Roles", "Administrator"),
    OperatorRole.USER_MANAGER: QT_TRANSLATE_NOOP("Roles", "User manager"),
    OperatorRole.BILLING_CLERK: QT_TRANSLATE_NOOP("Roles", "Billing clerk"),
}


def role_label(role: OperatorRole) -> str:
    """An operator's role in the installed language ("Administrateur")."""
    return translate("Roles", str(ROLE_LABELS.get(role, role.label)))
