"""Questions as CSV: the columns of DESIGN §4, written safely and read back all-or-nothing."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cache
from itertools import count
from pathlib import Path

from sqlalchemy import Date, inspect, or_, select
from sqlalchemy.orm import Session

from ..core.audience import seen_by
from ..core.errors import DamagedDatabaseError, DatabaseBusyError, DiskFullError, R2PError, ValidationError
from ..core.models import Body, Confidentiality, Person, Question
from ..core.safe_file import replaced_on_success
from ..core.services import directory, records
from ..core.services.fields import parse_date
from ..core.services.questions import count_questions, iter_question_records
from ..core.values import Values
from .spreadsheet_safety import SpreadsheetWriter, restore

COLUMNS = (
    "reference", "type", "title", "question_text", "asked_by", "addressed_to", "transferred_from",
    "transferred_on", "date_tabled", "answer_due", "named_day", "status", "holding_answer_date",
    "holding_answer_text", "answer_text", "date_answered", "answered_by", "original_answer_text",
    "answer_corrected_on", "answered_with", "assessment", "pillar", "commitments", "tags", "confidentiality",
)
LIST_SEPARATOR = ";"
# Service field -> file column, where they differ.
_FIELD_COLUMN = {"asked_by_id": "asked_by", "addressed_to_id": "addressed_to", "answered_by_id": "answered_by",
                 "transferred_from_id": "transferred_from", "answered_with_id": "answered_with",
                 "pillar_number": "pillar"}

csv.field_size_limit(2**31 - 1)  # answers can be very long; Python refuses fields over 128 KiB by default


def _cell(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return value


@dataclass(frozen=True)
class QuestionsExport:
    """What an export wrote and what its audience left out."""

    written: int
    left_out: int  # questions the audience may not read
    restricted_written: bool  # the file holds a restricted question or names a restricted person or body


def _holds_restricted(session: Session) -> bool:
    """Whether any question the session may read is restricted or names a restricted person or body."""
    restricted = Confidentiality.RESTRICTED.value
    people = select(Person.id).where(Person.confidentiality == restricted)
    bodies = select(Body.id).where(Body.confidentiality == restricted)
    return session.scalar(select(Question.id).where(or_(
        Question.confidentiality == restricted, Question.asked_by_id.in_(people),
        Question.answered_by_id.in_(people), Question.addressed_to_id.in_(bodies),
        Question.transferred_from_id.in_(bodies))).limit(1)) is not None


def export_questions(session: Session, out: Path, *, audience: str = "committee",
                     progress: Callable[[int], None] | None = None) -> QuestionsExport:
    """Write the questions `audience` may read to `out` (UTF-8 with a byte-order mark, for spreadsheets).

    "public" leaves out committee and restricted questions, "committee" restricted ones, "all" nothing.
    A file that holds anything restricted is readable by its owner only. It is written beside `out` and
    moved into place, so a failure leaves any old file as it was."""
    everything = count_questions(session)  # in the same transaction as the rows, so the two agree
    written = 0
    with seen_by(session, audience):
        restricted = _holds_restricted(session)
        with replaced_on_success(Path(out), shared=not restricted) as partial, \
                partial.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = SpreadsheetWriter(handle)
            writer.writerow(COLUMNS)
            for record in iter_question_records(session):
                writer.writerow([_cell(record[column]) for column in COLUMNS])
                written += 1
                if progress and written % 1000 == 0:
                    progress(written)
    return QuestionsExport(written=written, left_out=everything - written, restricted_written=restricted)


@dataclass
class ImportReport:
    """What an import created, or would create in a dry run; `errors` name row and column."""

    questions: int = 0
    new_people: list[str] = field(default_factory=list)
    new_bodies: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@cache
def _fixed_forms() -> dict[str, Callable[[str], bool]]:
    """The columns whose cells have a fixed form (a date, a word from a list), with a test for it."""

    def is_date(text: str) -> bool:
        try:
            return parse_date(text) is not None and text == text.strip()
        except ValueError:
            return False

    def one_of(enum: type[StrEnum]) -> Callable[[str], bool]:
        return lambda text: text in enum._value2member_map_

    enums: dict[str, type[StrEnum]] = {"confidentiality": Confidentiality, **records.RULES[Question].enums}
    forms = {name: one_of(enum) for name, enum in enums.items()}
    forms.update({column.key: is_date for column in inspect(Question).columns if isinstance(column.type, Date)})
    return {name: test for name, test in forms.items() if name in COLUMNS}


def _looks_like_a_row(line: str, header: list[str]) -> bool:
    """Whether a line, read on its own, is a whole row: as many cells as the header, every cell with a
    fixed form either empty or of that form, and at least one of them filled. Prose almost never is."""
    cells = next(csv.reader([line]), [])
    if len(cells) != len(header):
        return False
    forms = _fixed_forms()
    fixed = [(forms[name], cell) for name, cell in zip(header, cells, strict=True) if name in forms and cell]
    return bool(fixed) and all(test(cell) for test, cell in fixed)


@dataclass
class _QuotedCell:
    column: int  # 0-based position in its row
    opened: int  # physical line of the opening quote
    closed: int | None = None  # physical line of the closing quote; None when it never closes
    closes_early: bool = False  # the closing quote is followed by more of the cell


def _quoted_cells(lines: list[str], first: int) -> list[_QuotedCell]:
    """The quoted cells of the record that starts on physical line `first` (1-based), read the way the
    csv module reads them, to say where a quote that went wrong was opened."""
    cells: list[_QuotedCell] = []
    column, inside, at_cell_start = 0, None, True
    for number in range(first, len(lines) + 1):
        line, i = lines[number - 1], 0
        while i < len(line):
            char = line[i]
            if inside is not None:
                if char == '"' and line[i + 1:i + 2] == '"':
                    i += 1  # a quote written twice is a quote in the text
                elif char == '"':
                    inside.closed, inside.closes_early = number, line[i + 1:i + 2] not in ("", ",", "\r", "\n")
                    inside, at_cell_start = None, False
            elif char == '"' and at_cell_start:
                inside, at_cell_start = _QuotedCell(column, number), False
                cells.append(inside)
            elif char == ",":
                column, at_cell_start = column + 1, True
            elif char in "\r\n":
                return cells
            else:
                at_cell_start = False
            i += 1
        if inside is None:
            return cells
    return cells


def _column_name(header: list[str], index: int) -> str:
    return header[index] if index < len(header) else str(index + 1)


def _quote_trouble(lines: list[str], first: int, last: int, header: list[str], error: csv.Error) -> str:
    """One line about a quote the csv module could not read, naming the line where the quote was opened."""
    cells = _quoted_cells(lines, first)
    for cell in cells:
        where = f"line {cell.opened}, column {_column_name(header, cell.column)}"
        if cell.closed is None:
            return f"{where}: a quote opened here is never closed"
        if cell.closes_early:
            closes = "" if cell.closed == cell.opened else f" on line {cell.closed}"
            return (f"{where}: a quote opened here closes{closes} before the end of its cell; put the whole "
                    "cell in quotes and write each quote inside it twice")
    return f"line {last}: this is not readable CSV ({error})"


def _refuse_swallowed_rows(path: Path, lines: list[str], first: int, last: int, header: list[str]) -> None:
    """Refuse a quoted cell that takes in lines which look like whole rows of their own.

    A stray quote at the start of a cell, closed by another stray quote at the end of a cell some rows
    later, silently merges those rows into one cell. Every line after the first of a record lies inside
    a quoted cell; when one of them looks like a row (see _looks_like_a_row), the quotes are wrong. A
    real multi-line answer would need, on one of its lines, exactly one comma fewer than the header has
    columns and a date or listed word, with no space around it, at the place of such a column."""
    for number in range(first + 1, last + 1):
        if _looks_like_a_row(lines[number - 1], header):
            cell = next((cell for cell in _quoted_cells(lines, first)
                         if cell.opened < number <= (cell.closed or last)), None)
            opened, closed = (cell.opened, cell.closed or last) if cell else (first, last)
            column = f", column {_column_name(header, cell.column)}" if cell else ""
            raise R2PError(f"{path}: line {opened}{column}: a quote opened here closes only on line {closed}, "
                           f"taking in line {number}, which looks like a row of its own; check the quotes on "
                           f"lines {opened} and {closed}")


def _header(path: Path, cells: list[str], first_line: str) -> list[str]:
    header = [name.strip().lower() for name in cells]
    if "title" not in header:
        for delimiter, words in ((";", "';'"), ("\t", "tabs")):
            if "title" in [name.strip().lower() for name in next(csv.reader([first_line], delimiter=delimiter), [])]:
                raise R2PError(f"{path} uses {words} between columns; save it as CSV with commas "
                               "(in Excel: CSV UTF-8)")
        raise R2PError(f"{path}: row 1 must be the header with at least a 'title' column")
    for position, name in enumerate(header):
        if name in header[:position]:
            raise R2PError(f"{path}: row 1, column '{name}' appears twice (columns {header.index(name) + 1} "
                           f"and {position + 1}); keep one")
    unknown = [name for name in header if name not in COLUMNS]
    if unknown:
        raise R2PError(f"{path}: row 1, column '{unknown[0]}' is not one of: {', '.join(COLUMNS)}")
    return header


def _lines(path: Path) -> list[str]:
    """The file's physical lines with their line ends, as the csv module splits them."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            return handle.readlines()
    except UnicodeDecodeError as exc:
        raise R2PError(f"{path} is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8") from None
    except OSError as exc:
        raise R2PError(f"cannot read {path}: {exc.strerror}") from None


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The data rows of a question CSV as (spreadsheet row number, cells by column); the header is row 1.

    Problems with the file as a whole (quotes, header, NUL characters, too many cells) raise R2PError
    naming the line, or the row and column."""
    lines = _lines(path)
    reader = csv.reader(lines, strict=True)  # strict: a quote that closes inside a cell is an error
    header: list[str] = []
    rows = []
    for number in count(1):
        first = reader.line_num + 1  # the physical line this record starts on
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            raise R2PError(f"{path}: {_quote_trouble(lines, first, reader.line_num, header, error)}") from None
        if number == 1:
            header = _header(path, cells, lines[0])
            continue
        if reader.line_num > first:
            _refuse_swallowed_rows(path, lines, first, reader.line_num, header)
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header):
            raise R2PError(f"{path}: row {number} has {len(cells)} cells but the header has {len(header)}")
        for name, cell in zip(header, cells, strict=False):
            if "\x00" in cell:
                raise R2PError(f"{path}: row {number}, column {name}: holds a NUL character (a zero byte), "
                               "which a question cannot hold; remove it")
        rows.append((number, {name: restore(cell) for name, cell in zip(header, cells, strict=False)}))
    if not header:
        _header(path, [], "")
    return rows


def _split(text: str) -> list[str]:
    return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]


def _question_values(session: Session, cells: dict[str, str], report: ImportReport) -> Values:
    values: Values = {name: cells[name] for name in (
        "type", "title", "question_text", "transferred_on", "date_tabled", "answer_due", "named_day", "status",
        "holding_answer_date", "holding_answer_text", "answer_text", "date_answered", "original_answer_text",
        "answer_corrected_on", "assessment", "confidentiality") if cells.get(name, "") != ""}
    if cells.get("reference", "").strip():
        values["reference"] = cells["reference"].strip()  # as the uniqueness checks compare it
    if cells.get("pillar", "").strip():
        values["pillar_number"] = cells["pillar"]
    if "commitments" in cells:
        values["commitments"] = _split(cells["commitments"])
    if "tags" in cells:
        values["tags"] = _split(cells["tags"])
    lead = cells.get("answered_with", "").strip()
    if lead and lead == cells.get("reference", "").strip():
        raise ValidationError({"answered_with_id": "a question cannot share its own answer"})
    if lead:  # the question that holds the answer, already in the database or earlier in the file
        values["answered_with_id"] = session.scalar(select(Question.id).where(Question.reference == lead))
        if values["answered_with_id"] is None:
            raise ValidationError({"answered_with_id": f"no question has the reference '{lead}'"})
    for column, model, new_names in (("asked_by", Person, report.new_people),
                                     ("answered_by", Person, report.new_people),
                                     ("addressed_to", Body, report.new_bodies),
                                     ("transferred_from", Body, report.new_bodies)):
        name = cells.get(column, "").strip()
        if name:
            named = directory.resolve_name(session, model, name, field=f"{column}_id")
            if named.created and name not in new_names:
                new_names.append(name)
            values[f"{column}_id"] = named.id
    return values


def import_questions(session: Session, path: Path, *, dry_run: bool = False) -> ImportReport:
    """Add every question in the CSV at `path`, or none: any error leaves the database unchanged.

    Members and bodies named in the file that do not exist yet are created. A dry run checks
    everything the real import would, and reports what it would create, then rolls back."""
    rows = read_rows(path)
    report = ImportReport()
    seen_references: dict[str, int] = {}
    for number, cells in rows:
        reference = cells.get("reference", "").strip()
        if reference and reference in seen_references:
            report.errors.append(f"row {number}, column reference: '{reference}' is also used in row "
                                 f"{seen_references[reference]}")
            continue
        seen_references[reference] = number
        savepoint = session.begin_nested()
        try:
            records.create(session, Question, _question_values(session, cells, report))
            savepoint.commit()
            report.questions += 1
        except ValidationError as error:
            savepoint.rollback()
            report.errors += [f"row {number}, column {_FIELD_COLUMN.get(f, f)}: {message}"
                              for f, message in error.errors.items()]
        except (DiskFullError, DatabaseBusyError, DamagedDatabaseError):
            raise  # not a row's fault, and SQLite may have rolled the whole import back: stop here
        except R2PError as error:
            savepoint.rollback()
            column = "reference" if "reference" in str(error) else "-"
            report.errors.append(f"row {number}, column {column}: {error}")
    if report.errors or dry_run:
        session.rollback()
    else:
        session.commit()
    return report
