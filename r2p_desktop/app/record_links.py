"""The records a record links to through its own link tables (a recommendation's questions and documents),
described for the list its dialog shows. The dialog saves added and removed links with the rest of its
form (`app.records.save(..., link=, unlink=)`), in one transaction."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy.orm import Session

from ..core import kinds
from ..core.database import Database
from ..core.services import records
from .linking import LinkableRecord, describe
from .records import read


def linked(database: Database, kind: str, record_id: int, targets: Iterable[str]) -> list[LinkableRecord]:
    """The records of the `targets` kinds that record `record_id` of `kind` links, kind by kind."""
    model = kinds.BY_KEY[kind].model

    def query(session: Session) -> list[LinkableRecord]:
        record = session.get(model, record_id)
        if record is None:
            return []
        return describe(session, [(target, linked.id) for target in targets
                                  for linked in getattr(record, records.link_attribute(model, target))])

    return read(database, query)
