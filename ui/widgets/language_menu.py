"""The language menu: the system's language or one Seat Desk speaks, kept in the settings.

The choice is written at once; the windows speak it from the next start, as
`ui.i18n` installs a language before any window is built.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale, QSettings, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from ui.i18n import LANGUAGE_KEY, LANGUAGES, SOURCE_LANGUAGE, system_language, translate


def installed_language() -> str:
    """The language the windows speak now (the default locale's)."""
    code = QLocale().name().split("_")[0]
    return code if code in LANGUAGES else SOURCE_LANGUAGE


class LanguageMenu(QMenu):
    """ "System language (…)", then each language named in itself; one is checked."""

    #: A language was chosen: its code ("" for the system's), and a sentence to show.
    chosen = Signal(str, str)

    def __init__(self, settings: QSettings | None, parent: QWidget | None = None) -> None:
        super().__init__(translate("LanguageMenu", "&Language"), parent)
        self.setObjectName("language_menu")
        self._settings = settings
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        system = LANGUAGES[system_language()]
        self.system_action = self._add(
            "", translate("LanguageMenu", "System language ({language})").format(language=system)
        )
        self.addSeparator()
        self.language_actions = {code: self._add(code, name) for code, name in LANGUAGES.items()}
        saved = str(settings.value(LANGUAGE_KEY, "") or "") if settings is not None else ""
        current = saved if saved in LANGUAGES else ""
        self.action_for(current).setChecked(True)
        if settings is None:
            self.setEnabled(False)
            self.setToolTip(translate("LanguageMenu", "No settings are kept in this mode."))

    def _add(self, code: str, text: str) -> QAction:
        action = QAction(text, self)
        action.setCheckable(True)
        action.setData(code)
        action.triggered.connect(lambda _checked=False, code=code: self.choose(code))
        self._group.addAction(action)
        self.addAction(action)
        return action

    def action_for(self, code: str) -> QAction:
        return self.language_actions.get(code, self.system_action)

    def choose(self, code: str) -> None:
        """Keep `code` ("" for the system's language) as the language of the next start."""
        if self._settings is None:
            return
        self.action_for(code).setChecked(True)
        self._settings.setValue(LANGUAGE_KEY, code)
        self._settings.sync()
        language = code or system_language()
        if language == installed_language():
            text = translate("LanguageMenu", "Language: {language}.")
        else:
            text = translate("LanguageMenu", "Seat Desk will speak {language} from the next start.")
        self.chosen.emit(code, text.format(language=LANGUAGES[language]))
