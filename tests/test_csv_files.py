"""Importing question CSV files as clerks make them: a broken file is refused with the line, or the row
and column, to fix, and nothing is imported; a good file is imported exactly."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from r2p_desktop.core.errors import R2PError, ValidationError
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records
from r2p_desktop.exchange.record_tables import import_table


def csv_file(tmp_path, *lines: str):
    path = tmp_path / "questions.csv"
    path.write_text("".join(line + "\r\n" for line in lines), encoding="utf-8", newline="")
    return path


def refused(session, path) -> str:
    with pytest.raises(R2PError) as refusal:
        import_table(session, "questions", path)
    assert session.scalars(select(Question)).all() == []
    return str(refusal.value)


def imported(session, path) -> list[Question]:
    report = import_table(session, "questions", path)
    assert report.errors == []
    return session.scalars(select(Question).order_by(Question.id)).all()


def test_a_quote_that_is_never_closed_is_refused_naming_its_line(session, tmp_path):
    path = csv_file(tmp_path,
                    "reference,title,question_text",
                    'WQ-1,Housing,"A question',
                    'over two lines"',
                    "WQ-2,Schools,Plain",
                    'WQ-3,"Hospitals,Never closed',
                    "WQ-4,Roads,Plain")
    assert "line 5, column title: a quote opened here is never closed" in refused(session, path)


def test_a_quote_that_closes_inside_its_cell_is_refused(session, tmp_path):
    path = csv_file(tmp_path, "reference,title", 'WQ-1,"Affordable homes" in rural areas')
    assert "line 2, column title: a quote opened here closes before the end of its cell" in refused(session, path)


def test_stray_quotes_that_swallow_rows_are_refused_but_a_real_multi_line_answer_is_imported(session, tmp_path):
    header = "reference,title,date_tabled,status,answer_text"
    stray = csv_file(tmp_path, header,
                     'WQ-1,"Housing,2026-01-05,answered,Yes',
                     "WQ-2,Schools,2026-01-06,tabled,",
                     'WQ-3,Roads",2026-01-07,tabled,')
    assert ("line 2, column title: a quote opened here closes only on line 4, taking in line 3, which looks "
            "like a row of its own") in refused(session, stray)

    answer = ("We will, in order:\n"
              "WQ-2,Schools,2026-01-06,tabled\n"  # one comma short of a row
              "build,homes,2026 and after,tabled,soon\n"  # a row's commas, but no date where the date goes
              'fund, train, 2026-01-06, tabled, and "report"\n'  # a row's commas, with spaces as prose has
              "\n"
              "That is all.")
    good = csv_file(tmp_path, header,
                    "WQ-1,Housing,2026-01-05,answered,\"" + answer.replace('"', '""') + '"',
                    "WQ-2,Schools,2026-01-06,tabled,")
    questions = imported(session, good)
    assert [(q.reference, q.answer_text) for q in questions] == [
        ("WQ-1", answer), ("WQ-2", "")]


def test_a_header_that_names_a_column_twice_is_refused(session, tmp_path):
    path = csv_file(tmp_path, "reference,title,Title ", "WQ-1,Housing,Schools")
    assert "row 1, column 'title' appears twice (columns 2 and 3)" in refused(session, path)


def test_a_nul_character_is_refused_naming_row_and_column(session, tmp_path):
    path = csv_file(tmp_path, "reference,title,question_text", "WQ-1,Housing,Fine", "WQ-2,Schools,Bro\x00ken")
    assert "row 3, column question_text: holds a NUL character" in refused(session, path)


def test_a_file_with_semicolons_between_columns_is_read_with_them(session, tmp_path):
    path = csv_file(tmp_path, "reference;title;status", "WQ-1;Housing; draft")
    report = import_table(session, "questions", path)
    assert (report.errors, report.detected) == ([], "UTF-8, semicolons between columns, CRLF line ends")
    assert [(q.reference, q.title, q.status) for q in session.scalars(select(Question))] == [
        ("WQ-1", "Housing", "draft")]


def test_references_are_trimmed_before_they_are_compared_and_stored(session, tmp_path):
    records.create(session, Question, {"reference": "WQ-1", "title": "Already here"})
    session.commit()
    clash = csv_file(tmp_path, "reference,title", " WQ-1 ,Housing", "WQ-2,Schools", "WQ-2  ,Roads")
    report = import_table(session, "questions", clash)
    assert report.errors == ["row 2, column reference: another question already has this reference",
                             "row 4, column reference: 'WQ-2' is also used in row 3"]
    assert session.scalars(select(Question.reference)).all() == ["WQ-1"]

    fine = csv_file(tmp_path, "reference,title", "  WQ-3\t,Housing")
    report = import_table(session, "questions", fine)
    assert report.errors == []
    assert session.scalars(select(Question.reference).order_by(Question.id)).all() == ["WQ-1", "WQ-3"]


@pytest.mark.parametrize("written", ["20260104", "2026-W01-3"])  # both taken by date.fromisoformat
def test_only_year_month_day_dates_are_accepted_in_files_and_forms(session, tmp_path, written):
    path = csv_file(tmp_path, "reference,title,date_tabled,status", f"WQ-1,Housing,{written},tabled")
    report = import_table(session, "questions", path)
    assert report.errors == [f"row 2, column date_tabled: '{written}' is not a date; write it as YYYY-MM-DD"]
    assert session.scalars(select(Question)).all() == []
    with pytest.raises(ValidationError) as refusal:
        records.create(session, Question, {"title": "Housing", "status": "tabled", "date_tabled": written})
    assert refusal.value.errors == {"date_tabled": f"'{written}' is not a date; write it as YYYY-MM-DD"}
