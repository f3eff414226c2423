"""Dashboard figures against a dataset whose right answers are worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from r2p_desktop.core.models import Commitment, Debate, FollowUp, Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.core.services.dashboard import dashboard
from r2p_desktop.core.services.questions import question_ids

TODAY = date(2026, 6, 15)


@pytest.fixture
def known(session):
    justice = directory.body_or_new(session, "Ministry of Justice")
    defence = directory.body_or_new(session, "Ministry of Defence")

    def question(body, status, tabled, due, **extra):
        values = {"title": f"{status} {tabled}", "status": status, "addressed_to_id": body,
                  "date_tabled": tabled, "answer_due": due, **extra}
        return records.create(session, Question, values)

    ids = {
        "overdue": question(justice, "tabled", "2026-05-01", "2026-06-01"),
        "overdue-holding": question(justice, "holding_answer", "2026-05-01", "2026-06-10",
                                    holding_answer_date="2026-06-05"),
        "late-unsatisfactory": question(justice, "answered", "2026-04-01", "2026-04-20", answer_text="Late.",
                                        date_answered="2026-04-25", assessment="unsatisfactory"),
        "on-time-after-holding": question(justice, "answered", "2026-04-01", "2026-04-30", answer_text="Yes.",
                                          date_answered="2026-04-28", assessment="satisfactory",
                                          holding_answer_date="2026-04-20"),
        "due-this-week": question(defence, "tabled", "2026-06-10", "2026-06-18"),
        "late-closed": question(defence, "closed", "2026-03-01", "2026-03-10", answer_text="Eventually.",
                                date_answered="2026-03-20", assessment="partial"),
        "due-later": question(defence, "tabled", "2026-06-14", "2026-06-25"),
    }
    records.create(session, Question, {"title": "A draft, never counted", "addressed_to_id": justice})
    for status, due, completed in (("open", "2026-06-01", None), ("in_progress", "2026-06-20", None),
                                   ("done", "2026-06-01", "2026-05-30"), ("open", "2026-07-30", None),
                                   ("open", None, None)):
        records.create(session, FollowUp, {"description": f"{status} {due}", "status": status, "due_date": due,
                                           "completed_on": completed})
    records.create(session, Debate, {"title": "Held last year", "status": "held", "date": "2025-11-01"})
    next_debate = records.create(session, Debate, {"title": "Annual R2P debate", "date": "2026-07-27"})
    records.create(session, Debate, {"title": "Later sitting", "date": "2026-09-01"})
    codes = session.scalars(select(Commitment.code).order_by(Commitment.code).limit(5)).all()
    for code, status in zip(codes, ("achieved", "achieved", "in_progress", "not_applicable", "not_started"),
                            strict=True):
        directory.assess_commitment(session, code, status)
    session.commit()
    return ids | {"next_debate": next_debate}


def test_what_to_act_on_today(session, known):
    board = dashboard(session, today=TODAY)
    assert (board.overdue_answers, board.answers_due_this_week) == (2, 1)
    assert (board.follow_ups_overdue, board.follow_ups_due_soon) == (1, 1)
    assert (board.next_debate.id, board.next_debate.days_away) == (known["next_debate"], 42)


def test_each_figure_opens_the_questions_behind_it(session, known):
    board = dashboard(session, today=TODAY)
    assert set(question_ids(session, board.overdue_filter, today=TODAY)) == {known["overdue"],
                                                                             known["overdue-holding"]}
    assert question_ids(session, board.due_this_week_filter, today=TODAY) == [known["due-this-week"]]


def test_commitments_scorecard_counts_unassessed_as_not_started(session, known):
    card = dashboard(session, today=TODAY).scorecard
    total = session.scalar(select(func.count(Commitment.id)))
    assert (card["achieved"], card["in_progress"], card["not_applicable"]) == (2, 1, 1)
    assert card["not_started"] == total - 4


def test_each_ministrys_record_of_answering(session, known):
    justice, defence = sorted(dashboard(session, today=TODAY).ministries, key=lambda m: m.name != "Ministry of Justice")
    assert (justice.name, justice.questions, justice.answered, justice.answered_on_time) == \
        ("Ministry of Justice", 4, 2, 1)
    assert (justice.on_time_share, justice.holding_answer_rate, justice.unsatisfactory_share) == (0.5, 0.5, 0.5)
    assert justice.average_days_late == 5.0
    assert (defence.questions, defence.answered, defence.on_time_share, defence.holding_answer_rate) == (3, 1, 0.0, 0.0)
    assert (defence.unsatisfactory_share, defence.average_days_late) == (0.0, 10.0)


def test_an_empty_database_has_no_figures_to_divide_by(session):
    board = dashboard(session, today=TODAY)
    assert board.ministries == [] and board.next_debate is None
    assert board.overdue_answers == 0 and board.scorecard["achieved"] == 0
