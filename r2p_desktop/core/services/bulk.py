"""Many new records at once, at the speed SQLite takes them, with every check records.create makes and
the same audit trail: each record validated by its kind's Rules, the rows and their links inserted
set-based (one statement a batch), one audit entry a record, and the search indexes filled in bulk.

An import that must stay all-or-nothing while colleagues keep saving writes in short transactions and,
if a later one fails, removes what the earlier ones wrote (remove_written), audited as removals."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, cast

from sqlalchemy import Table, func, inspect, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import kinds
from ..audit import Change, encode, snapshot_of, write_entries
from ..models import RecordMixin
from ..models.base import new_uid, utcnow
from ..rows import insert_rows
from ..values import Values
from . import records

_STAMPS = ("uid", "created_at", "updated_at", "created_by", "updated_by", "version")


@dataclass
class Prepared:
    """One record ready to insert: validated column values, and the ids of the records it links to by
    relationship (targets given by id; the audit trail names catalogue entries by their code)."""

    columns: Values
    links: dict[str, list[int]] = field(default_factory=dict)


def prepare(session: Session, model: type[RecordMixin], values: Values, *, default_confidentiality: str,
            links: dict[str, list[int]] | None = None) -> Prepared:
    """`values` checked as records.create checks them (ValidationError naming each wrong field), without
    touching the database: links come resolved, as ids, so a thousand rows make no queries."""
    if not values.get("confidentiality"):
        values = {**values, "confidentiality": default_confidentiality}
    columns, _ = records._prepare(session, records.RULES[model], values, {})
    return Prepared(columns, links or {})


def column_defaults(table: Table) -> dict[str, Callable[[], object] | object]:
    """Each column's Python-side default, as the ORM would apply it to a new record."""
    made: dict[str, Callable[[], object] | object] = {}
    for column in table.columns:
        default = column.default
        if column.primary_key or column.name in _STAMPS:
            continue
        if default is None:
            made[column.name] = None
        elif getattr(default, "is_callable", False):
            made[column.name] = partial(cast(Any, default).arg, None)
        else:
            made[column.name] = cast(Any, default).arg
    return made


def _link_labels(session: Session, model: type[RecordMixin], batch: Sequence[Prepared]) -> dict[str, dict[int, object]]:
    """For each relationship to a catalogue (entries that have a code), the code of each linked id; a
    link to a record is named by its id, as audit.snapshot names it."""
    labels: dict[str, dict[int, object]] = {}
    for rel in inspect(model).relationships:
        if rel.secondary is None:
            continue
        target = rel.mapper.class_
        wanted = {target_id for prepared in batch for target_id in prepared.links.get(rel.key, [])}
        if wanted and hasattr(target, "code"):
            labels[rel.key] = dict(session.execute(select(target.id, target.code).where(target.id.in_(wanted))).all())
    return labels


def insert_records(session: Session, model: type[RecordMixin], batch: Sequence[Prepared]) -> list[int]:
    """Insert `batch` as new records of `model` in the session's transaction; their ids, in order.
    A row the database refuses (a duplicate, a record named that is gone) raises R2PError as
    records.create says it. The caller commits."""
    try:
        return _insert_records(session, model, batch)
    except IntegrityError as error:
        raise records._integrity_error(records.RULES[model], error) from error


def _insert_records(session: Session, model: type[RecordMixin], batch: Sequence[Prepared]) -> list[int]:
    if not batch:
        return []
    table = cast(Table, model.__table__)
    user = session.info.get("user", "unknown")
    now = utcnow()
    defaults = column_defaults(table)
    fixed = {name: default for name, default in defaults.items() if not callable(default)}
    made = [(name, default) for name, default in defaults.items() if callable(default)]
    rows = []
    for prepared in batch:
        row = dict(fixed)
        row.update((name, make()) for name, make in made if name not in prepared.columns)
        row.update(prepared.columns)
        row.setdefault("uid", new_uid())  # an imported record keeps the uid it was exported with
        row.update(created_at=now, updated_at=now, created_by=user, updated_by=user, version=1)
        rows.append(row)
    # Ids taken after the highest one, in the write transaction that inserts them (a write session holds
    # the lock from its start), so one executemany inserts them all: RETURNING would go row by row.
    first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
    ids = list(range(first, first + len(rows)))
    for record_id, row in zip(ids, rows, strict=True):
        row["id"] = record_id
    _insert_indexed(session, model, rows, first, ids[-1])
    labels = _link_labels(session, model, batch)
    changes = []
    for record_id, row, prepared in zip(ids, rows, batch, strict=True):
        links = {key: [labels.get(key, {}).get(target, target) for target in targets]
                 for key, targets in prepared.links.items()}
        changes.append(Change("insert", table.name, record_id, str(row["uid"]),
                              new_value=encode(snapshot_of(model, row, links))))
    for rel in inspect(model).relationships:
        if rel.secondary is None:
            continue
        secondary = cast(Table, rel.secondary)
        owner_column = next(iter(rel.synchronize_pairs))[1].name
        target_column = next(iter(rel.secondary_synchronize_pairs))[1].name
        pairs = [{owner_column: record_id, target_column: target}
                 for record_id, prepared in zip(ids, batch, strict=True)
                 for target in dict.fromkeys(prepared.links.get(rel.key, []))]
        if pairs:
            insert_rows(session, secondary, pairs)
    write_entries(session, changes, user)
    return ids


def _insert_indexed(session: Session, model: type[RecordMixin], rows: list[Values], first: int, last: int) -> None:
    """Insert `rows` and put them in the search indexes with one statement each, instead of the insert
    triggers' one a row (fifteen times slower). The triggers are set aside and put back in the same
    transaction, which holds the write lock throughout: nobody else ever sees the table without them."""
    kind = kinds.BY_MODEL[model]
    if kind.search is None or len(rows) < 100:
        insert_rows(session, cast(Table, model.__table__), rows)
        return
    triggers = kinds.search_triggers(kind)
    for name in triggers:
        session.execute(text(f"DROP TRIGGER {name}"))
    insert_rows(session, cast(Table, model.__table__), rows)
    for statement in kinds.search_fill(kind, first, last):
        session.execute(text(statement))
    for statement in triggers.values():
        session.execute(text(statement))


def remove_written(session: Session, model: type[RecordMixin], ids: Sequence[int]) -> None:
    """Remove records an import wrote before it failed, through the ORM so each removal is audited.
    The caller commits."""
    for start in range(0, len(ids), 500):
        for record in session.scalars(select(model).where(model.id.in_(ids[start:start + 500]))):
            session.delete(record)
        session.flush()
