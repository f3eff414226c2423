"""The answer record as parliaments keep it, without Qt, on real SQLite files: a named day, a transfer
to another ministry, the holding answer's text, a corrected answer that keeps the one first given,
and one answer given to several questions; each in the record's history."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest
from alembic import command

from r2p_desktop.app import answers, removal
from r2p_desktop.app.records import read
from r2p_desktop.core import migrations
from r2p_desktop.core.check import check_database
from r2p_desktop.core.database import open_database
from r2p_desktop.core.errors import ValidationError
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import directory, history, records
from r2p_desktop.core.services.fields import parse_bool
from r2p_desktop.core.services.search import search
from r2p_desktop.exchange.record_tables import export_tables, import_table
from r2p_desktop.sample_data import generate_demo

TABLED = date(2026, 3, 2)


def add_question(database, **values) -> int:
    with database.session() as session:
        values.setdefault("addressed_to_id", directory.body_or_new(session, "Ministry of Foreign Affairs"))
        question_id = records.create(session, Question, {"title": "A national R2P focal point", "status": "tabled",
                                                         "date_tabled": TABLED, **values})
        session.commit()
    return question_id


def question(database, question_id) -> Question:
    with database.read_session() as session:
        found = session.get(Question, question_id)
        session.expunge(found)
        return found


def changes_of(database, question_id) -> dict[str, tuple[str, str]]:
    """The newest change of each field, as History shows it."""
    entries = read(database, lambda session: history.record_history(session, Question, question_id))
    return {entry.field: (entry.old, entry.new) for entry in reversed(entries) if entry.field}


def test_a_transfer_names_both_ministries_moves_the_due_date_and_is_in_the_history(database):
    question_id = add_question(database, reference="WQ-2026-00041", answer_due=date(2026, 3, 16))
    changes = answers.transfer(database, question_id, {"addressed_to_id": "Ministry of Justice",
                                                       "transferred_on": "2026-03-05", "answer_due": "2026-03-23"})

    moved = question(database, question_id)
    with database.read_session() as session:
        assert session.get(type(moved), question_id).addressed_to.name == "Ministry of Justice"
        assert session.get(type(moved), question_id).transferred_from.name == "Ministry of Foreign Affairs"
    assert (moved.transferred_on, moved.answer_due) == (date(2026, 3, 5), date(2026, 3, 23))
    assert changes.updated_ids("question") == {question_id} and changes.created_ids("body")  # Justice is new
    assert answers.answer_record(database, question_id).transferred_from == "Ministry of Foreign Affairs"
    shown = changes_of(database, question_id)
    assert shown["addressed_to_id"] == ("Ministry of Foreign Affairs", "Ministry of Justice")
    assert shown["transferred_from_id"] == ("", "Ministry of Foreign Affairs")
    assert shown["answer_due"] == ("2026-03-16", "2026-03-23")


def test_a_transfer_to_the_same_ministry_or_of_an_answered_question_is_refused(database):
    question_id = add_question(database)
    with pytest.raises(ValidationError, match="already addressed to that body"):
        answers.transfer(database, question_id, {"addressed_to_id": "ministry of foreign affairs",
                                                 "transferred_on": "2026-03-05"})
    answered = add_question(database, status="answered", answer_text="Done.", date_answered=date(2026, 3, 9))
    with pytest.raises(ValidationError, match="the question is answered, so it can no longer be transferred"):
        answers.transfer(database, answered, {"addressed_to_id": "Ministry of Justice", "transferred_on": "2026-03-10"})
    with pytest.raises(ValidationError) as refused:
        answers.transfer(database, question_id, {"addressed_to_id": "", "transferred_on": "5 March"})
    assert refused.value.errors == {"transferred_on": "'5 March' is not a date; write it as YYYY-MM-DD"}
    with pytest.raises(ValidationError) as refused:
        answers.transfer(database, question_id, {"addressed_to_id": " ", "transferred_on": "2026-03-05"})
    assert refused.value.errors == {"addressed_to_id": "name the ministry or body it goes to"}
    assert question(database, question_id).transferred_from_id is None


def test_a_correction_keeps_the_answer_first_given_even_after_a_second_correction(database):
    question_id = add_question(database, status="answered", answer_text="Twelve officers were trained.",
                               date_answered=date(2026, 3, 9))
    answers.correct_answer(database, question_id, {"answer_text": "Twenty officers were trained.",
                                                   "answer_corrected_on": "2026-03-12"})
    answers.correct_answer(database, question_id, {"answer_text": "Twenty-one officers were trained.",
                                                   "answer_corrected_on": "2026-03-20"})

    corrected = question(database, question_id)
    assert corrected.answer_text == "Twenty-one officers were trained."
    assert corrected.original_answer_text == "Twelve officers were trained."
    assert corrected.answer_corrected_on == date(2026, 3, 20)
    assert changes_of(database, question_id)["original_answer_text"] == ("", "Twelve officers were trained.")


def test_only_a_published_answer_is_corrected(database):
    question_id = add_question(database)
    with pytest.raises(ValidationError, match="only a published answer can be corrected"):
        answers.correct_answer(database, question_id, {"answer_text": "Anything", "answer_corrected_on": "2026-03-12"})


def test_one_answer_given_to_three_questions(database):
    with database.session() as session:
        minister = directory.person_or_new(session, "Ama Mensah", kind="minister")
        session.commit()
    lead = add_question(database, reference="WQ-2026-00050", status="answered", answered_by_id=minister,
                        answer_text="The three early-warning posts open in May.", date_answered=date(2026, 3, 9))
    others = [add_question(database, reference=f"WQ-2026-0005{n}", title=f"Early warning post {n}")
              for n in (1, 2)]
    changes = answers.answer_together(database, lead, others)

    assert changes.updated_ids("question") == set(others)
    for other in others:
        shared = question(database, other)
        assert (shared.status, shared.answer_text, shared.date_answered, shared.answered_by_id,
                shared.answered_with_id) == ("answered", "The three early-warning posts open in May.",
                                             date(2026, 3, 9), minister, lead)
    assert answers.answer_record(database, lead).answered_with == [
        "WQ-2026-00051: Early warning post 1", "WQ-2026-00052: Early warning post 2"]
    assert answers.answer_record(database, others[0]).answered_with == [
        "WQ-2026-00050: A national R2P focal point", "WQ-2026-00052: Early warning post 2"]


def test_correcting_an_answer_given_to_several_questions_corrects_each(database):
    lead = add_question(database, reference="WQ-2026-00070", status="answered", answer_text="Two posts open.",
                        date_answered=date(2026, 3, 9))
    other = add_question(database, reference="WQ-2026-00071", title="Posts")
    answers.answer_together(database, lead, [other])
    changes = answers.correct_answer(database, other, {"answer_text": "Three posts open.",
                                                       "answer_corrected_on": "2026-03-11"})
    assert changes.updated_ids("question") == {lead, other}
    for question_id in (lead, other):
        corrected = question(database, question_id)
        assert (corrected.answer_text, corrected.original_answer_text, corrected.answer_corrected_on) == (
            "Three posts open.", "Two posts open.", date(2026, 3, 11))


def test_an_answer_is_shared_only_with_questions_to_the_same_ministry_still_awaiting_theirs(database):
    lead = add_question(database, reference="WQ-2026-00090", status="answered", answer_text="The reply.",
                        date_answered=date(2026, 3, 9))
    answered = add_question(database, reference="WQ-2026-00091", status="answered", answer_text="Its own reply.",
                            date_answered=date(2026, 3, 8))
    with database.session() as session:
        justice = directory.body_or_new(session, "Ministry of Justice")
        session.commit()
    elsewhere = add_question(database, reference="WQ-2026-00092", addressed_to_id=justice)
    for other in (answered, elsewhere):
        with pytest.raises(ValidationError, match="is not one to the same ministry still awaiting its answer"):
            answers.answer_together(database, lead, [other])
    assert question(database, answered).answer_text == "Its own reply."
    assert question(database, elsewhere).answered_with_id is None


def test_an_empty_correction_asks_for_the_corrected_answer(database):
    question_id = add_question(database, status="answered", answer_text="Given.", date_answered=date(2026, 3, 9))
    with pytest.raises(ValidationError) as refused:
        answers.correct_answer(database, question_id, {"answer_text": "  ", "answer_corrected_on": "2026-03-12"})
    assert refused.value.errors == {"answer_text": "give the corrected answer"}


def test_an_answer_not_yet_given_cannot_be_shared(database):
    lead, other = add_question(database), add_question(database, title="Second")
    with pytest.raises(ValidationError, match="record the answer before giving it to other questions"):
        answers.answer_together(database, lead, [other])


def test_a_named_day_reads_yes_or_no_in_history(database):
    question_id = add_question(database, answer_due=date(2026, 3, 12))
    with database.session() as session:
        records.update(session, Question, question_id, {"named_day": True})
        session.commit()
    assert changes_of(database, question_id)["named_day"] == ("No", "Yes")


def test_a_named_day_needs_its_day_and_a_holding_answer_keeps_its_text(database):
    with pytest.raises(ValidationError) as refused:
        add_question(database, named_day=True)
    assert refused.value.errors == {"answer_due": "a named day needs the day the answer is due"}
    question_id = add_question(database, named_day="yes", answer_due=date(2026, 3, 12))
    with database.session() as session:
        records.update(session, Question, question_id, {
            "status": "holding_answer", "holding_answer_text": "A full answer will follow within ten days."})
        session.commit()
    held = question(database, question_id)
    assert held.named_day is True and held.holding_answer_date == date.today()
    assert held.holding_answer_text == "A full answer will follow within ten days."


@pytest.mark.parametrize(("given", "meant"), [("Yes", True), ("x", True), ("1", True), (True, True),
                                              ("no", False), ("", False), (None, False), ("0", False)])
def test_a_yes_or_no_as_forms_and_spreadsheets_give_it(given, meant):
    assert parse_bool(given) is meant


def test_a_word_that_is_not_yes_or_no_is_refused():
    with pytest.raises(ValueError, match="'maybe' is not yes or no"):
        parse_bool("maybe")


def test_a_database_from_before_the_answer_record_keeps_its_questions_triggers_and_search(database, db_path):
    with database.session() as session:
        generate_demo(session, questions=40, seed=5)
        session.commit()
    database.dispose()

    def triggers() -> list[tuple[str, str]]:
        with sqlite3.connect(db_path) as raw:
            return raw.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name").fetchall()

    at_head = triggers()
    config = migrations.alembic_config()
    config.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    command.downgrade(config, "0005_search_unspaced_scripts")
    with sqlite3.connect(db_path) as raw:
        count, = raw.execute("SELECT count(*) FROM questions").fetchone()
        first, title = raw.execute("SELECT id, title FROM questions ORDER BY id LIMIT 1").fetchone()
    reopened = open_database(str(db_path))  # migrates to head
    try:
        assert triggers() == at_head  # the rebuilt table has the audit guard and both search indexes'
        assert all(finding.ok for finding in check_database(reopened)), check_database(reopened)
        with reopened.read_session() as session:
            assert session.query(Question).count() == count
            assert first in {hit.record_id for hit in search(session, title) if hit.kind == "question"}
    finally:
        reopened.dispose()


def test_the_answer_record_goes_out_to_a_spreadsheet_and_back(database, tmp_path):
    lead = add_question(database, reference="WQ-2026-00060", answer_due=date(2026, 3, 12), named_day=True)
    answers.transfer(database, lead, {"addressed_to_id": "Ministry of Justice", "transferred_on": "2026-03-04"})
    with database.session() as session:
        records.update(session, Question, lead, {"status": "holding_answer", "holding_answer_date": date(2026, 3, 11),
                                                 "holding_answer_text": "Consulting the prosecutors."})
        records.update(session, Question, lead, {"status": "answered", "answer_text": "Nine cases were opened.",
                                                 "date_answered": date(2026, 3, 18)})
        session.commit()
    answers.correct_answer(database, lead, {"answer_text": "Eleven cases were opened.",
                                            "answer_corrected_on": "2026-03-25"})
    other = add_question(database, reference="WQ-2026-00061", title="Cases opened",
                         addressed_to_id=question(database, lead).addressed_to_id)  # Justice, as the lead now
    answers.answer_together(database, lead, [other])
    sheet = tmp_path / "questions.csv"
    with database.read_session() as session:
        export_tables(session, ["questions"], sheet)
    header = sheet.read_text(encoding="utf-8-sig").splitlines()[0].split(",")
    assert {"named_day", "transferred_from", "transferred_on", "holding_answer_date", "holding_answer_text",
            "original_answer_text", "answer_corrected_on", "answered_with"} <= set(header)

    elsewhere = open_database(str(tmp_path / "elsewhere.sqlite"), create=True)
    try:
        with elsewhere.session() as session:
            report = import_table(session, "questions", sheet)
        assert report.errors == [] and report.created == 2
        with elsewhere.read_session() as session:
            copied = {q.reference: q for q in session.query(Question)}
            first, second = copied["WQ-2026-00060"], copied["WQ-2026-00061"]
            assert (first.named_day, first.answer_due, first.addressed_to.name, first.transferred_from.name,
                    first.transferred_on) == (True, date(2026, 3, 12), "Ministry of Justice",
                                              "Ministry of Foreign Affairs", date(2026, 3, 4))
            assert (first.holding_answer_date, first.holding_answer_text) == (date(2026, 3, 11),
                                                                              "Consulting the prosecutors.")
            assert (first.answer_text, first.original_answer_text, first.answer_corrected_on) == (
                "Eleven cases were opened.", "Nine cases were opened.", date(2026, 3, 25))
            assert (second.answered_with_id, second.answer_text) == (first.id, "Eleven cases were opened.")
    finally:
        elsewhere.dispose()


@pytest.mark.parametrize(("lead", "refusal"), [("WQ-404", "no question is known as 'WQ-404'"),
                                               ("WQ-1", "a question cannot name itself here")])
def test_an_answer_shared_with_a_question_that_cannot_hold_it_names_the_row(database, tmp_path, lead, refusal):
    sheet = tmp_path / "questions.csv"
    sheet.write_text("reference,title,status,date_tabled,answered_with\r\n"
                     f"WQ-1,Early warning,tabled,2026-03-02,{lead}\r\n", encoding="utf-8")
    with database.session() as session:
        report = import_table(session, "questions", sheet)
    assert report.errors == [f"row 2, column answered_with: {refusal}"]


def test_deleting_the_question_that_holds_a_shared_answer_keeps_the_others_answer_and_says_so(database):
    lead = add_question(database, reference="WQ-2026-00080", status="answered", answer_text="One reply.",
                        date_answered=date(2026, 3, 9))
    other = add_question(database, reference="WQ-2026-00081", title="Second")
    answers.answer_together(database, lead, [other])
    assert changes_of(database, other)["answered_with_id"] == ("", "WQ-2026-00080")
    changes = removal.delete(database, "question", lead)
    assert changes.deleted_ids("question") == {lead} and changes.updated_ids("question") == {other}
    kept = question(database, other)
    assert (kept.answered_with_id, kept.answer_text) == (None, "One reply.")
    assert changes_of(database, other)["answered_with_id"] == (f"(deleted #{lead})", "")  # History says so


def test_a_sheet_naming_a_restricted_body_only_as_transferred_from_is_kept_private(database, tmp_path):
    with database.session() as session:
        secret = directory.body_or_new(session, "Protected witness unit", confidentiality="restricted")
        session.commit()
    question_id = add_question(database, addressed_to_id=secret, confidentiality="public")
    answers.transfer(database, question_id, {"addressed_to_id": "Ministry of Justice", "transferred_on": "2026-03-05"})
    with database.read_session() as session:
        written = export_tables(session, ["questions"], tmp_path / "all.csv", audience="all")
    assert written.owner_only  # so the file is made readable by its owner only
