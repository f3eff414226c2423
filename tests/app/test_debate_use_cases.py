"""The agenda and outcome use cases the Debates page calls, and the catalogue records (assessments and
treaty statuses) saved by code, tested without Qt against a real migrated SQLite file."""

from __future__ import annotations

from datetime import date

import pytest

from r2p_desktop.app import catalogue_records, debates
from r2p_desktop.app.changes import Changes, Record
from r2p_desktop.app.records import read
from r2p_desktop.core.errors import ValidationError
from r2p_desktop.core.models import Debate, FollowUp
from r2p_desktop.core.services import agenda, directory, history, listings, records


@pytest.fixture
def debate(database) -> int:
    """A debate with two items on its agenda."""
    with database.session() as session:
        debate_id = records.create(session, Debate, {"title": "Annual R2P debate", "sitting_minutes": 120})
        for title in ("Opening", "Early warning"):
            agenda.add_item(session, debate_id, {"title": title, "allotted_minutes": 30})
        session.commit()
    return debate_id


def agenda_rows(database, debate_id) -> list[dict]:
    return read(database, lambda session: agenda.agenda_items(session, debate_id))


def test_a_new_agenda_item_goes_to_the_end_and_is_returned_as_created(database, debate):
    changes = debates.add_agenda_item(database, debate, {"title": " Questions to the minister ",
                                                         "speakers": "Amina Okafor\nLars Berg",
                                                         "allotted_minutes": 15})
    [item_id] = changes.created_ids("agenda_item")
    assert changes == Changes(created={Record("agenda_item", item_id)})
    rows = agenda_rows(database, debate)
    assert [row["title"] for row in rows] == ["Opening", "Early warning", "Questions to the minister"]
    assert (rows[-1]["id"], rows[-1]["position"], rows[-1]["allotted_minutes"]) == (item_id, 2, 15)


def test_minutes_left_at_not_set_are_stored_as_none(database, debate):
    debates.add_agenda_item(database, debate, {"title": "Close", "allotted_minutes": 0})
    assert agenda_rows(database, debate)[-1]["allotted_minutes"] is None


def test_an_agenda_item_without_a_title_is_refused_and_nothing_is_added(database, debate):
    with pytest.raises(ValidationError) as raised:
        debates.add_agenda_item(database, debate, {"title": "  ", "allotted_minutes": 10})
    assert set(raised.value.errors) == {"title"}
    assert len(agenda_rows(database, debate)) == 2


def test_moving_an_item_renumbers_the_agenda(database, debate):
    last = agenda_rows(database, debate)[-1]["id"]
    assert debates.move_agenda_item(database, last, 0) == Changes(updated={Record("agenda_item", last)})
    assert [(row["title"], row["position"]) for row in agenda_rows(database, debate)] == [
        ("Early warning", 0), ("Opening", 1)]


def test_added_suggestions_are_created_at_the_end_with_their_links(database, debate):
    with database.session() as session:
        undertaking = records.create(session, FollowUp, {"description": "Publish the action plan",
                                                         "kind": "government_undertaking"})
        session.commit()
    found = read(database, lambda session: agenda.suggest_agenda(session, debate, date.today()))
    chosen = [s for s in found if s["kind"] == "open_undertaking"]
    changes = debates.add_suggested_items(database, debate, chosen)
    rows = agenda_rows(database, debate)
    assert changes.created_ids("agenda_item") == {rows[2]["id"]} and changes.kinds == {"agenda_item"}
    assert rows[2]["links"][0]["column"] == "follow_up_id" and rows[2]["links"][0]["id"] == undertaking


def test_recording_an_outcome_creates_the_follow_ups_and_returns_them(database, debate):
    with database.session() as session:
        ministry = directory.body_or_new(session, "Ministry of Foreign Affairs")
        session.commit()
    early_warning = agenda_rows(database, debate)[1]["id"]
    changes = debates.record_outcome(database, debate, "Motion carried.", [
        {"description": "Publish the national action plan", "owner_body_id": ministry, "due_date": "2026-12-31",
         "agenda_item_id": None},
        {"description": "Fund the early warning unit", "owner_body_id": None, "due_date": "",
         "agenda_item_id": early_warning},
    ])

    assert changes.updated == {Record("debate", debate)}
    made = read(database, lambda session: [records.get(session, FollowUp, follow_up_id)
                                           for follow_up_id in changes.created_ids("follow_up")])
    assert sorted((f["description"], f["owner_body_id"], f["debate_id"], f["agenda_item_id"]) for f in made) == [
        ("Fund the early warning unit", None, None, early_warning),
        ("Publish the national action plan", ministry, debate, None),
    ]
    held = read(database, lambda session: records.get(session, Debate, debate))
    assert (held["status"], held["outcome"]) == ("held", "Motion carried.")


def test_a_wrong_undertaking_records_nothing(database, debate):
    with pytest.raises(ValidationError) as raised:
        debates.record_outcome(database, debate, "Adjourned.", [
            {"description": "Report back", "due_date": "soon", "agenda_item_id": None}])
    assert set(raised.value.errors) == {"undertaking 1"}
    assert read(database, lambda session: records.get(session, Debate, debate))["status"] == "planned"
    assert read(database, lambda session: session.query(FollowUp).count()) == 0


# --- catalogue records, by code -------------------------------------------------------------------

FOCAL_POINT = "SG17-45-focal-point"


def test_an_assessment_is_created_by_code_then_updated(database):
    before = catalogue_records.commitment_assessment(database, FOCAL_POINT)
    assert before.shown == {"status": "not_started", "assessed_on": "", "evidence": ""}
    assert (before.stored["code"], before.stored["linked"]) == (FOCAL_POINT, [])
    shown = {"status": "in_progress", "assessed_on": "2026-05-02", "evidence": " Decree drafted "}
    first = catalogue_records.save_commitment_assessment(database, FOCAL_POINT, shown)
    [assessment_id] = first.created_ids("commitment_assessment")
    second = catalogue_records.save_commitment_assessment(database, FOCAL_POINT, {**shown, "status": "achieved"})
    assert second == Changes(updated={Record("commitment_assessment", assessment_id)})
    assert catalogue_records.commitment_assessment(database, FOCAL_POINT).shown == {
        "status": "achieved", "assessed_on": "2026-05-02", "evidence": "Decree drafted"}


def test_a_treaty_status_is_saved_by_code_and_a_wrong_date_is_refused_by_its_field(database):
    code = read(database, listings.instruments_with_status)[0]["code"]
    assert catalogue_records.treaty_status(database, code).shown["status"] == "not_signed"
    shown = {"status": "signed", "status_date": "12/06/1950", "implementing_legislation": "", "reservations": ""}
    with pytest.raises(ValidationError) as raised:
        catalogue_records.save_treaty_status(database, code, shown)
    assert "YYYY-MM-DD" in raised.value.errors["status_date"]
    assert read(database, lambda session: history.instrument_status_id(session, code)) is None

    changes = catalogue_records.save_treaty_status(database, code, {**shown, "status_date": "1950-06-12"})
    status_id = read(database, lambda session: history.instrument_status_id(session, code))
    assert changes == Changes(created={Record("treaty_status", status_id)})
    loaded = catalogue_records.treaty_status(database, code)
    assert (loaded.shown["status"], loaded.shown["status_date"]) == ("signed", "1950-06-12")
    assert loaded.stored["code"] == code
