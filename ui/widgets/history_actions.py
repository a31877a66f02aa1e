"""Edit > Undo and Edit > Redo over the window's `UndoHistory`: named after the change
they would undo or redo, and enabled only while no undo or redo is under way."""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QStyle, QWidget

from ui.i18n import translate
from ui.undo import UndoHistory


class HistoryActions:
    """The two actions (children of `window`), kept up to date with the history."""

    def __init__(self, history: UndoHistory, window: QWidget) -> None:
        self._history, stack = history, history.stack
        self.undo = self._action(
            window,
            QKeySequence.StandardKey.Undo,
            QIcon.ThemeIcon.EditUndo,
            QStyle.StandardPixmap.SP_ArrowBack,
            history.undo,
        )
        self.redo = self._action(
            window,
            QKeySequence.StandardKey.Redo,
            QIcon.ThemeIcon.EditRedo,
            QStyle.StandardPixmap.SP_ArrowForward,
            history.redo,
        )
        for signal in (stack.indexChanged, stack.cleanChanged, history.busy_changed):
            signal.connect(self.update)
        self.update()

    @staticmethod
    def _action(
        window: QWidget,
        shortcut: QKeySequence.StandardKey,
        themed: QIcon.ThemeIcon,
        fallback: QStyle.StandardPixmap,
        triggered: Callable[[], None],
    ) -> QAction:
        action = QAction(window)
        action.setShortcut(shortcut)
        action.setIcon(QIcon.fromTheme(themed, window.style().standardIcon(fallback)))
        action.triggered.connect(triggered)
        return action

    def update(self) -> None:
        """Enable what the stack allows while idle; name the change ("&Undo Disable 3 users")."""
        stack = self._history.stack
        if not shiboken6.isValid(stack):
            return  # the window is going: its stack empties itself on the way out
        idle = not self._history.busy
        for action, possible, text, plain in (
            (self.undo, stack.canUndo(), stack.undoText(), translate("MainWindow", "&Undo")),
            (self.redo, stack.canRedo(), stack.redoText(), translate("MainWindow", "&Redo")),
        ):
            action.setEnabled(idle and possible)
            action.setText(f"{plain} {text}" if possible and text else plain)
            action.setToolTip(text if possible and text else plain.replace("&", ""))
