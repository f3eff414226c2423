"""Tab in a multi-line field moves to the next field, as in every other field, instead of typing a tab
character; Ctrl+Tab is not needed to leave it. Checked by pressing Tab in each multi-line field of each
dialog a clerk types into."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit

import r2p_desktop
from r2p_desktop.app import record_forms
from r2p_desktop.app.changes import Changes
from r2p_desktop.core.models import Debate
from r2p_desktop.core.services import records
from r2p_desktop.ui.dialogs.agenda_item_dialog import AgendaItemDialog
from r2p_desktop.ui.dialogs.budget_item_dialog import BudgetItemDialog
from r2p_desktop.ui.dialogs.follow_up_dialog import FollowUpDialog
from r2p_desktop.ui.dialogs.form_dialog import FormDialog
from r2p_desktop.ui.dialogs.record_dialog import RecordDialog


def a_debate(database) -> int:
    with database.session() as session:
        debate_id = records.create(session, Debate, {"title": "Annual R2P debate", "date": date.today()})
        session.commit()
    return debate_id


def correction_dialog(database, records_changed) -> FormDialog:
    return FormDialog(database, records_changed, record_forms.CORRECTION, title="Correct", intro="", action="&Record",
                      start={"answer_text": "As given", "answer_corrected_on": ""}, apply=lambda shown: Changes())


DIALOGS = {
    "agenda item": lambda db, changed: AgendaItemDialog(db, changed, preset={"debate_id": a_debate(db)}),
    "budget line": lambda db, changed: BudgetItemDialog(db, changed),
    "follow-up": lambda db, changed: FollowUpDialog(db, changed),
    "debate": lambda db, changed: RecordDialog(db, changed, form=record_forms.DEBATE),
    "person": lambda db, changed: RecordDialog(db, changed, form=record_forms.PERSON),
    "body": lambda db, changed: RecordDialog(db, changed, form=record_forms.BODY),
    "answer correction": correction_dialog,
}


def press_tab_in_each(qtbot, window) -> None:
    fields = [w for w in window.findChildren(QPlainTextEdit) if w.isVisible()]
    assert fields, "no multi-line field to check"
    for field in fields:
        field.clear()
        field.setFocus()
        qtbot.waitUntil(field.hasFocus)
        qtbot.keyClicks(field, "Early warning")
        qtbot.keyClick(field, Qt.Key.Key_Tab)
        assert field.toPlainText() == "Early warning"
        assert QApplication.focusWidget() is not field


@pytest.mark.parametrize("dialog_of", DIALOGS.values(), ids=DIALOGS.keys())
def test_tab_leaves_each_multi_line_field_without_typing_a_tab(qtbot, database, records_changed, dialog_of):
    dialog = dialog_of(database, records_changed)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    press_tab_in_each(qtbot, dialog)


def test_tab_leaves_each_multi_line_field_of_the_question_form(qtbot, main_window):
    editor = main_window.new_question()
    press_tab_in_each(qtbot, editor)  # question text, holding answer, answer, notes


def test_the_agenda_item_dialog_has_multi_line_fields_to_check(qtbot, database, records_changed):
    dialog = DIALOGS["agenda item"](database, records_changed)
    qtbot.addWidget(dialog)
    assert len(dialog.findChildren(QPlainTextEdit)) >= 3  # description, speakers, outcome notes


def test_every_multi_line_field_is_made_by_text_box():
    """text_box() is the one place a multi-line field is made, and it makes Tab move focus; a widget
    module that makes its own QPlainTextEdit or QTextEdit would type tabs again."""
    package = Path(r2p_desktop.__file__).parent / "ui"
    makers = []
    for module in package.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                    QPlainTextEdit.__name__, QTextEdit.__name__):
                makers.append(module.relative_to(package).as_posix())
    assert makers == ["widgets/text_box.py"]
