"""Undo and redo of changes to users: enabling, disabling, assigning and unassigning a
role, and editing a name or a department in the users table.

A change is first made where the operator asked for it (the bulk dialog, the licences
page, the table's cell), in the background; once made, it is recorded here as a
command on the window's one `QUndoStack`, with the ids of the users it really changed
(a user who already was disabled is not enabled again by an undo). Undoing makes the
inverse service call, redoing the call again, each in the background (architecture
rule 6). An edit names the value it replaces: if the field no longer holds it (another
administrator saved it meanwhile), the edit, its undo or its redo is refused as a
conflict rather than overwriting their work; other changes to the user do not matter.

The stack's index moves at once, the database when the task ends. If the service
refuses (R14: the seats freed were taken meanwhile), the stack is put back as the
database is: a refused undo leaves the command done, a refused redo removes it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

import shiboken6
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from desktop_admin.app import OperatorSession, Outcome
from desktop_admin.domain.users import BulkKind, NamedUser
from ui.i18n import translate
from ui.operations import Operations


def changed_ids(changed: Sequence[NamedUser]) -> list[int]:
    """The ids of the users a change changed."""
    return [user.id for user in changed if user.id is not None]


@dataclass(frozen=True)
class UserChange:
    """A change made to users (plain data: it travels to the worker threads)."""

    account_id: int
    kind: BulkKind
    user_ids: tuple[int, ...]
    role: str | None = None
    role_name: str = ""

    @classmethod
    def of(
        cls,
        account_id: int,
        kind: BulkKind,
        user_ids: Sequence[int],
        role: str | None = None,
        role_name: str = "",
    ) -> UserChange:
        return cls(account_id, kind, tuple(user_ids), role, role_name)

    def inverse(self) -> UserChange:
        return replace(self, kind=self.kind.inverse)

    def describe(self) -> str:
        """What the change did, for the Undo and Redo menu items ("Disable 3 users")."""
        count = len(self.user_ids)
        texts = {
            BulkKind.ENABLE: translate("Undo", "Enable {count} users"),
            BulkKind.DISABLE: translate("Undo", "Disable {count} users"),
            BulkKind.ASSIGN: translate("Undo", "Assign {role} to {count} users"),
            BulkKind.UNASSIGN: translate("Undo", "Unassign {role} from {count} users"),
        }
        if count == 1:
            texts = {
                BulkKind.ENABLE: translate("Undo", "Enable 1 user"),
                BulkKind.DISABLE: translate("Undo", "Disable 1 user"),
                BulkKind.ASSIGN: translate("Undo", "Assign {role} to 1 user"),
                BulkKind.UNASSIGN: translate("Undo", "Unassign {role} from 1 user"),
            }
        return texts[self.kind].format(count=count, role=self.role_name or self.role or "")

    def make(self, session: OperatorSession) -> Outcome[list[int]]:
        """The service call (runs in the background): the ids of the users it changed."""
        change = session.users.bulk_change(kind=self.kind, user_ids=self.user_ids, role=self.role)
        return replace(change, value=changed_ids(change.value))

    def after(self, _result: Any) -> UserChange:
        return self


#: The user fields the table edits in place, by the name `OperatorSession.edit_user` takes.
EDITABLE_FIELDS = ("display_name", "department")


@dataclass(frozen=True)
class UserEdit:
    """A user's name or department changed from `old` to `new`."""

    account_id: int
    user_id: int
    email: str
    field: str
    old: str
    new: str

    def inverse(self) -> UserEdit:
        return replace(self, old=self.new, new=self.old)

    def describe(self) -> str:
        if self.field == "display_name":
            return translate("Undo", "Rename {email}").format(email=self.email)
        return translate("Undo", "Change the department of {email}").format(email=self.email)

    def make(self, session: OperatorSession) -> Outcome[NamedUser]:
        """Save `new` where the field still holds `old` (runs in the background)."""
        assert self.field in EDITABLE_FIELDS
        return session.users.edit(
            self.user_id,
            expected_version=None,
            unchanged={self.field: self.old},
            **{self.field: self.new},
        )

    def after(self, _saved: Any) -> UserEdit:
        return self


class Change(Protocol):
    """What the stack records: plain data that travels to the worker threads."""

    @property
    def account_id(self) -> int: ...

    def inverse(self) -> Change: ...

    def describe(self) -> str: ...

    def make(self, session: OperatorSession) -> Any: ...

    def after(self, result: Any) -> Change: ...


class UserChangeCommand(QUndoCommand):
    """One recorded change; its undo and redo ask `UndoHistory` to run the service call."""

    def __init__(self, history: UndoHistory, change: Change) -> None:
        super().__init__(change.describe())
        self.change = change
        self._history = history
        #: The change was made before being pushed: the push's redo does nothing.
        self._made = True
        #: Moving the stack back in line with the database: no service call.
        self.silent = False

    def redo(self) -> None:
        if self._made or self.silent:
            self._made = False
            return
        self._history.run(self, self.change, undoing=False)

    def undo(self) -> None:
        if not self.silent:
            self._history.run(self, self.change.inverse(), undoing=True)

    def made(self, change: Change, result: Any, undoing: bool) -> None:
        """The service call of `change` (this command's, or its inverse) succeeded."""
        done = change.after(result)
        self.change = done.inverse() if undoing else done


class UndoHistory(QObject):
    """The window's undo stack of user changes and the background task that replays them."""

    #: A change was undone or redone: its account, and a sentence for the status bar.
    applied = Signal(int, str)
    #: An edit was undone or redone: the user as saved, and the field it set.
    user_saved = Signal(object, str)
    #: The service refused an undo or a redo: a title and the exception.
    refused = Signal(str, object)
    #: Whether an undo or redo is running (the actions wait for it).
    busy_changed = Signal(bool)

    def __init__(self, ops: Operations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self.stack = QUndoStack(self)
        self._channel = ops.tasks.channel(self)
        self._channel.busy_changed.connect(self.busy_changed)

    @property
    def busy(self) -> bool:
        return self._channel.busy

    def record(self, change: Change) -> None:
        """Put a change already made on the stack (nothing is called again)."""
        if not isinstance(change, UserChange) or change.user_ids:
            self.stack.push(UserChangeCommand(self, change))

    def undo(self) -> None:
        if not self.busy and self.stack.canUndo():
            self.stack.undo()

    def redo(self) -> None:
        if not self.busy and self.stack.canRedo():
            self.stack.redo()

    def run(self, command: UserChangeCommand, change: Change, undoing: bool) -> None:
        """Make `change` in the background (called by the command's undo or redo)."""
        text = command.text()
        done = (
            translate("Undo", "Undone: {change}.")
            if undoing
            else translate("Undo", "Redone: {change}.")
        ).format(change=text)
        # Through the window's operations: the pages showing the users reload.
        self._ops.run(
            self,
            lambda session: change.make(session),
            lambda result: self._made(command, change, result, undoing, done),
            failed=lambda error: self._failed(command, undoing, error),
            channel=self._channel,
        )

    def _made(
        self, command: UserChangeCommand, change: Change, result: Any, undoing: bool, done: str
    ) -> None:
        if shiboken6.isValid(command):
            command.made(change, result, undoing)
        if isinstance(change, UserEdit) and isinstance(result, NamedUser):
            self.user_saved.emit(result, change.field)
        self.applied.emit(change.account_id, done)

    def _failed(self, command: UserChangeCommand, undoing: bool, error: Exception) -> None:
        if undoing:
            title = translate("Undo", "The undo was refused")
            # The change still holds: the command goes back to done.
            if self._command_at(self.stack.index()) is command:
                self._silently(command, self.stack.redo)
        else:
            title = translate("Undo", "The redo was refused")
            # The change could not be made again: the command goes (obsolete commands
            # are removed by the stack's next undo, without calling theirs).
            if shiboken6.isValid(command):
                command.setObsolete(True)
                if self._command_at(self.stack.index() - 1) is command:
                    self.stack.undo()
        self.refused.emit(title, error)

    def _command_at(self, index: int) -> QUndoCommand | None:
        if 0 <= index < self.stack.count():
            return self.stack.command(index)
        return None

    @staticmethod
    def _silently(command: UserChangeCommand, move: Callable[[], None]) -> None:
        command.silent = True
        try:
            move()
        finally:
            command.silent = False
