"""Tables in files, both ways: CSV in whatever encoding, delimiter and line endings a spreadsheet or
another tracker saved it, and XLSX workbooks (openpyxl). What every import reads through and every
export writes through, so a file from anywhere is read one way and every file we write looks the same.

Reading gives the header and the data rows as text, each with its spreadsheet row number (the header is
row 1), and says what it detected. Writing takes rows of plain values (text, numbers, dates, Money) and
gives CSV (UTF-8 with a byte-order mark, formula signs neutralised) or XLSX (header frozen and bold,
dates as dates, amounts as numbers in their currency's format, columns sized to their contents)."""

from __future__ import annotations

import codecs
import csv
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import count
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from ..core.errors import R2PError
from ..core.money import minor_digits
from ..core.safe_file import replaced_on_success
from .spreadsheet_safety import SpreadsheetWriter, restore

MAX_BYTES = 512 * 1024 * 1024  # refused before reading: no table a committee keeps is near this
DELIMITERS = {",": "commas", ";": "semicolons", "\t": "tabs"}
ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with a byte-order mark", "utf-16": "UTF-16",
             "cp1252": "Windows-1252", "mac_roman": "MacRoman", "cp1251": "Windows-1251", "cp1256": "Windows-1256",
             "gb18030": "GB18030"}
# The single-byte and Chinese encodings spreadsheets save the UN languages in, for charset-normalizer to
# choose among: asked to choose among all it knows, it takes short French text for Central European.
_GUESSED = ["cp1252", "mac_roman", "cp1251", "cp1256", "gb18030"]
XLSX_CELL_LIMIT = 32767  # characters Excel shows in one cell; longer text survives our round trip only

csv.field_size_limit(2**31 - 1)  # answers can be very long; Python refuses fields over 128 KiB by default


@dataclass(frozen=True)
class Money:
    """An amount for a spreadsheet: written as a number in its currency's format."""

    amount: Decimal
    currency: str


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells as text)
    detected: str  # "Windows-1252, semicolons between columns, CRLF line ends" or "XLSX, sheet Questions"
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Sheet:
    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[object]]


RowTest = Callable[[list[str], list[str]], bool]  # (header, cells): whether a line reads as a whole row


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the name of the encoding it was read in: a byte-order mark first, then
    UTF-16 without a mark (told by its zero bytes), strict UTF-8, and then charset-normalizer's choice
    among the encodings spreadsheets save in (Windows-1252 when it cannot tell)."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), ENCODINGS[encoding]
            except UnicodeDecodeError:
                break
    sample = data[:4000]
    if len(sample) >= 2 and sample.count(0) * 3 >= len(sample):  # ASCII letters in UTF-16: every other byte 0
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(encoding), "UTF-16"
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:200_000], cp_isolation=_GUESSED).best()
    guess = best.encoding if best is not None else "cp1252"
    try:
        return data.decode(guess), ENCODINGS.get(guess, guess)
    except UnicodeDecodeError:  # the sample read well but the rest does not: MacRoman reads any byte
        return data.decode("mac_roman"), "MacRoman"


def _encoding_named(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise R2PError(f"{name!r} is not an encoding Python knows; try utf-8, cp1252, mac_roman or utf-16") from None


def _line_ends(text: str) -> str:
    crlf = text.count("\r\n")
    lf, cr = text.count("\n") - crlf, text.count("\r") - crlf
    ends = [name for name, n in (("CRLF", crlf), ("LF", lf), ("CR", cr)) if n]
    return "/".join(ends) or "no"


def _detect_delimiter(text: str) -> str:
    """The delimiter that splits the first rows into the same number of cells as the header, and the
    most of them; commas when none splits the header."""
    def consistency(delimiter: str) -> tuple[int, int]:
        reader = csv.reader(io.StringIO(text[:100_000], newline=""), delimiter=delimiter)
        try:
            rows = [row for _, row in zip(range(30), reader, strict=False)]
        except csv.Error:
            return (0, 0)
        if not rows or len(rows[0]) < 2:
            return (0, 0)
        width = len(rows[0])
        return (sum(1 for row in rows if len(row) == width or not any(row)), width)

    scores = {delimiter: consistency(delimiter) for delimiter in DELIMITERS}
    best = max(scores, key=lambda d: scores[d])
    return best if scores[best][1] else ","


@dataclass
class _QuotedCell:
    column: int  # 0-based position in its row
    opened: int  # physical line of the opening quote
    closed: int | None = None  # physical line of the closing quote; None when it never closes
    closes_early: bool = False  # the closing quote is followed by more of the cell


def _quoted_cells(lines: list[str], first: int, delimiter: str) -> list[_QuotedCell]:
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
                    inside.closed = number
                    inside.closes_early = line[i + 1:i + 2] not in ("", delimiter, "\r", "\n")
                    inside, at_cell_start = None, False
            elif char == '"' and at_cell_start:
                inside, at_cell_start = _QuotedCell(column, number), False
                cells.append(inside)
            elif char == delimiter:
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


def _quote_trouble(lines: list[str], first: int, last: int, header: list[str], delimiter: str,
                   error: csv.Error) -> str:
    """One line about a quote the csv module could not read, naming the line where the quote was opened."""
    for cell in _quoted_cells(lines, first, delimiter):
        where = f"line {cell.opened}, column {_column_name(header, cell.column)}"
        if cell.closed is None:
            return f"{where}: a quote opened here is never closed"
        if cell.closes_early:
            closes = "" if cell.closed == cell.opened else f" on line {cell.closed}"
            return (f"{where}: a quote opened here closes{closes} before the end of its cell; put the whole "
                    "cell in quotes and write each quote inside it twice")
    return f"line {last}: this is not readable CSV ({error})"


def _refuse_swallowed_rows(name: str, lines: list[str], first: int, last: int, header: list[str],
                           delimiter: str, looks_like_row: RowTest) -> None:
    """Refuse a quoted cell that takes in lines which look like whole rows of their own.

    A stray quote at the start of a cell, closed by another stray quote at the end of a cell some rows
    later, silently merges those rows into one cell. Every line after the first of a record lies inside
    a quoted cell; when one of them looks like a row, the quotes are wrong. The last line is left out: it
    ends the cell and holds the rest of the record, which may well look like a row."""
    for number in range(first + 1, last):
        cells = next(csv.reader([lines[number - 1]], delimiter=delimiter), [])
        if looks_like_row(header, cells):
            cell = next((cell for cell in _quoted_cells(lines, first, delimiter)
                         if cell.opened < number <= (cell.closed or last)), None)
            opened, closed = (cell.opened, cell.closed or last) if cell else (first, last)
            column = f", column {_column_name(header, cell.column)}" if cell else ""
            raise R2PError(f"{name}: line {opened}{column}: a quote opened here closes only on line {closed}, "
                           f"taking in line {number}, which looks like a row of its own; check the quotes on "
                           f"lines {opened} and {closed}")


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise R2PError(f"{path.name} is {size / 2**20:,.0f} MB; the largest file that can be imported is "
                           f"{MAX_BYTES // 2**20} MB: split it into smaller files")
        return path.read_bytes()
    except OSError as exc:
        raise R2PError(f"cannot read {path}: {exc.strerror}") from None


def _read_csv(path: Path, data: bytes, encoding: str | None, delimiter: str | None,
              looks_like_row: RowTest | None) -> Table:
    if encoding:
        try:
            text, encoding_name = data.decode(_encoding_named(encoding)), encoding
        except UnicodeDecodeError as exc:
            raise R2PError(f"{path.name} is not {encoding} text (byte {exc.start} cannot be read as it); "
                           "leave out --encoding to have it detected") from None
        text = text.removeprefix("\ufeff")
    else:
        text, encoding_name = decode(data)
    delimiter = delimiter or _detect_delimiter(text)
    lines = io.StringIO(text, newline="").readlines()  # physical lines, any line end, as csv splits them
    reader = csv.reader(lines, delimiter=delimiter, strict=True)  # strict: a quote closing inside a cell
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    for number in count(1):
        first = reader.line_num + 1  # the physical line this record starts on
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            trouble = _quote_trouble(lines, first, reader.line_num, header, delimiter, error)
            raise R2PError(f"{path.name}: {trouble}") from None
        if number == 1:
            header = [name.strip() for name in cells]
            continue
        if reader.line_num > first and looks_like_row is not None:
            _refuse_swallowed_rows(path.name, lines, first, reader.line_num, header, delimiter, looks_like_row)
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            raise R2PError(f"{path.name}: row {number} has {len(cells)} cells but the header has {len(header)}")
        for position, cell in enumerate(cells[:len(header)]):
            if "\x00" in cell:
                raise R2PError(f"{path.name}: row {number}, column {_column_name(header, position)}: holds a NUL "
                               "character (a zero byte), which no record can hold; remove it")
        rows.append((number, [restore(cell) for cell in cells[:len(header)]]))
    detected = f"{encoding_name}, {DELIMITERS.get(delimiter, repr(delimiter))} between columns, " \
               f"{_line_ends(text)} line ends"
    return Table(header, rows, detected)


_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")  # what XML 1.0 cannot hold, and CR, which it reads as LF


def _xlsx_text(text: str) -> str:
    """Text as an XLSX cell holds it: characters XML cannot carry written _xHHHH_, as Excel does, and a
    literal _xHHHH_ with its underscore escaped, so reading gives the text back exactly."""
    text = _ESCAPED.sub(lambda m: "_x005F" + m.group(0), text)
    return _UNWRITABLE.sub(lambda m: f"_x{ord(m.group()):04X}_", text)


def _from_xlsx_text(text: str) -> str:
    return _ESCAPED.sub(lambda m: chr(int(m.group(1), 16)), text)


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return _from_xlsx_text(value)
    return str(value)


def _refuse_encrypted(path: Path, data: bytes) -> None:
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE2 compound file: an encrypted workbook, or an old .xls
        if "EncryptionInfo".encode("utf-16-le") in data[:1_000_000] or b"EncryptedPackage" in data[:1_000_000]:
            raise R2PError(f"{path.name} is protected by a password; open it in your spreadsheet program and "
                           "save a copy without the password")
        raise R2PError(f"{path.name} is an Excel 97-2003 workbook; save it as .xlsx or CSV first")


def _read_xlsx(path: Path, data: bytes, sheet: str | None) -> Table:
    from openpyxl import load_workbook  # a second's import: only for workbooks

    _refuse_encrypted(path, data)
    try:
        values = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise R2PError(f"{path.name} is not a readable XLSX workbook ({exc})") from None
    names = values.sheetnames
    chosen = sheet if sheet in names else names[0]
    warnings: list[str] = []
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    pairs = zip(values[chosen].iter_rows(), formulas[chosen].iter_rows(), strict=False)
    for number, (cells, written) in enumerate(pairs, start=1):
        texts = [_cell_text(cell.value) for cell in cells]
        for position, cell in enumerate(written):
            if cell.data_type == "f" and number > 1:
                warnings.append(f"row {number}, column {_column_name(header, position)}: holds a formula; its "
                                "last calculated value was imported")
        if number == 1:
            header = [text.strip() for text in texts]
            while header and not header[-1]:
                header.pop()
            continue
        if any(text.strip() for text in texts):
            rows.append((number, (texts + [""] * len(header))[:len(header)]))
    values.close()
    formulas.close()
    more = f" (of {len(names)}: {', '.join(names)})" if len(names) > 1 else ""
    return Table(header, rows, f"XLSX workbook, sheet {chosen}{more}", warnings)


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def read_table(path: Path, *, encoding: str | None = None, delimiter: str | None = None,
               sheet: str | None = None, looks_like_row: RowTest | None = None) -> Table:
    """The header and data rows of a CSV or XLSX file (told by its name, or a workbook's zip signature).

    A workbook is read at `sheet` when it has one of that name (an export of everything has a sheet a
    kind), else at its first. For CSV, `encoding` and `delimiter` override what is detected;
    `looks_like_row` lets the caller refuse a stray quote that swallows rows (see _refuse_swallowed_rows).
    Problems with the file as a whole raise R2PError naming the line, or the row and column."""
    path = Path(path)
    data = _read_bytes(path)
    if not data.strip():
        raise R2PError(f"{path.name} is empty; its first row must be the header")
    if is_workbook(path) or data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        table = _read_xlsx(path, data, sheet)
    else:
        if delimiter is not None and len(delimiter) != 1:
            delimiter = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}.get(delimiter.lower(), delimiter)
            if len(delimiter) != 1:
                raise R2PError(f"the delimiter must be one character, or tab (not {delimiter!r})")
        table = _read_csv(path, data, encoding, delimiter, looks_like_row)
    if not table.header or not any(table.header):
        raise R2PError(f"{path.name}: row 1 must be the header, naming each column")
    return table


# Writing.

def _width(values: Iterable[object]) -> float:
    longest = max((len(_cell_text(v)) for v in values), default=0)
    return min(max(longest, 6) + 2, 60)


def _money_format(currency: str) -> str:
    digits = minor_digits(currency)
    return f'#,##0{"." + "0" * digits if digits else ""} "{currency}"'


def _write_sheet(sheet: Any, header: Sequence[str], rows: list[Sequence[object]]) -> None:
    """One sheet of a write-only workbook (whose stubs know neither its column sizes nor every value a
    cell takes: hence Any)."""
    from openpyxl.cell import WriteOnlyCell as Cell

    WriteOnlyCell: Any = Cell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    for position, name in enumerate(header):
        sample = [name, *(row[position] for row in rows[:500])]
        sheet.column_dimensions[get_column_letter(position + 1)].width = _width(sample)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    heading = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=_xlsx_text(name))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for row in rows:
        cells = []
        for value in row:
            if isinstance(value, Money):
                cell = WriteOnlyCell(sheet, value=value.amount)
                cell.number_format = _money_format(value.currency)
            elif isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = "yyyy-mm-dd"
            elif isinstance(value, bool | int | float | Decimal) or value is None:
                cell = WriteOnlyCell(sheet, value=value)
            else:
                cell = WriteOnlyCell(sheet, value=_xlsx_text(str(value)))
                cell.data_type = "s"  # text that starts with "=" stays text, never a formula
            cells.append(cell)
        sheet.append(cells)


def _csv_value(value: object) -> object:
    if isinstance(value, Money):
        return f"{value.amount:.{minor_digits(value.currency)}f}"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, date):
        return value.isoformat()
    return value


def write_table(path: Path, sheets: Sequence[Sheet], *, format: str = "csv", shared: bool = True) -> list[int]:
    """Write `sheets` to `path` as CSV (one sheet only) or XLSX (one sheet each), beside it and then moved
    into place, so a failure leaves any old file as it was; the number of rows of each sheet.
    `shared=False` makes the file readable by its owner only (it holds restricted records)."""
    if format not in ("csv", "xlsx"):
        raise R2PError(f"the format must be csv or xlsx (not {format!r})")
    if format == "csv" and len(sheets) != 1:
        raise R2PError("a CSV file holds one kind of record; export several kinds as xlsx")
    counts: list[int] = []
    with replaced_on_success(Path(path), shared=shared) as partial:
        if format == "csv":
            with partial.open("w", encoding="utf-8-sig", newline="") as handle:
                writer = SpreadsheetWriter(handle)
                writer.writerow(sheets[0].header)
                written = 0
                for row in sheets[0].rows:
                    writer.writerow(_csv_value(value) for value in row)
                    written += 1
                counts.append(written)
        else:
            from openpyxl import Workbook

            book = Workbook(write_only=True)
            for sheet in sheets:
                rows = list(sheet.rows)
                _write_sheet(book.create_sheet(_sheet_title(sheet.name)), sheet.header, rows)
                counts.append(len(rows))
            book.save(partial)
    return counts


def _sheet_title(name: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    return re.sub(r"[\[\]:*?/\\]", " ", name)[:31] or "Sheet"
