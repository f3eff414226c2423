"""What the catalogue dialogs read: one commitment or treaty with the committee's position on it, and
the questions and budget items that evidence a commitment."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFoundError
from ..models import (
    AssessmentStatus,
    BudgetItem,
    Commitment,
    CommitmentAssessment,
    Instrument,
    InstrumentStatus,
    Pillar,
    Question,
    Source,
    TreatyStatus,
)
from ..models.records import budget_item_commitments, question_commitments
from ..values import Values


def _commitment_id(session: Session, code: str) -> int:
    commitment_id = session.scalar(select(Commitment.id).where(Commitment.code == code))
    if commitment_id is None:
        raise NotFoundError(f"there is no commitment with code {code!r}")
    return commitment_id


def commitment_detail(session: Session, code: str) -> Values:
    """One commitment as the catalogue describes it, with the committee's assessment of it."""
    row = session.execute(
        select(Commitment, Source.title, Pillar.title, CommitmentAssessment)
        .join(Source, Source.code == Commitment.source_code)
        .join(Pillar, Pillar.number == Commitment.pillar_number)
        .outerjoin(CommitmentAssessment, CommitmentAssessment.commitment_id == Commitment.id)
        .where(Commitment.code == code)
    ).first()
    if row is None:
        raise NotFoundError(f"there is no commitment with code {code!r}")
    commitment, source_title, pillar_title, assessment = row
    return {
        "id": commitment.id, "code": commitment.code, "title": commitment.title, "summary": commitment.summary,
        "source": commitment.source_code, "source_title": source_title, "reference": commitment.reference,
        "actor": commitment.actor, "pillar": commitment.pillar_number, "pillar_title": pillar_title,
        "status": assessment.status if assessment else AssessmentStatus.NOT_STARTED.value,
        "evidence": assessment.evidence if assessment else "",
        "assessed_on": assessment.assessed_on if assessment else None,
    }


def evidence_for(session: Session, commitment_code: str) -> list[Values]:
    """The questions (newest tabled first) and budget items (newest year first) linked to a commitment.

    Each row: kind ("question" or "budget_item"), id, reference, title, status, date."""
    commitment_id = _commitment_id(session, commitment_code)
    questions = session.scalars(
        select(Question)
        .join(question_commitments, question_commitments.c.question_id == Question.id)
        .where(question_commitments.c.commitment_id == commitment_id)
        .order_by(Question.date_tabled.is_(None), Question.date_tabled.desc(), Question.id.desc())
    )
    budget_items = session.scalars(
        select(BudgetItem)
        .join(budget_item_commitments, budget_item_commitments.c.budget_item_id == BudgetItem.id)
        .where(budget_item_commitments.c.commitment_id == commitment_id)
        .order_by(BudgetItem.fiscal_year.desc(), BudgetItem.programme, BudgetItem.id)
    )
    rows = [{"kind": "question", "id": q.id, "reference": q.reference or "", "title": q.title,
             "status": q.status, "date": q.date_tabled} for q in questions]
    rows += [{"kind": "budget_item", "id": b.id, "reference": f"Budget {b.fiscal_year}", "title": b.programme,
              "status": b.outcome.strip().splitlines()[0] if b.outcome.strip() else "", "date": b.debate_date}
             for b in budget_items]
    return rows


def instrument_detail(session: Session, code: str) -> Values:
    """One treaty and the country's status for it (not signed when nothing is recorded)."""
    row = session.execute(
        select(Instrument, InstrumentStatus)
        .outerjoin(InstrumentStatus, InstrumentStatus.instrument_id == Instrument.id)
        .where(Instrument.code == code)
    ).first()
    if row is None:
        raise NotFoundError(f"there is no treaty with code {code!r}")
    instrument, status = row
    return {
        "id": instrument.id, "code": instrument.code, "title": instrument.title,
        "short_title": instrument.short_title, "year": instrument.year,
        "status": status.status if status else TreatyStatus.NOT_SIGNED.value,
        "status_date": status.status_date if status else None,
        "implementing_legislation": status.implementing_legislation if status else "",
        "reservations": status.reservations if status else "",
    }
