"""The UPR Info database export, read into recommendations: columns To, To-Rgrp, To-Org, Text, From,
From-Rgrp, From-Org, Response, Action, Issue, Session, in whatever encoding the spreadsheet saved it.

Real exports come as UTF-8 (with or without a byte order mark), UTF-16, Windows' cp1252, or, from old
Mac Excel, MacRoman with CR-only line endings. A file is read all or nothing: a row whose response or
category of action cannot be read is named, and nothing is imported; a recommendation already recorded
(same text, recommending State, session) is reported as already present, not added again."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session

from ..core.errors import DamagedDatabaseError, DatabaseBusyError, DiskFullError, R2PError, ValidationError
from ..core.models import Recommendation as RecommendationModel
from ..core.models import RecommendationMechanism, RecommendationResponse
from ..core.services import records
from ..core.services.recommendations import recorded_keys, same_key
from .spreadsheet_safety import restore
from .table_file import decode

COLUMNS = ("To", "To-Rgrp", "To-Org", "Text", "From", "From-Rgrp", "From-Org", "Response", "Action", "Issue",
           "Session")
REQUIRED = ("To", "Text", "From", "Response", "Session")
# The responses found in exports, as the app names them (the UPR now says "noted" for "rejected").
RESPONSES = {
    "supported": RecommendationResponse.ACCEPTED, "accepted": RecommendationResponse.ACCEPTED,
    "partially accepted": RecommendationResponse.PARTIALLY_ACCEPTED,
    "partially supported": RecommendationResponse.PARTIALLY_ACCEPTED,
    "noted": RecommendationResponse.NOTED, "rejected": RecommendationResponse.NOTED,
    "pending": RecommendationResponse.PENDING, "": RecommendationResponse.PENDING,
}
_KNOWN_RESPONSES = "Supported, Accepted, Partially accepted, Noted, Rejected, Pending or empty"


@dataclass(frozen=True)
class UprRow:
    number: int  # the spreadsheet row, the header being row 1
    cells: dict[str, str]  # by column name as COLUMNS spell it


def read_rows(path: Path) -> tuple[list[UprRow], str]:
    """The data rows of a UPR Info export and the encoding it was read in; R2PError for a file that is
    not one (naming what is missing)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise R2PError(f"cannot read {path}: {exc.strerror}") from None
    if not data.strip():
        raise R2PError(f"{path.name} is empty; a UPR Info export starts with the columns {', '.join(REQUIRED)}")
    text, encoding = decode(data)
    if "\x00" in text:
        raise R2PError(f"{path.name} is not a text file (it holds zero bytes); export the database as CSV")
    first_line = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    delimiter = max((",", ";", "\t"), key=lambda d: len(_known(next(csv.reader([first_line], delimiter=d), []))))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)  # any line ending, CR alone too
    try:
        header = [name.strip() for name in next(reader)]
        by_name = _known(header)
        missing = [name for name in REQUIRED if name not in by_name]
        if missing:
            are = "is" if len(missing) == 1 else "are"
            raise R2PError(f"{path.name}: row 1: the column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                           f"{are} missing; a UPR Info export has the columns {', '.join(COLUMNS)}")
        rows = []
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            rows.append(UprRow(number, {name: restore(cells[index].strip()) if index < len(cells) else ""
                                        for name, index in by_name.items()}))
    except csv.Error as error:
        raise R2PError(f"{path.name}: row {reader.line_num}: {error}") from None
    return rows, encoding


def is_upr_info(path: Path) -> bool:
    """Whether the file's first line names the columns of a UPR Info export (To, Text, From, ...)."""
    try:
        with Path(path).open("rb") as handle:
            text, _ = decode(handle.read(65536))
    except OSError:
        return False
    first_line = re.split(r"\r\n|\r|\n", text, maxsplit=1)[0]
    return any(all(name in _known(next(csv.reader([first_line], delimiter=d), [])) for name in REQUIRED)
               for d in (",", ";", "\t"))


def _known(header: list[str]) -> dict[str, int]:
    """The position of each known column in `header`, matched whatever its case and spacing."""
    wanted = {name.casefold(): name for name in COLUMNS}
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        known = wanted.get(re.sub(r"\s+", "", name.lstrip("\ufeff")).casefold())
        if known is not None and known not in found:
            found[known] = index
    return found


def cycle_of(session: str) -> str:
    """'UPR 13', 'Session 13', '13th session' -> '13'; text without a number as it is."""
    number = re.search(r"\d+", session)
    return number.group() if number else session.strip()


def themes_of(issue: str) -> list[str]:
    return list(dict.fromkeys(theme.strip() for theme in issue.split(",") if theme.strip()))


@dataclass
class RecommendationImport:
    """What an import added, or would add in a dry run; `errors` name the row and column."""

    encoding: str = ""
    imported: int = 0
    created_ids: list[int] = field(default_factory=list)  # the recommendations added (none in a dry run)
    already_present: list[str] = field(default_factory=list)  # "row 7: already recorded (#12)"
    other_states: int = 0  # rows addressed to another State than --state
    errors: list[str] = field(default_factory=list)


def _values(row: UprRow, errors: list[str]) -> dict[str, object] | None:
    """The recommendation's values from one row; None, with the row's problems added to `errors`, if it has any."""
    cells, problems = row.cells, []
    response = RESPONSES.get(" ".join(cells.get("Response", "").split()).casefold())
    if response is None:
        problems.append(f"column Response: '{cells['Response']}' is not a response this import knows "
                        f"({_KNOWN_RESPONSES})")
    action_text = cells.get("Action", "")
    action = int(action_text) if action_text.isdigit() and 1 <= int(action_text) <= 5 else None
    if action_text and action is None:
        problems.append(f"column Action: '{action_text}' is not a category of action from 1 to 5")
    if not cells["Text"]:
        problems.append("column Text: the text of the recommendation is empty")
    errors += [f"row {row.number}, {problem}" for problem in problems]
    if problems or response is None:
        return None
    return {
        "mechanism": RecommendationMechanism.UPR.value, "cycle": cycle_of(cells["Session"]),
        "state": cells["To"], "recommended_by": cells["From"], "text": cells["Text"],
        "themes": themes_of(cells.get("Issue", "")), "response": response.value, "action_category": action,
    }


def import_recommendations(session: Session, path: Path, *, state: str | None = None,
                           dry_run: bool = False) -> RecommendationImport:
    """Add the recommendations of the UPR Info export at `path` (only those to `state`, if given), or
    none: any error leaves the database unchanged. A dry run checks everything and rolls back."""
    rows, encoding = read_rows(path)
    report = RecommendationImport(encoding=encoding)
    wanted = " ".join(state.split()).casefold() if state else None
    recorded = recorded_keys(session)
    in_file: dict[tuple[str, str, str], int] = {}
    for row in rows:
        if wanted is not None and " ".join(row.cells["To"].split()).casefold() != wanted:
            report.other_states += 1
            continue
        values = _values(row, report.errors)
        if values is None:
            continue
        key = same_key(str(values["text"]), str(values["recommended_by"]), str(values["cycle"]))
        if key in recorded:
            report.already_present.append(f"row {row.number}: already recorded (recommendation #{recorded[key]})")
            continue
        if key in in_file:
            report.already_present.append(f"row {row.number}: the same as row {in_file[key]}")
            continue
        in_file[key] = row.number
        savepoint = session.begin_nested()
        try:
            created = records.create(session, RecommendationModel, values)
            savepoint.commit()
            report.imported += 1
            report.created_ids.append(created)
        except ValidationError as error:
            savepoint.rollback()
            report.errors += [f"row {row.number}, column {name}: {message}" for name, message in error.errors.items()]
        except (DiskFullError, DatabaseBusyError, DamagedDatabaseError):
            raise  # not a row's fault: stop here
        except R2PError as error:
            savepoint.rollback()
            report.errors.append(f"row {row.number}: {error}")
    if state and not report.imported and not report.already_present and not report.errors:
        named = sorted({row.cells["To"] for row in rows if row.cells["To"]})
        report.errors.append(f"no row is addressed to {state}; the file's States are: {', '.join(named[:10])}"
                             + (f" and {len(named) - 10} more" if len(named) > 10 else ""))
    if report.errors or dry_run:
        session.rollback()
        report.created_ids.clear()
    else:
        session.commit()
    return report


def summary_lines(report: RecommendationImport, *, dry_run: bool) -> list[str]:
    """What an import without errors added (or, in a dry run, would add): the count and the encoding,
    the rows already recorded, and how many were addressed to other States. The command line and the
    Recommendations view print the same lines."""
    plural = "" if report.imported == 1 else "s"
    lines = [f"{'Would import' if dry_run else 'Imported'} {report.imported} recommendation{plural} "
             f"(read as {report.encoding})."]
    if report.already_present:
        lines.append(f"{len(report.already_present)} already recorded, not added again:")
        lines += [f"  {line}" for line in report.already_present]
    if report.other_states:
        rows = "1 row addressed to another State" if report.other_states == 1 else \
            f"{report.other_states} rows addressed to other States"
        lines.append(f"Left out {rows}.")
    return lines
