"""The record services as the GUI and the command line use them, on a real SQLite file."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from r2p_desktop.core.errors import R2PError, ValidationError
from r2p_desktop.core.models import AuditEntry, Body, BudgetItem, Debate, FollowUp, Person, Question
from r2p_desktop.core.services import directory, listings, records
from r2p_desktop.core.services.questions import QuestionFilter, question_ids, question_rows

TODAY = date(2026, 6, 15)


def audit_rows(session):
    return session.execute(
        select(AuditEntry.action, AuditEntry.table_name, AuditEntry.field, AuditEntry.old_value,
               AuditEntry.new_value, AuditEntry.user).order_by(AuditEntry.id)
    ).all()


def tabled(title, tabled_on, due, **extra):
    return {"title": title, "status": "tabled", "date_tabled": tabled_on, "answer_due": due, **extra}


def test_a_question_is_created_read_back_and_listed(session):
    minister = directory.body_or_new(session, "Ministry of Foreign Affairs")
    member = directory.person_or_new(session, "Amina Haddad")
    qid = records.create(session, Question, tabled(
        "National focal point for R2P", "2026-05-02", "2026-05-30", reference="WQ-1",
        asked_by_id=member, addressed_to_id=minister, commitments=["SG17-45-focal-point"],
        tags="focal point; structures", pillar_number="1"))
    session.commit()
    stored = records.get(session, Question, qid)
    assert stored["title"] == "National focal point for R2P"
    assert stored["date_tabled"] == date(2026, 5, 2)
    assert stored["commitments"] == ["SG17-45-focal-point"]
    assert stored["tags"] == ["focal point", "structures"]
    assert stored["created_by"] == "test-clerk"
    [row] = question_rows(session, question_ids(session, today=TODAY), today=TODAY).values()
    assert (row.reference, row.asked_by, row.addressed_to, row.days_overdue) == \
        ("WQ-1", "Amina Haddad", "Ministry of Foreign Affairs", 16)


@pytest.mark.parametrize(("values", "field", "words"), [
    (tabled("Early warning", "2026-05-02", "2026-04-30"), "answer_due", "before the question was tabled"),
    ({"title": "Arms exports", "status": "answered", "date_tabled": "2026-01-05"}, "answer_text",
     "needs the text of its answer"),
    ({"title": "   "}, "title", "cannot be empty"),
    ({"question_text": "no title"}, "title", "is required"),
    ({"title": "x", "status": "lost"}, "status", "is not one of"),
    ({"title": "x", "date_tabled": "15/06/2026"}, "date_tabled", "YYYY-MM-DD"),
    ({"title": "x", "status": "tabled"}, "date_tabled", "needs the date it was tabled"),
    ({"title": "x", "commitments": ["NO-SUCH-CODE"]}, "commitments", "unknown code"),
    ({"title": "x", "confidentiality": "secret"}, "confidentiality", "is not one of"),
    ({"title": "x", "version": 7}, "version", "not a field that can be set"),
])
def test_invalid_questions_are_refused_naming_the_field(session, values, field, words):
    with pytest.raises(ValidationError) as caught:
        records.create(session, Question, values)
    assert words in caught.value.errors[field]
    session.rollback()
    assert session.scalar(select(func.count(Question.id))) == 0


def test_an_update_is_validated_against_the_stored_values(session):
    qid = records.create(session, Question, tabled("Hate speech", "2026-03-01", "2026-03-20"))
    session.commit()
    with pytest.raises(ValidationError) as caught:
        records.update(session, Question, qid, {"answer_due": "2026-02-01"})
    assert list(caught.value.errors) == ["answer_due"]
    session.rollback()
    assert records.get(session, Question, qid)["answer_due"] == date(2026, 3, 20)


def test_every_change_is_audited_field_by_field_in_the_same_transaction(session):
    qid = records.create(session, Question, tabled("Peacekeeping", "2026-03-01", "2026-03-20"))
    session.commit()
    records.update(session, Question, qid, {"status": "answered", "answer_text": "Two battalions.",
                                            "date_answered": "2026-03-18"})
    session.commit()
    rows = audit_rows(session)
    assert rows[0][:2] == ("insert", "questions") and '"Peacekeeping"' in rows[0][4]
    assert ("update", "questions", "status", "tabled", "answered", "test-clerk") in rows
    assert ("update", "questions", "answer_text", "", "Two battalions.", "test-clerk") in rows
    assert ("update", "questions", "date_answered", None, "2026-03-18", "test-clerk") in rows
    records.delete(session, Question, qid)
    session.commit()
    assert audit_rows(session)[-1][:2] == ("delete", "questions")


def test_a_rolled_back_change_leaves_no_audit_entry(session):
    records.create(session, Body, {"name": "Ombudsperson", "kind": "ombudsperson"})
    session.rollback()
    assert audit_rows(session) == []
    assert session.scalar(select(func.count(Body.id))) == 0


def test_saving_over_someone_elses_change_is_refused(database):
    with database.session() as first:
        qid = records.create(first, Question, {"title": "Draft on early warning"})
        first.commit()
        version = records.get(first, Question, qid)["version"]
    with database.session() as second:
        records.update(second, Question, qid, {"title": "Early warning systems"})
        second.commit()
    with database.session() as first, pytest.raises(R2PError, match="changed by test-clerk"):
        records.update(first, Question, qid, {"title": "Mine"}, expected_version=version)


def test_a_member_who_asked_questions_cannot_be_deleted(session):
    member = directory.person_or_new(session, "Li Wei")
    records.create(session, Question, {"title": "Atrocity risk assessment", "asked_by_id": member})
    session.commit()
    with pytest.raises(R2PError, match="still referred to"):
        records.delete(session, Person, member)
    session.rollback()
    assert records.get(session, Person, member)["full_name"] == "Li Wei"


def test_two_bodies_cannot_share_a_name(session):
    records.create(session, Body, {"name": "Ministry of Justice"})
    with pytest.raises(R2PError, match="already has this name"):
        records.create(session, Body, {"name": "Ministry of Justice"})


def test_other_records_validate_their_own_rules(session):
    with pytest.raises(ValidationError) as caught:
        records.create(session, BudgetItem, {"fiscal_year": 2026, "programme": "Early warning unit",
                                             "currency": "euros", "amount_allocated": -5})
    assert set(caught.value.errors) == {"currency", "amount_allocated"}
    session.rollback()
    with pytest.raises(ValidationError, match="completion date"):
        records.create(session, FollowUp, {"description": "Publish the review", "status": "done"})
    session.rollback()
    item = records.create(session, BudgetItem, {"fiscal_year": "2026", "programme": "Early warning unit",
                                                "currency": "eur", "amount_allocated": "1,250,000"})
    debate = records.create(session, Debate, {"title": "Annual R2P debate", "status": "planned"})
    session.commit()
    assert records.get(session, BudgetItem, item)["currency"] == "EUR"
    assert records.get(session, BudgetItem, item)["amount_allocated"] == 1_250_000
    assert listings.debates(session)[0]["id"] == debate


@pytest.fixture
def known_questions(session):
    """Six questions whose overdue state on TODAY is known by construction."""
    justice = directory.body_or_new(session, "Ministry of Justice")
    defence = directory.body_or_new(session, "Ministry of Defence")
    past, soon = TODAY - timedelta(days=10), TODAY + timedelta(days=3)
    made = {
        "overdue-tabled": tabled("A overdue", "2026-05-01", past, addressed_to_id=justice),
        "overdue-holding": {**tabled("B holding", "2026-05-01", TODAY - timedelta(days=1)),
                            "status": "holding_answer", "addressed_to_id": defence},
        "due-soon": tabled("C due soon", "2026-06-01", soon, addressed_to_id=justice),
        "answered-late": {**tabled("D answered", "2026-05-01", past), "status": "answered",
                          "answer_text": "Yes.", "date_answered": TODAY},
        "withdrawn": {**tabled("E withdrawn", "2026-05-01", past), "status": "withdrawn"},
        "draft": {"title": "F draft genocide convention"},
    }
    ids = {key: records.create(session, Question, values) for key, values in made.items()}
    session.commit()
    return ids


def test_overdue_means_awaiting_an_answer_past_its_due_date(session, known_questions):
    overdue = question_ids(session, QuestionFilter(status="overdue"), today=TODAY)
    assert set(overdue) == {known_questions["overdue-tabled"], known_questions["overdue-holding"]}
    rows = question_rows(session, list(known_questions.values()), today=TODAY)
    assert rows[known_questions["overdue-tabled"]].days_overdue == 10
    assert rows[known_questions["overdue-holding"]].days_overdue == 1
    assert rows[known_questions["answered-late"]].days_overdue is None


def test_questions_filter_and_sort_in_sql(session, known_questions):
    by_title = question_ids(session, sort="title", descending=False, today=TODAY)
    assert [question_rows(session, [i], today=TODAY)[i].title[0] for i in by_title] == list("ABCDEF")
    most_overdue_first = question_ids(session, sort="days_overdue", descending=True, today=TODAY)
    assert most_overdue_first[:2] == [known_questions["overdue-tabled"], known_questions["overdue-holding"]]
    least_overdue_first = question_ids(session, sort="days_overdue", descending=False, today=TODAY)
    assert least_overdue_first[-2:] == [known_questions["overdue-holding"], known_questions["overdue-tabled"]]
    justice = directory.find_body(session, "Ministry of Justice")
    assert set(question_ids(session, QuestionFilter(addressed_to_id=justice), today=TODAY)) == \
        {known_questions["overdue-tabled"], known_questions["due-soon"]}
    assert question_ids(session, QuestionFilter(text="genocide"), today=TODAY) == [known_questions["draft"]]


def test_commitment_assessment_and_treaty_status_are_upserted_by_code(session):
    first = directory.assess_commitment(session, "SG17-45-focal-point", "in_progress", "Office created in 2025")
    again = directory.assess_commitment(session, "SG17-45-focal-point", "achieved", "Focal point named")
    directory.set_treaty_status(session, "arms-trade-treaty", "ratified", date(2014, 4, 2))
    session.commit()
    assert first == again
    [row] = [c for c in listings.commitments_with_assessment(session) if c["code"] == "SG17-45-focal-point"]
    assert (row["assessment"], row["evidence"]) == ("achieved", "Focal point named")
    [treaty] = [i for i in listings.instruments_with_status(session) if i["code"] == "arms-trade-treaty"]
    assert (treaty["status"], treaty["status_date"]) == ("ratified", date(2014, 4, 2))
    with pytest.raises(R2PError, match="no catalogue entry"):
        directory.set_treaty_status(session, "no-such-treaty", "signed")


def test_a_question_moves_through_its_workflow_and_keeps_its_dates(session):
    qid = records.create(session, Question, {"title": "Early warning unit"})
    records.update(session, Question, qid, {"status": "tabled", "date_tabled": date.today()})
    records.update(session, Question, qid, {"status": "holding_answer"})
    held_on = records.get(session, Question, qid)["holding_answer_date"]
    assert held_on == date.today()
    records.update(session, Question, qid, {"status": "answered", "answer_text": "The unit opens in May."})
    records.update(session, Question, qid, {"status": "closed", "assessment": "satisfactory"})
    session.commit()
    stored = records.get(session, Question, qid)
    assert (stored["status"], stored["holding_answer_date"], stored["date_answered"]) == \
        ("closed", held_on, date.today())


@pytest.mark.parametrize(("start", "target", "reason"), [
    ("draft", "answered", "must be tabled before it can be answered"),
    ("tabled", "closed", "record the answer before closing"),
    ("tabled", "draft", "cannot go back to draft"),
    ("withdrawn", "tabled", "finished; its status cannot change"),
])
def test_an_impossible_status_change_is_refused_with_the_reason(session, start, target, reason):
    values = {"title": "Refused step", "status": start}
    if start != "draft":
        values["date_tabled"] = "2026-01-05"
    qid = records.create(session, Question, values)
    session.commit()
    with pytest.raises(ValidationError) as caught:
        records.update(session, Question, qid, {"status": target, "date_tabled": "2026-01-05",
                                                "answer_text": "An answer"})
    assert reason in caught.value.errors["status"]
    session.rollback()
    assert records.get(session, Question, qid)["status"] == start


def test_next_statuses_follow_the_workflow():
    from r2p_desktop.core.services.question_workflow import next_statuses

    assert next_statuses("draft") == ["tabled"]
    assert next_statuses("tabled") == ["holding_answer", "answered", "withdrawn"]
    assert next_statuses("closed") == []


@pytest.mark.parametrize("flt", [
    QuestionFilter(),
    QuestionFilter(status="overdue"),
    QuestionFilter(status="awaiting", due_from=date(2026, 6, 1), due_to=date(2026, 6, 30)),
    QuestionFilter(text="o'clock 50% under_score"),
    QuestionFilter(tabled_from=date(2026, 5, 1), commitment_code="SG17-45-focal-point"),
])
@pytest.mark.parametrize("sort", ["reference", "asked_by", "addressed_to", "days_overdue", "answer_due"])
def test_ids_read_through_the_driver_match_sqlalchemys_own_reading(session, known_questions, flt, sort):
    from r2p_desktop.core.services.questions import fetch_ids, question_ids_query

    query = question_ids_query(flt, sort, True, TODAY)
    assert fetch_ids(session, query) == list(session.scalars(query))


def test_percent_and_underscore_in_the_search_text_are_plain_characters(session):
    exact = records.create(session, Question, {"title": "Cut of 50% to the early_warning unit"})
    records.create(session, Question, {"title": "Cut of 500 to the early warning unit"})
    session.commit()
    assert question_ids(session, QuestionFilter(text="50%"), today=TODAY) == [exact]
    assert question_ids(session, QuestionFilter(text="early_warning"), today=TODAY) == [exact]
