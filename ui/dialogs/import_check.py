"""The check step of the user import: every bad row of the file, what importing its good
rows would do to the account's seats (per role, in use now and after, of those
purchased), and what the account's assignment rules would give the new users, all
found by the services' check, which writes nothing."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from desktop_admin.app import ImportReport, OperatorSession
from desktop_admin.domain.assignment_rules import RulesOutcome
from desktop_admin.domain.errors import InvalidInput, Problem
from desktop_admin.domain.users import SeatEffect
from ui.feedback import error_sentence
from ui.formatting import counted
from ui.i18n import translate
from ui.operations import Operations
from ui.widgets.basics import busy_bar


class CheckedFile(Protocol):
    """What the check needs of the file chosen (the wizard's `CsvFile`)."""

    @property
    def path(self) -> str: ...

    @property
    def text(self) -> str: ...

    @property
    def data_rows(self) -> int: ...


@dataclass(frozen=True)
class ImportCheck:
    """What importing the file's good rows would do."""

    problems: tuple[Problem, ...]
    #: Who the account's rules would give a role, and who could not have one.
    rules: RulesOutcome
    #: How many assignment rules the account keeps.
    rule_count: int
    role_names: Mapping[str, str]
    #: What importing the good rows does to the seats, with the rules' roles, and
    #: without them (the same when the account keeps no rule).
    seats: tuple[SeatEffect, ...] = ()
    seats_without_rules: tuple[SeatEffect, ...] = ()

    def role_name(self, code: str) -> str:
        return self.role_names.get(code, code)

    def seat_effect(self, rules: bool) -> tuple[SeatEffect, ...]:
        return self.seats if rules else self.seats_without_rules


def check_file(session: OperatorSession, account_id: int, text: str, source: str) -> ImportCheck:
    """Check the file against the account, writing nothing (runs in the background)."""
    rule_count = len(session.licences.rules(account_id))
    names = {role.code: role.name for role in session.catalog.current().roles}
    try:
        report: ImportReport = session.users.check_import(
            account_id=account_id, text=text, source=source
        )
    except InvalidInput as refused:  # the header, or the whole file
        if not refused.problems:
            raise
        return ImportCheck(tuple(refused.problems), RulesOutcome(), rule_count, names)
    without_rules = report.seats
    if rule_count:
        without_rules = session.users.check_import(
            account_id=account_id, text=text, source=source, apply_rules=False
        ).seats
    return ImportCheck(report.skipped, report.rules, rule_count, names, report.seats, without_rules)


def problem_headers() -> tuple[str, str, str]:
    return (
        translate("ImportWizard", "Line"),
        translate("ImportWizard", "Field"),
        translate("ImportWizard", "Reason"),
    )


def rules_headers() -> tuple[str, str, str]:
    return (
        translate("ImportWizard", "User"),
        translate("ImportWizard", "Role"),
        translate("ImportWizard", "By the rules"),
    )


def seat_headers() -> tuple[str, str, str, str]:
    return (
        translate("ImportWizard", "Role"),
        translate("ImportWizard", "In use now"),
        translate("ImportWizard", "After the import"),
        translate("ImportWizard", "Purchased"),
    )


def seat_rows(effects: Sequence[SeatEffect]) -> list[tuple[str, str, str, str]]:
    """A row per role whose seats the import takes: in use now, after, purchased."""
    return [
        (
            effect.seats.name,
            str(effect.seats.in_use),
            translate("ImportWizard", "{after} (+{change})").format(
                after=effect.after, change=effect.change
            )
            if effect.change
            else str(effect.after),
            str(effect.seats.purchased),
        )
        for effect in effects
    ]


def rules_rows(check: ImportCheck | None, outcome: RulesOutcome) -> list[tuple[str, str, str]]:
    """A row per role the rules give (or could not give), for a table."""
    name = check.role_name if check is not None else str
    gets = translate("ImportWizard", "gets a seat")
    return [(g.email, name(g.role), gets) for g in outcome.gains] + [
        (
            s.email,
            name(s.role),
            translate("ImportWizard", "no seat: {reason}").format(reason=s.reason),
        )
        for s in outcome.shortfalls
    ]


def table_widget(headers: tuple[str, ...], name: str) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def rules_table(name: str) -> QTableWidget:
    """The table of who the assignment rules give a role (or could not)."""
    table = table_widget(rules_headers(), name)
    table.horizontalHeader().resizeSection(0, 230)
    table.horizontalHeader().resizeSection(1, 120)
    return table


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    table.setRowCount(len(rows))
    for row, values in enumerate(rows):
        for column, value in enumerate(values[: table.columnCount()]):
            item = QTableWidgetItem(value)
            item.setToolTip(value)  # a long reason is elided in its cell
            table.setItem(row, column, item)


class CheckPage(QWizardPage):
    """Checks the file chosen (`csv_file()`) against the account, writing nothing."""

    def __init__(
        self,
        ops: Operations,
        account_id: int,
        account_name: str,
        csv_file: Callable[[], CheckedFile | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._ops, self._account_id, self._csv_file = ops, account_id, csv_file
        self._checking = ops.tasks.channel(self)
        self.check: ImportCheck | None = None
        self.setTitle(translate("ImportWizard", "Check"))
        self.setSubTitle(
            translate(
                "ImportWizard",
                "The file is checked against {account}: emails, roles, seats. "
                "Nothing is written yet.",
            ).format(account=account_name)
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, translate("ImportWizard", "&Import"))
        self.result_label = QLabel()
        self.result_label.setObjectName("check_result")
        self.result_label.setWordWrap(True)
        self.progress = busy_bar()
        self.table = table_widget(problem_headers(), "problems_table")
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.horizontalHeader().resizeSection(1, 110)
        self.good_rows_only = QCheckBox(
            translate("ImportWizard", "Import the good rows only (skip the bad ones)")
        )
        self.good_rows_only.setObjectName("good_rows_only")
        self.good_rows_only.toggled.connect(self.completeChanged)
        self.apply_rules = QCheckBox()
        self.apply_rules.setObjectName("apply_rules")
        self.apply_rules.setChecked(True)
        self.apply_rules.toggled.connect(self._rules_toggled)
        self.rules_table = rules_table("rules_table")
        self.seats_label = QLabel()
        self.seats_label.setObjectName("seats_summary")
        self.seats_label.setWordWrap(True)
        self.seats_table = table_widget(seat_headers(), "seats_table")
        self.seats_table.horizontalHeader().resizeSection(0, 230)
        for column in (1, 2):
            self.seats_table.horizontalHeader().resizeSection(column, 130)
        layout = QVBoxLayout(self)
        layout.addWidget(self.result_label)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.good_rows_only)
        layout.addWidget(self.seats_label)
        layout.addWidget(self.seats_table)
        layout.addWidget(self.apply_rules)
        layout.addWidget(self.rules_table, 1)

    @property
    def problems(self) -> list[Problem] | None:
        return None if self.check is None else list(self.check.problems)

    def initializePage(self) -> None:
        csv_file = self._csv_file()
        assert csv_file is not None
        self.check = None
        for widget in (
            self.table,
            self.good_rows_only,
            self.apply_rules,
            self.rules_table,
            self.seats_label,
            self.seats_table,
        ):
            widget.hide()
        for table in (self.table, self.rules_table, self.seats_table):
            table.setRowCount(0)
        self.good_rows_only.setChecked(False)
        self.result_label.setText(translate("ImportWizard", "Checking every row…"))
        self.progress.show()
        account_id, text, source = self._account_id, csv_file.text, Path(csv_file.path).name
        self._ops.query(
            self,
            lambda session: check_file(session, account_id, text, source),
            self._checked,
            failed=self._failed,
            channel=self._checking,
        )
        self.completeChanged.emit()

    def is_busy(self) -> bool:
        return self._checking.busy

    def rules_wanted(self) -> bool:
        """Whether the import applies the account's assignment rules."""
        return self.apply_rules.isChecked()

    def good_rows(self) -> int:
        csv_file = self._csv_file()
        problems = self.problems
        if csv_file is None or problems is None:
            return 0
        if any(p.line in (None, 1) for p in problems):
            return 0  # the header or the whole file was refused
        return csv_file.data_rows - len({p.line for p in problems})

    def _checked(self, check: ImportCheck) -> None:
        self.progress.hide()
        self.check = check
        problems = list(check.problems)
        csv_file = self._csv_file()
        rows = csv_file.data_rows if csv_file else 0
        if not problems:
            self.result_label.setText(
                counted(
                    rows,
                    translate("ImportWizard", "The row can be imported."),
                    translate("ImportWizard", "All {count} rows can be imported."),
                )
                if rows
                else translate("ImportWizard", "The file has no user rows.")
            )
        else:
            self.result_label.setText(
                counted(
                    len({p.line for p in problems}),
                    translate(
                        "ImportWizard",
                        "{count} bad row (listed below); nothing was written. Good rows: {good}.",
                    ),
                    translate(
                        "ImportWizard",
                        "{count} bad rows (listed below); nothing was written. Good rows: {good}.",
                    ),
                    good=self.good_rows(),
                )
            )
            fill_table(self.table, [(str(p.line or ""), p.field or "", p.reason) for p in problems])
            self.table.show()
            self.good_rows_only.setVisible(self.good_rows() > 0)
        self._show_rules(check)
        self._show_seats()
        self.completeChanged.emit()

    def _show_seats(self) -> None:
        """What importing the good rows does to the seats, as the services counted it,
        with or without the rules' roles as the operator chose."""
        check = self.check
        if check is None or not self.good_rows():
            return
        effects = check.seat_effect(self.rules_wanted())
        lead = (
            translate("ImportWizard", "The seats the import takes:")
            if not check.problems
            else translate("ImportWizard", "The seats an import of the {good} good rows takes:")
        ).format(good=self.good_rows())
        if not effects:
            lead = translate("ImportWizard", "The import takes no seat: no new user holds a role.")
        self.seats_label.setText(lead)
        self.seats_label.show()
        fill_table(self.seats_table, seat_rows(effects))
        header, rows = self.seats_table.horizontalHeader(), self.seats_table.verticalHeader()
        frame = 2 * self.seats_table.frameWidth()
        self.seats_table.setFixedHeight(
            header.sizeHint().height() + rows.defaultSectionSize() * len(effects) + frame
        )
        self.seats_table.setVisible(bool(effects))

    def _show_rules(self, check: ImportCheck) -> None:
        if not check.rule_count or not self.good_rows():
            return
        outcome = check.rules
        self.apply_rules.setText(
            translate(
                "ImportWizard",
                "Apply the account's assignment rules: {gains} role(s) given, "
                "{shortfalls} not for lack of seats",
            ).format(gains=len(outcome.gains), shortfalls=len(outcome.shortfalls))
        )
        self.apply_rules.show()
        fill_table(self.rules_table, rules_rows(check, outcome))
        self.rules_table.setVisible(bool(outcome.gains or outcome.shortfalls))
        self._rules_toggled(self.apply_rules.isChecked())

    def _rules_toggled(self, on: bool) -> None:
        self.rules_table.setEnabled(on)
        self._show_seats()

    def _failed(self, error: Exception) -> None:
        self.progress.hide()
        self.result_label.setText(error_sentence(error))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        problems = self.problems
        if problems is None:
            return False
        if problems:
            return self.good_rows_only.isChecked() and self.good_rows() > 0
        csv_file = self._csv_file()
        return csv_file is not None and csv_file.data_rows > 0
