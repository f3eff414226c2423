"""Deadlines and sittings as an iCalendar file (RFC 5545, written by the `icalendar` library) for Outlook
and other calendars: answers due (named days marked), follow-ups and undertakings due, as to-dos with
the record's status, and debates as all-day events. Only what the audience may read goes out.

Each entry's UID is its record's uid, so importing a newer export updates the entries instead of adding
them again; DTSTAMP is when the record last changed (what RFC 5545 asks of a file without a METHOD), so
the same records give the same file."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from icalendar import Calendar, Component, Event, Todo
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..core.audience import ALLOWED, seen_by
from ..core.errors import R2PError
from ..core.models import (
    Confidentiality,
    Debate,
    FollowUp,
    FollowUpStatus,
    Question,
    QuestionStatus,
    Undertaking,
    UndertakingStatus,
)
from ..core.models.base import RecordMixin
from ..core.safe_file import replaced_on_success
from ..core.services import follow_ups, undertakings

PRODID = "-//R2P Desktop//Calendar export//EN"
UID_DOMAIN = "r2p-desktop"
AUDIENCES = tuple(ALLOWED)  # public, committee, all: as the questions' export
SUMMARY_WORDS = 80  # characters of a follow-up's or undertaking's text in its entry's title

# A to-do's STATUS (RFC 5545 3.8.1.11) from each record's own. Drafts are not in the calendar: nothing is
# due until a question is tabled. A holding answer still owes the real one.
QUESTION_STATUS = {
    QuestionStatus.TABLED: "NEEDS-ACTION", QuestionStatus.HOLDING_ANSWER: "NEEDS-ACTION",
    QuestionStatus.ANSWERED: "COMPLETED", QuestionStatus.CLOSED: "COMPLETED", QuestionStatus.WITHDRAWN: "CANCELLED",
}
FOLLOW_UP_STATUS = {
    FollowUpStatus.OPEN: "NEEDS-ACTION", FollowUpStatus.IN_PROGRESS: "IN-PROCESS",
    FollowUpStatus.DONE: "COMPLETED", FollowUpStatus.DROPPED: "CANCELLED",
}
UNDERTAKING_STATUS = {
    UndertakingStatus.PENDING: "NEEDS-ACTION", UndertakingStatus.IMPLEMENTED: "COMPLETED",
    UndertakingStatus.PARTLY_IMPLEMENTED: "COMPLETED", UndertakingStatus.DROPPED: "CANCELLED",
}


@dataclass(frozen=True)
class CalendarExport:
    """What an export wrote, by kind, and what its audience left out."""

    questions: int
    follow_ups: int
    undertakings: int
    debates: int
    left_out: int  # dated records the audience may not read
    restricted_written: bool  # the file holds a restricted record or names a restricted person or body

    @property
    def written(self) -> int:
        return self.questions + self.follow_ups + self.undertakings + self.debates


def uid_of(record: RecordMixin) -> str:
    return f"{record.uid}@{UID_DOMAIN}"


def summary_line(result: CalendarExport, out: Path) -> str:
    """One line for the command line and the window: how many entries of each kind went where."""
    parts = [_count(n, noun) for n, noun in ((result.questions, "answer deadline"),
                                              (result.follow_ups, "follow-up"),
                                              (result.undertakings, "undertaking"),
                                              (result.debates, "debate")) if n]
    return f"Exported {_count(result.written, 'calendar entry', 'calendar entries')}" + \
        (f" ({', '.join(parts)})" if parts else "") + f" to {out}."


def _count(n: int, noun: str, plural: str | None = None) -> str:
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"


def _stamp(moment: datetime) -> datetime:
    return moment.astimezone(UTC) if moment.tzinfo else moment.replace(tzinfo=UTC)


def _shortened(text: str) -> str:
    line = " ".join(text.split())
    return line if len(line) <= SUMMARY_WORDS else line[:SUMMARY_WORDS - 1].rstrip() + "…"


def _entry(component: Component, record: RecordMixin, summary: str, categories: list[str],
           description: Iterable[str]) -> Component:
    component.add("uid", uid_of(record))
    component.add("dtstamp", _stamp(record.updated_at))
    component.add("created", _stamp(record.created_at))
    component.add("last-modified", _stamp(record.updated_at))
    component.add("sequence", record.version - 1)  # calendars keep the entry with the higher one
    component.add("summary", summary)
    component.add("categories", categories)
    lines = [line for line in description if line]
    if lines:
        component.add("description", "\n".join(lines))
    if record.confidentiality != Confidentiality.PUBLIC:
        component.add("class", "CONFIDENTIAL")
    return component


def _todo(record: RecordMixin, due: date, status: str, summary: str, categories: list[str],
          description: Iterable[str]) -> Component:
    todo = _entry(Todo(), record, summary, categories, description)
    todo.add("due", due)  # a date: VALUE=DATE
    todo.add("status", status)
    return todo


def _questions(session: Session) -> Iterator[tuple[Component, list[object | None]]]:
    query = (select(Question).where(Question.answer_due.is_not(None), Question.status != QuestionStatus.DRAFT)
             .options(selectinload(Question.addressed_to), selectinload(Question.asked_by))
             .order_by(Question.answer_due, Question.id))
    for q in session.scalars(query):
        name = f"{q.reference}: {q.title}" if q.reference else q.title
        summary = f"Named day: {name}" if q.named_day else name
        categories = ["Question", "Named day"] if q.named_day else ["Question"]
        description = [f"Answer due from {q.addressed_to.name}" if q.addressed_to else "",
                       f"Asked by {q.asked_by.full_name}" if q.asked_by else "",
                       f"Status: {q.status.value.replace('_', ' ')}"]
        assert q.answer_due is not None  # the query's condition
        yield (_todo(q, q.answer_due, QUESTION_STATUS[q.status], summary, categories, description),
               [q, q.addressed_to, q.asked_by])


def _follow_ups(session: Session) -> Iterator[tuple[Component, list[object | None]]]:
    query = (select(FollowUp).where(FollowUp.due_date.is_not(None)).options(selectinload(FollowUp.owner_body))
             .order_by(FollowUp.due_date, FollowUp.id))
    for f in session.scalars(query):
        parent = follow_ups.parent_label(session, {column.key: getattr(f, column.key)
                                                   for column in FollowUp.__table__.columns})
        description = [f.description, f"From {parent}" if parent else "",
                       f"Owner: {f.owner_body.name}" if f.owner_body else ""]
        assert f.due_date is not None
        yield (_todo(f, f.due_date, FOLLOW_UP_STATUS[f.status], f"Follow-up: {_shortened(f.description)}",
                     ["Follow-up"], description), [f, f.owner_body, f.question])


def _undertakings(session: Session) -> Iterator[tuple[Component, list[object | None]]]:
    query = (select(Undertaking).where(Undertaking.due_on.is_not(None))
             .options(selectinload(Undertaking.given_by), selectinload(Undertaking.body),
                      selectinload(Undertaking.question), selectinload(Undertaking.debate),
                      selectinload(Undertaking.agenda_item))
             .order_by(Undertaking.due_on, Undertaking.id))
    for u in session.scalars(query):
        source = undertakings.source_label_of(u)
        description = [u.text, f"Given by {u.given_by.full_name}" if u.given_by else "",
                       f"Body: {u.body.name}" if u.body else "", f"Given in {source}" if source else ""]
        assert u.due_on is not None
        yield (_todo(u, u.due_on, UNDERTAKING_STATUS[u.status], f"Undertaking: {_shortened(u.text)}",
                     ["Undertaking"], description), [u, u.given_by, u.body, u.question, u.debate, u.agenda_item])


def _debates(session: Session) -> Iterator[tuple[Component, list[object | None]]]:
    for d in session.scalars(select(Debate).where(Debate.date.is_not(None)).order_by(Debate.date, Debate.id)):
        assert d.date is not None
        minutes = d.sitting_minutes
        description = [d.chamber, f"Sitting of {minutes} minutes" if minutes else "", d.motion]
        event = _entry(Event(), d, d.title, ["Debate"], description)
        # A debate has a day, not a time: an all-day event. RFC 5545 allows an all-day event's
        # DURATION only in days, so the sitting's length is in the description and its own property.
        event.add("dtstart", d.date)
        event.add("dtend", d.date + timedelta(days=1))
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        if minutes:
            event.add("x-r2p-sitting-minutes", str(minutes))
        yield event, [d]


def _dated(session: Session) -> int:
    """How many records would be in the calendar if the audience hid nothing (counted, not loaded)."""
    conditions = ((Question, Question.answer_due.is_not(None) & (Question.status != QuestionStatus.DRAFT)),
                  (FollowUp, FollowUp.due_date.is_not(None)), (Undertaking, Undertaking.due_on.is_not(None)),
                  (Debate, Debate.date.is_not(None)))
    return sum(session.scalar(select(func.count()).select_from(model).where(condition)) or 0
               for model, condition in conditions)


def export_calendar(session: Session, out: Path, *, audience: str = "committee") -> CalendarExport:
    """Write the calendar of what `audience` may read to `out`, beside it and then moved into place, so a
    failure leaves any old file as it was. A file holding anything restricted (audience "all") is readable
    by its owner only. `session` is an unfiltered read session, opened for this export alone."""
    out = Path(out)
    if audience not in AUDIENCES:
        raise R2PError(f"audience must be one of {', '.join(AUDIENCES)} (not {audience!r})")
    if not out.parent.is_dir():
        raise R2PError(f"{out.parent}: no such folder; nothing was exported")
    everything = _dated(session)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "R2P Desktop")
    counts: dict[str, int] = {}
    restricted = False
    with seen_by(session, audience):
        for name, entries in (("questions", _questions), ("follow_ups", _follow_ups),
                              ("undertakings", _undertakings), ("debates", _debates)):
            counts[name] = 0
            for component, named in entries(session):
                calendar.add_component(component)
                counts[name] += 1
                restricted = restricted or any(getattr(record, "confidentiality", None) == Confidentiality.RESTRICTED
                                               for record in named)
    with replaced_on_success(out, shared=not restricted) as partial:
        partial.write_bytes(calendar.to_ical())
    written = sum(counts.values())
    return CalendarExport(counts["questions"], counts["follow_ups"], counts["undertakings"], counts["debates"],
                          left_out=everything - written, restricted_written=restricted)
