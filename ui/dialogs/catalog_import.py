"""Settings > Import catalog: choose the vendor's TOML file, see what importing it would
change (roles and add-ons new, changed price by price, left out of the file), or the
problems with their lines, then Apply.

The file is read and previewed in the background (`session.catalog.preview_text`,
which checks it exactly as the import does); Apply imports the very text previewed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.catalog_changes import (
    CatalogPreview,
    ItemChange,
    ItemStatus,
    PriceChange,
    TermChange,
)
from desktop_admin.domain.errors import DomainError, InvalidInput, Problem
from desktop_admin.services.catalog import CatalogImport
from ui.feedback import error_sentence
from ui.formatting import counted, money, word
from ui.i18n import translate
from ui.models.records import Column, RecordsModel
from ui.operations import Operations
from ui.tasks import report_unexpected
from ui.widgets.basics import make_table, muted
from ui.widgets.field_errors import ERROR_STYLE

#: How each status reads, and the order of the rows.
STATUSES = {
    ItemStatus.NEW: QT_TRANSLATE_NOOP("CatalogImportDialog", "New"),
    ItemStatus.CHANGED: QT_TRANSLATE_NOOP("CatalogImportDialog", "Changed"),
    ItemStatus.NOT_IN_FILE: QT_TRANSLATE_NOOP("CatalogImportDialog", "Not in the file (kept)"),
    ItemStatus.UNCHANGED: QT_TRANSLATE_NOOP("CatalogImportDialog", "Unchanged"),
}
ORDER = list(STATUSES)
#: The terms of a role or an add-on besides its prices, as the window names them.
TERMS = {
    "name": QT_TRANSLATE_NOOP("CatalogImportDialog", "name"),
    "kind": QT_TRANSLATE_NOOP("CatalogImportDialog", "kind"),
    "upgrade_policy": QT_TRANSLATE_NOOP("CatalogImportDialog", "upgrade policy"),
    "seat_overflow": QT_TRANSLATE_NOOP("CatalogImportDialog", "seat overflow"),
    "audiences": QT_TRANSLATE_NOOP("CatalogImportDialog", "audiences"),
    "online_countries": QT_TRANSLATE_NOOP("CatalogImportDialog", "online countries"),
    "trial_days": QT_TRANSLATE_NOOP("CatalogImportDialog", "trial days"),
}


def price_text(change: PriceChange, currency: str) -> str:
    """`monthly: €10.00 → €12.00`, or a price new or removed."""
    cycle = word(change.cycle.value)
    if change.before is None and change.after is not None:
        return translate("CatalogImportDialog", "{cycle} {price}").format(
            cycle=cycle, price=money(change.after, currency)
        )
    if change.after is None and change.before is not None:
        return translate("CatalogImportDialog", "{cycle} {price} removed").format(
            cycle=cycle, price=money(change.before, currency)
        )
    assert change.before is not None and change.after is not None
    return translate("CatalogImportDialog", "{cycle} {before} → {after}").format(
        cycle=cycle, before=money(change.before, currency), after=money(change.after, currency)
    )


def value_text(value: object) -> str:
    if isinstance(value, frozenset | set):
        return ", ".join(sorted(word(str(v)) for v in value)) or "—"
    return word(str(value)) if isinstance(value, str) else str(value)


def term_text(change: TermChange) -> str:
    name = translate("CatalogImportDialog", TERMS.get(change.term, change.term))
    return f"{name}: {value_text(change.before)} → {value_text(change.after)}"


class ChangesModel(RecordsModel[ItemChange]):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currency = "EUR"
        kinds = {
            "role": translate("CatalogImportDialog", "Role"),
            "addon": translate("CatalogImportDialog", "Add-on"),
        }
        self.columns = (
            Column[ItemChange](
                QT_TRANSLATE_NOOP("Models", "What"),
                lambda i: translate("CatalogImportDialog", STATUSES[i.status]),
            ),
            Column[ItemChange](
                QT_TRANSLATE_NOOP("Models", "Name"),
                lambda i: f"{kinds[i.entity]} · {i.name} ({i.code})",
            ),
            Column[ItemChange](
                QT_TRANSLATE_NOOP("Models", "Prices"),
                lambda i: "; ".join(price_text(p, self.currency) for p in i.prices),
                tooltip=lambda i: "\n".join(price_text(p, self.currency) for p in i.prices),
            ),
            Column[ItemChange](
                QT_TRANSLATE_NOOP("Models", "Other changes"),
                lambda i: "; ".join(term_text(t) for t in i.terms),
                tooltip=lambda i: "\n".join(term_text(t) for t in i.terms),
            ),
        )

    def decoration(self, record: ItemChange, column: int, role: int) -> object:
        """What the import leaves as it is reads greyed."""
        quiet = record.status in (ItemStatus.UNCHANGED, ItemStatus.NOT_IN_FILE)
        if role == Qt.ItemDataRole.ForegroundRole and quiet:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    def show_preview(self, preview: CatalogPreview) -> None:
        self.currency = preview.currency
        self.set_records(sorted(preview.items, key=lambda i: ORDER.index(i.status)))


class ProblemsModel(RecordsModel[Problem]):
    columns = (
        Column[Problem](
            QT_TRANSLATE_NOOP("Models", "Line"),
            lambda p: str(p.line) if p.line else "—",
            Qt.AlignmentFlag.AlignCenter,
        ),
        Column[Problem](QT_TRANSLATE_NOOP("Models", "Field"), lambda p: p.field or ""),
        Column[Problem](
            QT_TRANSLATE_NOOP("Models", "Problem"), lambda p: p.reason, tooltip=lambda p: p.reason
        ),
    )


def summary(preview: CatalogPreview) -> str:
    counts = {status: len(preview.having(status)) for status in ItemStatus}
    text = translate(
        "CatalogImportDialog", "{new} new, {changed} changed, {unchanged} unchanged."
    ).format(
        new=counts[ItemStatus.NEW],
        changed=counts[ItemStatus.CHANGED],
        unchanged=counts[ItemStatus.UNCHANGED],
    )
    if counts[ItemStatus.NOT_IN_FILE]:
        text += " " + counted(
            counts[ItemStatus.NOT_IN_FILE],
            translate("CatalogImportDialog", "1 is not in the file and is kept as it is."),
            translate(
                "CatalogImportDialog", "{count} are not in the file and are kept as they are."
            ),
        )
    return text


class CatalogImportDialog(QDialog):
    """Choose a file; its preview (or its problems) shows; Apply imports it."""

    #: The catalog was imported: the `CatalogImport` result.
    imported = Signal(object)

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("catalog_import_dialog")
        self.setWindowTitle(translate("CatalogImportDialog", "Import the catalog"))
        self.resize(900, 520)
        self._ops = ops
        self._preview, self._apply = ops.tasks.channel(self), ops.tasks.channel(self)
        #: The text previewed and its file's name: what Apply imports.
        self.text, self.source = "", ""
        self.preview: CatalogPreview | None = None
        #: What the last import did, said before the preview that follows it.
        self._imported = ""
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("catalog_path")
        self.path_edit.setPlaceholderText(translate("CatalogImportDialog", "catalog.toml"))
        self.path_edit.returnPressed.connect(lambda: self.set_path(Path(self.path_edit.text())))
        self.choose_button = QPushButton(translate("CatalogImportDialog", "C&hoose…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.changes = ChangesModel(self)
        self.changes_view = make_table(self.changes, (140, 330, 260), stretch=3)
        self.changes_view.setObjectName("catalog_changes")
        self.problems = ProblemsModel(self)
        self.problems_view = make_table(self.problems, (60, 200), stretch=2)
        self.problems_view.setObjectName("catalog_problems")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.changes_view)
        self.stack.addWidget(self.problems_view)
        self.status = QLabel(translate("CatalogImportDialog", "Choose the catalog file (TOML)."))
        self.status.setObjectName("catalog_status")
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton(
            translate("CatalogImportDialog", "&Apply"), QDialogButtonBox.ButtonRole.ApplyRole
        )
        self.apply_button.setObjectName("catalog_apply")
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        for channel in (self._preview, self._apply):
            channel.busy_changed.connect(lambda _busy: self._update_buttons())
        self._layout()
        self._update_buttons()

    def _layout(self) -> None:
        layout = QVBoxLayout(self)
        intro = muted(
            QLabel(
                translate(
                    "CatalogImportDialog",
                    "New prices apply to future invoices; issued invoices keep theirs. Roles "
                    "and add-ons missing from the file are kept as they are.",
                )
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        label = QLabel(translate("CatalogImportDialog", "&File:"))
        label.setBuddy(self.path_edit)
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        layout.addLayout(row)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)

    def is_busy(self) -> bool:
        return self._preview.busy or self._apply.busy

    def _update_buttons(self) -> None:
        ready = self.preview is not None and self.preview.changes_anything
        self.apply_button.setEnabled(ready and not self.is_busy())
        self.choose_button.setEnabled(not self._apply.busy)
        self.path_edit.setEnabled(not self._apply.busy)

    # Choosing and previewing
    def choose_file(self) -> QFileDialog:
        """Ask for the file (window-modal, not blocking)."""
        chooser = QFileDialog(self, translate("CatalogImportDialog", "Choose the catalog"))
        chooser.setObjectName("catalog_chooser")
        chooser.setFileMode(QFileDialog.FileMode.ExistingFile)
        chooser.setNameFilter(translate("CatalogImportDialog", "Catalog files (*.toml)"))
        chooser.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        chooser.fileSelected.connect(lambda name: self.set_path(Path(name)))
        chooser.open()
        return chooser

    def set_path(self, path: Path) -> None:
        """Read and preview the file at `path` in the background."""
        self.path_edit.setText(str(path))
        self.preview, self.text, self.source = None, "", path.name
        self._say(translate("CatalogImportDialog", "Reading {name}…").format(name=path.name))
        self._update_buttons()

        def read(session: OperatorSession) -> tuple[str, CatalogPreview]:
            text = read_text(path)
            return text, session.catalog.preview_text(text, source=path.name)

        self._ops.query(self, read, self._previewed, failed=self._refused, channel=self._preview)

    def _previewed(self, result: tuple[str, CatalogPreview]) -> None:
        self.text, self.preview = result
        self.changes.show_preview(self.preview)
        self.stack.setCurrentWidget(self.changes_view)
        if self.preview.changes_anything:
            then = translate("CatalogImportDialog", "Apply imports these changes.")
        else:
            then = translate("CatalogImportDialog", "The catalog is as the file says.")
        self._say(" ".join(filter(None, (self._imported, summary(self.preview), then))))
        self._imported = ""
        self._update_buttons()

    def _refused(self, error: Exception) -> None:
        self.preview, self._imported = None, ""
        if isinstance(error, InvalidInput):
            self.problems.set_records(error.problems)
            self.stack.setCurrentWidget(self.problems_view)
        self._say(error_sentence(error).splitlines()[0], error=True)
        if not isinstance(error, DomainError):
            report_unexpected(error)
        self._update_buttons()

    def _say(self, text: str, error: bool = False) -> None:
        self.status.setStyleSheet(ERROR_STYLE if error else "")
        self.status.setText(text)

    # Applying
    def apply(self) -> None:
        if self.preview is None or not self.preview.changes_anything or self.is_busy():
            return
        text, source = self.text, self.source
        self._say(translate("CatalogImportDialog", "Importing…"))
        self._ops.run(
            self,
            lambda session: session.catalog.import_text(text, source=source),
            self._applied,
            failed=self._refused,
            channel=self._apply,
        )

    def _applied(self, result: CatalogImport) -> None:
        self.imported.emit(result)
        self._imported = translate(
            "CatalogImportDialog", "Imported: {created} new, {updated} changed."
        ).format(created=len(result.created), updated=len(result.updated))
        self.set_path(Path(self.path_edit.text()))  # the preview again: nothing left to change

    def reject(self) -> None:
        if not self._apply.busy:  # once sent, the import is done or refused
            super().reject()


def read_text(path: Path) -> str:
    """The file's text (UTF-8); a file that cannot be read is refused in a sentence."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InvalidInput(
            translate("CatalogImportDialog", "The file cannot be read."),
            [Problem(f"{path}: {reason}", field="file")],
        ) from None
