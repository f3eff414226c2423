"""The debate pack's "Key points" page and its "Since the last debate" section, as plain values read
through the audience-filtered session the rest of the pack uses: what is overdue, what the government
promised and has not delivered, what changed since the previous debate, and the questions a member may
wish to ask, each with its reference.

The sentences are written here, once, so the PDF and the HTML edition say the same. They state only what
the session returns: a record the audience may not see is not counted, and where no assessment of the
commitments is visible nothing is said about how far they have got. A change with no date of its own on
the record (a recommendation implemented, an undertaking dropped without a completion date) is dated by
the audit trail, when the change was recorded, and printed as "recorded"."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..core.formatting import human_label, long_date
from ..core.models import (
    Assessment,
    AssessmentStatus,
    AuditEntry,
    Body,
    Commitment,
    CommitmentAssessment,
    Debate,
    ImplementationStatus,
    Question,
    QuestionStatus,
    Recommendation,
    RecordMixin,
    Undertaking,
    UndertakingStatus,
)
from ..core.money import amount_text
from ..core.services import budget, recommendations
from ..core.services.questions import is_overdue
from ..core.services.undertakings import list_undertakings, short_text, source_label_of
from ..core.values import Values
from .options import PackOptions

# The parts of "Since the last debate", in order: its Section's `parts`, so each is in the contents.
SINCE_LAST_PARTS = ("Questions answered", "Undertakings delivered and dropped", "Commitments that moved",
                    "Budget lines that rose or fell", "Recommendations implemented")
ASKS_PER_KIND = 3  # questions to ask drawn from each kind of record: the box is a page's worth, not a list
UNSATISFACTORY = (Assessment.UNSATISFACTORY.value, Assessment.NO_ANSWER.value)
DELIVERED = (UndertakingStatus.IMPLEMENTED.value, UndertakingStatus.PARTLY_IMPLEMENTED.value)


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """'no answer', '1 answer', '12 answers'."""
    if n == 0:
        return f"no {singular}"
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


def is_are(n: int, singular: str, plural: str | None = None) -> str:
    """'No answer is', '1 answer is', '12 answers are' (capitalised: it starts a sentence)."""
    text = f"{counted(n, singular, plural)} {'are' if n > 1 else 'is'}"
    return text[0].upper() + text[1:]


def days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def question_reference(q: Question) -> str:
    return q.reference or f"Question {q.id}"


def _join(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


# -- since the last debate ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Answered:
    reference: str
    title: str
    ministry: str  # "" when the audience may not see the body
    answered_on: date
    on_time: bool


@dataclass(frozen=True)
class UndertakingChange:
    text: str  # what was promised, on one line
    where: str  # where it was given ("Answer to PQ 2026/0123"), "" when elsewhere or not visible
    status: str  # an UndertakingStatus value
    on: date
    recorded: bool  # `on` is when the change was recorded (audit trail), not a completion date
    outcome: str


@dataclass(frozen=True)
class CommitmentMove:
    code: str
    title: str
    before: str | None  # the AssessmentStatus it had before the period; None when not known or not assessed
    now: str
    on: date
    recorded: bool  # `on` is when the change was recorded, not the assessment's date


@dataclass(frozen=True)
class BudgetChange:
    programme: str
    scope: str
    currency: str
    previous: int  # minor units allocated the year before
    allocated: int
    change: int
    percent: float | None



@dataclass(frozen=True)
class RecommendationDone:
    label: str  # recommendations.recommendation_label
    on: date  # when it was recorded as implemented


@dataclass(frozen=True)
class SinceLastDebate:
    previous_title: str
    previous_date: date
    until: date
    answered: list[Answered]  # by date answered
    delivered: list[UndertakingChange]
    dropped: list[UndertakingChange]
    commitments: list[CommitmentMove]
    budget_year: int | None  # the fiscal year compared with the one before; None when no lines
    rose: list[BudgetChange]  # biggest rise first
    fell: list[BudgetChange]  # biggest fall first
    recommendations: list[RecommendationDone]
    public: bool  # the session sees public records only: every figure covers those alone

    @property
    def period(self) -> str:
        """'Since the debate of 2 December 2025 (“Annual R2P debate”), up to 7 December 2026'."""
        return (f"Since the debate of {long_date(self.previous_date)} (“{self.previous_title}”), "
                f"up to {long_date(self.until)}")

    @property
    def on_time(self) -> int:
        return sum(1 for a in self.answered if a.on_time)

    def by_ministry(self) -> list[tuple[str, int, int]]:
        """(ministry, answers, on time), most answers first; answers from a body not shown count under ''."""
        given = Counter(a.ministry for a in self.answered)
        on_time = Counter(a.ministry for a in self.answered if a.on_time)
        return sorted(((name, n, on_time[name]) for name, n in given.items()), key=lambda r: (-r[1], r[0]))

    def summary(self) -> str:
        """What changed, in one sentence, for the key points."""
        parts = []
        if self.answered:
            parts.append(f"{counted(len(self.answered), 'answer')} given ({self.on_time} on time)")
        for changed, verb in ((self.delivered, "delivered"), (self.dropped, "dropped")):
            if changed:
                parts.append(f"{counted(len(changed), 'undertaking')} {verb}")
        if self.commitments:
            parts.append(f"{counted(len(self.commitments), 'commitment')} assessed")
        if self.rose:
            parts.append(f"{counted(len(self.rose), 'budget line')} rose"
                         + (f" and {len(self.fell)} fell" if self.fell else ""))
        elif self.fell:
            parts.append(f"{counted(len(self.fell), 'budget line')} fell")
        if self.recommendations:
            parts.append(f"{counted(len(self.recommendations), 'recommendation')} recorded as implemented")
        start = f"Since the debate of {long_date(self.previous_date)}"
        if not parts:
            record = "the public record" if self.public else "the record"
            return (f"{start}, {record} shows no answer given, no undertaking delivered or dropped and no "
                    "change in commitments, budget lines or recommendations.")
        return f"{start}: {'; '.join(parts)}."


def previous_debate(session: Session, debate: Debate, today: date) -> Debate | None:
    """The latest debate the audience may see before this one (before today when it has no date)."""
    before = debate.date or today
    return session.scalars(select(Debate).where(Debate.date < before, Debate.id != debate.id)
                           .order_by(Debate.date.desc(), Debate.id.desc()).limit(1)).first()


def _status_changes(session: Session, model: type[RecordMixin], column: str,
                    ids: Iterable[int]) -> dict[int, list[tuple[date, str | None, str | None]]]:
    """Each record's recorded changes of `column` from the audit trail, oldest first, as (day, old, new):
    an update, or the insert that created the record (old None). Read-only; only for `ids`, records the
    audience already sees."""
    uids = dict(session.execute(select(model.uid, model.id).where(model.id.in_(list(ids)))).all())
    if not uids:
        return {}
    query = (select(AuditEntry).where(AuditEntry.table_name == model.__tablename__,
                                      AuditEntry.record_uid.in_(list(uids)),
                                      (AuditEntry.field == column) | (AuditEntry.action == "insert"))
             .order_by(AuditEntry.id))
    found: dict[int, list[tuple[date, str | None, str | None]]] = {}
    for entry in session.scalars(query):
        if entry.action == "insert":
            try:
                new = json.loads(entry.new_value or "{}").get(column)
            except (ValueError, AttributeError):
                continue
            found.setdefault(uids[entry.record_uid], []).append((entry.at.date(), None, new))
        else:
            found.setdefault(uids[entry.record_uid], []).append((entry.at.date(), entry.old_value, entry.new_value))
    return found


def _changed_to(changes: list[tuple[date, str | None, str | None]], wanted: Iterable[str], start: date,
                end: date) -> date | None:
    """The last day in (start, end] an update set the value to one of `wanted` (an insert is no change)."""
    wanted = set(wanted)
    days_found = [day for day, old, new in changes if old is not None and new in wanted and start < day <= end]
    return days_found[-1] if days_found else None


def _undertaking_changes(session: Session, statuses: tuple[str, ...], start: date,
                         end: date) -> list[UndertakingChange]:
    chosen = list(session.scalars(select(Undertaking).where(Undertaking.status.in_(statuses))
                                  .options(selectinload(Undertaking.question), selectinload(Undertaking.debate),
                                           selectinload(Undertaking.agenda_item))
                                  .order_by(Undertaking.id)))
    undated = [u.id for u in chosen if u.completed_on is None]
    audit = _status_changes(session, Undertaking, "status", undated) if undated else {}
    found = []
    for u in chosen:
        recorded = u.completed_on is None
        on = _changed_to(audit.get(u.id, []), [u.status], start, end) if recorded else u.completed_on
        if on is not None and start < on <= end:
            found.append(UndertakingChange(short_text(u.text, 120), source_label_of(u), u.status, on, recorded,
                                           " ".join(u.outcome.split())))
    return sorted(found, key=lambda c: (c.on, c.text))


def _commitment_moves(session: Session, start: date, end: date) -> list[CommitmentMove]:
    rows = list(session.execute(select(CommitmentAssessment, Commitment)
                                .join(Commitment, Commitment.id == CommitmentAssessment.commitment_id)
                                .order_by(Commitment.code)))
    audit = _status_changes(session, CommitmentAssessment, "status", [a.id for a, _ in rows])
    moves = []
    for assessment, commitment in rows:
        changes = [(day, old, new) for day, old, new in audit.get(assessment.id, []) if old is not None]
        in_period = [c for c in changes if start < c[0] <= end]
        dated = assessment.assessed_on is not None and start < assessment.assessed_on <= end
        if not dated and not in_period:
            continue
        before = in_period[0][1] if in_period else None
        if before == assessment.status:
            continue  # changed and changed back: it has not moved
        on = assessment.assessed_on if dated and assessment.assessed_on else in_period[-1][0]
        moves.append(CommitmentMove(commitment.code, commitment.title, before, assessment.status, on, not dated))
    return moves


def _budget_changes(session: Session, year_wanted: int) -> tuple[int | None, list[BudgetChange], list[BudgetChange]]:
    """The fiscal year of the debate (or the latest on record before it) against the year before: the
    programmes funded in both whose allocation rose or fell. New and discontinued lines are left out: in
    an edition that leaves records out, a line can look new only because last year's is not shown."""
    year = next((y for y in budget.years(session) if y <= year_wanted), None)
    if year is None:
        return None, [], []
    changes = [BudgetChange(r["programme"], r["scope"], r["currency"], r["previous"], r["allocated"], r["change"],
                            r["percent"])
               for r in budget.year_on_year(session, year) if r["status"] == budget.CONTINUING and r["change"]]
    rose = sorted((c for c in changes if c.change > 0), key=lambda c: -c.change)
    fell = sorted((c for c in changes if c.change < 0), key=lambda c: c.change)
    return year, rose, fell


def _recommendations_done(session: Session, start: date, end: date) -> list[RecommendationDone]:
    done = {r.id: r for r in session.scalars(select(Recommendation).where(
        Recommendation.implementation == ImplementationStatus.IMPLEMENTED.value))}
    audit = _status_changes(session, Recommendation, "implementation", done) if done else {}
    found = []
    for record_id, recommendation in done.items():
        on = _changed_to(audit.get(record_id, []), [ImplementationStatus.IMPLEMENTED.value], start, end)
        if on is not None:
            found.append(RecommendationDone(recommendations.recommendation_label(recommendation, 90), on))
    return sorted(found, key=lambda r: (r.on, r.label))


def since_last_debate(session: Session, debate: Debate, today: date, *, public: bool = False) -> SinceLastDebate | None:
    """What changed between the previous debate and this one (or today, if this one is still to come);
    None when there is no previous debate the audience may see. `public`: the session is a public one, so
    the section says its figures cover public records only."""
    previous = previous_debate(session, debate, today)
    if previous is None or previous.date is None:
        return None
    start = previous.date
    end = min(debate.date, today) if debate.date else today
    # Columns, not records: a busy year answers thousands. An outer join gives no name for a body the
    # audience may not see.
    rows = session.execute(select(Question.id, Question.reference, Question.title, Body.name, Question.date_answered,
                                  Question.answer_due)
                           .outerjoin(Body, Body.id == Question.addressed_to_id)
                           .where(Question.status != QuestionStatus.DRAFT.value,
                                  Question.date_answered > start, Question.date_answered <= end)
                           .order_by(Question.date_answered, Question.reference, Question.id))
    answered = [Answered(reference or f"Question {question_id}", title, ministry or "", answered_on,
                         due is None or answered_on <= due)
                for question_id, reference, title, ministry, answered_on, due in rows if answered_on is not None]
    year, rose, fell = _budget_changes(session, (debate.date or today).year)
    return SinceLastDebate(
        previous.title, start, end, answered,
        _undertaking_changes(session, DELIVERED, start, end),
        _undertaking_changes(session, (UndertakingStatus.DROPPED.value,), start, end),
        _commitment_moves(session, start, end), year, rose, fell, _recommendations_done(session, start, end),
        public)


# -- key points -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ask:
    """A question the member may wish to ask, with the reference of the record it comes from."""

    reference: str
    text: str


@dataclass(frozen=True)
class KeyPoints:
    as_at: date
    points: list[str]  # sentences, in the order printed
    asks: list[Ask]
    left_out: int = 0  # questions to ask not printed (ASKS_PER_KIND of each kind are)
    note: str = ""  # what the figures cover, when the edition leaves records out
    figures: Values = field(default_factory=dict)  # the counts behind the sentences, for tests and other editions


def _overdue_answers(session: Session, today: date) -> tuple[list[str], list[Ask], int, Values]:
    """Counted in SQL, and only the few most overdue loaded: a large record can owe thousands."""
    ministries = Counter({name: n for name, n in session.execute(
        select(Body.name, func.count(Question.id)).join(Body, Body.id == Question.addressed_to_id)
        .where(is_overdue(today)).group_by(Body.name)).all()})
    n = session.scalar(select(func.count(Question.id)).where(is_overdue(today))) or 0
    if not n:
        return ["No answer is overdue."], [], 0, {"overdue_answers": 0}
    overdue = list(session.scalars(select(Question).where(is_overdue(today))
                                   .options(selectinload(Question.addressed_to))
                                   .order_by(Question.answer_due, Question.reference, Question.id)
                                   .limit(ASKS_PER_KIND)))
    first = overdue[0]
    assert first.answer_due is not None  # is_overdue: due before today
    late = (today - first.answer_due).days
    to = f" to the {first.addressed_to.name}" if first.addressed_to else ""
    sentence = (f"{is_are(n, 'answer')} overdue." if n > 1 else "1 answer is overdue:")
    detail = (f"{' The most overdue is' if n > 1 else ''} {question_reference(first)}{to}, "
              f"due on {long_date(first.answer_due)} and {days(late)} late.")
    points = [sentence + detail]
    if len(ministries) > 1:
        (name, most), = ministries.most_common(1)
        points.append(f"The {name} owes the most overdue answers: {most} of {n}.")
    asks = []
    for q in overdue:
        assert q.answer_due is not None
        who = f"the {q.addressed_to.name}" if q.addressed_to else "the government"
        asks.append(Ask(question_reference(q),
                        f"When will {who} answer “{short_text(q.title, 90)}”? The answer was due on "
                        f"{long_date(q.answer_due)}, {days((today - q.answer_due).days)} ago."))
    return points, asks, max(n - ASKS_PER_KIND, 0), {"overdue_answers": n, "most_overdue": question_reference(first)}


def _unsatisfactory_answers(session: Session) -> tuple[list[str], list[Ask], int, Values]:
    found = list(session.scalars(select(Question).where(Question.assessment.in_(UNSATISFACTORY),
                                                        Question.status != QuestionStatus.DRAFT.value)
                                 .order_by(Question.date_answered.desc().nulls_last(), Question.reference)))
    n = len(found)
    if not n:
        return [], [], 0, {"unsatisfactory_answers": 0}
    kinds = Counter(str(q.assessment) for q in found)
    unsatisfactory, no_answer = kinds[Assessment.UNSATISFACTORY.value], kinds[Assessment.NO_ANSWER.value]
    parts = ([f"{counted(unsatisfactory, 'answer')} as unsatisfactory"] if unsatisfactory else []) + (
        [f"{counted(no_answer, 'reply', 'replies')} as giving no answer at all"] if no_answer else [])
    points = [f"The committee assessed {_join(parts)}."]
    asks = []
    for q in found[:ASKS_PER_KIND]:
        given = f" of {long_date(q.date_answered)}" if q.date_answered else ""
        finding = ("found that the reply" + given + " gave no answer" if q.assessment == Assessment.NO_ANSWER.value
                   else f"assessed the answer{given} as unsatisfactory")
        asks.append(Ask(question_reference(q),
                        f"Will the minister give a full answer to “{short_text(q.title, 90)}”? The committee "
                        f"{finding}."))
    return points, asks, max(n - ASKS_PER_KIND, 0), {"unsatisfactory_answers": n}


def undertaking_reference(row: Values) -> str:
    """An undertaking has no reference of its own: it is known by where and when it was given."""
    given = f"given on {long_date(row['given_on'])}" if row["given_on"] else ""
    if row["where"]:
        return ", ".join(part for part in (row["where"], given) if part)
    return f"Undertaking {given}" if given else f"Undertaking {row['id']}"


def _undertakings(session: Session, today: date) -> tuple[list[str], list[Ask], int, Values]:
    rows = [r for r in list_undertakings(session, today=today) if r["status"] == UndertakingStatus.PENDING.value]
    overdue = sorted((r for r in rows if r["overdue"]), key=lambda r: (r["due_on"], r["id"]))
    waiting = len(rows) - len(overdue)
    figures = {"undertakings_overdue": len(overdue), "undertakings_pending": len(rows)}
    if not rows:
        return ["No government undertaking is pending."], [], 0, figures
    if not overdue:
        return [f"No government undertaking is overdue; {counted(waiting, 'undertaking')} "
                f"{'is' if waiting == 1 else 'are'} pending and not yet due."], [], 0, figures
    first = overdue[0]
    where = f" ({first['where']})" if first["where"] else ""
    lead = (f"{is_are(len(overdue), 'government undertaking')} overdue" if len(overdue) > 1
            else "1 government undertaking is overdue")
    oldest = "the longest overdue" if len(overdue) > 1 else "it"
    sentence = (f"{lead}: {oldest}, “{short_text(first['text'], 90)}”{where}, was due on "
                f"{long_date(first['due_on'])}.")
    if waiting:
        sentence += f" {waiting} more {'is' if waiting == 1 else 'are'} pending."
    asks = [Ask(undertaking_reference(r),
                f"When will the government deliver what it promised: “{short_text(r['text'], 90)}”? It was due on "
                f"{long_date(r['due_on'])}" + (f" and has been extended {times(r['extensions'])}."
                                               if r["extensions"] else "."))
            for r in overdue[:ASKS_PER_KIND]]
    return [sentence], asks, max(len(overdue) - ASKS_PER_KIND, 0), figures


def _commitments(session: Session, public: bool) -> tuple[list[str], list[Ask], int, Values]:
    """The committee's visible assessments only: a commitment with none shown is not said to be anything."""
    total = session.scalar(select(func.count(Commitment.id))) or 0
    rows = list(session.execute(select(CommitmentAssessment.status, Commitment.code, Commitment.title)
                                .join(Commitment, Commitment.id == CommitmentAssessment.commitment_id)
                                .order_by(Commitment.code)))
    figures: Values = {"commitments_assessed": len(rows)}
    if not rows:
        sentence = ("No assessment of the commitments is published in this edition, so none is counted here."
                    if public else f"The committee has not yet assessed any of the {total} commitments.")
        return [sentence], [], 0, figures
    by_status = Counter(str(status) for status, _, _ in rows)
    parts = [f"{by_status[s.value]} {human_label(s.value).lower()}" for s in AssessmentStatus if by_status[s.value]]
    lead = (f"{len(rows)} of the {total} commitments have a published assessment"
            if public else f"The committee has assessed {len(rows)} of the {total} commitments")
    if public and len(rows) == 1:
        lead = f"1 of the {total} commitments has a published assessment"
    not_started = [(code, title) for status, code, title in rows if status == AssessmentStatus.NOT_STARTED.value]
    asks = [Ask(code, f"What is the government doing on “{short_text(title, 90)}”? The committee assessed it as "
                      "not started.") for code, title in not_started[:ASKS_PER_KIND]]
    return [f"{lead}: {_join(parts)}."], asks, max(len(not_started) - ASKS_PER_KIND, 0), figures


def key_points(session: Session, options: PackOptions, today: date, debate: Debate,
               since: SinceLastDebate | None = None) -> KeyPoints:
    """The key points of the debate pack for `debate`, as the session (already filtered for the options'
    audience) sees the record on `today`. `since`: the "since the last debate" section when the caller
    has read it already; else it is read here."""
    public = options.audience == "public"
    since = since if since is not None else since_last_debate(session, debate, today, public=public)
    points: list[str] = []
    asks: list[Ask] = []
    left_out = 0
    figures: Values = {}
    for part in (_overdue_answers(session, today), _unsatisfactory_answers(session), _undertakings(session, today),
                 _commitments(session, public)):
        points += part[0]
        asks += part[1]
        left_out += part[2]
        figures.update(part[3])
    points.append(since.summary() if since is not None else "There is no earlier debate on record to compare with.")
    note = "The figures cover public records only." if public else ""
    return KeyPoints(today, points, asks, left_out, note, figures)


# -- the sections' words, the same in the PDF and the HTML edition -------------------------------------

ASK_TITLE = "Questions the member may wish to ask"
NOTHING_TO_ASK = ("Nothing on record calls for a question: no answer or undertaking is overdue, no answer was "
                  "assessed as unsatisfactory and no commitment is shown as not started.")


def key_points_meta(data: KeyPoints) -> str:
    return " ".join(part for part in (f"As the record stands on {long_date(data.as_at)}.", data.note) if part)


def since_last_meta(data: SinceLastDebate) -> str:
    return data.period + "." + (" The figures cover public records only." if data.public else "")


def left_out_sentence(n: int) -> str:
    return f"{n} more like these {'is' if n == 1 else 'are'} in the sections that follow."


@dataclass(frozen=True)
class Part:
    """One part of "Since the last debate": a sentence and, when there is anything to list, a table."""

    title: str
    sentence: str
    headers: list[str]
    widths: list[int]
    rows: list[list[str]]
    right: frozenset[int] = frozenset()  # columns of figures, aligned right


def _on(day_text: str, recorded: bool) -> str:
    return f"recorded {day_text}" if recorded else day_text


def since_last_parts(data: SinceLastDebate) -> list[Part]:
    """The five parts; where one is empty in an edition that leaves records out, it says "no public …",
    since records it does not show may have changed."""
    public = "public " if data.public else ""
    answered = data.answered
    questions = Part(SINCE_LAST_PARTS[0],
                     f"{counted(len(answered), 'answer').capitalize()} given, {data.on_time} of them on time "
                     "(by the date due)." if answered else f"No {public}answer was given in this period.",
                     ["Ministry", "Answers", "On time"], [60, 20, 20],
                     [[name or "Not named in this edition", str(n), str(on_time)]
                      for name, n, on_time in data.by_ministry()], frozenset({1, 2}))
    changes = data.delivered + data.dropped
    dropped = f"{len(data.dropped)} dropped" if data.dropped else "none dropped"
    undertakings = Part(
        SINCE_LAST_PARTS[1],
        (f"{counted(len(data.delivered), 'undertaking').capitalize()} delivered in full or in part, {dropped}."
         if changes else f"No {public}undertaking was delivered or dropped in this period."),
        ["What was undertaken", "Given in", "Status", "On", "Outcome"], [32, 20, 14, 14, 20],
        [[c.text, c.where, human_label(c.status), _on(long_date(c.on), c.recorded), c.outcome] for c in changes])
    moved = [m for m in data.commitments if m.before is not None]
    sentence = (f"{counted(len(data.commitments), 'commitment').capitalize()} assessed in this period"
                + (f", {len(moved)} of them moved from the status recorded before it." if moved else ".")
                if data.commitments else f"No {public}assessment of a commitment is dated in this period.")
    if moved:  # a status before the period is known only from the audit trail's changes
        headers, widths = ["Commitment", "Before", "Now", "On"], [46, 18, 18, 18]
        rows = [[f"{m.code}: {m.title}", human_label(m.before) if m.before else "–", human_label(m.now),
                 _on(long_date(m.on), m.recorded)] for m in data.commitments]
    else:
        headers, widths = ["Commitment", "Status", "Assessed"], [62, 19, 19]
        rows = [[f"{m.code}: {m.title}", human_label(m.now), _on(long_date(m.on), m.recorded)]
                for m in data.commitments]
    commitments = Part(SINCE_LAST_PARTS[2], sentence, headers, widths, rows)
    lines = data.rose + data.fell
    if data.budget_year is None:
        sentence = f"There are no {public}budget lines on record."
    elif lines:
        sentence = (f"Allocations in fiscal year {data.budget_year} against {data.budget_year - 1}: "
                    f"{counted(len(data.rose), 'line')} rose and {len(data.fell) or 'none'} fell. Lines new this year "
                    "or no longer funded are in the budget section.")
    else:
        sentence = (f"No allocation of a {public}programme funded in both {data.budget_year - 1} and "
                    f"{data.budget_year} rose or fell.")
    years = (str(data.budget_year - 1), str(data.budget_year)) if data.budget_year else ("", "")
    budget = Part(SINCE_LAST_PARTS[3], sentence, ["Programme", "Scope", years[0], years[1], "Change"],
                  [30, 18, 18, 18, 16],
                  [[c.programme, human_label(c.scope), f"{c.currency} {_whole(c.previous, c.currency)}",
                    f"{c.currency} {_whole(c.allocated, c.currency)}",
                    f"{'+' if c.change > 0 else '−'}{_whole(abs(c.change), c.currency)}"
                    + (f" ({c.percent:+.1f}%)" if c.percent is not None else "")] for c in lines], frozenset({2, 3, 4}))
    done = Part(SINCE_LAST_PARTS[4],
                f"{counted(len(data.recommendations), 'recommendation').capitalize()} recorded as implemented."
                if data.recommendations else f"No {public}recommendation was recorded as implemented in this period.",
                ["Recommendation", "Recorded as implemented"], [75, 25],
                [[r.label, long_date(r.on)] for r in data.recommendations])
    return [questions, undertakings, commitments, budget, done]


def _whole(minor: int, currency: str) -> str:
    return amount_text(minor, currency, whole=True)
