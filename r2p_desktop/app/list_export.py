"""What a list view shows, taken elsewhere: "Export this list…" writes its rows, in the order and the
columns shown, as CSV or XLSX through `exchange.table_file`; copying rows gives the same cells as
tab-separated text (for a spreadsheet) and as an HTML table (for a word processor).

The views hand over plain values (the text they show, dates and numbers where the table holds them), so
nothing here knows Qt and nothing in the views knows the file formats."""

from __future__ import annotations

import html
import io
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from ..core.errors import DiskFullError, R2PError, is_disk_full
from ..exchange.spreadsheet_safety import SpreadsheetWriter
from ..exchange.table_file import Sheet, write_table

Cell = str | int | float | Decimal | date | None
FORMATS = ("csv", "xlsx")


def export_list(path: Path, name: str, header: Sequence[str], rows: Sequence[Sequence[Cell]], *,
                format: str) -> int:
    """Write `rows` under `header` to `path` (a sheet called `name` in a workbook); the number of rows.
    Raises R2PError in one line (the folder is gone, the disk is full), leaving any old file as it was."""
    path = Path(path)
    try:
        return write_table(path, [Sheet(name, list(header), rows)], format=format)[0]
    except OSError as error:
        raise _file_error(error, path) from None


def _file_error(error: OSError, path: Path) -> R2PError:
    if is_disk_full(error):
        return DiskFullError(f"the disk is full: {path.name} was not saved")
    if isinstance(error, FileNotFoundError):
        return R2PError(f"the folder {path.parent} does not exist: {path.name} was not saved")
    if isinstance(error, PermissionError):
        return R2PError(f"you may not write to {path.parent}: {path.name} was not saved")
    return R2PError(f"{path.name} could not be saved: {error.strerror or error}")


def tab_separated(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """The rows as a spreadsheet reads pasted text: tabs between cells, CRLF between rows, a cell holding
    a tab, a line break or a quote in double quotes (quotes doubled), a formula sign neutralised."""
    buffer = io.StringIO()
    writer = SpreadsheetWriter(buffer, "excel-tab")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


# Excel, which pastes the HTML when there is some, would start a new row at a plain <br>.
_LINE_BREAK = '<br style="mso-data-placement:same-cell">'


def html_table(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """The rows as an HTML table with a header row, every text escaped and line breaks kept in the cell."""
    def cell(tag: str, value: Cell) -> str:
        lines = html.escape("" if value is None else str(value)).splitlines()
        return f"<{tag}>{_LINE_BREAK.join(lines)}</{tag}>"

    heading = "".join(cell("th", name) for name in header)
    lines = ['<meta charset="utf-8">', "<table>", f"<thead><tr>{heading}</tr></thead>", "<tbody>"]
    lines += ["<tr>" + "".join(cell("td", value) for value in row) + "</tr>" for row in rows]
    lines += ["</tbody>", "</table>"]
    return "\n".join(lines)
