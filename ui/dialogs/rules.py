"""Assignment rules of an account: edit them, preview who gains a seat and who could
not (R14), and apply them on confirmation."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import OperatorSession
from desktop_admin.domain.assignment_rules import (
    AssignmentRule,
    Gain,
    RuleCriterion,
    RulesOutcome,
    Shortfall,
    make_rule,
)
from desktop_admin.domain.errors import DomainError
from ui.feedback import error_sentence, show_error
from ui.i18n import translate
from ui.models.records import Column, RecordsModel
from ui.pages.base import make_table, muted
from ui.reference import ReferenceData
from ui.tasks import BackgroundTasks

PREVIEW_DELAY_MS = 150
CRITERIA = (
    (RuleCriterion.EMAIL_DOMAIN, QT_TRANSLATE_NOOP("RulesDialog", "Email domain is")),
    (RuleCriterion.DEPARTMENT, QT_TRANSLATE_NOOP("RulesDialog", "Department is")),
)


class GainsModel(RecordsModel[Gain]):
    def __init__(self, role_names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Column[Gain](QT_TRANSLATE_NOOP("Models", "User"), lambda g: g.email),
            Column[Gain](
                QT_TRANSLATE_NOOP("Models", "Gains"), lambda g: role_names.get(g.role, g.role)
            ),
            Column[Gain](
                QT_TRANSLATE_NOOP("Models", "By the rule"), lambda g: g.rule.describe(role_names)
            ),
        )


class ShortfallsModel(RecordsModel[Shortfall]):
    def __init__(self, role_names: dict[str, str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = (
            Column[Shortfall](QT_TRANSLATE_NOOP("Models", "User"), lambda s: s.email),
            Column[Shortfall](
                QT_TRANSLATE_NOOP("Models", "Role"), lambda s: role_names.get(s.role, s.role)
            ),
            Column[Shortfall](
                QT_TRANSLATE_NOOP("Models", "Why not"),
                lambda s: s.reason,
                tooltip=lambda s: s.reason,
            ),
        )


class RulesDialog(QDialog):
    """Rules are previewed as they are edited; "Apply" keeps them and assigns the seats."""

    #: The rules were applied: this many seats were given.
    applied = Signal(int)

    def __init__(
        self,
        session: OperatorSession,
        tasks: BackgroundTasks,
        account_id: int,
        reference: ReferenceData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rules_dialog")
        self.setWindowTitle(translate("RulesDialog", "Assignment rules"))
        self.resize(760, 620)
        self._session, self._account_id = session, account_id
        self._load = tasks.channel(self)
        self._preview = tasks.channel(self)
        self._apply = tasks.channel(self)
        self.rules: list[AssignmentRule] = []
        self.outcome: RulesOutcome | None = None
        self._role_names = dict(reference.role_names)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.preview)

        self.rules_list = QListWidget()
        self.rules_list.setObjectName("rules_list")
        self.rules_list.setMaximumHeight(110)
        self.rules_list.currentRowChanged.connect(lambda _row: self._update_buttons())
        self.criterion = QComboBox()
        for criterion, label in CRITERIA:
            self.criterion.addItem(translate("RulesDialog", label), criterion.value)
        self.value = QLineEdit()
        self.value.setObjectName("rule_value")
        self.value.setPlaceholderText(translate("RulesDialog", "acme.example or Engineering"))
        self.value.returnPressed.connect(self.add_rule)
        self.role = QComboBox()
        self.role.setObjectName("rule_role")
        for code, name in sorted(self._role_names.items(), key=lambda item: item[1]):
            self.role.addItem(name, code)
        self.add_button = QPushButton(translate("RulesDialog", "Add rule"))
        self.add_button.clicked.connect(self.add_rule)
        self.remove_button = QPushButton(translate("RulesDialog", "Remove"))
        self.remove_button.clicked.connect(self.remove_rule)
        self.rule_error = QLabel()
        self.rule_error.setObjectName("rule_error")
        self.rule_error.setWordWrap(True)

        self.gains = GainsModel(self._role_names, self)
        self.gains_view = make_table(self.gains, (260, 120))
        self.gains_view.setObjectName("gains_table")
        self.shortfalls = ShortfallsModel(self._role_names, self)
        self.shortfalls_view = make_table(self.shortfalls, (220, 110))
        self.shortfalls_view.setObjectName("shortfalls_table")
        self.summary = QLabel(translate("RulesDialog", "Loading the rules…"))
        self.summary.setObjectName("rules_summary")
        self.summary.setWordWrap(True)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.apply_button = self.buttons.addButton(
            translate("RulesDialog", "Apply"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.apply_button.setObjectName("apply_rules")
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)
        self._layout()
        self._load.run(
            lambda: session.licences.rules(account_id),
            self._rules_loaded,
            lambda e: show_error(
                self, translate("RulesDialog", "The rules could not be loaded"), e
            ),
        )
        self._update_buttons()

    def _layout(self) -> None:
        editor = QHBoxLayout()
        editor.addWidget(self.criterion)
        editor.addWidget(self.value, 1)
        editor.addWidget(QLabel(translate("RulesDialog", "gets")))
        editor.addWidget(self.role)
        editor.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(
            muted(
                QLabel(
                    translate(
                        "RulesDialog",
                        "Every enabled user matching a rule gets its role, while seats last "
                        "(first come by user id).",
                    )
                )
            )
        )
        rules_row = QHBoxLayout()
        rules_row.addWidget(self.rules_list, 1)
        rules_row.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(rules_row)
        layout.addLayout(editor)
        layout.addWidget(self.rule_error)
        layout.addWidget(self._bold(translate("RulesDialog", "Who gains a seat")))
        layout.addWidget(self.gains_view, 3)
        layout.addWidget(self._bold(translate("RulesDialog", "Who could not (R14: no free seat)")))
        layout.addWidget(self.shortfalls_view, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    @staticmethod
    def _bold(text: str) -> QLabel:
        label = QLabel(text)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def is_loading(self) -> bool:
        return self._timer.isActive() or self._load.busy or self._preview.busy or self._apply.busy

    # Editing
    def _rules_loaded(self, rules: list[AssignmentRule]) -> None:
        self.set_rules(rules)

    def set_rules(self, rules: Sequence[AssignmentRule]) -> None:
        self.rules = list(rules)
        self.rules_list.clear()
        for rule in self.rules:
            self.rules_list.addItem(rule.describe(self._role_names))
        self._update_buttons()
        self._timer.start()

    def add_rule(self) -> None:
        try:
            rule = make_rule(
                str(self.criterion.currentData()), self.value.text(), str(self.role.currentData())
            )
        except DomainError as error:
            self.rule_error.setText(error_sentence(error))
            return
        self.rule_error.clear()
        self.value.clear()
        if rule not in self.rules:
            self.set_rules([*self.rules, rule])

    def remove_rule(self) -> None:
        row = self.rules_list.currentRow()
        if 0 <= row < len(self.rules):
            self.set_rules(self.rules[:row] + self.rules[row + 1 :])

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.rules_list.currentRow() >= 0)
        busy = self._apply.busy or self._preview.busy or self._timer.isActive()
        self.apply_button.setEnabled(
            not busy and self.outcome is not None and bool(self.outcome.gains)
        )

    # Preview and apply
    def preview(self) -> None:
        self._timer.stop()
        session, account_id, rules = self._session, self._account_id, list(self.rules)
        self.summary.setText(translate("RulesDialog", "Working out who gains a seat…"))
        self._preview.run(
            lambda: session.licences.preview_rules(account_id, rules=rules),
            self._previewed,
            self._preview_failed,
        )
        self._update_buttons()

    def _previewed(self, outcome: RulesOutcome) -> None:
        self.outcome = outcome
        self.gains.set_records(outcome.gains)
        self.shortfalls.set_records(outcome.shortfalls)
        gains, short = len(outcome.gains), len(outcome.shortfalls)
        if not self.rules:
            text = translate("RulesDialog", "No rule yet: add one above.")
        elif not gains and not short:
            text = translate("RulesDialog", "Everyone the rules name already holds the role.")
        else:
            text = (
                translate("RulesDialog", "Applying gives {count} seat")
                if gains == 1
                else translate("RulesDialog", "Applying gives {count} seats")
            ).format(count=gains)
            if short:
                text += (
                    translate("RulesDialog", "; {count} user could not have one.")
                    if short == 1
                    else translate("RulesDialog", "; {count} users could not have one.")
                ).format(count=short)
            else:
                text += "."
        self.summary.setText(text)
        self.apply_button.setText(
            (
                translate("RulesDialog", "Apply: assign {count} seat")
                if gains == 1
                else translate("RulesDialog", "Apply: assign {count} seats")
            ).format(count=gains)
        )
        self._update_buttons()

    def _preview_failed(self, error: Exception) -> None:
        self.outcome = None
        self.gains.set_records([])
        self.shortfalls.set_records([])
        self.summary.setText(error_sentence(error))
        self._update_buttons()
        if not isinstance(error, DomainError):
            show_error(self, translate("RulesDialog", "The preview failed"), error)

    def apply(self) -> None:
        session, account_id, rules = self._session, self._account_id, list(self.rules)
        self._apply.run(
            lambda: session.licences.apply_rules(account_id, rules=rules).value,
            self._applied,
            self._apply_failed,
        )
        self._update_buttons()

    def _applied(self, outcome: RulesOutcome) -> None:
        self.applied.emit(len(outcome.gains))
        self.accept()

    def _apply_failed(self, error: Exception) -> None:
        self._update_buttons()
        show_error(self, translate("RulesDialog", "The rules could not be applied"), error)
        self._timer.start()
