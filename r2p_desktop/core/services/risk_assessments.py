"""The committee's yearly atrocity risk assessment against the 14 risk factors of the UN Framework of
Analysis: made for a year with one finding per factor (all not assessed, or last year's levels to start
from), each finding's level and note saved, its evidence linked, and the comparison with the previous
assessment (the latest earlier year) factor by factor."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from .. import kinds
from ..errors import NotFoundError, ValidationError
from ..models import Document, RiskAssessment, RiskFactor, RiskFinding
from ..models.records import RiskLevel, risk_finding_documents, risk_finding_questions, risk_finding_recommendations
from . import records

# What a finding's evidence can be, as registry keys.
EVIDENCE_KINDS: tuple[str, ...] = (kinds.DOCUMENT.key, kinds.RECOMMENDATION.key, kinds.QUESTION.key)

# How high each level is; not assessed has no place on the scale, so it is never higher or lower.
_RANK: dict[RiskLevel, int] = {RiskLevel.LOW: 1, RiskLevel.MODERATE: 2, RiskLevel.ELEVATED: 3, RiskLevel.HIGH: 4}

HIGHER, LOWER, SAME, NOT_COMPARED = "higher", "lower", "same", ""


def change(previous: str | None, current: str) -> str:
    """HIGHER, LOWER or SAME from last year's level to this year's; NOT_COMPARED when either was not
    assessed (or there was no previous assessment)."""
    before = _RANK.get(RiskLevel(previous)) if previous else None
    now = _RANK.get(RiskLevel(current))
    if before is None or now is None:
        return NOT_COMPARED
    return HIGHER if now > before else LOWER if now < before else SAME


@dataclass(frozen=True)
class AssessmentSummary:
    """One assessment as the list of years shows it."""

    id: int
    year: int
    title: str
    assessed_on: date | None
    summary: str  # the committee's overall reading (the record's notes)
    source_document_id: int | None
    source_document: str  # its title, "" when none is linked
    assessed: int  # factors given a level
    factors: int
    version: int


@dataclass(frozen=True)
class FactorRow:
    """One risk factor in an assessment, beside its level in the previous one."""

    finding_id: int
    version: int
    number: int
    code: str
    title: str
    level: str  # a RiskLevel value
    previous_level: str | None  # None when the previous assessment had no finding for it, or there is none
    change: str  # HIGHER, LOWER, SAME or NOT_COMPARED
    note: str
    evidence: int  # how many records are linked as its evidence


@dataclass(frozen=True)
class Comparison:
    assessment: AssessmentSummary
    previous_year: int | None
    rows: list[FactorRow]


# The source document's title is all an assessment shows of it: never its file's text (megabytes).
_SOURCE = selectinload(RiskAssessment.source_document).defer(Document.file_text)


def _assessment(session: Session, assessment_id: int) -> RiskAssessment:
    assessment = session.get(RiskAssessment, assessment_id, options=[_SOURCE])
    if assessment is None:
        raise NotFoundError(f"there is no risk assessment with id {assessment_id}; someone may have deleted it")
    return assessment


def _summary(a: RiskAssessment) -> AssessmentSummary:
    assessed = sum(1 for finding in a.findings if finding.level != RiskLevel.NOT_ASSESSED)
    document = a.source_document
    return AssessmentSummary(a.id, a.year, a.title, a.assessed_on, a.notes, a.source_document_id,
                             document.title if document is not None else "", assessed, len(a.findings), a.version)


def list_assessments(session: Session) -> list[AssessmentSummary]:
    """Every assessment, the newest year first."""
    return [_summary(a) for a in session.scalars(select(RiskAssessment).options(_SOURCE)
                                                      .order_by(RiskAssessment.year.desc()))]


def latest_id(session: Session) -> int | None:
    """The id of the assessment of the latest year (the session may see), None when there is none."""
    return session.scalar(select(RiskAssessment.id).order_by(RiskAssessment.year.desc()).limit(1))


def previous(session: Session, year: int) -> RiskAssessment | None:
    """The assessment of the latest year before `year`, if any."""
    return session.scalars(select(RiskAssessment).where(RiskAssessment.year < year)
                           .order_by(RiskAssessment.year.desc()).limit(1)).first()


def create(session: Session, values: Mapping[str, object], *, copy_previous: bool = False) -> int:
    """Add the assessment for `values["year"]` with a finding for every risk factor of the catalogue:
    not assessed, or with `copy_previous` at the level the previous assessment gave it. Refuses a
    second assessment of a year (ValidationError on the year). The caller commits."""
    year = values.get("year")
    if isinstance(year, int) and session.scalar(select(RiskAssessment.id).where(RiskAssessment.year == year)):
        raise ValidationError({"year": f"there is already a risk assessment for {year}"})
    earlier = previous(session, year) if copy_previous and isinstance(year, int) else None
    levels = {finding.risk_factor_id: finding.level for finding in earlier.findings} if earlier else {}
    assessment_id = records.create(session, RiskAssessment, dict(values))
    for factor_id in session.scalars(select(RiskFactor.id).order_by(RiskFactor.number)):
        records.create(session, RiskFinding, {"risk_assessment_id": assessment_id, "risk_factor_id": factor_id,
                                              "level": levels.get(factor_id, RiskLevel.NOT_ASSESSED)})
    return assessment_id


def finding_ids(session: Session, assessment_id: int) -> list[int]:
    """The assessment's findings, in the order of the risk factors."""
    return list(session.scalars(select(RiskFinding.id).join(RiskFactor)
                                .where(RiskFinding.risk_assessment_id == assessment_id).order_by(RiskFactor.number)))


def save_finding(session: Session, finding_id: int, *, level: str, note: str,
                 expected_version: int | None = None) -> None:
    """Write a finding's level and note; ConflictError when someone saved it since `expected_version`."""
    records.update(session, RiskFinding, finding_id, {"level": level, "note": note},
                   expected_version=expected_version)


def set_source_document(session: Session, assessment_id: int, document_id: int | None, *,
                        expected_version: int | None = None) -> None:
    """Link the document the assessment drew on (None: none)."""
    if document_id is not None and session.get(Document, document_id) is None:
        raise NotFoundError(f"there is no document with id {document_id}; someone may have deleted it")
    records.update(session, RiskAssessment, assessment_id, {"source_document_id": document_id},
                   expected_version=expected_version)


def evidence(session: Session, finding_id: int) -> list[tuple[str, int]]:
    """The records linked as the finding's evidence, (kind key, id): documents, recommendations, questions."""
    finding = session.get(RiskFinding, finding_id)
    if finding is None:
        return []
    return [(key, linked.id) for key in EVIDENCE_KINDS
            for linked in getattr(finding, records.link_attribute(RiskFinding, key))]


def comparison(session: Session, assessment_id: int) -> Comparison:
    """Each risk factor's level in the assessment beside the previous assessment's, and how it moved."""
    assessment = _assessment(session, assessment_id)
    earlier = previous(session, assessment.year)
    before = {finding.risk_factor_id: finding.level for finding in earlier.findings} if earlier else {}
    counts = _evidence_counts(session, [finding.id for finding in assessment.findings])
    rows = []
    for finding in sorted(assessment.findings, key=lambda f: f.risk_factor.number):
        factor = finding.risk_factor
        last = before.get(factor.id)
        rows.append(FactorRow(finding.id, finding.version, factor.number, factor.code, factor.title,
                              finding.level.value, last.value if last is not None else None,
                              change(last, finding.level), finding.note, counts.get(finding.id, 0)))
    return Comparison(_summary(assessment), earlier.year if earlier else None, rows)


def _evidence_counts(session: Session, ids: list[int]) -> dict[int, int]:
    counts: dict[int, int] = {}
    for table in (risk_finding_documents, risk_finding_recommendations, risk_finding_questions):
        query = (select(table.c.risk_finding_id, func.count()).where(table.c.risk_finding_id.in_(ids))
                 .group_by(table.c.risk_finding_id))
        for finding_id, count in session.execute(query):
            counts[finding_id] = counts.get(finding_id, 0) + count
    return counts
