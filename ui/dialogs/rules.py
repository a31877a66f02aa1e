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
from ui.formatting import counted
from ui.i18n import translate
from ui.models.records import Column, RecordsModel
from ui.operations import Operations
from ui.reference import ReferenceData
from ui.widgets.basics import bold_label, make_table, muted

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
        ops: Operations,
        account_id: int,
        reference: ReferenceData,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("rules_dialog")
        self.setWindowTitle(translate("RulesDialog", "Assignment rules"))
        self.resize(760, 620)
        self._ops, self._account_id = ops, account_id
        self._load = ops.tasks.channel(self)
        self._preview = ops.tasks.channel(self)
        self._apply = ops.tasks.channel(self)
        for channel in (self._preview, self._apply):
            channel.busy_changed.connect(lambda _busy: self._update_buttons())
        self.rules: list[AssignmentRule] = []
        self.outcome: RulesOutcome | None = None
        self._role_names = dict(reference.role_names)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PREVIEW_DELAY_MS)
        self._timer.timeout.connect(self.preview)
        self._build_editor()
        self._build_results()
        self._layout()
        ops.query(
            self,
            lambda session: session.licences.rules(account_id),
            self.set_rules,
            failed=translate("RulesDialog", "The rules could not be loaded"),
            channel=self._load,
        )
        self._update_buttons()

    def _build_editor(self) -> None:
        """The rules, and a rule to add: criterion, value, role."""
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

    def _build_results(self) -> None:
        """Who gains a seat, who could not, the summary, and the buttons."""
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
        layout.addWidget(bold_label(translate("RulesDialog", "Who gains a seat")))
        layout.addWidget(self.gains_view, 3)
        layout.addWidget(bold_label(translate("RulesDialog", "Who could not (R14: no free seat)")))
        layout.addWidget(self.shortfalls_view, 2)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)

    def is_loading(self) -> bool:
        return self._timer.isActive() or self._load.busy or self._preview.busy or self._apply.busy

    # Editing
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
        account_id, rules = self._account_id, list(self.rules)
        self.summary.setText(translate("RulesDialog", "Working out who gains a seat…"))
        self._ops.query(
            self,
            lambda session: session.licences.preview_rules(account_id, rules=rules),
            self._previewed,
            failed=self._preview_failed,
            channel=self._preview,
        )

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
            text = counted(
                gains,
                translate("RulesDialog", "Applying gives {count} seat"),
                translate("RulesDialog", "Applying gives {count} seats"),
            )
            if short:
                text += counted(
                    short,
                    translate("RulesDialog", "; {count} user could not have one."),
                    translate("RulesDialog", "; {count} users could not have one."),
                )
            else:
                text += "."
        self.summary.setText(text)
        self.apply_button.setText(
            counted(
                gains,
                translate("RulesDialog", "Apply: assign {count} seat"),
                translate("RulesDialog", "Apply: assign {count} seats"),
            )
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
        account_id, rules = self._account_id, list(self.rules)
        self._ops.run(
            self,
            lambda session: session.licences.apply_rules(account_id, rules=rules),
            self._applied,
            failed=self._apply_failed,
            channel=self._apply,
        )

    def _applied(self, outcome: RulesOutcome) -> None:
        self.applied.emit(len(outcome.gains))
        self.accept()

    def _apply_failed(self, error: Exception) -> None:
        show_error(self, translate("RulesDialog", "The rules could not be applied"), error)
        self._timer.start()
