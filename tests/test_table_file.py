"""Files from anywhere: the encodings, delimiters and line ends spreadsheets and trackers save in are
detected and said; workbooks are read with their formulas' values; files that cannot be read are
refused in one line before anything is imported."""

from __future__ import annotations

import codecs

import pytest
from openpyxl import Workbook

from r2p_desktop.core.errors import R2PError
from r2p_desktop.exchange.table_file import MAX_BYTES, read_table

ROWS = [["reference", "title", "asked_by"], ["WQ-1", "Prévention – «alerte» à l’école", "Élise Martín"],
        ["WQ-2", "Предотвращение геноцида", "Иван Петров"]]


def written(tmp_path, rows, delimiter, ending, encoding, bom=b""):
    path = tmp_path / "tracker.csv"
    text = ending.join(delimiter.join(row) for row in rows) + ending
    path.write_bytes(bom + text.encode(encoding))
    return path


@pytest.mark.parametrize(("encoding", "bom", "delimiter", "ending", "detected"), [
    ("utf-8", codecs.BOM_UTF8, ",", "\r\n", "UTF-8 with a byte-order mark, commas between columns, CRLF line ends"),
    ("utf-8", b"", ";", "\n", "UTF-8, semicolons between columns, LF line ends"),
    ("utf-16-le", codecs.BOM_UTF16_LE, "\t", "\r\n", "UTF-16, tabs between columns, CRLF line ends"),
    ("utf-16-le", b"", "\t", "\n", "UTF-16, tabs between columns, LF line ends"),
])
def test_unicode_files_in_any_shape_are_read_and_said(tmp_path, encoding, bom, delimiter, ending, detected):
    table = read_table(written(tmp_path, ROWS, delimiter, ending, encoding, bom))
    assert table.detected == detected
    assert table.header == ROWS[0] and [cells for _, cells in table.rows] == ROWS[1:]
    assert [number for number, _ in table.rows] == [2, 3]


@pytest.mark.parametrize(("encoding", "ending", "name"), [
    ("cp1252", "\r\n", "Windows-1252"), ("mac_roman", "\r", "MacRoman")])
def test_western_single_byte_files_are_told_apart(tmp_path, encoding, ending, name):
    western = [ROWS[0], ["WQ-1", "Ministère des affaires étrangères – “suivi”", "Élise Martín"],
               ["WQ-2", "Médiation à l’échelle régionale", "François Dupré"]]
    table = read_table(written(tmp_path, western, ";", ending, encoding))
    assert table.detected.startswith(f"{name}, semicolons between columns")
    assert [cells for _, cells in table.rows] == western[1:]


def test_the_encoding_and_delimiter_can_be_given(tmp_path):
    path = written(tmp_path, [["a|b"], ["é|ü"]], ",", "\n", "latin-1")
    table = read_table(path, encoding="latin-1", delimiter="|")
    assert (table.header, table.rows) == (["a", "b"], [(2, ["é", "ü"])])
    with pytest.raises(R2PError, match="not utf-8 text"):
        read_table(path, encoding="utf-8")


def test_a_workbook_formula_comes_in_as_its_value_with_a_warning(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["title", "sitting_minutes"])
    sheet.append(["Annual debate", "=60+90"])
    path = tmp_path / "debates.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.header == ["title", "sitting_minutes"]
    assert table.warnings == ["row 2, column sitting_minutes: holds a formula; its last calculated value was "
                              "imported"]


def test_a_password_protected_workbook_is_refused_in_one_line(tmp_path):
    path = tmp_path / "locked.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + "EncryptionInfo".encode("utf-16-le"))
    with pytest.raises(R2PError, match=r"locked\.xlsx is protected by a password; open it in your spreadsheet"):
        read_table(path)


def test_a_huge_file_is_refused_before_it_is_read(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # sparse: takes no disk space
    with pytest.raises(R2PError, match="largest file that can be imported is 512 MB"):
        read_table(path)


def test_a_file_that_is_not_a_workbook_or_has_no_header_is_refused(tmp_path):
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(R2PError, match=r"broken\.xlsx is not a readable XLSX workbook"):
        read_table(broken)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"\r\n\r\n")
    with pytest.raises(R2PError, match="is empty"):
        read_table(empty)
