"""Buying the seats a shortage needs (R14), wherever it shows (the licences, a bulk
change, a refusal): the change dialog of the subscription they would go to, with the
missing quantity filled in, or the purchase dialog when the account has none to change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QWidget

from desktop_admin.app import OperatorSession
from desktop_admin.domain.changes import ChangeRequest
from desktop_admin.services.offers import SeatTopUp
from ui.dialogs.change import ChangeDialog
from ui.dialogs.purchase import PurchaseDialog
from ui.i18n import translate
from ui.operations import Operations
from ui.tasks import TaskChannel

TopUpRead = Callable[[OperatorSession], SeatTopUp]


def seats_of(account_id: int, code: str, adding: int = 0) -> TopUpRead:
    """The read of where more seats of `code` would go, for `adding` more holders."""
    return lambda session: session.subscriptions.seat_top_up(account_id, code, adding=adding)


def buy_more_seats(
    parent: QWidget,
    ops: Operations,
    read: TopUpRead,
    *,
    channel: TaskChannel,
    opened: Callable[[QDialog], None] | None = None,
) -> None:
    """Open the change dialog of the subscription more seats would go to, with the
    missing quantity filled in, or, when the account has none to change, the purchase
    dialog (R14). `opened` is given the dialog."""

    def open_dialog(top_up: SeatTopUp) -> None:
        dialog: QDialog
        if top_up.subscription is None:
            wanted = {top_up.code: top_up.quantity}
            dialog = PurchaseDialog(
                ops,
                top_up.account.id or 0,
                parent,
                seats={} if top_up.is_addon else wanted,
                addons=wanted if top_up.is_addon else {},
            )
        else:
            request = (
                ChangeRequest(addons={top_up.code: top_up.quantity})
                if top_up.is_addon
                else ChangeRequest({top_up.code: top_up.quantity})
            )
            dialog = ChangeDialog(ops, top_up.subscription, parent, proposed=request)
        dialog.open()
        if opened is not None:
            opened(dialog)

    ops.query(
        parent,
        read,
        open_dialog,
        failed=translate("PurchaseDialog", "More seats cannot be bought"),
        channel=channel,
    )
