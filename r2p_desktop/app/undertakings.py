"""Government undertakings as the Undertakings view, its dialogs, the question form and the debate's
outcome record them: a new one's form from where it was given, saving it with the dates it was left
without, an extension, closing one, and what its dialog shows beside its fields. Each opens its own
session, commits, and returns plain values or the `Changes` it made."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from ..core import kinds
from ..core.database import Database
from ..core.errors import ValidationError
from ..core.models import Body, FollowUpKind, FollowUpStatus, Person, Undertaking
from ..core.services import undertakings
from ..core.services.fields import parse_date
from ..core.values import Values
from . import record_forms, records
from .changes import Changes, Record
from .errors import as_r2p_errors
from .forms import Entry, Field, Form

FORM = record_forms.UNDERTAKING
# What the government asked for when it wanted more time (`extend`).
EXTENSION = Form(kinds.UNDERTAKING.key, (
    Field("new_due_on", "New &due date", Entry.DATE, tooltip="Later than the date now due"),
    Field("reason", "&Reason", Entry.TEXT, placeholder="Why the government asked for more time"),
))


def _names(session: Session, stored: Values) -> Values:
    """Stored values with the person and body as the form shows them: by name."""
    person = session.get(Person, stored["given_by_id"]) if stored.get("given_by_id") else None
    body = session.get(Body, stored["body_id"]) if stored.get("body_id") else None
    return {**stored, "given_by_id": person.full_name if person else "", "body_id": body.name if body else ""}


def source_of(values: Mapping[str, object]) -> dict[str, int]:
    """Where an undertaking (stored values, or a new one's preset) was given, as {column: id}."""
    return {name: int(str(values[name])) for name in undertakings.SOURCES if values.get(name)}


def new_for(database: Database, source: Mapping[str, object], today: date | None = None) -> records.Loaded:
    """A new undertaking's form for one given in `source` ({"question_id": …}, {"debate_id": …},
    {"agenda_item_id": …} or {}): undertakings.draft, the person and body by name."""
    today = today or date.today()

    def query(session: Session) -> Values:
        return _names(session, undertakings.draft(session, dict(source), today))

    return records.new(database, FORM, records.read(database, query))


def save(database: Database, record_id: int | None, shown: Mapping[str, object], *,
         expected_version: int | None = None, preset: Mapping[str, object] | None = None,
         link: Iterable[Record] = (), unlink: Iterable[Record] = (), today: date | None = None) -> Changes:
    """Save what the undertaking form shows (`app.records.save`); a new undertaking left without dates is
    given on its source's date (or today) and due the committee's months after that."""
    if record_id is None:
        today = today or date.today()
        given = {"given_on": shown.get("given_on"), "due_on": shown.get("due_on"), **source_of(preset or {})}
        filled = records.read(database, lambda session: undertakings.with_default_dates(session, given, today))
        shown = {**shown, **{name: _text(filled[name]) for name in ("given_on", "due_on") if name in filled}}
    return records.save(database, FORM, record_id, shown, expected_version=expected_version, preset=preset,
                        link=link, unlink=unlink)


def due_by_default(database: Database, given_on: str) -> str:
    """The date an undertaking given on `given_on` (as the form shows it) is due by the committee's
    default, as the form shows it; '' when `given_on` is not a date."""
    try:
        given = parse_date(given_on)
    except ValueError:
        return ""
    if given is None:
        return ""
    return _text(records.read(database, lambda session: undertakings.due_by_default(session, given)))


def _text(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value or "")


def _date(value: date | str | None, field: str) -> date | None:
    try:
        return parse_date(value)
    except ValueError as error:
        raise ValidationError({field: str(error)}) from error


def extend(database: Database, undertaking_id: int, new_due_on: date | str | None, reason: str, *,
           today: date | None = None, expected_version: int | None = None) -> Changes:
    """Move the undertaking's due date to `new_due_on` at the government's request, keeping the reason
    among its extensions. Raises ValidationError keyed "new_due_on" or "reason", or another R2PError."""
    new_date = _date(new_due_on, "new_due_on")
    with as_r2p_errors(), database.session() as session:
        undertakings.extend(session, undertaking_id, new_date, reason, today or date.today(),
                            expected_version=expected_version)
        session.commit()
    return Changes(updated={Record(kinds.UNDERTAKING.key, undertaking_id)})


@dataclass(frozen=True)
class Details:
    """What the undertaking's dialog shows beside its fields."""

    where: str  # where it was given, in full; '' when nowhere recorded
    extensions: list[Values]  # oldest first
    follow_ups: list[Values]  # the follow-ups opened on it


def details(database: Database, source: Mapping[str, object], undertaking_id: int | None) -> Details:
    """Where an undertaking (its stored values or a new one's preset) was given, and for a saved one its
    extensions and follow-ups."""

    def query(session: Session) -> Details:
        where = undertakings.source_label(session, source_of(source), full=True)
        if undertaking_id is None:
            return Details(where, [], [])
        return Details(where, undertakings.extensions(session, undertaking_id),
                       undertakings.follow_ups(session, undertaking_id))

    return records.read(database, query)


def follow_up_start(database: Database, undertaking_id: int) -> dict[str, object]:
    """A follow-up's form values for chasing the undertaking: the government's undertaking, owned by the
    body bound by it, due when it is due (as the follow-up form shows them)."""

    def query(session: Session) -> dict[str, object]:
        undertaking = session.get(Undertaking, undertaking_id)
        if undertaking is None:
            return {}
        return record_forms.FOLLOW_UP.shown({
            "kind": FollowUpKind.GOVERNMENT_UNDERTAKING.value, "status": FollowUpStatus.OPEN.value,
            "description": f"Chase the undertaking to {undertakings.short_text(undertaking.text)}",
            "owner_body_id": undertaking.body.name if undertaking.body else "", "due_date": undertaking.due_on})

    return records.read(database, query)
