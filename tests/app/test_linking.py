"""Finding a record to link by typing part of its reference or title, how a linked record reads, and
the use cases that save links: an agenda item's records and a commitment's evidence. Without Qt,
against a real migrated SQLite file."""

from __future__ import annotations

from datetime import date

import pytest

from r2p_desktop.app import catalogue_records, debates, linking
from r2p_desktop.app.changes import Record
from r2p_desktop.app.records import read
from r2p_desktop.core import catalogue
from r2p_desktop.core.errors import ConflictError
from r2p_desktop.core.models import AgendaItem, BudgetItem, Debate, Document, FollowUp, Question
from r2p_desktop.core.services import agenda, history, records

FOCAL_POINT = "SG17-45-focal-point"


def add(database, model, **values) -> int:
    with database.session() as session:
        record_id = records.create(session, model, values)
        session.commit()
    return record_id


def question(database, reference, title="Appointment of the national focal point", tabled=date(2026, 3, 2),
             status="tabled", **values) -> int:
    return add(database, Question, reference=reference, title=title, status=status,
               date_tabled=None if status == "draft" else tabled, **values)


def found(database, typed, kinds=linking.AGENDA_TARGETS, **options) -> list[tuple[str, str]]:
    return [(hit.kind, hit.reference) for hit in linking.find(database, typed, kinds, **options)]


@pytest.fixture
def debate(database) -> int:
    return add(database, Debate, title="Annual R2P debate", date=date(2026, 9, 1))


@pytest.fixture
def item(database, debate) -> int:
    with database.session() as session:
        item_id = agenda.add_item(session, debate, {"title": "Early warning"})
        session.commit()
    return item_id


def test_each_kind_reads_with_its_reference_kind_status_and_date(database, debate):
    asked = question(database, "WQ-2026-00017", status="holding_answer", tabled=date(2026, 2, 1))
    line = add(database, BudgetItem, fiscal_year=2026, programme="Focal point secretariat", currency="EUR",
               outcome="Allocated as requested\nReviewed in March", debate_date=date(2026, 4, 2))
    chase = add(database, FollowUp, description="Chase the answer to WQ-2026-00017", due_date=date(2026, 5, 1))
    report = add(database, Document, title="National risk assessment", kind="risk_assessment",
                 published_on=date(2025, 11, 30))
    with database.session() as session:
        item_id = agenda.add_item(session, debate, {"title": "Early warning"})
        commitment = next(c.id for c in catalogue.list_commitments(session) if c.code == FOCAL_POINT)
        session.commit()

    described = read(database, lambda session: linking.describe(session, [
        ("question", asked), ("budget_item", line), ("follow_up", chase), ("document", report),
        ("commitment", commitment), ("agenda_item", item_id), ("question", 999)]))

    assert [(d.kind_label, d.reference, d.status, d.date) for d in described] == [
        ("Question", "WQ-2026-00017", "Holding answer", date(2026, 2, 1)),
        ("Budget line", "Budget 2026", "Allocated as requested", date(2026, 4, 2)),
        ("Follow-up", "", "Open", date(2026, 5, 1)),
        ("Document", "", "Risk assessment", date(2025, 11, 30)),
        ("Commitment", FOCAL_POINT, "Not started", None),
        ("Agenda item", "Item 1", "Planned", date(2026, 9, 1)),
    ]  # the question that does not exist is left out
    assert described[5].title == "Early warning (Annual R2P debate)"
    assert described[0].text() == ("WQ-2026-00017 · Question · Holding answer · 2026-02-01 · "
                                   "Appointment of the national focal point")


def test_part_of_a_reference_finds_the_whole_then_its_start_number_end_and_middle(database):
    for reference in ("WQ-2026-00566", "WQ-2026-10566", "WQ-2025-00566", "OQ-2026-05661", "566"):
        question(database, reference, tabled=date(2026, 1, 1))
    question(database, "WQ-2026-00999", title="Funding of the 566 programme")  # only its title has it

    assert found(database, "566") == [
        ("question", "566"),  # the whole reference
        ("question", "WQ-2026-00566"), ("question", "WQ-2025-00566"),  # its last number, leading zeros aside
        ("question", "WQ-2026-10566"),  # ends with it
        ("question", "OQ-2026-05661"),  # holds it
        ("question", "WQ-2026-00999"),  # the title's words come after every reference
    ]
    assert found(database, "wq-2026") == [  # the newest first, then the highest reference
        ("question", "WQ-2026-00999"), ("question", "WQ-2026-10566"), ("question", "WQ-2026-00566")]
    assert found(database, "wq 566")[:2] == [("question", "WQ-2026-00566"), ("question", "WQ-2025-00566")]
    # A % typed is not a wildcard: "56%" is the parts 56 and nothing, so "566" does not start with it.
    assert found(database, "56%")[:5] == [("question", "WQ-2026-10566"), ("question", "WQ-2026-00566"),
                                          ("question", "WQ-2025-00566"), ("question", "OQ-2026-05661"),
                                          ("question", "566")]


def test_title_words_find_records_of_every_kind_asked_for_newest_first(database, debate):
    older = question(database, "WQ 1", title="Early warning in the north", tabled=date(2025, 1, 5))
    newer = question(database, "WQ 2", title="Early warning budget", tabled=date(2026, 1, 5))
    question(database, "WQ 3", title="Hate speech", tabled=date(2026, 2, 5))
    add(database, FollowUp, description="Publish the early warning report", due_date=date(2026, 6, 1))
    with database.session() as session:
        agenda.add_item(session, debate, {"title": "Early warning"})
        session.commit()

    hits = linking.find(database, "early warn", linking.AGENDA_TARGETS)
    assert [(hit.kind, hit.title) for hit in hits] == [
        ("follow_up", "Publish the early warning report"), ("question", "Early warning budget"),
        ("question", "Early warning in the north")]  # agenda items are not what an agenda item discusses
    evidence = linking.find(database, "early warn", linking.EVIDENCE)
    assert [(hit.kind, hit.id) for hit in evidence][:2] == [("agenda_item", 1), ("question", newer)]
    assert ("follow_up", 1) not in [(hit.kind, hit.id) for hit in evidence]
    assert [hit.id for hit in linking.find(database, "early warn", ["question"], exclude=[("question", newer)])] == [
        older]


def test_commitments_are_found_by_code_and_by_the_words_of_their_title(database):
    by_code = linking.find(database, "sg17-45-focal", ["commitment"])
    assert [hit.reference for hit in by_code] == [FOCAL_POINT]
    by_title = linking.find(database, "appoint focal", ["commitment"])
    assert FOCAL_POINT in [hit.reference for hit in by_title]
    assert all("appoint" in hit.title.lower() and "focal" in hit.title.lower() for hit in by_title)


def test_little_or_no_text_offers_the_records_added_last_up_to_the_limit(database):
    ids = [question(database, f"WQ {n}", tabled=date(2026, 1, n)) for n in range(1, 8)]
    last_follow_up = add(database, FollowUp, description="Chase the answers")
    expected = [("follow_up", last_follow_up)] + [("question", i) for i in reversed(ids)]
    for typed in ("", " ", "w"):
        assert [(hit.kind, hit.id) for hit in linking.find(database, typed, linking.AGENDA_TARGETS, limit=5)] == (
            expected[:5])
    assert len(linking.find(database, "WQ", ["question"], limit=3)) == 3


def test_a_new_agenda_item_is_saved_with_the_records_it_discusses(database, debate):
    asked = question(database, "WQ-2026-00017")
    changes = debates.add_agenda_item(database, debate, {"title": "The focal point"}, links=[("question", asked)])
    [item_id] = changes.created_ids("agenda_item")
    assert [linked.record for linked in debates.linked_records(database, item_id)] == [Record("question", asked)]


def test_links_are_added_and_removed_with_the_fields_and_kept_in_the_items_history(database, item):
    asked = question(database, "WQ-2026-00017")
    line = add(database, BudgetItem, fiscal_year=2026, programme="Focal point secretariat", currency="EUR")
    version = read(database, lambda session: records.get(session, AgendaItem, item))["version"]

    changes = debates.save_agenda_item(database, item, {"title": "Early warning", "allotted_minutes": 20},
                                       expected_version=version, link=[("question", asked), ("budget_item", line)])
    assert changes.updated == {Record("agenda_item", item)}
    assert [linked.reference for linked in debates.linked_records(database, item)] == ["WQ-2026-00017",
                                                                                      "Budget 2026"]
    debates.save_agenda_item(database, item, {"title": "Early warning", "allotted_minutes": 20},
                             unlink=[("question", asked)])
    assert [linked.reference for linked in debates.linked_records(database, item)] == ["Budget 2026"]

    entries = read(database, lambda session: history.record_history(session, AgendaItem, item))
    discussed = [(entry.old, entry.new) for entry in entries if entry.field == "records_discussed"]
    assert discussed == [  # newest first
        ("Budget 2026: Focal point secretariat; WQ-2026-00017: Appointment of the national focal point",
         "Budget 2026: Focal point secretariat"),
        ("", "Budget 2026: Focal point secretariat; WQ-2026-00017: Appointment of the national focal point")]
    assert {entry.field_label for entry in entries if entry.field == "records_discussed"} == {"Records discussed"}
    with pytest.raises(ConflictError):  # a link changes the item: a save from before it is a conflict
        debates.save_agenda_item(database, item, {"title": "Early warning"}, expected_version=version)


def test_an_agenda_item_linked_to_a_commitment_counts_as_its_evidence(database, item):
    with database.session() as session:
        commitment = next(c.id for c in catalogue.list_commitments(session) if c.code == FOCAL_POINT)
        agenda.change_links(session, item, add=[("commitment_id", commitment)])
        session.commit()
    linked = catalogue_records.commitment_assessment(database, FOCAL_POINT).stored["linked"]
    assert [(hit.kind, hit.id, hit.title) for hit in linked] == [
        ("agenda_item", item, "Early warning (Annual R2P debate)")]


def test_evidence_added_and_removed_in_the_assessment_is_saved_with_it(database, item):
    asked = question(database, "WQ-2026-00017")
    shown = {"status": "in_progress", "assessed_on": "2026-05-02", "evidence": "Decree drafted"}
    changes = catalogue_records.save_commitment_assessment(
        database, FOCAL_POINT, shown, link=[("question", asked), ("agenda_item", item)])
    assert changes.updated == {Record("question", asked), Record("agenda_item", item)}
    assert changes.created_ids("commitment_assessment")
    linked = catalogue_records.commitment_assessment(database, FOCAL_POINT).stored["linked"]
    assert [hit.record for hit in linked] == [Record("question", asked), Record("agenda_item", item)]
    assert read(database, lambda session: records.get(session, Question, asked))["commitments"] == [FOCAL_POINT]

    catalogue_records.save_commitment_assessment(database, FOCAL_POINT, shown, unlink=[("agenda_item", item)])
    linked = catalogue_records.commitment_assessment(database, FOCAL_POINT).stored["linked"]
    assert [hit.record for hit in linked] == [Record("question", asked)]


def test_suggestions_carry_the_reference_status_and_date_of_their_record(database, debate):
    overdue = question(database, "WQ-2026-00017", tabled=date(2026, 1, 5), answer_due=date(2026, 2, 5))
    [suggestion] = [s for s in debates.suggestions(database, debate, date(2026, 6, 1))
                    if s["kind"] == "overdue_answer"]
    assert suggestion["link"] == {"question_id": overdue}
    record = suggestion["record"]
    assert (record.reference, record.status, record.date) == ("WQ-2026-00017", "Tabled", date(2026, 1, 5))


def test_part_of_a_chinese_or_japanese_title_finds_the_record(database):
    chinese = question(database, "WQ 8", title="政府是否已任命保护责任国家协调人")
    japanese = question(database, "WQ 9", title="早期警戒の体制について")
    question(database, "WQ 10", title="Appointment of a national coordinator")
    assert [hit.id for hit in linking.find(database, "协调", ["question"])] == [chinese]
    assert [hit.id for hit in linking.find(database, "国家协调人", ["question"])] == [chinese]
    assert [hit.id for hit in linking.find(database, "警戒", ["question"])] == [japanese]
    assert linking.find(database, "协调 警戒", ["question"]) == []  # every part typed must be in the title
    assert {hit.id for hit in linking.find(database, "协调 OR 警戒", ["question"])} == {chinese, japanese}
    assert [hit.id for hit in linking.find(database, "警戒 -协调", ["question"])] == [japanese]
    assert [hit.id for hit in linking.find(database, "coordinator", ["question"])] != [chinese]
