"""Everything a briefing pack prints, read as plain values through the audience-filtered session.

Nothing here knows about ReportLab: `gather` returns a `Pack` whose sections the layout turns into pages,
and whose counts `preview` shows before anything is drawn. What a section holds is one of the types of
`SectionData`, and its type decides how it is drawn."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Select, func, literal, select
from sqlalchemy.orm import Session, aliased

from ..core import kinds
from ..core.anchors import Anchor, chain_head
from ..core.errors import NotFoundError
from ..core.formatting import human_label, long_date
from ..core.models import (
    AgendaItem,
    AgendaItemLink,
    Body,
    BudgetItem,
    Commitment,
    CommitmentAssessment,
    Confidentiality,
    Debate,
    DebateStatus,
    FollowUp,
    FollowUpStatus,
    Instrument,
    InstrumentStatus,
    Person,
    Question,
    QuestionStatus,
    Undertaking,
    UndertakingStatus,
)
from ..core.models.records import budget_item_commitments, question_commitments
from ..core.services import agenda, budget, dashboard, directory
from ..core.services.follow_ups import FollowUpFilter, list_follow_ups
from ..core.services.questions import AWAITING_ANSWER
from ..core.services.undertakings import list_undertakings
from ..core.values import Values
from . import key_points, record_data
from .key_points import SINCE_LAST_PARTS, KeyPoints, SinceLastDebate
from .options import PACK_TITLES, PackOptions
from .record_data import Documents, RecommendationCard, RecommendationGroups, RiskComparison, Undertakings

# The order questions are grouped in: what was answered first, then what is still owed.
STATUS_ORDER = (QuestionStatus.ANSWERED, QuestionStatus.HOLDING_ANSWER, QuestionStatus.TABLED,
                QuestionStatus.CLOSED, QuestionStatus.WITHDRAWN)
FOLLOW_UP_PARENTS = {kind.key: kind.model for kind in kinds.FOLLOW_UP_PARENTS}
UNSATISFACTORY = ("unsatisfactory", "no_answer")  # the committee's assessments a debate pack always prints
NOT_PUBLISHED = "not_published"  # the status printed where the record has one the audience may not see

# One definition per figure: the tiles, charts and tables count by these functions, and the pack prints
# these sentences under its summary, so a reader knows what each number counts.
DEFINITIONS = {
    "Answered": "an answer was given (it has a date or a text), whether or not the question is now closed.",
    "On time": "answered on or before the date the answer was due; an answer to a question with no due "
               "date is on time.",
    "Overdue": "no answer yet (tabled, or a holding answer only) and the due date has passed.",
    "Closed": "closed without an answer; a closed question that was answered counts as answered.",
    "Follow-up overdue": "open or in progress, and its due date has passed.",
    "Not started": "a commitment the committee has not assessed, or assessed as not started.",
}
# Abbreviations a pack may print that are not names of the record's own bodies or treaties.
TERMS = {"R2P": "Responsibility to Protect", "UPR": "Universal Periodic Review",
         "NHRI": "National human rights institution", "UN": "United Nations"}


@dataclass(frozen=True)
class Summary:
    """Key figures and the charts of the executive summary."""

    figures: list[tuple[str, str]]  # (label, printed value)
    by_status: list[tuple[str, int]]  # questions per status, in STATUS_ORDER
    ministries: list[tuple[str, int, int]]  # on_time_by_ministry
    scorecard: list[tuple[str, int]]  # commitments per assessment status
    allocations: dict[int, dict[str, int]]  # budget.allocations_by_scope; empty when not charted
    currency: str | None
    notes: list[str] = field(default_factory=list)  # what the figures cannot show ("… are not published")


@dataclass(frozen=True)
class BudgetSummary:
    allocations: dict[int, dict[str, int]]  # budget.allocations_by_scope
    currency: str | None


@dataclass(frozen=True)
class Agenda:
    debate: Debate
    items: list[Values]  # agenda.agenda_items, with only the links the audience may see


@dataclass(frozen=True)
class Scorecard:
    commitments: list[Values]  # `commitments`: one per commitment of the catalogue


@dataclass(frozen=True)
class Treaties:
    treaties: list[Values]  # `treaties`: one per instrument


@dataclass(frozen=True)
class QuestionsByStatus:
    groups: list[tuple[str, list[PackQuestion]]]  # `question_groups`
    intro: str = ""  # what the section holds when it holds only some questions


@dataclass(frozen=True)
class QuestionIndex:
    questions: list[PackQuestion]
    intro: str = ""


@dataclass(frozen=True)
class Glossary:
    entries: list[tuple[str, str]]  # (abbreviation, what it stands for), alphabetical


@dataclass(frozen=True)
class BudgetLines:
    years: list[tuple[int, list[Values]]]  # `budget_years`


@dataclass(frozen=True)
class FollowUps:
    follow_ups: list[Values]  # `follow_ups`


SectionData = (Summary | BudgetSummary | Agenda | Scorecard | Treaties | QuestionsByStatus | QuestionIndex
               | BudgetLines | FollowUps | RecommendationCard | RecommendationGroups | Undertakings | RiskComparison
               | Documents | Glossary | KeyPoints | SinceLastDebate)


@dataclass
class Section:
    title: str
    count: int
    data: SectionData
    parts: list[str] = field(default_factory=list)  # sub-headings with their own bookmark, in order


@dataclass
class Pack:
    name: str  # which pack, one of PACKS; `title` is what its cover prints
    title: str
    subtitle: str
    committee: str
    audience: str
    today: date
    since: date | None
    until: date | None
    sections: list[Section]
    paper: str = "a4"
    audit_trail: Anchor | None = None  # the trail's length and head as the pack was read, for its colophon
    exported_at: datetime | None = None  # when the record was read (UTC), for the colophon
    filters: list[tuple[str, str]] = field(default_factory=list)  # ("Period", "…"), … the options chosen
    full: bool = False  # a debate pack with every question in full (else only what the debate needs)
    glossary: list[tuple[str, str]] = field(default_factory=list)  # (abbreviation, what it stands for)
    in_full: frozenset[int] = frozenset()  # ids of the questions printed in full: what links may point to

    @property
    def public_only(self) -> bool:
        """Whether figures cover public records only, and must say so."""
        return self.audience == "public"

    @property
    def period(self) -> str:
        if self.since and self.until:
            return f"{long_date(self.since)} to {long_date(self.until)}"
        if self.since:
            return f"from {long_date(self.since)}"
        if self.until:
            return f"up to {long_date(self.until)}"
        return "all records"


def committee_name(session: Session, options: PackOptions) -> str:
    if options.committee and options.committee.strip():
        return options.committee.strip()
    body_id = directory.committee_body_id(session)
    body = session.get(Body, body_id) if body_id is not None else None
    return body.name if body is not None else "Committee"


def choose_debate(session: Session, debate_id: int | None, today: date) -> Debate:
    if debate_id is not None:
        debate = session.get(Debate, debate_id)
        if debate is None:
            raise NotFoundError(f"there is no debate with id {debate_id} that this audience may see")
        return debate
    debate = session.scalars(select(Debate).where(Debate.status == DebateStatus.PLANNED.value, Debate.date >= today)
                             .order_by(Debate.date, Debate.id).limit(1)).first()
    debate = debate or session.scalars(select(Debate).order_by(Debate.date.desc(), Debate.id.desc()).limit(1)).first()
    if debate is None:
        raise NotFoundError("there is no debate to brief for; add one or choose another pack")
    return debate


@dataclass(frozen=True, slots=True)
class PackQuestion:
    """A question as a pack prints it: plain values only (names, not related records), so a pack of
    100,000 questions holds their text and little else. Names are "" where there is none or the
    audience may not see it."""

    id: int
    reference: str | None
    title: str
    type: str
    status: str
    assessment: str | None
    named_day: bool
    date_tabled: date | None
    answer_due: date | None
    date_answered: date | None
    transferred_on: date | None
    holding_answer_date: date | None
    answer_corrected_on: date | None
    question_text: str
    holding_answer_text: str
    answer_text: str
    original_answer_text: str
    asked_by: str  # the asker's full name
    ministry: str  # the name of the body the question is addressed to
    ministry_short: str  # its abbreviation, else its name
    transferred_from: str
    answered_by: str
    together: tuple[str, ...]  # the questions answered together with it, by reference (or title)
    commitments: tuple[str, ...]  # "code (title)" of each commitment it concerns, by code


def question_details(q: PackQuestion) -> list[str]:
    """What a question in full says under its heading, the same in the PDF and the HTML edition: its
    type, who asked whom, a transfer, its dates and who answered it with which others."""
    details = [f"{human_label(q.type)} question"]
    if q.asked_by:
        details.append(f"asked by {q.asked_by}")
    if q.ministry:
        details.append(f"to the {q.ministry}")
    if q.transferred_from:
        details.append(f"transferred from the {q.transferred_from}"
                       + (f" on {long_date(q.transferred_on)}" if q.transferred_on else ""))
    due = "named day" if q.named_day else "due"
    details += [f"{label} {long_date(value)}" for label, value in
                (("tabled", q.date_tabled), (due, q.answer_due), ("answered", q.date_answered)) if value]
    if q.answered_by:
        details.append(f"by {q.answered_by}")
    if q.together:
        details.append("answered together with " + ", ".join(q.together))
    return details


def questions_in(session: Session, since: date | None, until: date | None,
                 ids: Collection[int] | None = None) -> list[PackQuestion]:
    """Tabled questions (drafts are not yet put to the government) in the period (or with those `ids`),
    by date tabled and reference, in one query joining the names it prints; the session's audience
    filter applies to the joined people and bodies as to the questions (a name the audience may not
    see is "")."""
    if ids is not None and not ids:
        return []
    asker, answerer, ministry, former = aliased(Person), aliased(Person), aliased(Body), aliased(Body)
    query = (select(Question.id, Question.reference, Question.title, Question.type, Question.status,
                    Question.assessment, Question.named_day, Question.date_tabled, Question.answer_due,
                    Question.date_answered, Question.transferred_on, Question.holding_answer_date,
                    Question.answer_corrected_on, Question.question_text, Question.holding_answer_text,
                    Question.answer_text, Question.original_answer_text, asker.full_name, ministry.name,
                    func.coalesce(func.nullif(ministry.abbreviation, ""), ministry.name), former.name,
                    answerer.full_name, Question.answered_with_id)
             .outerjoin(asker, asker.id == Question.asked_by_id)
             .outerjoin(ministry, ministry.id == Question.addressed_to_id)
             .outerjoin(former, former.id == Question.transferred_from_id)
             .outerjoin(answerer, answerer.id == Question.answered_by_id)
             .where(Question.status != QuestionStatus.DRAFT.value)
             .order_by(Question.date_tabled, Question.reference, Question.id))
    if ids is not None:
        query = query.where(Question.id.in_(ids))
    if since:
        query = query.where(Question.date_tabled >= since)
    if until:
        query = query.where(Question.date_tabled <= until)
    names: dict[str, str] = {}  # one string for each name however many questions print it
    together = _answered_together(session)
    concerns = _commitments_of(session, names)
    questions = []
    for row in session.execute(query.execution_options(yield_per=1000)):  # streamed, not buffered whole
        *values, answered_with_id = row
        for n in range(17, 22):
            values[n] = names.setdefault(values[n] or "", values[n] or "")
        shared = together.get(answered_with_id or row.id, ())
        together_with = tuple(label for other, label in shared if other != row.id)
        questions.append(PackQuestion(*(*values, together_with, concerns.get(row.id, ()))))
    return questions


def _answered_together(session: Session) -> dict[int, list[tuple[int, str]]]:
    """{id of a question others share the answer of: [(id, label) of it, then of the others by reference]},
    for the questions the audience may see; a question's group is its own or its answer's."""
    sharing = session.execute(select(Question.id, Question.reference, Question.title, Question.answered_with_id)
                              .where(Question.answered_with_id.is_not(None)).order_by(Question.reference)).all()
    if not sharing:
        return {}
    roots = {row.answered_with_id for row in sharing}
    groups: dict[int, list[tuple[int, str]]] = {
        root_id: [(root_id, reference or f"“{title}”")] for root_id, reference, title in session.execute(
            select(Question.id, Question.reference, Question.title).where(Question.id.in_(roots)))}
    for row in sharing:
        groups.setdefault(row.answered_with_id, []).append((row.id, row.reference or f"“{row.title}”"))
    return groups


def _commitments_of(session: Session, names: dict[str, str]) -> dict[int, tuple[str, ...]]:
    """{question id: "code (title)" of each commitment it concerns, by code}."""
    concerns: dict[int, list[str]] = {}
    for question_id, code, title in session.execute(
            select(question_commitments.c.question_id, Commitment.code, Commitment.title)
            .join(Commitment, Commitment.id == question_commitments.c.commitment_id).order_by(Commitment.code)):
        label = f"{code} ({title})"
        concerns.setdefault(question_id, []).append(names.setdefault(label, label))
    return {question_id: tuple(labels) for question_id, labels in concerns.items()}


def needed_for_debate(session: Session, questions: list[PackQuestion], items: list[Values], today: date
                      ) -> list[PackQuestion]:
    """What a debate needs in full: the questions its agenda discusses (from any period), then the period's
    overdue questions, answers the committee found unsatisfactory and questions in which an undertaking
    still pending was given, in the period's order."""
    on_agenda = {link["id"] for item in items for link in item["links"] if link["column"] == "question_id"}
    promised = set(session.scalars(select(Undertaking.question_id).where(
        Undertaking.status == UndertakingStatus.PENDING.value, Undertaking.question_id.is_not(None))))
    chosen = [q for q in questions if q.id in on_agenda or q.id in promised or is_overdue(q, today)
              or q.assessment in UNSATISFACTORY]
    earlier = questions_in(session, None, None, on_agenda - {q.id for q in questions})
    return earlier + chosen


def glossary(session: Session) -> list[tuple[str, str]]:
    """The abbreviations a pack prints: the bodies' short names, the treaties' acronyms and TERMS."""
    entries = dict(TERMS)
    for abbreviation, name in session.execute(select(Body.abbreviation, Body.name).where(Body.abbreviation != "")):
        entries.setdefault(abbreviation, name)
    for short, title in session.execute(select(Instrument.short_title, Instrument.title)):
        if short and short.replace(" ", "").isupper() and short != title:  # "ATT", "ICCPR": acronyms
            entries.setdefault(short, title)
    return sorted(entries.items(), key=lambda entry: entry[0].casefold())


def is_answered(q: PackQuestion) -> bool:
    """DEFINITIONS["Answered"]: the one test every figure, chart and table of answers uses."""
    return q.date_answered is not None or bool((q.answer_text or "").strip())


def answered_on_time(q: PackQuestion) -> bool:
    """DEFINITIONS["On time"]."""
    if not is_answered(q):
        return False
    return q.answer_due is None or (q.date_answered is not None and q.date_answered <= q.answer_due)


def standing(q: PackQuestion) -> str:
    """The status a chart counts a question under: an answered question counts as answered even when it
    is now closed, so the chart agrees with the "Answered" figure."""
    return QuestionStatus.ANSWERED.value if is_answered(q) else str(q.status)


def on_time_by_ministry(questions: list[PackQuestion]) -> list[tuple[str, int, int]]:
    """(ministry, answers, answers on time) for the ministries that answered, most answers first."""
    answered: Counter[str] = Counter()
    on_time: Counter[str] = Counter()
    for q in questions:
        if is_answered(q) and q.ministry_short:
            name = q.ministry_short
            answered[name] += 1
            on_time[name] += answered_on_time(q)
    return sorted(((name, n, on_time[name]) for name, n in answered.items()), key=lambda r: (-r[1], r[0]))


def is_overdue(q: PackQuestion, today: date) -> bool:
    """DEFINITIONS["Overdue"]."""
    return q.status in AWAITING_ANSWER and q.answer_due is not None and q.answer_due < today


def withheld(session: Session, table: FromClause, value: ColumnElement[object], public: bool) -> set[object]:
    """`value` (of `table`'s columns) on the rows a public pack may not show: read past the audience filter
    (which covers ORM entities, not bare table columns) only to know that something is withheld, so the
    pack can say "not published" instead of a figure it cannot state truthfully. Nothing else of those
    rows is read. Empty for a committee pack, which sees what it prints."""
    if not public:
        return set()
    query = select(value).select_from(table).where(table.c.confidentiality != Confidentiality.PUBLIC.value)
    return set(session.scalars(query))


def summary(session: Session, questions: list[PackQuestion], today: date, *, budget_chart: bool = True,
            public: bool = False) -> Summary:
    by_status = Counter(standing(q) for q in questions)
    answered = [q for q in questions if is_answered(q)]
    on_time = sum(1 for q in answered if answered_on_time(q))
    follow_ups = session.execute(select(FollowUp.status, FollowUp.due_date)
                                 .where(FollowUp.status.in_((FollowUpStatus.OPEN.value,
                                                              FollowUpStatus.IN_PROGRESS.value)))).all()
    card = dashboard.scorecard(session)
    hidden = withheld(session, CommitmentAssessment.__table__, CommitmentAssessment.__table__.c.commitment_id, public)
    notes: list[str] = []
    if hidden and not _published(session):
        achieved = ("Commitment assessments", "Not published")
        card = {}
        notes.append("The committee's assessments of the commitments are not published.")
    else:
        if hidden:
            card = dict(card)
            card["not_started"] = max(card.get("not_started", 0) - len(hidden), 0)
            card[NOT_PUBLISHED] = len(hidden)
            notes.append(f"{len(hidden)} of the committee's assessments of commitments are not published.")
        published = sum(card.values()) - card.get(NOT_PUBLISHED, 0)
        achieved = ("Commitments achieved", f"{card.get('achieved', 0)} of {published}")
    mark = " (public records)" if public else ""
    figures = [
        (f"Questions tabled{mark}", str(len(questions))),
        (f"Answered{mark}", str(len(answered))),
        (f"Answered on time{mark}", f"{on_time * 100 // len(answered)}%" if answered else "n/a"),
        (f"Overdue answers today{mark}", str(sum(1 for q in questions if is_overdue(q, today)))),
        (f"Follow-ups still open{mark}", str(len(follow_ups))),
        (f"Follow-ups overdue{mark}", str(sum(1 for _, due in follow_ups if due and due < today))),
        achieved,
    ]
    return Summary(
        figures=figures,
        by_status=[(s.value, by_status.get(s.value, 0)) for s in STATUS_ORDER],
        ministries=on_time_by_ministry(questions),
        scorecard=list(card.items()),
        allocations=budget.allocations_by_scope(session) if budget_chart else {},
        currency=budget.main_currency(session) if budget_chart else None,
        notes=notes,
    )


def _published(session: Session) -> bool:
    """Whether the audience sees any assessment of a commitment."""
    return session.scalar(select(CommitmentAssessment.id).limit(1)) is not None


def question_groups(questions: list[PackQuestion]) -> list[tuple[str, list[PackQuestion]]]:
    groups = [(s.value, [q for q in questions if q.status == s.value]) for s in STATUS_ORDER]
    return [(status, group) for status, group in groups if group]


# What an agenda link's record is called in the pack, by the link's column.
LINK_KINDS = {"question_id": "Question", "budget_item_id": "Budget line", "follow_up_id": "Follow-up",
              "commitment_id": "Commitment", "document_id": "Document"}


def agenda_items(session: Session, debate: Debate) -> list[Values]:
    """The agenda's items; each link with its record's kind, label (reference and title) and status."""
    items = agenda.agenda_items(session, debate.id)
    assessed = dict(session.execute(select(CommitmentAssessment.commitment_id, CommitmentAssessment.status)).all())
    for item in items:  # a link whose record the audience may not see has no label: leave it out
        item["links"] = [link for link in item["links"] if link["label"]]
        for link in item["links"]:
            link["kind"] = LINK_KINDS.get(link["column"], "Record")
            if link["column"] == "commitment_id":
                link["status"] = assessed.get(link["id"], "")
            else:
                model = agenda.LINK_TARGETS[link["column"]]
                record = session.get(model, link["id"])
                link["status"] = str(getattr(record, "status", "") or "")
    return items


def _linked(session: Session, query: Select[Any], kind: str
            ) -> dict[int, list[Values]]:
    """{commitment id: [{"reference", "status", "id", "kind"}]} of the records `query` (commitment id,
    reference, status, record id) finds, as the audience may see them, in the query's order."""
    linked: dict[int, list[Values]] = {}
    for commitment_id, reference, status, record_id in session.execute(query):
        if commitment_id is not None:
            linked.setdefault(commitment_id, []).append({"reference": reference, "status": status,
                                                        "id": record_id, "kind": kind})
    return linked


def commitments(session: Session, *, public: bool = False) -> list[Values]:
    """One row per commitment of the catalogue: its source and paragraph, the committee's assessment (or
    NOT_PUBLISHED where a public pack may not show it), and the records that evidence it, each with its
    reference and status."""
    questions = _linked(session, (
        select(question_commitments.c.commitment_id, func.coalesce(func.nullif(Question.reference, ""),
                                                                    func.printf("Question %d", Question.id)),
               Question.status, Question.id)
        .join(Question, Question.id == question_commitments.c.question_id)
        .where(Question.status != QuestionStatus.DRAFT.value)  # a draft is not yet put to the government
        .order_by(Question.date_tabled, Question.reference, Question.id)), "question")
    budget_lines = _linked(session, (
        select(budget_item_commitments.c.commitment_id,
               func.printf("Budget %d: %s", BudgetItem.fiscal_year, BudgetItem.programme), literal(""),
               BudgetItem.id)
        .join(BudgetItem, BudgetItem.id == budget_item_commitments.c.budget_item_id)
        .order_by(BudgetItem.fiscal_year.desc(), BudgetItem.programme)), "budget_item")
    # Agenda items that discuss a commitment count once however many of their links name it.
    agenda_links = _linked(session, (
        select(AgendaItemLink.commitment_id,
               func.printf("Agenda %s: %s", func.coalesce(func.strftime("%Y", Debate.date), ""), AgendaItem.title),
               literal(""), AgendaItem.id).distinct()
        .join(AgendaItem, AgendaItem.id == AgendaItemLink.agenda_item_id)
        .outerjoin(Debate, Debate.id == AgendaItem.debate_id)
        .where(AgendaItemLink.commitment_id.is_not(None)).order_by(AgendaItem.id)), "agenda_item")
    hidden = withheld(session, CommitmentAssessment.__table__, CommitmentAssessment.__table__.c.commitment_id, public)
    none_published = bool(hidden) and not _published(session)  # then no commitment is "not started" either
    query = (select(Commitment, CommitmentAssessment)
             .outerjoin(CommitmentAssessment, CommitmentAssessment.commitment_id == Commitment.id)
             .order_by(Commitment.pillar_number, Commitment.code))
    rows = []
    for c, a in session.execute(query):
        status = a.status if a else NOT_PUBLISHED if c.id in hidden or none_published else "not_started"
        linked = questions.get(c.id, []) + budget_lines.get(c.id, []) + agenda_links.get(c.id, [])
        rows.append({"id": c.id, "code": c.code, "title": c.title, "pillar": c.pillar_number, "status": status,
                     "evidence": a.evidence if a else "", "assessed_on": a.assessed_on if a else None,
                     "source": c.source.title if c.source else c.source_code, "source_code": c.source_code,
                     "paragraph": c.reference,
                     "questions": len(questions.get(c.id, [])), "budget_items": len(budget_lines.get(c.id, [])),
                     "agenda_items": len(agenda_links.get(c.id, [])), "linked": linked})
    return rows


def treaties(session: Session, *, public: bool = False) -> list[Values]:
    hidden = withheld(session, InstrumentStatus.__table__, InstrumentStatus.__table__.c.instrument_id, public)
    query = (select(Instrument, InstrumentStatus)
             .outerjoin(InstrumentStatus, InstrumentStatus.instrument_id == Instrument.id)
             .order_by(Instrument.year, Instrument.id))
    return [{"title": i.short_title or i.title, "full_title": i.title, "year": i.year,
             "status": s.status if s else NOT_PUBLISHED if i.id in hidden else "not_signed",
             "status_date": s.status_date if s else None,
             "legislation": s.implementing_legislation if s else "", "reservations": s.reservations if s else ""}
            for i, s in session.execute(query)]


def budget_years(session: Session, since: date | None, until: date | None, *,
                 public: bool = False) -> list[tuple[int, list[Values]]]:
    """Each fiscal year of the period, newest first, with its lines and their year-on-year change; the
    newest year on record when the period holds none. A line that looks new only because a public pack
    may not show last year's is NOT_PUBLISHED, not "new"."""
    line = BudgetItem.__table__.c
    hidden = withheld(session, BudgetItem.__table__, func.printf("%d|%s|%s|%s", line.fiscal_year, line.programme,
                                                                 line.scope, line.currency), public)
    years = budget.years(session)
    chosen = [y for y in years if (not since or y >= since.year) and (not until or y <= until.year)]
    if not chosen and years:
        chosen = [next((y for y in years if not until or y <= until.year), years[-1])]
    texts = {b.id: b for b in session.scalars(select(BudgetItem).where(BudgetItem.fiscal_year.in_(chosen)))}
    result: list[tuple[int, list[Values]]] = []
    for year in chosen:
        rows = budget.year_items(session, year)
        for row in rows:
            item = texts[row["id"]]
            row.update(question_raised=item.question_raised, government_response=item.government_response,
                       committee_position=item.committee_position, outcome=item.outcome)
            if row["change_status"] == "new" and \
                    f"{year - 1}|{item.programme}|{item.scope}|{item.currency}" in hidden:
                row["change_status"] = NOT_PUBLISHED
        result.append((year, rows))
    return result


def follow_ups(session: Session, status: str | None, today: date, since: date | None = None,
               until: date | None = None) -> list[Values]:
    rows = list_follow_ups(session, FollowUpFilter(status=status, due_from=since, due_to=until), today)
    for row in rows:  # a parent the audience may not see is not named
        model = FOLLOW_UP_PARENTS.get(row["parent_kind"])
        if model is None or session.get(model, row["parent_id"]) is None:
            row["parent"] = row["parent_label"] = ""
    return rows


SELECTIVE_INTRO = ("The questions the agenda discusses, overdue answers, answers the committee found "
                   "unsatisfactory and questions in which the government gave an undertaking still pending, in "
                   "full. Every question of the period is listed in the annex.")


def _question_sections(questions: list[PackQuestion], title: str, in_full: list[PackQuestion] | None = None
                       ) -> list[Section]:
    """The questions in full by status (all of them, or `in_full`), then the annex indexing every one."""
    body = questions if in_full is None else in_full
    groups = question_groups(body)
    intro = "" if in_full is None else SELECTIVE_INTRO
    period = {q.id for q in questions}
    index = questions + [q for q in body if q.id not in period]  # the agenda's older questions too
    return [Section(title, len(body), QuestionsByStatus(groups, intro), [status for status, _ in groups]),
            Section("Annex: index of questions", len(index),
                    QuestionIndex(index, "" if in_full is None else "Questions printed in full link to their entry."))]


def _filters(options: PackOptions, pack_period: str, subtitle: str) -> list[tuple[str, str]]:
    """The options the pack was made with, as its colophon prints them."""
    chosen = [("Pack", PACK_TITLES[options.pack]), ("Audience", options.audience), ("Period", pack_period)]
    if subtitle:
        chosen.append(("Debate", subtitle))
    if options.pack == "debate":
        chosen.append(("Questions", "every question in full" if options.full
                       else "in full what the debate needs; the rest in the annex"))
    return chosen


def _recommendations_pack(session: Session, today: date) -> tuple[str, list[Section]]:
    rows = record_data.recommendation_rows(session)
    card, groups = record_data.recommendation_card(rows), record_data.recommendation_groups(rows)
    states = sorted({str(row["state"]) for row in rows if row["state"]})
    return ", ".join(states), [
        Section("Recommendations scorecard", card.card.total, card),
        Section("Recommendations by mechanism and session", len(rows), groups, [t for t, _ in groups.groups])]


def _undertakings_pack(session: Session, today: date) -> tuple[str, list[Section]]:
    groups = record_data.undertaking_groups(list_undertakings(session, today=today), settled=True)
    return f"As they stand on {long_date(today)}", [Section(title, len(rows), Undertakings([(title, rows)]))
                                                      for title, rows in groups.groups]


def _risk_pack(session: Session, today: date) -> tuple[str, list[Section]]:
    risk = record_data.risk_comparison(session, detailed=True)
    if risk.year is None:
        return "", [Section("Risk factors against last year", 0, replace(risk, detailed=False))]
    against = f" · against {risk.previous_year}" if risk.previous_year else ""
    return f"{risk.year}: {risk.title}{against}", [
        Section("Risk factors against last year", len(risk.factors), replace(risk, detailed=False)),
        Section("Findings with notes and evidence", risk.assessed, risk)]


def _documents_pack(session: Session, today: date) -> tuple[str, list[Section]]:
    register = record_data.document_register(session)
    return "", [Section("Document register", len(register.documents), register)]


# The packs of one kind of record each: (subtitle, sections) from the session and today.
RECORD_PACKS: dict[str, Callable[[Session, date], tuple[str, list[Section]]]] = {
    "recommendations": _recommendations_pack, "undertakings": _undertakings_pack, "risk": _risk_pack,
    "documents": _documents_pack}


def gather(session: Session, options: PackOptions, today: date | None = None,
           progress: Callable[[str], None] | None = None) -> Pack:
    """Read everything the pack prints, for the options' audience (the session filters it)."""
    today = today or date.today()
    exported_at = datetime.now(UTC)
    public = options.audience == "public"
    step = progress or (lambda message: None)
    committee = committee_name(session, options)
    since, until = options.since, options.until
    subtitle = ""
    if options.pack == "debate":
        debate = choose_debate(session, options.debate_id, today)
        before = debate.date or today
        previous = session.scalar(select(func.max(Debate.date)).where(Debate.date < before, Debate.id != debate.id))
        since = since or (previous + timedelta(days=1) if previous else None)
        until = until or before
        subtitle = " · ".join(p for p in (debate.title, debate.chamber, debate.date and long_date(debate.date)) if p)
    step("reading questions")
    questions = questions_in(session, since, until) if options.pack in ("debate", "questions") else []
    step("reading the rest of the record")
    sections: list[Section] = []
    if options.pack == "debate":
        items = agenda_items(session, debate)
        owed = follow_ups(session, "open", today)
        card = commitments(session, public=public)
        recommendations = record_data.recommendation_card(record_data.recommendation_rows(session))
        risk = record_data.risk_comparison(session, detailed=False)
        promised = record_data.undertaking_groups(list_undertakings(session, today=today),
                                                   settled=False)
        documents = record_data.debate_documents(session, debate.id)
        since_last = key_points.since_last_debate(session, debate, today, public=public)
        points = key_points.key_points(session, options, today, debate, since_last)
        sections += [
            Section("Key points", len(points.asks), points),
            Section("Executive summary", len(questions), summary(session, questions, today, public=public)),
            Section("Agenda", len(items), Agenda(debate, items)),
            Section("Commitments scorecard", len(card), Scorecard(card)),
            Section("Recommendations scorecard", recommendations.card.total, recommendations),
            Section("Treaty status", len(treaty_rows := treaties(session, public=public)), Treaties(treaty_rows)),
            Section("Atrocity risk assessment", len(risk.factors) if risk.year else 0, risk),
        ]
        questions_title = "Questions since the previous debate"
        budget_rows = budget_years(session, since, until, public=public)
        tail = [Section("Budget lines", sum(len(r) for _, r in budget_rows), BudgetLines(budget_rows)),
                Section("Government undertakings", sum(len(g) for _, g in promised.groups), promised,
                        [title for title, _ in promised.groups] if len(promised.groups) > 1 else []),  # as drawn
                Section("Follow-ups still open", len(owed), FollowUps(owed)),
                Section("Documents for the debate", len(documents.documents), documents)]
        in_full = None if options.full else needed_for_debate(session, questions, items, today)
        question_sections = _question_sections(questions, questions_title, in_full)
        if since_last is not None:
            sections.append(Section("Since the last debate", len(since_last.answered), since_last,
                                    list(SINCE_LAST_PARTS)))
        sections += [question_sections[0], *tail, question_sections[1]]
    elif options.pack == "questions":
        sections.append(Section("Summary", len(questions), summary(session, questions, today, budget_chart=False,
                                                                   public=public)))
        sections += _question_sections(questions, "Questions by status")
    elif options.pack == "follow-ups":
        rows = follow_ups(session, None, today, since, until)
        for label, wanted in (("Overdue", lambda r: r["overdue"]),
                              ("Open and in progress", lambda r: r["status"] in ("open", "in_progress")
                               and not r["overdue"]),
                              ("Done", lambda r: r["status"] == "done"),
                              ("Dropped", lambda r: r["status"] == "dropped")):
            chosen = [r for r in rows if wanted(r)]
            sections.append(Section(label, len(chosen), FollowUps(chosen)))
    elif options.pack in RECORD_PACKS:
        subtitle, more = RECORD_PACKS[options.pack](session, today)
        sections += more
    else:
        budget_rows = budget_years(session, since, until, public=public)
        sections.append(Section("Allocations by scope", len(budget.years(session)),
                                BudgetSummary(budget.allocations_by_scope(session), budget.main_currency(session))))
        sections.append(Section("Budget lines", sum(len(r) for _, r in budget_rows), BudgetLines(budget_rows)))
    terms = glossary(session) if options.pack in ("debate", "questions", "budget") else []
    if terms:
        sections.append(Section("Glossary", len(terms), Glossary(terms)))
    trail = chain_head(session)  # in the same read as the records, so it dates exactly what the pack shows
    pack = Pack(options.pack, PACK_TITLES[options.pack], subtitle, committee, options.audience, today,
                since, until, sections, options.paper, trail, exported_at, full=options.full, glossary=terms)
    pack.filters = _filters(options, pack.period, subtitle)
    pack.in_full = frozenset(q.id for section in sections if isinstance(section.data, QuestionsByStatus)
                             for _, group in section.data.groups for q in group)
    return pack
