"""Reading, saving and deleting a record of any kind through its form (`app.forms.Form`): the use cases
every record dialog calls. Each opens its own session, commits, and returns plain values or the
`Changes` it made; database errors come out as R2PError (`app.errors`)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

from sqlalchemy.orm import Session

from ..core import catalogue, kinds, policy
from ..core.database import Database
from ..core.errors import ValidationError
from ..core.models import Body, Person
from ..core.services import directory, listings, records
from ..core.services.fields import raise_if
from .changes import Changes, Record
from .errors import as_r2p_errors
from .forms import Entry, Form

T = TypeVar("T")


def read(database: Database, query: Callable[[Session], T]) -> T:
    """What `query` reads, in a read session of its own (nothing is written or locked)."""
    with as_r2p_errors(reading=True), database.read_session() as session:
        return query(session)


@dataclass(frozen=True)
class Loaded:
    """A record as its form shows it: the shown values, the version they were read at (None for a new
    record), and everything stored (for what the form shows beside its fields)."""

    shown: dict[str, object]
    version: int | None = None
    stored: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Choices:
    """What the form's lists offer, as (shown text, stored value): bodies and people by id, pillars by
    number, and the catalogue entries of each CODES field (by the field's name) as (code, title)."""

    bodies: list[tuple[str, int]] = field(default_factory=list)
    people: list[tuple[str, int]] = field(default_factory=list)
    pillars: list[tuple[str, int]] = field(default_factory=list)
    codes: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


# The catalogue a CODES field names, as (code, title) in the catalogue's order.
_CATALOGUES: dict[str, Callable[[Session], list[tuple[str, str]]]] = {
    "commitments": lambda session: [(entry.code, entry.title) for entry in catalogue.list_commitments(session)],
    "risk_factors": lambda session: [(row["code"], row["title"]) for row in catalogue.list_risk_factors(session)],
    "instruments": lambda session: [(row["code"], f"{row['short_title']} ({row['year']})")
                                    for row in catalogue.list_instruments(session)],
}

# Whom a name field names: the model, and the attribute the clerk knows it by.
_NAMED: dict[Entry, tuple[type[Body] | type[Person], str]] = {
    Entry.BODY_NAME: (Body, "name"), Entry.PERSON_NAME: (Person, "full_name")}


def choices(database: Database, form: Form, record_id: int | None = None) -> Choices:
    """What the form's lists offer, read now (only the lists the form has). Archived people and bodies
    are not offered, except those that record `record_id` names, so that editing it keeps them."""

    def query(session: Session) -> Choices:
        kept = _named_by(session, form, record_id)
        bodies = ([(body["name"], body["id"]) for body in listings.bodies(session)
                   if not body["archived"] or body["id"] in kept[Body]]
                  if form.names(Entry.BODY, Entry.BODY_NAME) else [])
        people = ([(person["full_name"], person["id"]) for person in listings.people(session)
                   if not person["archived"] or person["id"] in kept[Person]]
                  if form.names(Entry.PERSON_NAME) else [])
        pillars = ([(f"Pillar {pillar['number']}: {pillar['title']}", pillar["number"])
                    for pillar in catalogue.list_pillars(session)] if form.names(Entry.PILLAR) else [])
        return Choices(bodies, people, pillars, {name: _CATALOGUES[name](session) for name in form.names(Entry.CODES)})

    return read(database, query)


def _named_by(session: Session, form: Form, record_id: int | None) -> dict[type, set[int]]:
    """The bodies and people record `record_id` of the form's kind names in the form's fields, by model."""
    named: dict[type, set[int]] = {Body: set(), Person: set()}
    record = session.get(form.model, record_id) if record_id is not None else None
    if record is not None:
        for model, entries in ((Body, (Entry.BODY, Entry.BODY_NAME)), (Person, (Entry.PERSON_NAME,))):
            named[model].update(value for name in form.names(*entries) if (value := getattr(record, name, None)))
    return named


def load(database: Database, form: Form, record_id: int) -> Loaded:
    """Record `record_id` of the form's kind, as the form shows it."""

    def query(session: Session) -> Loaded:
        stored = records.get(session, form.model, record_id)
        for entry, (model, attribute) in _NAMED.items():
            for name in form.names(entry):  # the body's or person's name, as the clerk sees it
                named = session.get(model, stored[name]) if stored.get(name) else None
                stored[name] = getattr(named, attribute) if named is not None else ""
        return Loaded(form.shown(stored), stored.get("version"), stored)

    return read(database, query)


def new(database: Database, form: Form, preset: Mapping[str, object] | None = None) -> Loaded:
    """A new record's form: the committee's default confidentiality for its kind (people and bodies are
    public facts), then `preset` (stored values)."""
    level = read(database, lambda session: policy.default_confidentiality(session, form.model))
    stored: dict[str, object] = {"confidentiality": level, **(preset or {})}
    return Loaded(form.shown(stored), None, stored)


def save(database: Database, form: Form, record_id: int | None, shown: Mapping[str, object], *,
         expected_version: int | None = None, preset: Mapping[str, object] | None = None,
         link: Iterable[Record] = (), unlink: Iterable[Record] = ()) -> Changes:
    """Write what the form shows to record `record_id`, or add it as a new record (None) with `preset`
    (fixed values such as the record it belongs to); return what changed, a new record among `created`.
    The record is linked to the records in `link` and unlinked from those in `unlink` through its own
    link tables (a recommendation's questions and documents), in the same transaction.

    Names typed for bodies and people are found, or added to Bodies or People once. Everything is one
    transaction: when anything is refused nothing is kept. Raises ValidationError naming each wrong field
    (those that could not be read among them), ConflictError when someone saved the record since
    `expected_version`, or another R2PError."""
    values, problems = form.typed(shown)
    created: set[Record] = set()
    with as_r2p_errors(), database.session() as session:
        try:
            for entry, (model, _) in _NAMED.items():
                for name in form.names(entry):
                    if name in values:
                        named = directory.resolve_name(session, model, str(values[name]), field=name)
                        values[name] = named.id
                        if named.created and named.id is not None:
                            created.add(Record(kinds.BY_MODEL[model].key, named.id))
            if record_id is None:
                record = Record(form.kind, records.create(session, form.model, {**values, **(preset or {})}))
                created.add(record)
            else:
                records.update(session, form.model, record_id, values, expected_version=expected_version)
                record = Record(form.kind, record_id)
            records.change_links(session, form.model, record.id, add=link, remove=unlink)
        except ValidationError as error:  # shown together with any field that could not be read
            problems = {**error.errors, **problems}
        raise_if(problems)
        session.commit()
    return Changes(created=created, updated={record} - created)
