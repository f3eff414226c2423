"""A debate's agenda: its items in order, their minutes against the sitting, the records each item
discusses, agenda items proposed from the record (what the government still owes the committee), and
the debate's outcome with the undertakings the government gave in it."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased

from .. import audit, kinds
from ..errors import NotFoundError, R2PError, ValidationError
from ..models import (
    AgendaItem,
    Body,
    BudgetItem,
    Commitment,
    CommitmentAssessment,
    Debate,
    DebateStatus,
    Document,
    FollowUp,
    FollowUpKind,
    Question,
)
from ..models.records import AgendaItemLink, Assessment, AssessmentStatus
from ..money import money
from ..values import Values
from . import records
from .listings import OPEN_FOLLOW_UP
from .questions import is_overdue

# The target columns of an agenda item link, each with the model it points to.
LINK_TARGETS = {kind.id_column: kind.model for kind in kinds.AGENDA_LINKS}


def _link_label(session: Session, column: str, target_id: int) -> str:
    record = session.get(LINK_TARGETS[column], target_id)
    if record is None:
        return ""
    if isinstance(record, Question):
        return f"{record.reference or f'Question {record.id}'}: {record.title}"
    if isinstance(record, BudgetItem):
        return f"Budget {record.fiscal_year}: {record.programme}"
    if isinstance(record, FollowUp):
        return f"Follow-up: {record.description}"
    if isinstance(record, Commitment):
        return f"{record.code}: {record.title}"
    assert isinstance(record, Document)  # the last of LINK_TARGETS
    return f"Document: {record.title}"


def _link_target(link: AgendaItemLink) -> tuple[str, int]:
    return next((column, getattr(link, column)) for column in LINK_TARGETS if getattr(link, column) is not None)


def agenda_items(session: Session, debate_id: int) -> list[Values]:
    """The debate's items in order, each with its linked records as (column, id, label)."""
    query = select(AgendaItem).where(AgendaItem.debate_id == debate_id).order_by(AgendaItem.position, AgendaItem.id)
    rows = []
    for item in session.scalars(query):
        links = []
        for link in sorted(item.links, key=lambda lk: lk.id):
            column, target_id = _link_target(link)
            links.append({"column": column, "id": target_id, "label": _link_label(session, column, target_id)})
        rows.append({
            "id": item.id, "position": item.position, "title": item.title, "description": item.description,
            "speakers": item.speakers, "allotted_minutes": item.allotted_minutes,
            "outcome_notes": item.outcome_notes, "links": links,
        })
    return rows


def _require_debate(session: Session, debate_id: int) -> Debate:
    debate = session.get(Debate, debate_id)
    if debate is None:
        raise NotFoundError(f"there is no debate with id {debate_id}")
    return debate


def add_item(session: Session, debate_id: int, values: Values, links: list[Values] | None = None) -> int:
    """Append an item at the end of the debate's agenda; `links` are {column: id} dicts. Caller commits."""
    _require_debate(session, debate_id)
    position = session.scalar(
        select(func.count(AgendaItem.id)).where(AgendaItem.debate_id == debate_id)
    ) or 0
    item_id = records.create(session, AgendaItem, {**values, "debate_id": debate_id, "position": position})
    if links:
        change_links(session, item_id, add=[next(iter(link.items())) for link in links])
    return item_id


def linked_targets(session: Session, item_id: int) -> list[tuple[str, int]]:
    """What the item discusses, as (column, id) in the order the links were made."""
    query = select(AgendaItemLink).where(AgendaItemLink.agenda_item_id == item_id).order_by(AgendaItemLink.id)
    return [_link_target(link) for link in session.scalars(query)]


def change_links(session: Session, item_id: int, *, add: Iterable[tuple[str, int]] = (),
                 remove: Iterable[tuple[str, int]] = ()) -> bool:
    """Link the item to the records in `add` and unlink those in `remove`, each a (column, id) pair
    (column one of LINK_TARGETS); a record already linked, or not linked, is left as it is. The item's
    history gets one "Records discussed" change naming them before and after. Returns whether anything
    changed. Caller commits."""
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFoundError(f"there is no agenda item with id {item_id}")
    links = {_link_target(link): link for link in item.links}
    before = sorted(_link_label(session, *target) for target in links)
    removing = set(remove) & links.keys()
    for target in removing:
        item.links.remove(links.pop(target))
    for column, target_id in dict.fromkeys(add):
        if column not in LINK_TARGETS:
            raise ValidationError({"links": f"an agenda item cannot discuss a {column.removesuffix('_id')}"})
        if (column, target_id) in links:
            continue
        if session.get(LINK_TARGETS[column], target_id) is None:
            raise NotFoundError(f"there is no {column.removesuffix('_id').replace('_', ' ')} with id {target_id}")
        links[column, target_id] = AgendaItemLink(**{column: target_id})
        item.links.append(links[column, target_id])
    after = sorted(_link_label(session, *target) for target in links)
    if before == after:
        return False
    session.flush()  # the item's version moves on with its links (its collection changed)
    # The links are rows of their own, outside the record's columns: the trail names them on the item.
    audit.write_entries(session, [audit.Change("update", AgendaItem.__tablename__, item.id, item.uid,
                                               "records_discussed", "; ".join(before) or None,
                                               "; ".join(after) or None)],
                        session.info.get("user", "unknown"))
    return True


def move_item(session: Session, item_id: int, new_position: int) -> None:
    """Put the item at `new_position` (clamped) and renumber the whole agenda 0..n-1. Caller commits."""
    item = session.get(AgendaItem, item_id)
    if item is None:
        raise NotFoundError(f"there is no agenda item with id {item_id}")
    query = (select(AgendaItem).where(AgendaItem.debate_id == item.debate_id)
             .order_by(AgendaItem.position, AgendaItem.id))
    ordered = [other for other in session.scalars(query) if other.id != item_id]
    ordered.insert(max(0, min(new_position, len(ordered))), item)
    for position, other in enumerate(ordered):
        if other.position != position:
            other.position = position
    session.flush()


def minutes_total(session: Session, debate_id: int) -> tuple[int, int | None]:
    """(minutes allotted to the items, the sitting's length or None when not set)."""
    debate = _require_debate(session, debate_id)
    total = session.scalar(
        select(func.coalesce(func.sum(AgendaItem.allotted_minutes), 0)).where(AgendaItem.debate_id == debate_id)
    )
    return int(total or 0), debate.sitting_minutes


def _already_linked(session: Session, debate_id: int) -> set[tuple[str, int]]:
    query = (select(AgendaItemLink).join(AgendaItem, AgendaItem.id == AgendaItemLink.agenda_item_id)
             .where(AgendaItem.debate_id == debate_id))
    return {_link_target(link) for link in session.scalars(query)}


def _suggestion(kind: str, title: str, description: str, column: str, target_id: int) -> Values:
    return {"kind": kind, "title": title[:300], "description": description, "link": {column: target_id}}


def _question_suggestions(session: Session, today: date) -> list[Values]:
    query = (select(Question)
             .where(or_(is_overdue(today), Question.assessment == Assessment.UNSATISFACTORY.value))
             .order_by(Question.answer_due, Question.id))
    found = []
    for q in session.scalars(query):
        reference = q.reference or f"Question {q.id}"
        if q.assessment == Assessment.UNSATISFACTORY.value:
            found.append(_suggestion("unsatisfactory_answer", f"Unsatisfactory answer: {q.title}",
                                     f"The committee rated the answer to {reference} unsatisfactory.",
                                     "question_id", q.id))
        else:
            assert q.answer_due is not None  # overdue, so due on a date
            days = (today - q.answer_due).days
            found.append(_suggestion("overdue_answer", f"Overdue answer: {q.title}",
                                     f"The answer to {reference} was due on {q.answer_due.isoformat()}, "
                                     f"{days} days ago.", "question_id", q.id))
    return sorted(found, key=lambda s: s["kind"] != "overdue_answer")  # stable: overdue first, by due date


def _undertaking_suggestions(session: Session) -> list[Values]:
    query = (select(FollowUp)
             .where(FollowUp.kind == FollowUpKind.GOVERNMENT_UNDERTAKING.value, FollowUp.status.in_(OPEN_FOLLOW_UP))
             .order_by(FollowUp.due_date.is_(None), FollowUp.due_date, FollowUp.id))
    return [
        _suggestion("open_undertaking", f"Government undertaking: {f.description}",
                    "An undertaking the government gave that is still open"
                    + (f", due {f.due_date.isoformat()}." if f.due_date else "."),
                    "follow_up_id", f.id)
        for f in session.scalars(query)
    ]


def _commitment_suggestions(session: Session) -> list[Values]:
    query = (select(Commitment)
             .outerjoin(CommitmentAssessment, CommitmentAssessment.commitment_id == Commitment.id)
             .where(or_(CommitmentAssessment.id.is_(None),
                        CommitmentAssessment.status == AssessmentStatus.NOT_STARTED.value))
             .order_by(Commitment.code))
    return [
        _suggestion("commitment_not_started", f"Commitment not started: {c.title}",
                    f"{c.code}: no work on this commitment is recorded as started.", "commitment_id", c.id)
        for c in session.scalars(query)
    ]


def _budget_suggestions(session: Session) -> list[Values]:
    previous = aliased(BudgetItem)
    query = (select(BudgetItem, previous.amount_allocated)
             .join(previous, (previous.programme == BudgetItem.programme)
                   & (previous.currency == BudgetItem.currency)
                   & (previous.fiscal_year == BudgetItem.fiscal_year - 1))
             .where(BudgetItem.amount_allocated < previous.amount_allocated)
             .order_by(BudgetItem.fiscal_year.desc(), BudgetItem.programme, BudgetItem.id))
    return [
        _suggestion("budget_fell", f"Budget cut: {b.programme} ({b.fiscal_year})",
                    f"Allocation fell from {money(before, b.currency)} to {money(b.amount_allocated, b.currency)} "
                    f"against {b.fiscal_year - 1}.", "budget_item_id", b.id)
        for b, before in session.execute(query)
    ]


def suggest_agenda(session: Session, debate_id: int, today: date) -> list[Values]:
    """Items the record suggests for this debate, leaving out records its agenda already discusses."""
    _require_debate(session, debate_id)
    linked = _already_linked(session, debate_id)
    found = (_question_suggestions(session, today) + _undertaking_suggestions(session)
             + _commitment_suggestions(session) + _budget_suggestions(session))
    return [s for s in found if next(iter(s["link"].items())) not in linked]


def add_suggestions(session: Session, debate_id: int, suggestions: list[Values]) -> list[int]:
    """Append the chosen suggestions as agenda items linked to their records. Caller commits."""
    return [
        add_item(session, debate_id, {"title": s["title"], "description": s.get("description", "")}, [s["link"]])
        for s in suggestions
    ]


# How a follow-up field is named in a message about one undertaking.
_UNDERTAKING_FIELDS = {"description": "description", "owner_body_id": "owner", "due_date": "due date",
                       "agenda_item_id": "agenda item"}


def _undertaking_problems(session: Session, debate_id: int, undertaking: Values) -> dict[str, str]:
    """What is wrong with one undertaking before it is written, keyed by follow-up field."""
    problems = {}
    owner_id = undertaking.get("owner_body_id")
    if owner_id is not None and session.get(Body, owner_id) is None:
        problems["owner_body_id"] = f"there is no body with id {owner_id}"
    item_id = undertaking.get("agenda_item_id")
    if item_id is not None:
        item = session.get(AgendaItem, item_id)
        if item is None or item.debate_id != debate_id:
            problems["agenda_item_id"] = "is not an item on this debate's agenda"
    return problems


def record_outcome(session: Session, debate_id: int, outcome: str, undertakings: list[Values]) -> list[int]:
    """Mark the debate held with its outcome and make each undertaking given in it a government-undertaking
    follow-up (description, owner_body_id, due_date, optional agenda_item_id; else under the debate).

    All or nothing: a wrong undertaking raises ValidationError keyed "undertaking N" (counting from 1)
    and leaves the session as it was. Returns the new follow-ups' ids. Caller commits."""
    _require_debate(session, debate_id)
    errors: dict[str, str] = {}
    if not (outcome or "").strip():
        errors["outcome"] = "the outcome cannot be empty"
    created: list[int] = []
    # A savepoint, so that rows written before a wrong one are undone and the caller's other work is kept.
    savepoint = session.begin_nested()
    try:
        records.update(session, Debate, debate_id, {"status": DebateStatus.HELD.value, "outcome": outcome.strip()})
        for number, undertaking in enumerate(undertakings, start=1):
            problems = _undertaking_problems(session, debate_id, undertaking)
            if not problems:
                parent = ({"agenda_item_id": undertaking["agenda_item_id"]}
                          if undertaking.get("agenda_item_id") is not None else {"debate_id": debate_id})
                values = {"kind": FollowUpKind.GOVERNMENT_UNDERTAKING.value,
                          "description": (undertaking.get("description") or "").strip(),
                          "owner_body_id": undertaking.get("owner_body_id"),
                          "due_date": undertaking.get("due_date"), **parent}
                try:
                    created.append(records.create(session, FollowUp, values))
                except ValidationError as error:
                    problems = error.errors
            if problems:
                errors[f"undertaking {number}"] = "; ".join(
                    f"{_UNDERTAKING_FIELDS.get(field, field)}: {message[:1].lower() + message[1:]}"
                    for field, message in problems.items())
        if errors:
            raise ValidationError(errors)
    except R2PError:
        savepoint.rollback()
        raise
    savepoint.commit()
    return created
