"""The committee's assessment of a catalogue commitment and the country's status for a core treaty, each
kept under the catalogue entry's code: read with the entry for their forms (`record_forms.COMMITMENT_ASSESSMENT`,
`record_forms.TREATY_STATUS`), and written through them, added the first time and changed after that. Each
use case opens its session (and commits what it writes); database errors come out as R2PError (`app.errors`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from sqlalchemy.orm import Session

from ..core.database import Database
from ..core.services import directory, evidence, history
from ..core.services.fields import raise_if
from . import linking, record_forms
from .changes import Changes, Record
from .errors import as_r2p_errors
from .forms import Form
from .records import Loaded, read


def commitment_assessment(database: Database, code: str) -> Loaded:
    """Commitment `code` as its assessment form shows it: the committee's assessment in the fields (not
    started while there is none), and beside them the commitment as the catalogue describes it and the
    records that evidence it (under "linked", LinkableRecords: the questions and budget items that name
    it, the agenda items that discuss it)."""

    def query(session: Session) -> Loaded:
        stored = {**evidence.commitment_detail(session, code), "linked": linking.evidence_of(session, code)}
        return Loaded(record_forms.COMMITMENT_ASSESSMENT.shown(stored), None, stored)

    return read(database, query)


def save_commitment_assessment(database: Database, code: str, shown: Mapping[str, object], *,
                               link: Iterable[tuple[str, int]] = (),
                               unlink: Iterable[tuple[str, int]] = ()) -> Changes:
    """Write what the assessment form shows as the committee's assessment of commitment `code`, and make
    the records in `link` evidence it and those in `unlink` no longer (kind key, id; `linking.EVIDENCE`),
    in one transaction; the records whose links changed are among `updated`."""

    def change_evidence(session: Session) -> set[Record]:
        changed = evidence.change_evidence(session, code, add=link, remove=unlink)
        return {Record(*record) for record in changed}

    return _save_by_code(database, record_forms.COMMITMENT_ASSESSMENT, code, shown, history.assessment_id,
                         directory.assess_commitment, also=change_evidence)


def treaty_status(database: Database, code: str) -> Loaded:
    """Treaty `code` as its status form shows it: the country's status in the fields (not signed while
    nothing is recorded), the treaty's titles and year beside them."""

    def query(session: Session) -> Loaded:
        stored = evidence.instrument_detail(session, code)
        return Loaded(record_forms.TREATY_STATUS.shown(stored), None, stored)

    return read(database, query)


def save_treaty_status(database: Database, code: str, shown: Mapping[str, object]) -> Changes:
    """Write what the treaty status form shows as the country's status for treaty `code`."""
    return _save_by_code(database, record_forms.TREATY_STATUS, code, shown, history.instrument_status_id,
                         directory.set_treaty_status)


def _save_by_code(database: Database, form: Form, code: str, shown: Mapping[str, object],
                  existing_id: Callable[[Session, str], int | None], upsert: Callable[..., int], *,
                  also: Callable[[Session], set[Record]] = lambda _session: set()) -> Changes:
    """Write what `form` shows for catalogue entry `code` with `upsert` (a directory function), then what
    `also` writes in the same transaction (the records it returns are among `updated`); the record is
    among `created` the first time (`existing_id` found none) and `updated` after that. Raises
    ValidationError naming each wrong field, or another R2PError (NotFoundError for an unknown code)."""
    values, problems = form.typed(shown)
    raise_if(problems)
    with as_r2p_errors(), database.session() as session:
        existed = existing_id(session, code) is not None
        record = {Record(form.kind, upsert(session, code, **values))}
        others = also(session)
        session.commit()
    return Changes(updated=record | others) if existed else Changes(created=record, updated=others)
