"""The account selector of the pages that show one account at a time (licences,
subscriptions, quotes, invoices) and the bar that carries it at the top of a page."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from ui.reference import ReferenceData


class AccountCombo(QComboBox):
    """The account a page shows, chosen among `ReferenceData`'s accounts and kept
    across their reloads."""

    #: The operator chose another account, or the accounts were reloaded.
    account_changed = Signal()

    def __init__(self, reference: ReferenceData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("account_combo")
        self._accounts = reference.accounts
        self._before_reload: int | None = None
        self.setModel(reference.accounts)
        self.setMinimumContentsLength(24)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        reference.accounts.modelAboutToBeReset.connect(self._remember)
        reference.loaded.connect(self._restore)
        self.currentIndexChanged.connect(lambda _row: self.account_changed.emit())

    def account_id(self) -> int | None:
        return self._accounts.account_id(self.currentIndex())

    def select_account(self, account_id: int) -> None:
        row = self._accounts.row_where(lambda a: a.id == account_id)
        if row >= 0:
            self.setCurrentIndex(row)

    def _remember(self) -> None:
        self._before_reload = self.account_id()

    def _restore(self) -> None:
        row = self._accounts.row_where(lambda a: a.id == self._before_reload)
        if row < 0 and self._accounts.rowCount():
            row = 0
        with QSignalBlocker(self):
            self.setCurrentIndex(row)
        self.account_changed.emit()


def account_bar(label: str, combo: AccountCombo) -> QHBoxLayout:
    """A page's account bar: its label, the combo, then a stretch (a page adds its own
    buttons after it). The page translates the label in its own context."""
    bar = QHBoxLayout()
    bar.addWidget(QLabel(label))
    bar.addWidget(combo)
    bar.addStretch(1)
    return bar
