"""Listing follow-ups to chase: by status (including open and overdue), owner and due window, each
naming the record it arose from; on a small hand-made set whose right answers are known."""

from __future__ import annotations

from datetime import date

import pytest

from r2p_desktop.core.models import BudgetItem, FollowUp, Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.core.services.follow_ups import (
    OPEN,
    OVERDUE,
    FollowUpFilter,
    draft_from_question,
    list_follow_ups,
    owners,
    parent_label,
    question_has_answer,
)

TODAY = date(2026, 6, 15)


@pytest.fixture
def dataset(session):
    """Five follow-ups: two overdue (one open, one in progress), one open and due later, one done
    long ago, one dropped with no date; owned by two ministries, one owned by nobody."""
    foreign = directory.body_or_new(session, "Ministry of Foreign Affairs")
    justice = directory.body_or_new(session, "Ministry of Justice")
    directory.body_or_new(session, "Ministry of Defence")  # owns nothing
    question = records.create(session, Question, {
        "reference": "WQ-2026-00012", "title": "Focal point for R2P", "status": "answered",
        "date_tabled": date(2026, 1, 5), "addressed_to_id": foreign,
        "answer_text": "The government will appoint a focal point by June. It will report to Parliament.",
    })
    budget = records.create(session, BudgetItem, {"fiscal_year": 2026, "programme": "Early warning unit",
                                                   "currency": "EUR"})
    ids = {}

    def add(name, **values):
        ids[name] = records.create(session, FollowUp, {"description": name, **values})

    add("appoint focal point", question_id=question, owner_body_id=foreign, due_date=date(2026, 6, 1))
    add("train prosecutors", owner_body_id=justice, due_date=date(2026, 3, 1), status="in_progress")
    add("hearing on budget", kind="committee_action", budget_item_id=budget, due_date=date(2026, 9, 30))
    add("publish report", owner_body_id=foreign, due_date=date(2026, 1, 10), status="done",
        completed_on=date(2026, 1, 9))
    add("visit the region", kind="recommendation", owner_body_id=justice, status="dropped")
    session.commit()
    return {"ids": ids, "foreign": foreign, "justice": justice, "question": question, "budget": budget}


def descriptions(session, **filter_values) -> list[str]:
    return [row["description"] for row in list_follow_ups(session, FollowUpFilter(**filter_values), TODAY)]


def test_all_follow_ups_soonest_due_first_and_undated_last(session, dataset):
    assert descriptions(session) == ["publish report", "train prosecutors", "appoint focal point",
                                     "hearing on budget", "visit the region"]


def test_overdue_means_still_to_do_and_past_its_date(session, dataset):
    assert descriptions(session, status=OVERDUE) == ["train prosecutors", "appoint focal point"]
    rows = list_follow_ups(session, FollowUpFilter(), TODAY)
    assert [row["description"] for row in rows if row["overdue"]] == ["train prosecutors", "appoint focal point"]


def test_open_means_open_or_in_progress(session, dataset):
    assert descriptions(session, status=OPEN) == ["train prosecutors", "appoint focal point", "hearing on budget"]
    assert descriptions(session, status="in_progress") == ["train prosecutors"]
    assert descriptions(session, status="done") == ["publish report"]
    assert descriptions(session, status="dropped") == ["visit the region"]


def test_by_owner_and_due_window(session, dataset):
    assert descriptions(session, owner_body_id=dataset["justice"]) == ["train prosecutors", "visit the region"]
    assert descriptions(session, owner_body_id=dataset["foreign"], status=OVERDUE) == ["appoint focal point"]
    assert descriptions(session, due_from=date(2026, 3, 1), due_to=date(2026, 6, 30)) == [
        "train prosecutors", "appoint focal point"]


def test_each_row_names_its_owner_and_parent(session, dataset):
    rows = {row["description"]: row for row in list_follow_ups(session, FollowUpFilter(), TODAY)}
    focal = rows["appoint focal point"]
    assert focal["owner"] == "Ministry of Foreign Affairs"
    assert (focal["parent_kind"], focal["parent_id"]) == ("question", dataset["question"])
    assert focal["parent"] == "WQ-2026-00012"
    assert focal["parent_label"] == "Question WQ-2026-00012: Focal point for R2P"
    hearing = rows["hearing on budget"]
    assert (hearing["parent_kind"], hearing["parent_id"]) == ("budget_item", dataset["budget"])
    assert hearing["parent_label"] == "Budget 2026: Early warning unit"
    assert hearing["owner"] == ""
    assert rows["train prosecutors"]["parent_kind"] == ""
    assert rows["train prosecutors"]["parent_id"] is None


def test_owners_are_the_bodies_that_own_follow_ups(session, dataset):
    assert [owner["name"] for owner in owners(session)] == ["Ministry of Foreign Affairs", "Ministry of Justice"]


def test_a_draft_from_an_answer_is_the_governments_undertaking(session, dataset):
    assert question_has_answer(session, dataset["question"])
    draft = draft_from_question(session, dataset["question"])
    assert draft == {"kind": "government_undertaking", "question_id": dataset["question"],
                     "owner_body_id": dataset["foreign"], "status": "open",
                     "description": "Chase the undertaking in the answer to WQ-2026-00012"}
    assert parent_label(session, {"question_id": dataset["question"]}) == "Question WQ-2026-00012: Focal point for R2P"


def test_a_tabled_question_has_no_answer_yet(session):
    question = records.create(session, Question, {"title": "Pending", "status": "tabled",
                                                  "date_tabled": date(2026, 5, 1)})
    assert not question_has_answer(session, question)
