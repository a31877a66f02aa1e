"""Adding one user to an account, or editing one: e-mail, display name, department,
the roles it holds (each with the account's seats free), guest, account administrator,
enabled.

The seats shown beside each role are the services' count (`session.licences.seats`),
so a full role says so before OK; the seat check itself is the service's (R14), and its
refusal is shown in the dialog, beside the field it is about, with everything typed
kept for a second try. Everything runs in the background.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.domain.errors import DomainError, InvalidInput, RuleViolation
from desktop_admin.domain.users import GUESTS, NamedUser, SeatUsage
from ui.dialogs.user_save import Saved, UserForm, add_user, load_user, save_user
from ui.feedback import error_sentence
from ui.i18n import translate
from ui.operations import Operations
from ui.tasks import report_unexpected
from ui.widgets.basics import bare_box, busy_bar, muted

WARNING_STYLE = "color: #a61b1b;"


def seats_text(seats: SeatUsage | None) -> str:
    """What the account has of a role: "3 of 10 seats free", "full: ...", "none bought"."""
    if seats is None or not (seats.purchased or seats.in_use):
        return translate("UserDialog", "none bought")
    if not seats.free:
        return translate("UserDialog", "full: {in_use} of {bought} seats in use").format(
            in_use=seats.in_use, bought=seats.purchased
        )
    return translate("UserDialog", "{free} of {bought} seats free").format(
        free=seats.free, bought=seats.purchased
    )


def guests_text(seats: SeatUsage | None) -> str:
    if seats is None or not (seats.purchased or seats.in_use):
        return translate("UserDialog", "no guest units bought")
    return translate("UserDialog", "{free} of {bought} guest units free").format(
        free=seats.free, bought=seats.purchased
    )


class UserDialog(QDialog):
    """Adds a user to an account (`user_id` None), or edits the user `user_id`."""

    #: The user was saved: the `NamedUser` as it now stands.
    saved = Signal(object)

    def __init__(
        self,
        ops: Operations,
        account_id: int,
        account_name: str,
        role_names: Mapping[str, str],
        user_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("user_dialog")
        self._ops, self._account_id, self._user_id = ops, account_id, user_id
        self._loading, self._saving = ops.tasks.channel(self), ops.tasks.channel(self)
        #: The user as saved, when editing (the form is compared with it).
        self.user: NamedUser | None = None
        #: The account's seats per role code (and `GUESTS`), once counted.
        self.seats: dict[str, SeatUsage] | None = None
        self.adding = user_id is None
        self.setWindowTitle(
            (
                translate("UserDialog", "Add a user to {account}")
                if self.adding
                else translate("UserDialog", "Edit a user of {account}")
            ).format(account=account_name)
        )
        self.setMinimumWidth(520)
        self._errors: dict[str, QLabel] = {}
        self._build(role_names)
        self._load()

    # Building
    def _build(self, role_names: Mapping[str, str]) -> None:
        self.email_edit = self._line("email", translate("UserDialog", "name@example.com"))
        self.name_edit = self._line("display_name", translate("UserDialog", "First Last"))
        self.department_edit = self._line("department", translate("UserDialog", "optional"))
        self.email_edit.setReadOnly(not self.adding)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(translate("UserDialog", "E-mail:"), self._with_error(self.email_edit, "email"))
        form.addRow(
            translate("UserDialog", "Display name:"),
            self._with_error(self.name_edit, "display_name"),
        )
        form.addRow(
            translate("UserDialog", "Department:"),
            self._with_error(self.department_edit, "department"),
        )
        self.error_label = self._error_label("error")
        self.progress = busy_bar("user_progress")
        self._build_buttons()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._build_roles(role_names))
        layout.addWidget(self._build_options())
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        return edit

    def _error_label(self, name: str) -> QLabel:
        label = QLabel()
        label.setObjectName(f"{name}_error")
        label.setWordWrap(True)
        label.setStyleSheet(WARNING_STYLE)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        label.hide()
        return label

    def _with_error(self, field: QWidget, name: str) -> QWidget:
        """The field with, under it, the place for a refusal about it."""
        self._errors[name] = self._error_label(name)
        return bare_box(QVBoxLayout, field, self._errors[name], spacing=2)

    def _build_roles(self, role_names: Mapping[str, str]) -> QGroupBox:
        self.roles_box = QGroupBox(translate("UserDialog", "Roles (each takes a seat)"))
        grid = QGridLayout(self.roles_box)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        self.role_checks: dict[str, QCheckBox] = {}
        self.role_seats: dict[str, QLabel] = {}
        for row, (code, name) in enumerate(role_names.items()):
            check = QCheckBox(name)
            check.setObjectName(f"role_{code}")
            seats = muted(QLabel(translate("UserDialog", "counting seats…")))
            seats.setObjectName(f"seats_{code}")
            self.role_checks[code], self.role_seats[code] = check, seats
            grid.addWidget(check, row, 0)
            grid.addWidget(seats, row, 1)
        if not role_names:
            grid.addWidget(muted(QLabel(translate("UserDialog", "The catalog has no roles."))))
        grid.addWidget(self._with_error(QWidget(), "roles"), len(role_names), 0, 1, 2)
        return self.roles_box

    def _build_options(self) -> QWidget:
        self.guest_check = QCheckBox(translate("UserDialog", "Guest user (holds no role)"))
        self.guest_check.setObjectName("guest")
        self.guest_check.toggled.connect(self._guest_toggled)
        self.guest_check.setEnabled(self.adding)
        if not self.adding:
            self.guest_check.setToolTip(
                translate("UserDialog", "Whether a user is a guest is chosen when it is added.")
            )
        self.guest_seats = muted(QLabel())
        self.guest_seats.setObjectName("guest_seats")
        self.admin_check = QCheckBox(translate("UserDialog", "Account administrator"))
        self.admin_check.setObjectName("account_admin")
        self.admin_check.setToolTip(
            translate(
                "UserDialog",
                "Administrators of the account are never disabled by a seat reduction (R15).",
            )
        )
        self.enabled_check = QCheckBox(translate("UserDialog", "Enabled (takes its seats)"))
        self.enabled_check.setObjectName("enabled")
        self.enabled_check.setChecked(True)
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setColumnStretch(1, 1)
        grid.setHorizontalSpacing(16)
        grid.addWidget(self.guest_check, 0, 0)
        grid.addWidget(self.guest_seats, 0, 1)
        grid.addWidget(self.admin_check, 1, 0, 1, 2)
        grid.addWidget(self.enabled_check, 2, 0, 1, 2)
        return box

    def _build_buttons(self) -> None:
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button: QPushButton = self.buttons.addButton(
            translate("UserDialog", "Add user") if self.adding else translate("UserDialog", "Save"),
            QDialogButtonBox.ButtonRole.AcceptRole,
        )
        self.ok_button.setObjectName("ok")
        self.ok_button.setDefault(True)
        self.ok_button.setEnabled(False)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    # Loading
    def is_busy(self) -> bool:
        return self._loading.busy or self._saving.busy

    def _load(self, *, keep_fields: bool = False) -> None:
        """Count the account's seats (and read the user, when editing); the fields are
        filled from the user unless `keep_fields` (after a refusal: what was typed stays)."""
        self.progress.show()
        account_id, user_id = self._account_id, self._user_id
        self._ops.query(
            self,
            lambda session: load_user(session, account_id, user_id),
            lambda loaded: self._loaded(*loaded, keep_fields=keep_fields),
            failed=self._load_failed,
            channel=self._loading,
        )

    def _loaded(
        self, seats: dict[str, SeatUsage], user: NamedUser | None, *, keep_fields: bool
    ) -> None:
        self.progress.hide()
        self.seats, self.user = seats, user
        for code, label in self.role_seats.items():
            usage = seats.get(code)
            label.setText(seats_text(usage))
            full = usage is not None and usage.purchased > 0 and not usage.free
            label.setStyleSheet(WARNING_STYLE if full else "")
            label.setToolTip(
                translate(
                    "UserDialog",
                    "Every seat is taken: an enabled user given this role is refused (R14). "
                    "Buy seats, or add the user disabled.",
                )
                if full
                else ""
            )
        self.guest_seats.setText(guests_text(seats.get(GUESTS)))
        if user is not None and not keep_fields:
            self._fill(user)
        self.ok_button.setEnabled(True)
        if not keep_fields:
            (self.email_edit if self.adding else self.name_edit).setFocus()

    def _fill(self, user: NamedUser) -> None:
        self.email_edit.setText(user.email)
        self.name_edit.setText(user.display_name)
        self.department_edit.setText(user.department)
        for code, check in self.role_checks.items():
            check.setChecked(code in user.roles)
        self.guest_check.setChecked(user.is_guest)
        self.admin_check.setChecked(user.is_admin)
        self.enabled_check.setChecked(user.enabled)

    def _load_failed(self, error: Exception) -> None:
        self.progress.hide()
        self._show_refusal(error)
        self.ok_button.setEnabled(self.adding)  # the service counts the seats anyway

    def _guest_toggled(self, guest: bool) -> None:
        """Guests hold no role (R14): their roles are not offered."""
        for check in self.role_checks.values():
            check.setEnabled(not guest)

    # Saving
    def form(self) -> UserForm:
        """What the fields say the user should be."""
        guest = self.guest_check.isChecked()
        return UserForm(
            email=self.email_edit.text().strip(),
            display_name=self.name_edit.text(),
            department=self.department_edit.text(),
            roles=frozenset(
                code for code, check in self.role_checks.items() if check.isChecked() and not guest
            ),
            is_guest=guest,
            is_admin=self.admin_check.isChecked(),
            enabled=self.enabled_check.isChecked(),
        )

    def save(self) -> None:
        """Add or save the user in the background (the pages showing users reload)."""
        form, account_id, before = self.form(), self._account_id, self.user
        if self._saving.busy or not self.ok_button.isEnabled() or (before is None) != self.adding:
            return
        self._clear_errors()
        self.ok_button.setEnabled(False)
        self.progress.show()
        self._ops.run(
            self,
            lambda session: (
                add_user(session, account_id, form)
                if before is None
                else save_user(session, before, form)
            ),
            self._saved,
            failed=self._refused,
            channel=self._saving,
        )

    def _saved(self, saved: Saved) -> None:
        self.progress.hide()
        self.saved.emit(saved.user)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.progress.hide()
        self._show_refusal(error)
        self._load(keep_fields=True)  # the user's version, or the seats, may have moved on

    def _clear_errors(self) -> None:
        for label in (*self._errors.values(), self.error_label):
            label.clear()
            label.hide()

    def _show_refusal(self, error: Exception, lead: str = "") -> None:
        """The refusal beside the field it is about (the roles for a seat refusal),
        else under the form."""
        if not isinstance(error, DomainError):
            report_unexpected(error)
        placed: list[QLabel] = []
        if isinstance(error, InvalidInput):
            for problem in error.problems:
                label = self._errors.get(problem.field or "")
                if label is not None:
                    label.setText("\n".join(filter(None, (label.text(), problem.reason))))
                    placed.append(label)
        elif isinstance(error, RuleViolation) and error.rule == "R14":
            self._errors["roles"].setText(str(error))
            placed.append(self._errors["roles"])
        for label in placed:
            label.show()
        general = error.summary if isinstance(error, InvalidInput) else error_sentence(error)
        self.error_label.setText("\n".join(filter(None, (lead, "" if placed else general))))
        self.error_label.setVisible(bool(self.error_label.text()))
        for name, edit in (
            ("email", self.email_edit),
            ("display_name", self.name_edit),
            ("department", self.department_edit),
        ):
            if self._errors[name] in placed:
                edit.setFocus()
                break

    def reject(self) -> None:
        if not self._saving.busy:  # a save under way finishes first
            self._loading.cancel()
            super().reject()
