"""The accessible HTML edition of a pack: one self-contained file with the PDF's content, for screen
readers and intranets (ReportLab's open-source edition cannot write tagged PDF).

Semantic headings (h1 the pack, h2 its sections, h3 their parts), tables with header cells and a
caption, every chart as its figures in a table beside a simple inline SVG with a title, the protective
marking at the top and the bottom, a table of contents with in-page links and a skip link. No scripts,
no external resources. Every user string is escaped; a right-to-left passage carries `dir`.

The file is written section by section as it is made (`document` yields small pieces), so a pack of
100,000 questions never becomes one string in memory. How a section is written depends on the type of
its data: `RENDERERS` (a hook other modules add to: data -> HTML of the section's body, below its h2)
is asked first, then the built-in renderers; a type neither knows is written as its title and count."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.attachments import size_text
from ..core.formatting import human_label, long_date
from ..core.models import Question, RiskLevel
from ..core.money import amount_text
from ..core.services import risk_assessments
from ..core.values import Values
from .export import Progress
from .options import MARKINGS
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
from .text import clean

LANGUAGE = "en"  # the language the packs are written in (their labels and sentences)
AMOUNTS = ("amount_requested", "amount_allocated", "amount_spent")
# How a move between risk levels (`risk_assessments.change`) reads, in words a screen reader says well.
CHANGE_TEXTS = {risk_assessments.HIGHER: "higher", risk_assessments.LOWER: "lower",
                risk_assessments.SAME: "same", risk_assessments.NOT_COMPARED: "not compared"}
CHECK_EVERY = 200  # rows or questions between checks for Cancel (and progress)

# Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


class Html(str):
    """Markup built here from escaped parts: written as it is, not escaped again."""


# -- text -----------------------------------------------------------------------------------------------

def esc(value: object) -> str:
    """User text for HTML: printable characters only (as in the PDF), then escaped."""
    return html.escape(clean(value), quote=True)


def direction(text: str) -> str:
    """The `dir` attribute a passage needs: rtl when it is mainly Arabic or Hebrew letters, auto when it
    has some (the reader's browser then takes the first strong letter), none for left-to-right text."""
    rtl = len(_RTL.findall(text))
    if not rtl:
        return ""
    letters = sum(1 for character in text if character.isalpha())
    return ' dir="rtl"' if rtl * 2 > letters else ' dir="auto"'


def inline(value: object) -> Html:
    """User text inside an element: escaped, its line breaks kept."""
    return Html(esc(value).replace("\n", "<br>"))


def element(tag: str, value: object, attributes: str = "") -> Html:
    """`<tag>` holding user text, with the direction the text needs."""
    text = clean(value)
    return Html(f"<{tag}{attributes}{direction(text)}>{inline(text)}</{tag}>")


def paragraphs(value: object, attributes: str = "") -> Html:
    """A long text as paragraphs (at blank lines), each whole, however long."""
    pieces = [piece.strip("\n") for piece in re.split(r"\n\s*\n", clean(value).strip())]
    return Html("".join(element("p", piece, attributes) for piece in pieces if piece.strip()))


def long_text(label: str, value: object, empty: str = "") -> Html:
    """A labelled text, as `sections.long_text` prints it; nothing when both it and `empty` are empty."""
    body = paragraphs(value)
    if not body and not empty:
        return Html("")
    head = f'<p class="label">{esc(label)}</p>' if label else ""
    body = body or Html(f'<p class="muted">{esc(empty)}</p>')
    return Html(f'<div class="text">{head}{body}</div>')


def meta(value: str) -> Html:
    return element("p", value, ' class="meta"') if value else Html("")


def facts(pairs: Iterable[tuple[str, object]]) -> Html:
    """(label, value) pairs as a description list, leaving out the empty ones."""
    items = "".join(f"<div><dt>{esc(label)}</dt>{element('dd', value)}</div>" for label, value in pairs if value)
    return Html(f'<dl class="facts">{items}</dl>' if items else "")


def status_text(status: str, *, overdue: bool = False) -> Html:
    """A status in words (never colour alone), with "overdue" after it when it is."""
    text = f'<strong class="status status-{esc(status)}">{esc(human_label(status))}</strong>'
    if overdue:
        text += ' <strong class="overdue">· overdue</strong>'
    return Html(text)


def both(main: object, second: object) -> Html:
    """A cell of a value and a quieter line under it (a programme and its ministry, a title and its code)."""
    first = main if isinstance(main, Html) else inline(main)
    return Html(f'{first}<br><span class="muted">{inline(second)}</span>' if clean(second) else first)


# -- tables and charts ----------------------------------------------------------------------------------

NUMBER = ' class="number"'  # a column of amounts or counts, right-aligned


def cell(tag: str, value: object, numeric: bool) -> str:
    attributes = NUMBER if numeric else ""
    if isinstance(value, Html):
        return f"<{tag}{attributes}>{value}</{tag}>"
    return element(tag, value, attributes)


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[object]], *,
          numeric: Collection[int] = frozenset(), empty: str = "None.",
          check: Callable[[int], None] | None = None) -> Iterator[str]:
    """A table with its caption and column headers, row by row (a 100,000-row annex streams); a cell
    that is `Html` is written as it is, any other value escaped."""
    yield (f"<table>\n<caption>{esc(caption)}</caption>\n<thead><tr>"
           + "".join(f'<th scope="col"{NUMBER if n in numeric else ""}>{esc(h)}</th>' for n, h in enumerate(headers))
           + "</tr></thead>\n<tbody>\n")
    count = 0
    for count, row in enumerate(rows, start=1):
        yield "<tr>" + "".join(cell("td", value, n in numeric) for n, value in enumerate(row)) + "</tr>\n"
        if check is not None and count % CHECK_EVERY == 0:
            check(count)
    if not count:
        yield f'<tr><td colspan="{len(headers)}">{esc(empty)}</td></tr>\n'
    yield "</tbody>\n</table>\n"


def bar_chart(number: int, title: str, headers: tuple[str, str], rows: Sequence[tuple[str, float, str]], *,
              maximum: float | None = None) -> Html:
    """A chart as a figure: its figures in a table (the text alternative a screen reader reads) and a
    plain SVG bar chart with a title, one bar per (label, value, printed value) in the order given."""
    figures = "".join(table(title, headers, [(label, printed) for label, _, printed in rows], numeric={1},
                            empty="Nothing to chart."))
    svg = ""
    top = maximum or max((value for _, value, _ in rows), default=0)
    if top > 0:
        bar, gap, label_width, width = 18, 8, 210, 640
        height = len(rows) * (bar + gap) + gap
        summary = "; ".join(f"{clean(label)}: {printed}" for label, _, printed in rows)
        shapes = []
        for n, (label, value, printed) in enumerate(rows):
            y = gap + n * (bar + gap)
            length = max((width - label_width - 130) * value / top, 0)
            short = clean(label) if len(clean(label)) <= 30 else clean(label)[:29] + "…"
            shapes.append(f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{esc(short)}</text>'
                          f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}"/>'
                          f'<text x="{label_width + length + 6:.1f}" y="{y + 13}">{esc(printed)}</text>')
        svg = (f'<svg role="img" aria-labelledby="chart{number}" viewBox="0 0 {width} {height}" '
               f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
               f'<title id="chart{number}">{esc(title)}: {esc(summary)}</title>{"".join(shapes)}</svg>')
    return Html(f'<figure class="chart">\n<figcaption>{esc(title)}</figcaption>\n{svg}\n{figures}</figure>\n')


# -- the sections ---------------------------------------------------------------------------------------

@dataclass
class Context:
    """What a built-in renderer needs besides its data: the pack, the section's anchor, progress."""

    pack: Pack
    report: Progress | None = None
    key: str = ""
    in_full: set[int] = field(default_factory=set)  # questions printed in full, for the annex's links
    charts: Iterator[int] = field(default_factory=itertools.count)

    def check(self, message: str) -> None:
        if self.report is not None:
            self.report(message=message)


def summary(data: Summary, context: Context) -> Iterator[str]:
    pack = context.pack
    yield meta(f"Questions tabled {pack.period}; follow-ups and commitments as they stand on "
               f"{long_date(pack.today)}.")
    tiles = "".join(f"<div><dt>{esc(label)}</dt><dd>{esc(value)}</dd></div>" for label, value in data.figures)
    yield f'<dl class="figures">{tiles}</dl>\n'
    yield bar_chart(next(context.charts), "Questions by status", ("Status", "Questions"),
                    [(human_label(status), n, str(n)) for status, n in data.by_status])
    yield bar_chart(next(context.charts), "Answers on time, by ministry", ("Ministry", "Answered on time"),
                    [(name, on_time * 100 / n, f"{on_time * 100 // n}% ({on_time} of {n})")
                     for name, n, on_time in data.ministries], maximum=100)
    yield bar_chart(next(context.charts), "Commitments scorecard", ("Status", "Commitments"),
                    [(human_label(status), n, str(n)) for status, n in data.scorecard])
    if data.allocations or pack.name == "debate":
        yield allocations(data.allocations, data.currency, context)


def allocations(by_year: dict[int, dict[str, int]], currency: str | None, context: Context) -> Html:
    """Allocations per fiscal year: the totals charted, and by scope in the table."""
    title = f"Budget allocations by scope ({currency or 'no budget lines'})"
    years = sorted(by_year)[-6:]  # the years the PDF's chart shows
    scopes = sorted({scope for year in years for scope in by_year[year]})
    totals = {year: sum(by_year[year].values()) for year in years}
    chart = bar_chart(next(context.charts), f"{title}: totals", ("Fiscal year", "Allocated"),
                      [(str(year), totals[year], amount_text(totals[year], currency, whole=True)) for year in years])
    rows = [[str(year), *(amount_text(by_year[year].get(scope, 0), currency, whole=True) for scope in scopes),
             amount_text(totals[year], currency, whole=True)] for year in years]
    by_scope = "".join(table(title, ["Fiscal year", *map(human_label, scopes), "Total"], rows,
                             numeric=set(range(1, len(scopes) + 2)), empty="No budget lines."))
    return Html(chart + by_scope)


def budget_summary(data: BudgetSummary, context: Context) -> Iterator[str]:
    yield allocations(data.allocations, data.currency, context)


def agenda(data: Agenda, context: Context) -> Iterator[str]:
    debate = data.debate
    yield element("p", debate.title, ' class="lead"')
    yield facts([("Date", long_date(debate.date)), ("Chamber", debate.chamber), ("Status", human_label(debate.status)),
                 ("Sitting", f"{debate.sitting_minutes} minutes" if debate.sitting_minutes else "")])
    yield long_text("Motion", debate.motion) + long_text("Outcome", debate.outcome)
    for number, item in enumerate(data.items, start=1):
        yield element("h3", f"{number}. {item['title']}", f' id="{context.key}a{item["id"]}"')
        yield meta(" · ".join(x for x in (f"{item['allotted_minutes']} minutes" if item["allotted_minutes"] else "",
                                          f"Speakers: {item['speakers']}" if item["speakers"].strip() else "")
                              if x))
        yield long_text("", item["description"]) + long_text("Outcome notes", item["outcome_notes"])
        if item["links"]:
            yield from table("Records discussed under this item", ["Record"],
                             [[link["label"]] for link in item["links"]])
    if not data.items:
        yield meta("The agenda has no items yet.")


def commitments(data: Scorecard, context: Context) -> Iterator[str]:
    yield meta("The committee's assessment of each commitment in the catalogue, with the records that evidence "
               "it. Commitments the committee has not assessed count as not started.")
    rows = []
    for c in data.commitments:
        linked = ", ".join(f"{count} {noun}" for count, noun in ((c["questions"], "questions"),
                                                                 (c["budget_items"], "budget lines"),
                                                                 (c["agenda_items"], "agenda items")) if count)
        rows.append([both(Html(f"<strong>{inline(c['title'])}</strong>"), c["code"]), str(c["pillar"]),
                     status_text(c["status"]), linked or "none", c["evidence"] or ""])
    yield from table("Commitments and their assessment", ["Commitment", "Pillar", "Status", "Linked records",
                                                          "Evidence"], rows)


def treaties(data: Treaties, context: Context) -> Iterator[str]:
    rows = [[t["title"], str(t["year"]), status_text(t["status"]), long_date(t["status_date"]), t["legislation"],
             t["reservations"]] for t in data.treaties]
    yield from table("Treaties and their status", ["Treaty", "Year", "Status", "Since", "Implementing legislation",
                                                   "Reservations"], rows)


def question_block(q: Question, context: Context) -> Html:
    """A question in full, as `sections.question_block` prints it."""
    reference = q.reference or f"Question {q.id}"
    details = [f"{human_label(q.type)} question"]
    if q.asked_by is not None:
        details.append(f"asked by {q.asked_by.full_name}")
    if q.addressed_to is not None:
        details.append(f"to the {q.addressed_to.name}")
    if q.transferred_from is not None:
        details.append(f"transferred from the {q.transferred_from.name}"
                       + (f" on {long_date(q.transferred_on)}" if q.transferred_on else ""))
    due = "named day" if q.named_day else "due"
    details += [f"{label} {long_date(value)}" for label, value in
                (("tabled", q.date_tabled), (due, q.answer_due), ("answered", q.date_answered)) if value]
    if q.answered_by is not None:
        details.append(f"by {q.answered_by.full_name}")
    together = [other for other in ([q.answered_with, *q.answered_with.sharing_answer] if q.answered_with
                                    else q.sharing_answer) if other is not None and other.id != q.id]
    if together:
        details.append("answered together with " + ", ".join(o.reference or f"“{o.title}”" for o in together))
    state: str = status_text(q.status, overdue=is_overdue(q, context.pack.today))
    if q.assessment:
        poor = " overdue" if q.assessment in ("unsatisfactory", "no_answer") else ""
        state += f' · Committee\'s assessment: <strong class="status{poor}">{esc(human_label(q.assessment))}</strong>'
    parts = [f'<article class="question" id="q{q.id}">', element("h4", f"{reference} — {q.title}"),
             meta(" · ".join(details)), f'<p class="meta">{state}</p>', long_text("Question", q.question_text)]
    if q.holding_answer_text.strip():
        held = f" of {long_date(q.holding_answer_date)}" if q.holding_answer_date else ""
        parts.append(long_text(f"Holding answer{held}", q.holding_answer_text))
    corrected = f" (corrected on {long_date(q.answer_corrected_on)})" if q.answer_corrected_on else ""
    parts.append(long_text(f"Answer{corrected}", q.answer_text, empty="No answer yet."))
    if q.original_answer_text.strip():
        parts.append(long_text("The answer as first given", q.original_answer_text))
    if q.commitments:
        parts.append(meta("Commitments: " + "; ".join(f"{c.code} ({c.title})" for c in q.commitments)))
    parts.append("</article>\n")
    context.in_full.add(q.id)
    return Html("".join(parts))


def questions(data: QuestionsByStatus, context: Context) -> Iterator[str]:
    done, total = 0, sum(len(group) for _, group in data.groups)
    for n, (status, group) in enumerate(data.groups):
        yield f'<h3 id="{context.key}p{n}">{esc(human_label(status))} ({len(group)})</h3>\n'
        for q in group:
            yield question_block(q, context)
            done += 1
            if done % CHECK_EVERY == 0:
                context.check(f"writing question {done} of {total}")
    if not data.groups:
        yield meta("No questions in this period.")


def annex(data: QuestionIndex, context: Context) -> Iterator[str]:
    def reference(q: Question) -> Html:
        text = inline(q.reference or str(q.id))
        return Html(f'<a href="#q{q.id}">{text}</a>' if q.id in context.in_full else text)

    rows = ([reference(q), q.title, q.addressed_to.abbreviation or q.addressed_to.name if q.addressed_to else "",
             long_date(q.date_tabled), status_text(q.status, overdue=is_overdue(q, context.pack.today)),
             long_date(q.date_answered)] for q in data.questions)
    yield from table("Index of questions", ["Reference", "Title", "Ministry", "Tabled", "Status", "Answered"], rows,
                     check=lambda n: context.check(f"writing row {n} of {len(data.questions)} of the index"))


def _change(row: Values) -> str:
    if row["change_status"] == "new":
        return "new"
    if row["change_percent"] is None:
        return "–"
    return f"{row['change_percent']:+.1f}%"


def budget_lines(data: BudgetLines, context: Context) -> Iterator[str]:
    for year, rows in data.years:
        yield f'<h3 id="{context.key}y{year}">Fiscal year {year}</h3>\n'
        yield from table(f"Budget lines of fiscal year {year}", ["Programme", "Scope", "Currency", "Requested",
                                                                 "Allocated", "Spent", "Change"],
                         [[both(r["programme"], r["body"]), human_label(r["scope"]), r["currency"],
                           *(amount_text(r[name], r["currency"], whole=True) for name in AMOUNTS), _change(r)]
                          for r in rows], numeric={3, 4, 5, 6})
        for r in rows:
            texts = [long_text(label, r[name]) for label, name in
                     (("Question raised in the debate", "question_raised"),
                      ("Government response", "government_response"),
                      ("Committee position", "committee_position"), ("Outcome", "outcome")) if r[name].strip()]
            if texts:
                yield element("h4", f"{r['programme']} ({year})") + "".join(texts)
    if not data.years:
        yield meta("No budget lines on record.")


def follow_ups(data: FollowUps, context: Context) -> Iterator[str]:
    rows = [[long_date(r["due_date"]), both(status_text(r["status"], overdue=r["overdue"]), human_label(r["kind"])),
             r["description"], r["owner"], r["parent_label"]] for r in data.follow_ups]
    yield from table("Follow-ups", ["Due", "Status", "What is owed", "Owner", "Arising from"], rows)


# -- recommendations, undertakings, risk assessments and documents, as `record_sections` prints them ----

RECOMMENDATION_HEADERS = ["Recommendation", "By", "Response", "Implementation", "Linked questions"]


def _recommendation_rows(rows: list[Values]) -> list[list[object]]:
    return [[both(r["text"], r["themes"]), r["recommended_by"], status_text(r["response"]),
             status_text(r["implementation"]), ", ".join(r["questions"]) or "none"] for r in rows]


def recommendation_card(data: RecommendationCard, context: Context) -> Iterator[str]:
    card = data.card
    share = f"{card.accepted_share:.0%}" if card.accepted_share is not None else "n/a"
    yield meta(f"{card.total} recommendations on record; accepted wholly or in part: {share}.")
    for caption, heading, counts in (("By the government's response", "Response", card.by_response),
                                     ("By implementation", "Implementation", card.by_implementation)):
        yield bar_chart(next(context.charts), caption, (heading, "Count"),
                        [(human_label(value), n, str(n)) for value, n in counts.items()])
    yield f"<h3>Accepted but not yet implemented ({len(data.waiting)})</h3>\n"
    yield from table("Recommendations accepted but not yet implemented", RECOMMENDATION_HEADERS,
                     _recommendation_rows(data.waiting))


def recommendation_groups(data: RecommendationGroups, context: Context) -> Iterator[str]:
    for n, (title, rows) in enumerate(data.groups):
        yield element("h3", f"{title} ({len(rows)})", f' id="{context.key}p{n}"')
        yield from table(f"Recommendations: {title}", RECOMMENDATION_HEADERS, _recommendation_rows(rows))
    if not data.groups:
        yield meta("No recommendations on record.")


def _due(row: Values) -> Html:
    times = row["extensions"]
    extended = f"extended {'once' if times == 1 else f'{times} times'}" if times else ""
    return both(long_date(row["due_on"]) or "no date", extended)


def _what(row: Values) -> Html:
    done = f" on {long_date(row['completed_on'])}" if row["completed_on"] else ""
    outcome = element("p", f"Outcome{done}: {row['outcome']}") if row["outcome"].strip() else ""
    return Html(paragraphs(row["text"]) + outcome)


def _given(row: Values) -> Html:
    on = f"given on {long_date(row['given_on'])}" if row["given_on"] else ""
    return both(row["where_in_full"], on) if clean(row["where_in_full"]).strip() else inline(on)


def undertakings(data: Undertakings, context: Context) -> Iterator[str]:
    headed = len(data.groups) > 1  # a register section holds one group, already under its own title
    for n, (title, rows) in enumerate(data.groups):
        if headed:
            yield element("h3", f"{title} ({len(rows)})", f' id="{context.key}p{n}"')
        yield from table(f"Government undertakings: {title.lower()}", ["Due", "What was undertaken", "By",
                                                                       "Given in", "Status"],
                         [[_due(r), _what(r), r["given_by_label"], _given(r),
                           status_text(r["status"], overdue=r["overdue"])] for r in rows])
    if not data.groups:
        yield meta("No government undertakings are pending.")


def _level(level: str | None) -> Html:
    return Html(f'<strong class="level level-{esc(level)}">{esc(human_label(level))}</strong>' if level
                else '<span class="muted">no finding</span>')


def risk_comparison(data: RiskComparison, context: Context) -> Iterator[str]:
    if data.year is None:
        yield meta("The committee has recorded no atrocity risk assessment yet.")
        return
    against = f", against {data.previous_year}" if data.previous_year else "; no earlier assessment to compare"
    said = [f"Assessment {data.year}: {data.title}{against}."]
    if data.assessed_on:
        said.append(f"Assessed on {long_date(data.assessed_on)}.")
    if data.source:
        said.append(f"Source: {data.source}.")
    yield meta(" ".join(said))
    if not data.detailed:
        last = str(data.previous_year or "Last year")
        rows = [[str(f["number"]), f["title"], _level(f["previous"]) if data.previous_year else "",
                 _level(f["level"]), CHANGE_TEXTS[f["change"]]] for f in data.factors]
        yield from table(f"Risk factors in {data.year} against {last}", ["No.", "Risk factor", last, str(data.year),
                                                                         "Change"], rows)
        return
    for f in data.factors:
        if f["level"] == RiskLevel.NOT_ASSESSED:  # nothing found yet: no note or evidence to print
            continue
        before = (f" · {data.previous_year}: {human_label(f['previous']) if f['previous'] else 'no finding'}"
                  f" · {CHANGE_TEXTS[f['change']]}" if data.previous_year else "")
        yield element("h3", f"{f['number']}. {f['title']}")
        yield f'<p class="meta">{data.year}: {_level(f["level"])}{esc(before)}</p>'
        yield long_text("Note", f["note"], empty="No note.")
        if f["evidence"]:
            yield meta("Evidence: " + "; ".join(f["evidence"]))


def documents(data: Documents, context: Context) -> Iterator[str]:
    if data.intro:
        yield meta(data.intro)
    rows = [[d["title"], human_label(d["kind"]), d["from"], long_date(d["published_on"]),
             f"{d['file_name']} ({size_text(d['file_size'])})" if d["file_size"] is not None
             else d["file_name"] or "none"] for d in data.documents]
    yield from table("Documents", ["Title", "Kind", "From", "Published", "Attached file"], rows)


BuiltIn = Callable[[Any, Context], Iterable[str]]
BUILT_IN: dict[type, BuiltIn] = {
    Summary: summary, BudgetSummary: budget_summary, Agenda: agenda, Scorecard: commitments, Treaties: treaties,
    QuestionsByStatus: questions, QuestionIndex: annex, BudgetLines: budget_lines, FollowUps: follow_ups,
    RecommendationCard: recommendation_card, RecommendationGroups: recommendation_groups,
    Undertakings: undertakings, RiskComparison: risk_comparison, Documents: documents,
}

# The hook for new kinds of section: their data's type -> the HTML of the section's body, written under
# the section's h2 (sub-headings h3 and below). Asked before the built-in renderers, so it can replace one.
# Build the HTML with `esc`, `element`, `paragraphs`, `long_text`, `facts` and `table` of this module.
RENDERERS: dict[type, Callable[[Any], str | Iterable[str]]] = {}


def section_body(section: Section, context: Context) -> Iterable[str]:
    """The section's body as its type of data is written; a type nobody knows, its count in words."""
    renderer = RENDERERS.get(type(section.data))
    if renderer is not None:
        written = renderer(section.data)
        return [written] if isinstance(written, str) else written
    built_in = BUILT_IN.get(type(section.data))
    if built_in is not None:
        return built_in(section.data, context)
    return [meta(f"{section.count} {'record' if section.count == 1 else 'records'}; this section is in the PDF "
                 "edition only.")]


# -- the page -------------------------------------------------------------------------------------------

STYLE = """
:root { color: #1a1a1a; background: #fff; font: 1rem/1.5 system-ui, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
body { margin: 0 auto; max-width: 62rem; padding: 0 1.25rem 2rem; }
h1, h2, h3, h4 { color: #1f3a5f; line-height: 1.25; }
h1 { font-size: 2rem; margin: 1.5rem 0 .25rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .5rem; padding-top: .75rem; border-top: 3px solid #e8edf3; }
h3 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
a { color: #1f4f8f; }
a:focus-visible, :focus-visible { outline: 3px solid #b5452b; outline-offset: 2px; }
.skip { position: absolute; left: -999rem; }
.skip:focus { position: static; display: inline-block; margin: .5rem 0; padding: .5rem 1rem; background: #1f3a5f;
  color: #fff; }
.marking { text-align: center; font-weight: bold; letter-spacing: .04em; padding: .5rem; margin: 0;
  border: 2px solid currentColor; }
.marking.public { color: #1f3a5f; }
.marking.committee { color: #a33a22; }
.subtitle, .lead { font-size: 1.15rem; color: #3d4753; }
.meta, .muted, .label { color: #505a66; }
.meta { font-size: .92rem; margin: .25rem 0; }
.label { font-size: .8rem; font-weight: bold; text-transform: uppercase; letter-spacing: .04em; margin: .75rem 0 0; }
.text p { margin: .25rem 0 .5rem; }
.status, .level { color: #1f3a5f; }
.overdue { color: #a33a22; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts div, dl.figures div { display: contents; }
dl.facts dt { color: #505a66; }
dl.facts dd { margin: 0; }
dl.figures { display: flex; flex-wrap: wrap; gap: 1rem; }
dl.figures div { display: flex; flex-direction: column-reverse; min-width: 12rem; border-top: 3px solid #e8edf3; }
dl.figures dd { margin: 0; font-size: 1.75rem; font-weight: bold; color: #1f3a5f; }
dl.figures dt { color: #505a66; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0 1.25rem; font-size: .92rem; }
caption { text-align: left; font-weight: bold; color: #1f3a5f; padding: .25rem 0; }
th { background: #1f3a5f; color: #fff; text-align: left; }
th, td { padding: .35rem .5rem; vertical-align: top; border-bottom: 1px solid #d5dde6; }
tbody tr:nth-child(even) { background: #f5f7fa; }
.number { text-align: right; font-variant-numeric: tabular-nums; }
td p { margin: 0 0 .35rem; }
figure.chart { margin: 1.25rem 0; }
figure.chart figcaption { font-weight: bold; color: #1f3a5f; }
figure.chart svg { max-width: 100%; height: auto; font-size: 13px; }
figure.chart rect { fill: #1f3a5f; }
figure.chart text { fill: #1a1a1a; }
nav ol { padding-left: 1.5rem; }
nav li { margin: .2rem 0; }
article.question { border-left: 3px solid #e8edf3; padding-left: .75rem; margin: 1rem 0; }
footer { margin-top: 3rem; border-top: 3px solid #e8edf3; padding-top: 1rem; }
[dir="rtl"] { text-align: right; }
@media print { .skip { display: none; } h2 { break-before: page; } h2, h3, h4 { break-after: avoid; }
  tr { break-inside: avoid; } }
"""


def head(pack: Pack) -> str:
    title = f"{pack.title}: {pack.committee}"
    return (f'<!DOCTYPE html>\n<html lang="{LANGUAGE}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="R2P Desktop">\n'
            f'<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n')


def marking(pack: Pack) -> str:
    return f'<p class="marking {esc(pack.audience)}">{esc(MARKINGS[pack.audience])}</p>\n'


def contents(pack: Pack) -> Iterator[str]:
    yield '<nav aria-labelledby="contents">\n<h2 id="contents">Contents</h2>\n<ol>\n'
    for index, section in enumerate(pack.sections):
        parts = "".join(f'<li><a href="#s{index}p{n}">{inline(human_label(part))}</a></li>'
                        for n, part in enumerate(section.parts))
        yield (f'<li><a href="#s{index}">{inline(section.title)}</a>'
               + (f"\n<ol>{parts}</ol>" if parts else "") + "</li>\n")
    yield "</ol>\n</nav>\n"


def cover(pack: Pack) -> str:
    note = ("This pack contains public records only and may be published." if pack.audience == "public" else
            "This pack contains records the committee has not made public. Do not circulate outside the "
            "committee and its secretariat.")
    subtitle = ' class="subtitle"'
    return (element("p", pack.committee, subtitle) + element("h1", pack.title)
            + (element("p", pack.subtitle, subtitle) if pack.subtitle else "")
            + facts([("Committee", pack.committee), ("Period", pack.period), ("Audience", human_label(pack.audience)),
                     ("Prepared", long_date(pack.today))])
            + meta(note))


def colophon(pack: Pack) -> str:
    trail = pack.audit_trail
    said = [f"Written by R2P Desktop on {long_date(pack.today)}; the accessible edition of the PDF pack."]
    if trail is not None:
        said += [f"Audit trail at export: {trail.length} entries, head {trail.short_head}.",
                 f"Anchor for r2p check --anchor: {trail}"]
    return "".join(meta(line) for line in said)


def document(pack: Pack, report: Progress | None = None) -> Iterator[str]:
    """The whole file, in pieces as they are made."""
    context = Context(pack, report)
    yield head(pack)
    first = "#s0" if pack.sections else "#main"
    yield (f'<a class="skip" href="{first}">Skip to the first section</a>\n<header>\n{marking(pack)}</header>\n'
           '<main id="main">\n')
    yield cover(pack)
    yield from contents(pack)
    for index, section in enumerate(pack.sections):
        context.key = f"s{index}"
        if report is not None:
            report(index, len(pack.sections), f"writing {section.title.lower()}")
        heading = element("h2", section.title, f' id="s{index}"')
        yield f'<section aria-labelledby="s{index}">\n{heading}\n'
        yield from section_body(section, context)
        yield "</section>\n"
    yield f"</main>\n<footer>\n{colophon(pack)}{marking(pack)}</footer>\n</body>\n</html>\n"


def write_html(pack: Pack, path: Path, report: Progress) -> None:
    """Write the HTML edition of `pack` into `path`, piece by piece."""
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        for piece in document(pack, report):
            file.write(piece)
