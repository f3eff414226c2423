"""A record's history as a clerk reads it: who changed which field, from what to what, newest first."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from r2p_desktop.core.models import Body, Person, Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.core.services.history import HistoryEntry, field_label, record_history

TITLE = "Early warning capacity in the Ministry of Foreign Affairs"
ANSWER = "The Ministry has appointed a national focal point.\n\nIt reports to the Permanent Secretary. " * 20


def changes(history: list[HistoryEntry]) -> list[tuple[str, str, str]]:
    return [(entry.field_label or entry.action, entry.old, entry.new) for entry in history]


@pytest.fixture
def people(session):
    ids = {name: directory.person_or_new(session, name) for name in ("Amina Okafor", "Lars Berg")}
    ids["Ministry of Foreign Affairs"] = directory.body_or_new(session, "Ministry of Foreign Affairs")
    session.commit()
    return ids


@pytest.fixture
def question_id(session, people):
    """A question created, tabled, given a new asker and answered, in four saves."""
    question_id = records.create(session, Question, {
        "title": TITLE, "asked_by_id": people["Amina Okafor"],
        "addressed_to_id": people["Ministry of Foreign Affairs"], "tags": "early warning",
    })
    session.commit()
    records.update(session, Question, question_id, {"status": "tabled", "date_tabled": "2017-09-06"})
    session.commit()
    records.update(session, Question, question_id, {"asked_by_id": people["Lars Berg"]})
    session.commit()
    records.update(session, Question, question_id, {
        "status": "answered", "answer_text": ANSWER, "tags": "early warning; focal point", "pillar_number": 1,
    })
    session.commit()
    return question_id


def test_each_change_is_listed_newest_first_with_who_and_labels(session, question_id):
    history = record_history(session, Question, question_id)

    assert changes(history) == [
        ("Tags", "early warning", "early warning; focal point"),
        ("Pillar", "", "1"),
        ("Date answered", "", date.today().isoformat()),  # filled in by the workflow
        ("Answer text", "", ANSWER),  # in full: the screen shortens it, not the service
        ("Status", "Tabled", "Answered"),
        ("Asked by", "Amina Okafor", "Lars Berg"),
        ("Status", "Draft", "Tabled"),
        ("Date tabled", "", "2017-09-06"),
        ("insert", "", ""),
    ]
    assert {entry.user for entry in history} == {"test-clerk"}
    assert history[-1].action == "insert" and history[-1].field is None and history[-1].field_label == ""
    assert history[1].field == "pillar_number"
    assert [entry.at for entry in history] == sorted((entry.at for entry in history), reverse=True)
    now = datetime.now(UTC)
    assert all(now - timedelta(minutes=5) < entry.at <= now for entry in history)


def test_a_rolled_back_change_leaves_no_trace(session, question_id):
    before = record_history(session, Question, question_id)
    records.update(session, Question, question_id, {"title": "Never saved"})
    session.rollback()

    after = record_history(session, Question, question_id)
    assert after == before
    assert "Title" not in [entry.field_label for entry in after]


def test_a_person_since_removed_is_shown_by_their_old_id(session, people):
    question_id = records.create(session, Question, {"title": TITLE, "asked_by_id": people["Amina Okafor"]})
    session.commit()
    records.update(session, Question, question_id, {"asked_by_id": people["Lars Berg"]})
    session.commit()
    records.delete(session, Person, people["Amina Okafor"])
    session.commit()

    latest = record_history(session, Question, question_id)[0]
    assert (latest.field_label, latest.old, latest.new) == ("Asked by", f"(deleted #{people['Amina Okafor']})",
                                                           "Lars Berg")


def test_one_query_for_the_entries_and_one_per_table_of_names(database, session, people):
    question_id = records.create(session, Question, {"title": TITLE})
    session.commit()
    for n in range(6):  # many changes naming people and bodies must not mean many queries
        asker = people["Lars Berg"] if n % 2 else people["Amina Okafor"]
        records.update(session, Question, question_id, {"asked_by_id": asker, "answered_by_id": asker})
        session.commit()
    body = directory.body_or_new(session, "Ministry of Justice")
    records.update(session, Question, question_id, {"addressed_to_id": body})
    session.commit()

    selects = []

    def count(_conn, _cursor, statement, *_args):
        if statement.lstrip().upper().startswith("SELECT"):
            selects.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        with database.read_session() as reader:
            history = record_history(reader, Question, question_id)
    finally:
        event.remove(database.engine, "before_cursor_execute", count)

    assert len(history) == 1 + 6 * 2 + 1
    assert history[0].new == "Ministry of Justice"
    assert len(selects) == 3  # the entries, then people, then bodies


def test_a_new_record_that_reuses_an_id_does_not_inherit_history(session):
    first = records.create(session, Body, {"name": "Ministry of Defence"})
    session.commit()
    records.update(session, Body, first, {"abbreviation": "MoD"})
    session.commit()
    records.delete(session, Body, first)
    session.commit()
    second = records.create(session, Body, {"name": "Office of the Ombudsperson", "kind": "ombudsperson"})
    session.commit()

    assert second == first  # SQLite hands out the freed id again
    assert changes(record_history(session, Body, second)) == [("insert", "", "")]


def test_enum_values_read_as_words_and_empty_values_as_blank(session):
    body = records.create(session, Body, {"name": "National Human Rights Commission", "kind": "ministry"})
    session.commit()
    records.update(session, Body, body, {"kind": "nhri", "confidentiality": "restricted", "tags": ""})
    session.commit()
    records.update(session, Body, body, {"tags": "a; b"})
    session.commit()

    assert changes(record_history(session, Body, body))[:3] == [
        ("Tags", "", "a; b"),
        ("Confidentiality", "Public", "Restricted"),  # a new body is public (core.policy)
        ("Kind", "Ministry", "NHRI"),
    ]


def test_a_record_that_does_not_exist_has_no_history(session):
    assert record_history(session, Question, 999) == []


@pytest.mark.parametrize(("field", "label"), [
    ("answer_due", "Answer due"),
    ("asked_by_id", "Asked by"),
    ("addressed_to_id", "Addressed to"),
    ("pillar_number", "Pillar"),
    ("date_tabled", "Date tabled"),
    ("assessment", "Our assessment"),
    ("risk_factors", "Risk factors"),
    ("owner_body_id", "Owner body"),
])
def test_field_labels(field, label):
    assert field_label(field) == label
