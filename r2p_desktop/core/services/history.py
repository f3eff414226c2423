"""A record's history from the audit trail: who changed which field, from what to what, and when,
with values as a clerk reads them (names instead of ids, lists as "a; b", enum values in words)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import JSON, Boolean, func, inspect, select
from sqlalchemy.orm import Session

from ..formatting import human_label
from ..models import (
    AuditEntry,
    Body,
    Commitment,
    CommitmentAssessment,
    Instrument,
    InstrumentStatus,
    Person,
    Question,
    RecordMixin,
)
from ..models.base import enum_columns

CREATED, UPDATED, DELETED = "insert", "update", "delete"

# Foreign keys to these tables are shown as the name of the person or body, or the question's reference.
_NAME_OF = {Person.__tablename__: (Person.id, Person.full_name), Body.__tablename__: (Body.id, Body.name),
            Question.__tablename__: (Question.id, func.coalesce(Question.reference, Question.title))}

# Field labels that do not follow from the column name; the rest are the name in words.
_FIELD_LABELS = {"assessment": "Our assessment", "file_sha256": "File checksum"}


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime  # UTC
    user: str
    action: str  # CREATED, UPDATED or DELETED
    field: str | None  # None when the whole record was created or deleted
    field_label: str  # "" when field is None
    old: str
    new: str


def field_label(name: str) -> str:
    """The label a clerk knows a field by: 'answer_due' -> 'Answer due', 'asked_by_id' -> 'Asked by'."""
    if name in _FIELD_LABELS:
        return _FIELD_LABELS[name]
    for suffix in ("_id", "_number"):
        if name.endswith(suffix):
            name = name.removesuffix(suffix)
            break
    return human_label(name)


@dataclass(frozen=True)
class _Fields:
    """How each field of one model is shown: which name table an id points to, which are lists or enums."""

    names: dict[str, str]  # field -> "people", "bodies" or "questions"
    lists: frozenset[str]
    enums: frozenset[str]
    flags: frozenset[str]  # yes or no

    @classmethod
    def of(cls, model: type[RecordMixin]) -> _Fields:
        mapper = inspect(model)
        names = {}
        for attr in mapper.column_attrs:
            for column in attr.columns:
                for key in column.foreign_keys:
                    if key.column.table.name in _NAME_OF:
                        names[attr.key] = key.column.table.name
        lists = {attr.key for attr in mapper.column_attrs if isinstance(attr.columns[0].type, JSON)}
        lists |= {rel.key for rel in mapper.relationships if rel.secondary is not None}
        flags = {attr.key for attr in mapper.column_attrs if isinstance(attr.columns[0].type, Boolean)}
        return cls(names, frozenset(lists), frozenset(enum_columns(model)), frozenset(flags))


def _as_id(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _list_text(value: str) -> str:
    try:
        items = json.loads(value)
    except ValueError:
        return value
    return "; ".join(str(item) for item in items) if isinstance(items, list) else value


def _names(session: Session, fields: _Fields, entries: list[AuditEntry]) -> dict[str, dict[int, str]]:
    """The name of every person and body the entries refer to: one query per table."""
    wanted: dict[str, set[int]] = {}
    for entry in entries:
        table = fields.names.get(entry.field or "")
        if table:
            ids = {i for i in (_as_id(entry.old_value), _as_id(entry.new_value)) if i is not None}
            wanted.setdefault(table, set()).update(ids)
    names = {}
    for table, ids in wanted.items():
        id_column, name_column = _NAME_OF[table]
        names[table] = dict(session.execute(select(id_column, name_column).where(id_column.in_(ids))).all())
    return names


def _shown(value: str | None, field: str, fields: _Fields, names: dict[str, dict[int, str]]) -> str:
    if value is None:
        return ""
    if field in fields.names:
        record_id = _as_id(value)
        if record_id is None:
            return value
        return names.get(fields.names[field], {}).get(record_id) or f"(deleted #{record_id})"
    if field in fields.lists:
        return _list_text(value)
    if field in fields.enums:
        return human_label(value)
    if field in fields.flags:
        return "Yes" if value.lower() in ("true", "1") else "No"
    return value


def record_history(session: Session, model: type[RecordMixin], record_id: int) -> list[HistoryEntry]:
    """The audit history of one record, newest first (in the order the trail was written).

    Entries are found by the record's uid, so a later record that reuses a deleted one's id does not
    inherit its history; a record that no longer exists has none."""
    uid = select(model.uid).where(model.id == record_id).scalar_subquery()
    query = (
        select(AuditEntry)
        .where(AuditEntry.record_uid == uid, AuditEntry.table_name == model.__tablename__)
        .order_by(AuditEntry.id.desc())  # not by `at`: two quick saves can share a clock tick
    )
    entries = list(session.scalars(query))
    fields = _Fields.of(model)
    names = _names(session, fields, entries)
    history = []
    for entry in entries:
        if entry.action == UPDATED and entry.field:
            history.append(HistoryEntry(
                entry.at, entry.user, entry.action, entry.field, field_label(entry.field),
                _shown(entry.old_value, entry.field, fields, names),
                _shown(entry.new_value, entry.field, fields, names),
            ))
        else:  # the snapshot of a created or deleted record is not shown field by field
            history.append(HistoryEntry(entry.at, entry.user, entry.action, None, "", "", ""))
    return history


def assessment_id(session: Session, commitment_code: str) -> int | None:
    """The id of the committee's assessment of a commitment, or None while it has none."""
    return session.scalar(select(CommitmentAssessment.id).join(Commitment)
                          .where(Commitment.code == commitment_code))


def instrument_status_id(session: Session, instrument_code: str) -> int | None:
    """The id of the country's recorded status for a treaty, or None while it has none."""
    return session.scalar(select(InstrumentStatus.id).join(Instrument)
                          .where(Instrument.code == instrument_code))
