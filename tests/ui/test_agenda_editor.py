"""The agenda editor on the Debates page: reordering by keyboard and by dragging, saved as the user sees
it; the minutes against the sitting; items suggested from the record and added with their links."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QModelIndex, Qt
from sqlalchemy import select

from r2p_desktop.core.models import Debate, FollowUp, Question
from r2p_desktop.core.services import agenda, directory, follow_ups, records
from r2p_desktop.ui.models.agenda_model import AgendaModel


@pytest.fixture
def debate(database):
    """A 120-minute debate with three items of 30, 45 and 20 minutes; an older, empty debate."""
    with database.session() as session:
        records.create(session, Debate, {"title": "Budget hearing", "date": date(2024, 3, 1)})
        debate_id = records.create(session, Debate, {"title": "Annual R2P debate", "date": date(2026, 9, 1),
                                                     "sitting_minutes": 120})
        for title, minutes in (("Opening", 30), ("Early warning", 45), ("Close", 20)):
            agenda.add_item(session, debate_id, {"title": title, "allotted_minutes": minutes})
        session.commit()
    return debate_id


@pytest.fixture
def view(main_window, debate):
    view = main_window.debates_view
    main_window.show_view(main_window.views.index(view))
    view.refresh()
    assert view.current_debate_id() == debate  # the newest debate is chosen
    return view


def saved_titles(database, debate_id):
    with database.read_session() as session:
        return [row["title"] for row in agenda.agenda_items(session, debate_id)]


def shown_titles(view):
    model = view.agenda_model
    return [model.index(row, 1).data() for row in range(model.rowCount())]


def test_ctrl_down_moves_the_selected_item_and_saves_the_order(qtbot, view, database, debate):
    view.agenda_table.selectRow(0)
    view.agenda_table.setFocus()
    qtbot.keyClick(view.agenda_table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert saved_titles(database, debate) == ["Early warning", "Opening", "Close"]
    assert shown_titles(view) == ["Early warning", "Opening", "Close"]
    assert view.agenda_table.currentIndex().siblingAtColumn(1).data() == "Opening"  # still selected
    assert [view.agenda_model.index(row, 0).data() for row in range(3)] == ["1", "2", "3"]
    qtbot.keyClick(view.agenda_table, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.agenda_table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.agenda_table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert saved_titles(database, debate) == ["Opening", "Early warning", "Close"]


def test_dragging_an_item_reorders_the_agenda(view, database, debate):
    model = view.agenda_model
    data = model.mimeData([model.index(0, 0), model.index(0, 1)])  # "Opening", dropped below "Close"
    assert model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert saved_titles(database, debate) == ["Early warning", "Close", "Opening"]
    data = model.mimeData([model.index(2, 0)])  # "Opening", dropped onto the first row: goes before it
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index(0, 0))
    assert saved_titles(database, debate) == ["Opening", "Early warning", "Close"]
    data = model.mimeData([model.index(0, 0)])  # between rows 1 and 2
    model.dropMimeData(data, Qt.DropAction.MoveAction, 2, 0, QModelIndex())
    assert saved_titles(database, debate) == ["Early warning", "Opening", "Close"]
    assert shown_titles(view) == saved_titles(database, debate)


def test_minutes_total_against_the_sitting(qtbot, view, database, debate):
    assert view.minutes_label.text() == "Allotted 95 of 120 minutes"
    assert not view.minutes_label.property("over")
    view.agenda_table.selectRow(2)
    dialog = view.edit_item(view.agenda_table.current_record_id())
    assert dialog.widgets["title"].text() == "Close"
    dialog.widgets["allotted_minutes"].setValue(50)
    dialog.widgets["speakers"].setPlainText("Amina Okafor\nLars Berg")
    dialog.accept()
    assert view.minutes_label.text() == "Allotted 125 of 120 minutes, 5 over"
    assert view.minutes_label.property("over")
    assert view.agenda_model.index(2, 2).data() == "Amina Okafor, Lars Berg"


def test_adding_an_item_needs_a_title_and_goes_last(view, database, debate):
    dialog = view.add_item()
    dialog.accept()
    assert dialog.isVisible() and not dialog.error_labels["title"].isHidden()
    assert dialog.error_labels["title"].text() == "The title cannot be empty"
    assert saved_titles(database, debate) == ["Opening", "Early warning", "Close"]
    dialog.widgets["title"].setText("Questions to the minister")
    dialog.widgets["allotted_minutes"].setValue(15)
    dialog.accept()
    assert saved_titles(database, debate)[-1] == "Questions to the minister"
    assert view.minutes_label.text() == "Allotted 110 of 120 minutes"
    assert view.table.currentIndex().siblingAtColumn(4).data() == "4"  # the list's count follows


def test_suggest_agenda_adds_the_ticked_items_with_their_links(view, database, debate):
    today = date.today()
    with database.session() as session:
        overdue = records.create(session, Question, {
            "reference": "WQ 7", "title": "Focal point", "status": "tabled",
            "date_tabled": today - timedelta(days=60), "answer_due": today - timedelta(days=30)})
        undertaking = records.create(session, FollowUp, {
            "description": "Publish the action plan", "kind": "government_undertaking"})
        session.commit()
    dialog = view.suggest_agenda()
    titles = [s["title"] for s in dialog.suggestions]
    assert titles[:2] == ["Overdue answer: Focal point", "Government undertaking: Publish the action plan"]
    assert all(t.startswith("Commitment not started") for t in titles[2:])  # nothing assessed yet
    assert dialog.suggestions[0]["link"] == {"question_id": overdue}
    assert dialog.chosen() == []  # the committee picks
    dialog.set_checked(1, True)
    dialog.set_checked(2, True)
    chosen = dialog.chosen()
    dialog.accept()
    with database.read_session() as session:
        rows = agenda.agenda_items(session, debate)
    assert [r["title"] for r in rows[3:]] == [s["title"] for s in chosen]
    assert rows[3]["links"][0]["column"] == "follow_up_id" and rows[3]["links"][0]["id"] == undertaking
    assert rows[4]["links"][0]["column"] == "commitment_id"
    assert view.agenda_model.rowCount() == 5
    assert "Publish the action plan" in view.agenda_model.index(3, 4).data()
    again = view.suggest_agenda()  # what is on the agenda is not suggested again
    assert len(again.suggestions) == len(dialog.suggestions) - 2
    again.reject()


def test_recording_the_outcome_turns_undertakings_into_follow_ups(qtbot, view, database, debate, tmp_path):
    with database.session() as session:
        ministry = directory.body_or_new(session, "Ministry of Foreign Affairs")
        directory.body_or_new(session, "Ministry of Justice")
        session.commit()
    assert view.outcome_button.isEnabled()
    dialog = view.record_outcome()
    dialog.outcome_edit.setPlainText("Motion on early warning carried.")
    first = dialog.rows[0]
    first.description_edit.setText("Publish the national action plan")
    first.owner_combo.setCurrentIndex(first.owner_combo.findText("Ministry of Foreign Affairs"))
    first.due_date_edit.setText("2026-12-31")
    second = dialog.add_row()
    second.description_edit.setText("Fund the early warning unit")
    second.due_date_edit.setText("next spring")
    second.item_combo.setCurrentIndex(second.item_combo.findText("2. Early warning"))
    spare = dialog.add_row()
    dialog.add_row()  # left blank: ignored
    dialog.remove_row(spare)
    qtbot.wait(50)  # let the layout settle before the picture
    dialog.grab().save(str(tmp_path / "outcome.png"))
    dialog.accept()
    assert dialog.isVisible()  # the wrong date is named on its row and nothing is saved or lost
    assert not dialog.rows[1].error_label.isHidden()
    assert dialog.rows[1].error_label.text().startswith("Undertaking 2: due date")
    assert dialog.rows[0].error_label.isHidden()
    assert second.description_edit.text() == "Fund the early warning unit"
    qtbot.wait(50)
    dialog.grab().save(str(tmp_path / "outcome-error.png"))
    with database.read_session() as session:
        assert follow_ups.list_follow_ups(session) == []
    second.due_date_edit.setText("2027-03-01")
    dialog.accept()
    assert not dialog.isVisible()
    with database.read_session() as session:
        listed = follow_ups.list_follow_ups(session)
        made = {f.description: f for f in session.scalars(select(FollowUp))}
        rows = agenda.agenda_items(session, debate)
    assert sorted(row["description"] for row in listed) == ["Fund the early warning unit",
                                                            "Publish the national action plan"]
    plan, fund = made["Publish the national action plan"], made["Fund the early warning unit"]
    assert (plan.owner_body_id, plan.due_date, plan.debate_id) == (ministry, date(2026, 12, 31), debate)
    early_warning = next(row["id"] for row in rows if row["title"] == "Early warning")
    assert (fund.owner_body_id, fund.due_date, fund.agenda_item_id) == (None, date(2027, 3, 1), early_warning)
    assert view.table.currentIndex().siblingAtColumn(3).data() == "Held"


def test_agenda_model_passes_the_model_tester(qtmodeltester):
    rows = [{"id": n, "position": n, "title": f"Item {n}", "description": "", "speakers": "A\nB",
             "allotted_minutes": n * 10 or None, "outcome_notes": "", "links": []} for n in range(4)]
    model = AgendaModel(lambda item_id, position: rows)
    model.set_rows(rows)
    qtmodeltester.check(model)
