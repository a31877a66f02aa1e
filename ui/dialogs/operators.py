"""Settings > Operators (Administrators only): who may use Seat Desk. Add an operator,
change a role, disable or enable one, reset a password.

Every change goes through `session.operators`, whose services refuse anyone but an
Administrator, the last enabled Administrator's demotion or disabling, and yourself;
a refusal is shown where it happened: in the form that asked, or under the list."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import Changes, OperatorSession, Outcome
from desktop_admin.domain.operators import Operator, OperatorRole
from ui.i18n import role_label, translate
from ui.models.records import Column, RecordsModel
from ui.operations import Operations
from ui.widgets.basics import make_table, muted
from ui.widgets.field_errors import ERROR_STYLE, FieldErrors


class OperatorsModel(RecordsModel[Operator]):
    def __init__(self, me: Operator, parent: QObject | None = None) -> None:
        super().__init__(parent)
        you = translate("OperatorsDialog", "{login} (you)")
        self.columns = (
            Column[Operator](
                QT_TRANSLATE_NOOP("Models", "Login"),
                lambda o: you.format(login=o.login) if o.id == me.id else o.login,
            ),
            Column[Operator](QT_TRANSLATE_NOOP("Models", "Name"), lambda o: o.display_name),
            Column[Operator](QT_TRANSLATE_NOOP("Models", "Role"), lambda o: role_label(o.role)),
            Column[Operator](QT_TRANSLATE_NOOP("Models", "Status"), status_text),
        )


def status_text(operator: Operator) -> str:
    if operator.enabled:
        return translate("OperatorsDialog", "may sign in")
    return translate("OperatorsDialog", "disabled")


class FormKind(Enum):
    ADD = "add"
    ROLE = "role"
    PASSWORD = "password"


class OperatorForm(QDialog):
    """Add an operator, change one's role, or reset one's password. OK sends the
    operation; a refusal shows under its field and the form stays open."""

    #: The operation succeeded: its value (the operator).
    done = Signal(object)

    def __init__(
        self, ops: Operations, kind: FormKind, operator: Operator | None, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"operator_{kind.value}_form")
        self.setMinimumWidth(460)
        self._ops, self.kind, self.operator = ops, kind, operator
        self._channel = ops.tasks.channel(self)
        self.login_edit, self.name_edit = QLineEdit(), QLineEdit()
        self.login_edit.setObjectName("operator_login")
        self.name_edit.setObjectName("operator_name")
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("operator_role")
        for role in OperatorRole:
            self.role_combo.addItem(role_label(role), role.value)
        # A new operator starts with a role that cannot manage operators.
        role = operator.role if operator is not None else OperatorRole.USER_MANAGER
        self.role_combo.setCurrentIndex(self.role_combo.findData(role.value))
        self.password_edit, self.confirm_edit = QLineEdit(), QLineEdit()
        for edit, name in ((self.password_edit, "password"), (self.confirm_edit, "confirm")):
            edit.setObjectName(f"operator_{name}")
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setObjectName("operator_form_message")
        self.errors = FieldErrors(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.send)
        self.buttons.rejected.connect(self.reject)
        self._channel.busy_changed.connect(lambda busy: self.ok_button.setEnabled(not busy))
        self._layout()

    def _layout(self) -> None:
        form = QFormLayout()
        login = self.operator.login if self.operator else ""
        if self.kind is FormKind.ADD:
            self.setWindowTitle(translate("OperatorsDialog", "Add an operator"))
            form.addRow(
                translate("OperatorsDialog", "&Login:"), self.errors.wrap("login", self.login_edit)
            )
            form.addRow(translate("OperatorsDialog", "&Name:"), self.name_edit)
        elif self.kind is FormKind.ROLE:
            self.setWindowTitle(
                translate("OperatorsDialog", "Change the role of {login}").format(login=login)
            )
        else:
            self.setWindowTitle(
                translate("OperatorsDialog", "Reset the password of {login}").format(login=login)
            )
        if self.kind is not FormKind.PASSWORD:
            form.addRow(
                translate("OperatorsDialog", "&Role:"), self.errors.wrap("role", self.role_combo)
            )
        if self.kind is not FormKind.ROLE:
            form.addRow(
                translate("OperatorsDialog", "&Password:"),
                self.errors.wrap("password", self.password_edit),
            )
            form.addRow(
                translate("OperatorsDialog", "Con&firm:"),
                self.errors.wrap("confirm", self.confirm_edit),
            )
        layout = QVBoxLayout(self)
        if self.kind is FormKind.PASSWORD:
            note = muted(
                QLabel(
                    translate(
                        "OperatorsDialog",
                        "Tell the operator the new password; it replaces the old one at once.",
                    )
                )
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def send(self) -> None:
        if self._channel.busy:
            return
        if self.kind is not FormKind.ROLE and self.password_edit.text() != self.confirm_edit.text():
            self.errors.clear()
            self.errors.message.setStyleSheet(ERROR_STYLE)
            self.errors.message.setText(
                translate("OperatorsDialog", "The two passwords are not the same.")
            )
            return
        self.errors.say(translate("OperatorsDialog", "Saving…"))
        self._ops.run(
            self, self.operation(), self._done, failed=self.errors.show, channel=self._channel
        )

    def operation(self) -> Callable[[OperatorSession], Outcome[Operator]]:
        role, password = str(self.role_combo.currentData()), self.password_edit.text()
        if self.kind is FormKind.ADD:
            login, name = self.login_edit.text().strip(), self.name_edit.text().strip()
            return lambda session: session.operators.add(
                login=login, role=role, password=password, display_name=name
            )
        assert self.operator is not None and self.operator.id is not None
        operator_id = self.operator.id
        if self.kind is FormKind.ROLE:
            return lambda session: session.operators.change_role(operator_id, role=role)
        return lambda session: session.operators.reset_password(operator_id, password=password)

    def _done(self, operator: Operator) -> None:
        self.done.emit(operator)
        self.accept()

    def is_busy(self) -> bool:
        return self._channel.busy

    def reject(self) -> None:
        if not self._channel.busy:
            super().reject()


class OperatorsDialog(QDialog):
    """The operators, and what an Administrator does to them."""

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("operators_dialog")
        self.setWindowTitle(translate("OperatorsDialog", "Operators"))
        self.resize(720, 440)
        self._ops, self.me = ops, ops.session.operator
        self._load, self._change = ops.tasks.channel(self), ops.tasks.channel(self)
        self.form: OperatorForm | None = None
        #: The login to select once the list reloads (an operator just added).
        self._select_next = ""
        self.operators = OperatorsModel(self.me, self)
        self.table = make_table(self.operators, (180, 200, 150), stretch=1)
        self.table.setObjectName("operators_table")
        self.table.setSelectionMode(self.table.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.add_button = QPushButton(translate("OperatorsDialog", "&Add…"))
        self.role_button = QPushButton(translate("OperatorsDialog", "Change &role…"))
        self.enable_button = QPushButton(translate("OperatorsDialog", "&Disable"))
        self.password_button = QPushButton(translate("OperatorsDialog", "Reset &password…"))
        self.add_button.clicked.connect(lambda: self.open_form(FormKind.ADD))
        self.role_button.clicked.connect(lambda: self.open_form(FormKind.ROLE))
        self.password_button.clicked.connect(lambda: self.open_form(FormKind.PASSWORD))
        self.enable_button.clicked.connect(self.toggle_enabled)
        self.message = QLabel()
        self.message.setObjectName("operators_message")
        self.message.setWordWrap(True)
        self.errors = FieldErrors(self.message)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        for channel in (self._load, self._change):
            channel.busy_changed.connect(lambda _busy: self._update_buttons())
        ops.operation_did_execute.connect(self._on_changes)
        self._layout(close)
        self.reload()

    def _layout(self, close: QDialogButtonBox) -> None:
        side = QVBoxLayout()
        for button in (self.add_button, self.role_button, self.enable_button):
            side.addWidget(button)
        side.addWidget(self.password_button)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        intro = muted(
            QLabel(
                translate(
                    "OperatorsDialog",
                    "Administrators do everything; user managers manage users; billing "
                    "clerks print documents and record payments. At least one enabled "
                    "Administrator always remains.",
                )
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(row, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)

    # Loading
    def reload(self) -> None:
        self._ops.query(
            self,
            lambda session: session.operators.all(),
            self._loaded,
            failed=self.errors.show,
            channel=self._load,
        )

    def _loaded(self, operators: list[Operator]) -> None:
        chosen = self.selected()
        login = self._select_next or (chosen.login if chosen else self.me.login)
        self._select_next = ""
        self.operators.set_records(operators)
        self.table.selectRow(max(self.operators.row_where(lambda o: o.login == login), 0))
        self._update_buttons()

    def _on_changes(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(Changes.OPERATORS):
            self.reload()

    def is_busy(self) -> bool:
        return self._load.busy or self._change.busy

    def selected(self) -> Operator | None:
        return self.operators.current_record(self.table)

    def select_login(self, login: str) -> None:
        self.table.selectRow(self.operators.row_where(lambda o: o.login == login))

    def _update_buttons(self) -> None:
        chosen, idle = self.selected(), not self._change.busy
        for button in (self.role_button, self.enable_button, self.password_button):
            button.setEnabled(chosen is not None and idle)
        if chosen is not None and not chosen.enabled:
            self.enable_button.setText(translate("OperatorsDialog", "&Enable"))
        else:
            self.enable_button.setText(translate("OperatorsDialog", "&Disable"))

    # Changes
    def open_form(self, kind: FormKind) -> OperatorForm | None:
        chosen = self.selected()
        if kind is not FormKind.ADD and chosen is None:
            return None
        self.errors.clear()
        self.form = OperatorForm(self._ops, kind, chosen, self)
        self.form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.form.done.connect(lambda operator: self._say_done(kind, operator))
        self.form.destroyed.connect(self._form_gone)
        self.form.open()
        return self.form

    def _form_gone(self) -> None:
        self.form = None

    def _say_done(self, kind: FormKind, operator: Operator) -> None:
        said = {
            FormKind.ADD: translate("OperatorsDialog", "{login} added."),
            FormKind.ROLE: translate("OperatorsDialog", "{login} is now {role}."),
            FormKind.PASSWORD: translate("OperatorsDialog", "The password of {login} was reset."),
        }[kind]
        self.errors.say(said.format(login=operator.login, role=role_label(operator.role)))
        if kind is FormKind.ADD:
            self._select_next = operator.login

    def toggle_enabled(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.id is None or self._change.busy:
            return
        operator_id, enable = chosen.id, not chosen.enabled
        self.errors.say(translate("OperatorsDialog", "Saving…"))
        self._ops.run(
            self,
            lambda session: session.operators.set_enabled(operator_id, enabled=enable),
            self._toggled,
            failed=self.errors.show,
            channel=self._change,
        )

    def _toggled(self, operator: Operator) -> None:
        said = (
            translate("OperatorsDialog", "{login} may sign in again.")
            if operator.enabled
            else translate("OperatorsDialog", "{login} is disabled and may no longer sign in.")
        )
        self.errors.say(said.format(login=operator.login))
