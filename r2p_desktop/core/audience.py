"""The one place an export's audience is enforced: a filter on a session under which every ORM statement
(selects, relationship and lazy loads, counts, joins, aliases) only sees records the audience may read."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from .errors import R2PError
from .models import Confidentiality, RecordMixin

if TYPE_CHECKING:  # database.py imports what imports this
    from .database import Database

# The confidentiality levels each audience may read.
ALLOWED = {
    "public": (Confidentiality.PUBLIC.value,),
    "committee": (Confidentiality.PUBLIC.value, Confidentiality.COMMITTEE.value),
    "all": (Confidentiality.PUBLIC.value, Confidentiality.COMMITTEE.value, Confidentiality.RESTRICTED.value),
}


def _only_allowed(audience: str) -> Callable[[ORMExecuteState], None]:
    if audience not in ALLOWED:
        raise R2PError(f"audience must be one of {', '.join(ALLOWED)} (not {audience!r})")
    allowed = ALLOWED[audience]

    def listener(state: ORMExecuteState) -> None:
        if state.is_select or state.is_relationship_load:
            state.statement = state.statement.options(with_loader_criteria(
                RecordMixin, lambda cls: cls.confidentiality.in_(allowed), include_aliases=True))

    return listener


def audience_session(database: Database, audience: str) -> Session:
    """A read session that filters every user record by confidentiality for `audience`."""
    session = database.read_session()
    event.listen(session, "do_orm_execute", _only_allowed(audience))
    return session


@contextmanager
def seen_by(session: Session, audience: str) -> Iterator[Session]:
    """`session` filtered for `audience` inside the block, and as it was again after it."""
    listener = _only_allowed(audience)
    event.listen(session, "do_orm_execute", listener)
    try:
        yield session
    finally:
        event.remove(session, "do_orm_execute", listener)
