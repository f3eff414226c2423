"""Every kind of record as a table, both ways: the same columns out (CSV or XLSX) and in.

A kind's columns come from its model, so a field added to a kind is exported and imported without
anything here changing: each column of the record under its own name, the record it points at under
the name without `_id` and by what a clerk knows it by (a person's or body's name, a question's
reference, a catalogue entry's code or number, a risk assessment's year; any other record by its uid),
its links as a `;`-separated list of the same, and lists of words (tags, themes) `;`-separated.

An import reads the file a row at a time and checks every row before it writes one (errors name the row
and the file's column), then reads it again and writes in short transactions, so a colleague saving
meanwhile waits a fraction of a second at most; if a write fails part-way, what was written is removed
again: all or nothing."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, func, inspect, select
from sqlalchemy.orm import Session
from sqlalchemy.types import JSON

from ..core import kinds, policy
from ..core.audience import ALLOWED, seen_by
from ..core.errors import DamagedDatabaseError, DatabaseBusyError, DiskFullError, R2PError, ValidationError
from ..core.models import (
    Body,
    BudgetItem,
    Commitment,
    Confidentiality,
    Instrument,
    Person,
    Pillar,
    Question,
    RecordMixin,
    RiskAssessment,
    RiskFactor,
)
from ..core.money import minor_digits, minor_units
from ..core.services import bulk, directory, records
from ..core.services.fields import WORD_LISTS, parse_date
from .table_file import Money, RowTest, Sheet, TableStream, open_table, write_table

LIST_SEPARATOR = ";"
TRANSACTION_SECONDS = 0.4  # how long a write transaction holds the lock, about: nobody waits long for it
FIRST_BATCH = 500  # rows of the first transaction; the next are sized by how long it took
_SKIPPED = {"id", "created_at", "updated_at", "created_by", "updated_by", "version"}
_LEFT_OUT = {"file_text", "file_sha256", "file_size"}  # a document's file is not in its metadata
_MONEY: dict[type, tuple[str, ...]] = {BudgetItem: ("amount_requested", "amount_allocated", "amount_spent")}
# How a clerk names a record of these models in a file; any other record is named by its uid.
_KEYS: dict[type, str] = {Person: "full_name", Body: "name", Question: "reference", Pillar: "number",
                          RiskFactor: "number", Commitment: "code", Instrument: "code", RiskAssessment: "year"}
_CATALOGUE_MODELS = (Pillar, RiskFactor, Commitment, Instrument)
_NAMED = (Person, Body)  # named ones that do not exist yet are created, as the question form does


@dataclass(frozen=True)
class Column:
    name: str  # in the file
    field: str  # the model's attribute: a column, or a many-to-many relationship
    form: str  # "text", "date", "bool", "int", "money", "words", "json", "record", "records"
    target: type | None = None  # the model a "record" or "records" column names


@dataclass(frozen=True)
class TableKind:
    kind: kinds.Kind
    columns: tuple[Column, ...]

    @property
    def name(self) -> str:  # on the command line: "questions", "budget-items", "treaty-statuses"
        return self.kind.table.replace("_", "-").replace("instrument-statuses", "treaty-statuses")

    @cached_property
    def _by_name(self) -> dict[str, Column]:
        return {column.name: column for column in self.columns}

    @cached_property
    def record_fields(self) -> frozenset[str]:
        """The fields that name another record."""
        return frozenset(c.field for c in self.columns if c.form == "record")

    @cached_property
    def named_fields(self) -> frozenset[str]:
        """The fields that name a person or body, who is created when nobody has the name yet."""
        return frozenset(c.field for c in self.columns if c.form == "record" and c.target in _NAMED)

    def column(self, name: str) -> Column | None:
        return self._by_name.get(name)

    @cached_property
    def unique_fields(self) -> tuple[str, ...]:
        """Fields no two records may share (a question's reference, a body's name), the uid apart."""
        return tuple(c.name for c in self.kind.model.__table__.columns if c.unique and c.name not in ("id", "uid"))

    @cached_property
    def keys(self) -> frozenset[str]:
        """The fields other rows and records name a record by."""
        return frozenset({_key_of(self.kind.model), "uid", *self.unique_fields})

    @cached_property
    def trimmed(self) -> frozenset[str]:
        """The fields read without surrounding spaces: the keys, and words from a list."""
        return self.keys | {"confidentiality", *records.RULES[self.kind.model].enums}


def _model_of_table(name: str) -> type:
    catalogue = {model.__tablename__: model for model in _CATALOGUE_MODELS}
    return catalogue.get(name) or kinds.BY_TABLE[name].model


def _columns(model: type[RecordMixin]) -> tuple[Column, ...]:
    made: list[Column] = []
    for attr in inspect(model).column_attrs:
        column = attr.columns[0]
        if attr.key in _SKIPPED or attr.key in _LEFT_OUT:
            continue
        if column.foreign_keys:
            target = _model_of_table(next(iter(column.foreign_keys)).column.table.name)
            name = attr.key.removesuffix("_id").removesuffix("_number")
            made.append(Column(name, attr.key, "record", target))
        elif attr.key in _MONEY.get(model, ()):
            made.append(Column(attr.key, attr.key, "money"))
        elif isinstance(column.type, JSON):
            made.append(Column(attr.key, attr.key, "words" if attr.key in WORD_LISTS else "json"))
        elif isinstance(column.type, Date):
            made.append(Column(attr.key, attr.key, "date"))
        elif isinstance(column.type, Boolean):
            made.append(Column(attr.key, attr.key, "bool"))
        else:
            made.append(Column(attr.key, attr.key, "text"))
    for rel in inspect(model).relationships:
        if rel.secondary is not None:
            made.append(Column(rel.key, rel.key, "records", rel.mapper.class_))
    # The record's own fields first, then its tags, notes and confidentiality, as the forms show them.
    last = ("tags", "notes", "confidentiality")
    return (*[c for c in made if c.name not in last], *sorted((c for c in made if c.name in last),
                                                                key=lambda c: last.index(c.name)))


@cache
def table_kinds() -> dict[str, TableKind]:
    """Every kind that can be exported and imported, by its name on the command line, in the order an
    import of everything needs (what a record names comes before it)."""
    order = (kinds.BODY, kinds.PERSON, kinds.DOCUMENT, kinds.QUESTION, kinds.BUDGET_ITEM, kinds.DEBATE,
             kinds.AGENDA_ITEM, kinds.RECOMMENDATION, kinds.UNDERTAKING, kinds.FOLLOW_UP, kinds.RISK_ASSESSMENT,
             kinds.RISK_FINDING, kinds.COMMITMENT_ASSESSMENT, kinds.TREATY_STATUS)
    assert {k.key for k in order} == {k.key for k in kinds.KINDS if k is not kinds.COMMITMENT}, \
        "a kind of record is missing from the tables"
    made = (TableKind(kind, _columns(kind.model)) for kind in order)
    return {table.name: table for table in made}


def table_kind(name: str) -> TableKind:
    found = table_kinds().get(name.strip().lower().replace("_", "-"))
    if found is None:
        raise R2PError(f"there is no kind of record called {name!r}; choose one of {', '.join(table_kinds())}")
    return found


# Export.

def _key_of(target: Any) -> str:
    return _KEYS.get(target, "uid")


def _names(session: Session, target: Any) -> dict[int, object]:
    """id -> how a file names each record of `target` (what the session's audience may read)."""
    key = _key_of(target)
    id_column = target.number if target is Pillar else target.id
    if target is Question:  # a question without a reference is named by its uid
        return {i: ref or uid for i, ref, uid in session.execute(select(Question.id, Question.reference,
                                                                        Question.uid))}
    return dict(session.execute(select(id_column, getattr(target, key))).all())


def _export_value(column: Column, row: Any, names: dict[type, dict[int, object]],
                  links: dict[str, dict[int, list[int]]]) -> object:
    if column.form == "records":
        targets = links[column.field].get(row.id, [])
        known = names[column.target]  # type: ignore[index]
        return LIST_SEPARATOR.join(str(known[t]) for t in targets if t in known)
    value = getattr(row, column.field)
    if column.form == "record":
        return "" if value is None else names[column.target].get(value, "")  # type: ignore[index]
    if column.form == "money":
        if value is None:
            return None
        return Money(Decimal(value).scaleb(-minor_digits(row.currency)), row.currency)
    if column.form == "words":
        return LIST_SEPARATOR.join(value or [])
    if column.form == "json":
        return json.dumps(value, ensure_ascii=False) if value else ""
    if hasattr(value, "value"):  # an enum member
        return value.value
    return value


def _rows(session: Session, table: TableKind) -> Iterator[list[object]]:
    model = table.kind.model
    targets = {c.target for c in table.columns if c.target is not None}
    names = {target: _names(session, target) for target in targets}
    links: dict[str, dict[int, list[int]]] = {}
    for rel in inspect(model).relationships:
        if rel.secondary is not None:
            owner = next(iter(rel.synchronize_pairs))[1]
            target = next(iter(rel.secondary_synchronize_pairs))[1]
            found: dict[int, list[int]] = {}
            for owner_id, target_id in session.execute(select(owner, target).order_by(owner, target)):
                found.setdefault(owner_id, []).append(target_id)
            links[rel.key] = found
    fields = [getattr(model, c.field) for c in table.columns if c.form != "records"]
    query = select(model.id, *fields, *([model.currency] if model is BudgetItem else [])).order_by(model.id)
    for row in session.execute(query.execution_options(yield_per=2000)):
        yield [_export_value(column, row, names, links) for column in table.columns]


@dataclass(frozen=True)
class TableExport:
    counts: dict[str, int]  # rows written, by kind
    left_out: dict[str, int]  # rows the audience may not read, by kind
    owner_only: bool  # the file holds restricted records, or names them: only its owner may read it


def export_tables(session: Session, names: Sequence[str], out: Path, *, format: str = "csv",
                  audience: str = "committee") -> TableExport:
    """Write the records of the kinds `names` (keys of table_kinds()) that `audience` may read to `out`:
    CSV for one kind, XLSX for one or several (a sheet each). `session` is an unfiltered read session."""
    if audience not in ALLOWED:
        raise R2PError(f"audience must be one of {', '.join(ALLOWED)} (not {audience!r})")
    tables = [table_kind(name) for name in names]
    totals = {t.name: session.scalar(select(func.count()).select_from(t.kind.model)) or 0 for t in tables}
    owner_only = audience == "all" and _holds_restricted(session, tables)
    with seen_by(session, audience):
        sheets = [Sheet(t.kind.plural, [c.name for c in t.columns], _rows(session, t)) for t in tables]
        counts = write_table(out, sheets, format=format, shared=not owner_only)
    return TableExport(dict(zip(totals, counts, strict=True)),
                       {name: totals[name] - n for name, n in zip(totals, counts, strict=True)}, owner_only)


def _holds_restricted(session: Session, tables: list[TableKind]) -> bool:
    """Whether the records of `tables`, or the records they name, include a restricted one."""
    models = {t.kind.model for t in tables} | {c.target for t in tables for c in t.columns
                                               if c.target is not None and issubclass(c.target, RecordMixin)}
    restricted = Confidentiality.RESTRICTED.value
    return any(session.scalar(select(model.id).where(model.confidentiality == restricted).limit(1)) is not None
               for model in models)


# Import.

@dataclass
class TableImport:
    """What an import created, or would create in a dry run; `errors` name row and column."""

    kind: str
    detected: str = ""
    created: int = 0
    already_present: int = 0  # rows whose uid is already in the database: left as they are
    new_people: list[str] = field(default_factory=list)
    new_bodies: list[str] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cancelled: bool = False


def _normal(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lstrip("\ufeff").casefold())


def date_parser(date_format: str | None) -> Callable[[str], date | None]:
    """A reader of the file's dates: ISO (2025-12-31) always, and `date_format` when given, as strftime
    codes (%d/%m/%Y) or letters (DD/MM/YYYY)."""
    if not date_format:
        return parse_date
    pattern = date_format
    for letters, code in (("YYYY", "%Y"), ("YY", "%y"), ("MM", "%m"), ("DD", "%d")):
        pattern = pattern.replace(letters, code)
    if "%" not in pattern:
        raise R2PError(f"--date-format {date_format!r} names no day, month or year; write it as DD/MM/YYYY or %d/%m/%Y")

    def parse(text: str) -> date | None:
        text = text.strip()
        if not text:
            return None
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            try:
                return parse_date(text)
            except ValueError:
                raise ValueError(f"'{text}' is not a date in the form {date_format} (or YYYY-MM-DD)") from None
    return parse


def _placement(table: TableKind, header: list[str], mapping: dict[str, str], report: TableImport,
               path: Path) -> dict[str, int]:
    """Our column name -> its position in the file, from the header and `mapping` (our name -> theirs)."""
    known = {c.name for c in table.columns}
    for ours in mapping:
        if ours not in known:
            raise R2PError(f"--map {ours}=...: {table.name} have no column {ours!r}; they have {', '.join(known)}")
    positions = {_normal(name): index for index, name in reversed(list(enumerate(header)))}
    placed: dict[str, int] = {}
    for ours, theirs in mapping.items():
        if _normal(theirs) not in positions:
            raise R2PError(f"{path.name}: row 1 has no column {theirs!r} (for --map {ours}={theirs}); "
                           f"its columns are {', '.join(header)}")
        placed[ours] = positions[_normal(theirs)]
    for index, name in enumerate(header):
        ours = _normal(name)
        if index in placed.values() or not name:
            continue
        if mapping:  # the mapping says which columns come in, under which of our names
            report.ignored_columns.append(name)
        elif ours in known and ours in placed:
            raise R2PError(f"{path.name}: row 1, column '{ours}' appears twice (columns {placed[ours] + 1} and "
                           f"{index + 1}); keep one")
        elif ours in known:
            placed[ours] = index
        else:
            raise R2PError(f"{path.name}: row 1, column '{name}' is not a column of {table.name}: "
                           f"{', '.join(c.name for c in table.columns)} (or map it with --map FIELD=COLUMN)")
    required = records.RULES[table.kind.model].required
    missing = [_column_for_field(table, name) for name in required if _column_for_field(table, name) not in placed]
    if missing:
        raise R2PError(f"{path.name}: row 1 has no column {', '.join(missing)}, which every "
                       f"{table.kind.singular} needs; name it so, or map one with --map {missing[0]}=COLUMN")
    return placed


def _column_for_field(table: TableKind, name: str) -> str:
    return next((c.name for c in table.columns if c.field == name), name)


class _Resolver:
    """How the names in a file become ids: loaded once per target model, so rows make no queries."""

    def __init__(self, session: Session, own: type):
        self.session = session
        self._maps: dict[type, dict[str, int]] = {}
        self.to_create: dict[type, dict[str, str]] = {Person: {}, Body: {}}  # folded name -> as written
        self.own = own  # the kind being imported: a row may name a record of an earlier row
        self.earlier: dict[str, _Earlier] = {}

    def map(self, target: Any) -> dict[str, int]:
        if target not in self._maps:
            key = _key_of(target)
            id_column = target.number if target is Pillar else target.id
            found: dict[str, int] = {}
            connection = self.session.connection()
            for record_id, name in connection.execute(select(id_column, getattr(target, key))):
                if name is not None:
                    found.setdefault(str(name).casefold() if target in _NAMED else str(name), record_id)
            if key != "uid" and hasattr(target, "uid"):
                for record_id, uid in connection.execute(select(target.id, target.uid)):
                    found.setdefault(uid, record_id)
            self._maps[target] = found
        return self._maps[target]

    def one(self, target: Any, text: str) -> int | str | _Earlier | None:
        """The id `text` names; for a person or body nobody has yet, the name (created when writing)."""
        text = text.strip()
        if not text:
            return None
        wanted = text.casefold() if target in _NAMED else text
        found = self.map(target).get(wanted)
        if found is not None:
            return found
        if target is self.own and text in self.earlier:
            return self.earlier[text]
        if target in _NAMED:
            self.to_create[target].setdefault(wanted, text)
            return text
        label = kinds.BY_MODEL[target].singular if target in kinds.BY_MODEL else target.__tablename__
        raise ValueError(f"no {label} is known as '{text}'")


def _parse_cell(column: Column, text: str, resolver: _Resolver, parse_day: Callable[[str], date | None],
                currency: str | None) -> object:
    if column.form == "date":
        return parse_day(text)
    if column.form == "record":
        assert column.target is not None
        return resolver.one(column.target, text)
    if column.form == "records":
        assert column.target is not None
        return [resolver.one(column.target, item) for item in text.split(LIST_SEPARATOR) if item.strip()]
    if column.form == "words":
        return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]
    if column.form == "money":
        return minor_units(text, currency)
    return text


@dataclass(frozen=True, slots=True)
class _Earlier:
    """A record of an earlier row of the same file, which has no id until it is written."""

    position: int  # among the checked rows


@dataclass
class _Row:
    number: int
    values: dict[str, object]  # field -> value; names of people and bodies still to create as text
    links: dict[str, list[int | str]]


def _row_test(table: TableKind, placed: dict[str, int]) -> RowTest:
    """Whether a line read on its own is a whole row of `table`: as many cells as the header, and every
    cell of a fixed form (a date or a word from a list) either empty or of that form, with at
    least one filled. Prose almost never is; see table_file._refuse_swallowed_rows."""
    enums: dict[str, type[StrEnum]] = {"confidentiality": Confidentiality, **records.RULES[table.kind.model].enums}

    def fits(column: Column, text: str) -> bool:
        if text != text.strip():
            return False
        if column.form == "date":
            try:
                return parse_date(text) is not None
            except ValueError:
                return False
        return text in enums[column.field]._value2member_map_

    fixed = {index: column for name, index in placed.items() if (column := table.column(name)) is not None
             and (column.form == "date" or column.field in enums)}

    def looks_like_row(header: list[str], cells: list[str]) -> bool:
        if len(cells) != len(header):
            return False
        filled = [(column, cells[index]) for index, column in fixed.items() if index < len(cells) and cells[index]]
        return bool(filled) and all(fits(column, text) for column, text in filled)
    return looks_like_row


def import_table(session: Session, name: str, path: Path, *, mapping: dict[str, str] | None = None,
                 encoding: str | None = None, delimiter: str | None = None, date_format: str | None = None,
                 dry_run: bool = False, progress: Callable[[int, int], bool] | None = None) -> TableImport:
    """Add every record of kind `name` in the file at `path`, or none.

    The file is read twice, a row at a time, so its size hardly matters to memory. The first reading
    checks every row (a dry run stops there and says what would be created), keeping only what later
    rows may name a record by and what must stay unique. The second reads the rows again and writes them
    in transactions of about TRANSACTION_SECONDS each, committed as they go; if one fails, the records
    written before it are removed. `progress(done, total)` is called after each transaction and cancels
    the import (undoing it) by returning False."""
    table = table_kind(name)
    parse_day = date_parser(date_format)
    report = TableImport(table.name)
    path = Path(path)
    row_test: RowTest | None = None

    def looks_like_row(header: list[str], cells: list[str]) -> bool:
        return row_test is not None and row_test(header, cells)

    def reading() -> AbstractContextManager[TableStream]:
        return open_table(path, encoding=encoding, delimiter=delimiter, sheet=table.kind.plural,
                          looks_like_row=looks_like_row)

    session.rollback()
    # The checks only read: a fresh snapshot, without the write lock a write session begins with.
    session.connection(execution_options={"sqlite_begin": "DEFERRED"})
    with reading() as read:
        placed = _placement(table, read.header, mapping or {}, report, path)
        row_test = _row_test(table, placed)
        checks = _Checks(session, table, read.header, placed, parse_day, report, path)
        for number, cells in read.rows:
            checks.first(number, cells)
        report.detected, report.warnings = read.detected, list(read.warnings)
    session.rollback()  # ends the checks' transaction before any write begins
    report.new_people = list(checks.resolver.to_create[Person].values())
    report.new_bodies = list(checks.resolver.to_create[Body].values())
    report.created = checks.count
    if report.errors or dry_run:
        return report
    with reading() as read:
        checks.same_file()
        _write(session, table, (checked for number, cells in read.rows
                                if (checked := checks.again(number, cells)) is not None), report, progress)
    return report


class _Checks:
    """Every check of a file's rows, with what the rows before the one being checked left: the keys they
    may be named by, the unique values they took, the people and bodies they name who are new."""

    def __init__(self, session: Session, table: TableKind, header: list[str], placed: dict[str, int],
                 parse_day: Callable[[str], date | None], report: TableImport, path: Path):
        model = table.kind.model
        self.session, self.table, self.header, self.placed = session, table, header, placed
        self.parse_day, self.report, self.path = parse_day, report, path
        self.resolver = _Resolver(session, model)
        self.confidentiality = policy.default_confidentiality(session, model)
        # Read through Core: the ORM's loading takes longer than SQLite on a hundred thousand values.
        connection = session.connection()
        self.existing_uids = set(connection.execute(select(model.uid)).scalars().all())
        self.unique = {name: {str(v) for v in connection.execute(select(getattr(model, name))).scalars().all()
                              if v is not None}
                       for name in table.unique_fields}
        self.seen: dict[str, dict[str, int]] = {name: {} for name in self.unique}
        self.count = 0  # rows that passed
        self.skipped: set[int] = set()  # row numbers left out as already present
        self.stat = _signature(path)
        # Each cell read, worked out once: its position, its column, and whether it is read trimmed.
        self.cells = [(index, column, column.field in table.trimmed) for name, index in placed.items()
                      if (column := table.column(name)) is not None]
        self.currency_at = placed.get("currency")
        self.key_positions = [placed[name] for name in table.keys if name in placed]

    def _read(self, number: int, cells: list[str], errors: list[str]) -> tuple[_Row, str] | None:
        """The row's values as read from its cells, and its uid; None when a cell is wrong (said in
        `errors`)."""
        row = _Row(number, {}, {})
        wrong = False
        width = len(cells)
        currency = cells[self.currency_at].strip().upper() if self.currency_at is not None else None
        own_keys = {cells[index].strip() for index in self.key_positions if index < width} - {""}
        for index, column, trimmed in self.cells:
            text = cells[index] if index < width else ""
            form = column.form
            if form == "text":  # most cells: read as they are, an empty one leaving the field at its default
                if trimmed:
                    text = text.strip()
                if text or column.field == "uid":
                    row.values[column.field] = text
                continue
            if form != "json" and form != "records" and not text.strip():
                continue
            if trimmed:
                text = text.strip()  # what other rows name it by, or a word from a list: as a clerk reads it
            if form == "record" and column.target is self.table.kind.model and text.strip() in own_keys:
                errors.append(f"row {number}, column {self.header[index]}: a {self.table.kind.singular} cannot "
                              "name itself here")
                wrong = True
                continue
            try:
                value = _parse_cell(column, text, self.resolver, self.parse_day, currency)
            except ValueError as error:
                errors.append(f"row {number}, column {self.header[index]}: {error}")
                wrong = True
                continue
            if form == "records":
                row.links[column.field] = value  # type: ignore[assignment]
            else:
                row.values[column.field] = value
        if wrong:
            return None
        return row, str(row.values.pop("uid", "") or "").strip()

    def first(self, number: int, cells: list[str]) -> None:
        """Check the row; its errors go into the report."""
        read = self._read(number, cells, self.report.errors)
        if read is None:
            return
        row, uid = read
        if uid and uid in self.existing_uids:
            self.report.already_present += 1
            self.skipped.add(number)
            return
        if uid:
            self.existing_uids.add(uid)
        if self._clashes(row) or self._prepared(row, self.report.errors) is None:
            return
        for key in (row.values.get(_key_of(self.table.kind.model)), uid):  # what later rows may name it by
            if key:
                self.resolver.earlier.setdefault(str(key), _Earlier(self.count))
        self.count += 1

    def again(self, number: int, cells: list[str]) -> tuple[_Row, bulk.Prepared] | None:
        """The row read again to be written, after every row passed first(); None for one left out."""
        if number in self.skipped:
            return None
        errors: list[str] = []
        read = self._read(number, cells, errors)
        prepared = None if read is None else self._prepared(read[0], errors)
        if read is None or prepared is None:
            raise R2PError(f"{self.path.name} changed while it was being imported ({errors[0]})")
        row, uid = read
        if uid:
            row.values["uid"] = uid
        return row, prepared

    def same_file(self) -> None:
        if _signature(self.path) != self.stat:
            raise R2PError(f"{self.path.name} changed after it was checked; import it again")

    def _clashes(self, row: _Row) -> bool:
        clash = False
        for name, taken in self.unique.items():
            value = row.values.get(name)
            if value is None or value == "":
                continue
            text = str(value).strip()
            column = header_name(self.header, self.placed, self.table, name)
            if text in taken:
                self.report.errors.append(f"row {row.number}, column {column}: another {self.table.kind.singular} "
                                          f"already has this {name.replace('_', ' ')}")
                clash = True
            elif text in self.seen[name]:
                self.report.errors.append(f"row {row.number}, column {column}: '{text}' is also used in row "
                                          f"{self.seen[name][text]}")
                clash = True
            else:
                self.seen[name][text] = row.number
        return clash

    def _prepared(self, row: _Row, errors: list[str]) -> bulk.Prepared | None:
        # Names of people and bodies still to create, and records of earlier rows, stand in for their ids
        # while the row is checked.
        values = dict(row.values)
        for name in self.table.record_fields.intersection(values):
            if isinstance(values[name], str | _Earlier):
                values[name] = 0
        try:
            return bulk.prepare(self.session, self.table.kind.model, values,
                                default_confidentiality=self.confidentiality)
        except ValidationError as error:
            errors += [f"row {row.number}, column {header_name(self.header, self.placed, self.table, f)}: {message}"
                       for f, message in error.errors.items()]
            return None


def _signature(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_size, status.st_mtime_ns


def header_name(header: list[str], placed: dict[str, int], table: TableKind, field_name: str) -> str:
    """The file's name for the column that holds `field_name`, to name it in an error."""
    ours = _column_for_field(table, field_name)
    return header[placed[ours]] if ours in placed else ours


def _write(session: Session, table: TableKind, rows: Iterable[tuple[_Row, bulk.Prepared]],
           report: TableImport, progress: Callable[[int, int], bool] | None) -> None:
    model = table.kind.model
    total = report.created
    written: list[int] = []
    created: dict[type, dict[str, int]] = {Person: {}, Body: {}}
    try:
        for target, names in ((Person, report.new_people), (Body, report.new_bodies)):
            for name_text in names:
                created[target][name_text.casefold()] = directory.resolve_name(
                    session, target, name_text, field="name").id or 0
        session.commit()
        batch: list[bulk.Prepared] = []
        size = FIRST_BATCH
        for row, prepared in rows:
            if _names_unwritten(row, len(written)) or len(batch) == size:
                size = _next_size(batch, _write_batch(session, model, batch, written))
                batch = []
                if progress is not None and not progress(len(written), total):
                    report.cancelled = True
                    raise _Cancelled
            _fill_ids(table, row, prepared, created, written)
            batch.append(prepared)
        _write_batch(session, model, batch, written)
        if progress is not None:
            progress(len(written), total)
    except (DiskFullError, DatabaseBusyError, DamagedDatabaseError):
        session.rollback()  # not the file's fault: said in one line by the caller, as any command's
        _undo(session, model, written, created)
        raise
    except (_Cancelled, R2PError) as error:
        session.rollback()
        _undo(session, model, written, created)
        report.created = 0
        if not isinstance(error, _Cancelled):
            report.errors.append(f"nothing was imported: {error}")
    except Exception:
        session.rollback()
        _undo(session, model, written, created)
        raise


def _write_batch(session: Session, model: type[RecordMixin], batch: list[bulk.Prepared], written: list[int]) -> float:
    """Insert `batch` in a transaction of its own (the ids go on `written`); the seconds it held the lock."""
    started = time.perf_counter()
    written += bulk.insert_records(session, model, batch)
    session.commit()
    return time.perf_counter() - started


def _next_size(batch: list[bulk.Prepared], seconds: float) -> int:
    """How many rows the next transaction takes to last about TRANSACTION_SECONDS, as the last one went:
    fewer on a busy machine, so a colleague's save still waits a fraction of a second."""
    if not batch or seconds <= 0:
        return FIRST_BATCH
    return max(250, min(20_000, int(len(batch) * TRANSACTION_SECONDS / seconds)))


def _names_unwritten(row: _Row, written: int) -> bool:
    named = [*row.values.values(), *(t for targets in row.links.values() for t in targets)]
    return any(isinstance(value, _Earlier) and value.position >= written for value in named)


def _fill_ids(table: TableKind, row: _Row, prepared: bulk.Prepared, created: dict[type, dict[str, int]],
              written: list[int]) -> None:
    """The ids the row's names stand for, now that the people, bodies and earlier rows are written."""
    def id_of(target: type, value: object) -> int:
        if isinstance(value, _Earlier):
            return written[value.position]
        if isinstance(value, str):
            return created[target][value.casefold()]
        assert isinstance(value, int)
        return value

    if "uid" in row.values:
        prepared.columns["uid"] = row.values["uid"]
    for key in table.record_fields.intersection(row.values):
        value = row.values[key]
        if isinstance(value, _Earlier | str):  # a str: the name of a person or body written since
            prepared.columns[key] = id_of(_target(table, key), value)
    prepared.links = {key: [id_of(_target(table, key), t) for t in targets] for key, targets in row.links.items()}


class _Cancelled(Exception):
    pass


def _target(table: TableKind, field_name: str) -> type:
    column = next(c for c in table.columns if c.field == field_name)
    assert column.target is not None
    return column.target


def _undo(session: Session, model: type[RecordMixin], written: list[int], created: dict[type, dict[str, int]]) -> None:
    """Remove what an import wrote before it failed or was cancelled (each removal audited)."""
    bulk.remove_written(session, model, written)
    for target in (Person, Body):
        bulk.remove_written(session, target, [i for i in created[target].values() if i])
    session.commit()


def summary(report: TableImport, *, dry_run: bool) -> list[str]:
    """What the import did, in lines for the command line and the wizard."""
    verb = "would import" if dry_run else "imported"
    lines = [f"read {report.detected}"]
    lines.append(f"{verb} {report.created} {table_kind(report.kind).kind.plural.lower()}")
    if report.already_present:
        lines.append(f"{report.already_present} already in the database (same uid), left as they are")
    for noun, names in (("people", report.new_people), ("bodies", report.new_bodies)):
        if names:
            lines.append(f"{'would add' if dry_run else 'added'} {len(names)} {noun}: {', '.join(names)}")
    if report.ignored_columns:
        lines.append(f"columns not imported: {', '.join(report.ignored_columns)}")
    lines += [f"warning: {warning}" for warning in report.warnings]
    return lines
