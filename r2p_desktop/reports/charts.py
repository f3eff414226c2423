"""The pack's charts (reportlab.graphics), each with a title, axis labels and its values printed, every
label measured and cut to fit inside the drawing; and the status colours, dark enough (4.5:1 against
white, WCAG AA) to be read as text, and never the only sign of a status (its word is always printed)."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..core.formatting import human_label
from ..core.money import major
from .text import SANS, SANS_BOLD, clean, label_font, visual

NAVY = colors.HexColor("#1F3A5F")
SERIES = [colors.HexColor(c) for c in ("#1F3A5F", "#4F81BD", "#9BBB59", "#F2A541", "#B5452B", "#7F7F7F")]
# Done, partly done, waiting, set aside, out of scope, not done: each at least 4.5:1 against white, as the
# status words are printed in them (tests/reports/test_pack_scripts.py measures every one).
GREEN, AMBER, BLUE, GREY, LIGHT_GREY, RED = "#2E7D32", "#995C00", "#3A6A9E", "#666666", "#757575", "#B5452B"
STATUS_COLOURS = {
    "answered": GREEN, "holding_answer": AMBER, "tabled": BLUE, "closed": GREY,
    "withdrawn": LIGHT_GREY, "achieved": GREEN, "in_progress": AMBER, "not_started": RED,
    "not_applicable": LIGHT_GREY,
    # recommendations and undertakings
    "accepted": GREEN, "partially_accepted": AMBER, "noted": GREY, "pending": BLUE,
    "implemented": GREEN, "not_implemented": RED, "partly_implemented": AMBER, "dropped": GREY,
}
# Risk levels, printed as words in these colours (a higher level is the worse news).
LEVEL_COLOURS = {"low": GREEN, "moderate": AMBER, "elevated": "#A8461A", "high": RED, "not_assessed": GREY}
TITLE_SIZE, LABEL_SIZE = 9.5, 7.5


def fit(text: str, width: float, size: float = LABEL_SIZE, font: str | None = None) -> tuple[str, str]:
    """A one-line label as drawn (right-to-left runs reordered) and its font, cut with "…" to `width`."""
    text = " ".join(clean(text).split())
    font = font or label_font(text)
    shown = visual(text)
    if stringWidth(shown, font, size) <= width:
        return shown, font
    while len(text) > 1 and stringWidth(shown, font, size) > width:
        text = text[:-2].rstrip() + "…"
        shown = visual(text)
    return shown, font


def _frame(width: float, height: float, title: str) -> Drawing:
    drawing = Drawing(width, height)
    shown, font = fit(title, width, TITLE_SIZE, SANS_BOLD)
    drawing.add(String(0, height - TITLE_SIZE, shown, fontName=font, fontSize=TITLE_SIZE, fillColor=NAVY))
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
    # The labels left of the bars take what they need up to 40% of the width, the values right of them
    # what the widest needs; a label longer than its room is cut with "…", so nothing crosses the margin.
    value_width = max(stringWidth(text, SANS, LABEL_SIZE) for _, _, text in rows) + 6
    wanted = max(stringWidth(visual(clean(label)), label_font(label), LABEL_SIZE) for label, _, _ in rows) + 6
    label_width = max(min(wanted, width * 0.4), 40)
    labels = [fit(label, label_width - 6) for label, _, _ in rows]
    chart = HorizontalBarChart()
    # setProperties sets each attribute, as assignments would; types-reportlab declares these int, but
    # ReportLab takes any number
    chart.setProperties({"x": label_width, "y": 4, "width": width - label_width - value_width,
                         "height": height - TITLE_SIZE - 14})
    chart.data = [[value for _, value, _ in reversed(rows)]]
    chart.categoryAxis.categoryNames = [shown for shown, _ in reversed(labels)]
    chart.categoryAxis.labels.fontName, chart.categoryAxis.labels.fontSize = SANS, LABEL_SIZE
    for index, (_, font) in enumerate(reversed(labels)):
        if font != SANS:
            chart.categoryAxis.labels[index].fontName = font
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
    # Each name cut to its column: the swatch (7) and its gap (4) come before it.
    legend.colorNamePairs = [(SERIES[i % len(SERIES)], fit(human_label(scope), width / 2 - 16, font=SANS)[0])
                             for i, scope in enumerate(scopes)]
    drawing.add(legend)
    return drawing
