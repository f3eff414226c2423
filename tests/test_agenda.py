"""A debate's agenda: items in order, reordering, minutes against the sitting, and agenda items
suggested from the record; on a small hand-made set whose right answers are known."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from r2p_desktop.core.errors import NotFoundError, ValidationError
from r2p_desktop.core.models import BudgetItem, Commitment, CommitmentAssessment, Debate, FollowUp, Question
from r2p_desktop.core.services import agenda, directory, records

TODAY = date(2026, 6, 15)


@pytest.fixture
def debate(session):
    return records.create(session, Debate, {"title": "Annual R2P debate", "sitting_minutes": 120})


@pytest.fixture
def dataset(session, debate):
    """Questions: one overdue, one rated unsatisfactory, one answered well, one tabled and not yet due.
    Follow-ups: an open and a done government undertaking, an open committee action. Budget: early
    warning fell 2025->2026, training rose. Commitments: the first two assessed (achieved, not started)."""
    ids = {}
    ids["overdue"] = records.create(session, Question, {
        "reference": "WQ 1", "title": "Focal point", "status": "tabled", "date_tabled": date(2026, 3, 1),
        "answer_due": date(2026, 4, 1)})
    ids["unsatisfactory"] = records.create(session, Question, {
        "reference": "WQ 2", "title": "Arms exports", "status": "answered", "date_tabled": date(2026, 1, 5),
        "answer_text": "Under review.", "assessment": "unsatisfactory"})
    records.create(session, Question, {
        "reference": "WQ 3", "title": "NHRI funding", "status": "answered", "date_tabled": date(2026, 1, 5),
        "answer_text": "Funded.", "assessment": "satisfactory"})
    records.create(session, Question, {
        "reference": "WQ 4", "title": "Hate speech", "status": "tabled", "date_tabled": date(2026, 6, 1),
        "answer_due": date(2026, 7, 1)})
    ids["undertaking"] = records.create(session, FollowUp, {
        "description": "Publish the national action plan", "kind": "government_undertaking",
        "status": "in_progress", "due_date": date(2026, 9, 1)})
    records.create(session, FollowUp, {
        "description": "Appoint a focal point", "kind": "government_undertaking", "status": "done",
        "completed_on": date(2026, 2, 1)})
    records.create(session, FollowUp, {"description": "Visit the border", "kind": "committee_action"})
    for year, allocated in ((2025, 500_000), (2026, 300_000)):
        ids[f"warning_{year}"] = records.create(session, BudgetItem, {
            "fiscal_year": year, "programme": "Early warning unit", "currency": "EUR",
            "amount_allocated": allocated})
    for year, allocated in ((2025, 100_000), (2026, 150_000)):
        records.create(session, BudgetItem, {"fiscal_year": year, "programme": "Training", "currency": "EUR",
                                             "amount_allocated": allocated})
    commitments = session.scalars(select(Commitment.id).order_by(Commitment.code)).all()
    ids["achieved"], ids["not_started"] = commitments[0], commitments[1]
    records.create(session, CommitmentAssessment, {"commitment_id": commitments[0], "status": "achieved"})
    records.create(session, CommitmentAssessment, {"commitment_id": commitments[1], "status": "not_started"})
    ids["commitments"] = commitments
    return ids


def _titles(session, debate):
    return [row["title"] for row in agenda.agenda_items(session, debate)]


def test_items_are_appended_in_order_with_their_links(session, debate, dataset):
    first = agenda.add_item(session, debate, {"title": "Opening", "allotted_minutes": 10})
    second = agenda.add_item(session, debate, {"title": "Focal point", "speakers": "A. Okafor"},
                             [{"question_id": dataset["overdue"]}])
    rows = agenda.agenda_items(session, debate)
    assert [(r["id"], r["position"]) for r in rows] == [(first, 0), (second, 1)]
    assert rows[1]["speakers"] == "A. Okafor"
    assert rows[1]["links"] == [{"column": "question_id", "id": dataset["overdue"], "label": "WQ 1: Focal point"}]


def test_an_item_needs_a_title(session, debate):
    with pytest.raises(ValidationError):
        agenda.add_item(session, debate, {"title": " "})


def test_moving_an_item_renumbers_the_agenda(session, debate):
    ids = [agenda.add_item(session, debate, {"title": t}) for t in "ABCD"]
    agenda.move_item(session, ids[0], 2)
    assert _titles(session, debate) == ["B", "C", "A", "D"]
    agenda.move_item(session, ids[3], 0)
    assert _titles(session, debate) == ["D", "B", "C", "A"]
    agenda.move_item(session, ids[2], 99)  # past the end: goes last
    assert [(r["title"], r["position"]) for r in agenda.agenda_items(session, debate)] == [
        ("D", 0), ("B", 1), ("A", 2), ("C", 3)]
    with pytest.raises(NotFoundError):
        agenda.move_item(session, 9999, 0)


def test_minutes_total_against_the_sitting(session, debate):
    assert agenda.minutes_total(session, debate) == (0, 120)
    agenda.add_item(session, debate, {"title": "A", "allotted_minutes": 60})
    agenda.add_item(session, debate, {"title": "B"})  # no minutes given
    agenda.add_item(session, debate, {"title": "C", "allotted_minutes": 35})
    assert agenda.minutes_total(session, debate) == (95, 120)
    other = records.create(session, Debate, {"title": "Without a length"})
    assert agenda.minutes_total(session, other) == (0, None)


def test_suggestions_come_from_what_is_owed(session, debate, dataset):
    found = agenda.suggest_agenda(session, debate, TODAY)
    by_kind = {}
    for suggestion in found:
        by_kind.setdefault(suggestion["kind"], []).append(suggestion["link"])
        assert suggestion["title"] and suggestion["description"]
    assert by_kind["overdue_answer"] == [{"question_id": dataset["overdue"]}]
    assert by_kind["unsatisfactory_answer"] == [{"question_id": dataset["unsatisfactory"]}]
    assert by_kind["open_undertaking"] == [{"follow_up_id": dataset["undertaking"]}]
    assert by_kind["budget_fell"] == [{"budget_item_id": dataset["warning_2026"]}]
    not_started = [link["commitment_id"] for link in by_kind["commitment_not_started"]]
    assert dataset["achieved"] not in not_started
    assert not_started == dataset["commitments"][1:]  # assessed not started, and every unassessed one


def test_added_suggestions_are_linked_and_not_suggested_again(session, debate, dataset):
    agenda.add_item(session, debate, {"title": "Opening"})
    found = agenda.suggest_agenda(session, debate, TODAY)
    chosen = [s for s in found if s["kind"] in ("overdue_answer", "budget_fell")]
    agenda.add_suggestions(session, debate, chosen)
    rows = agenda.agenda_items(session, debate)
    assert [r["position"] for r in rows] == [0, 1, 2]
    assert rows[1]["title"] == "Overdue answer: Focal point"
    assert [link["id"] for row in rows[1:] for link in row["links"]] == [dataset["overdue"], dataset["warning_2026"]]
    again = agenda.suggest_agenda(session, debate, TODAY)
    assert len(again) == len(found) - 2


def test_recording_the_outcome_turns_undertakings_into_follow_ups(session, debate):
    ministry = directory.body_or_new(session, "Ministry of Foreign Affairs")
    justice = directory.body_or_new(session, "Ministry of Justice")
    item = agenda.add_item(session, debate, {"title": "Early warning"})
    ids = agenda.record_outcome(session, debate, " Motion carried unanimously. ", [
        {"description": "Publish the national action plan", "owner_body_id": ministry, "due_date": "2026-12-31"},
        {"description": "Fund the early warning unit", "owner_body_id": justice, "due_date": date(2027, 3, 1),
         "agenda_item_id": item},
    ])
    session.commit()
    made = [session.get(FollowUp, follow_up_id) for follow_up_id in ids]
    assert [(f.description, f.owner_body_id, f.due_date, f.debate_id, f.agenda_item_id, f.kind, f.status)
            for f in made] == [
        ("Publish the national action plan", ministry, date(2026, 12, 31), debate, None,
         "government_undertaking", "open"),
        ("Fund the early warning unit", justice, date(2027, 3, 1), None, item, "government_undertaking", "open"),
    ]
    held = session.get(Debate, debate)
    assert (held.status, held.outcome) == ("held", "Motion carried unanimously.")


def test_a_wrong_undertaking_saves_nothing_and_names_its_row(session, debate):
    other = records.create(session, Debate, {"title": "Budget hearing"})
    elsewhere = agenda.add_item(session, other, {"title": "Not this debate"})
    session.commit()
    with pytest.raises(ValidationError) as raised:
        agenda.record_outcome(session, debate, "Adjourned.", [
            {"description": "Report back in a month", "due_date": "2026-07-15"},
            {"description": " ", "due_date": "soon"},
            {"description": "Visit the camps", "agenda_item_id": elsewhere},
        ])
    errors = raised.value.errors
    assert set(errors) == {"undertaking 2", "undertaking 3"}
    assert "description: the description cannot be empty" in errors["undertaking 2"]
    assert "due date" in errors["undertaking 2"]
    assert errors["undertaking 3"] == "agenda item: is not an item on this debate's agenda"
    session.commit()  # what the caller had is kept; nothing of the outcome is
    assert session.scalars(select(FollowUp)).all() == []
    assert (session.get(Debate, debate).status, session.get(Debate, debate).outcome) == ("planned", "")
    with pytest.raises(ValidationError) as raised:
        agenda.record_outcome(session, debate, "  ", [])
    assert raised.value.errors == {"outcome": "the outcome cannot be empty"}


def test_a_budget_cut_is_suggested_in_the_currencys_own_units(session, debate):
    for year, allocated in ((2025, 1_250_000), (2026, 900_000)):  # yen have no minor unit
        records.create(session, BudgetItem, {"fiscal_year": year, "programme": "Atrocity early warning",
                                             "currency": "JPY", "amount_allocated": allocated})
    session.commit()
    [cut] = [s for s in agenda.suggest_agenda(session, debate, TODAY) if s["kind"] == "budget_fell"]
    assert cut["description"] == "Allocation fell from JPY 1,250,000 to JPY 900,000 against 2025."
