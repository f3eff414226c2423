"""The answer's life after tabling, as the question form offers it: transfer a question to another
ministry, correct a published answer, give one answer to several questions; and what the form shows
of each."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core import kinds
from ..core.database import Database
from ..core.errors import ValidationError
from ..core.models import Body, Question
from ..core.services import answers, directory
from ..core.services.fields import parse_date
from .changes import Changes, Record
from .errors import as_r2p_errors
from .records import read

QUESTION = kinds.QUESTION.key


@dataclass(frozen=True)
class AnswerRecord:
    """What the question form shows of a question's answer record besides its fields."""

    transferred_from: str  # the body it was transferred from, '' when never transferred
    answered_with: list[str]  # the other questions sharing its answer, as "WQ-12: title"
    may_be_transferred: bool  # still awaiting its answer


def transfer(database: Database, question_id: int, shown: Mapping[str, object]) -> Changes:
    """Transfer the question as the transfer form (record_forms.TRANSFER) gives it: to the body named in
    "addressed_to_id" (added to Bodies when new), on "transferred_on", the answer due on "answer_due"
    when one is given."""
    with as_r2p_errors(), database.session() as session:
        on, due = _dates(shown, "transferred_on", "answer_due")
        if on is None:
            raise ValidationError({"transferred_on": "give the day it was transferred"})
        named = directory.resolve_name(session, Body, str(shown.get("addressed_to_id") or ""),
                                       field="addressed_to_id")
        if named.id is None:
            raise ValidationError({"addressed_to_id": "name the ministry or body it goes to"})
        answers.transfer(session, question_id, named.id, on, answer_due=due)
        session.commit()
    created = {Record(kinds.BODY.key, named.id)} if named.created else set()
    return Changes(created=created, updated={Record(QUESTION, question_id)})


def correct_answer(database: Database, question_id: int, shown: Mapping[str, object]) -> Changes:
    """Record the government's correction as the correction form (record_forms.CORRECTION) gives it;
    the answer first given is kept, and the questions given the same answer are corrected too."""
    with as_r2p_errors(), database.session() as session:
        [on] = _dates(shown, "answer_corrected_on")
        if on is None:
            raise ValidationError({"answer_corrected_on": "give the day the answer was corrected"})
        changed = answers.correct_answer(session, question_id, str(shown.get("answer_text") or ""), on)
        session.commit()
    return Changes(updated={Record(QUESTION, changed_id) for changed_id in changed})


def _dates(shown: Mapping[str, object], *names: str) -> list[date | None]:
    """The dates typed in `names`, or ValidationError naming each that is not one."""
    dates, errors = [], {}
    for name in names:
        try:
            dates.append(parse_date(shown.get(name)))
        except ValueError as error:
            errors[name] = str(error)
    if errors:
        raise ValidationError(errors)
    return dates


def answer_together(database: Database, lead_id: int, others: Iterable[int]) -> Changes:
    """Give question `lead_id`'s answer to each of `others` too."""
    with as_r2p_errors(), database.session() as session:
        changed = answers.answer_together(session, lead_id, others)
        session.commit()
    return Changes(updated={Record(QUESTION, question_id) for question_id in changed})


def awaiting_the_same_answer(database: Database, question_id: int) -> list[tuple[int, str]]:
    """The questions a government might answer together with question `question_id`: those to the same
    body still awaiting an answer, not yet sharing one, as (id, "WQ-12: title") in reference order."""

    def query(session: Session) -> list[tuple[int, str]]:
        question = session.get(Question, question_id)
        if question is None or question.addressed_to_id is None:
            return []
        rows = session.scalars(select(Question).where(
            Question.addressed_to_id == question.addressed_to_id, Question.id != question_id,
            Question.answered_with_id.is_(None), Question.status.in_(answers.AWAITING))
            .order_by(Question.reference, Question.id))
        return [(q.id, label(q)) for q in rows]

    return read(database, query)


def answer_record(database: Database, question_id: int) -> AnswerRecord:
    def query(session: Session) -> AnswerRecord:
        question = session.get(Question, question_id)
        if question is None:
            return AnswerRecord("", [], False)
        return AnswerRecord(answers.transferred_from_name(session, question),
                            [label(q) for q in answers.answered_together(session, question_id)],
                            answers.may_be_transferred(question.status))

    return read(database, query)


def label(question: Question) -> str:
    return f"{question.reference}: {question.title}" if question.reference else question.title
