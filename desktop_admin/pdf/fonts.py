"""The typeface of the documents: one that draws €, accents and dashes everywhere.

DejaVu Sans (Debian `fonts-dejavu-core`) when it is installed, else Bitstream Vera,
which reportlab ships (it has € and Latin-1 too), else Helvetica as a last resort.
The TrueType fonts are embedded (subset) in each PDF, so a viewer never substitutes
a font without €.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import reportlab
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

#: Folders searched for DejaVu Sans, first match wins (Debian, Fedora, macOS Homebrew).
DEJAVU_FOLDERS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu-sans-fonts"),
    Path("/usr/share/fonts/TTF"),
    Path("/opt/homebrew/share/fonts"),
)
#: An extra folder holding DejaVuSans.ttf and DejaVuSans-Bold.ttf (e.g. an installer's).
FONT_FOLDER_VARIABLE = "DESKTOP_ADMIN_FONT_DIR"


@dataclass(frozen=True)
class Typeface:
    """The names of the registered regular and bold fonts, and where they came from."""

    regular: str
    bold: str
    source: str

    @property
    def embedded(self) -> bool:
        return self.source != "Helvetica"


def _candidates() -> list[tuple[str, Path, Path]]:
    folders = list(DEJAVU_FOLDERS)
    extra = os.environ.get(FONT_FOLDER_VARIABLE)
    if extra:
        folders.insert(0, Path(extra))
    found = [("DejaVuSans", f / "DejaVuSans.ttf", f / "DejaVuSans-Bold.ttf") for f in folders]
    bundled = Path(reportlab.__file__).parent / "fonts"
    found.append(("Vera", bundled / "Vera.ttf", bundled / "VeraBd.ttf"))
    return found


@cache
def typeface() -> Typeface:
    """Register the first complete TrueType pair found (once per process) and name it."""
    for family, regular, bold in _candidates():
        if regular.is_file() and bold.is_file():
            try:
                pdfmetrics.registerFont(TTFont(f"SeatDesk-{family}", str(regular)))
                pdfmetrics.registerFont(TTFont(f"SeatDesk-{family}-Bold", str(bold)))
                pdfmetrics.registerFontFamily(
                    f"SeatDesk-{family}",
                    normal=f"SeatDesk-{family}",
                    bold=f"SeatDesk-{family}-Bold",
                    italic=f"SeatDesk-{family}",
                    boldItalic=f"SeatDesk-{family}-Bold",
                )
            except Exception:  # a damaged or unreadable font file: try the next one
                continue
            return Typeface(f"SeatDesk-{family}", f"SeatDesk-{family}-Bold", str(regular))
    return Typeface("Helvetica", "Helvetica-Bold", "Helvetica")
