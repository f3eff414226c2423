"""Documents in the window, driven as a clerk does it: the government's reply attached to a sample-data
question from its form and found by a word inside the PDF; a document added in the Documents view with
its file, listed, filtered, opened and deleted; names in Arabic or with `../` shown as labels only."""

from __future__ import annotations

from pathlib import Path

import pytest
from clerk_actions import answer_next_message
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from sqlalchemy import select
from test_attachments import make_pdf

from r2p_desktop.core.models import Document, Question
from r2p_desktop.sample_data import generate_demo
from r2p_desktop.ui.dialogs import document_dialog
from r2p_desktop.ui.dialogs.search_dialog import SearchDialog
from r2p_desktop.ui.models.search_results_model import KIND_ROLE, RECORD_ID_ROLE


@pytest.fixture
def sample_question(database):
    """An answered question of the sample data's: (id, reference, title)."""
    with database.session() as session:
        generate_demo(session, questions=40, seed=3)
        session.commit()
        question = session.scalars(select(Question).where(Question.status == "answered")
                                   .order_by(Question.id)).first()
        return question.id, question.reference, question.title


@pytest.fixture
def opened(monkeypatch):
    """The files handed to the system's viewer (none is started), and whether it "opens" them."""
    seen: list[Path] = []
    answer = {"opens": True}

    def open_url(url):
        seen.append(Path(url.toLocalFile()))
        return answer["opens"]

    monkeypatch.setattr(QDesktopServices, "openUrl", open_url)
    return seen, answer


def search_and_open(qtbot, main_window, words: str) -> list[str]:
    """Type `words` in Find records and open the first hit; the rows the search listed."""
    dialog: SearchDialog = main_window.find_records()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.search_edit, words)
    qtbot.waitUntil(lambda: not dialog._debounce.isActive() and not dialog._searching)
    model = dialog.model
    rows = [model.index(row, 0).data() for row in range(model.rowCount())]
    hit = next(model.index(row, 0) for row in range(model.rowCount()) if model.index(row, 0).data(KIND_ROLE)
               and model.index(row, 0).data(RECORD_ID_ROLE) is not None)
    dialog.results_view.setCurrentIndex(hit)
    qtbot.keyClick(dialog.results_view, Qt.Key.Key_Return)
    return rows


def test_a_clerk_attaches_the_governments_reply_and_finds_it_by_a_word_inside(
        main_window, qtbot, database, sample_question, tmp_path, monkeypatch, opened):
    question_id, reference, title = sample_question
    reply = make_pdf(tmp_path / "Reply of the Ministry.pdf", "The Ministry will fund the Brackenmoor early",
                     "warning unit from next year.")
    monkeypatch.setattr(document_dialog, "choose_file", lambda parent, caption: reply)
    editor = main_window.edit_question(question_id)
    assert editor.reply_action.isEnabled() and "&r" in editor.reply_action.text()  # also in Answer record
    editor.tabs.setCurrentWidget(editor.links_page)
    button = editor.documents.attach_button
    assert button.isVisible() and button.text() == "&Attach the government's reply…"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert editor.summary_label.isHidden(), editor.summary_label.text()
    assert editor.tabs.currentWidget() is editor.links_page
    expected = f"Government reply to {reference}: {title}"
    assert editor.documents.titles() == [expected]
    assert editor.documents.table.column_texts(1) == ["Government reply"]
    assert editor.documents.table.column_texts(2) == ["Reply of the Ministry.pdf"]

    rows = search_and_open(qtbot, main_window, "brackenmoor")
    assert rows[:2] == ["Documents (1)", expected]
    view = main_window.documents_view
    assert main_window.stack.currentWidget() is view
    dialog = view.dialog
    assert dialog.isVisible() and dialog.history_record_id() is not None
    assert dialog.widgets["title"].text() == expected
    assert dialog.file_label.text() == document_dialog.file_text("Reply of the Ministry.pdf", reply.stat().st_size)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
    seen, _ = opened
    assert seen[-1].name == "Reply of the Ministry.pdf" and seen[-1].read_bytes() == reply.read_bytes()
    dialog.reject()

    # Unlinked from the question, the document stays in Documents
    editor = main_window.edit_question(question_id)
    editor.tabs.setCurrentWidget(editor.links_page)
    editor.documents.table.selectRow(0)
    qtbot.mouseClick(editor.documents.unlink_button, Qt.MouseButton.LeftButton)
    assert editor.documents.titles() == [] and editor.documents.empty_label.isVisible()
    main_window.show_view(main_window.views.index(view))
    assert expected in view.table.column_texts(0)


def attach_in(qtbot, dialog, path: Path) -> None:
    dialog.attach_file(path)
    qtbot.waitUntil(lambda: not dialog.busy())


def test_a_document_with_an_arabic_file_name_is_added_listed_filtered_and_opened(
        main_window, qtbot, database, tmp_path, opened):
    view = main_window.documents_view
    main_window.show_view(main_window.views.index(view))
    assert view.empty_label.isVisible()
    source = make_pdf(tmp_path / "تقرير المؤسسة الوطنية.pdf", "Annual report on Thistlemere detention")

    dialog = view.new_document()
    dialog.widgets["title"].setText("NHRI annual report 2025")
    dialog.widgets["kind"].setCurrentIndex(dialog.widgets["kind"].findText("Nhri annual report"))
    attach_in(qtbot, dialog, source)
    assert dialog.file_label.text().startswith("\u2068تقرير المؤسسة الوطنية.pdf\u2069 (")  # isolated: read in order
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.summary_label.text()

    assert view.table.column_texts(0) == ["NHRI annual report 2025"]
    assert view.table.column_texts(4) == ["تقرير المؤسسة الوطنية.pdf"]
    assert view.table.column_texts(5)[0].endswith("KB") or view.table.column_texts(5)[0].endswith("bytes")
    qtbot.keyClicks(view.text_filter, "thistlemere")  # a word inside the PDF
    qtbot.waitUntil(lambda: not view._typing.isActive())
    assert view.table.column_texts(0) == ["NHRI annual report 2025"]
    view.kind_combo.setCurrentIndex(view.kind_combo.findText("Shadow report"))
    assert view.empty_label.isVisible() and view.empty_label.text() == view.NO_MATCH_TEXT
    view.kind_combo.setCurrentIndex(0)

    view.table.selectRow(0)
    seen, answer = opened
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert seen[-1].name == "تقرير المؤسسة الوطنية.pdf" and view.problem_label.isHidden()
    answer["opens"] = False
    qtbot.mouseClick(view.open_button, Qt.MouseButton.LeftButton)
    assert view.problem_label.text().startswith("No program on this computer opens .pdf files. A copy is saved as ")


def test_a_hostile_file_name_is_shown_as_its_last_part_and_a_replaced_file_is_saved(
        main_window, qtbot, database, tmp_path):
    view = main_window.documents_view
    main_window.show_view(main_window.views.index(view))
    dialog = view.new_document()
    dialog.widgets["title"].setText("Shadow report")
    first = tmp_path / "first.txt"
    first.write_text("first")
    attach_in(qtbot, dialog, first)
    dialog.accept()
    [document_id] = [row["id"] for row in view._by_id.values()]

    dialog = view.edit_document(document_id)
    hostile = tmp_path / "x"
    hostile.write_text("root:x:0:0")
    # The file dialog gives back a real path; the name it is shown by is only its last part.
    stored = document_dialog.documents.store(database).store(hostile, name="../../etc/passwd")
    dialog._stored(stored)
    assert dialog.file_label.text().startswith("\u2068passwd\u2069 (10 bytes)")
    dialog.accept()
    assert not dialog.isVisible(), dialog.summary_label.text()
    with database.read_session() as session:
        document = session.get(Document, document_id)
        assert (document.file_name, document.file_size) == ("passwd", 10)
    assert view.table.column_texts(4) == ["passwd"]

    dialog = view.edit_document(document_id)  # History, as for every record: the file's change is in it
    history = dialog.show_history()
    model = history.history_table.model()
    changed = {model.index(row, 2).data() for row in range(model.rowCount())}
    assert {"File name", "File size", "File checksum"} <= changed, changed
    history.reject()
    dialog.reject()


def test_a_file_gone_before_it_is_copied_is_one_line_in_the_dialog(main_window, qtbot, tmp_path):
    view = main_window.documents_view
    main_window.show_view(main_window.views.index(view))
    dialog = view.new_document()
    attach_in(qtbot, dialog, tmp_path / "gone.pdf")
    assert dialog.file_problem.text() == "Gone.pdf is no longer there (moved or deleted?); nothing was attached."
    assert dialog.file_label.text() == "No file attached."
    dialog.reject()


def test_a_document_is_deleted_from_the_view_after_asking(main_window, qtbot, database):
    with database.session() as session:
        session.add(Document(title="Draft shadow report", kind="shadow_report"))
        session.commit()
    view = main_window.documents_view
    main_window.show_view(main_window.views.index(view))
    view.table.selectRow(0)
    view.table.setFocus()
    asked = answer_next_message("&Delete")
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert asked == ["Delete the document 'Draft shadow report'?"]
    assert view.empty_label.isVisible()
    with database.read_session() as session:
        assert session.scalars(select(Document)).all() == []
