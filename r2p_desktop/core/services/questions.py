"""Questions to the government: filtered, SQL-sorted id lists and the rows a table shows.

*Overdue* is derived: tabled or holding an answer, with its answer due before today."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeAlias

from sqlalchemy import ColumnElement, Select, UnaryExpression, and_, case, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session, aliased

from ..models import Body, Commitment, Person, Question, QuestionStatus
from ..models.records import question_commitments
from ..values import Values

AWAITING_ANSWER = (QuestionStatus.TABLED.value, QuestionStatus.HOLDING_ANSWER.value)
OVERDUE = "overdue"
AWAITING = "awaiting"  # tabled or holding an answer, overdue or not

_asker = aliased(Person)
IdQuery: TypeAlias = Select[int]  # a query of question ids


@dataclass(frozen=True)
class QuestionFilter:
    text: str = ""
    status: str | None = None  # a QuestionStatus value, "overdue" or "awaiting"
    addressed_to_id: int | None = None
    asked_by_id: int | None = None
    pillar: int | None = None
    commitment_code: str | None = None
    tabled_from: date | None = None
    tabled_to: date | None = None
    due_from: date | None = None
    due_to: date | None = None
    confidentiality: str | None = None


@dataclass(frozen=True)
class QuestionRow:
    id: int
    reference: str
    title: str
    asked_by: str
    addressed_to: str
    date_tabled: date | None
    answer_due: date | None
    status: str
    days_overdue: int | None


def is_overdue(today: date) -> ColumnElement[bool]:
    return and_(Question.status.in_(AWAITING_ANSWER), Question.answer_due < today)


def days_overdue(status: str, answer_due: date | None, today: date) -> int | None:
    if status in AWAITING_ANSWER and answer_due is not None and answer_due < today:
        return (today - answer_due).days
    return None


# Column keys a table can sort by, and what each sorts on.
SORT_KEYS = {
    "reference": (Question.reference,),
    "title": (Question.title,),
    # By name, then by member, so that each member's questions stay together even when two members
    # share a name; question_id_queries reads this order straight from two indexes.
    "asked_by": (_asker.full_name, _asker.id),
    "addressed_to": (Body.name,),
    "date_tabled": (Question.date_tabled,),
    "answer_due": (Question.answer_due,),
    "status": (Question.status,),
    "days_overdue": (),  # depends on today: see _order_by
}


def _order_by(sort: str, descending: bool, today: date) -> list[UnaryExpression[Any]]:
    if sort == "days_overdue":
        # Overdue questions by due date (earliest = most days overdue); all others count as 0 days.
        due_if_overdue = case((is_overdue(today), Question.answer_due), else_=None)
        if descending:
            return [due_if_overdue.asc().nulls_last(), Question.id.desc()]
        return [due_if_overdue.desc().nulls_first(), Question.id.asc()]
    columns = [*SORT_KEYS[sort], Question.id]
    return [c.desc() if descending else c.asc() for c in columns]


def _apply_filter(query: IdQuery, flt: QuestionFilter, today: date) -> IdQuery:
    if flt.status == OVERDUE:
        query = query.where(is_overdue(today))
    elif flt.status == AWAITING:
        query = query.where(Question.status.in_(AWAITING_ANSWER))
    elif flt.status:
        query = query.where(Question.status == flt.status)
    for column, value in ((Question.addressed_to_id, flt.addressed_to_id), (Question.asked_by_id, flt.asked_by_id),
                          (Question.pillar_number, flt.pillar), (Question.confidentiality, flt.confidentiality)):
        if value is not None:
            query = query.where(column == value)
    if flt.tabled_from:
        query = query.where(Question.date_tabled >= flt.tabled_from)
    if flt.tabled_to:
        query = query.where(Question.date_tabled <= flt.tabled_to)
    if flt.due_from:
        query = query.where(Question.answer_due >= flt.due_from)
    if flt.due_to:
        query = query.where(Question.answer_due <= flt.due_to)
    if flt.commitment_code:
        linked = (select(question_commitments.c.question_id)
                  .join(Commitment, Commitment.id == question_commitments.c.commitment_id)
                  .where(Commitment.code == flt.commitment_code))
        query = query.where(Question.id.in_(linked))
    if flt.text.strip():
        typed = flt.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        pattern = f"%{typed}%"  # what the clerk typed, % and _ included, anywhere in the text
        query = query.where(or_(Question.title.ilike(pattern, escape="\\"),
                                Question.reference.ilike(pattern, escape="\\")))
    return query


def question_ids_query(flt: QuestionFilter | None, sort: str, descending: bool, today: date) -> IdQuery:
    query = select(Question.id)
    if sort == "asked_by":
        query = query.outerjoin(_asker, _asker.id == Question.asked_by_id)
    elif sort == "addressed_to":
        query = query.outerjoin(Body, Body.id == Question.addressed_to_id)
    return _apply_filter(query, flt or QuestionFilter(), today).order_by(*_order_by(sort, descending, today))


def question_id_queries(flt: QuestionFilter | None, sort: str, descending: bool, today: date) -> list[IdQuery]:
    """Queries whose results, one after the other, are `question_ids_query` (same ids, same order).

    Sorting by member is the one case split in two. Driving the join from people, in the order of
    ix_people_full_name, and reading each member's questions from ix_questions_asked_by_id (already
    in id order) gives (name, member, question) order with no sort step: about 30 ms for 100,000 ids
    instead of about 110 ms for the LEFT JOIN that sorts every row in a temporary B-tree. Questions
    with no member cannot come from that join; they sort first (SQLite puts NULL names first), so
    they are read by a query of their own, before the others ascending and after them descending."""
    if sort != "asked_by":
        return [question_ids_query(flt, sort, descending, today)]
    flt = flt or QuestionFilter()

    def ordered(column: InstrumentedAttribute[Any]) -> UnaryExpression[Any]:
        return column.desc() if descending else column.asc()

    asked = (select(Question.id).select_from(_asker).join(Question, Question.asked_by_id == _asker.id))
    asked = _apply_filter(asked, flt, today).order_by(ordered(_asker.full_name), ordered(_asker.id),
                                                      ordered(Question.id))
    unasked = _apply_filter(select(Question.id).where(Question.asked_by_id.is_(None)), flt, today)
    unasked = unasked.order_by(ordered(Question.id))
    return [asked, unasked] if descending else [unasked, asked]


def question_ids(session: Session, flt: QuestionFilter | None = None, *, sort: str = "date_tabled",
                 descending: bool = True, today: date | None = None) -> list[int]:
    """The ids of the questions matching `flt`, in the order the table shows them."""
    ids: list[int] = []
    for query in question_id_queries(flt, sort, descending, today or date.today()):
        ids.extend(fetch_ids(session, query))
    return ids


def fetch_ids(session: Session, query: IdQuery) -> list[int]:
    """The first column of `query`, read from the driver's cursor on SQLite: for 100,000 ids,
    SQLAlchemy's result rows cost three times the query itself (benchmarks/questions_view.py)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        return list(session.scalars(query))
    compiled = query.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    # Dates go in as SQLAlchemy stores them in SQLite (ISO text); other values as they are.
    values = [params[name].isoformat() if isinstance(params[name], date) else params[name]
              for name in compiled.positiontup or ()]
    raw = connection.connection.dbapi_connection
    assert raw is not None  # the session's connection is open
    cursor = raw.cursor()
    try:
        return [row[0] for row in cursor.execute(compiled.string, values)]
    finally:
        cursor.close()


def question_rows(session: Session, ids: list[int], *, today: date | None = None) -> dict[int, QuestionRow]:
    """The table rows of the questions `ids`, keyed by id."""
    today = today or date.today()
    answerer = aliased(Body)
    query = (
        select(Question.id, Question.reference, Question.title, _asker.full_name, answerer.name,
               Question.date_tabled, Question.answer_due, Question.status)
        .outerjoin(_asker, _asker.id == Question.asked_by_id)
        .outerjoin(answerer, answerer.id == Question.addressed_to_id)
        .where(Question.id.in_(ids))
    )
    return {
        row[0]: QuestionRow(row[0], row[1] or "", row[2], row[3] or "", row[4] or "", row[5], row[6], row[7],
                            days_overdue(row[7], row[6], today))
        for row in session.execute(query)
    }


def count_questions(session: Session) -> int:
    # count(*), not count(id): SQLite counts the entries of the smallest index instead of checking
    # each id for NULL (0.6 ms instead of 6 ms on 100,000 questions).
    return session.scalar(select(func.count()).select_from(Question)) or 0


def iter_question_records(session: Session, *, batch: int = 2000) -> Iterator[Values]:
    """Every question with names instead of ids and links as code lists, in id order, for exports."""
    from sqlalchemy.orm import selectinload

    answerer, body, earlier_body, lead = aliased(Person), aliased(Body), aliased(Body), aliased(Question)
    query = (
        select(Question, _asker.full_name, body.name, answerer.full_name, earlier_body.name, lead.reference)
        .outerjoin(_asker, _asker.id == Question.asked_by_id)
        .outerjoin(body, body.id == Question.addressed_to_id)
        .outerjoin(answerer, answerer.id == Question.answered_by_id)
        .outerjoin(earlier_body, earlier_body.id == Question.transferred_from_id)
        .outerjoin(lead, lead.id == Question.answered_with_id)
        .options(selectinload(Question.commitments))
        .order_by(Question.id)
        .execution_options(yield_per=batch)
    )
    for question, asked_by, addressed_to, answered_by, transferred_from, answered_with in session.execute(query):
        yield {
            "reference": question.reference or "", "type": question.type, "title": question.title,
            "question_text": question.question_text, "asked_by": asked_by or "",
            "addressed_to": addressed_to or "", "transferred_from": transferred_from or "",
            "transferred_on": question.transferred_on, "date_tabled": question.date_tabled,
            "answer_due": question.answer_due, "named_day": "yes" if question.named_day else "",
            "status": question.status, "holding_answer_date": question.holding_answer_date,
            "holding_answer_text": question.holding_answer_text, "answer_text": question.answer_text,
            "date_answered": question.date_answered, "answered_by": answered_by or "",
            "original_answer_text": question.original_answer_text,
            "answer_corrected_on": question.answer_corrected_on, "answered_with": answered_with or "",
            "assessment": question.assessment or "", "pillar": question.pillar_number,
            "commitments": [c.code for c in question.commitments], "tags": list(question.tags or []),
            "confidentiality": question.confidentiality,
        }
