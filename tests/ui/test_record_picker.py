"""Linking records by typing: the picker in the agenda item dialog and in the commitment assessment
dialog, driven from the keyboard as a clerk would, saved and shown; and Suggest agenda's filter box."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from clerk_actions import save
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap

from r2p_desktop.core import catalogue
from r2p_desktop.core.models import Debate, Question
from r2p_desktop.core.services import agenda, evidence, records
from r2p_desktop.ui.widgets.record_picker import RecordPicker

FOCAL_POINT = "SG17-45-focal-point"


def grab_with_popup(window, picker: RecordPicker, path) -> QPixmap:
    """The window as the clerk sees it, with the picker's list (a window of its own) drawn where it is."""
    origin = window.mapToGlobal(QPoint(0, 0))
    area = QRect(QPoint(0, 0), window.size())
    popup = picker.popup
    at = popup.mapToGlobal(QPoint(0, 0)) - origin
    if popup.isVisible():
        area = area.united(QRect(at, popup.size()))
    canvas = QPixmap(area.size())
    canvas.fill(QColor("#7f7f7f"))
    painter = QPainter(canvas)
    painter.drawPixmap(-area.topLeft(), window.grab())
    if popup.isVisible():
        painter.drawPixmap(at - area.topLeft(), popup.grab())
    painter.end()
    assert canvas.save(str(path))
    return canvas


def type_into(qtbot, picker: RecordPicker, text: str) -> None:
    """Type `text` into the picker and wait for its list to open over the matches."""
    picker.line_edit.setFocus()
    qtbot.keyClicks(picker.line_edit, text)
    qtbot.waitUntil(lambda: picker.popup.isVisible() and bool(picker.found), timeout=3000)


def shown_references(picker: RecordPicker) -> list[str]:
    model = picker.popup.model()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


@pytest.fixture
def questions(database):
    """Forty tabled questions WQ-2026-00001..40 with four titles between them (as real ones repeat)."""
    titles = ["Appointment of the national focal point", "Early warning in the north",
              "Hate speech against minorities", "Funding of the ombudsperson"]
    ids = {}
    with database.session() as session:
        for n in range(1, 41):
            ids[n] = records.create(session, Question, {
                "reference": f"WQ-2026-{n:05d}", "title": titles[n % 4], "status": "tabled",
                "date_tabled": date(2026, 1, 1) + timedelta(days=n)})
        session.commit()
    return ids


@pytest.fixture
def debates_view(main_window, database, questions):
    with database.session() as session:
        debate = records.create(session, Debate, {"title": "Annual R2P debate", "date": date(2026, 9, 1),
                                                  "sitting_minutes": 120})
        for title in ("Opening", "The focal point"):
            agenda.add_item(session, debate, {"title": title})
        session.commit()
    view = main_window.debates_view
    main_window.show_view(main_window.views.index(view))
    view.refresh()
    return view


def linked_references(database, item_id) -> list[str]:
    """The references of the questions the agenda item discusses, as saved, in the order linked."""
    with database.read_session() as session:
        return [session.get(Question, target_id).reference
                for column, target_id in agenda.linked_targets(session, item_id) if column == "question_id"]


def test_a_question_is_linked_to_an_agenda_item_by_typing_part_of_its_reference(qtbot, debates_view, database,
                                                                                  questions, tmp_path):
    view = debates_view
    view.agenda_table.selectRow(1)
    item_id = view.agenda_table.current_record_id()
    dialog = view.edit_item(item_id)
    qtbot.waitExposed(dialog)
    picker = dialog.links.picker

    type_into(qtbot, picker, "0001")  # WQ-2026-00001 first (its number), then 00010-00019 (it is in them)
    assert shown_references(picker)[:3] == ["WQ-2026-00001", "WQ-2026-00019", "WQ-2026-00018"]
    row = picker.popup.model().index(1, 0)
    assert [row.siblingAtColumn(column).data() for column in range(5)] == [
        "WQ-2026-00019", "Question", "Tabled", "2026-01-20", "Funding of the ombudsperson"]
    assert picker.popup.currentIndex().row() == 0  # Enter would take the best match
    grab_with_popup(dialog, picker, tmp_path / "picker_agenda_item.png")

    qtbot.keyClick(picker.popup, Qt.Key.Key_Down)  # the list has the keyboard while it is open
    qtbot.keyClick(picker.popup, Qt.Key.Key_Return)
    assert not picker.popup.isVisible() and dialog.isVisible()  # Enter picked; it did not save the dialog
    assert picker.line_edit.text() == ""
    assert dialog.links.table.column_texts(1) == ["WQ-2026-00019"]
    assert dialog.links.table.column_texts(3) == ["Tabled"]
    assert linked_references(database, item_id) == []  # nothing saved before Save

    qtbot.keyClicks(picker.line_edit, "xyzzy")  # nothing matches: said under the box, no empty list
    qtbot.waitUntil(picker.hint.isVisible)
    assert picker.hint.text() == "No record matches “xyzzy”." and not picker.popup.isVisible()
    picker.line_edit.clear()
    type_into(qtbot, picker, "wq 2026 3")  # the parts in order: ...00003 by its number, then ...00030-39
    assert "WQ-2026-00019" not in shown_references(picker)  # what is linked is not offered again
    qtbot.keyClick(picker.popup, Qt.Key.Key_Escape)
    assert not picker.popup.isVisible() and dialog.isVisible()
    qtbot.keyClick(picker.line_edit, Qt.Key.Key_Return)  # Enter with the list closed opens it again
    assert picker.popup.isVisible() and dialog.isVisible()
    qtbot.keyClick(picker.popup, Qt.Key.Key_Return)
    assert dialog.links.table.column_texts(1) == ["WQ-2026-00019", "WQ-2026-00003"]

    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert linked_references(database, item_id) == ["WQ-2026-00019", "WQ-2026-00003"]
    assert "WQ-2026-00019: Funding of the ombudsperson" in view.agenda_model.index(1, 4).data()

    again = view.edit_item(item_id)  # the saved links come back; Delete takes one off
    assert again.links.table.column_texts(1) == ["WQ-2026-00019", "WQ-2026-00003"]
    again.links.table.selectRow(0)
    again.links.table.setFocus()
    qtbot.keyClick(again.links.table, Qt.Key.Key_Delete)
    assert again.links.table.column_texts(1) == ["WQ-2026-00003"]
    save(qtbot, again)
    assert linked_references(database, item_id) == ["WQ-2026-00003"]


def test_a_new_agenda_item_is_saved_with_the_record_picked_for_it(qtbot, debates_view, database, questions):
    dialog = debates_view.add_item()
    qtbot.keyClicks(dialog.widgets["title"], "Questions on early warning")
    type_into(qtbot, dialog.links.picker, "early warn")
    assert {dialog.links.picker.popup.model().index(row, 4).data()
            for row in range(dialog.links.picker.popup.model().rowCount())} == {"Early warning in the north"}
    qtbot.keyClick(dialog.links.picker.popup, Qt.Key.Key_Return)
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert linked_references(database, dialog.record_id) == ["WQ-2026-00037"]  # the newest of them


def open_assessment(main_window, qtbot, database, code=FOCAL_POINT):
    view = main_window.commitments_view
    main_window.show_view(main_window.views.index(view))
    with database.read_session() as session:
        commitment = next(c.id for c in catalogue.list_commitments(session) if c.code == code)
    assert view.table.select_record(commitment)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.assessment_dialog
    qtbot.waitExposed(dialog)
    return dialog


def test_an_agenda_item_linked_to_a_commitment_is_counted_and_listed_as_evidence(main_window, qtbot, database):
    with database.session() as session:
        debate = records.create(session, Debate, {"title": "Annual R2P debate", "date": date(2026, 9, 1)})
        commitment = next(c.id for c in catalogue.list_commitments(session) if c.code == FOCAL_POINT)
        agenda.add_item(session, debate, {"title": "The focal point"}, [{"commitment_id": commitment}])
        session.commit()
    dialog = open_assessment(main_window, qtbot, database)
    assert dialog.records_box.title() == "Records that evidence it (1)"
    assert dialog.evidence_table.isVisible() and not dialog.no_evidence_label.isVisible()
    assert dialog.evidence_table.column_texts(0) == ["Agenda item"]
    assert dialog.evidence_table.column_texts(2) == ["The focal point (Annual R2P debate)"]
    assert dialog.evidence_table.column_texts(4) == ["2026-09-01"]


def test_evidence_is_added_in_the_assessment_by_typing_a_reference(main_window, qtbot, database, questions,
                                                                   tmp_path):
    dialog = open_assessment(main_window, qtbot, database)
    assert dialog.records_box.title() == "Records that evidence it (0)"
    picker = dialog.evidence.picker
    type_into(qtbot, picker, "2026-00012")
    assert shown_references(picker) == ["WQ-2026-00012"]
    grab_with_popup(dialog, picker, tmp_path / "picker_assessment.png")
    qtbot.keyClick(picker.popup, Qt.Key.Key_Return)
    assert dialog.records_box.title() == "Records that evidence it (1)"
    assert dialog.evidence_table.column_texts(1) == ["WQ-2026-00012"]
    with database.read_session() as session:
        assert evidence.evidence_records(session, FOCAL_POINT) == []  # not before Save

    save(qtbot, dialog)
    assert not dialog.isVisible()
    with database.read_session() as session:
        assert evidence.evidence_records(session, FOCAL_POINT) == [("question", questions[12])]
        assert [c.code for c in session.get(Question, questions[12]).commitments] == [FOCAL_POINT]

    again = open_assessment(main_window, qtbot, database)
    assert again.records_box.title() == "Records that evidence it (1)"
    again.evidence_table.selectRow(0)
    qtbot.mouseClick(again.evidence.remove_button, Qt.MouseButton.LeftButton)
    assert again.records_box.title() == "Records that evidence it (0)" and again.no_evidence_label.isVisible()
    save(qtbot, again)
    with database.read_session() as session:
        assert evidence.evidence_records(session, FOCAL_POINT) == []


def test_suggest_agenda_filters_as_typed_and_shows_each_records_reference(qtbot, debates_view, database,
                                                                          tmp_path):
    today = date.today()
    with database.session() as session:
        for n, title in enumerate(["Focal point", "Focal point", "Early warning"], start=1):
            records.create(session, Question, {
                "reference": f"OQ-{n}", "title": title, "status": "tabled",
                "date_tabled": today - timedelta(days=60 + n), "answer_due": today - timedelta(days=30 + n)})
        session.commit()
    dialog = debates_view.suggest_agenda()
    qtbot.waitExposed(dialog)
    rows = dialog.shown_model
    overdue = [rows.index(row, 0).data() for row in range(rows.rowCount())
               if rows.index(row, 1).data().startswith("Overdue answer")]
    assert overdue == ["OQ-3", "OQ-2", "OQ-1"]  # two with the same title, told apart by reference
    assert rows.index(0, 2).data() == "Tabled"
    assert rows.index(0, 3).data() == (today - timedelta(days=63)).isoformat()

    dialog.activateWindow()
    qtbot.waitUntil(dialog.filter_edit.hasFocus)  # the filter has the keyboard from the start
    qtbot.keyClicks(dialog.filter_edit, "focal")
    assert [rows.index(row, 0).data() for row in range(rows.rowCount())][:2] == ["OQ-2", "OQ-1"]
    assert all("focal" in rows.index(row, 1).data().lower() for row in range(rows.rowCount()))
    assert dialog.count_label.text() == f"{rows.rowCount()} of {len(dialog.suggestions)} shown · 0 ticked"
    dialog.filter_edit.clear()
    qtbot.keyClicks(dialog.filter_edit, "OQ-")
    assert rows.rowCount() == 3
    dialog.list_view.setFocus()
    dialog.list_view.selectRow(1)
    qtbot.keyClick(dialog.list_view, Qt.Key.Key_Space)  # ticks the selected one, OQ-2
    assert [s["link"] for s in dialog.chosen()] == [dialog.suggestions[dialog.shown_rows()[1]]["link"]]
    dialog.set_all(Qt.CheckState.Checked)  # "Tick all shown": only the three the filter shows
    assert sorted(s["link"]["question_id"] for s in dialog.chosen()) == sorted(
        s["link"]["question_id"] for s in dialog.suggestions if s["kind"] == "overdue_answer")
    assert dialog.count_label.text() == f"3 of {len(dialog.suggestions)} shown · 3 ticked"
    qtbot.wait(50)
    dialog.grab().save(str(tmp_path / "picker_suggest_agenda.png"))
    dialog.accept()
    assert debates_view.agenda_model.rowCount() == 5
