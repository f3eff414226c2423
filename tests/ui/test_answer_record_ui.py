"""The answer record in the question form, on the sample data, driven as a clerk does it: a named day,
a holding answer's text, a transfer to another ministry, who answered, a correction that keeps the answer
first given, and one answer given to a second question; each in History and in the briefing pack."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from clerk_actions import choose, save
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QMessageBox
from sqlalchemy import select

from r2p_desktop.core.models import Body, Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.reports import PackOptions, export_pack
from r2p_desktop.sample_data import generate_demo

TODAY = date.today()


@pytest.fixture
def tabled_pair(database):
    """Two questions of the sample data's to one ministry, tabled and awaiting their answer."""
    with database.session() as session:
        generate_demo(session, questions=60, seed=3)
        ministry = directory.body_or_new(session, "Ministry of Defence")
        pair = [records.create(session, Question, {
            "reference": f"WQ-2026-0090{n}", "title": title, "status": "tabled", "addressed_to_id": ministry,
            "date_tabled": TODAY - timedelta(days=20), "answer_due": TODAY + timedelta(days=3),
            "confidentiality": "public"})
            for n, title in ((1, "Early-warning training for peacekeepers"), (2, "Atrocity-risk training budget"))]
        session.commit()
    return pair


def pack_text(path) -> str:
    """The pack's text without whitespace: a PDF breaks lines where the page does."""
    return "".join("".join(page.extract_text().split()) for page in PdfReader(str(path)).pages)


def history_fields(editor, qtbot) -> set[str]:
    editor.tabs.setCurrentWidget(editor.history_page)
    model = editor.history_table.model()
    return {model.index(row, 2).data() for row in range(model.rowCount())}


def run_step(qtbot, editor, action, fill) -> None:
    action.trigger()
    dialog = editor.answer_dialog
    qtbot.waitUntil(dialog.isVisible)
    fill(dialog)
    qtbot.mouseClick(dialog.action_button if hasattr(dialog, "action_button") else dialog.give_button,
                     Qt.MouseButton.LeftButton)
    assert not dialog.isVisible(), dialog.findChildren(type(dialog.error_label if hasattr(dialog, "error_label")
                                                            else dialog.field_errors.summary_label))


def test_a_clerk_records_the_whole_answer_record_and_finds_it_in_history_and_the_pack(
        main_window, qtbot, database, tabled_pair, tmp_path):
    first, second = tabled_pair
    editor = main_window.edit_question(first)

    # A named day and a holding answer
    named_day = editor.widgets["named_day"]
    assert isinstance(named_day, QCheckBox)
    named_day.setChecked(True)
    choose(editor.widgets["status"], "Holding answer")
    editor.widgets["holding_answer_text"].setPlainText("The ministry is consulting the peacekeeping school.")
    save(qtbot, editor)
    assert editor.summary_label.isHidden(), editor.summary_label.text()

    # Transferred to another ministry, the answer now due later
    def transfer_to_foreign_affairs(dialog):
        dialog.widgets["addressed_to_id"].setEditText("Ministry of Foreign Affairs")
        dialog.widgets["answer_due"].setText((TODAY + timedelta(days=10)).isoformat())

    run_step(qtbot, editor, editor.transfer_action, transfer_to_foreign_affairs)
    assert editor.widgets["addressed_to_id"].currentText() == "Ministry of Foreign Affairs"
    assert editor.answer_record_label.isVisible()
    assert editor.answer_record_label.text().startswith("Transferred from the Ministry of Defence on ")

    # Answered, by a named minister
    choose(editor.widgets["status"], "Answered")
    editor.widgets["answer_text"].setPlainText("Forty officers were trained in 2026.")
    editor.widgets["answered_by_id"].setEditText("Ama Mensah")
    save(qtbot, editor)
    assert editor.summary_label.isHidden(), editor.summary_label.text()
    assert editor.widgets["answered_by_id"].currentText() == "Ama Mensah"

    # The government corrects its answer
    def corrected(dialog):
        dialog.widgets["answer_text"].setPlainText("Forty-four officers were trained in 2026.")

    run_step(qtbot, editor, editor.correct_action, corrected)
    assert editor.widgets["answer_text"].toPlainText() == "Forty-four officers were trained in 2026."
    assert "the answer as first given is kept" in editor.answer_record_label.text()

    # The same answer was given to the second question (moved to the same ministry first)
    with database.session() as session:
        foreign = session.scalar(select(Body.id).where(Body.name == "Ministry of Foreign Affairs"))
        records.update(session, Question, second, {"addressed_to_id": foreign})
        session.commit()

    def tick_second(dialog):
        qtbot.keyClicks(dialog.filter_edit, "0902")
        visible = [row for row in range(dialog.list.count()) if not dialog.list.item(row).isHidden()]
        assert [dialog.list.item(row).text() for row in visible] == ["WQ-2026-00902: Atrocity-risk training budget"]
        dialog.list.item(visible[0]).setCheckState(Qt.CheckState.Checked)

    run_step(qtbot, editor, editor.share_action, tick_second)
    assert "Answered together with WQ-2026-00902: Atrocity-risk training budget." in editor.answer_record_label.text()

    fields = history_fields(editor, qtbot)
    assert {"Named day", "Holding answer text", "Transferred from", "Answered by", "Original answer text"} <= fields

    with database.read_session() as session:
        shared = session.get(Question, second)
        assert (shared.status, shared.answer_text, shared.answered_with_id) == (
            "answered", "Forty-four officers were trained in 2026.", first)

    pack = tmp_path / "questions.pdf"
    export_pack(database, PackOptions(pack="questions", audience="committee", committee="Select Committee"), pack)
    text = pack_text(pack)
    for printed in ("transferredfromtheMinistryofDefence", "namedday", "HOLDINGANSWEROF",
                    "Theministryisconsultingthepeacekeepingschool.", "byAmaMensah",
                    "Forty-fourofficersweretrainedin2026.", "THEANSWERASFIRSTGIVEN",
                    "Fortyofficersweretrainedin2026.", "answeredtogetherwithWQ-2026-00902",
                    "answeredtogetherwithWQ-2026-00901"):
        assert printed in text, printed


def test_a_step_on_the_answer_record_asks_to_save_unsaved_edits_first(main_window, qtbot, tabled_pair,
                                                                       monkeypatch):
    asked = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: asked.append(text))
    editor = main_window.edit_question(tabled_pair[0])
    editor.widgets["title"].setText("Edited and not saved")
    editor.transfer_action.trigger()
    assert asked == ["Save or revert your edits to this question first."]
    assert editor.answer_dialog is None


def test_a_transfer_with_a_wrong_date_names_the_field_and_changes_nothing(main_window, qtbot, database, tabled_pair):
    editor = main_window.edit_question(tabled_pair[0])
    editor.transfer_action.trigger()
    dialog = editor.answer_dialog
    dialog.widgets["addressed_to_id"].setEditText("Ministry of Justice")
    dialog.widgets["transferred_on"].setText("5 March")
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.field_errors.error_labels["transferred_on"].text() == (
        "'5 March' is not a date; write it as YYYY-MM-DD")
    with database.read_session() as session:
        assert session.get(Question, tabled_pair[0]).transferred_from_id is None
