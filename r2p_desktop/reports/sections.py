"""Each section of a pack as platypus flowables: key figures and charts, agenda, scorecard, treaties,
questions with their answers, budget lines, follow-ups and the annex index; each drawn from its own type
of section data (recommendations, undertakings, risk assessments and documents in `record_sections`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from html import unescape
from itertools import islice

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, FrameBreak, Paragraph, Spacer, Table, TableStyle

from ..core.formatting import human_label, long_date
from ..core.money import amount_text
from ..core.values import Values
from . import charts
from .export import Progress
from .key_points import KeyPoints, SinceLastDebate
from .layout import LIGHT, MARGIN, NAVY, PAPERS, STYLES, Heading, para
from .pack_data import (
    DEFINITIONS,
    NOT_PUBLISHED,
    Agenda,
    BudgetLines,
    BudgetSummary,
    FollowUps,
    Glossary,
    Pack,
    PackQuestion,
    QuestionIndex,
    QuestionsByStatus,
    Scorecard,
    Section,
    Summary,
    Treaties,
    is_overdue,
    question_details,
    standing,
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


def _commands(spans: list[tuple[int, int]], first_shaded: bool, header: bool) -> list[Command]:
    """Each record's shading (every other one) and rule below; `spans` are its rows (first, last)."""
    commands: list[Command] = [FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"), *PADDING]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), NAVY))
    for n, (first, last) in enumerate(spans):
        if (n % 2 == 1) != first_shaded:
            commands.append(("BACKGROUND", (0, first), (-1, last), colors.HexColor("#F5F7FA")))
        commands.append(("LINEBELOW", (0, last), (-1, last), 0.4, LIGHT))
    return commands


PADDING: list[Command] = [("TOPPADDING", (0, 0), (-1, -1), 2.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                          ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4)]


class Chunk(Table):
    """Some rows of a long table, drawn without a header where they follow the rows before them on the
    same page; where a page break falls inside them, or before them, the rows that go on to the next page
    get the header again. So the header repeats only after page breaks, while each chunk stays a small
    table that ReportLab measures once (one table of 2,000 rows would be re-measured at every page)."""

    head: list[Paragraph | str] | None = None  # None on the parts ReportLab makes when it splits one
    body: list[list[Paragraph | str]]
    spans: list[tuple[int, int]]
    shaded: bool
    widths: list[float]

    @classmethod
    def of(cls, head: list[Paragraph | str], rows: list[list[Paragraph | str]], spans: list[tuple[int, int]],
           shaded: bool, widths: list[float]) -> Chunk:
        """`rows` without a header; `spans`: each record's first and last row; `shaded`: the first one is."""
        chunk = cls(rows, colWidths=widths)
        chunk.setStyle(TableStyle(_commands(spans, shaded, header=False)))
        chunk.head, chunk.body, chunk.spans, chunk.shaded, chunk.widths = head, rows, spans, shaded, widths
        return chunk

    def _headed(self, start: int) -> Table:
        """The rows from `start` on, under the header; its own splits repeat the header (repeatRows)."""
        assert self.head is not None
        spans = [(max(first, start) - start + 1, last - start + 1) for first, last in self.spans if last >= start]
        before = len([last for _, last in self.spans if last < start])  # records wholly on the page before
        shaded = self.shaded != (before % 2 == 1)
        grid = Table([self.head, *self.body[start:]], colWidths=self.widths, repeatRows=1)
        grid.setStyle(TableStyle(_commands(spans, shaded, header=True)))
        return grid

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # ReportLab's names
        parts = super().split(availWidth, availHeight)
        if self.head is None:
            return parts
        if len(parts) == 2:
            kept = len(parts[0]._cellvalues)  # type: ignore[attr-defined]  # the rows that fit on this page
            return [parts[0], self._headed(kept)]
        # Not a row fits here: all of them go on to the next page, under the header.
        return [FrameBreak(), self._headed(0)]


def _fitted(headers: list[str], weights: Sequence[float], cells: Iterable[list[str]], available: float,
            nowrap: Collection[int]) -> list[float]:
    """Column widths in proportion to `weights`, but each at least as wide as its longest word (header
    included) and, for the `nowrap` columns (dates), its longest text, so no word or date is broken.
    `cells` are read once, keeping only each column's longest words."""
    widths = [available * w / sum(weights) for w in weights]
    padding = 8.5
    longest: list[set[str]] = [{header} for header in headers]
    for row in cells:
        for column, text in enumerate(row[:len(headers)]):
            words = longest[column]
            words.update(text.splitlines() if column in nowrap else WORD.findall(text[:400]))
            if len(words) > 64:
                longest[column] = set(sorted(words, key=len, reverse=True)[:8])
    least = []
    for words in longest:
        widest = sorted(words, key=len, reverse=True)[:8]  # the widest is among the longest
        wide = max((stringWidth(word, SANS_BOLD, 8) for word in widest), default=0)
        least.append(min(wide + padding, available * 0.35))
    if sum(least) >= available:  # the words alone fill the width: share it in their proportion
        return [available * w / sum(least) for w in least]
    short = [c for c in range(len(widths)) if widths[c] < least[c]]
    need = sum(least[c] - widths[c] for c in short)
    spare = {c: widths[c] - least[c] for c in range(len(widths)) if c not in short}
    total_spare = sum(spare.values())  # at least `need`, since the least widths fit in the width
    for c in short:
        widths[c] = least[c]
    for c, room in spare.items():
        widths[c] -= need * room / total_spare if total_spare else 0
    return widths


WORD = re.compile(r"\S+")
TAG = re.compile(r"<[^>]*>")


def _plain_cell(value: object) -> str:
    if isinstance(value, Safe):
        return unescape(TAG.sub(" ", value.replace("<br/>", "\n")))
    return str(value or "")


def table(headers: list[str], widths: Sequence[float], records: Sequence[Sequence[object]], available: float,
          right: Collection[int] = frozenset(), report: Progress | None = None,
          nowrap: Collection[int] = frozenset()) -> list[Flowable]:
    """Records as one table to the reader: a header row at the start and again after each page break,
    never in mid-page; a long cell continues in extra rows of its record, so no row is taller than a page.
    Column widths follow `widths` but fit each column's longest word, and whole texts in `nowrap`."""
    return list(table_of(headers, widths, lambda: records, available, right, report, nowrap))


def table_of(headers: list[str], widths: Sequence[float], records: Callable[[], Iterable[Sequence[object]]],
             available: float, right: Collection[int] = frozenset(), report: Progress | None = None,
             nowrap: Collection[int] = frozenset()) -> Iterator[Flowable]:
    """`table` made TABLE_CHUNK records at a time as it is taken: `records()` is read twice, once to fit
    the columns and once to make the rows, so the records need not all exist at once either."""
    fitted = _fitted(headers, widths, ([_plain_cell(value) for value in record] for record in records()),
                     available, nowrap)
    head: list[Paragraph | str] = [Paragraph(markup(h), STYLES["cell_head"]) for h in headers]
    rest = iter(records())
    start, batch = 0, list(islice(rest, TABLE_CHUNK))
    while start == 0 or batch:
        if report is not None:
            report(message=f"preparing rows {start + 1} to {start + TABLE_CHUNK}")
        rows: list[list[Paragraph | str]] = []
        spans: list[tuple[int, int]] = []
        for record in batch:
            cells: list[list[Paragraph | str]] = []
            for column, value in enumerate(record):
                style = STYLES["cell_right" if column in right else "cell"]
                if isinstance(value, Safe):
                    cells.append([paragraph(value, style)])
                else:
                    size = max(int(fitted[column] / 4.2) * 40, 200)
                    cells.append([paragraph(markup(piece), style) for piece in chunks(value, size)] or [""])
            first = len(rows)
            for line in range(max(len(c) for c in cells)):
                rows.append([c[line] if line < len(c) else "" for c in cells])
            spans.append((first, len(rows) - 1))
        if not rows:
            rows, spans = [[Paragraph("None.", STYLES["cell"])] + [""] * (len(headers) - 1)], [(0, 0)]
        if start == 0:  # the first rows come under the header, which ReportLab repeats where they split
            grid = Table([head, *rows], colWidths=fitted, repeatRows=1)
            grid.setStyle(TableStyle(_commands([(a + 1, b + 1) for a, b in spans], False, header=True)))
            yield grid
        else:
            yield Chunk.of(head, rows, spans, start % 2 == 1, fitted)
        start, batch = start + TABLE_CHUNK, list(islice(rest, TABLE_CHUNK))


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


def source_note(pack: Pack, source: str) -> Paragraph:
    """What a chart or table is drawn from and as at when (the export's date), and in a public pack that
    it covers public records only."""
    public = " Public records only: records the committee has not published are not counted." \
        if pack.public_only else ""
    return para(f"Source: {source}, as at {long_date(pack.today)}.{public}", "meta")


def anchor(kind: str, record_id: object) -> str:
    """The name of a record's entry in the pack, which links elsewhere in the pack point to."""
    return f"{kind}{record_id}"


def linked(text: str, target: str | None) -> str:
    """`text` (markup) as a link to the entry `target`, or as it is when the pack has no such entry."""
    return f"<a href='#{target}' color='#1F3A5F'><u>{text}</u></a>" if target else text


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
    period = f"Questions tabled {pack.period}; follow-ups and commitments as they stand on {long_date(pack.today)}."
    if pack.public_only:
        period += " Every figure counts public records only."
    story: list[Flowable] = [para(period, "meta"), Spacer(1, 6), grid]
    story += [para(note, "meta") for note in data.notes]
    story += [Spacer(1, 4), Paragraph("DEFINITIONS", STYLES["label"])]
    story += [Paragraph(f"<b>{markup(term)}</b>: {markup(text)}", STYLES["meta"]) for term, text in DEFINITIONS.items()]
    story.append(Spacer(1, 10))
    half, height = width / 2 - 8, 190
    drawings: list[Drawing | str | list[Paragraph]] = [
        charts.status_bars("Questions by status", data.by_status, half, height),
                                     charts.on_time_bars(data.ministries, half, height),
                                     charts.status_bars("Commitments scorecard", data.scorecard, half, height)
                                     if data.scorecard else [para("Commitments scorecard", "h3"),
                                                             para("The committee's assessments are not published.",
                                                                  "meta")]]
    if data.allocations or pack.name == "debate":
        drawings.append(charts.allocations_chart(data.allocations, data.currency, half, height))
    drawings += [""] * (len(drawings) % 2)
    board = Table([drawings[i:i + 2] for i in range(0, len(drawings), 2)], colWidths=[width / 2] * 2)
    board.setStyle(TableStyle([FONT, ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 14)]))
    story += [board, source_note(pack, "the committee's record of questions, commitment assessments and budget lines; "
                                       "questions as defined above")]
    names = [f"{short}: {full}" for short, full in pack.glossary if short in {m for m, _, _ in data.ministries}]
    if names:  # the chart names ministries by their short names: say them in full at their first use
        story.append(para("Ministries: " + "; ".join(names) + ".", "meta"))
    return story


def budget_summary(data: BudgetSummary, pack: Pack) -> list[Flowable]:
    return [charts.allocations_chart(data.allocations, data.currency, available(pack), 260),
            source_note(pack, "the committee's record of budget lines")]


def agenda(data: Agenda, key: str, pack: Pack) -> list[Flowable]:
    debate, width = data.debate, available(pack)
    facts = [("Date", long_date(debate.date)), ("Chamber", debate.chamber), ("Status", human_label(debate.status)),
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
            story += table(["Kind", "Record", "Status"], [14, 66, 20],
                           [[link["kind"], Safe(linked(markup(link["label"]), _target(link, pack))),
                             status_markup(link["status"]) if link["status"] else "–"] for link in item["links"]],
                           width)
    if not data.items:
        story.append(para("The agenda has no items yet.", "meta"))
    return story


def _target(link: Values, pack: Pack) -> str | None:
    """The entry in this pack an agenda link's record has, if it has one."""
    if link["column"] == "question_id" and link["id"] in pack.in_full:
        return anchor("q", link["id"])
    if link["column"] == "commitment_id":
        return anchor("c", link["id"])
    return None


LINKED_SHOWN = 12  # linked records a scorecard row lists by reference; the rest it counts


def _linked_records(c: Values, pack: Pack) -> Safe:
    """The records that evidence a commitment, each by reference and status (linked to its entry when
    the pack prints it in full)."""
    entries = []
    for record in c["linked"][:LINKED_SHOWN]:
        target = anchor("q", record["id"]) if record["kind"] == "question" and record["id"] in pack.in_full else None
        text = linked(markup(record["reference"]), target)
        if record["status"]:
            text += f" <font color='#5F6B7A'>({markup(human_label(record['status']).lower())})</font>"
        entries.append(text)
    more = len(c["linked"]) - LINKED_SHOWN
    if more > 0:
        entries.append(f"and {more} more")
    return Safe(", ".join(entries) or "none")


def commitments(data: Scorecard, pack: Pack) -> list[Flowable]:
    rows = []
    for c in data.commitments:
        source = f"{c['source_code']}, {c['paragraph']}" if c["paragraph"] else c["source_code"]
        rows.append([Safe(f"<a name='{anchor('c', c['id'])}'/><b>{markup(c['title'])}</b><br/>"
                          f"<font color='#5F6B7A'>{markup(c['code'])} · {markup(source)}</font>"),
                     str(c["pillar"]), status_markup(c["status"]), _linked_records(c, pack),
                     c["evidence"] or ""])
    withheld = sum(1 for c in data.commitments if c["status"] == NOT_PUBLISHED)
    if withheld == len(data.commitments) and withheld:
        intro = ("The committee's assessments of the commitments are not published; the commitments are listed "
                 "with the public records that evidence them.")
    else:
        intro = ("The committee's assessment of each commitment in the catalogue, with the records that evidence "
                 "it. Commitments the committee has not assessed count as not started.")
        if withheld:
            intro += f" {withheld} assessments are not published."
    sources = sorted({(c["source_code"], c["source"]) for c in data.commitments})
    story = [para(intro, "meta"),
             *table(["Commitment", "Pillar", "Status", "Linked records", "Evidence"], [30, 7, 13, 20, 30],
                    rows, available(pack)),
             source_note(pack, "the commitments catalogue and the committee's assessments")]
    if sources:
        story.append(para("Sources: " + "; ".join(f"{code}: {title}" for code, title in sources) + ".", "meta"))
    return story


def treaties(data: Treaties, pack: Pack) -> list[Flowable]:
    rows = [[Safe(f"<b>{markup(t['title'])}</b>" + (f"<br/><font color='#5F6B7A'>{markup(t['full_title'])}</font>"
                                                      if t["full_title"] != t["title"] else "")),
             str(t["year"]), status_markup(t["status"]), long_date(t["status_date"]),
             t["legislation"], t["reservations"]] for t in data.treaties]
    return [*table(["Treaty", "Year", "Status", "Since", "Implementing legislation", "Reservations"],
                   [30, 7, 12, 13, 21, 17], rows, available(pack), nowrap={3}),
            source_note(pack, "the treaty catalogue and the committee's record of treaty statuses")]


def question_block(q: PackQuestion, pack: Pack) -> list[Flowable]:
    heading = f"{q.reference or f'Question {q.id}'} — {q.title}"
    meta = question_details(q)
    state: str = status_markup(q.status, overdue=is_overdue(q, pack.today))
    if q.assessment:
        colour = "#B5452B" if q.assessment in ("unsatisfactory", "no_answer") else "#1F3A5F"
        state += f" · Committee's assessment: <font color='{colour}'><b>{human_label(q.assessment)}</b></font>"
    story: list[Flowable] = [CondPageBreak(90),
                             paragraph(f"<a name='{anchor('q', q.id)}'/>{markup(heading)}", STYLES["h3"]),
                             para(" · ".join(meta), "meta"), Paragraph(state, STYLES["meta"])]
    story += long_text("QUESTION", q.question_text)
    if q.holding_answer_text.strip():
        held = f" OF {long_date(q.holding_answer_date)}" if q.holding_answer_date else ""
        story += long_text(f"HOLDING ANSWER{held}", q.holding_answer_text)
    corrected = f" (CORRECTED ON {long_date(q.answer_corrected_on)})" if q.answer_corrected_on else ""
    story += long_text(f"ANSWER{corrected}", q.answer_text, empty="No answer yet.")
    if q.original_answer_text.strip():
        story += long_text("THE ANSWER AS FIRST GIVEN", q.original_answer_text)
    if q.commitments:
        story.append(para("Commitments: " + "; ".join(q.commitments), "meta"))
    return story


def questions(data: QuestionsByStatus, key: str, pack: Pack, report: Progress | None) -> Iterator[Flowable]:
    """Each question in full under its status, made as the layout takes them (an iterator, so a pack of
    100,000 questions never holds all their paragraphs at once)."""
    if data.intro:
        yield para(data.intro, "meta")
    done, total = 0, sum(len(group) for _, group in data.groups)
    for n, (status, group) in enumerate(data.groups):
        yield CondPageBreak(120)
        yield Heading(f"{human_label(status)} ({len(group)})", "h2", f"{key}p{n}", 1)
        for q in group:
            yield from question_block(q, pack)
            done += 1
            if report is not None and done % 25 == 0:
                report(message=f"preparing question {done} of {total}")
    if not data.groups:
        yield para("No questions in this period.", "meta")


def _dates(q: PackQuestion) -> Safe:
    answered = f"<br/><font color='#5F6B7A'>answered {long_date(q.date_answered)}</font>" if q.date_answered else ""
    return Safe(markup(long_date(q.date_tabled)) + answered)


def annex(data: QuestionIndex, pack: Pack, report: Progress | None) -> Iterator[Flowable]:
    """The index of every question, one row each, its rows made a table chunk at a time as the layout takes
    them."""
    def rows() -> Iterator[list[object]]:
        for q in data.questions:
            yield [Safe(linked(markup(q.reference or str(q.id)), anchor("q", q.id) if q.id in pack.in_full else None)),
                   q.title, q.ministry_short, status_markup(standing(q), overdue=is_overdue(q, pack.today)), _dates(q)]

    if data.intro:
        yield para(data.intro, "meta")
    yield from table_of(["Reference", "Title", "Ministry", "Status", "Tabled, answered"], [15, 45, 10, 12, 18],
                        rows, available(pack), report=report, nowrap={4})
    yield source_note(pack, "the committee's record of questions; status as defined in the executive summary")


def _change(row: Values) -> Safe:
    if row["change_status"] == NOT_PUBLISHED:
        return Safe("<font color='#5F6B7A'>previous year not published</font>")
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
        story.append(source_note(pack, f"the committee's record of budget lines for {year} and {year - 1}"))
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
    rows = [[long_date(r["due_date"]), Safe(f"{status_markup(r['status'], overdue=r['overdue'])}<br/>"
                                            f"<font color='#5F6B7A'>{human_label(r['kind'])}</font>"),
             r["description"], r["owner"], r["parent_label"]] for r in data.follow_ups]
    return [*table(["Due", "Status", "What is owed", "Owner", "Arising from"], [14, 16, 34, 16, 20],
                   rows, available(pack), nowrap={0}),
            source_note(pack, "the committee's record of follow-ups")]


def glossary(data: Glossary, pack: Pack) -> list[Flowable]:
    return [para("The abbreviations this pack uses.", "meta"),
            *table(["Abbreviation", "Stands for"], [1, 4], [[Safe(f"<b>{markup(short)}</b>"), full]
                                                          for short, full in data.entries], available(pack))]


def story_for(section: Section, key: str, pack: Pack, report: Progress | None = None
              ) -> list[Flowable] | Iterator[Flowable]:
    """The section drawn as its type of data is; `key` is its bookmark, the prefix of its parts'. The
    questions and the annex are iterators, which the layout takes a run at a time."""
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
        case Glossary():
            return glossary(data, pack)
    from . import key_points_sections, record_sections  # here: they draw with this module's tables

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
        case KeyPoints():
            return key_points_sections.key_points_story(data, pack)
        case SinceLastDebate():
            return key_points_sections.since_last_story(data, key, pack)

