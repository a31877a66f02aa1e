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

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_admin.app import ImportReport, OperatorSession
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.users_csv import COLUMNS
from ui.feedback import error_sentence
from ui.i18n import translate
from ui.page import muted
from ui.tasks import BackgroundTasks

PREVIEW_ROWS = 20
WARNING_STYLE = "color: #a61b1b;"
#: Appended to the file for a dry run: a row the service always refuses (no email),
#: so that it validates everything and writes nothing (the facade has no dry run).
SENTINEL_ROW = '""\n'


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
    text = (
        translate("ImportWizard", "{count} row")
        if count == 1
        else translate("ImportWizard", "{count} rows")
    )
    return text.format(count=count)


def problem_headers() -> tuple[str, str, str]:
    return (
        translate("ImportWizard", "Line"),
        translate("ImportWizard", "Field"),
        translate("ImportWizard", "Reason"),
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


def dry_run(session: OperatorSession, account_id: int, text: str, source: str) -> list[Problem]:
    """Every problem the import would refuse, without writing anything."""
    body = text if not text or text.endswith(("\n", "\r")) else text + "\n"
    sentinel_line = len(io.StringIO(body, newline="").readlines()) + 1
    try:
        report = session.import_users(account_id, body + SENTINEL_ROW, False, source)
    except InvalidInput as refused:
        return [p for p in refused.problems if p.line != sentinel_line]
    raise RuntimeError(f"the check imported {report.imported} users instead of refusing")


def _table(headers: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def _fill(table: QTableWidget, rows: list[tuple[str, ...]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values[: table.columnCount()]):
            table.setItem(row, column, QTableWidgetItem(value))


def _busy_bar() -> QProgressBar:
    bar = QProgressBar()
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(12)
    bar.hide()
    return bar


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
        self._reading = wizard.tasks.channel(self)
        self.setTitle(translate("ImportWizard", "Preview"))
        self.setSubTitle(translate("ImportWizard", "The first rows of the file, as read."))
        self.columns_label = QLabel()
        self.columns_label.setObjectName("columns_label")
        self.columns_label.setWordWrap(True)
        self.table = _table((), "preview_table")
        self.progress = _busy_bar()
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
        _fill(self.table, list(csv_file.preview))
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


class CheckPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._checking = wizard.tasks.channel(self)
        self.problems: list[Problem] | None = None
        self.setTitle(translate("ImportWizard", "Check"))
        self.setSubTitle(
            translate(
                "ImportWizard",
                "The file is checked against {account}: emails, roles, seats. "
                "Nothing is written yet.",
            ).format(account=wizard.account_name)
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("ImportWizard", "&Import"))
        self.result_label = QLabel()
        self.result_label.setObjectName("check_result")
        self.result_label.setWordWrap(True)
        self.progress = _busy_bar()
        self.table = _table(problem_headers(), "problems_table")
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().resizeSection(1, 110)
        self.good_rows_only = QCheckBox(
            translate("ImportWizard", "Import the good rows only (skip the bad ones)")
        )
        self.good_rows_only.setObjectName("good_rows_only")
        self.good_rows_only.toggled.connect(self.completeChanged)
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.good_rows_only)

    def initializePage(self) -> None:
        csv_file = self._wizard.csv_file
        assert csv_file is not None
        self.problems = None
        self.table.setRowCount(0)
        self.table.hide()
        self.good_rows_only.setChecked(False)
        self.good_rows_only.hide()
        self.result_label.setText(translate("ImportWizard", "Checking every row…"))
        self.progress.show()
        session, account_id = self._wizard.session, self._wizard.account_id
        text, source = csv_file.text, Path(csv_file.path).name
        self._checking.run(
            lambda: dry_run(session, account_id, text, source), self._checked, self._failed
        )
        self.completeChanged.emit()

    def is_busy(self) -> bool:
        return self._checking.busy

    def good_rows(self) -> int:
        csv_file = self._wizard.csv_file
        if csv_file is None or self.problems is None:
            return 0
        if any(p.line in (None, 1) for p in self.problems):
            return 0  # the header or the whole file was refused
        return csv_file.data_rows - len({p.line for p in self.problems})

    def _checked(self, problems: list[Problem]) -> None:
        self.progress.hide()
        self.problems = problems
        rows = self._wizard.csv_file.data_rows if self._wizard.csv_file else 0
        if not problems:
            self.result_label.setText(
                (
                    translate("ImportWizard", "The row can be imported.")
                    if rows == 1
                    else translate("ImportWizard", "All {count} rows can be imported.")
                ).format(count=rows)
                if rows
                else translate("ImportWizard", "The file has no user rows.")
            )
        else:
            bad = len({p.line for p in problems})
            self.result_label.setText(
                (
                    translate(
                        "ImportWizard",
                        "{count} bad row (listed below); nothing was written. Good rows: {good}.",
                    )
                    if bad == 1
                    else translate(
                        "ImportWizard",
                        "{count} bad rows (listed below); nothing was written. Good rows: {good}.",
                    )
                ).format(count=bad, good=self.good_rows())
            )
            _fill(
                self.table,
                [(str(p.line or ""), p.field or "", p.reason) for p in problems],
            )
            self.table.show()
            self.good_rows_only.setVisible(self.good_rows() > 0)
        self.completeChanged.emit()

    def _failed(self, error: Exception) -> None:
        self.progress.hide()
        self.result_label.setText(error_sentence(error))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        if self.problems is None:
            return False
        if self.problems:
            return self.good_rows_only.isChecked() and self.good_rows() > 0
        return self._wizard.csv_file is not None and self._wizard.csv_file.data_rows > 0


class ImportPage(QWizardPage):
    def __init__(self, wizard: ImportWizard) -> None:
        super().__init__(wizard)
        self._wizard = wizard
        self._importing = wizard.tasks.channel(self)
        self.report: ImportReport | None = None
        self.setTitle(translate("ImportWizard", "Import"))
        self.summary_label = QLabel()
        self.summary_label.setObjectName("import_summary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.progress = _busy_bar()
        self.table = _table(problem_headers(), "skipped_table")
        self.table.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
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
        self.report = None
        self.summary_label.setText(translate("ImportWizard", "Importing…"))
        self.progress.show()
        session, account_id = self._wizard.session, self._wizard.account_id
        text, source = csv_file.text, Path(csv_file.path).name
        self._importing.run(
            lambda: session.import_users(account_id, text, good_only, source),
            self._imported,
            self._failed,
        )
        self.completeChanged.emit()

    def is_busy(self) -> bool:
        return self._importing.busy

    def _imported(self, report: ImportReport) -> None:
        self.progress.hide()
        self.report = report
        text = (
            translate("ImportWizard", "{count} user imported into {account}.")
            if report.imported == 1
            else translate("ImportWizard", "{count} users imported into {account}.")
        ).format(count=report.imported, account=self._wizard.account_name)
        if report.skipped:
            bad = len({p.line for p in report.skipped})
            text += (
                translate("ImportWizard", " {count} bad row skipped:")
                if bad == 1
                else translate("ImportWizard", " {count} bad rows skipped:")
            ).format(count=bad)
            _fill(
                self.table, [(str(p.line or ""), p.field or "", p.reason) for p in report.skipped]
            )
            self.table.show()
        self.summary_label.setText(text)
        self._wizard.imported.emit(report.imported)
        self.completeChanged.emit()

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

    #: Users were imported: how many.
    imported = Signal(int)

    def __init__(
        self,
        session: OperatorSession,
        tasks: BackgroundTasks,
        account_id: int,
        account_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("import_wizard")
        self.setWindowTitle(
            translate("ImportWizard", "Import users into {account}").format(account=account_name)
        )
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setMinimumSize(680, 460)
        self.session, self.tasks = session, tasks
        self.account_id, self.account_name = account_id, account_name
        self.csv_file: CsvFile | None = None
        self.choose_page = ChoosePage(self)
        self.preview_page = PreviewPage(self)
        self.check_page = CheckPage(self)
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
