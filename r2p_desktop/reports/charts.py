"""The pack's charts (reportlab.graphics), each with a title, axis labels and its values printed."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from ..core.formatting import human_label
from ..core.money import major
from .text import CJK, SANS, SANS_BOLD, has_cjk, visual

NAVY = colors.HexColor("#1F3A5F")
SERIES = [colors.HexColor(c) for c in ("#1F3A5F", "#4F81BD", "#9BBB59", "#F2A541", "#B5452B", "#7F7F7F")]
STATUS_COLOURS = {
    "answered": "#2E7D32", "holding_answer": "#F2A541", "tabled": "#4F81BD", "closed": "#7F7F7F",
    "withdrawn": "#BDBDBD", "achieved": "#2E7D32", "in_progress": "#F2A541", "not_started": "#B5452B",
    "not_applicable": "#BDBDBD",
    # recommendations and undertakings
    "accepted": "#2E7D32", "partially_accepted": "#F2A541", "noted": "#7F7F7F", "pending": "#4F81BD",
    "implemented": "#2E7D32", "not_implemented": "#B5452B", "partly_implemented": "#F2A541", "dropped": "#7F7F7F",
}
TITLE_SIZE, LABEL_SIZE = 9.5, 7.5


def _frame(width: float, height: float, title: str) -> Drawing:
    drawing = Drawing(width, height)
    drawing.add(String(0, height - TITLE_SIZE, title, fontName=SANS_BOLD, fontSize=TITLE_SIZE, fillColor=NAVY))
    return drawing


def _empty(drawing: Drawing, message: str) -> Drawing:
    drawing.add(String(drawing.width / 2, drawing.height / 2, message, fontName=SANS, fontSize=LABEL_SIZE,
                       fillColor=colors.grey, textAnchor="middle"))
    return drawing


def horizontal_bars(title: str, rows: list[tuple[str, float, str]], width: float, height: float, *,
                    maximum: float | None = None,
                    colour_of: Callable[[int, str], colors.Color] | None = None) -> Drawing:
    """One bar per (label, value, printed value), top to bottom in the order given."""
    drawing = _frame(width, height, title)
    if not rows or not any(value for _, value, _ in rows):
        return _empty(drawing, "nothing to chart")
    labels = [visual(label)[:28] for label, _, _ in rows]
    label_width = min(width * 0.4, max(6 + 4.2 * max(len(x) for x in labels), 40))
    chart = HorizontalBarChart()
    # setProperties sets each attribute, as assignments would; types-reportlab declares these int, but
    # ReportLab takes any number
    chart.setProperties({"x": label_width, "y": 4, "width": width - label_width - 42,
                         "height": height - TITLE_SIZE - 14})
    chart.data = [[value for _, value, _ in reversed(rows)]]
    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = SANS, LABEL_SIZE
    for index, label in enumerate(reversed(labels)):
        if has_cjk(label):
            chart.categoryAxis.labels[index].fontName = CJK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.categoryAxis.visibleTicks = 0
    chart.valueAxis.visible = 0
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = maximum or max(value for _, value, _ in rows) or 1
    chart.barWidth, chart.groupSpacing = 8, 4
    chart.bars.strokeColor = None
    chart.bars[0].fillColor = NAVY
    if colour_of is not None:
        for index, (label, _, _) in enumerate(reversed(rows)):
            chart.bars[(0, index)].fillColor = colour_of(index, label)
    chart.barLabelFormat = "values"
    chart.barLabelArray = [[text for _, _, text in reversed(rows)]]
    chart.barLabels.fontName, chart.barLabels.fontSize = SANS, LABEL_SIZE
    chart.barLabels.boxAnchor, chart.barLabels.dx = "w", 3
    drawing.add(chart)
    return drawing


def status_bars(title: str, counts: list[tuple[str, int]], width: float, height: float) -> Drawing:
    keys = [key for key, _ in counts]
    return horizontal_bars(title, [(human_label(key), n, str(n)) for key, n in counts], width, height,
                           colour_of=lambda index, _label: colors.HexColor(
                               STATUS_COLOURS.get(list(reversed(keys))[index], "#1F3A5F")))


def on_time_bars(ministries: list[tuple[str, int, int]], width: float, height: float, limit: int = 10) -> Drawing:
    rows = [(name, on_time * 100 / n, f"{on_time * 100 // n}% ({on_time} of {n})") for name, n, on_time in
            ministries[:limit]]
    return horizontal_bars("Answers on time, by ministry", rows, width, height, maximum=100)


def allocations_chart(allocations: dict[int, dict[str, int]], currency: str | None, width: float,
                      height: float) -> Drawing:
    """Allocated amounts per fiscal year, stacked by scope, in millions of the main currency."""
    drawing = _frame(width, height, f"Budget allocations by scope ({currency or 'no budget lines'}, millions)")
    if not allocations:
        return _empty(drawing, "no budget lines")
    years = sorted(allocations)[-6:]
    scopes = sorted({scope for year in years for scope in allocations[year]})
    chart = VerticalBarChart()
    legend_height = 12 * ((len(scopes) + 1) // 2) + 4
    chart.x, chart.y = 40, legend_height + 14
    chart.setProperties({"width": width - 50, "height": height - TITLE_SIZE - legend_height - 26})  # numbers, not int
    chart.data = [[major(allocations[year].get(scope, 0), currency) / 1_000_000 for year in years] for scope in scopes]
    chart.categoryAxis.categoryNames = [str(year) for year in years]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = SANS, LABEL_SIZE
    chart.valueAxis.labels.fontName, chart.valueAxis.labels.fontSize = SANS, LABEL_SIZE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labelTextFormat = "{:,.1f}".format
    chart.bars.strokeColor = None
    for index in range(len(scopes)):
        chart.bars[index].fillColor = SERIES[index % len(SERIES)]
    totals = [sum(row[i] for row in chart.data) for i in range(len(years))]
    chart.valueAxis.valueMax = max(totals) * 1.15 or 1
    drawing.add(chart)
    step = chart.width / len(years)
    for i, total in enumerate(totals):
        drawing.add(String(chart.x + step * (i + 0.5), chart.y + chart.height * total / chart.valueAxis.valueMax + 3,
                           f"{total:,.1f}", fontName=SANS, fontSize=LABEL_SIZE, textAnchor="middle"))
    legend = Legend()
    legend.x, legend.y = 0, legend_height
    legend.fontName, legend.fontSize = SANS, LABEL_SIZE
    legend.columnMaximum, legend.deltay, legend.dxTextSpace = (len(scopes) + 1) // 2, 12, 4
    legend.dx = legend.dy = 7
    legend.setProperties({"deltax": width / 2})  # a number, not the int types-reportlab declares
    legend.alignment = "right"
    legend.colorNamePairs = [(SERIES[i % len(SERIES)], human_label(scope)) for i, scope in enumerate(scopes)]
    drawing.add(legend)
    return drawing
