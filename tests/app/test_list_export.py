"""Export this list and copied rows without Qt: the text a spreadsheet reads back cell for cell, the HTML a
word processor reads as a table, and a file that cannot be written refused in one line."""

from __future__ import annotations

import csv
import io
from datetime import date

import pytest

from r2p_desktop.app import list_export
from r2p_desktop.core.errors import R2PError
from r2p_desktop.exchange.table_file import read_table

HEADER = ["Reference", "Title", "Tabled"]
ROWS = [
    ["WQ 1", 'Tabs\tand "quotes"', date(2025, 1, 31)],
    ["WQ 2", "Two\nlines\r\nand three", None],
    ["WQ 3", "=HYPERLINK(\"http://example.org\")", date(2024, 12, 1)],
]


def test_pasted_text_reads_back_one_cell_per_column():
    text = list_export.tab_separated(HEADER, ROWS)
    assert text.endswith("\r\n") and text.count("\t") >= 8
    cells = list(csv.reader(io.StringIO(text, newline=""), dialect="excel-tab"))
    assert cells[0] == HEADER
    assert cells[1] == ["WQ 1", 'Tabs\tand "quotes"', "2025-01-31"]
    assert cells[2] == ["WQ 2", "Two\nlines\r\nand three", ""]
    # A pasted formula would run in the spreadsheet: it arrives as text, as in the CSV exports.
    assert cells[3][1] == "'=HYPERLINK(\"http://example.org\")"


def test_the_html_is_a_table_of_escaped_text():
    html = list_export.html_table(["<Ref>", "A & B"], [["<script>x</script>", "one\ntwo"]])
    assert html.count("<table>") == 1 and html.endswith("</table>")
    assert "<th>&lt;Ref&gt;</th><th>A &amp; B</th>" in html
    # The line break stays inside its cell in Excel too.
    assert '<td>&lt;script&gt;x&lt;/script&gt;</td><td>one<br style="mso-data-placement:same-cell">two</td>' in html
    assert "<script>" not in html


@pytest.mark.parametrize("format", list_export.FORMATS)
def test_export_writes_the_rows_given(tmp_path, format):
    out = tmp_path / f"list.{format}"
    assert list_export.export_list(out, "Questions", HEADER, ROWS, format=format) == 3
    table = read_table(out)
    assert table.header == HEADER
    second = "Two\nlines\r\nand three"  # a workbook keeps a CR too: written _x000D_, as Excel does
    assert [cells for _, cells in table.rows] == [
        ["WQ 1", 'Tabs\tand "quotes"', "2025-01-31"], ["WQ 2", second, ""],
        ["WQ 3", "=HYPERLINK(\"http://example.org\")", "2024-12-01"]]


def test_a_missing_folder_is_one_line_and_no_file(tmp_path):
    with pytest.raises(R2PError) as refused:
        list_export.export_list(tmp_path / "gone" / "list.csv", "Questions", HEADER, ROWS, format="csv")
    assert str(refused.value) == f"the folder {tmp_path / 'gone'} does not exist: list.csv was not saved"
    assert not (tmp_path / "gone").exists()


def test_an_old_file_stays_when_the_new_one_fails(tmp_path):
    out = tmp_path / "list.csv"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(R2PError):
        list_export.export_list(out, "Questions", HEADER, ROWS, format="pdf")
    assert out.read_text(encoding="utf-8") == "old"
