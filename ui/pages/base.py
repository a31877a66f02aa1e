"""What the pages of the main window share: a header, lazy loading, table set-up."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)


class Page(QWidget):
    """One page of the main window.

    A page loads its data the first time it is shown and again whenever it was
    marked stale (something it shows changed elsewhere), so hidden pages cost
    nothing. Subclasses implement `refresh` and, if they debounce, `is_loading`.
    """

    #: A short sentence for the status bar ("3 users disabled").
    status_message = Signal(str)

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = True
        self.title = title
        heading = QLabel(title)
        heading.setObjectName("page_title")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        heading.setFont(font)
        self.subtitle = QLabel(subtitle)
        self.subtitle.setObjectName("page_subtitle")
        self.subtitle.setWordWrap(True)
        muted(self.subtitle)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 8)
        self.body.setSpacing(8)
        self.body.addWidget(heading)
        self.body.addWidget(self.subtitle)

    def activate(self) -> None:
        """Called when the page is shown: load if never loaded or stale."""
        if self._stale:
            self._stale = False
            self.refresh()

    def mark_stale(self) -> None:
        """What the page shows changed: reload now if visible, else when next shown."""
        self._stale = True
        if self.isVisible():
            self.activate()

    def refresh(self) -> None:
        """Reload the page's data in the background."""

    def is_loading(self) -> bool:
        """Whether the page still has work pending that the task pool does not count."""
        return False


def muted(label: QLabel) -> QLabel:
    """Grey the label's text (between the text and the background), readable in any theme."""
    palette = label.palette()
    text, window = (
        palette.color(QPalette.ColorRole.WindowText),
        palette.color(QPalette.ColorRole.Window),
    )
    grey = QColor.fromRgbF(
        0.55 * text.redF() + 0.45 * window.redF(),
        0.55 * text.greenF() + 0.45 * window.greenF(),
        0.55 * text.blueF() + 0.45 * window.blueF(),
    )
    palette.setColor(QPalette.ColorRole.WindowText, grey)
    label.setPalette(palette)
    return label


def make_table(
    model: QAbstractItemModel, widths: Sequence[int] = (), stretch: int | None = None
) -> QTableView:
    """A read-only table of whole rows, with the column widths given; the column
    `stretch` (by default the last one) takes the remaining width.

    Widths are fixed rather than measured: measuring the contents of a million-row
    table would read every row.
    """
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setShowGrid(False)
    view.verticalHeader().hide()
    row_height = view.fontMetrics().height() + 10
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(row_height)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    for column, width in enumerate(widths):
        header.resizeSection(column, width)
    if stretch is None:
        header.setStretchLastSection(True)
    else:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return view
