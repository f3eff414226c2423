"""The sections of recommendations, government undertakings, risk assessments and documents as platypus
flowables, drawn with the tables and texts of `sections` (which hands each its type of section data)."""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Flowable, Paragraph

from ..core.attachments import size_text
from ..core.formatting import human_label, long_date
from ..core.models import RiskLevel
from ..core.services import risk_assessments
from ..core.values import Values
from .charts import GREY, LEVEL_COLOURS
from .layout import STYLES, Heading, para
from .pack_data import Pack
from .record_data import Documents, RecommendationCard, RecommendationGroups, RiskComparison, Undertakings
from .sections import Safe, available, long_text, source_note, status_markup, table
from .text import markup, paragraph

CHANGE_COLOURS = {"↑": "#B5452B", "↓": "#2E7D32"}  # a higher risk is the bad news
# How a move between levels (`risk_assessments.change`) is printed.
CHANGE_TEXTS = {risk_assessments.HIGHER: "↑ higher", risk_assessments.LOWER: "↓ lower",
                risk_assessments.SAME: "= same", risk_assessments.NOT_COMPARED: "–"}


def _counts(title: str, heading: str, counts: dict[str, int], width: float) -> list[Flowable]:
    rows = [[status_markup(value), str(n)] for value, n in counts.items()]
    grids = table([heading, "Count"], [3, 1], rows, width, right={1})
    for grid in grids:
        grid.hAlign = "LEFT"
    return [Paragraph(markup(title), STYLES["label"]), *grids]


def _recommendation_cell(row: Values) -> Safe:
    themes = f"<br/><font color='#5F6B7A'>{markup(row['themes'])}</font>" if row["themes"] else ""
    return Safe(markup(row["text"]) + themes)


def _recommendation_rows(rows: list[Values]) -> list[list[object]]:
    return [[_recommendation_cell(r), r["recommended_by"], status_markup(r["response"]),
             status_markup(r["implementation"]), ", ".join(r["questions"]) or "none"] for r in rows]


RECOMMENDATIONS_SOURCE = "the committee's record of recommendations and the government's responses"
RISK_SOURCE = "the committee's atrocity risk assessments against the UN Framework of Analysis"
RECOMMENDATION_HEADERS = ["Recommendation", "By", "Response", "Implementation", "Linked questions"]
RECOMMENDATION_WIDTHS = [40, 13, 15, 17, 15]  # "Not implemented" in bold fits on one line


def recommendation_card(data: RecommendationCard, pack: Pack) -> list[Flowable]:
    width, card = available(pack), data.card
    share = f"{card.accepted_share:.0%}" if card.accepted_share is not None else "n/a"
    story: list[Flowable] = [para(f"{card.total} recommendations on record; accepted wholly or in part: {share}.",
                                  "meta")]
    story += _counts("BY THE GOVERNMENT'S RESPONSE", "Response", card.by_response, width / 2)
    story += _counts("BY IMPLEMENTATION", "Implementation", card.by_implementation, width / 2)
    story += [CondPageBreak(90), Paragraph(markup(f"ACCEPTED BUT NOT YET IMPLEMENTED ({len(data.waiting)})"),
                                           STYLES["label"])]
    story += table(RECOMMENDATION_HEADERS, RECOMMENDATION_WIDTHS, _recommendation_rows(data.waiting), width)
    return [*story, source_note(pack, RECOMMENDATIONS_SOURCE)]


def recommendation_groups(data: RecommendationGroups, key: str, pack: Pack) -> list[Flowable]:
    story: list[Flowable] = []
    for n, (title, rows) in enumerate(data.groups):
        story += [CondPageBreak(120), Heading(f"{title} ({len(rows)})", "h2", f"{key}p{n}", 1)]
        story += table(RECOMMENDATION_HEADERS, RECOMMENDATION_WIDTHS, _recommendation_rows(rows), available(pack))
    return [*story, source_note(pack, RECOMMENDATIONS_SOURCE)] if story else [
        para("No recommendations on record.", "meta")]


def _due(row: Values) -> Safe:
    times = row["extensions"]
    extended = (f"<br/><font color='#5F6B7A'>extended {'once' if times == 1 else f'{times} times'}</font>"
                if times else "")
    return Safe(markup(long_date(row["due_on"]) or "no date") + extended)


def _what(row: Values) -> str:
    done = f" on {long_date(row['completed_on'])}" if row["completed_on"] else ""
    outcome = f"\n\nOutcome{done}: {row['outcome']}" if row["outcome"].strip() else ""
    return f"{row['text']}{outcome}"


def _given(row: Values) -> str:
    on = f"given on {long_date(row['given_on'])}" if row["given_on"] else ""
    return f"{row['where_in_full']}\n\n{on}".strip()


def undertakings(data: Undertakings, key: str, pack: Pack) -> list[Flowable]:
    story: list[Flowable] = []
    headed = len(data.groups) > 1  # a register section holds one group, already under its own title
    for n, (title, rows) in enumerate(data.groups):
        if headed:
            story += [CondPageBreak(90), Heading(f"{title} ({len(rows)})", "h2", f"{key}p{n}", 1)]
        story += table(["Due", "What was undertaken", "By", "Given in", "Status"], [12, 38, 16, 22, 12],
                       [[_due(r), _what(r), r["given_by_label"], _given(r),
                         status_markup(r["status"], overdue=r["overdue"])] for r in rows], available(pack))
    if not story:
        return [para("No government undertakings are pending.", "meta")]
    return [*story, source_note(pack, "the committee's register of government undertakings")]


def _level(level: str | None) -> Safe:
    if level is None:
        return Safe(f"<font color='{GREY}'>no finding</font>")
    return Safe(f"<font color='{LEVEL_COLOURS.get(level, '#1F3A5F')}'><b>{human_label(level)}</b></font>")


def _change(change: str) -> Safe:
    text = CHANGE_TEXTS[change]
    colour = CHANGE_COLOURS.get(text[:1], "#5F6B7A")
    return Safe(f"<font color='{colour}'><b>{markup(text)}</b></font>")


def risk_comparison(data: RiskComparison, pack: Pack) -> list[Flowable]:
    if data.year is None:
        return [para("The committee has recorded no atrocity risk assessment yet.", "meta")]
    story: list[Flowable] = [para(data.summary(), "meta")]
    if not data.detailed:
        last = str(data.previous_year or "Last year")
        rows = [[str(f["number"]), f["title"], _level(f["previous"]) if data.previous_year else "",
                 _level(f["level"]), _change(f["change"])] for f in data.factors]
        return story + table(["No.", "Risk factor", last, str(data.year), "Change"], [5, 53, 14, 14, 14], rows,
                             available(pack)) + [source_note(pack, RISK_SOURCE)]
    for f in data.factors:
        if f["level"] == RiskLevel.NOT_ASSESSED:  # nothing found yet: no note or evidence to print
            continue
        before = (f" · {data.previous_year}: {human_label(f['previous']) if f['previous'] else 'no finding'}"
                  f" · {CHANGE_TEXTS[f['change']]}" if data.previous_year else "")
        story += [CondPageBreak(80), Paragraph(markup(f"{f['number']}. {f['title']}"), STYLES["h3"]),
                  paragraph(f"{data.year}: " + _level(f["level"]) + markup(before), STYLES["meta"])]
        story += long_text("NOTE", f["note"], empty="No note.")
        if f["evidence"]:
            story.append(para("Evidence: " + "; ".join(f["evidence"]), "meta"))
    return [*story, source_note(pack, RISK_SOURCE)]


def documents(data: Documents, pack: Pack) -> list[Flowable]:
    rows = [[d["title"], human_label(d["kind"]), d["from"], long_date(d["published_on"]),
             f"{d['file_name']} ({size_text(d['file_size'])})" if d["file_size"] is not None
             else d["file_name"] or "none"]
            for d in data.documents]
    story: list[Flowable] = [para(data.intro, "meta")] if data.intro else []
    return story + table(["Title", "Kind", "From", "Published", "Attached file"], [31, 14, 18, 15, 22], rows,
                         available(pack), nowrap={3}) + [source_note(pack, "the committee's document register")]
