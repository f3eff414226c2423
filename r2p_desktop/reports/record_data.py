"""What the packs print of recommendations, government undertakings, risk assessments and documents, read
as plain values through the audience-filtered session (a record the audience may not see is not there, and
a link to one has no label), for `pack_data.gather`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Executable, select
from sqlalchemy.orm import Session, selectinload

from ..core.formatting import human_label, long_date
from ..core.models import (
    AgendaItem,
    Body,
    Document,
    DocumentKind,
    ImplementationStatus,
    Recommendation,
    RecommendationResponse,
    RiskFinding,
    UndertakingStatus,
)
from ..core.models.records import AgendaItemLink
from ..core.services import recommendations, risk_assessments
from ..core.values import Values

# The kinds of document a debate pack always lists the latest of, whatever the agenda links.
LATEST_KINDS = (DocumentKind.NHRI_ANNUAL_REPORT, DocumentKind.RISK_ASSESSMENT, DocumentKind.GOVERNMENT_REPLY)
ACCEPTED = (RecommendationResponse.ACCEPTED.value, RecommendationResponse.PARTIALLY_ACCEPTED.value)


@dataclass(frozen=True)
class RecommendationCard:
    card: recommendations.Scorecard
    waiting: list[Values]  # accepted wholly or in part and not implemented, as `recommendation_rows`


@dataclass(frozen=True)
class RecommendationGroups:
    groups: list[tuple[str, list[Values]]]  # ("UPR · session 14", rows), newest session first


@dataclass(frozen=True)
class Undertakings:
    groups: list[tuple[str, list[Values]]]  # ("Overdue", rows) …, only the groups that have rows


@dataclass(frozen=True)
class RiskComparison:
    year: int | None  # the assessment's year; None when there is none on record
    title: str
    assessed_on: date | None
    source: str  # the source document's title, "" when none (or one the audience may not see)
    previous_year: int | None
    assessed: int  # factors given a level (not "not assessed"), as the view counts them
    factors: list[Values]  # one per finding, in the catalogue's order; "change" is a risk_assessments.HIGHER…
    detailed: bool  # notes and evidence printed too (the risk pack), or the levels only (the debate pack)

    def summary(self) -> str:
        """The line above the factors, the same in the PDF and the HTML edition (a year is on record)."""
        against = f", against {self.previous_year}" if self.previous_year else "; no earlier assessment to compare"
        said = [f"Assessment {self.year}: {self.title}{against}."]
        if self.assessed_on:
            said.append(f"Assessed on {long_date(self.assessed_on)}.")
        if self.source:
            said.append(f"Source: {self.source}.")
        return " ".join(said)


@dataclass(frozen=True)
class Documents:
    documents: list[Values]  # `document_row`s
    intro: str = ""


# -- recommendations ------------------------------------------------------------------------------------

def recommendation_rows(session: Session) -> list[Values]:
    """Every recommendation the audience may see, newest session first, with its linked questions."""
    rows = recommendations.list_recommendations(session)
    linked = {r.id: [q.reference or f"Question {q.id}" for q in r.questions] for r in
              session.scalars(select(Recommendation).options(selectinload(Recommendation.questions)))}
    for row in rows:
        row["questions"] = linked.get(row["id"], [])
    return rows


def recommendation_card(rows: list[Values]) -> RecommendationCard:
    waiting = [row for row in rows if row["response"] in ACCEPTED
               and row["implementation"] != ImplementationStatus.IMPLEMENTED.value]
    return RecommendationCard(recommendations.scorecard(rows), waiting)


def recommendation_groups(rows: list[Values]) -> RecommendationGroups:
    groups: dict[str, list[Values]] = {}
    for row in rows:  # rows come newest session first, so the groups do too
        mechanism = "UPR" if row["mechanism"] == "upr" else human_label(row["mechanism"])
        title = f"{mechanism} · session {row['cycle']}" if row["cycle"] else mechanism
        groups.setdefault(title, []).append(row)
    return RecommendationGroups(list(groups.items()))


# -- undertakings ---------------------------------------------------------------------------------------

def undertaking_groups(rows: list[Values], *, settled: bool) -> Undertakings:
    """`rows` of `undertakings.list_undertakings` (overdue and due soon as the view and dashboard count
    them) by standing: overdue, due soon, then the other pending ones, each group that has any; with `settled` (the
    register), the settled ones by status too, and every group, so each has its place in the pack."""
    chosen = [("Overdue", [r for r in rows if r["overdue"]]), ("Due soon", [r for r in rows if r["due_soon"]]),
              ("Pending", [r for r in rows if r["status"] == UndertakingStatus.PENDING.value
                           and not r["overdue"] and not r["due_soon"]])]
    if settled:
        chosen += [(human_label(status.value), [r for r in rows if r["status"] == status.value])
                   for status in (UndertakingStatus.PARTLY_IMPLEMENTED, UndertakingStatus.IMPLEMENTED,
                                  UndertakingStatus.DROPPED)]
    return Undertakings([(title, group) for title, group in chosen if group or settled])


# -- risk assessments -----------------------------------------------------------------------------------

def _evidence(finding: RiskFinding) -> list[str]:
    return ([f"Document: {d.title}" for d in finding.documents]
            + [recommendations.recommendation_label(r) for r in finding.recommendations]
            + [f"Question {q.reference or q.id}: {q.title}" for q in finding.questions])


def risk_comparison(session: Session, *, detailed: bool) -> RiskComparison:
    """The latest assessment the audience may see, factor by factor, against the one before, as the
    Risk assessments view compares them (`risk_assessments.comparison`)."""
    assessment_id = risk_assessments.latest_id(session)
    if assessment_id is None:
        return RiskComparison(None, "", None, "", None, 0, [], detailed)
    compared = risk_assessments.comparison(session, assessment_id)
    evidence: dict[int, list[str]] = {}
    if detailed:  # the labels of what the audience may see, where the view only counts them
        query = (select(RiskFinding).where(RiskFinding.risk_assessment_id == assessment_id)
                 .options(selectinload(RiskFinding.documents), selectinload(RiskFinding.recommendations),
                          selectinload(RiskFinding.questions)))
        evidence = {finding.id: _evidence(finding) for finding in session.scalars(query)}
    rows = [{"number": row.number, "code": row.code, "title": row.title, "level": row.level,
             "previous": row.previous_level, "change": row.change, "note": row.note,
             "evidence": evidence.get(row.finding_id, [])} for row in compared.rows]
    summary = compared.assessment
    return RiskComparison(summary.year, summary.title, summary.assessed_on, summary.source_document,
                          compared.previous_year, summary.assessed, rows, detailed)


# -- documents ------------------------------------------------------------------------------------------

# The columns a pack prints, the author's name joined (NULL when the audience may not see the body); never
# the file's text, which can be megabytes a document.
DOCUMENT_COLUMNS = (select(Document.id, Document.title, Document.kind, Body.name.label("author"),
                           Document.published_on, Document.file_name, Document.file_size)
                    .outerjoin(Body, Body.id == Document.author_body_id))


def _document_rows(session: Session, query: Executable) -> list[Values]:
    """The documents `query` (DOCUMENT_COLUMNS narrowed) finds, as plain values."""
    return [{**row._asdict(), "from": row.author or ""} for row in session.execute(query)]


NEWEST_FIRST = (Document.published_on.desc().nulls_last(), Document.id.desc())


def document_register(session: Session) -> Documents:
    """Every document the audience may see, newest first."""
    return Documents(_document_rows(session, DOCUMENT_COLUMNS.order_by(*NEWEST_FIRST)))


def debate_documents(session: Session, debate_id: int) -> Documents:
    """The documents the debate's agenda items discuss, then the latest of each kind in LATEST_KINDS."""
    linked = (select(AgendaItemLink.document_id).join(AgendaItem, AgendaItem.id == AgendaItemLink.agenda_item_id)
              .where(AgendaItem.debate_id == debate_id, AgendaItemLink.document_id.is_not(None)))
    rows = _document_rows(session, DOCUMENT_COLUMNS.where(Document.id.in_(linked)).order_by(Document.id))
    for kind in LATEST_KINDS:
        rows += _document_rows(session, DOCUMENT_COLUMNS.where(Document.kind == kind.value)
                               .order_by(*NEWEST_FIRST).limit(1))
    unique = list({row["id"]: row for row in rows}.values())
    kinds = ", ".join(human_label(kind.value) for kind in LATEST_KINDS)
    return Documents(unique, f"The documents the agenda discusses, and the latest on record of each kind: {kinds}.")
