"""Recommendations, undertakings, documents and risk assessments as CSV: one exporter over a list of
columns per kind, every cell through the spreadsheet-safe writer, only what the audience may read.

Recommendations go out in the columns of a UPR Info export first (then the app's own), so a file
exported here can be imported again with `r2p import recommendations`. Risk assessments are one row per
finding: its year, the risk factor, its level and the note."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.orm import Session, selectinload

from ..core.audience import seen_by
from ..core.errors import R2PError
from ..core.formatting import human_label
from ..core.models import Body, Document, Recommendation, RecordMixin, RiskAssessment, RiskFinding, Undertaking
from ..core.safe_file import replaced_on_success
from ..core.services import undertakings
from .spreadsheet_safety import SpreadsheetWriter

LIST_SEPARATOR = ";"  # as the questions' CSV joins a list
AUDIENCES = ("public", "committee")  # an export to share: never restricted records

Column = tuple[str, Callable[[Any], object]]  # its heading, and how a row gives its cell


@dataclass(frozen=True)
class RecordExport:
    noun: str  # "recommendations": what the command says it wrote
    model: type[RecordMixin]  # what a row is of, to count what the audience leaves out
    columns: Sequence[Column]
    rows: Callable[[Session], Iterable[Any]]  # the records, in file order, as the session may read them


@dataclass(frozen=True)
class RecordsExport:
    written: int
    left_out: int  # rows the audience may not read


def _cell(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    return value


def _recommendations(session: Session) -> Iterable[Recommendation]:
    return session.scalars(select(Recommendation).options(selectinload(Recommendation.questions))
                           .order_by(Recommendation.id))


RECOMMENDATIONS = RecordExport("recommendations", Recommendation, (
    # The columns of a UPR Info export, in its order: what `r2p import recommendations` reads.
    ("To", lambda r: r.state), ("To-Rgrp", lambda r: ""), ("To-Org", lambda r: ""), ("Text", lambda r: r.text),
    ("From", lambda r: r.recommended_by), ("From-Rgrp", lambda r: ""), ("From-Org", lambda r: ""),
    ("Response", lambda r: human_label(r.response)), ("Action", lambda r: r.action_category),
    ("Issue", lambda r: ", ".join(r.themes or [])), ("Session", lambda r: r.cycle),
    ("Mechanism", lambda r: r.mechanism.value), ("Implementation", lambda r: r.implementation.value),
    ("Questions", lambda r: [q.reference or f"#{q.id}" for q in r.questions]),
    ("Notes", lambda r: r.notes), ("Confidentiality", lambda r: r.confidentiality.value),
), _recommendations)


def _undertakings(session: Session) -> Iterable[Undertaking]:
    return session.scalars(select(Undertaking).options(
        selectinload(Undertaking.given_by), selectinload(Undertaking.body), selectinload(Undertaking.question),
        selectinload(Undertaking.debate), selectinload(Undertaking.agenda_item))
        .order_by(Undertaking.due_on.is_(None), Undertaking.due_on, Undertaking.id))


UNDERTAKINGS = RecordExport("undertakings", Undertaking, (
    ("text", lambda u: u.text), ("given_by", lambda u: u.given_by.full_name if u.given_by else ""),
    ("body", lambda u: u.body.name if u.body else ""), ("given_in", undertakings.source_label_of),
    ("given_on", lambda u: u.given_on),
    ("due_on", lambda u: u.due_on), ("extensions", lambda u: len(u.extensions or [])),
    ("extension_reasons", lambda u: [e.get("reason", "") for e in u.extensions or []]),
    ("status", lambda u: u.status.value), ("outcome", lambda u: u.outcome), ("completed_on", lambda u: u.completed_on),
    ("notes", lambda u: u.notes), ("confidentiality", lambda u: u.confidentiality.value),
), _undertakings)


def _documents(session: Session) -> Iterable[Row[Any]]:
    """The columns the file holds, never the file's text (megabytes a document), with the author's name
    joined (empty when the audience may not see the body)."""
    return session.execute(
        select(Document.title, Document.kind, Body.name.label("author"), Document.published_on,
               Document.file_name, Document.file_size, Document.file_sha256, Document.notes,
               Document.confidentiality)
        .outerjoin(Body, Body.id == Document.author_body_id)
        .order_by(Document.published_on.desc().nulls_last(), Document.id.desc()))


DOCUMENTS = RecordExport("documents", Document, (
    ("title", lambda d: d.title), ("kind", lambda d: d.kind.value), ("from", lambda d: d.author or ""),
    ("published_on", lambda d: d.published_on), ("file_name", lambda d: d.file_name),
    ("file_size", lambda d: d.file_size), ("file_sha256", lambda d: d.file_sha256),
    ("notes", lambda d: d.notes), ("confidentiality", lambda d: d.confidentiality.value),
), _documents)


def _findings(session: Session) -> Iterable[RiskFinding]:
    query = (select(RiskFinding).join(RiskAssessment, RiskAssessment.id == RiskFinding.risk_assessment_id)
             .options(selectinload(RiskFinding.assessment), selectinload(RiskFinding.risk_factor))
             .order_by(RiskAssessment.year.desc(), RiskFinding.risk_factor_id))
    return sorted(session.scalars(query), key=lambda f: (-f.assessment.year, f.risk_factor.number))


RISK_ASSESSMENTS = RecordExport("risk findings", RiskFinding, (
    ("year", lambda f: f.assessment.year), ("factor_number", lambda f: f.risk_factor.number),
    ("factor_title", lambda f: f.risk_factor.title), ("level", lambda f: f.level.value), ("note", lambda f: f.note),
    ("confidentiality", lambda f: f.confidentiality.value),
), _findings)

EXPORTS = {"recommendations": RECOMMENDATIONS, "undertakings": UNDERTAKINGS, "documents": DOCUMENTS,
           "risk-assessments": RISK_ASSESSMENTS}


def export_records(session: Session, what: str, out: Path, *, audience: str = "committee") -> RecordsExport:
    """Write the records of `what` (a key of EXPORTS) that `audience` may read to `out` (UTF-8 with a
    byte-order mark, for spreadsheets), beside it and then moved into place, so a failure leaves any old
    file as it was. `session` is an unfiltered read session, opened for this export alone."""
    if what not in EXPORTS:
        raise R2PError(f"there is no export of {what!r}; choose one of {', '.join(EXPORTS)}")
    if audience not in AUDIENCES:
        raise R2PError(f"audience must be one of {', '.join(AUDIENCES)} (not {audience!r})")
    export = EXPORTS[what]
    # Counted, not loaded: a record read unfiltered would stay in the session for the audience's links to find.
    everything = session.scalar(select(func.count()).select_from(export.model)) or 0
    written = 0
    with seen_by(session, audience), replaced_on_success(Path(out), shared=True) as partial, \
            partial.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = SpreadsheetWriter(handle)
        writer.writerow(name for name, _ in export.columns)
        for row in export.rows(session):
            writer.writerow(_cell(value(row)) for _, value in export.columns)
            written += 1
    return RecordsExport(written, everything - written)
