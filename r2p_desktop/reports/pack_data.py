"""Everything a briefing pack prints, read as plain values through the audience-filtered session.

Nothing here knows about ReportLab: `gather` returns a `Pack` whose sections the layout turns into pages,
and whose counts `preview` shows before anything is drawn. What a section holds is one of the types of
`SectionData`, and its type decides how it is drawn."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..core import kinds
from ..core.anchors import Anchor, chain_head
from ..core.errors import NotFoundError
from ..core.models import (
    AgendaItem,
    AgendaItemLink,
    Body,
    BudgetItem,
    Commitment,
    CommitmentAssessment,
    Debate,
    DebateStatus,
    FollowUp,
    FollowUpStatus,
    Instrument,
    InstrumentStatus,
    Question,
    QuestionStatus,
)
from ..core.models.records import budget_item_commitments, question_commitments
from ..core.services import agenda, budget, dashboard, directory
from ..core.services.follow_ups import FollowUpFilter, list_follow_ups
from ..core.services.questions import AWAITING_ANSWER
from ..core.services.undertakings import list_undertakings
from ..core.values import Values
from . import record_data
from .options import PACK_TITLES, PackOptions
from .record_data import Documents, RecommendationCard, RecommendationGroups, RiskComparison, Undertakings

# The order questions are grouped in: what was answered first, then what is still owed.
STATUS_ORDER = (QuestionStatus.ANSWERED, QuestionStatus.HOLDING_ANSWER, QuestionStatus.TABLED,
                QuestionStatus.CLOSED, QuestionStatus.WITHDRAWN)
FOLLOW_UP_PARENTS = {kind.key: kind.model for kind in kinds.FOLLOW_UP_PARENTS}


@dataclass(frozen=True)
class Summary:
    """Key figures and the charts of the executive summary."""

    figures: list[tuple[str, str]]  # (label, printed value)
    by_status: list[tuple[str, int]]  # questions per status, in STATUS_ORDER
    ministries: list[tuple[str, int, int]]  # on_time_by_ministry
    scorecard: list[tuple[str, int]]  # commitments per assessment status
    allocations: dict[int, dict[str, int]]  # budget.allocations_by_scope; empty when not charted
    currency: str | None


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
    groups: list[tuple[str, list[Question]]]  # `question_groups`


@dataclass(frozen=True)
class QuestionIndex:
    questions: list[Question]


@dataclass(frozen=True)
class BudgetLines:
    years: list[tuple[int, list[Values]]]  # `budget_years`


@dataclass(frozen=True)
class FollowUps:
    follow_ups: list[Values]  # `follow_ups`


SectionData = (Summary | BudgetSummary | Agenda | Scorecard | Treaties | QuestionsByStatus | QuestionIndex
               | BudgetLines | FollowUps | RecommendationCard | RecommendationGroups | Undertakings | RiskComparison
               | Documents)


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

    @property
    def period(self) -> str:
        if self.since and self.until:
            return f"{self.since.isoformat()} to {self.until.isoformat()}"
        if self.since:
            return f"from {self.since.isoformat()}"
        if self.until:
            return f"up to {self.until.isoformat()}"
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


def questions_in(session: Session, since: date | None, until: date | None) -> list[Question]:
    """Tabled questions (drafts are not yet put to the government) in the period, by reference."""
    query = (select(Question).where(Question.status != QuestionStatus.DRAFT.value)
             .options(selectinload(Question.asked_by), selectinload(Question.addressed_to),
                      selectinload(Question.answered_by), selectinload(Question.commitments),
                      selectinload(Question.transferred_from),
                      selectinload(Question.answered_with).selectinload(Question.sharing_answer),
                      selectinload(Question.sharing_answer))
             .order_by(Question.date_tabled, Question.reference, Question.id))
    if since:
        query = query.where(Question.date_tabled >= since)
    if until:
        query = query.where(Question.date_tabled <= until)
    return list(session.scalars(query))


def answered_on_time(q: Question) -> bool:
    return q.date_answered is not None and (q.answer_due is None or q.date_answered <= q.answer_due)


def on_time_by_ministry(questions: list[Question]) -> list[tuple[str, int, int]]:
    """(ministry, answers, answers on time) for the ministries that answered, most answers first."""
    answered: Counter[str] = Counter()
    on_time: Counter[str] = Counter()
    for q in questions:
        if q.date_answered and q.addressed_to is not None:
            name = q.addressed_to.abbreviation or q.addressed_to.name
            answered[name] += 1
            on_time[name] += answered_on_time(q)
    return sorted(((name, n, on_time[name]) for name, n in answered.items()), key=lambda r: (-r[1], r[0]))


def is_overdue(q: Question, today: date) -> bool:
    return q.status in AWAITING_ANSWER and q.answer_due is not None and q.answer_due < today


def summary(session: Session, questions: list[Question], today: date, *, budget_chart: bool = True) -> Summary:
    by_status = Counter(q.status for q in questions)
    answered = [q for q in questions if q.date_answered]
    on_time = sum(1 for q in answered if answered_on_time(q))
    follow_ups = session.execute(select(FollowUp.status, FollowUp.due_date)
                                 .where(FollowUp.status.in_((FollowUpStatus.OPEN.value,
                                                              FollowUpStatus.IN_PROGRESS.value)))).all()
    card = dashboard.scorecard(session)
    figures = [
        ("Questions tabled", str(len(questions))),
        ("Answered", str(len(answered))),
        ("Answered on time", f"{on_time * 100 // len(answered)}%" if answered else "n/a"),
        ("Overdue answers today", str(sum(1 for q in questions if is_overdue(q, today)))),
        ("Follow-ups still open", str(len(follow_ups))),
        ("Follow-ups overdue", str(sum(1 for _, due in follow_ups if due and due < today))),
        ("Commitments achieved", f"{card.get('achieved', 0)} of {sum(card.values())}"),
    ]
    return Summary(
        figures=figures,
        by_status=[(s.value, by_status.get(s, 0)) for s in STATUS_ORDER],
        ministries=on_time_by_ministry(questions),
        scorecard=list(card.items()),
        allocations=budget.allocations_by_scope(session) if budget_chart else {},
        currency=budget.main_currency(session) if budget_chart else None,
    )


def question_groups(questions: list[Question]) -> list[tuple[str, list[Question]]]:
    groups = [(s.value, [q for q in questions if q.status == s.value]) for s in STATUS_ORDER]
    return [(status, group) for status, group in groups if group]


def agenda_items(session: Session, debate: Debate) -> list[Values]:
    items = agenda.agenda_items(session, debate.id)
    for item in items:  # a link whose record the audience may not see has no label: leave it out
        item["links"] = [link for link in item["links"] if link["label"]]
    return items


def commitments(session: Session) -> list[Values]:
    linked_questions: dict[int, int] = dict(session.execute(
        select(question_commitments.c.commitment_id, func.count())
        .join(Question, Question.id == question_commitments.c.question_id)
        .group_by(question_commitments.c.commitment_id)).all())
    linked_budget: dict[int, int] = dict(session.execute(
        select(budget_item_commitments.c.commitment_id, func.count())
        .join(BudgetItem, BudgetItem.id == budget_item_commitments.c.budget_item_id)
        .group_by(budget_item_commitments.c.commitment_id)).all())
    # Agenda items that discuss a commitment count once however many of their links name it.
    linked_agenda = {commitment_id: count for commitment_id, count in session.execute(
        select(AgendaItemLink.commitment_id, func.count(func.distinct(AgendaItemLink.agenda_item_id)))
        .join(AgendaItem, AgendaItem.id == AgendaItemLink.agenda_item_id)
        .where(AgendaItemLink.commitment_id.is_not(None))
        .group_by(AgendaItemLink.commitment_id)) if commitment_id is not None}
    query = (select(Commitment, CommitmentAssessment)
             .outerjoin(CommitmentAssessment, CommitmentAssessment.commitment_id == Commitment.id)
             .order_by(Commitment.pillar_number, Commitment.code))
    return [{"code": c.code, "title": c.title, "pillar": c.pillar_number,
             "status": a.status if a else "not_started", "evidence": a.evidence if a else "",
             "assessed_on": a.assessed_on if a else None,
             "questions": linked_questions.get(c.id, 0), "budget_items": linked_budget.get(c.id, 0),
             "agenda_items": linked_agenda.get(c.id, 0)}
            for c, a in session.execute(query)]


def treaties(session: Session) -> list[Values]:
    query = (select(Instrument, InstrumentStatus)
             .outerjoin(InstrumentStatus, InstrumentStatus.instrument_id == Instrument.id)
             .order_by(Instrument.year, Instrument.id))
    return [{"title": i.short_title or i.title, "year": i.year, "status": s.status if s else "not_signed",
             "status_date": s.status_date if s else None,
             "legislation": s.implementing_legislation if s else "", "reservations": s.reservations if s else ""}
            for i, s in session.execute(query)]


def budget_years(session: Session, since: date | None, until: date | None) -> list[tuple[int, list[Values]]]:
    """Each fiscal year of the period, newest first, with its lines and their year-on-year change; the
    newest year on record when the period holds none."""
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


def _question_sections(questions: list[Question], title: str) -> list[Section]:
    groups = question_groups(questions)
    return [Section(title, len(questions), QuestionsByStatus(groups), [status for status, _ in groups]),
            Section("Annex: index of questions", len(questions), QuestionIndex(questions))]


def _recommendations_pack(session: Session, today: date) -> tuple[str, list[Section]]:
    rows = record_data.recommendation_rows(session)
    card, groups = record_data.recommendation_card(rows), record_data.recommendation_groups(rows)
    states = sorted({str(row["state"]) for row in rows if row["state"]})
    return ", ".join(states), [
        Section("Recommendations scorecard", card.card.total, card),
        Section("Recommendations by mechanism and session", len(rows), groups, [t for t, _ in groups.groups])]


def _undertakings_pack(session: Session, today: date) -> tuple[str, list[Section]]:
    groups = record_data.undertaking_groups(list_undertakings(session, today=today), settled=True)
    return f"As they stand on {today.isoformat()}", [Section(title, len(rows), Undertakings([(title, rows)]))
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
        subtitle = " · ".join(p for p in (debate.title, debate.chamber, debate.date and debate.date.isoformat()) if p)
    step("reading questions")
    questions = questions_in(session, since, until) if options.pack in ("debate", "questions") else []
    step("reading the rest of the record")
    sections: list[Section] = []
    if options.pack == "debate":
        items = agenda_items(session, debate)
        owed = follow_ups(session, "open", today)
        card = commitments(session)
        recommendations = record_data.recommendation_card(record_data.recommendation_rows(session))
        risk = record_data.risk_comparison(session, detailed=False)
        promised = record_data.undertaking_groups(list_undertakings(session, today=today),
                                                   settled=False)
        documents = record_data.debate_documents(session, debate.id)
        sections += [
            Section("Executive summary", len(questions), summary(session, questions, today)),
            Section("Agenda", len(items), Agenda(debate, items)),
            Section("Commitments scorecard", len(card), Scorecard(card)),
            Section("Recommendations scorecard", recommendations.card.total, recommendations),
            Section("Treaty status", len(treaty_rows := treaties(session)), Treaties(treaty_rows)),
            Section("Atrocity risk assessment", len(risk.factors) if risk.year else 0, risk),
        ]
        questions_title = "Questions since the previous debate"
        budget_rows = budget_years(session, since, until)
        tail = [Section("Budget lines", sum(len(r) for _, r in budget_rows), BudgetLines(budget_rows)),
                Section("Government undertakings", sum(len(g) for _, g in promised.groups), promised,
                        [title for title, _ in promised.groups]),
                Section("Follow-ups still open", len(owed), FollowUps(owed)),
                Section("Documents for the debate", len(documents.documents), documents)]
        question_sections = _question_sections(questions, questions_title)
        sections += [question_sections[0], *tail, question_sections[1]]
    elif options.pack == "questions":
        sections.append(Section("Summary", len(questions), summary(session, questions, today, budget_chart=False)))
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
        budget_rows = budget_years(session, since, until)
        sections.append(Section("Allocations by scope", len(budget.years(session)),
                                BudgetSummary(budget.allocations_by_scope(session), budget.main_currency(session))))
        sections.append(Section("Budget lines", sum(len(r) for _, r in budget_rows), BudgetLines(budget_rows)))
    trail = chain_head(session)  # in the same read as the records, so it dates exactly what the pack shows
    return Pack(options.pack, PACK_TITLES[options.pack], subtitle, committee, options.audience, today,
                since, until, sections, options.paper, trail)
