"""The one place an export's audience is enforced: a read session whose every ORM statement (selects,
relationship and lazy loads, counts, joins, aliases) only sees records the audience may read."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import Session, with_loader_criteria

from ..core.models import Confidentiality, RecordMixin

# The confidentiality levels each audience may read.
ALLOWED = {
    "public": (Confidentiality.PUBLIC.value,),
    "committee": (Confidentiality.PUBLIC.value, Confidentiality.COMMITTEE.value),
}


def audience_session(database, audience: str) -> Session:
    """A read session that filters every user record by confidentiality for `audience`."""
    allowed = ALLOWED[audience]
    session = database.read_session()

    @event.listens_for(session, "do_orm_execute")
    def _only_allowed(state):
        if state.is_select or state.is_relationship_load:
            state.statement = state.statement.options(with_loader_criteria(
                RecordMixin, lambda cls: cls.confidentiality.in_(allowed), include_aliases=True))

    return session
