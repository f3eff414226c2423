"""A clerk on the sample parliament: imports a UPR Info export for one State and reads the scorecard,
narrows the list with the filters, records a recommendation's progress in its dialog, adds one, and
deletes one with the Delete key after confirming."""

from __future__ import annotations

import pytest
from clerk_actions import answer_next_message, choose, save
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from r2p_desktop.core.models import Document, Question, Recommendation
from r2p_desktop.core.services import records
from r2p_desktop.exchange.upr_info import import_recommendations
from r2p_desktop.sample_data import generate_demo

EXPORT = "\r".join((
    "To,To-Rgrp,To-Org,Text,From,From-Rgrp,From-Org,Response,Action,Issue,Session",
    "Veloria,,,Ratify the Convention on enforced disappearances,Argentina,GRULAC,,Supported,5,Enforced "
    "disappearances,UPR 14",
    "Veloria,,,Set up an independent police complaints body,Ireland,WEOG,,Noted,4,Police,14",
    "Ostmark,,,Protect the Roma minority,Spain,WEOG,,Supported,3,Minorities,14",
)) + "\r"


@pytest.fixture
def view(database, request):
    with database.session() as session:
        generate_demo(session, questions=40)
        session.commit()
    window = request.getfixturevalue("main_window")
    view = window.recommendations_view
    window.show_view(window.views.index(view))
    return view


def count(database) -> int:
    with database.read_session() as session:
        return session.scalar(select(func.count()).select_from(Recommendation))


def test_an_imported_export_for_one_state_shows_in_the_list_and_the_scorecard(view, database, tmp_path, qtbot):
    assert view.count_label.text() == "12 recommendations"
    assert view.scorecard_label.text().startswith("Responses: 7 accepted, 1 partially accepted, 2 noted, 2 pending")
    path = tmp_path / "upr-info.csv"
    path.write_bytes(EXPORT.encode("mac_roman"))
    with database.session() as session:
        report = import_recommendations(session, path, state="Veloria")
    assert (report.imported, report.other_states) == (2, 1)
    view.records_changed.notify(*view.KINDS)  # as the import's Changes would
    assert view.count_label.text() == "14 recommendations"
    assert "Ratify the Convention on enforced disappearances" in view.table.column_texts(3)
    assert view.scorecard_label.text().startswith("Responses: 8 accepted, 1 partially accepted, 3 noted, 2 pending")

    view.response_combo.setCurrentIndex(view.response_combo.findData("noted"))
    view.state_combo.setCurrentIndex(view.state_combo.findData("Veloria"))
    assert view.count_label.text() == "3 recommendations"
    assert set(view.table.column_texts(4)) == {"Noted"}
    assert view.scorecard_label.text() == ("Responses: 3 noted (0% accepted in whole or in part). "
                                           "Implementation: 1 not started, 2 not implemented.")
    qtbot.keyClicks(view.text_filter, "police")
    qtbot.waitUntil(lambda: view.count_label.text() == "1 recommendation")
    assert view.table.column_texts(1) == ["Ireland"]
    view.text_filter.setText("no such words")
    qtbot.waitUntil(lambda: view.empty_label.isVisible())
    assert view.empty_label.text() == "No recommendations match these filters."


def test_progress_is_recorded_in_the_dialog_and_a_new_one_is_added(view, database, qtbot):
    view.implementation_combo.setCurrentIndex(view.implementation_combo.findData("not_started"))
    before = view.table.row_count()
    record_id = view.table.current_record_id() or view.table.list_model.row_dict(0)["id"]
    view.table.select_record(record_id)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.dialog
    assert dialog.isVisible() and dialog.windowTitle() == "Edit recommendation"
    choose(dialog.widgets["implementation"], "In progress")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert view.table.row_count() == before - 1  # no longer "not started"

    view.implementation_combo.setCurrentIndex(0)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog.windowTitle() == "New recommendation"
    save(qtbot, dialog)  # no text yet
    assert dialog.isVisible() and dialog.error_labels["text"].text() == "The text of the recommendation cannot be empty"
    dialog.widgets["text"].setPlainText("Publish the national action plan on human rights")
    dialog.widgets["recommended_by"].setText("Human Rights Commission")
    choose(dialog.widgets["mechanism"], "NHRI")
    save(qtbot, dialog)
    assert not dialog.isVisible() and count(database) == 13
    assert "Publish the national action plan on human rights" in view.table.column_texts(3)


def test_the_delete_key_deletes_the_selected_recommendation_after_confirming(view, database, qtbot):
    with database.read_session() as session:
        free = session.scalar(select(Recommendation.id).where(Recommendation.text.like("Collect data on hate%")))
    assert view.table.select_record(free)
    view.table.setFocus()
    asked = answer_next_message("&Delete")
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and asked[0].startswith("Delete the recommendation '")
    assert count(database) == 11 and view.count_label.text() == "11 recommendations"


def test_a_question_and_a_document_are_linked_from_the_recommendations_dialog(view, database, qtbot):
    with database.session() as session:
        question = session.scalars(select(Question).where(Question.reference.is_not(None))
                                   .order_by(Question.id)).first()
        reference, question_id = question.reference, question.id
        document_id = records.create(session, Document, {"title": "Government reply on enforced disappearances",
                                                         "kind": "government_reply"})
        session.commit()
        recommendation_id = session.scalar(select(Recommendation.id).order_by(Recommendation.id))
    dialog = view.edit_recommendation(recommendation_id)
    qtbot.waitExposed(dialog)
    picker = dialog.link_list.picker
    for typed in (reference, "enforced disappearances"):
        picker.line_edit.clear()
        picker.line_edit.setFocus()
        qtbot.keyClicks(picker.line_edit, typed)
        qtbot.waitUntil(lambda: picker.popup.isVisible() and bool(picker.found), timeout=3000)
        qtbot.keyClick(picker.popup, Qt.Key.Key_Return)
    assert dialog.link_list.table.column_texts(0) == ["Question", "Document"]
    save(qtbot, dialog)
    assert not dialog.isVisible()
    with database.read_session() as session:
        saved = session.get(Recommendation, recommendation_id)
        assert [q.id for q in saved.questions] == [question_id]
        assert [d.id for d in saved.documents] == [document_id]

    again = view.edit_recommendation(recommendation_id)  # the links come back, and one is taken off
    assert again.link_list.table.column_texts(1)[0] == reference
    again.link_list.table.selectRow(0)
    again.link_list.table.setFocus()
    qtbot.keyClick(again.link_list.table, Qt.Key.Key_Delete)
    save(qtbot, again)
    with database.read_session() as session:
        saved = session.get(Recommendation, recommendation_id)
        assert saved.questions == [] and [d.id for d in saved.documents] == [document_id]


def test_a_upr_info_export_is_checked_then_imported_from_the_view(view, database, qtbot, tmp_path):
    path = tmp_path / "upr-info.csv"
    path.write_bytes(EXPORT.encode("mac_roman"))
    dialog = view.import_export(path)
    qtbot.waitExposed(dialog)
    assert [dialog.state_combo.itemText(i) for i in range(dialog.state_combo.count())] == [
        "All States in the file", "Veloria (2 rows)", "Ostmark (1 row)"]
    dialog.state_combo.setCurrentIndex(dialog.state_combo.findData("Veloria"))
    qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
    assert dialog.report.toPlainText() == ("Would import 2 recommendations (read as UTF-8).\n"
                                           "Left out 1 row addressed to another State.")
    assert count(database) == 12
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.report.toPlainText().startswith("Imported 2 recommendations")
    assert count(database) == 14 and view.count_label.text() == "14 recommendations"
    assert not dialog.import_button.isEnabled()


def test_an_export_with_a_bad_row_is_refused_from_the_view_naming_the_row(view, database, qtbot, tmp_path):
    path = tmp_path / "upr-info.csv"
    path.write_text(EXPORT.replace("Noted,4,Police", "Maybe,4,Police"), encoding="utf-8")
    dialog = view.import_export(path)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    report = dialog.report.toPlainText()
    assert report.startswith("Nothing was imported:") and "row 3, column Response: 'Maybe'" in report
    assert count(database) == 12


def test_a_file_that_is_not_an_export_says_so_and_offers_no_import(view, qtbot, tmp_path):
    path = tmp_path / "members.csv"
    path.write_text("Name,Party\nA. Member,Green\n", encoding="utf-8")
    dialog = view.import_export(path)
    assert "the columns" in dialog.report.toPlainText() and "missing" in dialog.report.toPlainText()
    assert not dialog.import_button.isEnabled() and not dialog.check_button.isEnabled()
