"""The navigation panel on the left of the main window: the brand on top of the list of
pages, on the list's background."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QSize
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ui.icons import icon
from ui.widgets.basics import bold_label

STYLE = """
QListWidget#navigation { border: none; padding-top: 10px; outline: 0; }
QListWidget#navigation::item { padding: 7px 10px; border-radius: 6px; margin: 1px 8px; }
QListWidget#navigation::item:selected {
    background: palette(highlight); color: palette(highlighted-text);
}
QListWidget#navigation::item:hover:!selected { background: palette(midlight); }
"""


class NavigationPanel(QWidget):
    """A row per page (its icon, named after the page, and its title) in `pages`."""

    def __init__(self, pages: Iterable[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation_panel")
        self.setFixedWidth(200)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.pages = QListWidget()
        self.pages.setObjectName("navigation")
        self.pages.setStyleSheet(STYLE)
        self.pages.setIconSize(QSize(20, 20))
        self.pages.setFrameShape(QListWidget.Shape.NoFrame)
        for name, title in pages:
            QListWidgetItem(icon(name), title, self.pages)
        logo = QLabel()
        logo.setPixmap(icon("seat-desk").pixmap(28, 28))
        brand = QHBoxLayout()
        brand.setContentsMargins(16, 14, 16, 4)
        brand.setSpacing(8)
        brand.addWidget(logo)
        brand.addWidget(bold_label("Seat Desk", 1.25), 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(brand)
        layout.addWidget(self.pages, 1)
