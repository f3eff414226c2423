"""The committee's assessment of a catalogue commitment and the country's status for a core treaty, each
kept under the catalogue entry's code: read with the entry for their forms (`record_forms.COMMITMENT_ASSESSMENT`,
`record_forms.TREATY_STATUS`), and written through them, added the first time and changed after that. Each
use case opens its session (and commits what it writes); database errors come out as R2PError (`app.errors`)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from ..core import kinds
from ..core.database import Database
from ..core.services import directory, evidence, history
from ..core.services.fields import raise_if
from . import record_forms
from .changes import Changes, Record
from .errors import as_r2p_errors
from .records import Loaded, read


def commitment_assessment(database: Database, code: str) -> Loaded:
    """Commitment `code` as its assessment form shows it: the committee's assessment in the fields (not
    started while there is none), and beside them the commitment as the catalogue describes it and the
    questions and budget items linked to it (under "linked")."""

    def query(session: Session) -> Loaded:
        stored = {**evidence.commitment_detail(session, code), "linked": evidence.evidence_for(session, code)}
        return Loaded(record_forms.COMMITMENT_ASSESSMENT.shown(stored), None, stored)

    return read(database, query)


def save_commitment_assessment(database: Database, code: str, shown: Mapping[str, object]) -> Changes:
    """Write what the assessment form shows as the committee's assessment of commitment `code`. Raises
    ValidationError naming each wrong field, or another R2PError (NotFoundError for an unknown code)."""
    values, problems = record_forms.COMMITMENT_ASSESSMENT.typed(shown)
    raise_if(problems)
    with as_r2p_errors(), database.session() as session:
        existing = history.assessment_id(session, code)
        assessment_id = directory.assess_commitment(session, code, **values)
        session.commit()
    return _upserted(kinds.COMMITMENT_ASSESSMENT.key, assessment_id, created=existing is None)


def treaty_status(database: Database, code: str) -> Loaded:
    """Treaty `code` as its status form shows it: the country's status in the fields (not signed while
    nothing is recorded), the treaty's titles and year beside them."""

    def query(session: Session) -> Loaded:
        stored = evidence.instrument_detail(session, code)
        return Loaded(record_forms.TREATY_STATUS.shown(stored), None, stored)

    return read(database, query)


def save_treaty_status(database: Database, code: str, shown: Mapping[str, object]) -> Changes:
    """Write what the treaty status form shows as the country's status for treaty `code`. Raises
    ValidationError naming each wrong field, or another R2PError (NotFoundError for an unknown code)."""
    values, problems = record_forms.TREATY_STATUS.typed(shown)
    raise_if(problems)
    with as_r2p_errors(), database.session() as session:
        existing = history.instrument_status_id(session, code)
        status_id = directory.set_treaty_status(session, code, **values)
        session.commit()
    return _upserted(kinds.TREATY_STATUS.key, status_id, created=existing is None)


def _upserted(kind: str, record_id: int, *, created: bool) -> Changes:
    record = {Record(kind, record_id)}
    return Changes(created=record) if created else Changes(updated=record)
