"""The columns of a users table and what their cells say (`ui.models.users`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtGui import QFont, QGuiApplication

from desktop_admin.domain.users import NamedUser
from ui.i18n import translate
from ui.undo import EDITABLE_FIELDS


@dataclass(frozen=True)
class UserColumn:
    title: str
    #: The `sort` of a `UserQuery`, or None if the column cannot sort.
    sort_key: str | None
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


COLUMNS = (
    UserColumn(QT_TRANSLATE_NOOP("UsersModel", "Email"), "email"),
    UserColumn(QT_TRANSLATE_NOOP("UsersModel", "Name"), "display_name"),
    UserColumn(QT_TRANSLATE_NOOP("UsersModel", "Department"), "department"),
    UserColumn(QT_TRANSLATE_NOOP("UsersModel", "Enabled"), "enabled", Qt.AlignmentFlag.AlignCenter),
    UserColumn(QT_TRANSLATE_NOOP("UsersModel", "Roles"), None),
)
ROLES_COLUMN = len(COLUMNS) - 1
#: The columns edited in place, and the user field each one shows.
EDITABLE_COLUMNS = {1: EDITABLE_FIELDS[0], 2: EDITABLE_FIELDS[1]}


def cell_text(user: NamedUser, column: int, role_names: Mapping[str, str]) -> str:
    """What a cell shows; roles by their catalog names (`role_names`)."""
    if column == 0:
        return user.email
    if column == 1:
        return user.display_name
    if column == 2:
        return user.department
    if column == 3:
        return translate("UsersModel", "Yes") if user.enabled else translate("UsersModel", "No")
    if user.is_guest:
        return translate("UsersModel", "Guest")
    return ", ".join(sorted(role_names.get(code, code) for code in user.roles))


def roles_tooltip(user: NamedUser) -> str | None:
    notes = [translate("UsersModel", "Administrator of the account")] if user.is_admin else []
    if user.is_guest:
        notes.append(
            translate(
                "UsersModel", "Guest user: uses a unit of the guest add-on, holds no role seat"
            )
        )
    return "\n".join(notes) or None


def italic() -> QFont:
    """The font of a value typed but not saved yet."""
    font = QGuiApplication.font()
    font.setItalic(True)
    return font
