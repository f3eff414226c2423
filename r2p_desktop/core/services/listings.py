"""Read-only lists that the views show and the exports read, as plain rows."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from .. import kinds
from ..models import (
    AgendaItem,
    Body,
    BudgetItem,
    Commitment,
    CommitmentAssessment,
    Debate,
    FollowUp,
    FollowUpStatus,
    Instrument,
    InstrumentStatus,
    Person,
    Question,
)
from ..values import Values

OPEN_FOLLOW_UP = (FollowUpStatus.OPEN.value, FollowUpStatus.IN_PROGRESS.value)


def budget_items(session: Session) -> list[Values]:
    query = (select(BudgetItem, Body.name).outerjoin(Body, Body.id == BudgetItem.body_id)
             .order_by(BudgetItem.fiscal_year.desc(), BudgetItem.programme))
    return [
        {"id": b.id, "fiscal_year": b.fiscal_year, "body": body or "", "programme": b.programme, "scope": b.scope,
         "currency": b.currency, "amount_requested": b.amount_requested, "amount_allocated": b.amount_allocated,
         "amount_spent": b.amount_spent}
        for b, body in session.execute(query)
    ]


def debates(session: Session) -> list[Values]:
    items = (select(AgendaItem.debate_id, func.count(AgendaItem.id).label("n"))
             .group_by(AgendaItem.debate_id).subquery())
    query = (select(Debate, func.coalesce(items.c.n, 0)).outerjoin(items, items.c.debate_id == Debate.id)
             .order_by(Debate.date.desc(), Debate.id.desc()))
    return [
        {"id": d.id, "title": d.title, "chamber": d.chamber, "date": d.date, "status": d.status,
         "agenda_items": n}
        for d, n in session.execute(query)
    ]


def agenda(session: Session, debate_id: int) -> list[Values]:
    query = select(AgendaItem).where(AgendaItem.debate_id == debate_id).order_by(AgendaItem.position)
    return [
        {"id": a.id, "position": a.position, "title": a.title, "speakers": a.speakers,
         "allotted_minutes": a.allotted_minutes}
        for a in session.scalars(query)
    ]


def follow_ups(session: Session, today: date | None = None) -> list[Values]:
    today = today or date.today()
    owner = aliased(Body)
    query = (select(FollowUp, owner.name, Question.reference)
             .outerjoin(owner, owner.id == FollowUp.owner_body_id)
             .outerjoin(Question, Question.id == FollowUp.question_id)
             .order_by(FollowUp.due_date.is_(None), FollowUp.due_date, FollowUp.id))
    return [
        {"id": f.id, "description": f.description, "kind": f.kind, "owner": body or "", "due_date": f.due_date,
         "status": f.status, "parent": reference or "",
         "overdue": f.status in OPEN_FOLLOW_UP and f.due_date is not None and f.due_date < today}
        for f, body, reference in session.execute(query)
    ]


def people(session: Session) -> list[Values]:
    query = (select(Person, Body.name).outerjoin(Body, Body.id == Person.body_id)
             .order_by(Person.full_name, Person.id))
    return [
        {"id": p.id, "full_name": p.full_name, "kind": p.kind, "party": p.party, "constituency": p.constituency,
         "role": p.role, "body": body or "", "archived": p.archived}
        for p, body in session.execute(query)
    ]


def bodies(session: Session) -> list[Values]:
    query = select(Body).order_by(Body.name)
    return [{"id": b.id, "name": b.name, "kind": b.kind, "abbreviation": b.abbreviation, "archived": b.archived}
            for b in session.scalars(query)]


def commitments_with_assessment(session: Session) -> list[Values]:
    query = (select(Commitment, CommitmentAssessment)
             .outerjoin(CommitmentAssessment, CommitmentAssessment.commitment_id == Commitment.id)
             .order_by(Commitment.source_code, Commitment.actor, Commitment.code))
    return [
        {"id": c.id, "code": c.code, "title": c.title, "source": c.source_code, "reference": c.reference,
         "actor": c.actor, "pillar": c.pillar_number,
         "assessment": a.status if a else "not_started", "evidence": a.evidence if a else ""}
        for c, a in session.execute(query)
    ]


def instruments_with_status(session: Session) -> list[Values]:
    query = (select(Instrument, InstrumentStatus)
             .outerjoin(InstrumentStatus, InstrumentStatus.instrument_id == Instrument.id)
             .order_by(Instrument.year, Instrument.id))
    return [
        {"id": i.id, "code": i.code, "short_title": i.short_title, "year": i.year,
         "status": s.status if s else "not_signed", "status_date": s.status_date if s else None,
         "implementing_legislation": s.implementing_legislation if s else "",
         "reservations": s.reservations if s else ""}
        for i, s in session.execute(query)
    ]


def record_counts(session: Session) -> dict[str, int]:
    """How many records of each counted kind the database holds, by table name."""
    return {kind.table: session.scalar(select(func.count()).select_from(kind.model)) or 0 for kind in kinds.COUNTED}
