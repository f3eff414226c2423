"""Recommendations of UN human rights mechanisms to the State: listed by the filters of the
Recommendations view, counted for its scorecard (by the government's response and by how far each has
been carried out), and told apart from one already recorded (same text, recommending State, session)."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import String, cast, or_, select
from sqlalchemy.orm import Session

from ..models import ImplementationStatus, Recommendation, RecommendationResponse
from ..values import Values


@dataclass(frozen=True)
class RecommendationFilter:
    mechanism: str | None = None  # a RecommendationMechanism value; None for any
    response: str | None = None  # a RecommendationResponse value
    implementation: str | None = None  # an ImplementationStatus value
    cycle: str | None = None  # the session or cycle, as stored
    state: str | None = None  # the State it is addressed to
    text: str = ""  # words in its text, recommending State, themes or notes


def list_recommendations(session: Session, flt: RecommendationFilter | None = None) -> list[Values]:
    """The recommendations matching `flt`, newest session first, then in the order they were recorded."""
    flt = flt or RecommendationFilter()
    query = select(Recommendation)
    for column, value in ((Recommendation.mechanism, flt.mechanism), (Recommendation.response, flt.response),
                          (Recommendation.implementation, flt.implementation), (Recommendation.cycle, flt.cycle),
                          (Recommendation.state, flt.state)):
        if value is not None:
            query = query.where(column == value)
    for word in flt.text.split():
        pattern = f"%{word}%"
        query = query.where(or_(Recommendation.text.ilike(pattern), Recommendation.recommended_by.ilike(pattern),
                                cast(Recommendation.themes, String).ilike(pattern),
                                Recommendation.notes.ilike(pattern)))
    rows = [_row(recommendation) for recommendation in session.scalars(query.order_by(Recommendation.id))]
    return sorted(rows, key=lambda row: _cycle_order(row["cycle"]), reverse=True)


def _row(r: Recommendation) -> Values:
    return {
        "id": r.id, "mechanism": r.mechanism, "cycle": r.cycle, "state": r.state,
        "recommended_by": r.recommended_by, "text": r.text, "themes": "; ".join(r.themes or []),
        "response": r.response, "implementation": r.implementation, "action_category": r.action_category,
        "confidentiality": r.confidentiality,
    }


def _cycle_order(cycle: str) -> tuple[int, str]:
    """Sessions by their number (session 9 before session 13), text without a number first."""
    number = re.search(r"\d+", cycle or "")
    return (int(number.group()) if number else -1, cycle or "")


@dataclass(frozen=True)
class Scorecard:
    total: int
    by_response: dict[str, int]  # every RecommendationResponse value, in the enum's order
    by_implementation: dict[str, int]  # every ImplementationStatus value

    @property
    def accepted_share(self) -> float | None:
        """The share accepted wholly or in part, of all counted; None when there are none."""
        accepted = self.by_response[RecommendationResponse.ACCEPTED] + \
            self.by_response[RecommendationResponse.PARTIALLY_ACCEPTED]
        return accepted / self.total if self.total else None


def scorecard(rows: list[Values]) -> Scorecard:
    """Counts of `rows` (as list_recommendations gives them) by response and by implementation status."""
    responses = Counter(str(row["response"]) for row in rows)
    implementation = Counter(str(row["implementation"]) for row in rows)
    return Scorecard(len(rows), {member.value: responses[member.value] for member in RecommendationResponse},
                     {member.value: implementation[member.value] for member in ImplementationStatus})


def cycles(session: Session) -> list[str]:
    """The sessions or cycles recorded, newest first, for the session filter."""
    found = session.scalars(select(Recommendation.cycle).where(Recommendation.cycle != "").distinct())
    return sorted(found, key=_cycle_order, reverse=True)


def states(session: Session) -> list[str]:
    """The States recommendations are addressed to, by name, for the State filter."""
    return list(session.scalars(select(Recommendation.state).where(Recommendation.state != "").distinct()
                                .order_by(Recommendation.state)))


def same_key(text: str, recommended_by: str, cycle: str) -> tuple[str, str, str]:
    """What makes two recommendations the same one: their words (case and spacing aside), who made it, when."""
    return (" ".join(text.split()).casefold(), " ".join(recommended_by.split()).casefold(),
            " ".join(cycle.split()).casefold())


def recorded_keys(session: Session) -> dict[tuple[str, str, str], int]:
    """Every recommendation recorded, by `same_key`, with its id."""
    query = select(Recommendation.id, Recommendation.text, Recommendation.recommended_by, Recommendation.cycle)
    return {same_key(text, by, cycle): record_id for record_id, text, by, cycle in session.execute(query)}


def recommendation_label(recommendation: Recommendation, width: int = 60) -> str:
    """'Recommendation (session 13, France): Ratify the Rome Statute…', for follow-ups and links."""
    where = ", ".join(part for part in (f"session {recommendation.cycle}" if recommendation.cycle else "",
                                        recommendation.recommended_by) if part)
    text = " ".join(recommendation.text.split())
    if len(text) > width:
        text = text[:width - 1].rstrip() + "…"
    return f"Recommendation ({where}): {text}" if where else f"Recommendation: {text}"
