"""Telling the operator what went wrong, in the service's own words."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from desktop_admin.domain.errors import DomainError
from ui.i18n import translate
from ui.tasks import report_unexpected

ERROR_BOX = "error_box"


def error_sentence(error: Exception) -> str:
    """The sentence to show: the rule's own for a `DomainError`, else a plain admission."""
    if isinstance(error, DomainError):
        return str(error)
    return translate("Feedback", "Something unexpected went wrong ({kind}: {error}).").format(
        kind=type(error).__name__, error=error
    )


def show_error(parent: QWidget | None, title: str, error: Exception) -> QMessageBox:
    """Show `error` in a window-modal message box that does not block the event loop.

    An error that is not a `DomainError` is a bug: it is also reported like an
    uncaught exception (printed, or failing the test that caused it).
    """
    box = QMessageBox(QMessageBox.Icon.Warning, title, title, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName(ERROR_BOX)
    box.setInformativeText(error_sentence(error))
    box.setTextFormat(Qt.TextFormat.PlainText)
    # QMessageBox wraps its text narrowly; a rule's sentence reads better on one line.
    informative = box.findChild(QLabel, "qt_msgbox_informativelabel")
    if informative is not None:
        informative.setMinimumWidth(380)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    if not isinstance(error, DomainError):
        report_unexpected(error)
    return box
