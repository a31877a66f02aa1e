"""The dashboard: seats bought against seats in use per role, revenue by month, and what
falls due in the next 30 days (renewals, downgrades) or is stuck (blocked downgrades)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHeaderView,
    QLabel,
    QStackedWidget,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_admin.app import Changes
from desktop_admin.domain.changes import ChangeProduct
from desktop_admin.services.dashboard import ChangeDue, Dashboard, Renewal, Revenue
from ui.formatting import day, money, month, short_month, word
from ui.i18n import role_label, translate
from ui.operations import Operations
from ui.pages.base import Page
from ui.widgets.basics import bare_box, bold_label, muted

BOUGHT_COLOUR, IN_USE_COLOUR = QColor("#98c1d9"), QColor("#3d5a80")
REVENUE_COLOUR, AHEAD_COLOUR = QColor("#3d5a80"), QColor("#c5d5e4")


def nice_maximum(value: float) -> float:
    """A round number at or above `value` for a chart's axis (10, 20, 50, 100, ...)."""
    if value <= 0:
        return 10.0
    step = 1.0
    while step * 10 < value:
        step *= 10
    for multiple in (1, 2, 5, 10):
        if step * multiple >= value:
            return step * multiple
    return step * 10


def renewal_text(renewal: Renewal) -> str:
    if renewal.auto_renew:
        return translate("DashboardPage", "Renews ({cycle})").format(
            cycle=word(renewal.cycle.value)
        )
    return translate("DashboardPage", "Ends (no automatic renewal)")


def change_text(due: ChangeDue) -> str:
    change = due.change
    if change.product is ChangeProduct.CYCLE:
        cycle = word(change.cycle.value if change.cycle else "?")
        return translate("DashboardPage", "Billing cycle → {cycle}").format(cycle=cycle)
    return translate("DashboardPage", "{item} → {quantity}").format(
        item=due.item_name, quantity=change.quantity
    )


def month_labels(months: Sequence[date]) -> list[str]:
    """Short month names for a chart's axis, made distinct (the axis drops repeated
    labels) by invisible zero-width spaces: April 2025 and April 2026 both read "Apr"."""
    years = sorted({m.year for m in months})
    return [short_month(m) + "\u200b" * years.index(m.year) for m in months]


def chart_view(chart: QChart, name: str) -> QChartView:
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setBackgroundRoundness(0)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    view = QChartView(chart)
    view.setObjectName(name)
    view.setFrameShape(QChartView.Shape.NoFrame)
    view.setBackgroundBrush(view.palette().window())
    chart.setBackgroundVisible(False)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(260)
    return view


def list_widget(name: str, headers: Sequence[str]) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setHeaderLabels(list(headers))
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
    tree.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    tree.setUniformRowHeights(True)
    tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    tree.setTextElideMode(Qt.TextElideMode.ElideRight)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
    return tree


class DashboardPage(Page):
    shows = (
        Changes.SUBSCRIPTIONS
        | Changes.ASSIGNMENTS
        | Changes.INVOICES
        | Changes.CATALOG
        | Changes.USERS
    )

    def __init__(self, ops: Operations, parent: QWidget | None = None) -> None:
        super().__init__(
            translate("DashboardPage", "Dashboard"),
            translate(
                "DashboardPage",
                "Seats bought and in use, revenue by month, and what falls due in 30 days.",
            ),
            ops,
            parent,
        )
        self._channel = self.channel()
        self.dashboard: Dashboard | None = None
        self._revenue: Revenue | None = None
        self._build_seats_chart()
        self._build_revenue_chart()
        self._build_lists()
        self.body.addLayout(self._grid(), 1)

    def _build_lists(self) -> None:
        when, account = translate("DashboardPage", "Date"), translate("DashboardPage", "Account")
        change = translate("DashboardPage", "Change")
        self.renewals = list_widget("renewals", (when, account, translate("DashboardPage", "What")))
        self.changes = list_widget("changes", (when, account, change))
        self.blocked = list_widget("blocked", (when, account, change))

    def _grid(self) -> QGridLayout:
        """Charts on top (seats, revenue), lists below (renewals, downgrades, blocked)."""
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(6)
        for title, widget, row, column, width in (
            (translate("DashboardPage", "Seats per role"), self.seats_view, 0, 0, 2),
            (translate("DashboardPage", "Revenue by month"), self.revenue_stack, 0, 2, 4),
            (translate("DashboardPage", "Renewals in the next 30 days"), self.renewals, 1, 0, 2),
            (translate("DashboardPage", "Downgrades in the next 30 days"), self.changes, 1, 2, 2),
            (translate("DashboardPage", "Blocked downgrades"), self.blocked, 1, 4, 2),
        ):
            grid.addWidget(self._titled(title, widget), row, column, 1, width)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        for column in range(6):
            grid.setColumnStretch(column, 1)
        return grid

    @staticmethod
    def _titled(title: str, widget: QWidget) -> QWidget:
        return bare_box(QVBoxLayout, bold_label(title), (widget, 1), spacing=4)

    def _build_seats_chart(self) -> None:
        self.seats_bought = QBarSet(translate("DashboardPage", "Bought"))
        self.seats_bought.setColor(BOUGHT_COLOUR)
        self.seats_in_use = QBarSet(translate("DashboardPage", "In use"))
        self.seats_in_use.setColor(IN_USE_COLOUR)
        self.seats_series = QHorizontalBarSeries()
        self.seats_series.append([self.seats_bought, self.seats_in_use])
        self.seats_series.setLabelsVisible(True)
        self.seats_series.setLabelsPosition(QHorizontalBarSeries.LabelsPosition.LabelsOutsideEnd)
        for bar_set in (self.seats_bought, self.seats_in_use):
            bar_set.setLabelColor(self.palette().windowText().color())
        self.seats_roles = QBarCategoryAxis()
        self.seats_axis = QValueAxis()
        self.seats_axis.setLabelFormat("%d")
        chart = QChart()
        chart.addSeries(self.seats_series)
        chart.addAxis(self.seats_roles, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(self.seats_axis, Qt.AlignmentFlag.AlignBottom)
        self.seats_series.attachAxis(self.seats_roles)
        self.seats_series.attachAxis(self.seats_axis)
        self.seats_view = chart_view(chart, "seats_chart")

    def _build_revenue_chart(self) -> None:
        self.revenue_set = QBarSet(translate("DashboardPage", "Net revenue"))
        self.revenue_set.setColor(REVENUE_COLOUR)
        self.revenue_set.setSelectedColor(AHEAD_COLOUR)
        self.revenue_set.hovered.connect(self._revenue_hovered)
        self.revenue_series = QBarSeries()
        self.revenue_series.append(self.revenue_set)
        self.revenue_months = QBarCategoryAxis()
        small = self.revenue_months.labelsFont()
        small.setPointSizeF(small.pointSizeF() * 0.85)
        self.revenue_months.setLabelsFont(small)
        self.revenue_axis = QValueAxis()
        self.revenue_axis.setLabelFormat("%.0f")
        chart = QChart()
        chart.addSeries(self.revenue_series)
        chart.addAxis(self.revenue_months, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.revenue_axis, Qt.AlignmentFlag.AlignLeft)
        self.revenue_series.attachAxis(self.revenue_months)
        self.revenue_series.attachAxis(self.revenue_axis)
        chart.legend().hide()
        self.revenue_view = chart_view(chart, "revenue_chart")
        self.revenue_total = muted(QLabel())
        self.revenue_total.setObjectName("revenue_total")
        self.revenue_total.setWordWrap(True)
        with_total = bare_box(QVBoxLayout, (self.revenue_view, 1), self.revenue_total)
        self.revenue_refused = QLabel(
            translate("DashboardPage", "Your role ({role}) may not read invoices.").format(
                role=role_label(self._session.operator.role)
            )
        )
        self.revenue_refused.setObjectName("revenue_refused")
        self.revenue_refused.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.revenue_refused.setWordWrap(True)
        self.revenue_stack = QStackedWidget()
        self.revenue_stack.addWidget(with_total)
        self.revenue_stack.addWidget(self.revenue_refused)

    def refresh(self) -> None:
        self._ops.query(
            self,
            lambda session: session.billing.dashboard(),
            self._loaded,
            failed=translate("DashboardPage", "The dashboard could not be loaded"),
            channel=self._channel,
        )

    def _loaded(self, dashboard: Dashboard) -> None:
        self.dashboard = dashboard
        self._show_seats(dashboard)
        self._show_revenue(dashboard)
        self._fill(
            self.renewals,
            [(r.due_on, r.account_name, renewal_text(r)) for r in dashboard.renewals],
            translate("DashboardPage", "No renewal in the next 30 days."),
        )
        self._fill(
            self.changes,
            [(c.change.effective_on, c.account_name, change_text(c)) for c in dashboard.changes],
            translate("DashboardPage", "No downgrade in the next 30 days."),
        )
        self._fill(
            self.blocked,
            [(c.change.effective_on, c.account_name, change_text(c)) for c in dashboard.blocked],
            translate("DashboardPage", "No blocked downgrade."),
        )
        self.status_message.emit(
            translate("DashboardPage", "Dashboard of {day} loaded.").format(
                day=day(dashboard.today)
            )
        )

    def _show_seats(self, dashboard: Dashboard) -> None:
        # A horizontal chart draws its first category at the bottom: reversed, the
        # roles read top-down in the catalog's order.
        seats = list(reversed(dashboard.seats))
        self.seats_bought.remove(0, self.seats_bought.count())
        self.seats_in_use.remove(0, self.seats_in_use.count())
        self.seats_bought.append([float(s.purchased) for s in seats])
        self.seats_in_use.append([float(s.in_use) for s in seats])
        self.seats_roles.setCategories([s.name for s in seats])
        highest = max([0] + [max(s.purchased, s.in_use) for s in seats])
        self.seats_axis.setRange(0, nice_maximum(highest * 1.1))

    def _show_revenue(self, dashboard: Dashboard) -> None:
        if dashboard.revenue is None:
            self._revenue = None
            self.revenue_stack.setCurrentWidget(self.revenue_refused)
            return
        self.revenue_stack.setCurrentIndex(0)
        revenue = self._revenue = dashboard.revenue[0]
        self.revenue_set.remove(0, self.revenue_set.count())
        self.revenue_set.append([float(m.net) for m in revenue.months])
        this_month = dashboard.today.replace(day=1)
        self.revenue_set.selectBars(
            [i for i, m in enumerate(revenue.months) if m.month > this_month]
        )
        self.revenue_months.setCategories(month_labels([m.month for m in revenue.months]))
        first, last = revenue.months[0].month, revenue.months[-1].month
        self.revenue_months.setTitleText(f"{month(first)} – {month(last)}")
        nets = [float(m.net) for m in revenue.months]
        low = min([0.0, *nets])
        self.revenue_axis.setRange(
            -nice_maximum(-low * 1.1) if low < 0 else 0, nice_maximum(max(nets) * 1.1)
        )
        self.revenue_axis.setTitleText(revenue.currency)
        past = [m for m in revenue.months if m.month <= this_month]
        total = sum((m.net for m in past), Decimal(0))
        self.revenue_total.setText(
            translate(
                "DashboardPage",
                "Net over the last {count} months: {amount}. Lighter bars: months ahead.",
            ).format(count=len(past), amount=money(total, revenue.currency))
        )

    def _revenue_hovered(self, status: bool, index: int) -> None:
        revenue = self._revenue
        if not status or revenue is None or not 0 <= index < len(revenue.months):
            QToolTip.hideText()
            return
        shown = revenue.months[index]
        QToolTip.showText(
            QCursor.pos(), f"{month(shown.month)}: {money(shown.net, revenue.currency)}"
        )

    @staticmethod
    def _fill(tree: QTreeWidget, rows: Sequence[tuple[date, str, str]], empty: str) -> None:
        tree.clear()
        for when, account, what in rows:
            item = QTreeWidgetItem([day(when), account, what])
            item.setToolTip(2, what)
            tree.addTopLevelItem(item)
        if not rows:
            item = QTreeWidgetItem([empty])
            item.setForeground(0, tree.palette().placeholderText())
            tree.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)
