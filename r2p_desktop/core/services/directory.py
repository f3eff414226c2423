"""People and bodies looked up by name (and created when new), for forms and imports; and the
committee's assessments of the catalogue and the country's treaty statuses, keyed by catalogue code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..errors import NotFoundError, ValidationError
from ..models import Body, BodyKind, Commitment, CommitmentAssessment, Instrument, InstrumentStatus, Person
from ..values import Values
from . import records

CatalogueEntry = TypeVar("CatalogueEntry", Commitment, Instrument)

_NAME_COLUMN = {Person: Person.full_name, Body: Body.name}


def _find(session: Session, model: type[Person] | type[Body], name: str) -> int | None:
    """The first `model` called `name`, ignoring surrounding spaces and case (as a clerk types it)."""
    column, name = _NAME_COLUMN[model], name.strip()
    exact = session.scalar(select(model.id).where(column == name).order_by(model.id).limit(1))
    if exact is not None or not name:
        return exact
    # SQLite's lower() folds ASCII only: compare in Python, reading just the names of the same length.
    folded = name.casefold()
    same_length = session.execute(select(model.id, column).where(func.length(column) == len(name)).order_by(model.id))
    return next((found_id for found_id, stored in same_length if stored.casefold() == folded), None)


def find_person(session: Session, full_name: str) -> int | None:
    return _find(session, Person, full_name)


def find_body(session: Session, name: str) -> int | None:
    return _find(session, Body, name)


def committee_body_id(session: Session) -> int | None:
    """The committee's own body (the first of kind committee), or None when none is recorded."""
    return session.scalar(select(Body.id).where(Body.kind == BodyKind.COMMITTEE).order_by(Body.id).limit(1))


@dataclass(frozen=True)
class Named:
    """Whom a name given in a form or a file stands for: the record's id (None for a blank name), and
    whether it was created just now because nobody had that name."""

    id: int | None
    created: bool = False


def resolve_name(session: Session, model: type[Person] | type[Body], name: str | None, *, field: str,
                 **values: object) -> Named:
    """The person or body (`model`) called `name`, found ignoring case, or created with `values` when
    nobody has that name yet; a blank name is nobody. This is the one place names become records: the
    question form and the question import both come here. A name that cannot be created raises
    ValidationError on `field` (the field that names it, e.g. "asked_by_id"). The caller commits."""
    name = (name or "").strip()
    if not name:
        return Named(None)
    found = _find(session, model, name)
    if found is not None:
        return Named(found)
    try:
        return Named(records.create(session, model, {_NAME_COLUMN[model].key: name, **values}), created=True)
    except ValidationError as error:
        raise ValidationError({field: next(iter(error.errors.values()))}) from error


def person_or_new(session: Session, full_name: str, **values: object) -> int:
    """The id of the person called `full_name`, created with `values` if new (a blank name is refused)."""
    return (resolve_name(session, Person, full_name, field="full_name", **values).id
            or records.create(session, Person, {"full_name": full_name, **values}))


def body_or_new(session: Session, name: str, **values: object) -> int:
    """The id of the body called `name`, created with `values` if new (a blank name is refused)."""
    return (resolve_name(session, Body, name, field="name", **values).id
            or records.create(session, Body, {"name": name, **values}))


def _by_code(session: Session, model: type[CatalogueEntry], code: str) -> CatalogueEntry:
    row = session.scalar(select(model).where(model.code == code))
    if row is None:
        raise NotFoundError(f"there is no catalogue entry with code {code!r}")
    return row


def assess_commitment(session: Session, code: str, status: str, evidence: str = "",
                      assessed_on: date | None = None) -> int:
    """Set the committee's self-assessment of commitment `code`; return the assessment's id."""
    commitment = _by_code(session, Commitment, code)
    return _upsert(session, CommitmentAssessment, "commitment_id", commitment.id,
                   {"status": status, "evidence": evidence, "assessed_on": assessed_on})


def set_treaty_status(session: Session, code: str, status: str, status_date: date | None = None,
                      implementing_legislation: str = "", reservations: str = "") -> int:
    """Record the country's status for instrument `code`; return the status record's id."""
    instrument = _by_code(session, Instrument, code)
    return _upsert(session, InstrumentStatus, "instrument_id", instrument.id,
                   {"status": status, "status_date": status_date,
                    "implementing_legislation": implementing_legislation, "reservations": reservations})


def _upsert(session: Session, model: type[CommitmentAssessment] | type[InstrumentStatus], key: str, key_value: int,
            values: Values) -> int:
    existing = session.scalar(select(model.id).where(getattr(model, key) == key_value))
    if existing is None:
        return records.create(session, model, {key: key_value, **values})
    records.update(session, model, existing, values)
    return existing
