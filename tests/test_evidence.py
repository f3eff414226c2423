"""The records that evidence a commitment (added and removed from its side too), and the detail the
catalogue dialogs read."""

from __future__ import annotations

from datetime import date

import pytest

from r2p_desktop.core import catalogue
from r2p_desktop.core.errors import NotFoundError, ValidationError
from r2p_desktop.core.models import BudgetItem, Debate, Question
from r2p_desktop.core.services import agenda, directory, evidence, records

FOCAL_POINT = "SG17-45-focal-point"


def question(session, reference, title, tabled_on, commitments):
    return records.create(session, Question, {
        "reference": reference, "title": title, "status": "tabled", "date_tabled": tabled_on,
        "commitments": commitments})


def test_questions_budget_items_and_agenda_items_linked_to_a_commitment_are_its_evidence(session):
    older = question(session, "WQ 1", "Who is the national focal point?", "2026-01-10", [FOCAL_POINT])
    newer = question(session, "WQ 2", "Funding of the focal point", "2026-03-02", [FOCAL_POINT])
    question(session, "WQ 3", "Unrelated question", "2026-03-05", [])
    budget = records.create(session, BudgetItem, {
        "fiscal_year": 2026, "programme": "Focal point secretariat", "currency": "EUR",
        "outcome": "Allocated as requested\nReviewed in March", "commitments": [FOCAL_POINT]})
    debate = records.create(session, Debate, {"title": "Annual R2P debate", "date": date(2026, 9, 1)})
    commitment = next(c.id for c in catalogue.list_commitments(session) if c.code == FOCAL_POINT)
    discussing = agenda.add_item(session, debate, {"title": "The focal point"}, [{"commitment_id": commitment}])
    agenda.add_item(session, debate, {"title": "Any other business"})
    session.commit()

    assert evidence.evidence_records(session, FOCAL_POINT) == [
        ("question", newer), ("question", older), ("budget_item", budget), ("agenda_item", discussing)]


def test_evidence_is_added_and_removed_from_the_commitment_side(session):
    asked = question(session, "WQ 1", "Who is the national focal point?", "2026-01-10", [])
    debate = records.create(session, Debate, {"title": "Annual R2P debate"})
    item = agenda.add_item(session, debate, {"title": "The focal point"})
    session.commit()

    changed = evidence.change_evidence(session, FOCAL_POINT, add=[("question", asked), ("agenda_item", item)])
    session.commit()
    assert changed == {("question", asked), ("agenda_item", item)}
    assert evidence.evidence_records(session, FOCAL_POINT) == [("question", asked), ("agenda_item", item)]
    assert session.get(Question, asked).commitments[0].code == FOCAL_POINT
    assert evidence.change_evidence(session, FOCAL_POINT, add=[("question", asked)]) == set()  # already

    assert evidence.change_evidence(session, FOCAL_POINT, remove=[("question", asked)]) == {("question", asked)}
    session.commit()
    assert evidence.evidence_records(session, FOCAL_POINT) == [("agenda_item", item)]
    with pytest.raises(ValidationError, match="follow up cannot evidence"):
        evidence.change_evidence(session, FOCAL_POINT, add=[("follow_up", 1)])


def test_a_commitment_nothing_refers_to_has_no_evidence(session):
    assert evidence.evidence_records(session, FOCAL_POINT) == []


def test_an_unknown_commitment_is_reported(session):
    with pytest.raises(NotFoundError, match="no-such-code"):
        evidence.evidence_records(session, "no-such-code")


def test_commitment_detail_carries_the_catalogue_entry_and_the_assessment(session):
    entry = next(c for c in catalogue.list_commitments(session) if c.code == FOCAL_POINT)
    detail = evidence.commitment_detail(session, FOCAL_POINT)
    assert (detail["title"], detail["summary"], detail["source"], detail["reference"]) == (
        entry.title, entry.summary, entry.source, entry.reference)
    assert detail["status"] == "not_started" and detail["assessed_on"] is None

    directory.assess_commitment(session, FOCAL_POINT, "achieved", "Focal point named in May", date(2026, 5, 2))
    session.commit()
    detail = evidence.commitment_detail(session, FOCAL_POINT)
    assert (detail["status"], detail["evidence"], detail["assessed_on"]) == (
        "achieved", "Focal point named in May", date(2026, 5, 2))


def test_instrument_detail_defaults_to_not_signed_and_reads_the_recorded_status(session):
    code = catalogue.list_instruments(session)[0]["code"]
    assert evidence.instrument_detail(session, code)["status"] == "not_signed"
    directory.set_treaty_status(session, code, "ratified", date(1990, 4, 1), "Genocide Act 1990", "None")
    session.commit()
    detail = evidence.instrument_detail(session, code)
    assert (detail["status"], detail["status_date"], detail["implementing_legislation"]) == (
        "ratified", date(1990, 4, 1), "Genocide Act 1990")
