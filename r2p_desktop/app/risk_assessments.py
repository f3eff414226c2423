"""The use cases of the Risk assessments view: the assessments by year, one assessment beside the
previous one factor by factor, a new year's assessment (from scratch or from last year's levels), a
finding's level and note, its evidence, and the source document. Each opens its own session; writes
commit and return the Changes they made, refusals come out as R2PError."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core import kinds
from ..core.database import Database
from ..core.errors import ValidationError
from ..core.formatting import human_label
from ..core.models import Document
from ..core.services import records, risk_assessments
from ..core.services.fields import raise_if
from ..core.services.risk_assessments import EVIDENCE_KINDS as EVIDENCE_KINDS
from ..core.services.risk_assessments import AssessmentSummary, Comparison
from . import record_forms
from .changes import Changes, Record
from .errors import as_r2p_errors
from .linking import LinkableRecord, describe
from .records import read

ASSESSMENT = kinds.RISK_ASSESSMENT.key
FINDING = kinds.RISK_FINDING.key


def list_assessments(database: Database) -> list[AssessmentSummary]:
    """Every assessment, the newest year first."""
    return read(database, risk_assessments.list_assessments)


def comparison(database: Database, assessment_id: int) -> Comparison:
    """The assessment's 14 factors, each beside its level in the previous assessment and how it moved."""
    return read(database, lambda session: risk_assessments.comparison(session, assessment_id))


def assessment_of(database: Database, finding_id: int) -> int | None:
    """The assessment a finding belongs to (None when it no longer exists)."""
    def query(session: Session) -> int | None:
        finding = session.get(kinds.RISK_FINDING.model, finding_id)
        return getattr(finding, "risk_assessment_id", None)

    return read(database, query)


def create(database: Database, shown: Mapping[str, object], *, copy_previous: bool = False) -> Changes:
    """Add the assessment the RISK_ASSESSMENT form shows, with a finding for each risk factor (all not
    assessed, or with `copy_previous` last year's levels). A year already assessed is refused on the year."""
    form = record_forms.RISK_ASSESSMENT
    values, problems = form.typed(shown)
    raise_if(problems)
    with as_r2p_errors(), database.session() as session:
        assessment_id = risk_assessments.create(session, values, copy_previous=copy_previous)
        findings = risk_assessments.finding_ids(session, assessment_id)
        session.commit()
    return Changes(created={Record(ASSESSMENT, assessment_id), *(Record(FINDING, i) for i in findings)})


def save_finding(database: Database, finding_id: int, *, level: str, note: str,
                 expected_version: int | None = None) -> Changes:
    """Write a finding's level and note. ConflictError when someone saved it since `expected_version`."""
    with as_r2p_errors(), database.session() as session:
        risk_assessments.save_finding(session, finding_id, level=level, note=note, expected_version=expected_version)
        session.commit()
    return Changes(updated={Record(FINDING, finding_id)})


def change_evidence(database: Database, finding_id: int, *, link: Iterable[tuple[str, int]] = (),
                    unlink: Iterable[tuple[str, int]] = ()) -> Changes:
    """Link documents, recommendations or questions (kind key, id) as the finding's evidence, and take
    others off it (the records themselves stay), in one transaction."""
    link, unlink = list(link), list(unlink)
    wrong = next((kind for kind, _ in link if kind not in EVIDENCE_KINDS), None)
    if wrong is not None:
        raise ValidationError({"": f"a {kinds.BY_KEY[wrong].singular} cannot be a finding's evidence"})
    with as_r2p_errors(), database.session() as session:
        records.change_links(session, kinds.RISK_FINDING.model, finding_id, add=link, remove=unlink)
        session.commit()
    return Changes(updated={Record(FINDING, finding_id)})


def evidence(database: Database, finding_id: int) -> list[LinkableRecord]:
    """The finding's evidence as lists of links show it: documents, then recommendations, then questions."""
    return read(database, lambda session: describe(session, risk_assessments.evidence(session, finding_id)))


def set_source_document(database: Database, assessment_id: int, document_id: int | None, *,
                        expected_version: int | None = None) -> Changes:
    """Link the document the assessment came from (an NHRI's or the government's risk assessment), or none."""
    with as_r2p_errors(), database.session() as session:
        risk_assessments.set_source_document(session, assessment_id, document_id, expected_version=expected_version)
        session.commit()
    return Changes(updated={Record(ASSESSMENT, assessment_id)})


def documents(database: Database) -> list[tuple[str, int]]:
    """The documents a source can be, as (shown text, id): risk assessments and NHRI reports first, newest first."""
    preferred = ("risk_assessment", "nhri_annual_report")

    def query(session: Session) -> list[tuple[str, int]]:
        found = session.scalars(select(Document).order_by(Document.published_on.desc().nulls_last(),
                                                          Document.id.desc()))
        ordered = sorted(found, key=lambda d: d.kind not in preferred)  # stable: newest first within each
        return [(f"{d.title} ({human_label(d.kind)}{f', {d.published_on.year}' if d.published_on else ''})", d.id)
                for d in ordered]

    return read(database, query)
