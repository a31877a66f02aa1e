"""Selections of a million-row table as runs of rows: merged, counted and made without
listing a row (selecting all the users of a filter is one range, not a million)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from PySide6.QtCore import QItemSelection, QItemSelectionModel
from PySide6.QtWidgets import QTableView


def spare_the_header(view: QTableView) -> None:
    """Keep the column header out of the selection. To draw a column's title, Qt asks
    whether the column is selected, that is, row by row, whether each selected row is
    selectable: with a million rows selected, each repaint of the header would ask the
    model's `flags` five million times. The header gets a selection of its own, empty.
    """
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSelectionModel(QItemSelectionModel(view.model(), header))


def selected_spans(view: QTableView) -> Iterator[tuple[int, int]]:
    """The selected rows of `view` as merged, sorted (first, end) spans."""
    spans = sorted((r.top(), r.bottom() + 1) for r in view.selectionModel().selection())
    start = end = -1
    for top, bottom in spans:
        if top > end:
            if end > start:
                yield start, end
            start, end = top, bottom
        else:
            end = max(end, bottom)
    if end > start:
        yield start, end


def select_spans(view: QTableView, spans: Sequence[tuple[int, int]]) -> None:
    """Select whole rows, span by span, replacing the selection."""
    model = view.model()
    selection = QItemSelection()
    last = model.columnCount() - 1
    for first, end in spans:
        selection.select(model.index(first, 0), model.index(end - 1, last))
    view.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


def spans_of(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted rows as (first, end) runs of consecutive rows."""
    spans: list[tuple[int, int]] = []
    for row in rows:
        if spans and spans[-1][1] == row:
            spans[-1] = (spans[-1][0], row + 1)
        else:
            spans.append((row, row + 1))
    return spans
