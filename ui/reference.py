"""Data several pages show, loaded once in the background: the accounts and the names of
the catalog's roles and add-ons, reloaded after an operation that changes them."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_admin.app import Changes
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.catalog import Catalog
from ui.models.records import AccountsModel
from ui.operations import Operations


class ReferenceData(QObject):
    """The accounts (one model for every page that lists them) and the catalog's names."""

    #: What this data is made of: an operation that changes one reloads it.
    shows = Changes.ACCOUNTS | Changes.CATALOG
    #: The accounts and role names were (re)loaded.
    loaded = Signal()
    #: Loading failed with this exception.
    failed = Signal(object)

    def __init__(self, ops: Operations, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ops = ops
        self._channel = ops.tasks.channel(self)
        self.accounts = AccountsModel(self)
        self.role_names: dict[str, str] = {}
        self.addon_names: dict[str, str] = {}
        ops.operation_did_execute.connect(self._operation_did_execute)

    def reload(self) -> None:
        self._ops.query(
            self,
            lambda session: (session.accounts.all(), session.catalog.current()),
            self._loaded,
            failed=self.failed.emit,
            channel=self._channel,
        )

    def is_loading(self) -> bool:
        return self._channel.busy

    def _operation_did_execute(self, changes: Changes, _initiator: object) -> None:
        if changes.touches(self.shows):
            self.reload()

    def _loaded(self, fetched: tuple[list[Account], Catalog]) -> None:
        accounts, catalog = fetched
        self.role_names = {role.code: role.name for role in catalog.roles}
        self.addon_names = {addon.code: addon.name for addon in catalog.addons}
        self.accounts.set_records(accounts)
        self.loaded.emit()
