"""The clerk's whole road in the window, on the sample parliament: a minister's answer promises
something, the clerk records the undertaking from the question form's Answer record menu, the government
asks for more time once, and the undertaking, still not delivered, is overdue on the dashboard, whose
figure lists it in the Undertakings view."""

from __future__ import annotations

from answered_question import add_answered_question
from clerk_actions import save
from PySide6.QtCore import Qt
from sqlalchemy import select

from r2p_desktop.core.models import Undertaking
from r2p_desktop.sample_data import generate_demo

WHAT, DUE, EXTENSIONS, STATUS = 0, 4, 5, 6


def test_an_undertaking_recorded_from_an_answer_is_extended_once_and_overdue_on_the_dashboard(
        main_window, database, qtbot):
    with database.session() as session:
        generate_demo(session, questions=40)
        session.commit()
    question_id = add_answered_question(database)
    main_window.open_record("question", question_id)
    editor = main_window.questions_view.editor
    assert editor.question_id == question_id and editor.undertaking_action.isEnabled()

    editor.undertaking_action.trigger()
    dialog = editor.answer_dialog
    qtbot.waitExposed(dialog)
    assert dialog.widgets["given_by_id"].currentText() == "Dario Velasquez"
    assert dialog.widgets["given_on"].text() == "2025-11-30"
    assert dialog.widgets["due_on"].text() == "2026-02-28"  # three months on, kept within February
    qtbot.keyClicks(dialog.widgets["text"], "table a witness protection bill")
    save(qtbot, dialog)
    assert not dialog.isVisible()
    with database.read_session() as session:
        undertaking = session.scalars(select(Undertaking).where(Undertaking.question_id == question_id)).one()
        undertaking_id = undertaking.id

    view = main_window.undertakings_view
    main_window.show_view(main_window.views.index(view))
    assert view.table.select_record(undertaking_id)
    qtbot.mouseClick(view.extend_button, Qt.MouseButton.LeftButton)
    extension = view.dialog
    qtbot.keyClicks(extension.widgets["new_due_on"], "2026-05-31")
    extension.widgets["reason"].setPlainText("The bill awaits the Council of State's opinion.")
    qtbot.mouseClick(extension.action_button, Qt.MouseButton.LeftButton)
    assert not extension.isVisible()
    assert view.table.select_record(undertaking_id)
    row = view.table.currentIndex().row()
    model = view.table.model()
    assert [model.index(row, column).data() for column in (DUE, EXTENSIONS, STATUS)] == ["2026-05-31", "1",
                                                                                         "Overdue"]

    main_window.show_view(0)
    dashboard = main_window.dashboard_view
    qtbot.waitUntil(lambda: dashboard.cards["undertakings_overdue"].value_label.text() not in ("", "0"))
    overdue = int(dashboard.cards["undertakings_overdue"].value_label.text())
    qtbot.mouseClick(dashboard.cards["undertakings_overdue"], Qt.MouseButton.LeftButton)
    assert main_window.current_view() is view
    assert view.table.row_count() == overdue
    assert "Undertook to table a witness protection bill" in view.table.column_texts(WHAT)
    assert set(view.table.column_texts(STATUS)) == {"Overdue"}
