"""Copying rows, "Export this list…" and the column chooser, on the real window over a real database: what
lands on the clipboard and in the file is exactly the rows, columns and order the clerk sees."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from clerk_actions import answer_next_message
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from r2p_desktop.core.models import BudgetItem, Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.core.services.questions import QuestionFilter
from r2p_desktop.exchange.table_file import read_table
from r2p_desktop.ui.main_window import MainWindow
from r2p_desktop.ui.models import question_table_model as qtm

MARKUP_TITLE = 'Safe <b>zones</b> & "corridors"\tfor civilians\nsecond line'


class _Tables(HTMLParser):
    """The header and data cells of the HTML on the clipboard, as a word processor reads them."""

    def __init__(self):
        super().__init__()
        self.header: list[str] = []
        self.rows: list[list[str]] = []
        self.tables = 0
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "table":
            self.tables += 1
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            (self.header if tag == "th" else self.rows[-1]).append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _shown(table, rows):
    """The cells of `rows` as the table shows them, column by column in the order shown."""
    model = table.model()
    return [["" if (v := model.index(row, column).data()) is None else str(v) for column in table.shown_columns()]
            for row in rows]


def _select(table, rows):
    model, selection = table.model(), QItemSelection()
    for row in rows:
        selection.select(model.index(row, 0), model.index(row, model.columnCount() - 1))
    table.selectionModel().select(selection, QItemSelectionModel.SelectionFlag.ClearAndSelect)


@pytest.fixture
def questions_view(main_window, database, add_questions):
    add_questions(12)
    with database.session() as session:
        records.create(session, Question, {
            "reference": "WQ <99>", "title": MARKUP_TITLE, "status": "tabled", "date_tabled": date(2025, 3, 4),
            "asked_by_id": directory.person_or_new(session, "Amina Okafor")})
        session.commit()
    main_window.show_view(main_window.views.index(main_window.questions_view))
    view = main_window.questions_view
    view.refresh()
    return view


def test_ctrl_c_copies_the_selected_rows_as_cells_and_as_a_table(qtbot, questions_view):
    table = questions_view.table
    markup_row = questions_view.model.row_of(next(
        questions_view.model.record_id(r) for r in range(questions_view.model.rowCount())
        if questions_view.model.index(r, qtm.REFERENCE).data() == "WQ <99>"))
    rows = sorted({1, 3, markup_row})
    table.setColumnHidden(qtm.ADDRESSED_TO, True)
    table.horizontalHeader().moveSection(qtm.STATUS, 0)  # the clerk dragged Status to the front
    _select(table, rows)
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)

    mime = QApplication.clipboard().mimeData()
    header = ["Status", "Reference", "Title", "Asked by", "Tabled", "Answer due", "Days overdue"]
    expected = _shown(table, rows)
    assert expected[rows.index(markup_row)][2] == MARKUP_TITLE
    # Pasted into a spreadsheet: one row per question, one cell per column, the long title one cell.
    pasted = list(csv.reader(io.StringIO(mime.text(), newline=""), dialect="excel-tab"))
    assert pasted == [header, *expected]
    assert '"Safe <b>zones</b> & ""corridors""\tfor civilians\nsecond line"' in mime.text()
    # Pasted into a word processor: a table with a header row, the markup arriving as text.
    assert mime.hasHtml()
    html = mime.html()
    assert "&lt;b&gt;zones&lt;/b&gt; &amp; &quot;corridors&quot;" in html and "<b>" not in html
    parsed = _Tables()
    parsed.feed(html)
    assert parsed.tables == 1 and parsed.header == header and parsed.rows[1:] == expected


def test_copying_rows_not_yet_read_copies_their_text(qtbot, main_window, add_questions):
    add_questions(3 * qtm.PAGE_SIZE + 10)
    main_window.show_view(main_window.views.index(main_window.questions_view))
    view = main_window.questions_view
    view.refresh()
    model, table = view.model, view.table
    model.reload()  # nothing cached: the rows below are read only when copied
    before = model.pages_loaded
    rows = list(range(2 * qtm.PAGE_SIZE + 5, 2 * qtm.PAGE_SIZE + 9))
    _select(table, rows)
    assert table.copy_selection()
    assert model.pages_loaded > before
    pasted = list(csv.reader(io.StringIO(QApplication.clipboard().text(), newline=""), dialect="excel-tab"))
    references = [row[qtm.REFERENCE] for row in pasted[1:]]
    assert len(references) == 4 and all(re.fullmatch(r"WQ \d{5}", r) for r in references)
    assert references == [model.index(row, qtm.REFERENCE).data() for row in rows]
    assert all(row[qtm.TITLE].startswith("Question ") for row in pasted[1:])


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_export_this_list_writes_the_rows_shown_in_their_order(questions_view, tmp_path, format):
    questions_view.show_questions(QuestionFilter(text="atrocity"))
    table = questions_view.table
    table.sortByColumn(qtm.TITLE, Qt.SortOrder.AscendingOrder)
    table.setColumnHidden(qtm.DAYS_OVERDUE, True)
    shown_rows = questions_view.model.rowCount()
    assert 0 < shown_rows < 13  # the filter left the markup question out

    out = tmp_path / f"questions.{format}"
    assert table.export_list(out) == shown_rows
    written = read_table(out)
    assert written.header == ["Reference", "Title", "Asked by", "Addressed to", "Tabled", "Answer due", "Status"]
    expected = _shown(table, range(shown_rows))
    assert [cells for _, cells in written.rows] == expected
    titles = [cells[1] for cells in expected]
    assert titles == sorted(titles)


def test_export_dates_are_dates_in_the_workbook(questions_view, tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "questions.xlsx"
    questions_view.table.export_list(out)
    sheet = load_workbook(out).active
    assert sheet.title == "Questions"
    tabled = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert date(2025, 3, 4) in [value.date() if value else None for value in tabled]


def test_export_from_the_file_menu_asks_for_the_file(questions_view, main_window, settings, monkeypatch, tmp_path):
    out = tmp_path / "chosen"
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *args, **kwargs: (str(out), "Excel workbook (*.xlsx)"))
    questions_view.table.setFocus()
    main_window.export_list_action.trigger()
    written = read_table(tmp_path / "chosen.xlsx")
    assert len(written.rows) == questions_view.model.rowCount() == 13
    assert "Exported 13 rows" in main_window.statusBar().currentMessage()
    assert settings.value("list_export/folder") == str(tmp_path)  # where the next list is offered to go


def test_a_folder_that_is_gone_is_one_line(questions_view, tmp_path):
    asked = answer_next_message(QMessageBox.StandardButton.Ok)
    assert questions_view.table.export_list(tmp_path / "gone" / "questions.csv") is None
    assert len(asked) == 1 and "does not exist" in asked[0] and "Traceback" not in asked[0]
    assert "\n" not in asked[0]


def test_hidden_columns_are_remembered_in_a_new_window(qtbot, main_window, database, records_changed, settings):
    table = main_window.questions_view.table
    menu = table.column_menu()
    titles = [action.text() for action in menu.actions()]
    assert titles == [column.title for column in qtm.COLUMNS]
    next(a for a in menu.actions() if a.text() == "Asked by").setChecked(False)
    assert table.isColumnHidden(qtm.ASKED_BY)
    main_window.close()

    again = MainWindow(database, records_changed, settings)
    qtbot.addWidget(again)
    hidden = [c.title for n, c in enumerate(qtm.COLUMNS) if again.questions_view.table.isColumnHidden(n)]
    assert hidden == ["Asked by"]
    assert "Asked by" not in again.questions_view.table.shown_header()
    again.tasks.wait()


def test_the_last_column_showing_stays(main_window):
    table = main_window.questions_view.table
    for column in range(1, len(qtm.COLUMNS)):
        table.show_column(column, False)
    menu = table.column_menu()
    assert [a.isEnabled() for a in menu.actions()] == [False] + [True] * (len(qtm.COLUMNS) - 1)
    table.show_column(0, False)
    assert table.shown_columns() == [0]


def test_budget_copies_and_exports_as_it_shows(qtbot, main_window, database, tmp_path):
    with database.session() as session:
        ministry = directory.body_or_new(session, "Ministry of Justice")
        for programme, allocated in (("Early warning unit", 900_000_00), ("Mediation <support>", 460_000_00),
                                     ("Atrocity crimes unit", 250_000_00)):
            records.create(session, BudgetItem, {
                "fiscal_year": 2024, "programme": programme, "scope": "domestic_prevention", "currency": "EUR",
                "body_id": ministry, "amount_requested": allocated, "amount_allocated": allocated,
                "amount_spent": allocated // 2})
        session.commit()
    view = main_window.budget_view
    main_window.show_view(main_window.views.index(view))
    view.refresh()
    table = view.table
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    _select(table, [0, 2])
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    pasted = list(csv.reader(io.StringIO(QApplication.clipboard().text(), newline=""), dialect="excel-tab"))
    assert pasted[1:] == _shown(table, [0, 2])
    assert pasted[1][0] == "Atrocity crimes unit" and "EUR 250,000.00" in pasted[1]

    next(a for a in table.column_menu().actions() if a.text() == "Spent").setChecked(False)
    out = tmp_path / "budget.csv"
    assert table.export_list(out) == 3
    written = read_table(out)
    assert "Spent" not in written.header and written.header == table.shown_header()
    assert [cells for _, cells in written.rows] == _shown(table, range(3))
    assert main_window.budget_view.list_tables() == {"table": table} and table.list_name == "Budget"


def test_exporting_a_list_not_yet_read_writes_every_row(main_window, add_questions, tmp_path):
    add_questions(3 * qtm.PAGE_SIZE + 10)
    main_window.show_view(main_window.views.index(main_window.questions_view))
    view = main_window.questions_view
    view.refresh()
    view.model.reload()  # only what is on screen would have been read
    out = tmp_path / "all.csv"
    assert view.table.export_list(out) == 3 * qtm.PAGE_SIZE + 10
    references = [cells[qtm.REFERENCE] for _, cells in read_table(out).rows]
    assert len(set(references)) == 3 * qtm.PAGE_SIZE + 10 and all(re.fullmatch(r"WQ \d{5}", r) for r in references)
    assert references == [view.model.index(row, qtm.REFERENCE).data() for row in range(view.model.rowCount())]


def test_the_table_menu_offers_copy_export_and_the_columns(questions_view):
    table = questions_view.table
    menu = table.context_menu()
    texts = [action.text() for action in menu.actions() if not action.isSeparator()]
    assert texts == ["&Copy", "&Export this list…", "C&olumns"]
    assert not table.copy_action.isEnabled()  # nothing selected yet
    _select(table, [0])
    assert table.context_menu().actions()[0].isEnabled()
    columns = menu.actions()[-1].menu()
    next(a for a in columns.actions() if a.text() == "Status").setChecked(False)
    assert table.isColumnHidden(qtm.STATUS)
