"""The audit trail, written by the session itself in the same transaction as each change.

Every flush of a user record adds entries: one for an insert or delete (a snapshot of the record),
one per changed field for an update. Entries are chained: each hash covers the one before it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import cast

from sqlalchemy import Table, event, inspect, select
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker

from .models import AuditEntry, RecordMixin
from .models.base import utcnow
from .rows import insert_rows
from .values import Values

GENESIS_HASH = "0" * 64
_AUDIT_TABLE = cast(Table, AuditEntry.__table__)  # a declarative model's __table__ is its Table
_BOOKKEEPING = frozenset({"id", "created_at", "created_by", "updated_at", "updated_by", "version"})


@dataclass(frozen=True)
class Change:
    action: str
    table_name: str
    record_id: int
    record_uid: str
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None


def encode(value: object) -> str | None:
    """A value as the audit trail stores it."""
    if value is None:
        return None
    if isinstance(value, date | datetime | StrEnum):
        return str(_plain(value))
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _label(item: object) -> str:
    code: str | None = getattr(item, "code", None)
    return code or str(getattr(item, "id", item))


def _plain(value: object) -> object:
    """A column's value as JSON holds it: a date as ISO text, an enum member as its value ("draft"), the
    same text whether the record was just assigned a string or loaded with the member."""
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value.value if isinstance(value, StrEnum) else value


def snapshot(record: RecordMixin) -> Values:
    """The record's columns and many-to-many links, as plain JSON-ready values."""
    mapper = inspect(record).mapper
    links = {rel.key: [_label(item) for item in getattr(record, rel.key)]
             for rel in mapper.relationships if rel.secondary is not None}
    return snapshot_of(type(record), {c.key: getattr(record, c.key) for c in mapper.column_attrs}, links)


def snapshot_of(model: type[RecordMixin], columns: Values, links: Mapping[str, Sequence[object]]) -> Values:
    """What snapshot() gives for a record of `model` with these column values and links (each link a
    catalogue entry's code or a record's id), for records written without the ORM (core.services.bulk)."""
    fields, linked = _snapshot_keys(model)
    values = {key: _plain(columns.get(key)) for key in fields}
    for key in linked:
        values[key] = list(links.get(key, []))
    return values


_SNAPSHOT_KEYS: dict[type[RecordMixin], tuple[tuple[str, ...], tuple[str, ...]]] = {}


def _snapshot_keys(model: type[RecordMixin]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The columns and many-to-many links a snapshot of `model` holds, worked out once a model (a bulk
    import takes a snapshot a row)."""
    if model not in _SNAPSHOT_KEYS:
        mapper = inspect(model)
        _SNAPSHOT_KEYS[model] = (tuple(c.key for c in mapper.column_attrs if c.key not in _BOOKKEEPING),
                                 tuple(rel.key for rel in mapper.relationships if rel.secondary is not None))
    return _SNAPSHOT_KEYS[model]


def _changes(session: Session) -> Iterator[Change]:
    for record in session.new:
        if isinstance(record, RecordMixin):
            yield Change("insert", record.__tablename__, record.id, record.uid, new_value=encode(snapshot(record)))
    for record in session.dirty:
        if not isinstance(record, RecordMixin):
            continue
        state = inspect(record)
        for attr in state.mapper.column_attrs:
            if attr.key in _BOOKKEEPING:
                continue
            history = state.attrs[attr.key].history
            if history.has_changes():
                old = history.deleted[0] if history.deleted else None
                new = history.added[0] if history.added else None
                if old != new:
                    yield Change("update", record.__tablename__, record.id, record.uid, attr.key,
                                 encode(old), encode(new))
        for rel in state.mapper.relationships:
            history = state.attrs[rel.key].history
            if rel.secondary is not None and history.has_changes():
                old = [_label(i) for i in (*history.unchanged, *history.deleted)]
                new = [_label(i) for i in (*history.unchanged, *history.added)]
                yield Change("update", record.__tablename__, record.id, record.uid, rel.key,
                             encode(sorted(old)), encode(sorted(new)))
    for record in session.deleted:
        if isinstance(record, RecordMixin):
            yield Change("delete", record.__tablename__, record.id, record.uid, old_value=encode(snapshot(record)))


def entry_hash(previous: str, at: datetime, user: str, change: Change) -> str:
    payload = json.dumps(
        [previous, at.isoformat(), user, change.action, change.table_name, change.record_id,
         change.record_uid, change.field, change.old_value, change.new_value],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def write_entries(session: Session, changes: Iterable[Change], user: str) -> int:
    """Append `changes` to the chained trail in the session's transaction; return how many."""
    previous = session.execute(
        select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1)
    ).scalar() or GENESIS_HASH
    at = utcnow()
    rows = []
    for change in changes:
        digest = entry_hash(previous, at, user, change)
        rows.append({**change.__dict__, "at": at, "user": user, "previous_hash": previous, "entry_hash": digest})
        previous = digest
    if rows:
        insert_rows(session, _AUDIT_TABLE, rows)
    return len(rows)


def _stamp(session: Session, _context: UOWTransaction, _instances: object) -> None:
    user = session.info.get("user", "unknown")
    now = utcnow()
    for record in session.new:
        if isinstance(record, RecordMixin):
            record.created_by = record.updated_by = user
            record.created_at = record.updated_at = now
    for record in session.dirty:
        if isinstance(record, RecordMixin) and session.is_modified(record):
            record.updated_by = user
            record.updated_at = now


def _record(session: Session, _context: UOWTransaction) -> None:
    write_entries(session, list(_changes(session)), session.info.get("user", "unknown"))


def install(factory: sessionmaker[Session]) -> None:
    """Make every session from `factory` stamp and audit the records it flushes."""
    event.listen(factory, "before_flush", _stamp)
    event.listen(factory, "after_flush", _record)


@dataclass(frozen=True)
class ChainBreak:
    entry_id: int
    reason: str


def verify_chain(session: Session) -> ChainBreak | None:
    """The first entry whose hash does not follow from its content and predecessor, if any."""
    previous = GENESIS_HASH
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.id).execution_options(yield_per=5000))
    for entry in rows.scalars():
        change = Change(entry.action, entry.table_name, entry.record_id, entry.record_uid,
                        entry.field, entry.old_value, entry.new_value)
        if entry.previous_hash != previous:
            return ChainBreak(entry.id, "does not follow the entry before it")
        if entry_hash(previous, entry.at, entry.user, change) != entry.entry_hash:
            return ChainBreak(entry.id, "its content does not match its hash")
        previous = entry.entry_hash
    return None
