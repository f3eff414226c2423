"""Government undertakings without Qt, on the sample parliament: recorded from an answer (due three months
later, the committee's policy), extended with a reason, closed, listed by the view's filters with
*overdue* derived from the date, counted on the dashboard, followed up, and recorded from a debate's
outcome."""

from __future__ import annotations

from datetime import date

import pytest
from answered_question import add_answered_question
from sqlalchemy import select

from r2p_desktop.app import debates, policy, record_forms, removal
from r2p_desktop.app import records as record_use_cases
from r2p_desktop.app import undertakings as use_cases
from r2p_desktop.app.records import read
from r2p_desktop.core import kinds
from r2p_desktop.core.errors import ConflictError, ValidationError
from r2p_desktop.core.models import AuditEntry, Debate, FollowUp, Undertaking
from r2p_desktop.core.services import dashboard, directory, follow_ups, records, undertakings
from r2p_desktop.core.services.undertakings import UndertakingFilter, add_months
from r2p_desktop.sample_data import generate_demo


@pytest.fixture
def demo(database):
    with database.session() as session:
        generate_demo(session, questions=40)
        session.commit()
    return database


@pytest.fixture
def answered(demo) -> int:
    """A question the Minister of Justice answered on 30 November 2025."""
    return add_answered_question(demo)


def stored(database, undertaking_id: int) -> Undertaking:
    with database.read_session() as session:
        undertaking = session.get(Undertaking, undertaking_id)
        session.expunge(undertaking)
        return undertaking


def save(database, undertaking_id: int, *, expected_version: int | None = None, **shown: str) -> None:
    """Save the undertaking's form with `shown` changed, as its dialog does."""
    loaded = record_use_cases.load(database, record_forms.UNDERTAKING, undertaking_id)
    record_use_cases.save(database, record_forms.UNDERTAKING, undertaking_id, {**loaded.shown, **shown},
                          expected_version=expected_version or loaded.version)


def record_from(database, question_id: int, text: str = "table a witness protection bill") -> int:
    start = use_cases.new_for(database, {"question_id": question_id})
    changes = use_cases.save(database, None, {**start.shown, "text": start.shown["text"] + text},
                             preset={"question_id": question_id})
    return next(iter(changes.created_ids(kinds.UNDERTAKING.key)))


def test_months_are_added_within_the_month():
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2026, 10, 15), 3) == date(2027, 1, 15)


def test_an_undertaking_from_an_answer_is_given_by_the_minister_and_due_three_months_later(demo, answered):
    start = use_cases.new_for(demo, {"question_id": answered})
    assert start.shown["given_by_id"] == "Dario Velasquez"
    assert start.shown["body_id"] == "Ministry of Justice"
    assert start.shown["given_on"] == "2025-11-30"
    assert start.shown["due_on"] == "2026-02-28"  # 30 November + 3 months, kept in February
    assert start.shown["text"] == "Undertook to "

    undertaking = stored(demo, record_from(demo, answered))
    assert undertaking.text == "Undertook to table a witness protection bill"
    assert (undertaking.question_id, undertaking.given_on, undertaking.due_on) == (answered, date(2025, 11, 30),
                                                                                 date(2026, 2, 28))
    assert undertaking.status == "pending" and undertaking.extensions == []
    where = use_cases.details(demo, {"question_id": answered}, undertaking.id).where
    assert where == "Answer to WQ 2025/901: Witness protection for atrocity trials"


def test_one_left_without_dates_is_given_today_and_due_by_the_policy(demo):
    changes = use_cases.save(demo, None, {"text": "Publish the early warning review", "given_on": "", "due_on": ""})
    undertaking = stored(demo, next(iter(changes.created_ids(kinds.UNDERTAKING.key))))
    assert undertaking.given_on == date.today()
    assert undertaking.due_on == add_months(date.today(), 3)


def test_an_extension_moves_the_due_date_and_keeps_the_reason(demo, answered):
    undertaking_id = record_from(demo, answered)
    version = stored(demo, undertaking_id).version
    use_cases.extend(demo, undertaking_id, "2026-05-31", "The bill awaits the Council of State's opinion",
                     today=date(2026, 2, 20))

    undertaking = stored(demo, undertaking_id)
    assert undertaking.due_on == date(2026, 5, 31)
    assert undertaking.version == version + 1  # one write
    assert undertaking.extensions == [{"requested_on": "2026-02-20", "previous_due_on": "2026-02-28",
                                       "new_due_on": "2026-05-31",
                                       "reason": "The bill awaits the Council of State's opinion"}]
    listed = read(demo, lambda session: undertakings.extensions(session, undertaking_id))
    assert listed[0]["new_due_on"] == date(2026, 5, 31) and listed[0]["previous_due_on"] == date(2026, 2, 28)
    row = read(demo, lambda session: undertakings.list_undertakings(
        session, UndertakingFilter(text="witness protection")))
    assert [(r["id"], r["extensions"], r["due_on"]) for r in row] == [(undertaking_id, 1, date(2026, 5, 31))]


@pytest.mark.parametrize(("new_due_on", "reason", "field", "message"), [
    ("2026-02-28", "More time", "new_due_on", "must be later than the date now due, 2026-02-28"),
    ("2026-01-10", "More time", "new_due_on", "must be later than the date now due, 2026-02-28"),
    ("", "More time", "new_due_on", "the new due date is required"),
    ("2026-05-31", "  ", "reason", "the reason for the extension cannot be empty"),
])
def test_an_extension_needs_a_later_date_and_a_reason(demo, answered, new_due_on, reason, field, message):
    undertaking_id = record_from(demo, answered)
    with pytest.raises(ValidationError) as refused:
        use_cases.extend(demo, undertaking_id, new_due_on, reason)
    assert refused.value.errors[field] == message
    assert stored(demo, undertaking_id).due_on == date(2026, 2, 28)
    assert stored(demo, undertaking_id).extensions == []


def test_a_drop_needs_its_reason_and_a_closed_undertaking_is_not_extended(demo, answered):
    undertaking_id = record_from(demo, answered)
    with pytest.raises(ValidationError) as refused:
        save(demo, undertaking_id, status="dropped", outcome="")
    assert refused.value.errors == {"outcome": "a dropped undertaking needs the reason it was dropped"}
    assert stored(demo, undertaking_id).status == "pending"

    save(demo, undertaking_id, status="dropped", outcome="The government withdrew the bill",
         completed_on="2026-03-02")
    undertaking = stored(demo, undertaking_id)
    assert (undertaking.status, undertaking.outcome, undertaking.completed_on) == (
        "dropped", "The government withdrew the bill", date(2026, 3, 2))
    with pytest.raises(ValidationError) as refused:
        use_cases.extend(demo, undertaking_id, "2026-09-30", "Too late")
    assert refused.value.errors[""] == "only a pending undertaking can be extended"


def test_the_policy_months_move_the_default_and_are_audited(demo, answered):
    assert policy.undertaking_due_months(demo) == 3
    policy.set_undertaking_due_months(demo, 6)
    assert policy.undertaking_due_months(demo) == 6
    assert use_cases.new_for(demo, {"question_id": answered}).shown["due_on"] == "2026-05-30"
    assert stored(demo, record_from(demo, answered)).due_on == date(2026, 5, 30)
    with demo.read_session() as session:
        entry = session.scalars(select(AuditEntry).where(AuditEntry.field == "undertaking_due_months")).one()
    assert (entry.old_value, entry.new_value, entry.user) == ("3", "6", "test-clerk")

    for months in (0, 37, -1):
        with pytest.raises(ValidationError) as refused:
            policy.set_undertaking_due_months(demo, months)
        assert refused.value.errors == {"undertaking_due_months": f"'{months}' is not a number of months from 1 to 36"}
    assert policy.undertaking_due_months(demo) == 6
    assert demo.default_confidentiality == "committee"  # the other setting is untouched


def test_overdue_is_derived_and_counted_on_the_dashboard(demo, answered):
    undertaking_id = record_from(demo, answered)  # due 2026-02-28
    soon = use_cases.save(demo, None, {"text": "Appoint the focal point", "given_on": "2026-01-05",
                                       "due_on": "2026-03-10"})
    soon_id = next(iter(soon.created_ids(kinds.UNDERTAKING.key)))

    def board(today: date) -> dashboard.Dashboard:
        return read(demo, lambda session: dashboard.dashboard(session, today=today))

    def listed(status: str, today: date) -> list[int]:
        rows = read(demo, lambda session: undertakings.list_undertakings(session, UndertakingFilter(status=status),
                                                                         today=today))
        return [row["id"] for row in rows if row["id"] in (undertaking_id, soon_id)]

    before = board(date(2026, 2, 27))
    after = board(date(2026, 3, 1))
    assert after.undertakings_overdue == before.undertakings_overdue + 1
    assert listed(undertakings.OVERDUE, date(2026, 3, 1)) == [undertaking_id]
    assert listed(undertakings.DUE_SOON, date(2026, 3, 1)) == [soon_id]
    assert listed(undertakings.DUE_SOON, date(2026, 2, 27)) == [undertaking_id, soon_id]
    row = read(demo, lambda session: undertakings.list_undertakings(session, today=date(2026, 3, 1)))
    mine = next(r for r in row if r["id"] == undertaking_id)
    assert (mine["overdue"], mine["standing"], mine["status"]) == (True, "overdue", "pending")

    use_cases.extend(demo, undertaking_id, "2026-06-30", "Awaiting the Council of State", today=date(2026, 3, 1))
    assert board(date(2026, 3, 1)).undertakings_overdue == before.undertakings_overdue
    with demo.read_session() as session:  # nothing stored says overdue
        assert session.get(Undertaking, undertaking_id).status == "pending"


def test_follow_ups_opened_on_it_name_it_and_keep_it(demo, answered):
    undertaking_id = record_from(demo, answered)
    with demo.session() as session:
        follow_up_id = records.create(session, FollowUp, {"description": "Ask for the bill's timetable",
                                                          "undertaking_id": undertaking_id,
                                                          "due_date": date(2026, 3, 15)})
        session.commit()
    label = "Undertaking: Undertook to table a witness protection bill"
    with demo.read_session() as session:
        row = next(r for r in follow_ups.list_follow_ups(session) if r["id"] == follow_up_id)
        assert (row["parent_kind"], row["parent_id"], row["parent"]) == ("undertaking", undertaking_id, label)
        assert follow_ups.parent_label(session, {"undertaking_id": undertaking_id}) == label
    listed = use_cases.details(demo, {"question_id": answered}, undertaking_id).follow_ups
    assert [(f["id"], f["description"]) for f in listed] == [(follow_up_id, "Ask for the bill's timetable")]
    start = use_cases.follow_up_start(demo, undertaking_id)
    assert (start["owner_body_id"], start["due_date"], start["kind"]) == ("Ministry of Justice", "2026-02-28",
                                                                          "government_undertaking")
    plan = removal.deletion_plan(demo, kinds.UNDERTAKING.key, undertaking_id)
    assert plan.refusal and "follow-up" in plan.refusal


def test_a_debate_outcome_records_the_undertakings_marked(demo):
    with demo.session() as session:
        debate_id = records.create(session, Debate, {"title": "Debate on the national action plan",
                                                     "date": date(2026, 4, 30)})
        justice = directory.body_or_new(session, "Ministry of Justice")
        session.commit()
    changes = debates.record_outcome(demo, debate_id, "The motion was carried.", [
        {"description": "Publish the national action plan", "owner_body_id": justice, "due_date": "",
         "agenda_item_id": None, "record_undertaking": True},
        {"description": "Brief the committee on the census", "owner_body_id": None, "due_date": "2026-05-15",
         "agenda_item_id": None},
    ])
    (undertaking_id,) = changes.created_ids(kinds.UNDERTAKING.key)
    assert len(changes.created_ids(kinds.FOLLOW_UP.key)) == 2
    undertaking = stored(demo, undertaking_id)
    assert (undertaking.text, undertaking.debate_id, undertaking.body_id) == (
        "Publish the national action plan", debate_id, justice)
    assert (undertaking.given_on, undertaking.due_on) == (date(2026, 4, 30), date(2026, 7, 30))
    with demo.read_session() as session:
        chasing = session.scalars(select(FollowUp).where(FollowUp.undertaking_id == undertaking_id)).one()
        assert (chasing.debate_id, chasing.due_date) == (None, date(2026, 7, 30))
        other = session.scalars(select(FollowUp).where(FollowUp.description.like("Brief%"))).one()
        assert (other.debate_id, other.undertaking_id) == (debate_id, None)


def test_a_stale_save_of_its_outcome_is_refused_and_keeps_the_other_clerks(demo, answered):
    """Two clerks open the same pending undertaking; the first records it implemented, the second's drop
    is refused (closing is saving its status and outcome through its form)."""
    undertaking_id = record_from(demo, answered)
    version = stored(demo, undertaking_id).version
    save(demo, undertaking_id, status="implemented", outcome="The bill was laid", completed_on="2026-03-02",
         expected_version=version)
    with pytest.raises(ConflictError):
        save(demo, undertaking_id, status="dropped", outcome="The government withdrew the bill",
             expected_version=version)
    assert (stored(demo, undertaking_id).status, stored(demo, undertaking_id).outcome) == (
        "implemented", "The bill was laid")
