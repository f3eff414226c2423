"""A clerk's whole cycle, through the windows a clerk uses: table a question, record a holding
answer, then the answer, rate it unsatisfactory, create a follow-up, put it on the next debate's
agenda, and watch the dashboard change at each step."""

from __future__ import annotations

from datetime import date, timedelta

import clerk_actions
from clerk_actions import choose

from r2p_desktop.core.models import Debate, FollowUp, Question
from r2p_desktop.core.services import directory, records

TODAY = date.today()


def save(qtbot, form) -> None:
    """Save the question form or a dialog, as a clerk would, and check it was saved."""
    clerk_actions.save(qtbot, form)
    assert not form.summary_label.isVisible(), form.summary_label.text()



def dashboard(main_window, qtbot):
    """The dashboard as it reads after the last change."""
    view = main_window.dashboard_view
    with qtbot.waitSignal(view.loaded):
        main_window.show_view(0)
        main_window.records_changed.notify()
    return view.board


def test_a_question_from_tabling_to_the_debate_agenda(main_window, qtbot, database):
    with database.session() as session:
        justice = directory.body_or_new(session, "Ministry of Justice")
        directory.person_or_new(session, "Amina Haddad")
        debate = records.create(session, Debate, {"title": "Annual R2P debate",
                                                  "date": TODAY + timedelta(days=30), "sitting_minutes": 120})
        session.commit()
    assert dashboard(main_window, qtbot).overdue_answers == 0

    # Table the question; its answer was due two days ago
    dialog = main_window.new_question()
    qtbot.keyClicks(dialog.widgets["title"], "Hate speech against the Mellic minority")
    dialog.widgets["asked_by_id"].setEditText("Amina Haddad")
    choose(dialog.widgets["addressed_to_id"], "Ministry of Justice")
    choose(dialog.widgets["status"], "Tabled")
    qtbot.keyClicks(dialog.widgets["date_tabled"], (TODAY - timedelta(days=20)).isoformat())
    qtbot.keyClicks(dialog.widgets["answer_due"], (TODAY - timedelta(days=2)).isoformat())
    save(qtbot, dialog)
    with database.read_session() as session:
        [question_id] = [q.id for q in session.query(Question)]
    board = dashboard(main_window, qtbot)
    assert board.overdue_answers == 1
    [ministry] = board.ministries
    assert (ministry.name, ministry.questions, ministry.holding_answer_rate) == ("Ministry of Justice", 1, 0.0)

    # A holding answer: still awaited, still overdue, and the ministry's holding-answer rate shows it
    dialog = main_window.edit_question(question_id)
    choose(dialog.widgets["status"], "Holding answer")
    save(qtbot, dialog)
    board = dashboard(main_window, qtbot)
    assert board.overdue_answers == 1 and board.ministries[0].holding_answer_rate == 1.0

    # The answer arrives: nothing is overdue any more, and it came late
    dialog = main_window.edit_question(question_id)
    choose(dialog.widgets["status"], "Answered")
    dialog.widgets["answer_text"].setPlainText("The Ministry will publish a plan against hate speech by June. "
                                         "Funding is under review.")
    save(qtbot, dialog)
    board = dashboard(main_window, qtbot)
    assert board.overdue_answers == 0
    assert board.ministries[0].on_time_share == 0.0 and board.ministries[0].average_days_late == 2.0

    # The committee rates it unsatisfactory
    dialog = main_window.edit_question(question_id)
    choose(dialog.widgets["assessment"], "Unsatisfactory")
    save(qtbot, dialog)
    assert dashboard(main_window, qtbot).ministries[0].unsatisfactory_share == 1.0

    # The promise becomes a follow-up owed by the ministry, due in ten days
    dialog = main_window.edit_question(question_id)
    follow_up = dialog.create_follow_up()
    assert follow_up.widgets["description"].toPlainText() == (
        "Chase the undertaking in the answer to “Hate speech against the Mellic minority”")
    qtbot.keyClicks(follow_up.widgets["due_date"], (TODAY + timedelta(days=10)).isoformat())
    save(qtbot, follow_up)
    board = dashboard(main_window, qtbot)
    assert (board.follow_ups_due_soon, board.follow_ups_overdue) == (1, 0)
    with database.read_session() as session:
        [undertaking] = session.query(FollowUp).all()
        assert (undertaking.question_id, undertaking.owner_body_id) == (question_id, justice)

    # Suggest agenda puts it on the next debate's agenda, with the unsatisfactory answer
    debates = main_window.debates_view
    main_window.show_view(main_window.views.index(debates))
    assert debates.table.select_record(debate)
    suggestions = debates.suggest_agenda()
    proposed = {(s["kind"], *s["link"].items()) for s in suggestions.suggestions}
    assert ("unsatisfactory_answer", ("question_id", question_id)) in proposed
    assert ("open_undertaking", ("follow_up_id", undertaking.id)) in proposed
    undertaking_row = next(n for n, s in enumerate(suggestions.suggestions) if s["kind"] == "open_undertaking")
    suggestions.set_checked(undertaking_row, True)
    suggestions.accept()
    agenda = [debates.agenda_model.row_dict(row) for row in range(debates.agenda_model.rowCount())]
    assert len(agenda) == 1
    assert agenda[0]["links"][0]["id"] == undertaking.id
    assert dashboard(main_window, qtbot).next_debate.id == debate
