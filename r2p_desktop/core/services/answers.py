"""What happens to a question's answer after it is tabled, besides the answer itself: a transfer to
another ministry, a correction of a published answer (the one first given is kept), and one answer
given to several questions. Each is an ordinary change of the question's record, so the audit trail
and History show it like any other."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFoundError, ValidationError
from ..formatting import human_label
from ..models import Body, Question, QuestionStatus
from . import records

# A question the government has yet to answer: it may be transferred, or given an answer shared with others.
AWAITING = (QuestionStatus.TABLED, QuestionStatus.HOLDING_ANSWER)


def _question(session: Session, question_id: int) -> Question:
    question = session.get(Question, question_id)
    if question is None:
        raise NotFoundError(f"there is no question with id {question_id}")
    return question


def transfer(session: Session, question_id: int, to_body_id: int, on: date, *, answer_due: date | None = None) -> None:
    """The government moved question `question_id` to the body `to_body_id` on `on`: it is addressed there
    now, the body it came from is kept (the history keeps every earlier one), and the answer may be due
    on a new day."""
    question = _question(session, question_id)
    if not may_be_transferred(question.status):
        raise ValidationError({"addressed_to_id": f"the question is {human_label(question.status).lower()}, so "
                                                  "it can no longer be transferred"})
    if to_body_id == question.addressed_to_id:
        raise ValidationError({"addressed_to_id": "the question is already addressed to that body"})
    changes: dict[str, object] = {"transferred_from_id": question.addressed_to_id, "addressed_to_id": to_body_id,
                                  "transferred_on": on}
    if answer_due is not None:
        changes["answer_due"] = answer_due
    records.update(session, Question, question_id, changes)


def may_be_transferred(status: str) -> bool:
    """Whether a question in `status` still waits for its answer, so the government may move it."""
    return status in AWAITING


def correct_answer(session: Session, question_id: int, corrected: str, on: date) -> list[int]:
    """The government corrected its published answer on `on`: `corrected` becomes the answer, and the
    answer as first given is kept (a second correction keeps the first answer, not the one before). The
    questions given the same answer (answer_together) are corrected with it. Returns the ids changed."""
    question = _question(session, question_id)
    if not (question.answer_text or "").strip() or question.date_answered is None:
        raise ValidationError({"answer_text": "only a published answer can be corrected; record the answer first"})
    if not corrected.strip():
        raise ValidationError({"answer_text": "give the corrected answer"})
    if corrected.strip() == question.answer_text.strip():
        raise ValidationError({"answer_text": "the corrected answer is the same as the answer"})
    given = question.answer_text
    changed = [question_id, *(other.id for other in answered_together(session, question_id)
                              if other.answer_text == given)]
    for changed_id in changed:
        earlier = _question(session, changed_id)
        records.update(session, Question, changed_id, {
            "original_answer_text": earlier.original_answer_text or earlier.answer_text,
            "answer_text": corrected, "answer_corrected_on": on})
    return changed


def answer_together(session: Session, lead_id: int, others: Iterable[int]) -> list[int]:
    """The government gave the answer to question `lead_id` to each of `others` too: they take its answer,
    its date and who gave it, are answered, and point at the lead. Returns the ids changed."""
    lead = _question(session, lead_id)
    if lead.answered_with_id is not None:
        lead = _question(session, lead.answered_with_id)  # the answer is held by the first
    if not (lead.answer_text or "").strip():
        raise ValidationError({"answered_with_id": "record the answer before giving it to other questions"})
    changed = []
    for other_id in dict.fromkeys(others):
        if other_id == lead.id:
            continue
        other = _question(session, other_id)
        if (other.addressed_to_id != lead.addressed_to_id or other.status not in AWAITING
                or other.answered_with_id is not None):
            named = other.reference or f"“{other.title}”"
            raise ValidationError({"answered_with_id": f"question {named} is not one to the same ministry still "
                                                       "awaiting its answer, so it cannot share this one"})
        records.update(session, Question, other_id, {
            "answered_with_id": lead.id, "answer_text": lead.answer_text, "date_answered": lead.date_answered,
            "answered_by_id": lead.answered_by_id, "status": QuestionStatus.ANSWERED})
        changed.append(other_id)
    return changed


def answered_together(session: Session, question_id: int) -> list[Question]:
    """The other questions that share question `question_id`'s answer, in reference order."""
    question = _question(session, question_id)
    lead_id = question.answered_with_id or question.id
    group = session.scalars(select(Question).where(
        (Question.answered_with_id == lead_id) | (Question.id == lead_id)).order_by(Question.reference, Question.id))
    return [q for q in group if q.id != question_id]


def transferred_from_name(session: Session, question: Question) -> str:
    body = session.get(Body, question.transferred_from_id) if question.transferred_from_id else None
    return body.name if body is not None else ""
