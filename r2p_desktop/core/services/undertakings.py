"""Government undertakings, as an assurances committee keeps them: recorded from an answer, a debate or
an agenda item (or on their own), due a number of months after they were given unless the clerk sets a
date (the committee's policy), extended at the government's request with a reason, and closed as
implemented, partly implemented or dropped.

*Overdue* is derived, never stored: still pending and past the date now due."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session, selectinload

from .. import policy
from ..errors import NotFoundError, R2PError
from ..models import AgendaItem, Body, Debate, FollowUp, Question, Undertaking, UndertakingStatus
from ..values import Values
from . import records
from .fields import parse_date, raise_if
from .listings import OPEN_FOLLOW_UP

# Filter statuses beyond the stored ones.
OVERDUE = "overdue"
DUE_SOON = "due_soon"
DUE_SOON_DAYS = 14  # "due soon": within two weeks, for undertakings and follow-ups alike (the dashboard's)
SOURCES = ("question_id", "debate_id", "agenda_item_id")  # where an undertaking can have been given


@dataclass(frozen=True)
class UndertakingFilter:
    status: str | None = None  # an UndertakingStatus value, OVERDUE or DUE_SOON; None for any
    body_id: int | None = None
    text: str = ""  # words of what was promised, its outcome or notes


# --- dates --------------------------------------------------------------------------------------

def add_months(day: date, months: int) -> date:
    """`day` so many calendar months later, kept within the month: 30 November + 3 months = 28 (or 29)
    February."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def due_by_default(session: Session, given_on: date) -> date:
    """When an undertaking given on `given_on` is due unless the clerk sets a date (the policy's months)."""
    return add_months(given_on, policy.undertaking_due_months(session))


def is_overdue(status: str, due_on: date | None, today: date) -> bool:
    return status == UndertakingStatus.PENDING and due_on is not None and due_on < today


def is_due_soon(status: str, due_on: date | None, today: date) -> bool:
    """Still pending and due between today and DUE_SOON_DAYS from now (as `due_soon_condition`)."""
    return (status == UndertakingStatus.PENDING and due_on is not None
            and today <= due_on <= today + timedelta(days=DUE_SOON_DAYS))


def overdue_condition(today: date) -> ColumnElement[bool]:
    return and_(Undertaking.status == UndertakingStatus.PENDING.value, Undertaking.due_on < today)


def due_soon_condition(today: date) -> ColumnElement[bool]:
    return and_(Undertaking.status == UndertakingStatus.PENDING.value,
                Undertaking.due_on.between(today, today + timedelta(days=DUE_SOON_DAYS)))


# --- where it was given ---------------------------------------------------------------------------

def source_date(session: Session, source: Values) -> date | None:
    """The date of the answer, debate or agenda item's debate an undertaking was given in; None when it
    has none (or the undertaking was given elsewhere)."""
    if source.get("question_id"):
        question = session.get(Question, source["question_id"])
        return question.date_answered if question else None
    if source.get("debate_id"):
        debate = session.get(Debate, source["debate_id"])
        return debate.date if debate else None
    if source.get("agenda_item_id"):
        item = session.get(AgendaItem, source["agenda_item_id"])
        return item.debate.date if item and item.debate else None
    return None


def _question_name(question: Question) -> str:
    return question.reference or f"question #{question.id}"


def source_label(session: Session, source: Values, *, full: bool = False) -> str:
    """Where an undertaking was given: 'Answer to WQ 2026/14', 'Debate: …', 'Agenda item: …'; with
    `full`, the question's title or the agenda item's debate too. '' when not in any of them."""
    question = session.get(Question, source["question_id"]) if source.get("question_id") else None
    debate = session.get(Debate, source["debate_id"]) if source.get("debate_id") else None
    item = session.get(AgendaItem, source["agenda_item_id"]) if source.get("agenda_item_id") else None
    return _label(question, debate, item, full)


def source_label_of(undertaking: Undertaking, *, full: bool = False) -> str:
    """`source_label` of a loaded undertaking, read through its relationships (no query when they are
    loaded); a source the session may not see is not named."""
    return _label(undertaking.question, undertaking.debate, undertaking.agenda_item, full)


def _label(question: Question | None, debate: Debate | None, item: AgendaItem | None, full: bool) -> str:
    if question is not None:
        return f"Answer to {_question_name(question)}" + (f": {question.title}" if full else "")
    if debate is not None:
        return f"Debate: {debate.title}"
    if item is not None:
        return f"Agenda item: {item.title}" + (f" ({item.debate.title})" if full and item.debate else "")
    return ""


def short_text(text: str, width: int = 60) -> str:
    """What was promised on one line, cut to `width` characters with an ellipsis."""
    text = " ".join(text.split())
    return text[:width - 1].rstrip() + "…" if len(text) > width else text


def undertaking_label(undertaking: Undertaking, width: int = 60) -> str:
    """'Undertaking: Publish the national action plan…', for the follow-ups arising from it."""
    return f"Undertaking: {short_text(undertaking.text, width)}"


# --- recording ------------------------------------------------------------------------------------

def draft(session: Session, source: Values, today: date) -> Values:
    """A new undertaking's stored values for one given in `source` ({"question_id": …}, {"debate_id": …},
    {"agenda_item_id": …} or {}): given by whoever answered, binding the body the question was put to,
    given on the answer's or debate's date (today when it has none) and due the policy's months later."""
    values: Values = {name: source[name] for name in SOURCES if source.get(name)}
    if source.get("question_id"):
        question = session.get(Question, source["question_id"])
        if question is None:
            raise NotFoundError(f"there is no question with id {source['question_id']}")
        values.update(given_by_id=question.answered_by_id, body_id=question.addressed_to_id,
                      text="Undertook to ")  # the answer itself is named where it was given
    given_on = source_date(session, source) or today
    return {**values, "given_on": given_on, "due_on": due_by_default(session, given_on),
            "status": UndertakingStatus.PENDING.value}


def with_default_dates(session: Session, values: Values, today: date) -> Values:
    """`values` of a new undertaking with the dates it was left without: given on its source's date (or
    today), due the policy's months after that. A date that cannot be read is left for the rules."""
    given_on, due_on = values.get("given_on"), values.get("due_on")
    filled = dict(values)
    if not given_on:
        given_on = filled["given_on"] = source_date(session, values) or today
    if not due_on:
        try:
            given = parse_date(given_on)
        except ValueError:
            return filled
        if given is not None:
            filled["due_on"] = due_by_default(session, given)
    return filled


def record_undertaking(session: Session, values: Values, today: date) -> int:
    """Add an undertaking from plain `values`, the dates it lacks filled in (`with_default_dates`);
    return its id. The caller commits."""
    return records.create(session, Undertaking, with_default_dates(session, values, today))


def _load(session: Session, undertaking_id: int) -> Undertaking:
    undertaking = session.get(Undertaking, undertaking_id)
    if undertaking is None:
        raise NotFoundError(f"there is no undertaking with id {undertaking_id}")
    return undertaking


def extend(session: Session, undertaking_id: int, new_due_on: date | None, reason: str, today: date, *,
           expected_version: int | None = None) -> None:
    """Grant the government's request for more time: `new_due_on` (later than the date now due) with its
    reason is appended to the extensions and becomes the date due, in one write. Raises ValidationError
    keyed "new_due_on" or "reason". The caller commits."""
    undertaking = _load(session, undertaking_id)
    errors: dict[str, str] = {}
    if undertaking.status != UndertakingStatus.PENDING:
        errors[""] = "only a pending undertaking can be extended"
    if new_due_on is None:
        errors["new_due_on"] = "the new due date is required"
    elif undertaking.due_on is not None and new_due_on <= undertaking.due_on:
        errors["new_due_on"] = f"must be later than the date now due, {undertaking.due_on.isoformat()}"
    if not reason.strip():
        errors["reason"] = "the reason for the extension cannot be empty"
    raise_if(errors)
    assert new_due_on is not None
    extension = {"requested_on": today.isoformat(),
                 "previous_due_on": undertaking.due_on.isoformat() if undertaking.due_on else "",
                 "new_due_on": new_due_on.isoformat(), "reason": " ".join(reason.split())}
    # Set before the update, which flushes: the list and the new date are one change, one version.
    undertaking.extensions = [*(undertaking.extensions or []), extension]
    records.update(session, Undertaking, undertaking_id, {"due_on": new_due_on}, expected_version=expected_version)


# --- listing --------------------------------------------------------------------------------------

def list_undertakings(session: Session, flt: UndertakingFilter | None = None,
                      today: date | None = None) -> list[Values]:
    """The undertakings matching `flt`, soonest due first and undated last, each with who gave it,
    where, its number of extensions, its outcome and whether it is overdue or due soon."""
    flt = flt or UndertakingFilter()
    today = today or date.today()
    query = (select(Undertaking)
             .options(selectinload(Undertaking.given_by), selectinload(Undertaking.body),
                      selectinload(Undertaking.question), selectinload(Undertaking.debate),
                      selectinload(Undertaking.agenda_item).selectinload(AgendaItem.debate))
             .order_by(Undertaking.due_on.is_(None), Undertaking.due_on, Undertaking.id))
    if flt.status == OVERDUE:
        query = query.where(overdue_condition(today))
    elif flt.status == DUE_SOON:
        query = query.where(due_soon_condition(today))
    elif flt.status:
        query = query.where(Undertaking.status == flt.status)
    if flt.body_id is not None:
        query = query.where(Undertaking.body_id == flt.body_id)
    for word in flt.text.split():
        pattern = f"%{word}%"
        query = query.where(or_(Undertaking.text.ilike(pattern), Undertaking.outcome.ilike(pattern),
                                Undertaking.notes.ilike(pattern)))
    return [_row(undertaking, today) for undertaking in session.scalars(query)]


def _row(u: Undertaking, today: date) -> Values:
    overdue = is_overdue(u.status, u.due_on, today)
    return {
        "id": u.id, "text": " ".join(u.text.split()), "given_by": u.given_by.full_name if u.given_by else "",
        "body": u.body.name if u.body else "", "body_id": u.body_id,
        "given_by_label": " – ".join(part for part in (u.given_by.full_name if u.given_by else "",
                                                        u.body.name if u.body else "") if part),
        "where": source_label_of(u), "where_in_full": source_label_of(u, full=True), "given_on": u.given_on,
        "due_on": u.due_on, "extensions": len(u.extensions or []), "status": u.status, "overdue": overdue,
        "due_soon": is_due_soon(u.status, u.due_on, today), "outcome": u.outcome, "completed_on": u.completed_on,
        # The status column: Overdue in place of Pending once past the date due.
        "standing": OVERDUE if overdue else u.status, "confidentiality": u.confidentiality,
    }


def bodies(session: Session) -> list[Values]:
    """The bodies bound by at least one undertaking, by name, for the body filter."""
    query = select(Body.id, Body.name).where(Body.id.in_(select(Undertaking.body_id))).order_by(Body.name)
    return [{"id": body_id, "name": name} for body_id, name in session.execute(query)]


def extensions(session: Session, undertaking_id: int) -> list[Values]:
    """The undertaking's extensions, oldest first, each with its dates as dates."""
    found = []
    for extension in _load(session, undertaking_id).extensions or []:
        try:
            found.append({"requested_on": parse_date(extension.get("requested_on")),
                          "previous_due_on": parse_date(extension.get("previous_due_on")),
                          "new_due_on": parse_date(extension.get("new_due_on")),
                          "reason": str(extension.get("reason") or "")})
        except (ValueError, AttributeError) as error:  # another program's entry: shown, not hidden
            raise R2PError(f"an extension of undertaking {undertaking_id} cannot be read: {error}") from error
    return found


def follow_ups(session: Session, undertaking_id: int, today: date | None = None) -> list[Values]:
    """The follow-ups the committee opened on the undertaking, soonest due first."""
    today = today or date.today()
    query = (select(FollowUp).where(FollowUp.undertaking_id == undertaking_id)
             .order_by(FollowUp.due_date.is_(None), FollowUp.due_date, FollowUp.id))
    return [{"id": f.id, "description": f.description, "due_date": f.due_date, "status": f.status,
             "overdue": f.status in OPEN_FOLLOW_UP and f.due_date is not None and f.due_date < today}
            for f in session.scalars(query)]


def record_for_follow_up(session: Session, follow_up_id: int, today: date) -> int:
    """Record as an undertaking what a debate's follow-up chases (`agenda.record_outcome` makes one per
    undertaking the government gave): given in the debate or agenda item on the debate's date, binding its
    owner, due when the follow-up is (or the policy's months later). The follow-up then arises from the
    undertaking and is due with it. Returns the undertaking's id; the caller commits."""
    follow_up = session.get(FollowUp, follow_up_id)
    if follow_up is None:
        raise NotFoundError(f"there is no follow-up with id {follow_up_id}")
    source = ({"agenda_item_id": follow_up.agenda_item_id} if follow_up.agenda_item_id
              else {"debate_id": follow_up.debate_id} if follow_up.debate_id else {})
    undertaking_id = record_undertaking(session, {
        **source, "text": follow_up.description, "body_id": follow_up.owner_body_id, "due_on": follow_up.due_date,
        "confidentiality": follow_up.confidentiality}, today)
    records.update(session, FollowUp, follow_up_id, {
        "debate_id": None, "agenda_item_id": None, "undertaking_id": undertaking_id,
        "due_date": _load(session, undertaking_id).due_on})
    return undertaking_id
