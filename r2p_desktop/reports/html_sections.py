"""Each section of a pack in the accessible HTML edition, written from its type of section data as
`sections` and `record_sections` print it in the PDF (the same content, without ReportLab): the charts
as figures with their numbers in tables, tables with column headers and captions, texts whole. Each
renderer yields small pieces, so `html.document` can write them to the file as they come."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.attachments import size_text
from ..core.formatting import human_label, long_date
from ..core.models import RiskLevel
from ..core.money import amount_text
from ..core.services import risk_assessments
from ..core.values import Values
from .html import (
    CHECK_EVERY,
    BuiltIn,
    Context,
    Html,
    bar_chart,
    both,
    element,
    esc,
    facts,
    inline,
    linked,
    long_text,
    meta,
    paragraphs,
    source_note,
    status_text,
    table,
)
from .key_points import (
    ASK_TITLE,
    NOTHING_TO_ASK,
    KeyPoints,
    SinceLastDebate,
    key_points_meta,
    left_out_sentence,
    since_last_meta,
    since_last_parts,
)
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
    Summary,
    Treaties,
    is_overdue,
    question_details,
    standing,
)
from .record_data import Documents, RecommendationCard, RecommendationGroups, RiskComparison, Undertakings
from .text import clean

AMOUNTS = ("amount_requested", "amount_allocated", "amount_spent")
# How a move between risk levels (`risk_assessments.change`) reads, in words a screen reader says well.
CHANGE_TEXTS = {risk_assessments.HIGHER: "higher", risk_assessments.LOWER: "lower",
                risk_assessments.SAME: "same", risk_assessments.NOT_COMPARED: "not compared"}


def summary(data: Summary, context: Context) -> Iterator[str]:
    pack = context.pack
    period = f"Questions tabled {pack.period}; follow-ups and commitments as they stand on {long_date(pack.today)}."
    yield meta(period + (" Every figure counts public records only." if pack.public_only else ""))
    tiles = "".join(f"<div><dt>{esc(label)}</dt><dd>{esc(value)}</dd></div>" for label, value in data.figures)
    yield f'<dl class="figures">{tiles}</dl>\n'
    yield "".join(meta(note) for note in data.notes)
    yield '<p class="label">Definitions</p>' + facts(DEFINITIONS.items())
    yield bar_chart(next(context.charts), "Questions by status", ("Status", "Questions"),
                    [(human_label(status), n, str(n)) for status, n in data.by_status])
    yield bar_chart(next(context.charts), "Answers on time, by ministry", ("Ministry", "Answered on time"),
                    [(name, on_time * 100 / n, f"{on_time * 100 // n}% ({on_time} of {n})")
                     for name, n, on_time in data.ministries], maximum=100)
    if data.scorecard:
        yield bar_chart(next(context.charts), "Commitments scorecard", ("Status", "Commitments"),
                        [(human_label(status), n, str(n)) for status, n in data.scorecard])
    else:  # no figure it could state truthfully
        withheld = meta("The committee's assessments are not published.")
        yield f'<figure class="chart">\n<figcaption>Commitments scorecard</figcaption>\n{withheld}</figure>\n'
    if data.allocations or pack.name == "debate":
        yield allocations(data.allocations, data.currency, context)
    yield source_note(pack, "the committee's record of questions, commitment assessments and budget lines; "
                            "questions as defined above")
    names = [f"{short}: {full}" for short, full in pack.glossary if short in {m for m, _, _ in data.ministries}]
    if names:  # the chart names ministries by their short names: say them in full
        yield meta("Ministries: " + "; ".join(names) + ".")


def allocations(by_year: dict[int, dict[str, int]], currency: str | None, context: Context) -> Html:
    """Allocations per fiscal year: the totals charted, and by scope in the table."""
    title = f"Budget allocations by scope ({currency or 'no budget lines'})"
    years = sorted(by_year)[-6:]  # the years the PDF's chart shows
    scopes = sorted({scope for year in years for scope in by_year[year]})
    totals = {year: sum(by_year[year].values()) for year in years}
    rows = [[str(year), *(amount_text(by_year[year].get(scope, 0), currency, whole=True) for scope in scopes),
             amount_text(totals[year], currency, whole=True)] for year in years]
    by_scope = "".join(table(f"{title}: the figures", ["Fiscal year", *map(human_label, scopes), "Total"], rows,
                             numeric=set(range(1, len(scopes) + 2)), empty="No budget lines."))
    return bar_chart(next(context.charts), title, ("Fiscal year", "Allocated"),
                     [(str(year), totals[year], amount_text(totals[year], currency, whole=True)) for year in years],
                     figures=by_scope)


def budget_summary(data: BudgetSummary, context: Context) -> Iterator[str]:
    yield allocations(data.allocations, data.currency, context)
    yield source_note(context.pack, "the committee's record of budget lines")


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
            yield from table("Records discussed under this item", ["Kind", "Record", "Status"],
                             [[link["kind"], linked(inline(link["label"]), _target(link, context.pack)),
                               status_text(link["status"]) if link["status"] else "–"] for link in item["links"]])
    if not data.items:
        yield meta("The agenda has no items yet.")


def _target(link: Values, pack: Pack) -> str | None:
    """The entry in this file an agenda link's record has, if it has one."""
    if link["column"] == "question_id" and link["id"] in pack.in_full:
        return f"q{link['id']}"
    if link["column"] == "commitment_id":
        return f"c{link['id']}"
    return None


def _linked_records(c: Values, pack: Pack) -> Html:
    """The records that evidence a commitment, each by reference and status, linked to its entry when
    the file prints it in full (every one: a web page has room for them)."""
    entries = []
    for record in c["linked"]:
        target = f"q{record['id']}" if record["kind"] == "question" and record["id"] in pack.in_full else None
        text = linked(inline(record["reference"]), target)
        if record["status"]:
            text = Html(f'{text} <span class="muted">({esc(human_label(record["status"]).lower())})</span>')
        entries.append(f"<li>{text}</li>")
    return Html(f'<ul class="linked">{"".join(entries)}</ul>' if entries else "none")


def commitments(data: Scorecard, context: Context) -> Iterator[str]:
    withheld = sum(1 for c in data.commitments if c["status"] == NOT_PUBLISHED)
    if withheld == len(data.commitments) and withheld:
        intro = ("The committee's assessments of the commitments are not published; the commitments are listed "
                 "with the public records that evidence them.")
    else:
        intro = ("The committee's assessment of each commitment in the catalogue, with the records that evidence "
                 "it. Commitments the committee has not assessed count as not started.")
        if withheld:
            intro += f" {withheld} assessments are not published."
    yield meta(intro)
    rows = []
    for c in data.commitments:
        source = f"{c['source_code']}, {c['paragraph']}" if c["paragraph"] else c["source_code"]
        title = Html(f'<strong id="c{c["id"]}">{inline(c["title"])}</strong>')
        rows.append([both(title, f"{c['code']} · {source}"), str(c["pillar"]), status_text(c["status"]),
                     _linked_records(c, context.pack), c["evidence"] or ""])
    yield from table("Commitments and their assessment", ["Commitment", "Pillar", "Status", "Linked records",
                                                          "Evidence"], rows)
    yield source_note(context.pack, "the commitments catalogue and the committee's assessments")
    sources = sorted({(c["source_code"], c["source"]) for c in data.commitments})
    if sources:
        yield meta("Sources: " + "; ".join(f"{code}: {title}" for code, title in sources) + ".")


def treaties(data: Treaties, context: Context) -> Iterator[str]:
    rows = [[both(Html(f"<strong>{inline(t['title'])}</strong>"), t["full_title"] if t["full_title"] != t["title"]
                  else ""), str(t["year"]), status_text(t["status"]), long_date(t["status_date"]), t["legislation"],
             t["reservations"]] for t in data.treaties]
    yield from table("Treaties and their status", ["Treaty", "Year", "Status", "Since", "Implementing legislation",
                                                   "Reservations"], rows)
    yield source_note(context.pack, "the treaty catalogue and the committee's record of treaty statuses")


def question_block(q: PackQuestion, context: Context) -> Html:
    """A question in full, as `sections.question_block` prints it."""
    reference = q.reference or f"Question {q.id}"
    details = question_details(q)
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
        parts.append(meta("Commitments: " + "; ".join(q.commitments)))
    parts.append("</article>\n")
    return Html("".join(parts))


def questions(data: QuestionsByStatus, context: Context) -> Iterator[str]:
    if data.intro:
        yield meta(data.intro)
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
    if data.intro:
        yield meta(data.intro)
    rows = ([linked(inline(q.reference or str(q.id)), f"q{q.id}" if q.id in context.pack.in_full else None), q.title,
             q.ministry_short, long_date(q.date_tabled),
             status_text(standing(q), overdue=is_overdue(q, context.pack.today)), long_date(q.date_answered)]
            for q in data.questions)
    yield from table("Index of questions", ["Reference", "Title", "Ministry", "Tabled", "Status", "Answered"], rows,
                     check=lambda n: context.check(f"writing row {n} of {len(data.questions)} of the index"))
    yield source_note(context.pack, "the committee's record of questions; status as defined in the executive summary")


def _change(row: Values) -> str:
    if row["change_status"] == "new":
        return "new"
    if row["change_status"] == NOT_PUBLISHED:
        return "previous year not published"
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
        yield source_note(context.pack, f"the committee's record of budget lines for {year} and {year - 1}")
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
    yield source_note(context.pack, "the committee's record of follow-ups")


def glossary(data: Glossary, context: Context) -> Iterator[str]:
    yield meta("The abbreviations this pack uses.")
    yield from table("Abbreviations", ["Abbreviation", "Stands for"],
                     [[Html(f"<strong>{inline(short)}</strong>"), full] for short, full in data.entries])


# -- the debate pack's key points and what changed since the last debate, in `key_points`' words -------

def key_points(data: KeyPoints, context: Context) -> Iterator[str]:
    yield meta(key_points_meta(data))
    yield "<ul>" + "".join(element("li", point) for point in data.points) + "</ul>\n"
    yield f'<section class="questions-to-ask" aria-labelledby="{context.key}ask">\n'
    yield element("h3", ASK_TITLE, f' id="{context.key}ask"')
    if data.asks:
        yield from table(ASK_TITLE, ["Reference", "Question"], [[a.reference, a.text] for a in data.asks])
    else:
        yield element("p", NOTHING_TO_ASK)
    if data.left_out:
        yield element("p", left_out_sentence(data.left_out))
    yield "</section>\n"


def since_last(data: SinceLastDebate, context: Context) -> Iterator[str]:
    yield meta(since_last_meta(data))
    for n, part in enumerate(since_last_parts(data)):
        yield element("h3", part.title, f' id="{context.key}p{n}"') + element("p", part.sentence)
        if part.rows:
            yield from table(part.title, part.headers, part.rows, numeric=part.right)


# -- recommendations, undertakings, risk assessments and documents, as `record_sections` prints them ----

RECOMMENDATIONS_SOURCE = "the committee's record of recommendations and the government's responses"
RISK_SOURCE = "the committee's atrocity risk assessments against the UN Framework of Analysis"
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
    yield source_note(context.pack, RECOMMENDATIONS_SOURCE)


def recommendation_groups(data: RecommendationGroups, context: Context) -> Iterator[str]:
    for n, (title, rows) in enumerate(data.groups):
        yield element("h3", f"{title} ({len(rows)})", f' id="{context.key}p{n}"')
        yield from table(f"Recommendations: {title}", RECOMMENDATION_HEADERS, _recommendation_rows(rows))
    yield source_note(context.pack, RECOMMENDATIONS_SOURCE) if data.groups else meta("No recommendations on record.")


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
    yield (source_note(context.pack, "the committee's register of government undertakings") if data.groups
           else meta("No government undertakings are pending."))


def _level(level: str | None) -> Html:
    return Html(f'<strong class="level level-{esc(level)}">{esc(human_label(level))}</strong>' if level
                else '<span class="muted">no finding</span>')


def risk_comparison(data: RiskComparison, context: Context) -> Iterator[str]:
    if data.year is None:
        yield meta("The committee has recorded no atrocity risk assessment yet.")
        return
    yield meta(data.summary())
    if not data.detailed:
        last = str(data.previous_year or "Last year")
        rows = [[str(f["number"]), f["title"], _level(f["previous"]) if data.previous_year else "",
                 _level(f["level"]), CHANGE_TEXTS[f["change"]]] for f in data.factors]
        yield from table(f"Risk factors in {data.year} against {last}", ["No.", "Risk factor", last, str(data.year),
                                                                         "Change"], rows)
        yield source_note(context.pack, RISK_SOURCE)
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
    yield source_note(context.pack, RISK_SOURCE)


def documents(data: Documents, context: Context) -> Iterator[str]:
    if data.intro:
        yield meta(data.intro)
    rows = [[d["title"], human_label(d["kind"]), d["from"], long_date(d["published_on"]),
             f"{d['file_name']} ({size_text(d['file_size'])})" if d["file_size"] is not None
             else d["file_name"] or "none"] for d in data.documents]
    yield from table("Documents", ["Title", "Kind", "From", "Published", "Attached file"], rows)
    yield source_note(context.pack, "the committee's document register")


# The renderer of each type of section data the packs have.
BUILT_IN: dict[type, BuiltIn] = {
    Summary: summary, BudgetSummary: budget_summary, Agenda: agenda, Scorecard: commitments, Treaties: treaties,
    QuestionsByStatus: questions, QuestionIndex: annex, BudgetLines: budget_lines, FollowUps: follow_ups,
    RecommendationCard: recommendation_card, RecommendationGroups: recommendation_groups,
    Undertakings: undertakings, RiskComparison: risk_comparison, Documents: documents, Glossary: glossary,
    KeyPoints: key_points, SinceLastDebate: since_last,
}
