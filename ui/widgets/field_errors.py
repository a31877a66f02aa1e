"""A refusal shown where it happens: each problem of an `InvalidInput` under the field it
is about, in red; what no field shown is about (or any other refusal) in the message
label of the dialog."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop_admin.domain.errors import DomainError, InvalidInput
from ui.feedback import error_sentence
from ui.tasks import report_unexpected

ERROR_STYLE = "color: #b3261e;"


class FieldErrors:
    """The error labels of a form's fields, and its message label."""

    def __init__(self, message: QLabel) -> None:
        self.message = message
        self.message.setWordWrap(True)
        self._labels: dict[str, QLabel] = {}

    def wrap(self, field: str, widget: QWidget) -> QWidget:
        """`widget` with the label of the problems of `field` under it (hidden until then)."""
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(widget)
        label = QLabel()
        label.setObjectName(f"{field}_error")
        label.setStyleSheet(ERROR_STYLE)
        label.setWordWrap(True)
        label.hide()
        layout.addWidget(label)
        self._labels[field] = label
        return box

    def clear(self) -> None:
        for label in self._labels.values():
            label.clear()
            label.hide()
        self.message.clear()
        self.message.setStyleSheet("")

    def say(self, text: str) -> None:
        """A message that is not a refusal ("Saving…")."""
        self.clear()
        self.message.setText(text)

    def show(self, error: Exception) -> None:
        """Show a refusal: its problems under their fields, the rest in the message."""
        self.clear()
        rest: list[str] = []
        if isinstance(error, InvalidInput):
            rest.append(error.summary)
            for problem in error.problems:
                label = self._labels.get(problem.field or "")
                if label is None:
                    rest.append(str(problem))
                    continue
                label.setText("\n".join(filter(None, (label.text(), problem.reason))))
                label.show()
        else:
            rest.append(error_sentence(error))
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setText("\n".join(rest))
        grow_to_fit(self.message.window())
        if not isinstance(error, DomainError):
            report_unexpected(error)

    def shown(self) -> dict[str, str]:
        """The problems shown, by field (for the tests and the screenshots)."""
        return {f: label.text() for f, label in self._labels.items() if label.text()}


def grow_to_fit(window: QWidget) -> None:
    """Make `window` tall and wide enough for what it shows now (never smaller)."""
    layout = window.layout()
    if layout is not None:
        layout.activate()
    hint = window.sizeHint()
    window.resize(max(window.width(), hint.width()), max(window.height(), hint.height()))
