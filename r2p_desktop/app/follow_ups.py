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
        return {**draft, "owner_body_id": _body_name(session, draft["owner_body_id"])}

    return records.new(database, record_forms.FOLLOW_UP, records.read(database, query))


def owner_for(database: Database, kind: str, question_id: int) -> str:
    """The owner's name a follow-up of `kind` from question `question_id` starts with
    (follow_ups.owner_for): the committee for its own actions, else the answering body."""
    return records.read(database, lambda session: _body_name(session, follow_ups.owner_for(session, kind, question_id)))


def _body_name(session: Session, body_id: object) -> str:
    body = session.get(Body, body_id) if body_id else None
    return body.name if body is not None else ""


def parent_label(database: Database, stored: Mapping[str, object]) -> str:
    """The record a follow-up (its stored values, or a new one's preset) arose from; '' for none."""
    return records.read(database, lambda session: follow_ups.parent_label(session, stored))
