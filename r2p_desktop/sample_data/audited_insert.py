"""Bulk inserts that leave the audit trail as ORM inserts would have.

A large demo cannot go through the ORM a record at a time, so rows go in with one executemany per batch;
each gets the audit entry an ORM insert writes, whose snapshot is audit.snapshot's of the same record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from sqlalchemy import ScalarResult, Table, insert, inspect, select
from sqlalchemy.orm import Session

from ..core import audit
from ..core.models import RecordMixin
from ..core.services.bulk import column_defaults
from ..core.services.records import CatalogueEntry, CatalogueModel
from ..core.values import Values


@dataclass(frozen=True)
class _Link:
    """A many-to-many relationship of a record kind, as audit.snapshot lists it and its table stores it."""

    name: str  # the relationship
    table: Table
    owner_column: str
    target_column: str
    target: CatalogueModel  # the kind of record linked to


_LINKS: dict[type[RecordMixin], tuple[_Link, ...]] = {}


def _links(model: type[RecordMixin]) -> tuple[_Link, ...]:
    if model not in _LINKS:
        _LINKS[model] = tuple(
            _Link(rel.key, cast(Table, rel.secondary), rel.synchronize_pairs[0][1].key,
                  rel.secondary_synchronize_pairs[0][1].key, rel.mapper.class_)
            for rel in inspect(model).relationships if rel.secondary is not None)
    return _LINKS[model]


class AuditedInsert:
    """Inserts rows of record kinds with their many-to-many links and one audit entry each."""

    def __init__(self, session: Session):
        self.session = session
        self.user: str = session.info.get("user", "unknown")
        # the records links point to, by kind and id
        self._linked: dict[CatalogueModel, dict[int, CatalogueEntry]] = {}

    def _linked_records(self, kind: CatalogueModel) -> dict[int, CatalogueEntry]:
        if kind not in self._linked:
            found = cast("ScalarResult[CatalogueEntry]", self.session.scalars(select(kind)))
            self._linked[kind] = {record.id: record for record in found}
        return self._linked[kind]

    def snapshot(self, model: type[RecordMixin], row: Values, row_links: dict[str, list[int]]) -> str | None:
        """The audit entry's value for `row` of `model`: audit.snapshot of the record it makes, encoded."""
        record: RecordMixin = inspect(model).class_manager.new_instance()
        # Straight into __dict__, where the ORM keeps loaded values: no events fire, and the record (a
        # stand-in for reading only) never joins the session.
        values = record.__dict__
        values.update(row)
        for link in _links(model):
            linked = self._linked_records(link.target)
            values[link.name] = [linked[target] for target in row_links.get(link.name, ())]
        return audit.encode(audit.snapshot(record))

    def __call__(self, model: type[RecordMixin], rows: Sequence[Values],
                 links: Sequence[dict[str, list[int]]] | None = None) -> list[int]:
        """Insert `rows` of `model`, each with its links (target ids by relationship, in the order the ORM
        lists them) and its audit entry; return the new ids in the order of `rows`."""
        if not rows:
            return []
        table = cast(Table, model.__table__)  # a declarative model's __table__ is its Table
        links = links or [{} for _ in rows]
        defaults = column_defaults(table)  # what the ORM would give a new record, an empty list included
        rows = [{**{name: default() if callable(default) else default for name, default in defaults.items()
                    if name not in row}, **row} for row in rows]
        snapshots = [self.snapshot(model, row, row_links) for row, row_links in zip(rows, links, strict=True)]
        # one executemany; the engine returns the ids in batches, matched to the rows by uid
        inserted = self.session.execute(insert(table).returning(table.c.uid, table.c.id), rows)
        returned: dict[str, int] = dict(inserted.all())
        ids = [returned[row["uid"]] for row in rows]
        for link in _links(model):
            link_rows = [{link.owner_column: record_id, link.target_column: target}
                         for record_id, row_links in zip(ids, links, strict=True)
                         for target in row_links.get(link.name, ())]
            if link_rows:
                self.session.execute(insert(link.table), link_rows)
        changes = [audit.Change("insert", table.name, record_id, row["uid"], new_value=value)
                   for record_id, row, value in zip(ids, rows, snapshots, strict=True)]
        audit.write_entries(self.session, changes, self.user)
        return ids
