"""Recommendations as records like any other, without Qt: saved from their form, listed by the
Recommendations view's filters and counted for its scorecard, found by search, kept in the history,
followed up, and deleted or refused through the generic removal."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from r2p_desktop.app import record_forms, removal
from r2p_desktop.app import records as record_use_cases
from r2p_desktop.app.errors import StillReferredToError
from r2p_desktop.app.records import read
from r2p_desktop.core import kinds
from r2p_desktop.core.errors import ValidationError
from r2p_desktop.core.models import FollowUp, Recommendation
from r2p_desktop.core.services import follow_ups, history, records, search
from r2p_desktop.core.services.recommendations import RecommendationFilter, list_recommendations, scorecard

RECOMMENDATIONS = (
    {"text": "Ratify the Arms Trade Treaty", "recommended_by": "Norway", "cycle": "14", "state": "Ghana",
     "response": "accepted", "implementation": "in_progress", "themes": ["Arms control"]},
    {"text": "Designate a national focal point", "recommended_by": "Ghana", "cycle": "14", "state": "Ghana",
     "response": "accepted", "implementation": "implemented"},
    {"text": "Abolish the death penalty", "recommended_by": "France", "cycle": "9", "state": "Ghana",
     "response": "noted", "implementation": "not_implemented", "themes": ["Death penalty"]},
    {"text": "Invite the Special Adviser on genocide", "recommended_by": "Special Adviser", "cycle": "9",
     "state": "Togo", "mechanism": "special_procedure"},
)


@pytest.fixture
def recommendation_ids(database) -> list[int]:
    with database.session() as session:
        ids = [records.create(session, Recommendation, dict(values)) for values in RECOMMENDATIONS]
        session.commit()
    return ids


def listed(database, **filters) -> list[str]:
    return read(database, lambda session: [row["text"] for row in list_recommendations(
        session, RecommendationFilter(**filters))])


def test_the_filters_of_the_view_and_the_scorecard(database, recommendation_ids):
    assert listed(database) == [  # the newest session first
        "Ratify the Arms Trade Treaty", "Designate a national focal point", "Abolish the death penalty",
        "Invite the Special Adviser on genocide"]
    assert listed(database, response="accepted", cycle="14") == ["Ratify the Arms Trade Treaty",
                                                                 "Designate a national focal point"]
    assert listed(database, mechanism="special_procedure") == ["Invite the Special Adviser on genocide"]
    assert listed(database, implementation="not_implemented", state="Ghana") == ["Abolish the death penalty"]
    assert listed(database, text="death france") == ["Abolish the death penalty"]
    assert listed(database, text="arms control") == ["Ratify the Arms Trade Treaty"]  # a theme
    card = read(database, lambda session: scorecard(list_recommendations(session, RecommendationFilter(
        state="Ghana"))))
    assert card.total == 3 and card.accepted_share == 2 / 3
    assert card.by_response == {"accepted": 2, "partially_accepted": 0, "noted": 1, "pending": 0}
    assert card.by_implementation == {"not_started": 0, "in_progress": 1, "implemented": 1, "not_implemented": 1}


def test_the_form_saves_a_recommendation_and_refuses_one_without_text(database):
    shown = {**record_use_cases.new(database, record_forms.RECOMMENDATION).shown,
             "text": "Adopt a national action plan", "recommended_by": "Chile", "cycle": "14",
             "themes": "Institutions; Prevention", "action_category": 4, "commitments": ["SG17-45-focal-point"]}
    changes = record_use_cases.save(database, record_forms.RECOMMENDATION, None, shown)
    [created] = [record.id for record in changes.created]
    saved = read(database, lambda session: records.get(session, Recommendation, created))
    assert (saved["themes"], saved["action_category"], saved["commitments"], saved["response"]) == (
        ["Institutions", "Prevention"], 4, ["SG17-45-focal-point"], "pending")
    with pytest.raises(ValidationError) as refused:
        record_use_cases.save(database, record_forms.RECOMMENDATION, None, {**shown, "text": " "})
    assert refused.value.errors == {"text": "The text of the recommendation cannot be empty"}


def test_search_and_history_know_recommendations(database, recommendation_ids):
    hits = read(database, lambda session: search.search(session, "focal point"))
    assert [(hit.kind, hit.record_id) for hit in hits] == [(kinds.RECOMMENDATION.key, recommendation_ids[1])]
    with database.session() as session:
        records.update(session, Recommendation, recommendation_ids[1], {"implementation": "in_progress"})
        session.commit()
    entries = read(database, lambda session: history.record_history(session, Recommendation, recommendation_ids[1]))
    assert (entries[0].field_label, entries[0].old, entries[0].new) == ("Implementation", "Implemented",
                                                                        "In progress")


def test_a_follow_up_arises_from_a_recommendation_which_then_cannot_be_deleted(database, recommendation_ids):
    with database.session() as session:
        records.create(session, FollowUp, {"description": "Ask for the ratification timetable",
                                           "recommendation_id": recommendation_ids[0]})
        session.commit()
    [row] = read(database, lambda session: follow_ups.list_follow_ups(session))
    assert (row["parent_kind"], row["parent_id"]) == (kinds.RECOMMENDATION.key, recommendation_ids[0])
    assert row["parent"] == "Recommendation (session 14, Norway): Ratify the Arms Trade Treaty"
    plan = removal.deletion_plan(database, kinds.RECOMMENDATION.key, recommendation_ids[0])
    assert plan.refusal == "1 follow-up arose from this recommendation; delete or re-parent it first"
    with pytest.raises(StillReferredToError):
        removal.delete(database, kinds.RECOMMENDATION.key, recommendation_ids[0])
    removal.delete(database, kinds.RECOMMENDATION.key, recommendation_ids[3])
    assert sorted(read(database, lambda session: list(session.scalars(select(Recommendation.id))))) == \
        recommendation_ids[:3]
