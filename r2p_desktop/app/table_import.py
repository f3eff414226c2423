"""The import wizard's use cases (File > Import…), in plain values: the kinds a file can hold, their
columns and which are required, a preview of a file as read, a column mapping guessed from its header
(and the key under which the window remembers a mapping for that header), a dry run, and the import
itself with progress and Cancel, returning the `Changes` the views refresh from.

The work is `exchange.record_tables.import_table`, the same as `r2p import KIND FILE`."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select

from ..core import kinds
from ..core.database import Database
from ..core.errors import R2PError
from ..core.models import Body, Person
from ..core.services.records import RULES
from ..exchange import record_tables
from ..exchange.table_file import open_table
from .changes import Changes, Record
from .errors import as_r2p_errors

DEFAULT_KIND = "questions"
PREVIEW_ROWS = 10
# value for the importer -> label; None is what was detected.
ENCODINGS: dict[str | None, str] = {
    None: "As detected", "utf-8": "UTF-8", "cp1252": "Windows-1252 (Western Europe)", "mac_roman": "MacRoman",
    "utf-16": "UTF-16", "cp1251": "Windows-1251 (Cyrillic)", "cp1256": "Windows-1256 (Arabic)",
    "gb18030": "GB18030 (Chinese)"}
DELIMITERS: dict[str | None, str] = {
    None: "As detected", ",": "Commas ( , )", ";": "Semicolons ( ; )", "\t": "Tabs"}
DATE_FORMATS: dict[str | None, str] = {
    None: "ISO (2025-12-31)", "DD/MM/YYYY": "Day first (31/12/2025)", "MM/DD/YYYY": "Month first (12/31/2025)"}


@dataclass(frozen=True)
class KindChoice:
    name: str  # as on the command line: "questions"
    label: str  # as the clerk reads it: "Questions"


@dataclass(frozen=True)
class ColumnChoice:
    name: str  # our column, as in an export's header
    required: bool


@dataclass(frozen=True)
class Preview:
    detected: str  # "Windows-1252, semicolons between columns, CRLF line ends"
    header: list[str]
    rows: list[tuple[int, list[str]]]  # the first rows: (spreadsheet row number, cells)
    total_rows: int
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Check:
    lines: list[str]  # what would be created
    errors: list[str]  # each naming its row and column; none means the import may run


@dataclass(frozen=True)
class Result:
    line: str  # one line for the clerk
    lines: list[str]
    errors: list[str]
    cancelled: bool
    changes: Changes


def kinds_offered() -> list[KindChoice]:
    return [KindChoice(name, table.kind.plural) for name, table in record_tables.table_kinds().items()]


def key_of(kind: str) -> str:
    """The registry key of the records of `kind` ("questions" -> "question"), as Changes name them."""
    return record_tables.table_kind(kind).kind.key


def columns_of(kind: str) -> list[ColumnChoice]:
    table = record_tables.table_kind(kind)
    required = RULES[table.kind.model].required
    return [ColumnChoice(column.name, column.field in required) for column in table.columns]


def preview(path: Path, encoding: str | None = None, delimiter: str | None = None, *,
            kind: str = DEFAULT_KIND) -> Preview:
    """The file as the importer reads it. Raises R2PError in one line when it cannot be read."""
    path = Path(path)
    if not path.is_file():
        raise R2PError(f"{path}: no such file")
    # A workbook of several sheets (an export of everything) is read at the kind's sheet, as the import does.
    try:
        with open_table(path, encoding=encoding, delimiter=delimiter,
                        sheet=record_tables.table_kind(kind).kind.plural) as table:
            first: list[tuple[int, list[str]]] = []
            count = 0
            for row in table.rows:  # every row counted and read as the import reads it, only the first kept
                if count < PREVIEW_ROWS:
                    first.append(row)
                count += 1
            return Preview(table.detected, table.header, first, count, table.warnings)
    except (OSError, UnicodeError, ValueError) as error:
        raise R2PError(f"{path.name} cannot be read: {error}") from None


def normal(name: str) -> str:
    """A column name as compared: no accents, case, spaces, dots or hyphens ("Réf." and "ref" are one)."""
    plain = unicodedata.normalize("NFKD", name.strip().lstrip("\ufeff"))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return re.sub(r"[\s\-_.]+", "_", plain).strip("_")


def guessed_mapping(kind: str, header: list[str]) -> dict[str, str]:
    """Our column -> theirs, for each of ours their header names the same way (or by our field's name)."""
    theirs = {normal(name): name for name in reversed(header) if name.strip()}
    mapping: dict[str, str] = {}
    for column in record_tables.table_kind(kind).columns:
        for key in (normal(column.name), normal(column.field)):
            if key in theirs and theirs[key] not in mapping.values():
                mapping[column.name] = theirs[key]
                break
    return mapping


def restored_mapping(saved: dict[str, str], header: list[str]) -> dict[str, str]:
    """A mapping remembered for a header of the same shape, in this header's spelling of its columns."""
    theirs = {normal(name): name for name in reversed(header) if name.strip()}
    return {ours: theirs[normal(name)] for ours, name in saved.items() if normal(name) in theirs}


def header_key(kind: str, header: list[str]) -> str:
    """Where a mapping for files with this header is remembered: the same columns, however spelt, give one key."""
    shape = "\x1f".join(normal(name) for name in header)
    return f"{kind}/{hashlib.sha1(shape.encode('utf-8')).hexdigest()[:16]}"


def check(database: Database, kind: str, path: Path, mapping: dict[str, str], encoding: str | None = None,
          delimiter: str | None = None, date_format: str | None = None) -> Check:
    """A dry run: what the import would create, and every error with its row. Writes nothing."""
    with as_r2p_errors(reading=True), database.session() as session:
        report = record_tables.import_table(session, kind, Path(path), mapping=mapping or None, encoding=encoding,
                                            delimiter=delimiter, date_format=date_format, dry_run=True)
    return Check(record_tables.summary(report, dry_run=True), report.errors)


def _last_ids(database: Database, models: list[type]) -> dict[type, int]:
    with as_r2p_errors(reading=True), database.read_session() as session:
        return {model: session.scalar(select(func.max(model.id))) or 0 for model in models}  # type: ignore[attr-defined]


def _new_ids(database: Database, since: dict[type, int]) -> dict[type, list[int]]:
    with as_r2p_errors(reading=True), database.read_session() as session:
        return {model: list(session.scalars(select(model.id).where(model.id > last)))  # type: ignore[attr-defined]
                for model, last in since.items()}


def run(database: Database, kind: str, path: Path, mapping: dict[str, str], encoding: str | None = None,
        delimiter: str | None = None, date_format: str | None = None, *,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] = lambda: False) -> Result:
    """Import the file, all or nothing: `progress(done, total)` after each batch written; when
    `cancelled()` turns true, the import stops at the next batch and what it wrote is removed."""
    table = record_tables.table_kind(kind)
    keys: dict[type, str] = {table.kind.model: table.kind.key, Person: kinds.PERSON.key, Body: kinds.BODY.key}
    before = _last_ids(database, list(keys))

    def report_progress(done: int, total: int) -> bool:
        if progress is not None:
            progress(done, total)
        return not cancelled()

    with as_r2p_errors(), database.session() as session:
        report = record_tables.import_table(session, kind, Path(path), mapping=mapping or None, encoding=encoding,
                                            delimiter=delimiter, date_format=date_format,
                                            progress=report_progress)
    changes = Changes()
    if report.created and not report.errors and not report.cancelled:
        created = _new_ids(database, before)
        changes = Changes(created={Record(keys[model], record_id) for model, ids in created.items()
                                   for record_id in ids})
    lines = record_tables.summary(report, dry_run=False)
    plural = table.kind.plural.lower()
    if report.cancelled:
        line = f"Import cancelled: no {plural} were added."
    elif report.errors:
        first = report.errors[0].removeprefix("nothing was imported: ")
        line = f"Nothing was imported: {first}" if len(report.errors) == 1 else \
            f"Nothing was imported: {len(report.errors)} problems in {Path(path).name}."
    else:
        line = f"Imported {table.kind.count_text(report.created)}."
    return Result(line, lines, report.errors, report.cancelled, changes)
