"""Follow-ups to chase: what is due, what is overdue, by owner and status, and what each arose from.

A follow-up's parent is at most one record (a question, budget item, debate, agenda item,
recommendation or government undertaking); each row
names it so the clerk can open it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, select
from sqlalchemy.orm import Session, aliased

from .. import kinds
from ..models import (
    AgendaItem,
    Body,
    BudgetItem,
    Debate,
    FollowUp,
    FollowUpKind,
    FollowUpStatus,
    Person,
    Question,
    QuestionStatus,
    Recommendation,
    Undertaking,
)
from ..values import Values
from . import directory, records
from .recommendations import recommendation_label
from .undertakings import undertaking_label

# Filter statuses beyond the stored ones. "open" means still to be done: open or in progress.
OPEN = "open"
OVERDUE = "overdue"
STILL_TO_DO = (FollowUpStatus.OPEN.value, FollowUpStatus.IN_PROGRESS.value)

PARENT_KEYS = {kind.key: kind.id_column for kind in kinds.FOLLOW_UP_PARENTS}


@dataclass(frozen=True)
class FollowUpFilter:
    status: str | None = None  # a FollowUpStatus value, OPEN (open or in progress) or OVERDUE; None for any
    owner_body_id: int | None = None
    due_from: date | None = None  # inclusive; a window excludes undated follow-ups
    due_to: date | None = None


def list_follow_ups(session: Session, flt: FollowUpFilter | None = None, today: date | None = None) -> list[Values]:
    """The follow-ups matching `flt`, soonest due first and undated last, each with its owner and parent."""
    flt = flt or FollowUpFilter()
    today = today or date.today()
    owner_body, owner_person = aliased(Body), aliased(Person)
    debate_of_item = aliased(Debate)
    query = (
        select(FollowUp, owner_body.name, owner_person.full_name, Question.reference, Question.title,
               BudgetItem.fiscal_year, BudgetItem.programme, Debate.title, AgendaItem.title, debate_of_item.title,
               Recommendation, Undertaking)
        .outerjoin(owner_body, owner_body.id == FollowUp.owner_body_id)
        .outerjoin(owner_person, owner_person.id == FollowUp.owner_person_id)
        .outerjoin(Question, Question.id == FollowUp.question_id)
        .outerjoin(BudgetItem, BudgetItem.id == FollowUp.budget_item_id)
        .outerjoin(Debate, Debate.id == FollowUp.debate_id)
        .outerjoin(AgendaItem, AgendaItem.id == FollowUp.agenda_item_id)
        .outerjoin(debate_of_item, debate_of_item.id == AgendaItem.debate_id)
        .outerjoin(Recommendation, Recommendation.id == FollowUp.recommendation_id)
        .outerjoin(Undertaking, Undertaking.id == FollowUp.undertaking_id)
        .order_by(FollowUp.due_date.is_(None), FollowUp.due_date, FollowUp.id)
    )
    if flt.status == OPEN:
        query = query.where(FollowUp.status.in_(STILL_TO_DO))
    elif flt.status == OVERDUE:
        query = query.where(and_(FollowUp.status.in_(STILL_TO_DO), FollowUp.due_date < today))
    elif flt.status:
        query = query.where(FollowUp.status == flt.status)
    if flt.owner_body_id is not None:
        query = query.where(FollowUp.owner_body_id == flt.owner_body_id)
    if flt.due_from is not None:
        query = query.where(FollowUp.due_date >= flt.due_from)
    if flt.due_to is not None:
        query = query.where(FollowUp.due_date <= flt.due_to)

    rows = []
    for (f, body, person, reference, question_title, fiscal_year, programme, debate_title, item_title,
         item_debate_title, recommendation, undertaking) in session.execute(query):
        if recommendation is not None:
            label = recommendation_label(recommendation)
            kind, parent_id, short, full = kinds.RECOMMENDATION.key, recommendation.id, label, label
        elif undertaking is not None:
            label = undertaking_label(undertaking)
            kind, parent_id, short, full = kinds.UNDERTAKING.key, undertaking.id, label, label
        else:
            kind, parent_id, short, full = _parent(f, reference, question_title, fiscal_year, programme,
                                                   debate_title, item_title, item_debate_title)
        rows.append({
            "id": f.id, "description": f.description, "kind": f.kind, "owner": body or person or "",
            "owner_body_id": f.owner_body_id, "due_date": f.due_date, "status": f.status,
            "overdue": is_overdue(f.status, f.due_date, today),
            "parent_kind": kind, "parent_id": parent_id, "parent": short, "parent_label": full,
        })
    return rows


def is_overdue(status: str, due_date: date | None, today: date) -> bool:
    return status in STILL_TO_DO and due_date is not None and due_date < today


def _parent(f: FollowUp, reference: str | None, question_title: str | None, fiscal_year: int | None,
            programme: str | None, debate_title: str | None, item_title: str | None,
            item_debate_title: str | None) -> tuple[str, int | None, str, str]:
    """(parent kind, parent id, label for a table cell, full label); a question goes by its reference."""
    if f.question_id:
        short = reference or f"Question #{f.question_id}"
        return kinds.QUESTION.key, f.question_id, short, _question_label(reference, question_title or "", f.question_id)
    if f.budget_item_id:
        label = f"Budget {fiscal_year}: {programme}"
        return kinds.BUDGET_ITEM.key, f.budget_item_id, label, label
    if f.debate_id:
        label = f"Debate: {debate_title}"
        return kinds.DEBATE.key, f.debate_id, label, label
    if f.agenda_item_id:
        return (kinds.AGENDA_ITEM.key, f.agenda_item_id, f"Agenda item: {item_title}",
                f"Agenda item: {item_title} ({item_debate_title})")
    return "", None, "", ""


def _question_label(reference: str | None, title: str, question_id: int) -> str:
    return f"Question {reference}: {title}" if reference else f"Question #{question_id}: {title}"


def owners(session: Session) -> list[Values]:
    """The bodies that own at least one follow-up, by name, for the owner filter."""
    query = (select(Body.id, Body.name).where(Body.id.in_(select(FollowUp.owner_body_id)))
             .order_by(Body.name))
    return [{"id": body_id, "name": name} for body_id, name in session.execute(query)]


def parent_label(session: Session, values: Mapping[str, object]) -> str:
    """The full label of the record a follow-up (as `records.get` values) arose from; '' for none."""
    if values.get("question_id"):
        question = session.get(Question, values["question_id"])
        return _question_label(question.reference, question.title, question.id) if question else ""
    if values.get("budget_item_id"):
        item = session.get(BudgetItem, values["budget_item_id"])
        return f"Budget {item.fiscal_year}: {item.programme}" if item else ""
    if values.get("debate_id"):
        debate = session.get(Debate, values["debate_id"])
        return f"Debate: {debate.title}" if debate else ""
    if values.get("agenda_item_id"):
        agenda_item = session.get(AgendaItem, values["agenda_item_id"])
        return f"Agenda item: {agenda_item.title}" if agenda_item else ""
    if values.get("recommendation_id"):
        recommendation = session.get(Recommendation, values["recommendation_id"])
        return recommendation_label(recommendation) if recommendation else ""
    if values.get("undertaking_id"):
        undertaking = session.get(Undertaking, values["undertaking_id"])
        return undertaking_label(undertaking) if undertaking else ""
    return ""


def question_has_answer(session: Session, question_id: int) -> bool:
    """Whether the government has answered the question, fully or with a holding answer."""
    question = session.get(Question, question_id)
    return question is not None and (
        bool((question.answer_text or "").strip()) or question.holding_answer_date is not None
        or question.status in (QuestionStatus.ANSWERED.value, QuestionStatus.HOLDING_ANSWER.value))


def draft_from_question(session: Session, question_id: int) -> Values:
    """A new follow-up's values for an answer that promises action: the government's undertaking, owned by
    the answering body, described as a short action naming the question (for the clerk to edit; the
    answer itself is one click away, in the question)."""
    values = records.get(session, Question, question_id)
    named = values.get("reference") or f"“{values.get('title') or 'the question'}”"
    return {
        "kind": FollowUpKind.GOVERNMENT_UNDERTAKING.value,
        "question_id": question_id,
        "owner_body_id": owner_for(session, FollowUpKind.GOVERNMENT_UNDERTAKING, question_id),
        "description": f"Chase the undertaking in the answer to {named}",
        "status": FollowUpStatus.OPEN.value,
    }


def owner_for(session: Session, kind: str, question_id: int | None) -> int | None:
    """Who a follow-up of `kind` arising from a question is for: the committee for its own actions, the
    body the question was addressed to for the government's undertakings and recommendations."""
    if kind == FollowUpKind.COMMITTEE_ACTION:
        return directory.committee_body_id(session)
    question = session.get(Question, question_id) if question_id is not None else None
    return question.addressed_to_id if question is not None else None
