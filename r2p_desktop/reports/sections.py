"""Each section of a pack as platypus flowables: key figures and charts, agenda, scorecard, treaties,
questions with their answers, budget lines, follow-ups and the annex index; each drawn from its own type
of section data (recommendations, undertakings, risk assessments and documents in `record_sections`)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from ..core.formatting import date_text, human_label
from ..core.models import Question
from ..core.money import amount_text
from ..core.values import Values
from . import charts
from .export import Progress
from .layout import LIGHT, MARGIN, NAVY, PAPERS, STYLES, Heading, para
from .pack_data import (
    Agenda,
    BudgetLines,
    BudgetSummary,
    FollowUps,
    Pack,
    QuestionIndex,
    QuestionsByStatus,
    Scorecard,
    Section,
    Summary,
    Treaties,
    is_overdue,
)
from .record_data import Documents, RecommendationCard, RecommendationGroups, RiskComparison, Undertakings
from .text import SANS, SANS_BOLD, chunks, markup, paragraph

TABLE_CHUNK = 40  # records per table: a long list is several tables, so no table is re-measured page after page
FONT = ("FONT", (0, 0), (-1, -1), SANS, 8)  # for empty cells too: else the PDF names Helvetica, not embedded
AMOUNTS = ("amount_requested", "amount_allocated", "amount_spent")  # budget table columns, in whole major units
BODY_CHUNK = 2500  # characters per paragraph of a long text: a 100,000-character answer splits across pages

# A TableStyle command: its name, the first and last cells (column, row), then its values.
Command = tuple[str, tuple[int, int], tuple[int, int], *tuple[object, ...]]


class Safe(str):
    """Markup built here from escaped parts; table cells take it as it is."""


def status_markup(status: str, *, overdue: bool = False) -> Safe:
    colour = charts.STATUS_COLOURS.get(status, "#1F3A5F")
    text = f"<font color='{colour}'><b>{human_label(status)}</b></font>"
    if overdue:
        text += " <font color='#B5452B'><b>· overdue</b></font>"
    return Safe(text)


def table(headers: list[str], widths: Sequence[float], records: Sequence[Sequence[object]], available: float,
          right: Collection[int] = frozenset(), report: Progress | None = None) -> list[Flowable]:
    """Records as tables with a repeated header row; a long cell continues in extra rows of its record,
    so no row is taller than a page."""
    widths = [available * w / sum(widths) for w in widths]
    head: list[Paragraph | str] = [Paragraph(markup(h), STYLES["cell_head"]) for h in headers]
    flowables: list[Flowable] = []
    for start in range(0, max(len(records), 1), TABLE_CHUNK):
        if report is not None:
            report(message=f"preparing rows {start + 1} to {start + TABLE_CHUNK}")
        rows = [head]
        commands: list[Command] = []
        first_rows: list[int] = []
        for record in records[start:start + TABLE_CHUNK]:
            first_rows.append(len(rows))
            cells: list[list[Paragraph | str]] = []
            for column, value in enumerate(record):
                style = STYLES["cell_right" if column in right else "cell"]
                if isinstance(value, Safe):
                    cells.append([paragraph(value, style)])
                else:
                    size = max(int(widths[column] / 4.2) * 40, 200)
                    cells.append([paragraph(markup(piece), style) for piece in chunks(value, size)] or [""])
            for line in range(max(len(c) for c in cells)):
                rows.append([c[line] if line < len(c) else "" for c in cells])
        for n, row_index in enumerate(first_rows):
            end = first_rows[n + 1] - 1 if n + 1 < len(first_rows) else len(rows) - 1
            if n % 2:
                commands.append(("BACKGROUND", (0, row_index), (-1, end), colors.HexColor("#F5F7FA")))
            commands.append(("LINEBELOW", (0, end), (-1, end), 0.4, LIGHT))
        if len(rows) == 1:
            rows.append([Paragraph("None.", STYLES["cell"])] + [""] * (len(headers) - 1))
        grid = Table(rows, colWidths=widths, repeatRows=1)
        grid.setStyle(TableStyle([("BACKGROUND", (0, 0), (-1, 0), NAVY), FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                  ("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                                  ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                                  *commands]))
        flowables.append(grid)
    return flowables


def long_text(label: str, value: object, empty: str = "") -> list[Flowable]:
    """A labelled text in paragraphs; the label is part of the first paragraph, so it never ends a page
    alone (cheaper than keepWithNext, which lays out twice)."""
    pieces = chunks(value, BODY_CHUNK)
    if not pieces and not empty:
        return []
    head = f"<font name='{SANS_BOLD}' size='8' color='#5F6B7A'>{markup(label)}</font><br/>" if label else ""
    if not pieces:
        return [Paragraph(head + f"<font color='#5F6B7A'>{markup(empty)}</font>", STYLES["body"])]
    return [paragraph(head + markup(pieces[0]), STYLES["body"]), *(para(piece) for piece in pieces[1:])]


def available(pack: Pack) -> float:
    return PAPERS[pack.paper][0] - 2 * MARGIN


def summary(data: Summary, pack: Pack) -> list[Flowable]:
    width = available(pack)
    columns = 4
    cells: list[list[Paragraph] | str] = [
        [Paragraph(markup(value), STYLES["figure"]), Paragraph(markup(label), STYLES["figure_label"])]
        for label, value in data.figures]
    cells += [""] * (-len(cells) % columns)
    grid = Table([cells[i:i + columns] for i in range(0, len(cells), columns)], colWidths=[width / columns] * columns)
    grid.setStyle(TableStyle([FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 10), ("LINEABOVE", (0, 0), (-1, -1), 1.5, LIGHT)]))
    period = f"Questions tabled {pack.period}; follow-ups and commitments as they stand on {pack.today.isoformat()}."
    story: list[Flowable] = [para(period, "meta"), Spacer(1, 6), grid, Spacer(1, 10)]
    half, height = width / 2 - 8, 190
    drawings: list[Drawing | str] = [charts.status_bars("Questions by status", data.by_status, half, height),
                                     charts.on_time_bars(data.ministries, half, height),
                                     charts.status_bars("Commitments scorecard", data.scorecard, half, height)]
    if data.allocations or pack.name == "debate":
        drawings.append(charts.allocations_chart(data.allocations, data.currency, half, height))
    drawings += [""] * (len(drawings) % 2)
    board = Table([drawings[i:i + 2] for i in range(0, len(drawings), 2)], colWidths=[width / 2] * 2)
    board.setStyle(TableStyle([FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 14)]))
    return [*story, board]


def budget_summary(data: BudgetSummary, pack: Pack) -> list[Flowable]:
    return [charts.allocations_chart(data.allocations, data.currency, available(pack), 260)]


def agenda(data: Agenda, key: str, pack: Pack) -> list[Flowable]:
    debate, width = data.debate, available(pack)
    facts = [("Date", date_text(debate.date)), ("Chamber", debate.chamber), ("Status", human_label(debate.status)),
             ("Sitting", f"{debate.sitting_minutes} minutes" if debate.sitting_minutes else "")]
    story = [para(debate.title, "h2"),
             *table(["", ""], [1, 4], [[Safe(f"<b>{k}</b>"), v] for k, v in facts if v], width)]
    story += long_text("Motion", debate.motion) + long_text("Outcome", debate.outcome)
    for number, item in enumerate(data.items, start=1):
        title = f"{number}. {item['title']}"
        story.append(Heading(title, "h2", f"{key}a{item['id']}", 1))
        meta = " · ".join(x for x in (f"{item['allotted_minutes']} minutes" if item["allotted_minutes"] else "",
                                      f"Speakers: {item['speakers']}" if item["speakers"].strip() else "") if x)
        if meta:
            story.append(para(meta, "meta"))
        story += long_text("", item["description"]) + long_text("Outcome notes", item["outcome_notes"])
        if item["links"]:
            story.append(Paragraph("RECORDS DISCUSSED UNDER THIS ITEM", STYLES["label"]))
            story += table(["Record"], [1], [[link["label"]] for link in item["links"]], width)
    if not data.items:
        story.append(para("The agenda has no items yet.", "meta"))
    return story


def commitments(data: Scorecard, pack: Pack) -> list[Flowable]:
    rows = []
    for c in data.commitments:
        linked = ", ".join(f"{count} {noun}" for count, noun in ((c["questions"], "questions"),
                                                                 (c["budget_items"], "budget lines"),
                                                                 (c["agenda_items"], "agenda items")) if count)
        rows.append([Safe(f"<b>{markup(c['title'])}</b><br/><font color='#5F6B7A'>{markup(c['code'])}</font>"),
                     str(c["pillar"]), status_markup(c["status"]), linked or "none",
                     c["evidence"] or ""])
    intro = para("The committee's assessment of each commitment in the catalogue, with the records that "
                 "evidence it. Commitments the committee has not assessed count as not started.", "meta")
    return [intro, *table(["Commitment", "Pillar", "Status", "Linked records", "Evidence"], [30, 7, 13, 14, 36],
                          rows, available(pack))]


def treaties(data: Treaties, pack: Pack) -> list[Flowable]:
    rows = [[t["title"], str(t["year"]), Safe(f"<b>{human_label(t['status'])}</b>"), date_text(t["status_date"]),
             t["legislation"], t["reservations"]] for t in data.treaties]
    return table(["Treaty", "Year", "Status", "Since", "Implementing legislation", "Reservations"],
                 [26, 7, 11, 11, 25, 20], rows, available(pack))


def question_block(q: Question, pack: Pack) -> list[Flowable]:
    heading = f"{q.reference or f'Question {q.id}'} — {q.title}"
    meta = [f"{human_label(q.type)} question"]
    if q.asked_by is not None:
        meta.append(f"asked by {q.asked_by.full_name}")
    if q.addressed_to is not None:
        meta.append(f"to the {q.addressed_to.name}")
    if q.transferred_from is not None:
        meta.append(f"transferred from the {q.transferred_from.name}"
                    + (f" on {date_text(q.transferred_on)}" if q.transferred_on else ""))
    due = "named day" if q.named_day else "due"
    meta += [f"{label} {date_text(value)}" for label, value in
             (("tabled", q.date_tabled), (due, q.answer_due), ("answered", q.date_answered)) if value]
    if q.answered_by is not None:
        meta.append(f"by {q.answered_by.full_name}")
    together = [other for other in ([q.answered_with, *q.answered_with.sharing_answer] if q.answered_with
                                    else q.sharing_answer) if other is not None and other.id != q.id]
    if together:
        meta.append("answered together with " + ", ".join(o.reference or f"“{o.title}”" for o in together))
    state: str = status_markup(q.status, overdue=is_overdue(q, pack.today))
    if q.assessment:
        colour = "#B5452B" if q.assessment in ("unsatisfactory", "no_answer") else "#1F3A5F"
        state += f" · Committee's assessment: <font color='{colour}'><b>{human_label(q.assessment)}</b></font>"
    story: list[Flowable] = [CondPageBreak(90), paragraph(markup(heading), STYLES["h3"]),
                             para(" · ".join(meta), "meta"), Paragraph(state, STYLES["meta"])]
    story += long_text("QUESTION", q.question_text)
    if q.holding_answer_text.strip():
        held = f" OF {date_text(q.holding_answer_date)}" if q.holding_answer_date else ""
        story += long_text(f"HOLDING ANSWER{held}", q.holding_answer_text)
    corrected = f" (CORRECTED ON {date_text(q.answer_corrected_on)})" if q.answer_corrected_on else ""
    story += long_text(f"ANSWER{corrected}", q.answer_text, empty="No answer yet.")
    if q.original_answer_text.strip():
        story += long_text("THE ANSWER AS FIRST GIVEN", q.original_answer_text)
    if q.commitments:
        story.append(para("Commitments: " + "; ".join(f"{c.code} ({c.title})" for c in q.commitments), "meta"))
    return story


def questions(data: QuestionsByStatus, key: str, pack: Pack, report: Progress | None) -> list[Flowable]:
    story: list[Flowable] = []
    done, total = 0, sum(len(group) for _, group in data.groups)
    for n, (status, group) in enumerate(data.groups):
        story += [CondPageBreak(120), Heading(f"{human_label(status)} ({len(group)})", "h2", f"{key}p{n}", 1)]
        for q in group:
            story += question_block(q, pack)
            done += 1
            if report is not None and done % 25 == 0:
                report(message=f"preparing question {done} of {total}")
    return story or [para("No questions in this period.", "meta")]


def annex(data: QuestionIndex, pack: Pack, report: Progress | None) -> list[Flowable]:
    rows = [[q.reference or str(q.id), q.title, q.addressed_to.abbreviation or q.addressed_to.name
             if q.addressed_to else "", date_text(q.date_tabled),
             status_markup(q.status, overdue=is_overdue(q, pack.today)), date_text(q.date_answered)]
            for q in data.questions]
    return table(["Reference", "Title", "Ministry", "Tabled", "Status", "Answered"], [17, 36, 11, 12, 12, 12],
                 rows, available(pack), report=report)


def _change(row: Values) -> Safe:
    if row["change_status"] == "new":
        return Safe("new")
    if row["change_percent"] is None:
        return Safe("–")
    colour = "#2E7D32" if row["change_percent"] >= 0 else "#B5452B"
    return Safe(f"<font color='{colour}'>{row['change_percent']:+.1f}%</font>")


def budget_lines(data: BudgetLines, key: str, pack: Pack) -> list[Flowable]:
    story: list[Flowable] = []
    width = available(pack)
    for year, rows in data.years:
        story.append(Heading(f"Fiscal year {year}", "h2", f"{key}y{year}", 1))
        story += table(["Programme", "Scope", "Cur.", "Requested", "Allocated", "Spent", "Change"],
                       [22, 14, 6, 16, 16, 16, 10],  # an amount column holds 500,000,000,000 on one line
                       [[Safe(f"{markup(r['programme'])}<br/><font color='#5F6B7A'>{markup(r['body'])}</font>"),
                         human_label(r["scope"]), r["currency"],
                         *(amount_text(r[field], r["currency"], whole=True) for field in AMOUNTS),
                         _change(r)] for r in rows],
                       width, right={3, 4, 5, 6})
        for r in rows:
            texts = [(label, r[field]) for label, field in
                     (("QUESTION RAISED IN THE DEBATE", "question_raised"),
                      ("GOVERNMENT RESPONSE", "government_response"),
                      ("COMMITTEE POSITION", "committee_position"), ("OUTCOME", "outcome")) if r[field].strip()]
            if texts:
                story += [CondPageBreak(70), paragraph(markup(f"{r['programme']} ({year})"), STYLES["h3"])]
                for label, value in texts:
                    story += long_text(label, value)
    return story or [para("No budget lines on record.", "meta")]


def follow_ups(data: FollowUps, pack: Pack) -> list[Flowable]:
    rows = [[date_text(r["due_date"]), Safe(f"{status_markup(r['status'], overdue=r['overdue'])}<br/>"
                                            f"<font color='#5F6B7A'>{human_label(r['kind'])}</font>"),
             r["description"], r["owner"], r["parent_label"]] for r in data.follow_ups]
    return table(["Due", "Status", "What is owed", "Owner", "Arising from"], [12, 16, 36, 16, 20],
                 rows, available(pack))


def story_for(section: Section, key: str, pack: Pack, report: Progress | None = None) -> list[Flowable]:
    """The section drawn as its type of data is; `key` is its bookmark, the prefix of its parts'."""
    data = section.data
    match data:
        case Summary():
            return summary(data, pack)
        case BudgetSummary():
            return budget_summary(data, pack)
        case Agenda():
            return agenda(data, key, pack)
        case Scorecard():
            return commitments(data, pack)
        case Treaties():
            return treaties(data, pack)
        case QuestionsByStatus():
            return questions(data, key, pack, report)
        case QuestionIndex():
            return annex(data, pack, report)
        case BudgetLines():
            return budget_lines(data, key, pack)
        case FollowUps():
            return follow_ups(data, pack)
    from . import record_sections  # here: it draws with this module's tables, so it imports this module

    match data:
        case RecommendationCard():
            return record_sections.recommendation_card(data, pack)
        case RecommendationGroups():
            return record_sections.recommendation_groups(data, key, pack)
        case Undertakings():
            return record_sections.undertakings(data, key, pack)
        case RiskComparison():
            return record_sections.risk_comparison(data, pack)
        case Documents():
            return record_sections.documents(data, pack)

