"""A clerk on the sample parliament keeps the government to its word: records an undertaking from an
answered question (due three months after the answer), extends it once with a reason, sees it overdue,
is refused a drop without its reason, changes the committee's default months, opens a follow-up on it,
records one from a debate's outcome and deletes one after confirming. The view stands alone here, as in the
main window."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from answered_question import add_answered_question
from clerk_actions import answer_next_message, choose, save
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from r2p_desktop.app import policy
from r2p_desktop.core.models import Debate, FollowUp, Undertaking
from r2p_desktop.core.services import records, undertakings
from r2p_desktop.sample_data import generate_demo
from r2p_desktop.ui.dialogs.debate_outcome_dialog import DebateOutcomeDialog
from r2p_desktop.ui.dialogs.undertaking_dialog import record_undertaking_for_question
from r2p_desktop.ui.views.undertakings_view import UndertakingsView

WHAT, GIVEN_BY, WHERE, GIVEN, DUE, EXTENSIONS, STATUS = range(7)


@pytest.fixture
def view(database, records_changed, qtbot):
    with database.session() as session:
        generate_demo(session, questions=40)
        session.commit()
    view = UndertakingsView(database, records_changed)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def answered(database, view) -> int:
    """A question the Minister of Justice answered on 30 November 2025."""
    return add_answered_question(database)


def record_from_answer(view, qtbot, question_id: int, words: str = "table a witness protection bill"):
    dialog = record_undertaking_for_question(view, view.database, view.records_changed, question_id)
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.widgets["text"], words)  # after the phrase the dialog begins with
    save(qtbot, dialog)
    assert not dialog.isVisible()
    return dialog


def mine(view, words: str = "witness protection") -> None:
    view.text_filter.setText(words)
    view.refresh()


def test_an_undertaking_from_an_answer_is_due_three_months_later(view, answered, qtbot):
    dialog = record_undertaking_for_question(view, view.database, view.records_changed, answered)
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "New undertaking"
    assert dialog.where_label.text() == "Answer to WQ 2025/901: Witness protection for atrocity trials"
    assert dialog.widgets["given_by_id"].currentText() == "Dario Velasquez"
    assert dialog.widgets["body_id"].currentText() == "Ministry of Justice"
    assert dialog.widgets["given_on"].text() == "2025-11-30"
    assert dialog.widgets["due_on"].text() == "2026-02-28"  # three months on, within February
    assert dialog.extensions_label.text() == "None asked for."
    given_on = dialog.widgets["given_on"]
    given_on.setText("2025-12-01")
    given_on.editingFinished.emit()
    assert dialog.widgets["due_on"].text() == "2026-03-01"  # the default follows the date given
    dialog.widgets["due_on"].setText("2026-04-15")
    given_on.setText("2025-11-30")
    given_on.editingFinished.emit()
    assert dialog.widgets["due_on"].text() == "2026-04-15"  # a date the clerk typed stays
    dialog.widgets["due_on"].setText("2026-02-28")
    qtbot.keyClicks(dialog.widgets["text"], "table a witness protection bill")
    save(qtbot, dialog)
    assert not dialog.isVisible()

    mine(view)
    assert view.count_label.text() == "1 undertaking"
    assert view.table.column_texts(WHAT) == ["Undertook to table a witness protection bill"]
    assert view.table.column_texts(GIVEN_BY) == ["Dario Velasquez – Ministry of Justice"]
    assert view.table.column_texts(WHERE) == ["Answer to WQ 2025/901"]
    assert view.table.column_texts(DUE) == ["2026-02-28"]


def test_extended_once_the_reason_is_kept_and_the_due_date_moves(view, answered, qtbot):
    record_from_answer(view, qtbot, answered)
    mine(view)
    (undertaking_id,) = view._rows_by_id
    assert view.table.select_record(undertaking_id)
    qtbot.mouseClick(view.extend_button, Qt.MouseButton.LeftButton)
    extension = view.dialog
    assert extension.windowTitle() == "Extend the undertaking"
    qtbot.keyClicks(extension.widgets["new_due_on"], "2026-02-01")  # earlier than now due: refused
    extension.widgets["reason"].setPlainText("The bill awaits the Council of State's opinion.")
    qtbot.mouseClick(extension.action_button, Qt.MouseButton.LeftButton)
    assert extension.isVisible()
    assert extension.field_errors.error_labels["new_due_on"].text() == (
        "Must be later than the date now due, 2026-02-28")
    extension.widgets["new_due_on"].setText("2026-05-31")
    qtbot.mouseClick(extension.action_button, Qt.MouseButton.LeftButton)
    assert not extension.isVisible()

    assert view.table.column_texts(DUE) == ["2026-05-31"]
    assert view.table.column_texts(EXTENSIONS) == ["1"]
    dialog = view.edit_undertaking(undertaking_id)
    assert dialog.widgets["due_on"].text() == "2026-05-31"
    assert dialog.extensions_label.text() == (
        f"Asked on {date.today().isoformat()}: from 2026-02-28 to 2026-05-31. "
        "The bill awaits the Council of State's opinion.")
    dialog.reject()


def test_overdue_shows_in_red_words_and_by_the_overdue_filter(view, answered, qtbot):
    record_from_answer(view, qtbot, answered)  # due 2026-02-28, long past on this machine's clock
    with view.database.session() as session:
        undertakings.record_undertaking(session, {"text": "Publish the witness protection review",
                                                  "given_on": date.today(), "status": "pending"}, date.today())
        session.commit()
    view.records_changed.notify(*view.OPENS)
    mine(view)
    statuses = dict(zip(view.table.column_texts(WHAT), view.table.column_texts(STATUS), strict=True))
    assert statuses == {"Undertook to table a witness protection bill": "Overdue",
                        "Publish the witness protection review": "Pending"}
    view.show_status(undertakings.OVERDUE)
    assert "Undertook to table a witness protection bill" in view.table.column_texts(WHAT)
    assert "Publish the witness protection review" not in view.table.column_texts(WHAT)
    assert set(view.table.column_texts(STATUS)) == {"Overdue"}


def test_a_drop_without_its_reason_is_refused_under_the_outcome(view, answered, qtbot):
    record_from_answer(view, qtbot, answered)
    mine(view)
    (undertaking_id,) = view._rows_by_id
    view.table.select_record(undertaking_id)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.dialog
    assert dialog.windowTitle() == "Edit undertaking"
    choose(dialog.widgets["status"], "Dropped")
    save(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.error_labels["outcome"].text() == "A dropped undertaking needs the reason it was dropped"
    dialog.widgets["outcome"].setPlainText("The government withdrew the bill")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    assert view.table.column_texts(STATUS) == ["Dropped"]
    assert not view.extend_button.isEnabled()  # only a pending undertaking is extended


def test_six_months_set_in_the_view_move_the_default(view, answered, qtbot):
    assert view.months_spin.value() == 3
    view.months_spin.setValue(6)
    assert policy.undertaking_due_months(view.database) == 6
    dialog = record_undertaking_for_question(view, view.database, view.records_changed, answered)
    assert dialog.widgets["due_on"].text() == "2026-05-30"
    dialog.reject()
    view.refresh()
    assert view.months_spin.value() == 6


def test_a_follow_up_is_opened_on_the_undertaking(view, answered, qtbot, database):
    record_from_answer(view, qtbot, answered)
    mine(view)
    (undertaking_id,) = view._rows_by_id
    view.table.select_record(undertaking_id)
    qtbot.mouseClick(view.follow_up_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog.parent_label.text() == "Undertaking: Undertook to table a witness protection bill"
    assert dialog.widgets["owner_body_id"].currentText() == "Ministry of Justice"
    assert dialog.widgets["due_date"].text() == "2026-02-28"
    assert dialog.widgets["description"].toPlainText() == (
        "Chase the undertaking to Undertook to table a witness protection bill")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    with database.read_session() as session:
        follow_up = session.scalars(select(FollowUp).where(FollowUp.undertaking_id == undertaking_id)).one()
        assert follow_up.kind == "government_undertaking"


def test_a_debate_outcome_records_a_ticked_undertaking(view, qtbot, database):
    with database.session() as session:
        debate_id = records.create(session, Debate, {"title": "Debate on witness protection",
                                                     "date": date.today() - timedelta(days=30)})
        session.commit()
    dialog = DebateOutcomeDialog(database, view.records_changed, debate_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.outcome_edit.setPlainText("The motion was carried.")
    row = dialog.rows[0]
    qtbot.keyClicks(row.description_edit, "Fund the witness protection unit")
    row.undertaking_check.setChecked(True)
    qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    mine(view, "witness protection unit")
    assert view.table.column_texts(WHERE) == ["Debate: Debate on witness protection"]
    assert view.table.column_texts(STATUS) == ["Pending"]  # due three months after the debate: not yet


def test_the_delete_key_deletes_the_selected_undertaking_after_confirming(view, answered, qtbot, database):
    record_from_answer(view, qtbot, answered)
    mine(view)
    (undertaking_id,) = view._rows_by_id
    view.table.select_record(undertaking_id)
    view.table.setFocus()
    asked = answer_next_message("&Delete")
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)
    assert len(asked) == 1 and asked[0].startswith("Delete the undertaking '")
    with database.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Undertaking).where(
            Undertaking.id == undertaking_id)) == 0
    assert view.empty_label.isVisible() and view.empty_label.text() == "No undertakings match these filters."


def test_the_dashboard_shows_it_overdue_and_its_figure_asks_for_the_overdue_list(main_window, database, qtbot):
    with database.session() as session:
        undertakings.record_undertaking(session, {"text": "Report on the early warning review",
                                                  "given_on": date.today() - timedelta(days=120)}, date.today())
        session.commit()
    with qtbot.waitSignal(main_window.dashboard_view.loaded):
        main_window.records_changed.notify()
    cards = main_window.dashboard_view.cards
    assert cards["undertakings_overdue"].value_label.text() == "1"
    assert cards["undertakings_due_soon"].value_label.text() == "0"
    qtbot.mouseClick(cards["undertakings_overdue"], Qt.MouseButton.LeftButton)
    view = main_window.current_view()
    assert view is main_window.undertakings_view
    assert view.table.column_texts(WHAT) == ["Report on the early warning review"]
    assert view.table.column_texts(STATUS) == ["Overdue"]
