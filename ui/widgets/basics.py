"""Small widgets every page and dialog builds with: muted and bold labels, a busy bar,
and a read-only table."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QTableView,
    QWidget,
)


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


def busy_bar(name: str = "", height: int = 12) -> QProgressBar:
    """A thin bar that moves while work of unknown length runs (hidden at first)."""
    bar = QProgressBar()
    bar.setObjectName(name)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(height)
    bar.hide()
    return bar


def bold_label(text: str = "", scale: float = 1.0) -> QLabel:
    """A label in bold, its font `scale` times the usual size: a title."""
    label = QLabel(text)
    font = label.font()
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
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


def lines_table(model: QAbstractItemModel) -> QTableView:
    """The lines of a quote or invoice: read only, nothing to select."""
    view = make_table(model, (260, 180, 50, 90, 90, 60), stretch=0)
    view.setSelectionMode(view.SelectionMode.NoSelection)
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return view


#: A part of a `bare_box`: a widget, a widget with its stretch, or None for a stretch.
Part = QWidget | tuple[QWidget, int] | None


def bare_box(layout_type: type[QBoxLayout], *parts: Part, spacing: int = -1) -> QWidget:
    """A plain widget laying out `parts` in a row (QHBoxLayout) or a column
    (QVBoxLayout), without margins."""
    box = QWidget()
    layout = layout_type(box)
    layout.setContentsMargins(0, 0, 0, 0)
    if spacing >= 0:
        layout.setSpacing(spacing)
    for part in parts:
        if part is None:
            layout.addStretch(1)
        elif isinstance(part, tuple):
            layout.addWidget(*part)
        else:
            layout.addWidget(part)
    return box
