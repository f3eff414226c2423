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
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from itertools import count
from pathlib import Path
from typing import Any, TextIO

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


class TableStream:
    """A table read a row at a time (see open_table), so a file of any size takes little memory. What
    was detected is complete, and every warning said, once the rows have been read."""

    def __init__(self, header: list[str], rows: Iterator[tuple[int, list[str]]], detected: Callable[[], str],
                 warnings: list[str]):
        self.header, self.rows, self._detected, self.warnings = header, rows, detected, warnings

    @property
    def detected(self) -> str:
        return self._detected()


@dataclass(frozen=True)
class Sheet:
    name: str
    header: Sequence[str]
    rows: Iterable[Sequence[object]]


RowTest = Callable[[list[str], list[str]], bool]  # (header, cells): whether a line reads as a whole row
_CHUNK = 1 << 20  # bytes read at a time
_HEAD = 256 * 1024  # the first bytes, to tell a workbook from text and guess the encoding


def _undecodable_at(chunks: Iterable[bytes], encoding: str) -> int | None:
    """Where in `chunks` (the bytes of a file, in order) the first byte `encoding` cannot read is; None
    when it reads them all. Decoded a chunk at a time and thrown away: only whether it can be read."""
    decoder = codecs.getincrementaldecoder(encoding)()
    offset = 0
    try:
        for chunk in chunks:
            decoder.decode(chunk)
            offset += len(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError as exc:
        return offset + exc.start
    return None


def _detect_encoding(head: bytes, chunks: Callable[[], Iterable[bytes]]) -> tuple[str, str]:
    """The codec a file's bytes are in and its name to say: a byte-order mark first, then UTF-16
    without a mark (told by its zero bytes), strict UTF-8, and then charset-normalizer's choice among
    the encodings spreadsheets save in (Windows-1252 when it cannot tell). `head` is the file's first
    bytes; `chunks()` gives all of them, for the codec chosen to be tried on the whole file."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if head.startswith(bom):
            if _undecodable_at(chunks(), encoding) is None:
                return encoding, ENCODINGS[encoding]
            break
    sample = head[:4000]
    if len(sample) >= 2 and sample.count(0) * 3 >= len(sample):  # ASCII letters in UTF-16: every other byte 0
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        if _undecodable_at(chunks(), encoding) is None:
            return encoding, "UTF-16"
    if _undecodable_at(chunks(), "utf-8") is None:
        return "utf-8", "UTF-8"
    best = from_bytes(head[:200_000], cp_isolation=_GUESSED).best()
    guess = best.encoding if best is not None else "cp1252"
    if _undecodable_at(chunks(), guess) is None:
        return guess, ENCODINGS.get(guess, guess)
    return "mac_roman", "MacRoman"  # the sample read well but the rest does not: MacRoman reads any byte


def decode(data: bytes) -> tuple[str, str]:
    """The text of `data` and the name of the encoding it was read in (see _detect_encoding)."""
    encoding, name = _detect_encoding(data[:200_000], lambda: (data,))
    return data.decode(encoding), name


def _encoding_named(name: str) -> str:
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise R2PError(f"{name!r} is not an encoding Python knows; try utf-8, cp1252, mac_roman or utf-16") from None


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
    """The quoted cells of the record whose physical lines are `lines`, the first of them line `first`
    (1-based), read the way the csv module reads them, to say where a quote that went wrong was opened."""
    cells: list[_QuotedCell] = []
    column, inside, at_cell_start = 0, None, True
    for number, line in enumerate(lines, start=first):
        i = 0
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


def _quote_trouble(lines: list[str], first: int, header: list[str], delimiter: str, error: csv.Error) -> str:
    """One line about a quote the csv module could not read in the record of `lines` (from line `first`),
    naming the line where the quote was opened."""
    for cell in _quoted_cells(lines, first, delimiter):
        where = f"line {cell.opened}, column {_column_name(header, cell.column)}"
        if cell.closed is None:
            return f"{where}: a quote opened here is never closed"
        if cell.closes_early:
            closes = "" if cell.closed == cell.opened else f" on line {cell.closed}"
            return (f"{where}: a quote opened here closes{closes} before the end of its cell; put the whole "
                    "cell in quotes and write each quote inside it twice")
    return f"line {first + len(lines) - 1}: this is not readable CSV ({error})"


def _refuse_swallowed_rows(name: str, lines: list[str], first: int, header: list[str], delimiter: str,
                           looks_like_row: RowTest) -> None:
    """Refuse a quoted cell that takes in lines which look like whole rows of their own.

    A stray quote at the start of a cell, closed by another stray quote at the end of a cell some rows
    later, silently merges those rows into one cell. Every line after the first of a record lies inside
    a quoted cell; when one of them looks like a row, the quotes are wrong. The last line is left out: it
    ends the cell and holds the rest of the record, which may well look like a row."""
    last = first + len(lines) - 1
    for number in range(first + 1, last):
        cells = next(csv.reader([lines[number - first]], delimiter=delimiter), [])
        if looks_like_row(header, cells):
            cell = next((cell for cell in _quoted_cells(lines, first, delimiter)
                         if cell.opened < number <= (cell.closed or last)), None)
            opened, closed = (cell.opened, cell.closed or last) if cell else (first, last)
            column = f", column {_column_name(header, cell.column)}" if cell else ""
            raise R2PError(f"{name}: line {opened}{column}: a quote opened here closes only on line {closed}, "
                           f"taking in line {number}, which looks like a row of its own; check the quotes on "
                           f"lines {opened} and {closed}")


def _chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            yield chunk


class _Lines:
    """A text file's physical lines, as csv splits them (any line end), keeping those of the record
    being read, to say where a quote went wrong, and counting each kind of line end."""

    def __init__(self, handle: TextIO):
        self.handle = handle
        self.kept: list[str] = []
        self.ends = {"CRLF": 0, "LF": 0, "CR": 0}

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        line = next(self.handle)
        self.kept.append(line)
        if line.endswith("\r\n"):
            self.ends["CRLF"] += 1
        elif line.endswith("\n"):
            self.ends["LF"] += 1
        elif line.endswith("\r"):
            self.ends["CR"] += 1
        return line

    def said(self) -> str:
        return "/".join(name for name, n in self.ends.items() if n) or "no"


def _csv_encoding(path: Path, head: bytes, encoding: str | None) -> tuple[str, str]:
    if not encoding:
        return _detect_encoding(head, lambda: _chunks(path))
    codec = _encoding_named(encoding)
    wrong = _undecodable_at(_chunks(path), codec)
    if wrong is not None:
        raise R2PError(f"{path.name} is not {encoding} text (byte {wrong} cannot be read as it); "
                       "leave out --encoding to have it detected")
    return codec, encoding


@contextmanager
def _open_csv(path: Path, head: bytes, encoding: str | None, delimiter: str | None,
              looks_like_row: RowTest | None) -> Iterator[TableStream]:
    codec, encoding_name = _csv_encoding(path, head, encoding)
    with path.open(encoding=codec, newline="") as handle:
        if not delimiter:
            delimiter = _detect_delimiter(handle.read(100_000).removeprefix("\ufeff"))
            handle.seek(0)
        lines = _Lines(handle)
        reader = csv.reader(lines, delimiter=delimiter, strict=True)  # strict: a quote closing inside a cell
        header = [name.strip() for name in _next_record(path, reader, lines, [], delimiter) or []]
        if header:
            header[0] = header[0].removeprefix("\ufeff")

        def rows() -> Iterator[tuple[int, list[str]]]:
            for number in count(2):
                cells = _next_record(path, reader, lines, header, delimiter)
                if cells is None:
                    return
                if len(lines.kept) > 1 and looks_like_row is not None:
                    _refuse_swallowed_rows(path.name, lines.kept, reader.line_num - len(lines.kept) + 1, header,
                                           delimiter, looks_like_row)
                if not "".join(cells).strip():
                    continue
                if len(cells) > len(header) and "".join(cells[len(header):]).strip():
                    raise R2PError(f"{path.name}: row {number} has {len(cells)} cells but the header has "
                                   f"{len(header)}")
                if any("\x00" in line for line in lines.kept):  # looked for cell by cell only when there is one
                    for position, cell in enumerate(cells[:len(header)]):
                        if "\x00" in cell:
                            raise R2PError(f"{path.name}: row {number}, column {_column_name(header, position)}: "
                                           "holds a NUL character (a zero byte), which no record can hold; remove it")
                # restore only undoes a neutralising apostrophe: most cells have none to look at
                yield number, [restore(cell) if cell[:1] == "'" else cell for cell in cells[:len(header)]]

        def detected() -> str:
            return f"{encoding_name}, {DELIMITERS.get(delimiter, repr(delimiter))} between columns, " \
                   f"{lines.said()} line ends"
        yield TableStream(header, rows(), detected, [])


def _next_record(path: Path, reader: Any, lines: _Lines, header: list[str], delimiter: str) -> list[str] | None:
    """The next record's cells, None at the end; a quote that went wrong is refused naming its line."""
    lines.kept.clear()
    try:
        cells: list[str] = next(reader)
        return cells
    except StopIteration:
        return None
    except csv.Error as error:
        first = reader.line_num - len(lines.kept) + 1
        raise R2PError(f"{path.name}: {_quote_trouble(lines.kept, first, header, delimiter, error)}") from None


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


def _refuse_encrypted(path: Path, head: bytes) -> None:
    if head.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE2 compound file: an encrypted workbook, or an old .xls
        with path.open("rb") as handle:
            head = handle.read(1_000_000)  # where its directory names the encryption's streams
        if "EncryptionInfo".encode("utf-16-le") in head or b"EncryptedPackage" in head:
            raise R2PError(f"{path.name} is protected by a password; open it in your spreadsheet program and "
                           "save a copy without the password")
        raise R2PError(f"{path.name} is an Excel 97-2003 workbook; save it as .xlsx or CSV first")


@contextmanager
def _open_xlsx(path: Path, head: bytes, sheet: str | None) -> Iterator[TableStream]:
    from openpyxl import load_workbook  # a second's import: only for workbooks

    _refuse_encrypted(path, head)
    try:
        values = load_workbook(path, read_only=True, data_only=True)
        formulas = load_workbook(path, read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise R2PError(f"{path.name} is not a readable XLSX workbook ({exc})") from None
    try:
        names = values.sheetnames
        chosen = sheet if sheet in names else names[0]
        warnings: list[str] = []
        pairs = zip(values[chosen].iter_rows(), formulas[chosen].iter_rows(), strict=False)
        first = next(pairs, None)
        header = [_cell_text(cell.value).strip() for cell in first[0]] if first else []
        while header and not header[-1]:
            header.pop()

        def rows() -> Iterator[tuple[int, list[str]]]:
            for number, (cells, written) in enumerate(pairs, start=2):
                texts = [_cell_text(cell.value) for cell in cells]
                for position, cell in enumerate(written):
                    if cell.data_type == "f":
                        warnings.append(f"row {number}, column {_column_name(header, position)}: holds a formula; "
                                        "its last calculated value was imported")
                if any(text.strip() for text in texts):
                    yield number, (texts + [""] * len(header))[:len(header)]

        more = f" (of {len(names)}: {', '.join(names)})" if len(names) > 1 else ""
        yield TableStream(header, rows(), lambda: f"XLSX workbook, sheet {chosen}{more}", warnings)
    finally:
        values.close()
        formulas.close()


def is_workbook(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def _head(path: Path) -> bytes:
    """The first bytes of the file at `path`, after refusing one too large to import or empty."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise R2PError(f"{path.name} is {size / 2**20:,.0f} MB; the largest file that can be imported is "
                           f"{MAX_BYTES // 2**20} MB: split it into smaller files")
        if not any(chunk.strip() for chunk in _chunks(path)):
            raise R2PError(f"{path.name} is empty; its first row must be the header")
        with path.open("rb") as handle:
            return handle.read(_HEAD)
    except OSError as exc:
        raise R2PError(f"cannot read {path}: {exc.strerror}") from None


@contextmanager
def open_table(path: Path, *, encoding: str | None = None, delimiter: str | None = None,
               sheet: str | None = None, looks_like_row: RowTest | None = None) -> Iterator[TableStream]:
    """The header of a CSV or XLSX file (told by its name, or a workbook's zip signature), and its data
    rows as they are read, each with its spreadsheet row number (the header is row 1).

    A workbook is read at `sheet` when it has one of that name (an export of everything has a sheet a
    kind), else at its first. For CSV, `encoding` and `delimiter` override what is detected;
    `looks_like_row` lets the caller refuse a stray quote that swallows rows (see _refuse_swallowed_rows).
    Problems with the file as a whole raise R2PError naming the line, or the row and column: the header's
    on opening, the rows' as they are read."""
    path = Path(path)
    head = _head(path)
    if is_workbook(path) or head.startswith(b"PK\x03\x04") or head.startswith(b"\xd0\xcf\x11\xe0"):
        opened = _open_xlsx(path, head, sheet)
    else:
        if delimiter is not None and len(delimiter) != 1:
            delimiter = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";"}.get(delimiter.lower(), delimiter)
            if len(delimiter) != 1:
                raise R2PError(f"the delimiter must be one character, or tab (not {delimiter!r})")
        opened = _open_csv(path, head, encoding, delimiter, looks_like_row)
    with opened as table:
        if not table.header or not any(table.header):
            raise R2PError(f"{path.name}: row 1 must be the header, naming each column")
        yield table


def read_table(path: Path, *, encoding: str | None = None, delimiter: str | None = None,
               sheet: str | None = None, looks_like_row: RowTest | None = None) -> Table:
    """The whole table of a file, read as open_table reads it, for a small file (imports and the wizard's
    preview read a row at a time)."""
    with open_table(path, encoding=encoding, delimiter=delimiter, sheet=sheet, looks_like_row=looks_like_row) as table:
        rows = list(table.rows)
        return Table(table.header, rows, table.detected, table.warnings)


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
