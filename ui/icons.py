"""Icons from `resources/icons`; a missing file gives an empty icon, never an error."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
#: The stroke colour of the line icons; white replaces it on selected items.
INK = b"#3d5a80"
SIZES = (16, 20, 24, 32, 40, 48)


def icon(name: str) -> QIcon:
    """The icon `resources/icons/<name>.svg`, or an empty one if it is not installed.

    A line icon (drawn in `INK`) gets a white variant for selected items, so that
    it stays visible on the selection's colour.
    """
    path = ICONS / f"{name}.svg"
    if not path.is_file():
        return QIcon()
    result = QIcon(str(path))
    svg = path.read_bytes()
    if INK in svg:
        renderer = QSvgRenderer(QByteArray(svg.replace(INK, b"#ffffff")))
        for size in SIZES:
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter)
            painter.end()
            result.addPixmap(pixmap, QIcon.Mode.Selected)
    return result
