"""Adding and changing questions in the form below the questions table, as a clerk would."""

from __future__ import annotations

import sqlite3

from clerk_actions import choose, save
from PySide6.QtCore import Qt

from r2p_desktop.app import removal
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.core.services.questions import count_questions
from r2p_desktop.ui.models import question_table_model as qtm
from r2p_desktop.ui.models.roles import RECORD_ID_ROLE
from r2p_desktop.ui.views.question_editor import QuestionEditor

TITLE = "Early warning capacity in the Ministry of Foreign Affairs"



def was_saved(editor: QuestionEditor) -> bool:
    """The form holds a saved question, with no edits or problems left over."""
    return (editor.question_id is not None and not editor.has_unsaved_changes()
            and not editor.summary_label.isVisible())



def table_titles(main_window) -> list[str]:
    model = main_window.questions_view.model
    return [model.index(row, qtm.TITLE).data() for row in range(model.rowCount())]


def question_count(database) -> int:
    with database.read_session() as session:
        return count_questions(session)


def test_adding_a_question_lists_it_in_the_questions_table(main_window, qtbot, database):
    main_window.show_view(1)
    assert table_titles(main_window) == []
    dialog = main_window.new_question()
    qtbot.keyClicks(dialog.widgets["reference"], "WQ 2017/145")
    qtbot.keyClicks(dialog.widgets["title"], TITLE)
    qtbot.keyClicks(dialog.widgets["question_text"], "What capacity does the Ministry have to analyse risk?")
    qtbot.keyClicks(dialog.widgets["asked_by_id"].lineEdit(), "Amina Okafor")
    qtbot.keyClicks(dialog.widgets["addressed_to_id"].lineEdit(), "Ministry of Foreign Affairs")
    choose(dialog.widgets["status"], "Tabled")
    qtbot.keyClicks(dialog.widgets["date_tabled"], "2017-09-06")
    qtbot.keyClicks(dialog.widgets["answer_due"], "2017-09-20")
    choose(dialog.widgets["pillar_number"], "Pillar 1: Each State's own responsibility")
    qtbot.keyClicks(dialog.widgets["tags"], "early warning; focal point")
    save(qtbot, dialog)

    assert was_saved(dialog)
    assert dialog.heading_label.text() == f"Question WQ 2017/145: {TITLE}"
    assert table_titles(main_window) == [TITLE]
    assert main_window.questions_view.table.current_record_id() == dialog.question_id
    model = main_window.questions_view.model
    assert model.index(0, qtm.ASKED_BY).data() == "Amina Okafor"
    assert model.index(0, qtm.ADDRESSED_TO).data() == "Ministry of Foreign Affairs"
    assert model.index(0, qtm.STATUS).data() == "Tabled"
    with database.read_session() as session:
        saved = records.get(session, Question, model.index(0, 0).data(RECORD_ID_ROLE))
    assert saved["reference"] == "WQ 2017/145"
    assert saved["pillar_number"] == 1
    assert saved["tags"] == ["early warning", "focal point"]
    assert main_window.questions_view.count_label.text() == "1 question"


def test_answer_due_before_tabled_is_shown_next_to_the_field(main_window, qtbot, database):
    dialog = main_window.new_question()
    qtbot.keyClicks(dialog.widgets["title"], TITLE)
    choose(dialog.widgets["status"], "Tabled")
    qtbot.keyClicks(dialog.widgets["date_tabled"], "2017-09-06")
    qtbot.keyClicks(dialog.widgets["answer_due"], "2017-09-01")
    save(qtbot, dialog)

    error = dialog.error_labels["answer_due"]
    assert dialog.question_id is None and dialog.has_unsaved_changes()  # kept so the clerk can put it right
    assert error.isVisible()
    assert "cannot be due before" in error.text()
    assert error.styleSheet().startswith("color: #b3261e")
    # directly under its own field, in the same cell of the form
    assert error.parentWidget() is dialog.widgets["answer_due"].parentWidget()
    assert error.geometry().top() >= dialog.widgets["answer_due"].geometry().bottom()
    assert [name for name, label in dialog.error_labels.items() if label.isVisible()] == ["answer_due"]
    assert "Nothing was saved" in dialog.summary_label.text()
    assert question_count(database) == 0

    # put right, it saves and the message goes
    dialog.widgets["answer_due"].clear()
    qtbot.keyClicks(dialog.widgets["answer_due"], "2017-09-20")
    save(qtbot, dialog)
    assert was_saved(dialog) and not error.isVisible()
    assert question_count(database) == 1


def test_several_errors_each_under_their_field(main_window, qtbot, database):
    dialog = main_window.new_question()
    choose(dialog.widgets["status"], "Answered")
    qtbot.keyClicks(dialog.widgets["date_answered"], "6 Sept 2017")
    save(qtbot, dialog)
    visible = {name: label.text() for name, label in dialog.error_labels.items() if label.isVisible()}
    assert set(visible) == {"title", "date_tabled", "answer_text", "date_answered"}
    assert visible["title"] == "The title cannot be empty"
    assert "YYYY-MM-DD" in visible["date_answered"]
    assert "4 fields" in dialog.summary_label.text()
    assert question_count(database) == 0


def test_a_new_name_in_asked_by_is_not_kept_when_saving_fails(main_window, qtbot, database):
    dialog = main_window.new_question()
    qtbot.keyClicks(dialog.widgets["asked_by_id"].lineEdit(), "Someone New")
    save(qtbot, dialog)  # no title
    assert dialog.error_labels["title"].isVisible()
    main_window.show_view(main_window.views.index(main_window.people_bodies_view))
    assert "Someone New" not in main_window.current_view().people_table.column_texts(0)


def test_duplicate_reference_is_shown_next_to_reference(main_window, qtbot, database, add_questions):
    add_questions(1)
    dialog = main_window.new_question()
    qtbot.keyClicks(dialog.widgets["reference"], "WQ 00000")
    qtbot.keyClicks(dialog.widgets["title"], TITLE)
    save(qtbot, dialog)
    assert dialog.error_labels["reference"].isVisible()
    assert "reference" in dialog.error_labels["reference"].text()
    assert question_count(database) == 1


def test_enter_on_a_row_opens_it_and_edits_are_saved(main_window, qtbot, database, add_questions):
    ids = add_questions(5)
    main_window.show_view(1)
    view = main_window.questions_view
    view.model.sort(qtm.REFERENCE, Qt.SortOrder.AscendingOrder)
    view.table.selectRow(2)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)

    dialog = view.editor
    assert dialog.widgets["title"].hasFocus()  # Enter takes the clerk into the form
    assert dialog.question_id == ids[2]
    assert dialog.heading_label.text().startswith("Question WQ 00002: ")
    assert dialog.widgets["reference"].text() == "WQ 00002"
    assert dialog.widgets["asked_by_id"].currentText() == "Chen Wei"

    dialog.widgets["title"].clear()
    qtbot.keyClicks(dialog.widgets["title"], "Revised: national focal point for R2P")
    choose(dialog.widgets["assessment"], "Partial")
    save(qtbot, dialog)

    assert was_saved(dialog)
    assert view.model.index(2, qtm.TITLE).data() == "Revised: national focal point for R2P"
    assert view.table.current_record_id() == ids[2]  # still on the same question
    with database.read_session() as session:
        saved = records.get(session, Question, ids[2])
    assert saved["assessment"] == "partial"
    assert saved["asked_by_id"] is not None


def test_double_click_opens_the_question(main_window, qtbot, add_questions):
    add_questions(3)
    main_window.show_view(1)
    table = main_window.questions_view.table
    rect = table.visualRect(table.model().index(1, qtm.TITLE))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = main_window.questions_view.editor
    assert editor.question_id == table.model().index(1, 0).data(RECORD_ID_ROLE)
    assert editor.widgets["title"].hasFocus()


def test_a_refused_status_change_says_why_under_status_and_saves_nothing(main_window, qtbot, database):
    with database.session() as session:
        question_id = records.create(session, Question, {"title": TITLE, "status": "tabled",
                                                         "date_tabled": "2026-03-02"})
        session.commit()
    dialog = main_window.edit_question(question_id)
    choose(dialog.widgets["status"], "Closed")
    save(qtbot, dialog)

    error = dialog.error_labels["status"]
    assert error.isVisible() and dialog.has_unsaved_changes()
    assert "Record the answer before closing the question" in error.text()
    with database.read_session() as session:
        assert records.get(session, Question, question_id)["status"] == "tabled"


def test_an_archived_member_is_offered_only_in_the_questions_that_name_them(main_window, database):
    with database.session() as session:
        former = directory.person_or_new(session, "Former Member")
        asked = records.create(session, Question, {"title": "Early warning", "asked_by_id": former})
        session.commit()
    removal.archive(database, "person", former)

    editor = main_window.edit_question(asked)
    assert editor.widgets["asked_by_id"].currentText() == "Former Member"
    assert editor.widgets["asked_by_id"].findText("Former Member") >= 0  # still in the list it is chosen from
    editor = main_window.new_question()
    assert editor.widgets["asked_by_id"].findText("Former Member") < 0  # not offered for a new question


def test_a_status_another_program_wrote_is_shown_as_it_is_and_only_for_that_question(main_window, database):
    with database.session() as session:
        odd = records.create(session, Question, {"title": "Written elsewhere", "status": "tabled",
                                                 "date_tabled": "2026-03-02"})
        plain = records.create(session, Question, {"title": "Ours"})
        session.commit()
    with sqlite3.connect(database.path) as raw:
        raw.execute("PRAGMA ignore_check_constraints = ON")
        raw.execute("UPDATE questions SET status = 'lapsed' WHERE id = ?", (odd,))

    editor = main_window.edit_question(odd)
    status = editor.widgets["status"]
    assert status.currentText() == "lapsed (not one of the choices)"  # not quietly the first entry
    assert not editor.has_unsaved_changes()
    editor = main_window.edit_question(plain)
    assert status.findText("lapsed (not one of the choices)") < 0
    assert status.currentText() == "Draft"
