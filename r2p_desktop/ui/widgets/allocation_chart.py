"""A grouped bar chart of allocations by scope across fiscal years, painted with QPainter.

One group of bars per year, one bar per scope in a fixed colour, a value axis in major units with
round tick steps, and a legend of the scopes shown."""

from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ...core.formatting import human_label
from ...core.models.records import BudgetScope
from ...core.money import major

# Okabe-Ito colours: told apart by readers with the common colour-vision deficiencies.
SCOPE_COLOURS = {
    BudgetScope.DOMESTIC_PREVENTION.value: QColor("#0072B2"),
    BudgetScope.INTERNATIONAL_ASSISTANCE.value: QColor("#E69F00"),
    BudgetScope.PEACEKEEPING.value: QColor("#009E73"),
    BudgetScope.HUMANITARIAN.value: QColor("#CC79A7"),
    BudgetScope.OTHER.value: QColor("#7F7F7F"),
}
_SCOPE_ORDER = [scope.value for scope in BudgetScope]


def compact_amount(value: float) -> str:
    """1_250_000 -> '1.25M', 40_000 -> '40k': short enough for an axis label."""
    for limit, suffix in ((1e9, "bn"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= limit:
            return f"{value / limit:.2f}".rstrip("0").rstrip(".") + suffix
    return f"{value:.0f}"


def nice_step(maximum: float, ticks: int = 5) -> float:
    """A round tick step (1, 2, 2.5 or 5 times a power of ten) giving about `ticks` ticks up to `maximum`."""
    if maximum <= 0:
        return 1.0
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 2.5, 5, 10):
        if raw <= factor * power:
            return factor * power
    return 10 * power


class AllocationChart(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._data: dict[int, dict[str, int]] = {}
        self._currency = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(200)

    def set_data(self, data: dict[int, dict[str, int]], currency: str = "") -> None:
        """{year: {scope: total in minor units of `currency`}}; the bars and axis are in its major units."""
        self._data = {year: dict(totals) for year, totals in data.items()}
        self._currency = currency
        self.update()

    def data(self) -> dict[int, dict[str, int]]:
        return {year: dict(totals) for year, totals in self._data.items()}

    def scopes(self) -> list[str]:
        """The scopes with any allocation, in the order of the enum (so colours and order stay put)."""
        present = {scope for totals in self._data.values() for scope, total in totals.items() if total}
        known = [scope for scope in _SCOPE_ORDER if scope in present]
        return known + sorted(present - set(known))

    def axis_labels(self) -> list[str]:
        """The value axis from 0 up, in major units of the currency: ['0', '250M', ..., '1.25bn']."""
        step, ticks = self._axis()
        return [compact_amount(step * n) for n in range(ticks + 1)]

    def _major(self, year: int, scope: str) -> float:
        return major(self._data[year].get(scope, 0), self._currency)

    def _axis(self) -> tuple[float, int]:
        """A round step and how many of them reach the tallest bar."""
        top = max((self._major(year, scope) for year in self._data for scope in self.scopes()), default=0.0)
        step = nice_step(top)
        return step, max(1, math.ceil(top / step))

    def sizeHint(self) -> QSize:
        return QSize(640, 280)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        text_colour = palette.color(QPalette.ColorRole.WindowText)
        faint = palette.color(QPalette.ColorRole.PlaceholderText)
        metrics = QFontMetrics(self.font())
        line = metrics.height()
        area = QRectF(self.rect()).adjusted(8, 6, -8, -6)

        painter.setPen(text_colour)
        title = "Allocations by scope" + (f" ({self._currency})" if self._currency else "")
        painter.drawText(area.adjusted(0, 0, 0, -(area.height() - line)), Qt.AlignmentFlag.AlignLeft, title)
        scopes = self.scopes()
        if not scopes:
            painter.setPen(faint)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, "No allocations recorded yet.")
            return

        legend_bottom = self._paint_legend(painter, area, line + 6, scopes, metrics)
        years = sorted(self._data)
        step, ticks = self._axis()
        axis_max = step * ticks
        labels = self.axis_labels()
        left = area.left() + max(metrics.horizontalAdvance(label) for label in labels) + 8
        plot = QRectF(left, legend_bottom + line / 2, area.right() - left, 0)
        plot.setBottom(area.bottom() - line - 6)
        if plot.height() < 20:
            return

        grid = QPen(faint)
        grid.setWidthF(0.5)
        for n, label in enumerate(labels):
            y = plot.bottom() - plot.height() * n / (len(labels) - 1)
            painter.setPen(grid)
            painter.drawLine(QLineF(plot.left(), y, plot.right(), y))
            painter.setPen(text_colour)
            painter.drawText(QRectF(area.left(), y - line / 2, left - area.left() - 6, line),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label)

        group_width = plot.width() / len(years)
        bar_width = min(48.0, group_width * 0.8 / len(scopes))
        for index, year in enumerate(years):
            centre = plot.left() + group_width * (index + 0.5)
            start = centre - bar_width * len(scopes) / 2
            for n, scope in enumerate(scopes):
                value = self._major(year, scope)
                height = plot.height() * value / axis_max
                painter.fillRect(QRectF(start + n * bar_width + 1, plot.bottom() - height, bar_width - 2, height),
                                 SCOPE_COLOURS.get(scope, QColor("#7F7F7F")))
            painter.setPen(text_colour)
            painter.drawText(QRectF(centre - group_width / 2, plot.bottom() + 4, group_width, line),
                             Qt.AlignmentFlag.AlignCenter, str(year))
        painter.setPen(text_colour)
        painter.drawLine(QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))

    def _paint_legend(self, painter: QPainter, area: QRectF, top: float, scopes: list[str],
                      metrics: QFontMetrics) -> float:
        """Swatches and scope names in rows across the top; returns where the rows end."""
        line = metrics.height()
        x, y = area.left(), area.top() + top
        for scope in scopes:
            text = human_label(scope)
            width = line + 6 + metrics.horizontalAdvance(text) + 18
            if x + width > area.right() and x > area.left():
                x, y = area.left(), y + line + 4
            painter.fillRect(QRectF(x, y + 2, line - 4, line - 4), SCOPE_COLOURS.get(scope, QColor("#7F7F7F")))
            painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
            painter.drawText(QRectF(x + line + 2, y, width, line), Qt.AlignmentFlag.AlignVCenter, text)
            x += width
        return y + line
