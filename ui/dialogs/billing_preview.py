"""What a billing run would do, as the billing dialog shows it before "Run": a tree of
the invoices it issues (drafts and renewals, with their totals), the scheduled changes
due with their seat check (R15: fits, blocked, or the users a draw disables), the
subscriptions and trials that end, and what would stop a renewal."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from desktop_admin.domain.changes import ChangeProduct
from desktop_admin.domain.lifecycle import SeatCheck
from desktop_admin.domain.users import NamedUser
from desktop_admin.services.billing_preview import BillingPreview, ChangePreview, EndPreview
from ui.formatting import counted, day, money, span, word
from ui.i18n import translate

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def change_text(change: ChangePreview) -> str:
    """'Acme Studio, subscription 3: Designer → 5: 3 users disabled (R15)'."""
    scheduled = change.change
    if scheduled.product is ChangeProduct.CYCLE and scheduled.cycle is not None:
        what = translate("BillingPreview", "cycle → {cycle}").format(
            cycle=word(scheduled.cycle.value)
        )
    else:
        what = f"{change.product or scheduled.code} → {scheduled.quantity}"
    outcome = {
        None: translate("BillingPreview", "applied"),
        SeatCheck.FITS: translate("BillingPreview", "the holders fit, applied"),
        SeatCheck.BLOCKED: translate("BillingPreview", "blocked (R15)"),
        SeatCheck.DISABLE: counted(
            len(change.disabled),
            translate("BillingPreview", "applied, {count} user disabled (R15)"),
            translate("BillingPreview", "applied, {count} users disabled (R15)"),
        ),
    }[change.seat_check]
    return translate("BillingPreview", "{account}, subscription {id}: {what}: {outcome}").format(
        account=change.account, id=change.subscription_id, what=what, outcome=outcome
    )


def seat_check_text(change: ChangePreview) -> str:
    """The seat check's figures (R15): '3 enabled users hold the role, 1 seat after the
    change; it renews at the previous quantity.'"""
    held = counted(
        change.held,
        translate("BillingPreview", "{count} enabled user holds the role"),
        translate("BillingPreview", "{count} enabled users hold the role"),
    )
    seats = counted(
        change.seats,
        translate("BillingPreview", "{count} seat after the change"),
        translate("BillingPreview", "{count} seats after the change"),
    )
    then = "."
    if change.seat_check is SeatCheck.BLOCKED:
        then = translate("BillingPreview", "; it renews at the previous quantity.")
    elif change.seat_check is SeatCheck.DISABLE:
        then = translate("BillingPreview", "; a draw disables (never an Administrator):")
    return f"{held}, {seats}{then}"


def user_text(user: NamedUser) -> str:
    return f"{user.display_name} <{user.email}>" if user.display_name else user.email


class PreviewTree(QTreeWidget):
    """A `BillingPreview` in groups, each item one thing the run does."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("billing_preview")
        self.setColumnCount(2)
        self.setHeaderLabels(
            [translate("BillingPreview", "What the run does"), translate("BillingPreview", "Total")]
        )
        self.setUniformRowHeights(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 130)
        self.headerItem().setTextAlignment(1, RIGHT)

    def show_preview(self, preview: BillingPreview) -> None:
        self.clear()
        invoices = len(preview.drafts) + len(preview.renewals)
        totals = "  ".join(money(total, code) for code, total in preview.invoiced.items())
        group = self._group(
            counted(
                invoices,
                translate("BillingPreview", "{count} invoice to issue"),
                translate("BillingPreview", "{count} invoices to issue"),
            ),
            totals,
        )
        for draft in preview.drafts:
            self._item(
                group,
                translate("BillingPreview", "{account}: draft upgrade invoice{of}").format(
                    account=draft.buyer.name, of=self._of(draft.subscription_id)
                ),
                money(draft.totals.total, draft.currency),
            )
        for renewal in preview.renewals:
            self._item(
                group,
                translate(
                    "BillingPreview", "{account}, subscription {id}: renewal {period}"
                ).format(
                    account=renewal.account,
                    id=renewal.subscription_id,
                    period=span(renewal.period.start, renewal.period.last_day),
                ),
                money(renewal.total, renewal.invoice.currency),
            )
        self._changes(preview.changes)
        self._ends(preview)
        if preview.problems:
            group = self._group(translate("BillingPreview", "Renewals that would stop"))
            for problem in preview.problems:
                self._item(group, problem)
        for group in self.groups():
            group.setHidden(group.childCount() == 0)
        self.expandAll()

    def groups(self) -> list[QTreeWidgetItem]:
        found = (self.topLevelItem(row) for row in range(self.topLevelItemCount()))
        return [item for item in found if item is not None]

    @staticmethod
    def _of(subscription_id: int | None) -> str:
        if subscription_id is None:
            return ""
        return translate("BillingPreview", " (subscription {id})").format(id=subscription_id)

    def _changes(self, changes: Sequence[ChangePreview]) -> None:
        group = self._group(
            counted(
                len(changes),
                translate("BillingPreview", "{count} scheduled change due"),
                translate("BillingPreview", "{count} scheduled changes due"),
            )
        )
        for change in changes:
            item = self._item(group, change_text(change))
            if change.seat_check is not None:
                self._item(item, seat_check_text(change))
            for user in change.disabled:
                self._item(item, user_text(user))

    def _ends(self, preview: BillingPreview) -> None:
        ended: Sequence[EndPreview] = preview.ended
        group = self._group(
            counted(
                len(ended),
                translate("BillingPreview", "{count} subscription ends (renewal off, R09)"),
                translate("BillingPreview", "{count} subscriptions end (renewal off, R09)"),
            )
        )
        for end in ended:
            self._item(
                group,
                translate("BillingPreview", "{account}, subscription {id}: ends on {date}").format(
                    account=end.account, id=end.subscription_id, date=day(end.on)
                ),
            )
        trials = preview.trials_ended
        group = self._group(
            counted(
                len(trials),
                translate("BillingPreview", "{count} trial ends (R18)"),
                translate("BillingPreview", "{count} trials end (R18)"),
            )
        )
        for trial in trials:
            self._item(
                group,
                translate(
                    "BillingPreview", "{account}, subscription {id}: trial ended on {date}"
                ).format(account=trial.account, id=trial.subscription_id, date=day(trial.on)),
            )

    def _group(self, text: str, total: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem(self, [text, total])
        font = item.font(0)
        font.setBold(True)
        for column in (0, 1):
            item.setFont(column, font)
        item.setTextAlignment(1, RIGHT)
        return item

    @staticmethod
    def _item(parent: QTreeWidgetItem, text: str, total: str = "") -> QTreeWidgetItem:
        item = QTreeWidgetItem(parent, [text, total])
        item.setTextAlignment(1, RIGHT)
        item.setToolTip(0, text)
        item.setFirstColumnSpanned(not total)  # a sentence without an amount: all the width
        return item

    def lines(self) -> list[str]:
        """What the tree shows, one line per item, children indented (for the tests)."""
        found: list[str] = []

        def walk(item: QTreeWidgetItem | None, depth: int) -> None:
            if item is None or item.isHidden():
                return
            total = f" | {item.text(1)}" if item.text(1) else ""
            found.append("  " * depth + item.text(0) + total)
            for row in range(item.childCount()):
                walk(item.child(row), depth + 1)

        for group in self.groups():
            walk(group, 0)
        return found
