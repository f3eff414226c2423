"""A debate's agenda and outcome, as the Debates page changes them: adding an item at the end (with the
records it discusses), changing one and its links, moving one, adding the items the record suggests,
and recording the outcome with the undertakings the government gave. Each opens its session, commits,
and returns what changed; database errors come out as R2PError (`app.errors`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from sqlalchemy.orm import Session

from ..core import kinds
from ..core.database import Database
from ..core.models import AgendaItem
from ..core.services import agenda, records, undertakings
from ..core.services.fields import raise_if
from ..core.values import Values
from . import linking, record_forms
from .changes import Changes, Record
from .errors import as_r2p_errors
from .linking import LinkableRecord
from .records import read


def add_agenda_item(database: Database, debate_id: int, shown: Mapping[str, object],
                    links: Iterable[tuple[str, int]] = ()) -> Changes:
    """Add what the agenda item form shows (`record_forms.AGENDA_ITEM`) at the end of the debate's agenda,
    discussing the records in `links` (kind key, id; `linking.AGENDA_TARGETS`); the new item is among
    `created`. Raises ValidationError naming each wrong field, or another R2PError."""
    values, problems = record_forms.AGENDA_ITEM.typed(shown)
    raise_if(problems)
    targets = [dict([linking.agenda_column(record)]) for record in links]
    with as_r2p_errors(), database.session() as session:
        item_id = agenda.add_item(session, debate_id, values, targets)
        session.commit()
    return Changes(created={Record(kinds.AGENDA_ITEM.key, item_id)})


def save_agenda_item(database: Database, item_id: int, shown: Mapping[str, object], *,
                     expected_version: int | None = None, link: Iterable[tuple[str, int]] = (),
                     unlink: Iterable[tuple[str, int]] = ()) -> Changes:
    """Write what the agenda item form shows to item `item_id`, link it to the records in `link` and
    unlink those in `unlink` (kind key, id), in one transaction. Raises ValidationError naming each wrong
    field, ConflictError when someone saved the item since `expected_version`, or another R2PError."""
    values, problems = record_forms.AGENDA_ITEM.typed(shown)
    raise_if(problems)
    with as_r2p_errors(), database.session() as session:
        records.update(session, AgendaItem, item_id, values, expected_version=expected_version)
        agenda.change_links(session, item_id, add=[linking.agenda_column(record) for record in link],
                            remove=[linking.agenda_column(record) for record in unlink])
        session.commit()
    return Changes(updated={Record(kinds.AGENDA_ITEM.key, item_id)})


def linked_records(database: Database, item_id: int) -> list[LinkableRecord]:
    """The records agenda item `item_id` discusses, in the order they were linked."""

    def query(session: Session) -> list[LinkableRecord]:
        return linking.describe(session, [linking.agenda_record(column, target_id)
                                          for column, target_id in agenda.linked_targets(session, item_id)])

    return read(database, query)


def suggestions(database: Database, debate_id: int, today: date) -> list[Values]:
    """What the record suggests for the debate's agenda (`agenda.suggest_agenda`), each with the record
    it comes from described under "record" (a LinkableRecord: its reference, status and date)."""

    def query(session: Session) -> list[Values]:
        found = agenda.suggest_agenda(session, debate_id, today)
        sources = [linking.agenda_record(*next(iter(s["link"].items()))) for s in found]
        described = {linkable.record: linkable for linkable in linking.describe(session, sources)}
        return [{**suggestion, "record": described.get(source)}
                for suggestion, source in zip(found, sources, strict=True)]

    return read(database, query)


def move_agenda_item(database: Database, item_id: int, new_position: int) -> Changes:
    """Put the item at `new_position` of its agenda (counting from 0, clamped); the items between move
    up or down one place with it."""
    with as_r2p_errors(), database.session() as session:
        agenda.move_item(session, item_id, new_position)
        session.commit()
    return Changes(updated={Record(kinds.AGENDA_ITEM.key, item_id)})


def add_suggested_items(database: Database, debate_id: int, suggestions: list[Values]) -> Changes:
    """Add the chosen suggestions (`agenda.suggest_agenda`) at the end of the agenda, each linked to the
    record it comes from."""
    with as_r2p_errors(), database.session() as session:
        item_ids = agenda.add_suggestions(session, debate_id, suggestions)
        session.commit()
    return Changes(created={Record(kinds.AGENDA_ITEM.key, item_id) for item_id in item_ids})


def record_outcome(database: Database, debate_id: int, outcome: str, given: list[Values], *,
                   today: date | None = None) -> Changes:
    """Mark the debate held with its outcome and make each undertaking given in it (description,
    owner_body_id, due_date, agenda_item_id or None) a government-undertaking follow-up, in one
    transaction; the follow-ups are among `created`. One marked "record_undertaking" is also recorded as
    an undertaking (due when the follow-up is, or the committee's months after the debate), which the
    follow-up then arises from. A wrong undertaking raises ValidationError keyed "undertaking N" (counting
    from 1) and nothing is saved."""
    rows = [{key: value for key, value in row.items() if key != "record_undertaking"} for row in given]
    created: set[Record] = set()
    with as_r2p_errors(), database.session() as session:
        follow_up_ids = agenda.record_outcome(session, debate_id, outcome, rows)
        for row, follow_up_id in zip(given, follow_up_ids, strict=True):
            created.add(Record(kinds.FOLLOW_UP.key, follow_up_id))
            if row.get("record_undertaking"):
                undertaking_id = undertakings.record_for_follow_up(session, follow_up_id, today or date.today())
                created.add(Record(kinds.UNDERTAKING.key, undertaking_id))
        session.commit()
    return Changes(created=created, updated={Record(kinds.DEBATE.key, debate_id)})
