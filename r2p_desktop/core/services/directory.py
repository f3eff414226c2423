"""People and bodies looked up by name, for forms and imports; and the committee's assessments of
the catalogue and the country's treaty statuses, keyed by catalogue code."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..errors import NotFoundError
from ..models import Body, Commitment, CommitmentAssessment, Instrument, InstrumentStatus, Person
from . import records


def find_person(session: Session, full_name: str) -> int | None:
    return session.scalar(select(Person.id).where(Person.full_name == full_name.strip()).order_by(Person.id).limit(1))


def find_body(session: Session, name: str) -> int | None:
    return session.scalar(select(Body.id).where(Body.name == name.strip()))


def person_or_new(session: Session, full_name: str, **values) -> int:
    return find_person(session, full_name) or records.create(session, Person, {"full_name": full_name, **values})


def body_or_new(session: Session, name: str, **values) -> int:
    return find_body(session, name) or records.create(session, Body, {"name": name, **values})


def _by_code(session: Session, model, code: str):
    row = session.scalar(select(model).where(model.code == code))
    if row is None:
        raise NotFoundError(f"there is no catalogue entry with code {code!r}")
    return row


def assess_commitment(session: Session, code: str, status: str, evidence: str = "", assessed_on=None) -> int:
    """Set the committee's self-assessment of commitment `code`; return the assessment's id."""
    commitment = _by_code(session, Commitment, code)
    return _upsert(session, CommitmentAssessment, "commitment_id", commitment.id,
                   {"status": status, "evidence": evidence, "assessed_on": assessed_on})


def set_treaty_status(session: Session, code: str, status: str, status_date=None,
                      implementing_legislation: str = "", reservations: str = "") -> int:
    """Record the country's status for instrument `code`; return the status record's id."""
    instrument = _by_code(session, Instrument, code)
    return _upsert(session, InstrumentStatus, "instrument_id", instrument.id,
                   {"status": status, "status_date": status_date,
                    "implementing_legislation": implementing_legislation, "reservations": reservations})


def _upsert(session: Session, model, key: str, key_value: int, values: dict) -> int:
    existing = session.scalar(select(model.id).where(getattr(model, key) == key_value))
    if existing is None:
        return records.create(session, model, {key: key_value, **values})
    records.update(session, model, existing, values)
    return existing
