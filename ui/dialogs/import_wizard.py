"""Importing users from a CSV file, step by step: choose the file, preview its first
rows, check it against the account (every bad row listed, nothing written), choose
whether to import only the good rows, import, read the summary.

Every step that reads the file or the database runs in the background. Errors are
shown in the services' own sentences; none closes the wizard.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_admin.app import ImportReport
from desktop_admin.domain.errors import InvalidInput
from desktop_admin.domain.users_csv import COLUMNS
from ui.dialogs.import_check import (
    CheckPage,
    fill_table,
    problem_headers,
    rules_rows,
    rules_table,
    table_widget,
)
from ui.feedback import error_sentence
from ui.formatting import counted
from ui.i18n import translate
from ui.operations import Operations
from ui.widgets.basics import busy_bar, muted

PREVIEW_ROWS = 20
WARNING_STYLE = "color: #a61b1b;"


@dataclass(frozen=True)
class CsvFile:
    """The file's text and what a first look at it shows."""

    path: str
    text: str
    header: tuple[str, ...]
    preview: tuple[tuple[str, ...], ...]
    data_rows: int

    @property
    def unknown_columns(self) -> list[str]:
        return [name for name in self.header if name not in COLUMNS]


def rows_text(count: int) -> str:
    """'1 row', '3 rows' in the installed language."""
    return counted(
        count, translate("ImportWizard", "{count} row"), translate("ImportWizard", "{count} rows")
    )


def read_csv_file(path: str) -> CsvFile:
    """Read and glance at the file (runs in the background)."""
    try:
        text = Path(path).read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(
            translate("ImportWizard", "{name} is not UTF-8 text; save it as UTF-8 CSV.").format(
                name=Path(path).name
            )
        ) from None
    except OSError as error:
        raise InvalidInput(
            translate("ImportWizard", "{path} could not be read: {error}.").format(
                path=path, error=error.strerror or error
            )
        ) from None
    rows: list[tuple[str, ...]] = []
    header: tuple[str, ...] = ()
    count = 0
    try:
        for fields in csv.reader(io.StringIO(text, newline="")):
            if not fields:
                continue
            if not header:
                header = tuple(f.strip() for f in fields)
                continue
            count += 1
            if len(rows) < PREVIEW_ROWS:
                rows.append(tuple(fields))
    except csv.Error:
        pass  # the check lists the broken line
    return CsvFile(path, text, header, tuple(rows), count)


class ChoosePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(translate("ImportWizard", "Choose a CSV file"))
        self.setSubTitle(
            translate(
                "ImportWizard", "Columns: {columns} (email required; roles separated by “;”)."
            ).format(columns=", ".join(COLUMNS))
        )
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("csv_path")
        self.path_edit.setPlaceholderText(translate("ImportWizard", "/path/to/users.csv"))
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton(translate("ImportWizard", "Browse…"))
        browse.clicked.connect(self._browse)
        row = QHBoxLayout(self)
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)

    def _browse(self) -> None:
        path, _kind = QFileDialog.getOpenFileName(
            self,
            translate("ImportWizard", "Import users"),
            "",
            translate("ImportWizard", "CSV files (*.csv);;All files (*)"),
        )
        if path:
            self.path_edit.setText(path)

    def isComplete(self) -> bool:
        return Path(self.path_edit.text().strip()).is_file()


class PreviewPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._reading = wizard.ops.tasks.channel(self)
        self.setTitle(translate("ImportWizard", "Preview"))
        self.setSubTitle(translate("ImportWizard", "The first rows of the file, as read."))
        self.columns_label = QLabel()
        self.columns_label.setObjectName("columns_label")
        self.columns_label.setWordWrap(True)
        self.table = table_widget((), "preview_table")
        self.progress = busy_bar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.columns_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)

    def initializePage(self) -> None:
        path = self._wizard.choose_page.path_edit.text().strip()
        self._wizard.csv_file = None
        self.columns_label.setText(
            translate("ImportWizard", "Reading {name}…").format(name=Path(path).name)
        )
        self.table.setRowCount(0)
        self.progress.show()
        self._reading.run(lambda: read_csv_file(path), self._read, self._failed)
        self.completeChanged.emit()

    def is_busy(self) -> bool:
        return self._reading.busy

    def _read(self, csv_file: CsvFile) -> None:
        self.progress.hide()
        self._wizard.csv_file = csv_file
        self.table.setColumnCount(len(csv_file.header))
        self.table.setHorizontalHeaderLabels(list(csv_file.header))
        fill_table(self.table, list(csv_file.preview))
        for column in range(max(len(csv_file.header) - 1, 0)):
            self.table.horizontalHeader().resizeSection(column, 200)
        text = translate("ImportWizard", "Columns detected: {columns} · {rows}").format(
            columns=", ".join(csv_file.header) or translate("ImportWizard", "none"),
            rows=rows_text(csv_file.data_rows),
        )
        if csv_file.unknown_columns:
            text += translate("ImportWizard", " · unknown: {columns}").format(
                columns=", ".join(csv_file.unknown_columns)
            )
        self.columns_label.setText(text)
        self.completeChanged.emit()

    def _failed(self, error: Exception) -> None:
        self.progress.hide()
        self.columns_label.setText(error_sentence(error))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._wizard.csv_file is not None


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._importing = wizard.ops.tasks.channel(self)
        self.report: ImportReport | None = None
        self.setTitle(translate("ImportWizard", "Import"))
        self.summary_label = QLabel()
        self.summary_label.setObjectName("import_summary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = busy_bar()
        self.table = table_widget(problem_headers(), "skipped_table")
        self.table.hide()
        self.rules_label = QLabel()
        self.rules_label.setObjectName("rules_summary")
        self.rules_label.setWordWrap(True)
        self.rules_label.hide()
        self.rules_table = rules_table("imported_rules_table")
        self.rules_table.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.rules_label)
        layout.addWidget(self.rules_table, 1)
        layout.addWidget(
            muted(
                QLabel(
                    translate(
                        "ImportWizard", "The import is one transaction: all its rows or none."
                    )
                )
            )
        )

    def initializePage(self) -> None:
        csv_file = self._wizard.csv_file
        assert csv_file is not None
        good_only = self._wizard.check_page.good_rows_only.isChecked()
        rules = self._wizard.check_page.rules_wanted()
        self.report = None
        self.summary_label.setText(translate("ImportWizard", "Importing…"))
        self.progress.show()
        account_id, text, source = self._wizard.account_id, csv_file.text, Path(csv_file.path).name
        self._wizard.ops.run(
            self._wizard,
            lambda session: session.users.import_csv(
                account_id=account_id,
                text=text,
                good_rows_only=good_only,
                source=source,
                apply_rules=rules,
            ),
            self._imported,
            failed=self._failed,
            channel=self._importing,
        )
        self.completeChanged.emit()

    def is_busy(self) -> bool:
        return self._importing.busy

    def _imported(self, report: ImportReport) -> None:
        self.progress.hide()
        self.report = report
        text = counted(
            report.imported,
            translate("ImportWizard", "{count} user imported into {account}."),
            translate("ImportWizard", "{count} users imported into {account}."),
            account=self._wizard.account_name,
        )
        if report.skipped:
            text += counted(
                len({p.line for p in report.skipped}),
                translate("ImportWizard", " {count} bad row skipped:"),
                translate("ImportWizard", " {count} bad rows skipped:"),
            )
            fill_table(
                self.table, [(str(p.line or ""), p.field or "", p.reason) for p in report.skipped]
            )
            self.table.show()
        self.summary_label.setText(text)
        self._show_rules(report)
        self.completeChanged.emit()

    def _show_rules(self, report: ImportReport) -> None:
        outcome = report.rules
        if not outcome.gains and not outcome.shortfalls:
            return
        self.rules_label.setText(
            translate(
                "ImportWizard",
                "The assignment rules gave {gains} role(s); {shortfalls} could not be "
                "given for lack of seats.",
            ).format(gains=len(outcome.gains), shortfalls=len(outcome.shortfalls))
        )
        self.rules_label.show()
        fill_table(self.rules_table, rules_rows(self._wizard.check_page.check, outcome))
        self.rules_table.show()

    def _failed(self, error: Exception) -> None:
        self.progress.hide()
        self.summary_label.setText(
            translate("ImportWizard", "Nothing was imported. {error}").format(
                error=error_sentence(error)
            )
        )
        self.setStyleSheet(WARNING_STYLE)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.report is not None


class ImportWizard(QWizard):
    """The import of a CSV file of users into one account."""

    def __init__(
        self, ops: Operations, account_id: int, account_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import_wizard")
        self.setWindowTitle(
            translate("ImportWizard", "Import users into {account}").format(account=account_name)
        )
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(720, 560)
        self.ops = ops
        self.account_id, self.account_name = account_id, account_name
        self.csv_file: CsvFile | None = None
        self.choose_page = ChoosePage(self)
        self.preview_page = PreviewPage(self)
        self.check_page = CheckPage(ops, account_id, account_name, lambda: self.csv_file, self)
        self.import_page = ImportPage(self)
        for page in (self.choose_page, self.preview_page, self.check_page, self.import_page):
            self.addPage(page)

    def is_busy(self) -> bool:
        return (
            self.preview_page.is_busy() or self.check_page.is_busy() or self.import_page.is_busy()
        )

    def reject(self) -> None:
        if not self.import_page.is_busy():  # an import under way finishes first
            super().reject()
