"""Question CSV files are safe to open in a spreadsheet and to send out: no cell runs as a formula, every
text comes back exactly as typed, and an export holds only what its audience may read."""

from __future__ import annotations

import csv
import operator
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from migrated_template import migrated_copy

from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.core.services.questions import iter_question_records
from r2p_desktop.exchange.record_tables import export_tables, import_table
from r2p_desktop.exchange.spreadsheet_safety import SpreadsheetWriter, neutralise, restore

# What a spreadsheet skips before deciding a cell is a formula, and the signs that make it one.
SKIPPED = "".join(chr(c) for c in range(0x110000) if chr(c).isspace()) + "\u200b\u200c\u200d\u2060\ufeff"
SIGNS = tuple("=+-@＝＋－＠")
STARTS = ("'=1", "''x", " =x", "－1", "\n@x", "'Tis the season", "'", "=SUM(A1:A9)", "+44 20", "-5 battalions",
          "@mention", "\u00a0=1", "\u3000＝1", "\t-x", "\r+x", "\u200b@x", "＠x", "＋1")


def runs_in_a_spreadsheet(cell: str) -> bool:
    return cell.lstrip(SKIPPED).startswith(SIGNS)


# Mostly the characters that matter at the start of a cell, then anything at all.
texts = st.builds(operator.add, st.text(alphabet="'=+-@＝＋－＠ \t\r\n\u00a0\u2007\u3000\u200b\ufeffx;\",",
                                        max_size=6), st.text())


@pytest.mark.slow
@given(texts)
def test_every_text_is_written_safely_and_read_back_exactly(text):
    written = neutralise(text)
    assert not runs_in_a_spreadsheet(written)
    assert restore(written) == text
    # Nothing else changes: at most one apostrophe goes on in front, and only one comes off.
    assert written in (text, "'" + text)
    read = restore(text)
    assert read == text or (text.startswith("'") and read == text[1:])


@pytest.mark.slow
@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(texts, min_size=1, max_size=4), min_size=1, max_size=4))
def test_rows_written_to_a_file_come_back_exactly(tmp_path, rows):
    path = tmp_path / "rows.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        SpreadsheetWriter(handle).writerows(rows)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        raw = list(csv.reader(handle))
    assert not [cell for row in raw for cell in row if runs_in_a_spreadsheet(cell)]
    assert [[restore(cell) for cell in row] for row in raw] == rows


def test_questions_starting_with_formula_signs_or_apostrophes_come_back_exactly(database, tmp_path):
    with database.session() as session:
        for start in STARTS:
            records.create(session, Question, {
                "title": f"{start} on housing", "question_text": f"{start}\nwith a second line",
                "tags": [f"{start}tag", "plain"], "confidentiality": "public"})
        session.commit()
    exported = tmp_path / "questions.csv"
    with database.read_session() as session:
        export_tables(session, ["questions"], exported)

    with exported.open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert not [cell for cell in cells if runs_in_a_spreadsheet(cell)]
    assert "'=1 on housing" not in cells and "'''=1 on housing" not in cells and "''=1 on housing" in cells

    fresh = open_database(str(migrated_copy(tmp_path / "fresh.sqlite")))
    try:
        with fresh.session() as session:
            report = import_table(session, "questions", exported)
        assert report.errors == [] and report.created == len(STARTS)
        with database.read_session() as before, fresh.read_session() as after:
            assert list(iter_question_records(after)) == list(iter_question_records(before))
            assert [record["title"] for record in iter_question_records(after)] == [
                f"{start} on housing" for start in STARTS]
        again = tmp_path / "again.csv"
        with fresh.read_session() as session:
            export_tables(session, ["questions"], again)
        assert again.read_bytes() == exported.read_bytes()
    finally:
        fresh.dispose()


@pytest.fixture
def three_levels(database):
    with database.session() as session:
        for level in ("public", "committee", "restricted"):
            records.create(session, Question, {"title": f"The {level} question", "confidentiality": level,
                                               "question_text": f"Text only {level} readers see"})
        session.commit()
    return database


@pytest.mark.parametrize(("audience", "titles", "left_out", "restricted"), [
    ("public", ["The public question"], 2, False),
    ("committee", ["The public question", "The committee question"], 1, False),
    ("all", ["The public question", "The committee question", "The restricted question"], 0, True),
])
def test_an_export_holds_only_what_its_audience_may_read(three_levels, tmp_path, audience, titles, left_out,
                                                         restricted):
    out = tmp_path / f"{audience}.csv"
    with three_levels.read_session() as session:
        result = export_tables(session, ["questions"], out, audience=audience)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        assert [row["title"] for row in csv.DictReader(handle)] == titles
    assert (result.counts["questions"], result.left_out["questions"], result.owner_only) == (
        len(titles), left_out, restricted)
    assert ("Text only restricted readers see" in out.read_text(encoding="utf-8-sig")) == (audience == "all")


def test_by_default_an_export_leaves_out_restricted_questions(three_levels, tmp_path):
    out = tmp_path / "questions.csv"
    with three_levels.read_session() as session:
        result = export_tables(session, ["questions"], out)
    text = out.read_text(encoding="utf-8-sig")
    assert "The committee question" in text
    assert "restricted" not in text
    assert (result.counts["questions"], result.left_out["questions"], result.owner_only) == (2, 1, False)


def test_a_restricted_member_named_in_a_question_counts_as_restricted(database, tmp_path):
    with database.session() as session:
        member = directory.person_or_new(session, "Member Kept Private", confidentiality="restricted")
        records.create(session, Question, {"title": "Asked in committee", "confidentiality": "committee",
                                           "asked_by_id": member})
        session.commit()
    for audience, named in (("committee", False), ("all", True)):
        out = tmp_path / f"{audience}.csv"
        with database.read_session() as session:
            result = export_tables(session, ["questions"], out, audience=audience)
        assert ("Member Kept Private" in out.read_text(encoding="utf-8-sig")) == named
        assert (result.counts["questions"], result.owner_only) == (1, named)
        if named and os.name == "posix":
            assert out.stat().st_mode & 0o077 == 0  # no one else on the computer can read it
