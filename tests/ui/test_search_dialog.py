"""The search dialog: one box over every kind of record, hits grouped by kind, Enter opens one."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from shiboken6 import isValid

from r2p_desktop.core.models import Body, BudgetItem, Debate, Question
from r2p_desktop.core.services import records
from r2p_desktop.core.services.search import SearchHit
from r2p_desktop.ui.dialogs.search_dialog import SearchDialog
from r2p_desktop.ui.models.roles import RECORD_ID_ROLE
from r2p_desktop.ui.models.search_results_model import (
    IS_HEADER_ROLE,
    KIND_ROLE,
    SearchResultsModel,
    snippet_parts,
    title_parts,
)
from r2p_desktop.ui.task_runner import TaskRunner


@pytest.fixture
def tasks(qapp):
    runner = TaskRunner()
    yield runner
    runner.wait()


@pytest.fixture
def karsenia(database):
    """One record of four kinds, each mentioning Karsenia; returns their ids by kind."""
    with database.session() as session:
        ids = {
            "question": records.create(session, Question, {"title": "Early warning in Karsenia"}),
            "budget_item": records.create(session, BudgetItem, {"fiscal_year": 2026, "currency": "EUR",
                                                                "programme": "Peacekeeping in Karsenia"}),
            "debate": records.create(session, Debate, {"title": "Annual debate", "motion": "Karsenia sanctions"}),
            "body": records.create(session, Body, {"name": "Karsenia Observatory"}),
        }
        records.create(session, Question, {"title": "Hate speech online"})
        session.commit()
    return ids


@pytest.fixture
def dialog(qtbot, database, tasks):
    search_dialog = SearchDialog(database, tasks)
    qtbot.addWidget(search_dialog)
    search_dialog.show()
    qtbot.waitExposed(search_dialog)
    return search_dialog


def type_query(qtbot, dialog: SearchDialog, text: str) -> None:
    """Type like a user and wait until the answer to this text is shown."""
    qtbot.keyClicks(dialog.search_edit, text)
    qtbot.waitUntil(lambda: not dialog._debounce.isActive() and not dialog._searching)


def rows(model) -> list[str]:
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def test_typing_finds_every_kind_grouped_under_headers_in_order(qtbot, dialog, karsenia):
    type_query(qtbot, dialog, "karsenia")
    assert rows(dialog.model) == [
        "Questions (1)", "Early warning in Karsenia",
        "Budget lines (1)", "Peacekeeping in Karsenia",
        "Debates (1)", "Annual debate",
        "Bodies (1)", "Karsenia Observatory",
    ]
    header = dialog.model.index(0, 0)
    assert header.data(IS_HEADER_ROLE)
    assert not header.flags() & Qt.ItemFlag.ItemIsSelectable
    assert dialog.hint_label.text().startswith("4 records match")
    # The best hit is chosen at once, so Enter alone opens it.
    assert dialog.current_hit().record_id == karsenia["question"]


def test_down_skips_the_next_header_and_enter_opens_the_record(qtbot, dialog, karsenia):
    type_query(qtbot, dialog, "karsenia")
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Up)  # nothing above the first hit: stays
    assert dialog.results_view.currentIndex().row() == 1
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Down)
    current = dialog.results_view.currentIndex()
    assert current.row() == 3 and current.data(KIND_ROLE) == "budget_item"
    with qtbot.waitSignal(dialog.record_chosen) as chosen:
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert chosen.args == ["budget_item", karsenia["budget_item"]]
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_right_after_typing_opens_the_best_hit(qtbot, dialog, karsenia):
    with qtbot.waitSignal(dialog.record_chosen) as chosen:
        qtbot.keyClicks(dialog.search_edit, "observatory")
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Enter)
    assert chosen.args == ["body", karsenia["body"]]


def test_a_query_without_match_says_so(qtbot, dialog, karsenia):
    type_query(qtbot, dialog, "karsenia zebra")
    assert dialog.pages.currentWidget() is dialog.message_label
    assert dialog.message_label.text() == "No records match “karsenia zebra”."
    assert dialog.model.rowCount() == 0
    with qtbot.assertNotEmitted(dialog.record_chosen):
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)


@pytest.mark.parametrize("typed", ['"karsenia*', "karsenia) OR (", "NEAR(karsenia", "karsenia -^:"])
def test_search_syntax_typed_by_users_never_fails(qtbot, dialog, karsenia, typed):
    type_query(qtbot, dialog, typed)
    assert "failed" not in dialog.message_label.text()
    assert "Karsenia Observatory" in rows(dialog.model) or "No records match" in dialog.message_label.text()


def test_a_dialog_destroyed_while_searching_ignores_the_answer(qtbot, database, karsenia):
    held = HeldTasks()
    search_dialog = SearchDialog(database, held)
    search_dialog.set_query("karsenia")
    qtbot.waitUntil(lambda: len(held.held) == 1)
    model = search_dialog.model
    search_dialog.deleteLater()
    qtbot.waitUntil(lambda: not isValid(model))
    held.finish(0)  # must not touch the deleted widgets


def test_escape_closes_without_choosing(qtbot, dialog, karsenia):
    type_query(qtbot, dialog, "karsenia")
    with qtbot.assertNotEmitted(dialog.record_chosen):
        qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert dialog.result() == QDialog.DialogCode.Rejected


class HeldTasks:
    """A task runner whose tasks run only when the test says, in any order."""

    def __init__(self):
        self.held = []

    def run(self, task, on_done, *, on_error=None, on_progress=None):
        self.held.append((task, on_done))
        return len(self.held)

    def finish(self, number: int) -> None:
        task, on_done = self.held[number]
        on_done(task())


def test_the_answer_to_an_older_query_is_dropped(qtbot, database, karsenia):
    held = HeldTasks()
    search_dialog = SearchDialog(database, held)
    qtbot.addWidget(search_dialog)
    search_dialog.set_query("hate")
    qtbot.waitUntil(lambda: len(held.held) == 1)
    search_dialog.set_query("karsenia")
    qtbot.waitUntil(lambda: len(held.held) == 2)
    held.finish(1)
    held.finish(0)  # the slower, older search comes back last
    assert "Karsenia Observatory" in rows(search_dialog.model)
    assert "Hate speech online" not in rows(search_dialog.model)


def test_results_model_passes_qt_model_checks(qtmodeltester):
    model = SearchResultsModel()
    hits = [
        SearchHit("body", 3, "Karsenia Observatory", "\x02Karsenia\x03 Observatory", -9.0),
        SearchHit("question", 7, "Early warning", "…alerts on \x02Karsenia\x03 since…", -8.0),
        SearchHit("question", 5, "Arms sales", "…licences to \x02Karsenia\x03…", -7.0),
    ]
    model.set_hits(hits)
    assert rows(model) == ["Questions (2)", "Early warning", "Arms sales", "Bodies (1)", "Karsenia Observatory"]
    assert [model.index(row, 0).data(RECORD_ID_ROLE) for row in range(5)] == [None, 7, 5, None, 3]
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "…alerts on Karsenia since…"
    qtmodeltester.check(model)
    qtmodeltester.check(model, force_py=True)
    model.clear()
    qtmodeltester.check(model)


def test_matched_words_are_marked_without_brackets():
    assert snippet_parts("…to \x02Karsenia\x03 in \x022025\x03.") == [
        ("…to ", False), ("Karsenia", True), (" in ", False), ("2025", True), (".", False)]
    assert title_parts("Arms sales to Karsenia", "…no \x02karsenia\x03 licence…") == [("Arms sales to ", False),
                                                                                ("Karsenia", True)]


def test_ctrl_k_finds_a_question_from_anywhere_and_enter_opens_it(main_window, qtbot, database):
    with database.session() as session:
        wanted = records.create(session, Question, {"title": "Incitement to genocide online"})
        session.commit()
    main_window.show_view(2)
    qtbot.keyClick(main_window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    [dialog] = main_window.findChildren(SearchDialog)
    qtbot.keyClicks(dialog.search_edit, "incitement")
    qtbot.waitUntil(lambda: dialog.model.hit_count == 1)
    qtbot.keyClick(dialog.search_edit, Qt.Key.Key_Return)
    assert main_window.current_view() is main_window.questions_view
    editor = main_window.questions_view.editor
    assert editor.isVisible() and editor.question_id == wanted
    assert editor.widgets["title"].text() == "Incitement to genocide online"
