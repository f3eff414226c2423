"""The History tab of a question: each saved change, who made it, from what to what."""

from __future__ import annotations

import re

import pytest
from clerk_actions import choose, save
from PySide6.QtCore import Qt

from r2p_desktop.core.models import Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.ui.widgets import history_table as ht

TITLE = "Early warning capacity in the Ministry of Foreign Affairs"
ANSWER = ("The Ministry has appointed a national focal point for the responsibility to protect.\n\n"
          "She reports to the Permanent Secretary and chairs an inter-ministerial working group.")




def rows(dialog) -> list[tuple[str, str, str, str]]:
    table = dialog.history_table
    return list(zip(*(table.column_texts(column) for column in (ht.WHAT, ht.FROM, ht.TO, ht.WHO)), strict=True))


@pytest.fixture
def question_id(database):
    with database.session() as session:
        amina = directory.person_or_new(session, "Amina Okafor")
        directory.person_or_new(session, "Lars Berg")
        question_id = records.create(session, Question, {"title": TITLE, "asked_by_id": amina, "status": "tabled",
                                                         "date_tabled": "2017-09-06"})
        session.commit()
    return question_id


def test_a_saved_change_shows_in_the_history_tab(main_window, qtbot, question_id):
    dialog = main_window.edit_question(question_id)
    choose(dialog.widgets["asked_by_id"], "Lars Berg")
    choose(dialog.widgets["assessment"], "Partial")
    save(qtbot, dialog)
    assert not dialog.has_unsaved_changes()

    dialog = main_window.edit_question(question_id)
    assert dialog.tabs.tabText(0) == "Qu&estion"  # the form comes first, as before
    assert dialog.tabs.currentWidget() is dialog.question_page
    assert dialog.history_table.history_model.rowCount() == 0  # nothing read until the tab is shown

    qtbot.keyClick(dialog.widgets["title"], Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)

    assert dialog.tabs.currentWidget() is dialog.history_page
    assert rows(dialog) == [
        ("Our assessment", "", "Partial", "test-clerk"),
        ("Asked by", "Amina Okafor", "Lars Berg", "test-clerk"),
        ("Created", "", "", "test-clerk"),
    ]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", when)
               for when in dialog.history_table.column_texts(ht.WHEN))


def test_the_history_tab_opens_by_click_and_by_alt_h(main_window, qtbot, question_id):
    dialog = main_window.edit_question(question_id)
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert dialog.tabs.currentWidget() is dialog.history_page
    assert dialog.history_table.column_texts(ht.WHAT) == ["Created"]

    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(0).center())
    assert dialog.tabs.currentWidget() is dialog.question_page
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.widgets["title"], Qt.Key.Key_H, Qt.KeyboardModifier.AltModifier)
    assert dialog.tabs.currentWidget() is dialog.history_page


def test_long_values_are_shortened_with_the_full_text_in_the_tooltip(main_window, qtbot, question_id):
    dialog = main_window.edit_question(question_id)
    choose(dialog.widgets["status"], "Answered")
    dialog.widgets["answer_text"].setPlainText(ANSWER)
    save(qtbot, dialog)

    dialog = main_window.edit_question(question_id)
    dialog.tabs.setCurrentWidget(dialog.history_page)
    model = dialog.history_table.history_model
    answer_row = dialog.history_table.column_texts(ht.WHAT).index("Answer text")
    cell = model.index(answer_row, ht.TO)
    assert "\n" not in cell.data()  # one line in the table, elided by the view
    tooltip = cell.data(Qt.ItemDataRole.ToolTipRole)
    assert "national focal point for the responsibility to protect.\n\nShe reports" in tooltip
    assert model.index(answer_row, ht.WHAT).data(Qt.ItemDataRole.ToolTipRole) is None


def test_an_error_while_on_the_history_tab_brings_the_form_back(main_window, qtbot, question_id):
    dialog = main_window.edit_question(question_id)
    dialog.widgets["title"].clear()
    dialog.tabs.setCurrentWidget(dialog.history_page)
    save(qtbot, dialog)
    assert dialog.tabs.currentWidget() is dialog.question_page
    assert dialog.error_labels["title"].isVisible()


def test_a_new_question_has_no_history_yet(main_window):
    dialog = main_window.new_question()
    assert not dialog.tabs.isTabEnabled(dialog.tabs.indexOf(dialog.history_page))
    assert dialog.history_table.history_model.rowCount() == 0


def test_history_model(qtmodeltester, main_window, qtbot, question_id):
    dialog = main_window.edit_question(question_id)
    choose(dialog.widgets["asked_by_id"], "Lars Berg")
    save(qtbot, dialog)
    dialog = main_window.edit_question(question_id)
    dialog.tabs.setCurrentWidget(dialog.history_page)
    model = dialog.history_table.history_model
    assert model.rowCount() == 2
    qtmodeltester.check(model)
