"""What the packs print of recommendations, government undertakings, risk assessments and documents, read
as plain values through the audience-filtered session (a record the audience may not see is not there, and
a link to one has no label), for `pack_data.gather`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, selectinload

from ..core.formatting import human_label
from ..core.models import (
    AgendaItem,
    Body,
    Document,
    DocumentKind,
    ImplementationStatus,
    Recommendation,
    RecommendationResponse,
    RiskAssessment,
    RiskFactor,
    RiskFinding,
    RiskLevel,
    Undertaking,
    UndertakingStatus,
)
from ..core.models.records import AgendaItemLink
from ..core.services import recommendations
from ..core.values import Values

DUE_SOON_DAYS = 30  # an undertaking due within this many days is "due soon"
# The kinds of document a debate pack always lists the latest of, whatever the agenda links.
LATEST_KINDS = (DocumentKind.NHRI_ANNUAL_REPORT, DocumentKind.RISK_ASSESSMENT, DocumentKind.GOVERNMENT_REPLY)
# Risk levels in rising order; "not assessed" has no place on the scale, so no change is read from it.
LEVEL_ORDER = {RiskLevel.LOW.value: 1, RiskLevel.MODERATE.value: 2, RiskLevel.ELEVATED.value: 3,
               RiskLevel.HIGH.value: 4}
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
    factors: list[Values]  # one per risk factor of the catalogue, in its order
    detailed: bool  # notes and evidence printed too (the risk pack), or the levels only (the debate pack)


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

def _given_in(u: Undertaking) -> str:
    if u.question is not None:
        return f"Answer to {u.question.reference or f'question {u.question.id}'}: {u.question.title}"
    if u.debate is not None:
        return f"Debate: {u.debate.title}"
    if u.agenda_item is not None:
        return f"Agenda item: {u.agenda_item.title}"
    return ""


def undertaking_rows(session: Session, today: date) -> list[Values]:
    """Every undertaking the audience may see, soonest due first; a source it may not see is not named."""
    query = (select(Undertaking).options(selectinload(Undertaking.given_by), selectinload(Undertaking.body),
                                         selectinload(Undertaking.question), selectinload(Undertaking.debate),
                                         selectinload(Undertaking.agenda_item))
             .order_by(Undertaking.due_on.is_(None), Undertaking.due_on, Undertaking.id))
    rows = []
    for u in session.scalars(query):
        by = ", ".join(x for x in (u.given_by.full_name if u.given_by else "", u.body.name if u.body else "") if x)
        pending = u.status == UndertakingStatus.PENDING.value
        rows.append({"id": u.id, "text": u.text, "by": by, "given_in": _given_in(u), "given_on": u.given_on,
                     "due_on": u.due_on, "extensions": len(u.extensions or []), "status": u.status,
                     "outcome": u.outcome, "completed_on": u.completed_on,
                     "overdue": pending and u.due_on is not None and u.due_on < today,
                     "due_soon": pending and u.due_on is not None
                     and today <= u.due_on <= today + timedelta(days=DUE_SOON_DAYS)})
    return rows


def undertaking_groups(rows: list[Values], *, settled: bool) -> Undertakings:
    """Overdue, due soon, then the other pending ones, each group that has any; with `settled` (the
    register), the settled ones by status too, and every group, so each has its place in the pack."""
    chosen = [("Overdue", [r for r in rows if r["overdue"]]), ("Due soon", [r for r in rows if r["due_soon"]]),
              ("Pending", [r for r in rows if r["status"] == UndertakingStatus.PENDING.value
                           and not r["overdue"] and not r["due_soon"]])]
    if settled:
        chosen += [(human_label(status.value), [r for r in rows if r["status"] == status.value])
                   for status in (UndertakingStatus.PARTLY_IMPLEMENTED, UndertakingStatus.IMPLEMENTED,
                                  UndertakingStatus.DROPPED)]
    return Undertakings([(title, group) for title, group in chosen if group or settled])


def undertakings_open(rows: Iterable[Values]) -> int:
    return sum(1 for r in rows if r["status"] == UndertakingStatus.PENDING.value)


# -- risk assessments -----------------------------------------------------------------------------------

def change_text(level: str | None, previous: str | None) -> str:
    """The change from last year's level to this year's: ↑ higher, ↓ lower, = the same, – not comparable."""
    if level is None or previous is None or level not in LEVEL_ORDER or previous not in LEVEL_ORDER:
        return "–"
    now, before = LEVEL_ORDER[level], LEVEL_ORDER[previous]
    return "↑ higher" if now > before else "↓ lower" if now < before else "= same"


def _evidence(finding: RiskFinding) -> list[str]:
    return ([f"Document: {d.title}" for d in finding.documents]
            + [recommendations.recommendation_label(r) for r in finding.recommendations]
            + [f"Question {q.reference or q.id}: {q.title}" for q in finding.questions])


def risk_comparison(session: Session, *, detailed: bool, year: int | None = None) -> RiskComparison:
    """The latest assessment the audience may see (or `year`'s), factor by factor, against the one before."""
    query = select(RiskAssessment).options(selectinload(RiskAssessment.source_document))
    if year is not None:
        query = query.where(RiskAssessment.year <= year)
    assessments = list(session.scalars(query.order_by(RiskAssessment.year.desc()).limit(2)))
    factors = list(session.scalars(select(RiskFactor).order_by(RiskFactor.number)))
    if not assessments:
        return RiskComparison(None, "", None, "", None, [], detailed)
    latest, previous = assessments[0], assessments[1] if len(assessments) > 1 else None
    findings = {a.id: {f.risk_factor_id: f for f in session.scalars(
        select(RiskFinding).where(RiskFinding.risk_assessment_id == a.id)
        .options(selectinload(RiskFinding.documents), selectinload(RiskFinding.recommendations),
                 selectinload(RiskFinding.questions)))} for a in assessments}
    rows = []
    for factor in factors:
        now = findings[latest.id].get(factor.id)
        before = findings[previous.id].get(factor.id) if previous is not None else None
        level = now.level if now is not None else None
        earlier = before.level if before is not None else None
        rows.append({"number": factor.number, "code": factor.code, "title": factor.title, "level": level,
                     "previous": earlier, "change": change_text(level, earlier) if previous else "–",
                     "note": now.note if now is not None else "",
                     "evidence": _evidence(now) if now is not None and detailed else []})
    source = latest.source_document.title if latest.source_document is not None else ""
    return RiskComparison(latest.year, latest.title, latest.assessed_on, source,
                          previous.year if previous else None, rows, detailed)


# -- documents ------------------------------------------------------------------------------------------

def _document_rows(session: Session, query: Select[Document]) -> list[Values]:
    """The documents `query` finds, each with the name of the body it came from (if the audience may see it)."""
    found = list(session.scalars(query))
    author_ids = {d.author_body_id for d in found if d.author_body_id is not None}
    names = dict(session.execute(select(Body.id, Body.name).where(Body.id.in_(author_ids))).all())
    return [{"id": d.id, "title": d.title, "kind": d.kind, "from": names.get(d.author_body_id or 0, ""),
             "published_on": d.published_on, "file_name": d.file_name, "file_size": d.file_size} for d in found]


NEWEST_FIRST = (Document.published_on.desc().nulls_last(), Document.id.desc())


def document_register(session: Session) -> Documents:
    """Every document the audience may see, newest first."""
    return Documents(_document_rows(session, select(Document).order_by(*NEWEST_FIRST)))


def debate_documents(session: Session, debate_id: int) -> Documents:
    """The documents the debate's agenda items discuss, then the latest of each kind in LATEST_KINDS."""
    linked = (select(AgendaItemLink.document_id).join(AgendaItem, AgendaItem.id == AgendaItemLink.agenda_item_id)
              .where(AgendaItem.debate_id == debate_id, AgendaItemLink.document_id.is_not(None)))
    rows = _document_rows(session, select(Document).where(Document.id.in_(linked)).order_by(Document.id))
    for kind in LATEST_KINDS:
        rows += _document_rows(session, select(Document).where(Document.kind == kind.value)
                               .order_by(*NEWEST_FIRST).limit(1))
    unique = list({row["id"]: row for row in rows}.values())
    kinds = ", ".join(human_label(kind.value) for kind in LATEST_KINDS)
    return Documents(unique, f"The documents the agenda discusses, and the latest on record of each kind: {kinds}.")
