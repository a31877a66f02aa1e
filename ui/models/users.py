"""The users table of one account: ordered ids for the current filter, rows on demand.

As Anki's browser and DB Browser for SQLite's `RowCache` do it, the model holds the
ids of every matching user in display order (filtering and sorting run in SQL) and
a cache of rows filled a chunk at a time around what the view shows. When the view
asks for a row that is not loaded yet, `data()` answers with a placeholder and the
chunk is requested in the background; when it arrives `dataChanged` repaints it.

A generation counter, raised whenever the id list changes, drops chunks that were
asked for under an older filter or sort order.

The name and department cells are edited in place: `setData` does not write, it asks
for the edit (`edit_requested`) and shows the typed value, in italics, until the page
reports it saved (`user_saved`) or refused (`edit_refused`, the old value returns).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QGuiApplication, QPalette

from desktop_admin.app import OperatorSession
from desktop_admin.domain.users import NamedUser, UserQuery
from ui.i18n import translate
from ui.models.user_columns import (
    COLUMNS,
    EDITABLE_COLUMNS,
    ROLES_COLUMN,
    cell_text,
    italic,
    roles_tooltip,
)
from ui.tasks import BackgroundTasks
from ui.undo import UserEdit

Index = QModelIndex | QPersistentModelIndex

#: Rows fetched per request.
CHUNK = 200
#: Chunks kept in memory (least recently shown ones are dropped first).
MAX_CACHED_CHUNKS = 60
#: Chunks fetched by one background task.
CHUNKS_PER_TASK = 4
#: Chunks waiting to be fetched; older requests (scrolled past) are forgotten.
MAX_WANTED_CHUNKS = 24
#: What a cell shows until its row arrives.
PLACEHOLDER = "…"

#: The user shown in a row (None while it loads), for any column.
UserRole = Qt.ItemDataRole.UserRole + 11
#: The id of the user in a row, known at once.
UserIdRole = Qt.ItemDataRole.UserRole + 12


class UsersModel(QAbstractTableModel):
    """Users matching a `UserQuery`, sorted in SQL, loaded in chunks as they are shown
    (the table's sort order replaces the query's)."""

    #: The id list of a new filter or sort order arrived (the model was reset).
    ids_loaded = Signal()
    #: Loading the ids or rows failed with this exception.
    failed = Signal(object)
    #: A cell was edited: the `ui.undo.UserEdit` to save.
    edit_requested = Signal(object)

    def __init__(
        self, session: OperatorSession, tasks: BackgroundTasks, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._id_loads = tasks.channel(self)
        self._row_loads = tasks.channel(self)
        self._filter: UserQuery | None = None
        self._sort_key, self._descending = "email", False
        self._ids: list[int] = []
        self._generation = 0
        self._chunks: OrderedDict[int, list[NamedUser | None]] = OrderedDict()
        #: Chunks shown from before a reload: shown until their fresh copy arrives.
        self._stale: set[int] = set()
        self._wanted: OrderedDict[int, None] = OrderedDict()
        self._role_names: Mapping[str, str] = {}
        self._editable = False
        #: Values typed but not saved yet, by (user id, field).
        self._pending: dict[tuple[int, str], str] = {}
        self._fetch_timer = QTimer(self)
        self._fetch_timer.setSingleShot(True)
        self._fetch_timer.setInterval(0)
        self._fetch_timer.timeout.connect(self._fetch_wanted)

    # Qt interface
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self.checkIndex(index, QAbstractTableModel.CheckIndexOption.IndexIsValid):
            return None
        row, column = index.row(), index.column()
        if role == UserIdRole:
            return self._ids[row]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[column].align
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.EditRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.ForegroundRole,
            Qt.ItemDataRole.FontRole,
            UserRole,
        ):
            return None
        user = self.user(row)
        if user is None:
            return PLACEHOLDER if role == Qt.ItemDataRole.DisplayRole and column == 0 else None
        if role == UserRole:
            return user
        pending = self._pending_value(user, column)
        if role == Qt.ItemDataRole.FontRole:
            return italic() if pending is not None else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return pending if pending is not None else cell_text(user, column, self._role_names)
        if role == Qt.ItemDataRole.ToolTipRole:
            return roles_tooltip(user) if column == ROLES_COLUMN else None
        if not user.enabled:  # ForegroundRole
            return QGuiApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if (
            self._editable
            and index.isValid()
            and index.column() in EDITABLE_COLUMNS
            and self._loaded(index.row()) is not None
        ):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Ask for the edit to be saved (the page does it, through the service)."""
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        user = self.user(index.row())
        field = EDITABLE_COLUMNS[index.column()]
        if user is None or user.id is None or (user.id, field) in self._pending:
            return False
        old, new = cell_text(user, index.column(), self._role_names), str(value)
        if " ".join(new.split()) == old:
            return False  # nothing changes (spaces around are not kept)
        self._pending[(user.id, field)] = new
        self.dataChanged.emit(index, index)
        self.edit_requested.emit(UserEdit(user.account_id, user.id, user.email, field, old, new))
        return True

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translate("UsersModel", COLUMNS[section].title)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return COLUMNS[section].align
        if role == Qt.ItemDataRole.ToolTipRole and COLUMNS[section].sort_key is None:
            return translate("UsersModel", "This column cannot be sorted.")
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort in SQL: a new id list is fetched in the background."""
        if not 0 <= column < len(COLUMNS) or COLUMNS[column].sort_key is None:
            return
        key = COLUMNS[column].sort_key or "email"
        descending = order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort_key, self._descending):
            return
        self._sort_key, self._descending = key, descending
        if self._filter is not None:
            self._load_ids()

    # For the page
    @property
    def user_filter(self) -> UserQuery | None:
        """The users listed, as asked (`set_filter`)."""
        return self._filter

    @property
    def query(self) -> UserQuery | None:
        """The users listed, in the table's order."""
        if self._filter is None:
            return None
        return self._filter.sorted_by(self._sort_key, self._descending)

    @property
    def sort_key(self) -> tuple[str, bool]:
        return self._sort_key, self._descending

    def ids(self) -> Sequence[int]:
        """The ids of every user the filter matches, in display order."""
        return self._ids

    def id_at(self, row: int) -> int:
        return self._ids[row]

    def _loaded(self, row: int) -> NamedUser | None:
        """The user of a row if loaded, without asking for it (Qt asks flags of any row)."""
        rows = self._chunks.get(row // CHUNK)
        return None if rows is None else rows[row % CHUNK]

    def user(self, row: int) -> NamedUser | None:
        """The user of a row if loaded; if not (or only an old copy is), it is requested."""
        chunk = row // CHUNK
        rows = self._chunks.get(chunk)
        if rows is None:
            self._want(chunk)
            return None
        self._chunks.move_to_end(chunk)
        if chunk in self._stale:
            self._want(chunk)
        return rows[row - chunk * CHUNK]

    def is_loading(self) -> bool:
        return (
            self._id_loads.busy
            or self._row_loads.busy
            or bool(self._wanted)
            or self._fetch_timer.isActive()
        )

    def is_listing(self) -> bool:
        """Whether a new id list is being fetched."""
        return self._id_loads.busy

    def set_editable(self, editable: bool) -> None:
        """Whether names and departments are edited in place (the operator may)."""
        self._editable = editable

    def user_saved(self, saved: NamedUser, field: str | None = None) -> None:
        """A user was saved (an edit of `field`, its undo or redo): show it as saved. A
        value typed in the user's other field and still on its way stays shown."""
        self._forget_pending(saved.id, field)
        row = self._loaded_row(saved.id)
        if row >= 0:
            self._chunks[row // CHUNK][row % CHUNK] = saved
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _loaded_row(self, user_id: int | None) -> int:
        """The row of a user among the rows loaded, or -1 (a million ids are not searched)."""
        for chunk, rows in self._chunks.items():
            for offset, user in enumerate(rows):
                if user is not None and user.id == user_id:
                    return chunk * CHUNK + offset
        return -1

    def edit_refused(self, edit: UserEdit) -> None:
        """The edit was not saved: the cell shows the user's value again."""
        self._forget_pending(edit.user_id, edit.field)

    def _forget_pending(self, user_id: int | None, field: str | None = None) -> None:
        keys = [k for k in self._pending if k[0] == user_id and field in (None, k[1])]
        for key in keys:
            del self._pending[key]
        row = self._loaded_row(user_id) if keys else -1
        if row >= 0:
            self.dataChanged.emit(self.index(row, 1), self.index(row, 2))

    def _pending_value(self, user: NamedUser, column: int) -> str | None:
        field = EDITABLE_COLUMNS.get(column)
        if field is None or user.id is None or not self._pending:
            return None
        return self._pending.get((user.id, field))

    def set_role_names(self, names: Mapping[str, str]) -> None:
        """Show roles by their catalog names rather than their codes."""
        if names == self._role_names:
            return
        self._role_names = dict(names)
        if self._ids:
            self.dataChanged.emit(
                self.index(0, ROLES_COLUMN), self.index(len(self._ids) - 1, ROLES_COLUMN)
            )

    def set_filter(self, user_filter: UserQuery | None) -> None:
        """List the users matching `user_filter` (nothing for None), in the table's order."""
        self._filter = user_filter
        if user_filter is None:
            self._id_loads.cancel()
            self._replace_ids([])
            return
        self._load_ids()

    def reload(self) -> None:
        """Fetch the ids and the shown rows again (the users changed); rows already shown
        stay until their fresh copy arrives."""
        if self._filter is not None:
            self._load_ids()

    # Loading the ids
    def _load_ids(self) -> None:
        session, query = self._session, self.query
        assert query is not None
        self._id_loads.run(lambda: session.users.ids(query), self._ids_arrived, self._failed)

    def _ids_arrived(self, ids: list[int]) -> None:
        if ids == self._ids:  # a reload with the same rows: refresh them in place
            self._new_generation()
            self._stale = set(self._chunks)
            if self._ids:
                last = len(self._ids) - 1
                self.dataChanged.emit(self.index(0, 0), self.index(last, len(COLUMNS) - 1))
        else:
            self._replace_ids(ids)
        self.ids_loaded.emit()

    def _replace_ids(self, ids: list[int]) -> None:
        self.beginResetModel()
        self._ids = ids
        self._chunks.clear()
        self._stale.clear()
        self._new_generation()
        self.endResetModel()

    def _new_generation(self) -> None:
        """Whatever rows are on their way belong to the old id list: drop them."""
        self._generation += 1
        self._row_loads.cancel()
        self._wanted.clear()
        self._fetch_timer.stop()

    def _failed(self, error: Exception) -> None:
        self.failed.emit(error)

    # Loading rows
    def _want(self, chunk: int) -> None:
        self._wanted[chunk] = None
        self._wanted.move_to_end(chunk)
        while len(self._wanted) > MAX_WANTED_CHUNKS:
            self._wanted.popitem(last=False)
        if not self._row_loads.busy and not self._fetch_timer.isActive():
            self._fetch_timer.start()

    def _fetch_wanted(self) -> None:
        """Fetch the chunks asked for most recently (those the view shows now)."""
        if self._row_loads.busy or not self._wanted:
            return
        batch = list(self._wanted)[-CHUNKS_PER_TASK:]
        for chunk in batch:
            del self._wanted[chunk]
        wanted = {chunk: self._ids[chunk * CHUNK : (chunk + 1) * CHUNK] for chunk in batch}
        session, generation = self._session, self._generation
        self._row_loads.run(
            lambda: {c: session.users.by_ids(ids) for c, ids in wanted.items()},
            lambda loaded: self._rows_arrived(generation, wanted, loaded),
            self._failed,
        )

    def _rows_arrived(
        self,
        generation: int,
        wanted: Mapping[int, list[int]],
        loaded: Mapping[int, list[NamedUser]],
    ) -> None:
        if generation != self._generation:
            return  # asked for under another filter or sort order
        for chunk, users in loaded.items():
            by_id = {u.id: u for u in users}
            # A user removed meanwhile stays a placeholder until the next reload.
            self._chunks[chunk] = [by_id.get(uid) for uid in wanted[chunk]]
            self._chunks.move_to_end(chunk)
            self._stale.discard(chunk)
            first = chunk * CHUNK
            last = min(first + CHUNK, len(self._ids)) - 1
            self.dataChanged.emit(self.index(first, 0), self.index(last, len(COLUMNS) - 1))
        while len(self._chunks) > MAX_CACHED_CHUNKS:
            dropped, _rows = self._chunks.popitem(last=False)
            self._stale.discard(dropped)
        if self._wanted:
            self._fetch_wanted()
