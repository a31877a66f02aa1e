"""Data several pages show, loaded once in the background: the accounts and the names of
the catalog's roles and add-ons."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from desktop_admin.app import OperatorSession
from desktop_admin.domain.accounts import Account
from desktop_admin.domain.catalog import Catalog
from ui.models.records import AccountsModel
from ui.tasks import BackgroundTasks


class ReferenceData(QObject):
    """The accounts (one model for every page that lists them) and the catalog's names."""

    #: The accounts and role names were (re)loaded.
    loaded = Signal()
    #: Loading failed with this exception.
    failed = Signal(object)

    def __init__(
        self, session: OperatorSession, tasks: BackgroundTasks, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._channel = tasks.channel(self)
        self.accounts = AccountsModel(self)
        self.role_names: dict[str, str] = {}
        self.addon_names: dict[str, str] = {}

    def reload(self) -> None:
        session = self._session
        self._channel.run(
            lambda: (session.accounts.all(), session.catalog.current()),
            self._loaded,
            self.failed.emit,
        )

    def is_loading(self) -> bool:
        return self._channel.busy

    def _loaded(self, fetched: tuple[list[Account], Catalog]) -> None:
        accounts, catalog = fetched
        self.role_names = {role.code: role.name for role in catalog.roles}
        self.addon_names = {addon.code: addon.name for addon in catalog.addons}
        self.accounts.set_records(accounts)
        self.loaded.emit()
