"""`r2p export ical` and the calendar exporter: the file parses back with the icalendar library into
answer deadlines, follow-ups and undertakings as to-dos due on their dates with their records' status,
and debates as all-day events carrying the sitting's length; UIDs stay the same from one export to the
next; the audience decides what goes out; a missing folder is one line and no file."""

from __future__ import annotations

import stat
from datetime import date

import pytest
from icalendar import Calendar

from r2p_desktop.app import calendar as calendar_use_case
from r2p_desktop.core.errors import R2PError
from r2p_desktop.core.models import Body, Debate, FollowUp, Person, Question, Undertaking
from r2p_desktop.core.services import records
from r2p_desktop.exchange.calendar_ics import export_calendar

WORLD_TITLE = 'حماية المدنيين / 保护平民 <b>"Early warning"</b> & co; a, b \\ end'


def parsed(path) -> Calendar:
    return Calendar.from_ical(path.read_bytes())


def entries(calendar: Calendar, name: str) -> dict[str, object]:
    """The calendar's VTODOs or VEVENTs by their summary."""
    return {str(component["summary"]): component for component in calendar.walk(name)}


def question(session, reference: str, **values) -> int:
    return records.create(session, Question, {"reference": reference, "title": f"Question {reference}",
                                              "date_tabled": date(2026, 3, 2), "confidentiality": "public",
                                              **values})


@pytest.fixture
def committee_records(database):
    """One record of each dated kind and status, public unless marked; returns their uids by name."""
    with database.session() as s:
        ministry = Body(name="Ministry of Justice", confidentiality="public")
        minister = Person(full_name="Tomas Varga-Lind", confidentiality="public")
        s.add_all([ministry, minister])
        s.flush()
        ids = {
            "tabled": question(s, "WQ-1", status="tabled", answer_due=date(2026, 3, 16), addressed_to_id=ministry.id),
            "named": question(s, "WQ-2", status="tabled", answer_due=date(2026, 3, 20), named_day=True),
            "holding": question(s, "WQ-3", status="holding_answer", answer_due=date(2026, 3, 23),
                                holding_answer_date=date(2026, 3, 20), holding_answer_text="We will reply."),
            "answered": question(s, "WQ-4", status="answered", answer_due=date(2026, 3, 24),
                                 answer_text="Done.", date_answered=date(2026, 3, 10)),
            "withdrawn": question(s, "WQ-5", status="withdrawn", answer_due=date(2026, 3, 25)),
            "committee": question(s, "WQ-6", status="tabled", answer_due=date(2026, 3, 26),
                                  confidentiality="committee"),
            "restricted": question(s, "WQ-7", status="tabled", answer_due=date(2026, 3, 27),
                                   confidentiality="restricted"),
        }
        question(s, "WQ-8", status="tabled")  # no deadline: not in the calendar
        records.create(s, Question, {"reference": "WQ-9", "title": "A draft", "status": "draft",
                                     "answer_due": date(2026, 4, 1), "confidentiality": "public"})
        s.add_all([
            FollowUp(description="Ask the ministry for the atrocity-prevention plan", due_date=date(2026, 4, 2),
                     status="in_progress", owner_body=ministry, question_id=ids["tabled"], confidentiality="public"),
            FollowUp(description="Committee visit", due_date=date(2026, 4, 3), status="done",
                     completed_on=date(2026, 4, 1), confidentiality="committee"),
            Undertaking(text="Lay the International Crimes Bill", given_by=minister, body=ministry,
                        given_on=date(2026, 1, 10), due_on=date(2026, 6, 1), confidentiality="public"),
            Undertaking(text="Publish the focal point's report", given_on=date(2026, 1, 10), due_on=date(2026, 6, 2),
                        status="dropped", outcome="Overtaken by events", confidentiality="public"),
            Debate(title="Budget debate on prevention", date=date(2026, 5, 12), sitting_minutes=150,
                   chamber="National Assembly", confidentiality="public"),
            Debate(title="Closed briefing", date=date(2026, 5, 13), confidentiality="restricted"),
            Debate(title="Undated debate", confidentiality="public"),
        ])
        s.commit()
        return {name: s.get(Question, record_id).uid for name, record_id in ids.items()} | {
            "debate": s.query(Debate).filter_by(title="Budget debate on prevention").one().uid}


def test_answer_deadlines_are_todos_due_on_the_day_with_the_questions_status(database, committee_records, tmp_path):
    out = tmp_path / "calendar.ics"
    with database.read_session() as session:
        result = export_calendar(session, out)
    calendar = parsed(out)
    assert (str(calendar["version"]), str(calendar["prodid"])) == ("2.0", "-//R2P Desktop//Calendar export//EN")
    todos = entries(calendar, "VTODO")
    first = todos["WQ-1: Question WQ-1"]
    assert first.decoded("due") == date(2026, 3, 16) and first["due"].params["VALUE"] == "DATE"
    assert "DUE;VALUE=DATE:20260316" in out.read_text(encoding="utf-8")
    assert "Answer due from Ministry of Justice" in str(first["description"])
    assert {summary: str(todo["status"]) for summary, todo in todos.items() if summary.startswith(("WQ", "Named"))} == {
        "WQ-1: Question WQ-1": "NEEDS-ACTION", "Named day: WQ-2: Question WQ-2": "NEEDS-ACTION",
        "WQ-3: Question WQ-3": "NEEDS-ACTION", "WQ-4: Question WQ-4": "COMPLETED",
        "WQ-5: Question WQ-5": "CANCELLED", "WQ-6: Question WQ-6": "NEEDS-ACTION"}  # no WQ-7, 8 or the draft
    named = todos["Named day: WQ-2: Question WQ-2"]
    assert [str(c) for c in named["categories"].cats] == ["Question", "Named day"]
    assert (result.questions, result.follow_ups, result.undertakings, result.debates) == (6, 2, 2, 1)
    assert result.left_out == 2 and not result.restricted_written  # restricted WQ-7 and the closed briefing


def test_follow_ups_and_undertakings_are_todos_with_their_own_status(database, committee_records, tmp_path):
    out = tmp_path / "calendar.ics"
    with database.read_session() as session:
        export_calendar(session, out)
    todos = entries(parsed(out), "VTODO")
    follow_up = todos["Follow-up: Ask the ministry for the atrocity-prevention plan"]
    assert (follow_up.decoded("due"), str(follow_up["status"])) == (date(2026, 4, 2), "IN-PROCESS")
    assert "From Question WQ-1: Question WQ-1" in str(follow_up["description"])
    assert str(todos["Follow-up: Committee visit"]["status"]) == "COMPLETED"
    crimes_bill = todos["Undertaking: Lay the International Crimes Bill"]
    assert (crimes_bill.decoded("due"), str(crimes_bill["status"])) == (date(2026, 6, 1), "NEEDS-ACTION")
    assert "Given by Tomas Varga-Lind" in str(crimes_bill["description"])
    assert str(todos["Undertaking: Publish the focal point's report"]["status"]) == "CANCELLED"


def test_a_debate_is_an_all_day_event_with_the_sittings_length(database, committee_records, tmp_path):
    out = tmp_path / "calendar.ics"
    with database.read_session() as session:
        export_calendar(session, out)
    events = entries(parsed(out), "VEVENT")
    assert list(events) == ["Budget debate on prevention"]  # not the restricted one, nor the undated one
    debate = events["Budget debate on prevention"]
    assert debate.decoded("dtstart") == date(2026, 5, 12) and debate["dtstart"].params["VALUE"] == "DATE"
    assert debate.decoded("dtend") == date(2026, 5, 13)  # the one day (RFC 5545: DURATION in days only)
    assert str(debate["x-r2p-sitting-minutes"]) == "150"
    assert "Sitting of 150 minutes" in str(debate["description"])


def test_uids_come_from_the_records_and_stay_the_same_from_one_export_to_the_next(database, committee_records,
                                                                                  tmp_path):
    first, second = tmp_path / "first.ics", tmp_path / "second.ics"
    for out in (first, second):
        with database.read_session() as session:
            export_calendar(session, out)
    uids = [[str(c["uid"]) for c in parsed(path).walk() if c.name in ("VTODO", "VEVENT")] for path in (first, second)]
    assert uids[0] == uids[1] and len(set(uids[0])) == len(uids[0]) == 11
    assert f"{committee_records['tabled']}@r2p-desktop" in uids[0]
    assert f"{committee_records['debate']}@r2p-desktop" in uids[0]
    assert first.read_bytes() == second.read_bytes()  # DTSTAMP is when the record changed, not the export


def test_the_public_calendar_leaves_out_committee_and_restricted_records(database, committee_records, tmp_path):
    out = tmp_path / "public.ics"
    with database.read_session() as session:
        result = export_calendar(session, out, audience="public")
    text = out.read_text(encoding="utf-8")
    for hidden in ("WQ-6", "WQ-7", "Committee visit", "Closed briefing", committee_records["restricted"]):
        assert hidden not in text
    assert "WQ-1" in text and result.left_out == 4


def test_everything_goes_out_only_for_all_and_then_the_file_is_private(database, committee_records, tmp_path):
    out = tmp_path / "all.ics"
    with database.read_session() as session:
        result = export_calendar(session, out, audience="all")
    summaries = entries(parsed(out), "VTODO")
    assert "WQ-7: Question WQ-7" in summaries and "Closed briefing" in entries(parsed(out), "VEVENT")
    assert result.left_out == 0 and result.restricted_written
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert str(summaries["WQ-6: Question WQ-6"]["class"]) == "CONFIDENTIAL"  # not public: calendars hide it


def test_a_folder_that_does_not_exist_is_one_line_and_nothing_is_written(database, committee_records, tmp_path):
    out = tmp_path / "no such folder" / "calendar.ics"
    with pytest.raises(R2PError) as refused:
        calendar_use_case.export_calendar(database, out)
    message = str(refused.value)
    assert "\n" not in message and str(out.parent) in message and "no such folder" in message
    assert not out.parent.exists()


def test_a_failed_export_leaves_the_old_file(database, committee_records, tmp_path):
    out = tmp_path / "calendar.ics"
    out.write_text("the old calendar", encoding="utf-8")
    with database.read_session() as session, pytest.raises(R2PError):
        export_calendar(session, out, audience="everyone")
    assert out.read_text(encoding="utf-8") == "the old calendar"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_arabic_chinese_and_markup_survive(database, tmp_path):
    with database.session() as s:
        question(s, "WQ-١٢", title=WORLD_TITLE, status="tabled", answer_due=date(2026, 3, 16))
        s.add(Debate(title=WORLD_TITLE, date=date(2026, 5, 12), motion="Line one\nLine two, with; marks",
                     confidentiality="public"))
        s.commit()
    out = tmp_path / "world.ics"
    with database.read_session() as session:
        export_calendar(session, out)
    calendar = parsed(out)
    assert f"WQ-١٢: {WORLD_TITLE}" in entries(calendar, "VTODO")
    debate = entries(calendar, "VEVENT")[WORLD_TITLE]
    assert "Line one\nLine two, with; marks" in str(debate["description"])
    assert all(len(line) <= 75 for line in out.read_bytes().split(b"\r\n"))  # folded


def test_r2p_export_ical_writes_the_calendar_and_says_what(r2p, committee_records, tmp_path):
    out = tmp_path / "r2p-calendar.ics"
    result = r2p("export", "ical", "--out", str(out), "--audience", "public")
    assert result.code == 0, result.err
    assert result.out.strip() == (f"Exported 9 calendar entries (5 answer deadlines, 1 follow-up, 2 undertakings, "
                                  f"1 debate) to {out}.")
    assert "left out 4 committee and restricted records" in result.err
    assert len(entries(parsed(out), "VTODO")) == 8


def test_r2p_export_ical_into_a_missing_folder_is_one_line(r2p, committee_records, tmp_path):
    out = tmp_path / "missing" / "calendar.ics"
    result = r2p("export", "ical", "--out", str(out))
    assert result.code != 0 and result.out == ""
    assert result.err.count("\n") == 1 and f"{out.parent}: no such folder" in result.err
    assert not out.parent.exists()
