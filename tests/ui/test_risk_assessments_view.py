"""A clerk records this year's atrocity risk assessment from last year's: makes it with New assessment
for a year…, changes two factors' levels (one in the table with the keyboard, one in the panel with its
note), links a question as a factor's evidence and unlinks it, and reads the change on last year's side
by side. The view is driven on its own, as the main window would show it."""

from __future__ import annotations

from datetime import date

import pytest
from clerk_actions import answer_next_message, save
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from r2p_desktop.app import record_forms, risk_assessments
from r2p_desktop.app import records as record_use_cases
from r2p_desktop.core.models import Document, Question
from r2p_desktop.core.services import records
from r2p_desktop.ui.views.risk_assessments_view import (
    CHANGE_COLUMN,
    LAST_COLUMN,
    LEVEL_COLUMN,
    NOTE_COLUMN,
    TITLE_COLUMN,
    RiskAssessmentsView,
)


def make_assessment(database, year: int, levels: dict[int, str]) -> int:
    shown = {**record_use_cases.new(database, record_forms.RISK_ASSESSMENT).shown, "year": year,
             "title": f"Atrocity risk assessment {year}"}
    [assessment_id] = risk_assessments.create(database, shown).created_ids(risk_assessments.ASSESSMENT)
    for row in risk_assessments.comparison(database, assessment_id).rows:
        if row.number in levels:
            risk_assessments.save_finding(database, row.finding_id, level=levels[row.number], note="",
                                          expected_version=row.version)
    return assessment_id


@pytest.fixture
def view(qtbot, database, records_changed):
    view = RiskAssessmentsView(database, records_changed)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()  # the offscreen platform does not activate a new window: shortcuts need it
    qtbot.waitUntil(view.isActiveWindow)
    return view


def cells(view, number: int) -> tuple[str, str, str]:
    """Factor `number`'s last year, this year and change, as the table shows them."""
    model = view.table.model()
    return tuple(model.index(number - 1, column).data() for column in (LAST_COLUMN, LEVEL_COLUMN, CHANGE_COLUMN))


def test_this_years_assessment_is_made_from_last_years_and_the_change_shows_beside_it(view, database, qtbot):
    assert view.empty_label.isVisible() and not view.edit_button.isEnabled()
    make_assessment(database, 2025, {1: "moderate", 3: "elevated", 9: "high"})
    view.records_changed.notify(risk_assessments.ASSESSMENT)
    assert view.year_combo.currentText() == "2025 · Atrocity risk assessment 2025"

    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog.windowTitle() == "New risk assessment"
    assert (dialog.widgets["year"].value(), dialog.widgets["title"].text()) == (2026, "Atrocity risk assessment 2026")
    assert dialog.copy_previous.isChecked()
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert view.year_combo.currentText() == "2026 · Atrocity risk assessment 2026"
    model = view.table.model()
    assert model.rowCount() == 14
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in (LAST_COLUMN, LEVEL_COLUMN)] == ["2025", "2026"]
    assert model.index(0, TITLE_COLUMN).data() == "Situations of armed conflict or other forms of instability"
    assert cells(view, 1) == ("Moderate", "Moderate", "= Same")
    assert cells(view, 2) == ("Not assessed", "Not assessed", "—")

    # Factor 1 rose: chosen in the table, F2 then the level's first letter.
    assert view.select_factor(1)
    view.table.setFocus()
    view.table.setCurrentIndex(model.index(0, LEVEL_COLUMN))
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = view.table.viewport().findChild(QComboBox)
    assert editor is not None and editor.currentText() == "Moderate"
    qtbot.keyClicks(editor, "h")
    qtbot.waitUntil(lambda: cells(view, 1) == ("Moderate", "High", "↑ Higher"))

    # Factor 3 fell: chosen in the panel, with the note, saved with Ctrl+S.
    view.activateWindow()  # again: the dialog's closing took it away
    qtbot.waitUntil(view.isActiveWindow)
    assert view.select_factor(3)
    assert view.factor_label.text() == "<b>3. Weakness of State structures</b>"
    assert view.previous_label.text() == "In 2025: Elevated"
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)  # Enter on a factor: to its level in the panel
    assert view.level_combo.hasFocus()
    qtbot.keyClicks(view.level_combo, "l")
    assert view.level_combo.currentText() == "Low" and view.save_button.isEnabled()
    view.note_edit.setFocus()
    qtbot.keyClicks(view.note_edit, "Courts reopened in the north")
    qtbot.keyClick(view.note_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert cells(view, 3) == ("Elevated", "Low", "↓ Lower")
    assert model.index(2, NOTE_COLUMN).data() == "Courts reopened in the north"
    assert not view.save_button.isEnabled() and view.error_label.text() == ""
    assert view.details_label.text().startswith("Not dated yet. 3 of 14 factors assessed. Compared with 2025.")

    # Last year's stays as it was.
    assert view.select_year(2025)
    assert cells(view, 1) == ("—", "Moderate", "—") and cells(view, 3) == ("—", "Elevated", "—")

    # A second 2026 is refused on its year, in one line.
    dialog = view.new_assessment()
    dialog.widgets["year"].setValue(2026)
    save(qtbot, dialog)
    assert dialog.isVisible() and dialog.error_labels["year"].text() == "There is already a risk assessment for 2026"
    dialog.reject()


def test_a_note_typed_is_saved_when_the_clerk_moves_to_another_factor(view, database, qtbot):
    make_assessment(database, 2026, {})
    view.refresh()
    assert view.select_factor(5)
    view.note_edit.setPlainText("Arms flowing across the border")
    assert view.select_factor(6)
    qtbot.waitUntil(lambda: view.table.model().index(4, NOTE_COLUMN).data() == "Arms flowing across the border")
    assert view.factor_label.text() == "<b>6. Absence of mitigating factors</b>"
    assert view.note_edit.toPlainText() == ""


def test_a_question_is_linked_as_evidence_and_unlinked(view, database, qtbot):
    with database.session() as session:
        question_id = records.create(session, Question, {"reference": "WQ-2026-00042",
                                                         "title": "Hate speech against the northern minority"})
        document_id = records.create(session, Document, {"title": "NHRI atrocity risk assessment 2026",
                                                         "kind": "risk_assessment"})
        session.commit()
    make_assessment(database, 2026, {9: "elevated"})
    view.refresh()
    assert view.select_factor(9)
    picker = view.evidence.picker
    picker.line_edit.setFocus()
    qtbot.keyClicks(picker.line_edit, "00042")
    qtbot.waitUntil(lambda: picker.popup.isVisible() and bool(picker.found), timeout=3000)
    qtbot.keyClick(picker.popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.evidence.table.column_texts(1) == ["WQ-2026-00042"])
    [row] = [row for row in risk_assessments.comparison(database, view.current_assessment_id()).rows if row.number == 9]
    assert [(record.kind, record.id) for record in risk_assessments.evidence(database, row.finding_id)] == [
        ("question", question_id)]
    assert view.table.model().index(8, 6).data() == "1"  # the Evidence column

    # The source document, chosen above the table.
    view.source_combo.setCurrentIndex(view.source_combo.findData(document_id))
    view.source_combo.activated.emit(view.source_combo.currentIndex())
    assert risk_assessments.list_assessments(database)[0].source_document == "NHRI atrocity risk assessment 2026"

    view.evidence.table.selectRow(0)
    qtbot.mouseClick(view.evidence.remove_button, Qt.MouseButton.LeftButton)
    assert risk_assessments.evidence(database, row.finding_id) == []
    assert view.evidence.empty_label.isVisible() and view.table.model().index(8, 6).data() == ""


def test_opening_a_finding_shows_its_year_and_factor_and_delete_asks_first(view, database, qtbot):
    make_assessment(database, 2025, {})
    later = make_assessment(database, 2026, {})
    view.refresh()
    assert view.select_year(2026)
    earlier = risk_assessments.list_assessments(database)[1].id
    twelfth = risk_assessments.comparison(database, earlier).rows[11]
    view.open_record(risk_assessments.FINDING, twelfth.finding_id)
    assert view.year_combo.currentData() == earlier
    assert view.factor_label.text().startswith("<b>12. Signs of a plan or policy")

    view.open_record(risk_assessments.ASSESSMENT, later)
    asked = answer_next_message("&Delete")
    assert view.delete_assessment()
    assert asked[0].startswith("Delete the risk assessment 'Atrocity risk assessment 2026'")
    assert [a.year for a in risk_assessments.list_assessments(database)] == [2025]
    assert view.year_combo.currentText() == "2025 · Atrocity risk assessment 2025"
    history = view.show_history()
    qtbot.waitExposed(history)
    assert history.windowTitle() == "History: Atrocity risk assessment 2025"
    history.reject()


def test_a_finding_a_colleague_saved_meanwhile_is_not_overwritten(view, database, qtbot):
    assessment_id = make_assessment(database, 2026, {})
    view.refresh()
    assert view.select_factor(2)
    row = risk_assessments.comparison(database, assessment_id).rows[1]
    risk_assessments.save_finding(database, row.finding_id, level="high", note="From the NHRI's report",
                                  expected_version=row.version)  # a colleague, in another window
    view.level_combo.setCurrentIndex(view.level_combo.findText("Low"))
    assert view.save_button.isEnabled()
    qtbot.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
    assert view.error_label.text().startswith("Not saved: this risk factor finding was changed by test-clerk")
    assert (view.level_combo.currentText(), view.note_edit.toPlainText()) == ("High", "From the NHRI's report")
    assert cells(view, 2)[1] == "High"


def test_on_the_sample_data_this_years_assessment_shows_the_change_on_last_years(main_window, database, qtbot):
    from r2p_desktop.sample_data import generate_demo

    with database.session() as session:
        generate_demo(session, questions=40)
        session.commit()
    view = main_window.risk_assessments_view
    main_window.show_view(main_window.views.index(view))
    this_year = date.today().year
    assert view.year_combo.currentText().startswith(f"{this_year - 1} · ")  # the sample's latest
    dialog = view.new_assessment()
    assert dialog.widgets["year"].value() == this_year and dialog.copy_previous.isChecked()
    save(qtbot, dialog)
    assert view.year_combo.currentText().startswith(f"{this_year} · ")
    model = view.table.model()
    last_year = [model.index(row, LAST_COLUMN).data() for row in range(14)]
    assert [model.index(row, LEVEL_COLUMN).data() for row in range(14)] == last_year  # copied
    assert set(model.index(row, CHANGE_COLUMN).data() for row in range(14)) <= {"= Same", "—"}

    assert view.select_factor(9)  # intergroup tensions: elevated last year in the sample
    view.level_combo.setCurrentIndex(view.level_combo.findText("High"))
    assert view.save_finding()
    assert cells(view, 9) == ("Elevated", "High", "↑ Higher")
