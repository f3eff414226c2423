"""Questions as CSV: the columns of DESIGN §4, written safely and read back all-or-nothing."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy.orm import Session

from ..core.errors import R2PError, ValidationError
from ..core.models import Question
from ..core.safe_file import replaced_on_success
from ..core.services import directory, records
from ..core.services.questions import iter_question_records
from .spreadsheet_safety import neutralise, restore

COLUMNS = (
    "reference", "type", "title", "question_text", "asked_by", "addressed_to", "date_tabled", "answer_due",
    "status", "answer_text", "date_answered", "answered_by", "assessment", "pillar", "commitments", "tags",
    "confidentiality",
)
LIST_SEPARATOR = ";"
# Service field -> file column, where they differ.
_FIELD_COLUMN = {"asked_by_id": "asked_by", "addressed_to_id": "addressed_to", "answered_by_id": "answered_by",
                 "pillar_number": "pillar"}
_PEOPLE_COLUMNS = ("asked_by", "answered_by")

csv.field_size_limit(2**31 - 1)  # answers can be very long; Python refuses fields over 128 KiB by default


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return LIST_SEPARATOR.join(value)
    return neutralise(str(value))


def export_questions(session: Session, out: Path, *, progress: Callable[[int], None] | None = None) -> int:
    """Write every question to `out` (UTF-8 with a byte-order mark, for spreadsheets); return the count.

    The file is written beside `out` and moved into place, so a failure leaves any old file as it was."""
    count = 0
    with replaced_on_success(Path(out)) as partial, partial.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for record in iter_question_records(session):
            writer.writerow([_cell(record[column]) for column in COLUMNS])
            count += 1
            if progress and count % 1000 == 0:
                progress(count)
    return count


@dataclass
class ImportReport:
    """What an import created, or would create in a dry run; `errors` name row and column."""

    questions: int = 0
    new_people: list[str] = field(default_factory=list)
    new_bodies: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The data rows of a question CSV as (spreadsheet row number, cells by column); the header is row 1."""
    try:
        with Path(path).open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            header = [name.strip().lower() for name in next(reader, [])]
            if not header or "title" not in header:
                raise R2PError(f"{path}: row 1 must be the header with at least a 'title' column")
            unknown = [name for name in header if name not in COLUMNS]
            if unknown:
                raise R2PError(f"{path}: row 1, column '{unknown[0]}' is not one of: {', '.join(COLUMNS)}")
            rows = []
            for number, cells in enumerate(reader, start=2):
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) > len(header):
                    raise R2PError(f"{path}: row {number} has {len(cells)} cells but the header has {len(header)}")
                rows.append((number, {name: restore(cell) for name, cell in zip(header, cells, strict=False)}))
            return rows
    except UnicodeDecodeError as exc:
        raise R2PError(f"{path} is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8") from None
    except csv.Error as exc:
        raise R2PError(f"{path} is not a readable CSV file: {exc}") from None
    except OSError as exc:
        raise R2PError(f"cannot read {path}: {exc.strerror}") from None


def _split(text: str) -> list[str]:
    return [item.strip() for item in text.split(LIST_SEPARATOR) if item.strip()]


def _question_values(session: Session, cells: dict[str, str], report: ImportReport) -> dict:
    values = {name: cells[name] for name in ("reference", "type", "title", "question_text", "date_tabled",
                                             "answer_due", "status", "answer_text", "date_answered",
                                             "assessment", "confidentiality") if cells.get(name, "") != ""}
    if cells.get("pillar", "").strip():
        values["pillar_number"] = cells["pillar"]
    if "commitments" in cells:
        values["commitments"] = _split(cells["commitments"])
    if "tags" in cells:
        values["tags"] = _split(cells["tags"])
    for column, field_name in (("asked_by", "asked_by_id"), ("answered_by", "answered_by_id")):
        name = cells.get(column, "").strip()
        if name:
            if directory.find_person(session, name) is None and name not in report.new_people:
                report.new_people.append(name)
            values[field_name] = directory.person_or_new(session, name)
    body = cells.get("addressed_to", "").strip()
    if body:
        if directory.find_body(session, body) is None and body not in report.new_bodies:
            report.new_bodies.append(body)
        values["addressed_to_id"] = directory.body_or_new(session, body)
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
        except R2PError as error:
            savepoint.rollback()
            column = "reference" if "reference" in str(error) else "-"
            report.errors.append(f"row {number}, column {column}: {error}")
    if report.errors or dry_run:
        session.rollback()
    else:
        session.commit()
    return report
