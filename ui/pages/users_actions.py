"""Adding, editing and removing users on the users page, and importing or exporting them
as CSV: the actions, the dialogs they open, and what the page shows in place of the
table while the account has no user yet."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.domain.users import NamedUser, UserQuery
from ui.dialogs.import_wizard import ImportWizard
from ui.dialogs.user import UserDialog
from ui.dialogs.user_remove import RemoveDialog
from ui.feedback import show_error
from ui.formatting import counted
from ui.i18n import translate
from ui.operations import Operations
from ui.tasks import TaskChannel
from ui.widgets.basics import bold_label, muted
from ui.widgets.users_export import write_export


def forget(owner: QObject, name: str, closed: QObject) -> None:
    """Forget the dialog `owner.name` once closed, unless another was opened since."""
    if getattr(owner, name) is closed:
        setattr(owner, name, None)


#: The account the page shows (id and name), or None.
CurrentAccount = Callable[[], tuple[int, str] | None]


class UserEditing(QObject):
    """The actions to add a user, edit the one selected and remove those selected, and
    the dialogs they opened (None once closed). An action the page disabled (no
    account, no selection, an operator who may not manage users) opens nothing."""

    #: A sentence for the status bar ("a@example.com added.").
    said = Signal(str)
    #: A user was added: its id (for the page to select it).
    added = Signal(int)

    def __init__(
        self,
        ops: Operations,
        table: QTableView,
        account: CurrentAccount,
        selected_ids: Callable[[], list[int]],
        role_names: Callable[[], Mapping[str, str]],
        page: QWidget,
    ) -> None:
        super().__init__(page)
        self._ops, self._page = ops, page
        self._account, self._selected_ids, self._role_names = account, selected_ids, role_names
        self.add = self._action(
            translate("UsersPage", "Add a &user…"),
            translate("UsersPage", "Add one user to the account, with its roles"),
        )
        self.edit = self._action(
            translate("UsersPage", "Ed&it…"),
            translate("UsersPage", "Change the user selected: details, roles, enabled"),
        )
        self.remove = self._action(
            translate("UsersPage", "Re&move…"),
            translate("UsersPage", "Delete the users selected for good, freeing their seats"),
        )
        self.remove.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)  # not in a cell
        self.add.triggered.connect(lambda: self.open_add())
        self.edit.triggered.connect(lambda: self.open_edit())
        self.remove.triggered.connect(lambda: self.open_remove())
        separator = QAction(self)
        separator.setSeparator(True)
        if table.actions():  # first in the context menu
            table.insertActions(table.actions()[0], [self.edit, self.remove, separator])
        else:
            table.addActions([self.edit, self.remove])
        self.user_dialog: UserDialog | None = None
        self.remove_dialog: RemoveDialog | None = None

    def _action(self, text: str, tip: str) -> QAction:
        action = QAction(text, self._page)
        action.setToolTip(tip)
        return action

    def update(self, *, may_manage: bool, selected: int, has_account: bool) -> None:
        self.add.setEnabled(may_manage and has_account)
        self.edit.setEnabled(may_manage and selected == 1)
        self.remove.setEnabled(may_manage and selected > 0)

    def refuse(self, refusal: str) -> None:
        """Say why the actions are disabled (the operator's role may not use them)."""
        for action in (self.add, self.edit, self.remove):
            action.setToolTip(refusal)

    def buttons(self) -> QHBoxLayout:
        """Add first (as on the admin centres' lists of users), then edit and remove."""
        bar = QHBoxLayout()
        bar.setSpacing(4)
        for name, action in (("add", self.add), ("edit", self.edit), ("remove", self.remove)):
            button = QToolButton()
            button.setObjectName(f"{name}_user")
            button.setDefaultAction(action)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            bar.addWidget(button)
        return bar

    def is_busy(self) -> bool:
        return any(
            dialog is not None and dialog.is_busy()
            for dialog in (self.user_dialog, self.remove_dialog)
        )

    def open_add(self) -> UserDialog | None:
        """Open the dialog adding a user to the account shown."""
        return self._open_user(None) if self.add.isEnabled() else None

    def open_edit(self) -> UserDialog | None:
        """Open the dialog editing the user selected."""
        ids = self._selected_ids()
        return self._open_user(ids[0]) if self.edit.isEnabled() and len(ids) == 1 else None

    def _open_user(self, user_id: int | None) -> UserDialog | None:
        account = self._account()
        if account is None:
            return None
        dialog = UserDialog(self._ops, *account, self._role_names(), user_id, self._page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(lambda user: self._user_saved(user, added=user_id is None))
        dialog.destroyed.connect(partial(forget, self, "user_dialog", dialog))
        self.user_dialog = dialog
        dialog.open()
        return dialog

    def _user_saved(self, user: NamedUser, *, added: bool) -> None:
        said = (
            translate("UsersPage", "{email} added.")
            if added
            else translate("UsersPage", "{email} saved.")
        )
        self.said.emit(said.format(email=user.email))
        if added and user.id is not None:
            self.added.emit(user.id)

    def open_remove(self) -> RemoveDialog | None:
        """Ask to confirm the removal of the users selected."""
        account, ids = self._account(), self._selected_ids()
        if account is None or not ids or not self.remove.isEnabled():
            return None
        dialog = RemoveDialog(self._ops, account[0], ids, self._page)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.removed.connect(
            lambda count: self.said.emit(
                counted(
                    count,
                    translate("UsersPage", "{count} user removed."),
                    translate("UsersPage", "{count} users removed."),
                )
            )
        )
        dialog.destroyed.connect(partial(forget, self, "remove_dialog", dialog))
        self.remove_dialog = dialog
        dialog.open()
        return dialog


class EmptyUsers(QWidget):
    """Shown in place of the table while the account has no user: what to do first,
    with the buttons that do it (the page's actions)."""

    def __init__(self, add: QAction, import_: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("users_empty")
        self.title = bold_label(translate("UsersPage", "No user in this account yet"), 1.2)
        self.title.setObjectName("empty_title")
        self.hint = muted(
            QLabel(
                translate(
                    "UsersPage",
                    "Add the first user and choose its roles, or import many users at "
                    "once from a CSV file (email, display_name, roles, enabled, department).",
                )
            )
        )
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_button = QPushButton(translate("UsersPage", "Add a user…"))
        self.add_button.setObjectName("empty_add")
        self.import_button = QPushButton(translate("UsersPage", "Import a CSV…"))
        self.import_button.setObjectName("empty_import")
        for button, action in ((self.add_button, add), (self.import_button, import_)):
            button.clicked.connect(action.trigger)
            action.changed.connect(partial(self._follow, button, action))
            self._follow(button, action)
        self.add_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.title, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.hint)
        layout.addSpacing(8)
        layout.addLayout(buttons)
        layout.addStretch(2)

    def show_account(self, name: str) -> None:
        self.title.setText(translate("UsersPage", "No user in {account} yet").format(account=name))

    @staticmethod
    def _follow(button: QPushButton, action: QAction) -> None:
        button.setEnabled(action.isEnabled())
        button.setToolTip(action.toolTip() if not action.isEnabled() else "")


class UserFiles(QObject):
    """Saving the users of the page's filter as CSV, and the wizard importing a CSV file
    (None once closed)."""

    #: A sentence for the status bar ("40 users exported to ...").
    said = Signal(str)

    def __init__(
        self,
        ops: Operations,
        exports: TaskChannel,
        account: CurrentAccount,
        query: Callable[[], UserQuery | None],
        page: QWidget,
    ) -> None:
        super().__init__(page)
        self._ops, self._exports, self._page = ops, exports, page
        self._account, self._query = account, query
        self.import_wizard: ImportWizard | None = None

    def export_csv(self, path: str | None = None) -> None:
        """Save the users of the current filter as CSV (asking where, unless given)."""
        query = self._query()
        if query is None:
            return
        if path is None:
            path, _kind = QFileDialog.getSaveFileName(
                self._page,
                translate("UsersPage", "Export users"),
                "users.csv",
                translate("UsersPage", "CSV files (*.csv);;All files (*)"),
            )
            if not path:
                return
        session, target = self._ops.session, str(path)
        self._exports.run(
            lambda: write_export(session, query, target),
            lambda count: self.said.emit(
                counted(
                    count,
                    translate("UsersPage", "{count} user exported to {path}."),
                    translate("UsersPage", "{count} users exported to {path}."),
                    path=target,
                )
            ),
            lambda error: show_error(
                self._page, translate("UsersPage", "The users could not be exported"), error
            ),
        )

    def open_import(self, allowed: bool) -> ImportWizard | None:
        """Open the import wizard for the account shown, if the operator is `allowed`."""
        account = self._account()
        if account is None or not allowed:
            return None
        wizard = ImportWizard(self._ops, *account, self._page)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.destroyed.connect(partial(forget, self, "import_wizard", wizard))
        self.import_wizard = wizard
        wizard.open()
        return wizard

    def is_busy(self) -> bool:
        return self.import_wizard is not None and self.import_wizard.is_busy()
