"""What the catalogue dialogs read: one commitment or treaty with the committee's position on it, and
the records that evidence a commitment (questions and budget items that name it, agenda items that
discuss it), which the assessment dialog also adds and removes."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import kinds
from ..errors import NotFoundError, ValidationError
from ..models import (
    AgendaItem,
    AgendaItemLink,
    AssessmentStatus,
    BudgetItem,
    Commitment,
    CommitmentAssessment,
    Debate,
    Instrument,
    InstrumentStatus,
    Pillar,
    Question,
    Source,
    TreatyStatus,
)
from ..models.records import budget_item_commitments, question_commitments
from ..values import Values
from . import agenda


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


def evidence_records(session: Session, commitment_code: str) -> list[tuple[str, int]]:
    """The records that evidence a commitment, as (kind key, id): the questions that name it (newest
    tabled first), the budget items that name it (newest year first), then the agenda items that
    discuss it (newest debate first)."""
    commitment_id = _commitment_id(session, commitment_code)
    questions = session.scalars(
        select(Question.id)
        .join(question_commitments, question_commitments.c.question_id == Question.id)
        .where(question_commitments.c.commitment_id == commitment_id)
        .order_by(Question.date_tabled.is_(None), Question.date_tabled.desc(), Question.id.desc())
    )
    budget_items = session.scalars(
        select(BudgetItem.id)
        .join(budget_item_commitments, budget_item_commitments.c.budget_item_id == BudgetItem.id)
        .where(budget_item_commitments.c.commitment_id == commitment_id)
        .order_by(BudgetItem.fiscal_year.desc(), BudgetItem.programme, BudgetItem.id)
    )
    agenda_items = session.scalars(
        select(AgendaItem.id)
        .join(AgendaItemLink, AgendaItemLink.agenda_item_id == AgendaItem.id)
        .join(Debate, Debate.id == AgendaItem.debate_id)
        .where(AgendaItemLink.commitment_id == commitment_id)
        .order_by(Debate.date.is_(None), Debate.date.desc(), AgendaItem.position, AgendaItem.id)
        .distinct()
    )
    return ([(kinds.QUESTION.key, i) for i in questions] + [(kinds.BUDGET_ITEM.key, i) for i in budget_items]
            + [(kinds.AGENDA_ITEM.key, i) for i in agenda_items])


EVIDENCE_KINDS = (kinds.QUESTION.key, kinds.BUDGET_ITEM.key, kinds.AGENDA_ITEM.key)


def change_evidence(session: Session, commitment_code: str, *, add: Iterable[tuple[str, int]] = (),
                    remove: Iterable[tuple[str, int]] = ()) -> set[tuple[str, int]]:
    """Make the records in `add` evidence the commitment and those in `remove` no longer, each a (kind
    key, id) of EVIDENCE_KINDS: a question or budget item names the commitment among its own (its history
    shows it), an agenda item discusses it. Returns the records changed. Caller commits."""
    commitment = session.get(Commitment, _commitment_id(session, commitment_code))
    assert commitment is not None  # found by its code just now
    changed: set[tuple[str, int]] = set()
    for adding, pairs in ((True, add), (False, remove)):
        for kind, record_id in dict.fromkeys(pairs):
            if kind == kinds.AGENDA_ITEM.key:
                link = [(kinds.COMMITMENT.id_column, commitment.id)]
                if agenda.change_links(session, record_id, **{"add" if adding else "remove": link}):
                    changed.add((kind, record_id))
                continue
            record = _naming_record(session, kind, record_id)  # held: the list alone would not keep it
            if adding != (commitment in record.commitments):
                (record.commitments.append if adding else record.commitments.remove)(commitment)
                changed.add((kind, record_id))
    session.flush()
    return changed


def _naming_record(session: Session, kind: str, record_id: int) -> Question | BudgetItem:
    """The question or budget item whose commitments are to change."""
    record: Question | BudgetItem | None
    if kind == kinds.QUESTION.key:
        record = session.get(Question, record_id)
    elif kind == kinds.BUDGET_ITEM.key:
        record = session.get(BudgetItem, record_id)
    else:
        raise ValidationError({"evidence": f"a {kind.replace('_', ' ')} cannot evidence a commitment"})
    if record is None:
        raise NotFoundError(f"there is no {kind.replace('_', ' ')} with id {record_id}")
    return record


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
