"""A new follow-up's form for what an answer promises, and what a follow-up arose from."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from ..core.database import Database
from ..core.models import Body
from ..core.services import follow_ups
from . import record_forms, records


def from_question(database: Database, question_id: int) -> records.Loaded:
    """A new follow-up's form for the answer to question `question_id` (follow_ups.draft_from_question):
    the government's undertaking, owned by the answering body (by name, as the form shows it)."""

    def query(session: Session) -> dict[str, object]:
        draft = follow_ups.draft_from_question(session, question_id)
        owner = session.get(Body, draft["owner_body_id"]) if draft.get("owner_body_id") else None
        return {**draft, "owner_body_id": owner.name if owner is not None else ""}

    return records.new(database, record_forms.FOLLOW_UP, records.read(database, query))


def parent_label(database: Database, stored: Mapping[str, object]) -> str:
    """The record a follow-up (its stored values, or a new one's preset) arose from; '' for none."""
    return records.read(database, lambda session: follow_ups.parent_label(session, stored))
