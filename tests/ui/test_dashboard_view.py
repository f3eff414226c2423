"""The dashboard as a clerk uses it: the figures of the day, and each one opening its records.

The figures are read on a worker thread, so each test waits for the view's `loaded` signal."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from r2p_desktop.core.models import Question
from r2p_desktop.core.services import directory, records


def add(database, **values) -> int:
    with database.session() as session:
        question_id = records.create(session, Question, values)
        session.commit()
    return question_id


def test_figures_change_as_a_question_moves_and_open_the_questions_behind_them(main_window, qtbot, database):
    today = date.today()
    with database.session() as session:
        justice = directory.body_or_new(session, "Ministry of Justice")
        session.commit()
    late = add(database, title="Overdue answer", status="tabled", addressed_to_id=justice,
               date_tabled=today - timedelta(days=30), answer_due=today - timedelta(days=3))
    soon = add(database, title="Due in two days", status="tabled", addressed_to_id=justice,
               date_tabled=today - timedelta(days=5), answer_due=today + timedelta(days=2))
    main_window.show_view(0)
    with qtbot.waitSignal(main_window.dashboard_view.loaded):
        main_window.records_changed.notify()
    cards = main_window.dashboard_view.cards
    assert cards["overdue_answers"].value_label.text() == "1"
    assert cards["answers_due_this_week"].value_label.text() == "1"

    qtbot.mouseClick(cards["overdue_answers"], Qt.MouseButton.LeftButton)
    assert main_window.current_view() is main_window.questions_view
    model = main_window.questions_view.model
    assert [model.record_id(row) for row in range(model.rowCount())] == [late]

    main_window.show_view(0)
    cards["answers_due_this_week"].setFocus()
    qtbot.keyClick(cards["answers_due_this_week"], Qt.Key.Key_Return)
    assert [model.record_id(row) for row in range(model.rowCount())] == [soon]

    with database.session() as session:  # the ministry answers: the overdue figure drops
        records.update(session, Question, late, {"status": "answered", "answer_text": "Done."})
        session.commit()
    main_window.records_changed.notify()
    with qtbot.waitSignal(main_window.dashboard_view.loaded):
        main_window.show_view(0)
    assert cards["overdue_answers"].value_label.text() == "0"


def test_each_answering_body_opens_its_questions(main_window, qtbot, database):
    with database.session() as session:
        defence = directory.body_or_new(session, "Ministry of Defence")
        session.commit()
    mine = add(database, title="Peacekeeping", status="tabled", addressed_to_id=defence, date_tabled=date.today())
    add(database, title="Unaddressed draft")
    main_window.show_view(0)
    with qtbot.waitSignal(main_window.dashboard_view.loaded):
        main_window.records_changed.notify()
    table = main_window.dashboard_view.ministry_table
    assert table.list_model.rowCount() == 1
    table.record_activated.emit(defence)
    model = main_window.questions_view.model
    assert [model.record_id(row) for row in range(model.rowCount())] == [mine]


def test_the_overdue_follow_ups_figure_opens_exactly_those(main_window, qtbot, database):
    from r2p_desktop.core.models import FollowUp

    with database.session() as session:
        late = records.create(session, FollowUp, {"description": "Publish the review",
                                                  "due_date": date.today() - timedelta(days=4)})
        records.create(session, FollowUp, {"description": "Report back", "due_date": date.today() + timedelta(days=9)})
        session.commit()
    with qtbot.waitSignal(main_window.dashboard_view.loaded):
        main_window.records_changed.notify()
    cards = main_window.dashboard_view.cards
    assert (cards["follow_ups_overdue"].value_label.text(), cards["follow_ups_due_soon"].value_label.text()) == \
        ("1", "1")
    qtbot.mouseClick(cards["follow_ups_overdue"], Qt.MouseButton.LeftButton)
    view = main_window.follow_ups_view
    assert main_window.current_view() is view
    listed = view.table.list_model
    assert [listed.row_dict(row)["id"] for row in range(listed.rowCount())] == [late]


def test_a_ministry_name_too_long_for_its_column_shows_whole_under_the_pointer(main_window, qtbot, database):
    name = "Ministry of International Development"  # short enough that the model offers no tooltip of its own
    with database.session() as session:
        ministry = directory.body_or_new(session, name)
        session.commit()
    add(database, title="Mediation support", status="tabled", addressed_to_id=ministry, date_tabled=date.today())
    main_window.resize(1440, 900)
    main_window.show()
    main_window.show_view(0)
    with qtbot.waitSignal(main_window.dashboard_view.loaded):
        main_window.records_changed.notify()
    table = main_window.dashboard_view.ministry_table
    cell = table.model().index(0, 0)
    assert cell.data() == name
    assert table.elided_text(cell) == name  # the column is narrower than the name: Qt shows "Ministry of In…"
    assert cell.data(Qt.ItemDataRole.ToolTipRole) is None

    centre = table.visualRect(cell).center()
    pointer = QHelpEvent(QEvent.Type.ToolTip, centre, table.viewport().mapToGlobal(centre))
    QApplication.sendEvent(table.viewport(), pointer)
    qtbot.waitUntil(lambda: QToolTip.isVisible())
    assert QToolTip.text() == name
    figure = table.model().index(0, 1)  # a figure that fits has no tooltip
    assert table.elided_text(figure) == ""
    QToolTip.hideText()
