"""Table models over the facade's domain objects.

Each model is a list of immutable records shown through a tuple of `Column`s; the
models never fetch anything themselves. A page loads records in the background and
hands them over (`set_records`, `append_records`). `UsersModel` is ready for
chunked loading: when a view scrolls to its end it asks for more through
`more_wanted`, and the page answers with `append_records`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView

from desktop_admin.domain.accounts import Account
from desktop_admin.domain.audit import AuditEntry, changed_fields
from desktop_admin.domain.users import NamedUser, SeatUsage
from ui.audit_words import action_words, record_words
from ui.formatting import moment, word
from ui.i18n import translate

R = TypeVar("R")
Index = QModelIndex | QPersistentModelIndex

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
CENTER = Qt.AlignmentFlag.AlignCenter

#: The record behind a row, for any column.
RecordRole = Qt.ItemDataRole.UserRole + 1
#: `SeatState` of a row of `SeatsModel`.
SeatStateRole = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column: its title, the text of a record in it, and how to align it."""

    title: str
    text: Callable[[R], str]
    align: Qt.AlignmentFlag = LEFT
    tooltip: Callable[[R], str] | None = None


class RecordsModel(QAbstractTableModel, Generic[R]):
    """A read-only table of records, one per row."""

    columns: Sequence[Column[Any]] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._records: list[R] = []

    # Qt interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.align
        if role == Qt.ItemDataRole.ToolTipRole and column.tooltip is not None:
            return column.tooltip(record) or None
        if role == RecordRole:
            return record
        return self.decoration(record, index.column(), role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("Models", self.columns[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self.columns[section].align
        return None

    # For subclasses
    def decoration(self, record: R, column: int, role: int) -> Any:
        """Colours, fonts and the like of a cell; nothing by default."""
        return None

    # For pages
    def set_records(self, records: Iterable[R]) -> None:
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def append_records(self, records: Sequence[R]) -> None:
        if not records:
            return
        first = len(self._records)
        self.beginInsertRows(QModelIndex(), first, first + len(records) - 1)
        self._records.extend(records)
        self.endInsertRows()

    def records(self) -> Sequence[R]:
        return tuple(self._records)

    def record(self, row: int) -> R:
        return self._records[row]

    def row_where(self, matches: Callable[[R], bool]) -> int:
        """The first row whose record matches, or -1."""
        return next((row for row, r in enumerate(self._records) if matches(r)), -1)

    def current_record(self, view: QAbstractItemView) -> R | None:
        """The record at the view's current row, or None when there is none."""
        row = view.selectionModel().currentIndex().row()
        return self._records[row] if 0 <= row < len(self._records) else None


class AccountsModel(RecordsModel[Account]):
    columns = (
        Column[Account](
            QT_TRANSLATE_NOOP("Models", "Name"), lambda a: a.name, tooltip=lambda a: a.address or ""
        ),
        Column[Account](
            QT_TRANSLATE_NOOP("Models", "Audience"), lambda a: word(a.audience.value).capitalize()
        ),
        Column[Account](QT_TRANSLATE_NOOP("Models", "Country"), lambda a: a.country, CENTER),
        Column[Account](QT_TRANSLATE_NOOP("Models", "Language"), lambda a: a.language, CENTER),
    )

    def account_id(self, row: int) -> int | None:
        return self.record(row).id if 0 <= row < self.rowCount() else None


class SeatState(StrEnum):
    """How full a role is: from `WARNING_SHARE` of the seats in use, a warning."""

    NORMAL = "normal"
    WARNING = "warning"
    OVER_ASSIGNED = "over-assigned"


WARNING_SHARE = 0.8
SEAT_COLOURS: Mapping[SeatState, tuple[QColor, QColor]] = {
    # background, text: dark text on light tints stays readable in dark themes too
    SeatState.WARNING: (QColor("#fdebc0"), QColor("#4d3800")),
    SeatState.OVER_ASSIGNED: (QColor("#f7c6c5"), QColor("#5f1212")),
}


def seat_state(usage: SeatUsage) -> SeatState:
    if usage.over_assigned:
        return SeatState.OVER_ASSIGNED
    if usage.purchased and usage.in_use >= WARNING_SHARE * usage.purchased:
        return SeatState.WARNING
    return SeatState.NORMAL


def _use_share(usage: SeatUsage) -> str:
    if not usage.purchased:
        return "—" if not usage.in_use else translate("Models", "no seats bought")
    return f"{round(100 * usage.in_use / usage.purchased)} %"


def _free(usage: SeatUsage) -> str:
    if usage.over_assigned:
        return translate("Models", "{count} over").format(count=usage.in_use - usage.purchased)
    return str(usage.free)


def _seat_tooltip(usage: SeatUsage) -> str:
    state = seat_state(usage)
    if state is SeatState.OVER_ASSIGNED:
        return translate("Models", "Over-assigned: {in_use} in use for {bought} bought.").format(
            in_use=usage.in_use, bought=usage.purchased
        )
    if state is SeatState.WARNING:
        return translate("Models", "{free} of {bought} seats left.").format(
            free=usage.free, bought=usage.purchased
        )
    return str(usage)


class SeatsModel(RecordsModel[SeatUsage]):
    columns = (
        Column[SeatUsage](
            QT_TRANSLATE_NOOP("Models", "Role"), lambda s: s.name, tooltip=_seat_tooltip
        ),
        Column[SeatUsage](QT_TRANSLATE_NOOP("Models", "Bought"), lambda s: str(s.purchased), RIGHT),
        Column[SeatUsage](QT_TRANSLATE_NOOP("Models", "In use"), lambda s: str(s.in_use), RIGHT),
        Column[SeatUsage](QT_TRANSLATE_NOOP("Models", "Free"), _free, RIGHT),
        Column[SeatUsage](
            QT_TRANSLATE_NOOP("Models", "Use"), _use_share, RIGHT, tooltip=_seat_tooltip
        ),
    )

    def decoration(self, record: SeatUsage, column: int, role: int) -> Any:
        state = seat_state(record)
        if role == SeatStateRole:
            return state.value
        colours = SEAT_COLOURS.get(state)
        if colours is None:
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return colours[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            return colours[1]
        return None


class UsersModel(RecordsModel[NamedUser]):
    """Users of one account, loaded a chunk at a time."""

    #: The view reached the last loaded row: the page should load from this offset.
    more_wanted = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._role_names: Mapping[str, str] = {}
        self._has_more = False
        self._fetching = False
        self.columns = (
            Column[NamedUser](QT_TRANSLATE_NOOP("Models", "Email"), lambda u: u.email),
            Column[NamedUser](QT_TRANSLATE_NOOP("Models", "Name"), lambda u: u.display_name),
            Column[NamedUser](QT_TRANSLATE_NOOP("Models", "Department"), lambda u: u.department),
            Column[NamedUser](
                QT_TRANSLATE_NOOP("Models", "Enabled"),
                lambda u: translate("Models", "Yes") if u.enabled else translate("Models", "No"),
                CENTER,
            ),
            Column[NamedUser](
                QT_TRANSLATE_NOOP("Models", "Roles"), self._roles_text, tooltip=self._roles_tooltip
            ),
        )

    @property
    def has_more(self) -> bool:
        return self._has_more

    def set_role_names(self, names: Mapping[str, str]) -> None:
        """Show roles by their catalog names rather than their codes."""
        if names == self._role_names:
            return
        self._role_names = dict(names)
        if self._records:
            roles = len(self.columns) - 1
            self.dataChanged.emit(self.index(0, roles), self.index(len(self._records) - 1, roles))

    def set_chunk(self, records: Sequence[NamedUser], has_more: bool, *, first: bool) -> None:
        """The first chunk of a new query (replacing the rows) or the next one."""
        self._fetching = False
        self._has_more = has_more
        if first:
            self.set_records(records)
        else:
            self.append_records(records)

    def fetch_failed(self) -> None:
        self._fetching = False

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._has_more and not self._fetching

    def fetchMore(self, parent: Index) -> None:
        if self.canFetchMore(parent):
            self._fetching = True
            self.more_wanted.emit(len(self._records))

    def decoration(self, record: NamedUser, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.ForegroundRole and not record.enabled:
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    def _roles_text(self, user: NamedUser) -> str:
        if user.is_guest:
            return translate("Models", "Guest")
        return ", ".join(sorted(self._role_names.get(code, code) for code in user.roles))

    def _roles_tooltip(self, user: NamedUser) -> str:
        notes = [translate("Models", "Administrator of the account")] if user.is_admin else []
        if user.is_guest:
            notes.append(
                translate(
                    "Models", "Guest user: uses a unit of the guest add-on, holds no role seat"
                )
            )
        return "\n".join(notes)


def _plain(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return translate("Models", "yes") if value else translate("Models", "no")
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value)) or translate("Models", "none")
    return str(value)


def audit_record(entry: AuditEntry) -> str:
    """'user 42 · jane@example.com': the entity, its id and a name if the snapshot has one."""
    snapshot = entry.after or entry.before or {}
    name = next((snapshot[k] for k in ("email", "name", "login") if snapshot.get(k)), None)
    where = f"{record_words(entry.entity)} {entry.entity_id}"
    return f"{where} · {name}" if name else where


def audit_changes(entry: AuditEntry, shown: int = 3) -> str:
    """For an update, 'field: before → after' of the fields that changed."""
    if entry.before is None or entry.after is None:
        return (
            translate("Models", "created")
            if entry.before is None
            else translate("Models", "removed")
        )
    fields = changed_fields(entry.before, entry.after)
    parts = [
        f"{f}: {_plain(entry.before.get(f))} → {_plain(entry.after.get(f))}" for f in fields[:shown]
    ]
    if len(fields) > shown:
        parts.append(translate("Models", "and {count} more").format(count=len(fields) - shown))
    return "; ".join(parts) or translate("Models", "no change")


class AuditModel(RecordsModel[AuditEntry]):
    columns = (
        Column[AuditEntry](
            QT_TRANSLATE_NOOP("Models", "When"),
            lambda e: moment(e.at),
        ),
        Column[AuditEntry](QT_TRANSLATE_NOOP("Models", "Who"), lambda e: e.actor),
        Column[AuditEntry](
            QT_TRANSLATE_NOOP("Models", "What"),
            lambda e: action_words(e.action),
            tooltip=lambda e: e.action,
        ),
        Column[AuditEntry](QT_TRANSLATE_NOOP("Models", "Record"), audit_record),
        Column[AuditEntry](
            QT_TRANSLATE_NOOP("Models", "Changes"),
            audit_changes,
            tooltip=lambda e: audit_changes(e, 50),
        ),
    )
