"""The search dialog finds a word inside Chinese text, and says how to combine words."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records
from r2p_desktop.ui.dialogs.search_dialog import SearchDialog
from r2p_desktop.ui.models.search_results_model import SNIPPET_ROLE, snippet_parts
from r2p_desktop.ui.task_runner import TaskRunner


@pytest.fixture
def dialog(qtbot, database, qapp):
    tasks = TaskRunner()
    search_dialog = SearchDialog(database, tasks)
    qtbot.addWidget(search_dialog)
    search_dialog.show()
    qtbot.waitExposed(search_dialog)
    yield search_dialog
    tasks.wait()


def type_query(qtbot, dialog: SearchDialog, text: str) -> None:
    """Type like a user and wait for the answer; Chinese comes as an input method commits it."""
    if text.isascii():
        qtbot.keyClicks(dialog.search_edit, text)
    else:
        typed = QInputMethodEvent("", [])
        typed.setCommitString(text)
        QApplication.sendEvent(dialog.search_edit, typed)
    qtbot.waitUntil(lambda: not dialog._debounce.isActive() and not dialog._searching)


def test_a_two_character_chinese_word_finds_the_question_and_enter_opens_it(qtbot, dialog, database):
    with database.session() as session:
        asked = records.create(session, Question, {"title": "国家协调人",
                                                   "question_text": "政府是否已任命保护责任国家协调人？"})
        records.create(session, Question, {"title": "联合国安理会的决议"})
        session.commit()
    type_query(qtbot, dialog, "协调")
    assert dialog.search_edit.text() == "协调"
    shown = [dialog.model.index(row, 0).data() for row in range(dialog.model.rowCount())]
    assert shown == ["Questions (1)", "国家协调人"]
    snippet = dialog.model.index(1, 0).data(SNIPPET_ROLE)
    assert [text for text, is_match in snippet_parts(snippet) if is_match] == ["协调"]
    with qtbot.waitSignal(dialog.record_chosen) as chosen:
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert chosen.args == ["question", asked]


def test_or_and_a_leading_minus_work_in_the_box_which_explains_them(qtbot, dialog, database):
    with database.session() as session:
        records.create(session, Question, {"title": "Genocide prevention"})
        records.create(session, Question, {"title": "Atrocity crimes"})
        records.create(session, Question, {"title": "Genocide convention"})
        session.commit()
    tip = dialog.search_edit.toolTip()
    assert "genocide OR atrocity finds either" in tip and "-draft leaves out" in tip and '"early warning"' in tip
    assert "OR" in dialog.search_edit.placeholderText() and "-word" in dialog.search_edit.placeholderText()
    type_query(qtbot, dialog, "genocide OR atrocity -convention")
    shown = [dialog.model.index(row, 0).data() for row in range(dialog.model.rowCount())]
    assert sorted(shown) == ["Atrocity crimes", "Genocide prevention", "Questions (2)"]
