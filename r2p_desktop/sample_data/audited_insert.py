"""Bulk inserts that leave the audit trail as ORM inserts would have.

A large demo cannot go through the ORM a record at a time, so rows go in with one executemany per batch;
each gets the audit entry an ORM insert writes, whose snapshot is audit.snapshot's of the same record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from sqlalchemy import Table, insert, inspect, select
from sqlalchemy.orm import Session

from ..core import audit
from ..core.models import RecordMixin


@dataclass(frozen=True)
class _Link:
    """A many-to-many relationship of a record kind, as audit.snapshot lists it and its table stores it."""

    name: str  # the relationship
    table: Table
    owner_column: str
    target_column: str
    target: type  # the kind of record linked to


@cache
def _links(model: type[RecordMixin]) -> tuple[_Link, ...]:
    return tuple(_Link(rel.key, rel.secondary, rel.synchronize_pairs[0][1].key,
                       rel.secondary_synchronize_pairs[0][1].key, rel.mapper.class_)
                 for rel in inspect(model).relationships if rel.secondary is not None)


class AuditedInsert:
    """Inserts rows of record kinds with their many-to-many links and one audit entry each."""

    def __init__(self, session: Session):
        self.session = session
        self.user = session.info.get("user", "unknown")
        self._linked: dict[type, dict[int, object]] = {}  # the records links point to, by kind and id

    def _linked_records(self, kind: type) -> dict[int, object]:
        if kind not in self._linked:
            self._linked[kind] = {record.id: record for record in self.session.scalars(select(kind))}
        return self._linked[kind]

    def snapshot(self, model: type[RecordMixin], row: dict, row_links: dict[str, list[int]]) -> str:
        """The audit entry's value for `row` of `model`: audit.snapshot of the record it makes, encoded."""
        record = inspect(model).class_manager.new_instance()
        # Straight into __dict__, where the ORM keeps loaded values: no events fire, and the record (a
        # stand-in for reading only) never joins the session.
        values = record.__dict__
        values.update(row)
        for link in _links(model):
            linked = self._linked_records(link.target)
            values[link.name] = [linked[target] for target in row_links.get(link.name, ())]
        return audit.encode(audit.snapshot(record))

    def __call__(self, model: type[RecordMixin], rows: Sequence[dict],
                 links: Sequence[dict[str, list[int]]] | None = None) -> list[int]:
        """Insert `rows` of `model`, each with its links (target ids by relationship, in the order the ORM
        lists them) and its audit entry; return the new ids in the order of `rows`."""
        if not rows:
            return []
        table = model.__table__
        links = links or [{} for _ in rows]
        defaults = {c.key: c.default.arg for c in table.columns if c.default is not None and c.default.is_scalar}
        rows = [{**defaults, **row} for row in rows]
        snapshots = [self.snapshot(model, row, row_links) for row, row_links in zip(rows, links, strict=True)]
        # one executemany; the engine returns the ids in batches, matched to the rows by uid
        returned = dict(self.session.execute(insert(table).returning(table.c.uid, table.c.id), rows).all())
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
