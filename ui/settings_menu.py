"""The Settings menu's administration: the seller's details, the operators, the catalog
import. Each entry shows only to an operator whose role may use it (Administrators);
the services refuse anyone else all the same. Each dialog is window-modal and does
not block the event loop; the last one opened is kept for the tests."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu, QWidget

from desktop_admin.domain.operators import Permission
from ui.dialogs.catalog_import import CatalogImportDialog
from ui.dialogs.operators import OperatorsDialog
from ui.dialogs.seller import SellerDialog
from ui.i18n import translate
from ui.operations import Operations

D = TypeVar("D", bound=QDialog)


class SettingsActions(QObject):
    """The actions "Seller details…", "Operators…", "Import catalog…" and the dialogs
    they open."""

    #: A sentence for the status bar ("Seller details saved.").
    said = Signal(str)

    def __init__(self, ops: Operations, window: QWidget) -> None:
        super().__init__(window)
        self._ops, self._window = ops, window
        self.seller_action = QAction(translate("SettingsActions", "&Seller details…"), window)
        self.operators_action = QAction(translate("SettingsActions", "&Operators…"), window)
        self.catalog_action = QAction(translate("SettingsActions", "&Import catalog…"), window)
        self.seller_action.setObjectName("seller_action")
        self.operators_action.setObjectName("operators_action")
        self.catalog_action.setObjectName("catalog_action")
        session = ops.session
        self.seller_action.setVisible(session.may(Permission.MANAGE_CATALOG))
        self.catalog_action.setVisible(session.may(Permission.MANAGE_CATALOG))
        self.operators_action.setVisible(session.may(Permission.MANAGE_OPERATORS))
        self.seller_action.triggered.connect(self.open_seller)
        self.operators_action.triggered.connect(self.open_operators)
        self.catalog_action.triggered.connect(self.open_catalog_import)
        self.dialog: QDialog | None = None

    def add_to(self, menu: QMenu) -> None:
        for action in (self.seller_action, self.operators_action, self.catalog_action):
            menu.addAction(action)
        if any(a.isVisible() for a in menu.actions()):
            menu.addSeparator()

    def actions(self) -> tuple[QAction, ...]:
        return (self.seller_action, self.operators_action, self.catalog_action)

    def open_seller(self) -> SellerDialog:
        dialog = SellerDialog(self._ops, self._window)
        dialog.saved.connect(
            lambda _details: self.said.emit(translate("SettingsActions", "Seller details saved."))
        )
        return self._open(dialog)

    def open_operators(self) -> OperatorsDialog:
        return self._open(OperatorsDialog(self._ops, self._window))

    def open_catalog_import(self) -> CatalogImportDialog:
        dialog = CatalogImportDialog(self._ops, self._window)
        dialog.imported.connect(
            lambda _result: self.said.emit(translate("SettingsActions", "Catalog imported."))
        )
        return self._open(dialog)

    def _open(self, dialog: D) -> D:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda: self._gone(dialog))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _gone(self, dialog: QDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
