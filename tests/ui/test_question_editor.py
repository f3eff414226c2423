"""The question editor: linking catalogue entries, asking before unsaved edits are lost, deleting."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from r2p_desktop.core import catalogue
from r2p_desktop.core.errors import R2PError
from r2p_desktop.core.models import AgendaItemLink, Debate, FollowUp, Question
from r2p_desktop.core.services import agenda, records
from r2p_desktop.ui.models import question_table_model as qtm
from r2p_desktop.ui.widgets.catalogue_picker import CataloguePicker

Save = QMessageBox.StandardButton.Save
Discard = QMessageBox.StandardButton.Discard
Cancel = QMessageBox.StandardButton.Cancel


@pytest.fixture
def question_id(add_questions):
    return add_questions(1)[0]


def saved(database, question_id):
    with database.read_session() as session:
        return records.get(session, Question, question_id)


def tick(qtbot, picker: CataloguePicker, code: str) -> None:
    """As a clerk would: type the code, go down to the list, press Space."""
    picker.filter_edit.clear()
    qtbot.keyClicks(picker.filter_edit, code)
    qtbot.keyClick(picker.filter_edit, Qt.Key.Key_Down)
    assert picker.list_view.hasFocus()
    qtbot.keyClick(picker.list_view, Qt.Key.Key_Space)


def test_picker_filters_and_counts(qtbot):
    picker = CataloguePicker("commitments")
    qtbot.addWidget(picker)
    picker.set_entries([("A1", "Appoint a focal point"), ("B2", "Train officials"), ("C3", "Report yearly")])
    picker.set_selected(["C3"])
    assert picker.count_label.text() == "1 chosen"
    picker.filter_edit.setText("train")
    assert picker.proxy.rowCount() == 1
    assert picker.proxy.index(0, 0).data() == "B2 — Train officials"
    with qtbot.waitSignal(picker.changed):
        picker.proxy.setData(picker.proxy.index(0, 0), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert sorted(picker.selected()) == ["B2", "C3"]
    assert picker.count_label.text() == "2 chosen"


def test_picker_model(qtmodeltester, qtbot):
    picker = CataloguePicker()
    qtbot.addWidget(picker)
    picker.set_entries([("A1", "One"), ("B2", "Two")])
    qtmodeltester.check(picker.entries_model)


def test_links_are_saved_and_read_back(main_window, qtbot, database, question_id):
    with database.read_session() as session:
        commitments = [c.code for c in catalogue.list_commitments(session)][:2]
        risk_factor = catalogue.list_risk_factors(session)[0]["code"]
    dialog = main_window.edit_question(question_id)
    dialog.tabs.setCurrentWidget(dialog.links_page)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    for code in commitments:
        tick(qtbot, dialog.widgets["commitments"], code)
    tick(qtbot, dialog.widgets["risk_factors"], risk_factor)
    assert dialog.widgets["commitments"].count_label.text() == "2 chosen"
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)

    assert not dialog.has_unsaved_changes()
    values = saved(database, question_id)
    assert sorted(values["commitments"]) == sorted(commitments)
    assert values["risk_factors"] == [risk_factor]
    assert values["instruments"] == []
    dialog.show_question(None)
    again = main_window.edit_question(question_id)
    assert sorted(again.widgets["commitments"].selected()) == sorted(commitments)


def test_alt_and_a_headings_letter_go_to_that_list_of_links(main_window, qtbot, question_id):
    dialog = main_window.edit_question(question_id)
    dialog.tabs.setCurrentWidget(dialog.links_page)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    start = dialog.widgets["commitments"].filter_edit
    for letter, name in ((Qt.Key.Key_R, "risk_factors"), (Qt.Key.Key_I, "instruments"), (Qt.Key.Key_M, "commitments")):
        qtbot.keyClick(start, letter, Qt.KeyboardModifier.AltModifier)  # Alt+R is not the hidden Reference's
        assert dialog.widgets[name].filter_edit.hasFocus(), name
        start = dialog.widgets[name].filter_edit


def test_a_new_question_is_saved_with_its_links(main_window, database):
    with database.read_session() as session:
        instrument = catalogue.list_instruments(session)[0]["code"]
    dialog = main_window.new_question()
    dialog.widgets["title"].setText("Ratification of the Arms Trade Treaty")
    dialog.widgets["instruments"].set_selected([instrument])
    assert dialog.save()
    assert saved(database, dialog.question_id)["instruments"] == [instrument]


@pytest.fixture
def two_questions(main_window, add_questions):
    """The Questions view showing two questions, the first of them in the form."""
    ids = add_questions(2)
    main_window.edit_question(ids[0])
    return ids


def move_to(view, record_id) -> None:
    """As a clerk would: choose another row of the table."""
    view.table.setCurrentIndex(view.model.index(view.model.row_of(record_id), qtm.TITLE))


@pytest.mark.parametrize("leave", ["another row", "new question"])
def test_discard_moves_on_and_leaves_the_question_unchanged(main_window, qtbot, database, two_questions,
                                                            monkeypatch, leave):
    first, second = two_questions
    before = saved(database, first)
    view = main_window.questions_view
    asked = []
    monkeypatch.setattr(view.editor, "ask_to_save", lambda: asked.append(True) or Discard)
    view.editor.widgets["title"].setText("A title nobody saved")
    if leave == "another row":
        move_to(view, second)
        assert view.editor.question_id == second
    else:
        qtbot.keyClick(main_window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        assert view.editor.question_id is None and view.editor.widgets["title"].text() == ""
    assert asked == [True]
    assert saved(database, first) == before


def test_cancel_in_the_prompt_keeps_the_question_and_its_edits(main_window, qtbot, two_questions, monkeypatch):
    first, second = two_questions
    view = main_window.questions_view
    monkeypatch.setattr(view.editor, "ask_to_save", lambda: Cancel)
    view.editor.widgets["title"].setText("Still editing")
    move_to(view, second)
    assert view.editor.question_id == first
    assert view.editor.widgets["title"].text() == "Still editing"
    qtbot.waitUntil(lambda: view.table.current_record_id() == first)  # the table goes back to it


def test_save_in_the_prompt_saves(main_window, qtbot, database, two_questions, monkeypatch):
    first, second = two_questions
    view = main_window.questions_view
    monkeypatch.setattr(view.editor, "ask_to_save", lambda: Save)
    view.editor.widgets["title"].setText("Saved on the way out")
    move_to(view, second)
    assert saved(database, first)["title"] == "Saved on the way out"
    assert view.editor.question_id == second


def test_save_in_the_prompt_stays_when_a_field_is_wrong(main_window, qtbot, two_questions, monkeypatch):
    first, second = two_questions
    view = main_window.questions_view
    monkeypatch.setattr(view.editor, "ask_to_save", lambda: Save)
    view.editor.widgets["title"].clear()
    move_to(view, second)
    assert view.editor.question_id == first
    assert view.editor.error_labels["title"].isVisible()


def test_closing_the_window_asks_and_cancel_keeps_it_open(main_window, two_questions, monkeypatch):
    editor = main_window.questions_view.editor
    monkeypatch.setattr(editor, "ask_to_save", lambda: Cancel)
    editor.widgets["title"].setText("Not yet saved")
    assert not main_window.close()
    assert main_window.isVisible() and editor.widgets["title"].text() == "Not yet saved"


def test_revert_forgets_the_edits(main_window, qtbot, two_questions, database):
    editor = main_window.questions_view.editor
    title = saved(database, two_questions[0])["title"]
    editor.widgets["title"].setText("Changed my mind")
    qtbot.mouseClick(editor.revert_button, Qt.MouseButton.LeftButton)
    assert editor.widgets["title"].text() == title and not editor.has_unsaved_changes()


def test_a_changed_link_counts_as_an_unsaved_change(main_window, question_id):
    dialog = main_window.edit_question(question_id)
    assert not dialog.has_unsaved_changes()
    dialog.widgets["risk_factors"].set_selected(["RF01"])
    assert dialog.has_unsaved_changes()


@pytest.mark.parametrize("new", [False, True])
def test_no_prompt_when_nothing_changed(main_window, qtbot, two_questions, monkeypatch, new):
    view = main_window.questions_view
    if new:
        main_window.new_question()

    def ask():
        raise AssertionError("asked although nothing changed")

    monkeypatch.setattr(view.editor, "ask_to_save", ask)
    move_to(view, two_questions[1])
    assert view.editor.question_id == two_questions[1]


def show_questions(main_window, qtbot):
    main_window.show_view(main_window.views.index(main_window.questions_view))
    return main_window.questions_view


def test_delete_key_in_the_table_deletes_after_confirmation(main_window, qtbot, database, add_questions,
                                                            monkeypatch):
    ids = add_questions(3)
    view = show_questions(main_window, qtbot)
    view.table.select_record(ids[1])
    title = saved(database, ids[1])["title"]
    asked = []
    monkeypatch.setattr(view.editor, "confirm_delete", lambda plan: asked.append((plan.question, plan.details)) or True)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)

    assert asked == [(f"Delete the question 'WQ 00001 {title}'?", "Nothing else is deleted. This cannot be undone.")]
    texts = [view.model.index(row, qtm.REFERENCE).data() for row in range(view.model.rowCount())]
    assert "WQ 00001" not in texts and len(texts) == 2
    assert view.lower.currentWidget() is view.placeholder
    with database.read_session() as session, pytest.raises(R2PError):
        records.get(session, Question, ids[1])


def test_declining_the_confirmation_deletes_nothing(main_window, qtbot, add_questions, monkeypatch):
    ids = add_questions(2)
    view = show_questions(main_window, qtbot)
    view.table.select_record(ids[0])
    monkeypatch.setattr(view.editor, "confirm_delete", lambda plan: False)
    qtbot.mouseClick(view.editor.delete_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 2
    assert view.editor.question_id == ids[0]


def test_a_question_with_follow_ups_is_not_deleted(main_window, qtbot, database, question_id, monkeypatch):
    with database.session() as session:
        records.create(session, FollowUp, {"description": "Chase the ministry", "question_id": question_id})
        session.commit()
    view = show_questions(main_window, qtbot)
    view.table.select_record(question_id)
    asked = []
    monkeypatch.setattr(view.editor, "confirm_delete", lambda plan: asked.append(plan) or True)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)

    summary = view.editor.summary_label
    assert summary.isVisible()
    assert summary.text() == ("The question was not deleted: 1 follow-up arose from this question; delete or "
                              "re-parent it first.")
    assert view.model.rowCount() == 1
    assert saved(database, question_id)["id"] == question_id
    assert asked == []  # refused before anything was asked


def test_delete_from_the_form(main_window, qtbot, database, add_questions, monkeypatch):
    ids = add_questions(2)
    view = show_questions(main_window, qtbot)
    editor = main_window.edit_question(ids[0])
    asked = []
    monkeypatch.setattr(editor, "confirm_delete", lambda plan: asked.append(plan.question) or True)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert asked and asked[0].startswith("Delete the question 'WQ 00000 ")
    assert view.lower.currentWidget() is view.placeholder
    assert view.model.rowCount() == 1


def test_the_confirmation_says_which_links_go_with_the_question(main_window, qtbot, database, question_id,
                                                                 monkeypatch):
    with database.session() as session:
        debate = records.create(session, Debate, {"title": "Annual R2P debate"})
        item = agenda.add_item(session, debate, {"title": "Early warning"})
        session.add(AgendaItemLink(agenda_item_id=item, question_id=question_id))
        session.commit()
    editor = main_window.edit_question(question_id)
    asked = []
    monkeypatch.setattr(editor, "confirm_delete", lambda plan: asked.append(plan.details) or False)
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    assert asked == ["The link to 1 agenda item is removed; the agenda item stays. This cannot be undone."]
    assert saved(database, question_id)["id"] == question_id  # cancelled: nothing deleted
