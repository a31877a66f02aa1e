"""Signing in; on a database without any operator, creating the first Administrator.

The dialog first asks in the background whether the database has operators, then
shows one of its two forms. Signing in (a password hash to verify) and creating the
Administrator also run in the background, so the dialog stays responsive.
"""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import AdminApp, OperatorSession
from desktop_admin.demo import load_demo
from desktop_admin.domain.errors import DomainError
from ui.feedback import error_sentence
from ui.i18n import translate
from ui.icons import icon
from ui.tasks import BackgroundTasks, report_unexpected
from ui.widgets.basics import bold_label, muted


class LoginMode(StrEnum):
    CHECKING = "checking"
    SIGN_IN = "sign in"
    FIRST_RUN = "first run"


def create_administrator(app: AdminApp, login: str, password: str, demo: bool) -> OperatorSession:
    """The first Administrator, and the demo data if asked (runs in the background)."""
    session = app.create_first_administrator(login, password)
    if demo:
        load_demo(session)
    return session


class LoginDialog(QDialog):
    """Accepted once `session` holds the signed-in (or newly created) operator's session."""

    def __init__(
        self,
        app: AdminApp,
        tasks: BackgroundTasks,
        login: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._app = app
        self._channel = tasks.channel(self)
        self.session: OperatorSession | None = None
        self.mode = LoginMode.CHECKING
        self.setWindowTitle("Seat Desk")
        self.setWindowIcon(icon("seat-desk"))
        self.setMinimumWidth(460)
        self._build(login)
        self._set_working(True, translate("LoginDialog", "Opening the database…"))
        self._channel.run(app.has_operators, self._show_form, self._could_not_check)

    def _build(self, login: str) -> None:
        self.login_edit = QLineEdit(login)
        self.login_edit.setObjectName("login")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setObjectName("confirm")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.demo_check = QCheckBox(
            translate("LoginDialog", "Fill it with demo data (3 accounts, 42 users)")
        )
        self.form = QFormLayout()
        self.form.addRow(translate("LoginDialog", "&Login:"), self.login_edit)
        self.form.addRow(translate("LoginDialog", "&Password:"), self.password_edit)
        self.form.addRow(translate("LoginDialog", "&Confirm:"), self.confirm_edit)
        self.form.addRow("", self.demo_check)

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        database = muted(
            QLabel(
                translate("LoginDialog", "Database: {name}").format(name=self._app.database_label)
            )
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 18, 18, 12)
        layout.setSpacing(10)
        layout.addLayout(self._header())
        layout.addSpacing(4)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        layout.addWidget(database)
        self._set_first_run_rows(False)

    def _header(self) -> QHBoxLayout:
        """The logo, the title and the sentence under it (both set once the mode is known)."""
        self.title = bold_label(scale=1.35)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        logo = QLabel()
        logo.setPixmap(icon("seat-desk").pixmap(48, 48))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(self.title)
        heading.addWidget(self.intro)
        header = QHBoxLayout()
        header.setSpacing(14)
        header.addWidget(logo)
        header.addLayout(heading, 1)
        return header

    def _set_first_run_rows(self, visible: bool) -> None:
        for widget in (self.confirm_edit, self.demo_check):
            self.form.setRowVisible(widget, visible)

    def _show_form(self, has_operators: bool) -> None:
        self.mode = LoginMode.SIGN_IN if has_operators else LoginMode.FIRST_RUN
        first_run = self.mode is LoginMode.FIRST_RUN
        self.title.setText(
            translate("LoginDialog", "Create the first Administrator")
            if first_run
            else translate("LoginDialog", "Sign in")
        )
        self.intro.setText(
            translate(
                "LoginDialog",
                "This database has no operator yet. The Administrator you create now may do "
                "everything, including adding the other operators.",
            )
            if first_run
            else translate("LoginDialog", "Sign in with your operator login.")
        )
        self.ok_button.setText(
            translate("LoginDialog", "Create Administrator")
            if first_run
            else translate("LoginDialog", "Sign in")
        )
        self._set_first_run_rows(first_run)
        self._set_working(False)
        (self.password_edit if self.login_edit.text() else self.login_edit).setFocus()

    def _could_not_check(self, error: Exception) -> None:
        self._set_working(False)
        self.ok_button.setEnabled(False)
        self._show_problem(error_sentence(error))

    def submit(self) -> None:
        """Sign in, or create the Administrator, in the background."""
        login, password, app = self.login_edit.text().strip(), self.password_edit.text(), self._app
        if self.mode is LoginMode.SIGN_IN:
            self._set_working(True, translate("LoginDialog", "Signing in…"))
            self._channel.run(lambda: app.login(login, password), self._done, self._refused)
        elif self.mode is LoginMode.FIRST_RUN:
            problem = self._first_run_problem(password)
            if problem:
                self._show_problem(problem)
                return
            demo = self.demo_check.isChecked()
            self._set_working(True, translate("LoginDialog", "Creating the Administrator…"))
            self._channel.run(
                lambda: create_administrator(app, login, password, demo), self._done, self._refused
            )

    def _first_run_problem(self, password: str) -> str | None:
        if len(password) < AdminApp.MIN_PASSWORD_LENGTH:
            return translate(
                "LoginDialog", "The password needs at least {count} characters."
            ).format(count=AdminApp.MIN_PASSWORD_LENGTH)
        if password != self.confirm_edit.text():
            return translate("LoginDialog", "The two passwords differ.")
        return None

    def _done(self, session: OperatorSession) -> None:
        self.session = session
        self._set_working(False)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self._set_working(False)
        self._show_problem(error_sentence(error))
        self.password_edit.selectAll()
        self.password_edit.setFocus()
        if not isinstance(error, DomainError):
            report_unexpected(error)

    def _show_problem(self, sentence: str) -> None:
        self.message.setStyleSheet("color: #b3261e;")
        self.message.setText(sentence)

    def _set_working(self, working: bool, what: str = "") -> None:
        for widget in (self.login_edit, self.password_edit, self.confirm_edit, self.demo_check):
            widget.setEnabled(not working)
        self.ok_button.setEnabled(not working)
        if working:
            self.message.setStyleSheet("")
            self.message.setText(what)
        elif self.message.text().endswith("…"):
            self.message.clear()

    def reject(self) -> None:
        self._channel.cancel()
        super().reject()
