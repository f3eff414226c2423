"""Follow-ups as the clerk chases them: created from an answer, filtered to the overdue ones, refused
when incomplete, and opening the question they arose from."""

from __future__ import annotations

from datetime import date, timedelta

from clerk_actions import choose, save
from PySide6.QtCore import Qt
from sqlalchemy import func, select

from r2p_desktop.core.models import FollowUp, Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.ui.views.follow_ups_view import FollowUpsView

FOLLOW_UPS_PAGE = 4
ANSWER = "The government will appoint a national R2P focal point by June. It will report annually."




def follow_up_count(database) -> int:
    with database.read_session() as session:
        return session.scalar(select(func.count(FollowUp.id)))


def answered_question(database) -> int:
    with database.session() as session:
        ministry = directory.body_or_new(session, "Ministry of Foreign Affairs")
        question_id = records.create(session, Question, {
            "reference": "WQ-2026-00012", "title": "A focal point for R2P", "status": "answered",
            "date_tabled": date(2026, 1, 5), "addressed_to_id": ministry, "answer_text": ANSWER,
        })
        session.commit()
    return question_id


def add_follow_ups(database, today: date) -> dict[str, int]:
    """Two overdue (open and in progress), one open but not yet due, one done past its date."""
    ids = {}
    with database.session() as session:
        justice = directory.body_or_new(session, "Ministry of Justice")
        for name, status, days, extra in [
            ("train prosecutors", "open", -30, {}),
            ("draft atrocity crimes bill", "in_progress", -1, {}),
            ("hold a hearing", "open", 20, {}),
            ("publish the report", "done", -60, {"completed_on": today - timedelta(days=61)}),
        ]:
            ids[name] = records.create(session, FollowUp, {
                "description": name, "status": status, "due_date": today + timedelta(days=days),
                "owner_body_id": justice, **extra})
        session.commit()
    return ids


def view_texts(view: FollowUpsView, key: str) -> list[str]:
    column = [c.key for c in view.COLUMNS].index(key)
    return view.table.column_texts(column)


def test_creating_a_follow_up_from_an_answer_lists_it_with_its_question(main_window, qtbot, database):
    question_id = answered_question(database)
    question_dialog = main_window.edit_question(question_id)
    assert question_dialog.follow_up_button.isVisible()
    qtbot.mouseClick(question_dialog.follow_up_button, Qt.MouseButton.LeftButton)
    dialog = question_dialog.follow_up_dialog

    assert dialog.isVisible()
    assert dialog.parent_label.text() == "Question WQ-2026-00012: A focal point for R2P"
    assert dialog.widgets["kind"].currentText() == "Government undertaking"
    assert dialog.widgets["owner_body_id"].currentText() == "Ministry of Foreign Affairs"
    assert dialog.widgets["description"].toPlainText() == "Chase the undertaking in the answer to WQ-2026-00012"
    dialog.widgets["description"].selectAll()
    qtbot.keyClicks(dialog.widgets["description"], "Appoint the national R2P focal point")
    qtbot.keyClicks(dialog.widgets["due_date"], "2026-06-30")
    save(qtbot, dialog)
    assert not dialog.isVisible()

    view = main_window.follow_ups_view
    main_window.show_view(FOLLOW_UPS_PAGE)
    assert view_texts(view, "description") == ["Appoint the national R2P focal point"]
    assert view_texts(view, "owner") == ["Ministry of Foreign Affairs"]
    assert view_texts(view, "parent") == ["WQ-2026-00012"]
    assert view_texts(view, "due_date") == ["2026-06-30"]
    assert view.count_label.text() == "1 follow-up"


def test_a_committee_action_from_an_answer_is_owned_by_the_committee(main_window, qtbot, database):
    question_id = answered_question(database)
    with database.session() as session:
        directory.body_or_new(session, "Select Committee on Atrocity Prevention", kind="committee")
        session.commit()
    question_dialog = main_window.edit_question(question_id)
    qtbot.mouseClick(question_dialog.follow_up_button, Qt.MouseButton.LeftButton)
    dialog = question_dialog.follow_up_dialog
    kind, owner = dialog.widgets["kind"], dialog.widgets["owner_body_id"]

    choose(kind, "Committee action")
    assert owner.currentText() == "Select Committee on Atrocity Prevention"
    choose(kind, "Government undertaking")
    assert owner.currentText() == "Ministry of Foreign Affairs"

    owner.setCurrentText("Ministry of Justice")  # the clerk names the owner: the kind no longer moves it
    choose(kind, "Committee action")
    assert owner.currentText() == "Ministry of Justice"
    save(qtbot, dialog)
    with database.read_session() as session:
        follow_up = session.scalars(select(FollowUp)).one()
        assert (follow_up.kind, follow_up.owner_body.name) == ("committee_action", "Ministry of Justice")


def test_a_question_without_an_answer_offers_no_follow_up(main_window, database):
    with database.session() as session:
        question_id = records.create(session, Question, {"title": "Not answered", "status": "tabled",
                                                         "date_tabled": date(2026, 1, 5)})
        session.commit()
    assert not main_window.edit_question(question_id).follow_up_button.isVisible()
    assert not main_window.new_question().follow_up_button.isVisible()


def test_the_overdue_filter_shows_exactly_the_overdue_ones_in_red(main_window, qtbot, database):
    add_follow_ups(database, date.today())
    view = main_window.follow_ups_view
    main_window.show_view(FOLLOW_UPS_PAGE)
    assert len(view_texts(view, "description")) == 4

    choose(view.status_combo, "Overdue")
    assert view_texts(view, "description") == ["train prosecutors", "draft atrocity crimes bill"]
    assert view.count_label.text() == "2 follow-ups"
    model = view.table.model()
    assert all(model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None for row in range(2))

    choose(view.status_combo, "Open (not yet done)")
    assert view_texts(view, "description") == ["train prosecutors", "draft atrocity crimes bill", "hold a hearing"]
    choose(view.status_combo, "Done")
    assert view_texts(view, "description") == ["publish the report"]
    choose(view.status_combo, "Any status")
    choose(view.owner_combo, "Ministry of Justice")
    assert len(view_texts(view, "description")) == 4


def test_done_without_a_completion_date_is_refused_under_the_field(main_window, qtbot, database):
    view = main_window.follow_ups_view
    main_window.show_view(FOLLOW_UPS_PAGE)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    qtbot.keyClicks(dialog.widgets["description"], "Write to the minister")
    choose(dialog.widgets["status"], "Done")
    save(qtbot, dialog)

    error = dialog.error_labels["completed_on"]
    assert dialog.isVisible()
    assert error.isVisible()
    assert "needs its completion date" in error.text()
    assert error.parentWidget() is dialog.widgets["completed_on"].parentWidget()
    assert "Nothing was saved" in dialog.summary_label.text()
    assert follow_up_count(database) == 0

    qtbot.keyClicks(dialog.widgets["completed_on"], "2026-05-02")
    save(qtbot, dialog)
    assert follow_up_count(database) == 1
    assert view_texts(view, "description") == ["Write to the minister"]


def test_editing_a_follow_up_opens_it_on_enter(main_window, qtbot, database):
    ids = add_follow_ups(database, date.today())
    view = main_window.follow_ups_view
    main_window.show_view(FOLLOW_UPS_PAGE)
    view.table.select_record(ids["hold a hearing"])
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    dialog = view.dialog
    assert dialog.record_id == ids["hold a hearing"]
    assert dialog.widgets["description"].toPlainText() == "hold a hearing"
    choose(dialog.widgets["status"], "In progress")
    save(qtbot, dialog)
    assert view_texts(view, "status")[view_texts(view, "description").index("hold a hearing")] == "In progress"


def test_open_parent_asks_for_the_question(main_window, qtbot, database):
    question_id = answered_question(database)
    with database.session() as session:
        with_parent = records.create(session, FollowUp, {"description": "chase the ministry",
                                                         "question_id": question_id})
        without = records.create(session, FollowUp, {"description": "committee visit",
                                                     "kind": "committee_action"})
        session.commit()
    view = main_window.follow_ups_view
    main_window.show_view(FOLLOW_UPS_PAGE)

    view.table.select_record(without)
    assert not view.open_parent_button.isEnabled()
    view.table.select_record(with_parent)
    assert view.open_parent_button.isEnabled()
    with qtbot.waitSignal(view.question_requested) as blocker:
        qtbot.mouseClick(view.open_parent_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [question_id]
    assert main_window.questions_view.editor.question_id == question_id

    main_window.show_view(FOLLOW_UPS_PAGE)
    view.table.setFocus()
    with qtbot.waitSignal(view.question_requested) as blocker:
        qtbot.keyClick(view.table, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == [question_id]
    assert view.dialog is None  # Ctrl+Enter opens the parent, not the follow-up


def test_open_parent_in_the_main_window_opens_the_question(main_window, qtbot, database):
    from r2p_desktop.core.models import FollowUp, Question
    from r2p_desktop.core.services import records

    with database.session() as session:
        question_id = records.create(session, Question, {"title": "Arms exports review", "status": "tabled",
                                                         "date_tabled": "2026-02-01"})
        records.create(session, FollowUp, {"description": "Publish the review", "question_id": question_id})
        session.commit()
    main_window.show_view(main_window.views.index(main_window.follow_ups_view))
    main_window.follow_ups_view.question_requested.emit(question_id)
    assert main_window.current_view() is main_window.questions_view
    editor = main_window.questions_view.editor
    assert editor.isVisible() and editor.question_id == question_id
    assert editor.widgets["title"].text() == "Arms exports review"
