"""Members and bodies from a Popolo JSON file (the format EveryPolitician and many parliaments publish):
persons, organisations (parties and the legislature become bodies of those kinds) and memberships.

Persons and organisations are matched on their Popolo id (kept on the record), then on any identifier
they share (Wikidata and the like), so importing the same file again changes nothing. People and bodies
are created and updated through the record services, so the audit trail records each change; the whole
import is one transaction, and a file with any problem changes nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..core.errors import R2PError
from ..core.models import Body, BodyKind, Membership, Person
from ..core.services import records

MAX_BYTES = 200 * 1024 * 1024  # a register of every parliament in the world is well under this
_PARTIAL_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_KINDS = {"party": BodyKind.PARTY, "legislature": BodyKind.LEGISLATURE, "committee": BodyKind.COMMITTEE}
Json = dict[str, Any]


@dataclass
class PeopleImport:
    """What an import created and updated (or, in a dry run, would have)."""

    people_created: int = 0
    people_updated: int = 0
    bodies_created: int = 0
    bodies_updated: int = 0
    memberships_created: int = 0
    memberships_updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)


def read_popolo(path: Path) -> Json:
    """The file's contents, checked to be Popolo; R2PError naming the problem (and the element) otherwise."""
    size = path.stat().st_size  # before reading a byte: a huge file is refused without loading it
    if size > MAX_BYTES:
        raise R2PError(f"{path.name}: {size / 1024 / 1024:,.0f} MB is larger than the "
                       f"{MAX_BYTES // 1024 // 1024} MB a Popolo file may be")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise R2PError(f"{path.name}: not UTF-8 text (byte {error.start}); JSON files are UTF-8") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise R2PError(f"{path.name}: not valid JSON: {error.msg} at line {error.lineno}, "
                       f"column {error.colno}") from None
    if not isinstance(data, dict) or not isinstance(data.get("persons"), list):
        raise R2PError(f"{path.name}: not a Popolo file: it has no list of persons")
    for section in ("organizations", "memberships", "areas", "posts"):
        if not isinstance(data.get(section, []), list):
            raise R2PError(f"{path.name}: {section} is not a list")
    for index, person in enumerate(data["persons"]):
        _check_item(path, "persons", index, person)
        if not str(person.get("name") or "").strip():
            raise R2PError(f"{path.name}: persons[{index}]: has no name")
        birth = str(person.get("birth_date") or "")
        if birth and not _PARTIAL_DATE.match(birth):
            raise R2PError(f"{path.name}: persons[{index}]: birth_date {birth!r} is not a date such as 1961 "
                           "or 1961-05-02")
    for index, organization in enumerate(data.get("organizations", [])):
        _check_item(path, "organizations", index, organization)
        if not str(organization.get("name") or "").strip():
            raise R2PError(f"{path.name}: organizations[{index}]: has no name")
    for index, membership in enumerate(data.get("memberships", [])):
        _check_item(path, "memberships", index, membership)
        for key in ("start_date", "end_date"):
            value = str(membership.get(key) or "")
            if value and not _PARTIAL_DATE.match(value):
                raise R2PError(f"{path.name}: memberships[{index}]: {key} {value!r} is not a date such as 2016 "
                               "or 2016-09-18")
    return data


def _check_item(path: Path, section: str, index: int, item: object) -> None:
    if not isinstance(item, dict):
        raise R2PError(f"{path.name}: {section}[{index}]: is not an object")
    if not str(item.get("id") or "").strip():
        raise R2PError(f"{path.name}: {section}[{index}]: has no id")


def _pairs(items: object, keys: tuple[str, ...]) -> list[dict[str, str]]:
    """A Popolo list of objects reduced to the keys we keep, each as text (missing ones empty)."""
    if not isinstance(items, list):
        return []
    return [{key: str(item.get(key) or "") for key in keys} for item in items if isinstance(item, dict)]


def _identifier_keys(identifiers: list[dict[str, str]]) -> set[tuple[str, str]]:
    return {(i["scheme"], i["identifier"]) for i in identifiers if i["scheme"] and i["identifier"]}


def _changed(current: Json, wanted: Json) -> Json:
    return {key: value for key, value in wanted.items() if current.get(key) != value}


class _Importer:
    def __init__(self, session: Session, data: Json) -> None:
        self.session = session
        self.data = data
        self.report = PeopleImport()
        self.bodies: dict[str, int] = {}  # Popolo organisation id -> body id
        self.people: dict[str, int] = {}  # Popolo person id -> person id

    def _save(self, model: type[Body] | type[Person], record_id: int | None, wanted: Json) -> tuple[int, str]:
        """Create or update through the record services; which it did ("created", "updated", "unchanged")."""
        if record_id is None:
            return records.create(self.session, model, wanted), "created"
        current = records.get(self.session, model, record_id)
        changes = _changed(current, wanted)
        if not changes:
            return record_id, "unchanged"
        records.update(self.session, model, record_id, changes)
        return record_id, "updated"

    def organizations(self) -> None:
        for organization in self.data.get("organizations", []):
            popolo_id = str(organization["id"])
            name = str(organization["name"]).strip()
            classification = str(organization.get("classification") or "").lower()
            found = self.session.scalar(select(Body.id).where(Body.popolo_id == popolo_id))
            if found is None:
                found = self.session.scalar(select(Body.id).where(Body.name == name))
            wanted: Json = {"name": name, "popolo_id": popolo_id,
                            "kind": _KINDS.get(classification, BodyKind.OTHER)}
            abbreviation = str(organization.get("abbreviation") or "")[:40]
            if abbreviation:
                wanted["abbreviation"] = abbreviation
            body_id, did = self._save(Body, found, wanted)
            self.bodies[popolo_id] = body_id
            self._count("bodies", did)

    def persons(self) -> None:
        by_identifier: dict[tuple[str, str], int] = {}
        for person_id, identifiers in self.session.execute(select(Person.id, Person.identifiers)):
            for key in _identifier_keys(_pairs(identifiers, ("scheme", "identifier"))):
                by_identifier[key] = person_id
        for person in self.data["persons"]:
            popolo_id = str(person["id"])
            identifiers = _pairs(person.get("identifiers"), ("scheme", "identifier"))
            found = self.session.scalar(select(Person.id).where(Person.popolo_id == popolo_id))
            if found is None:
                found = next((by_identifier[key] for key in _identifier_keys(identifiers) if key in by_identifier),
                             None)
            wanted: Json = {
                "full_name": str(person["name"]).strip(),
                "popolo_id": popolo_id,
                "birth_date": str(person.get("birth_date") or ""),
                "other_names": _pairs(person.get("other_names"), ("name", "lang", "note")),
                "contact": _contact(person),
                "identifiers": identifiers,
            }
            record_id, did = self._save(Person, found, wanted)
            self.people[popolo_id] = record_id
            self._count("people", did)

    def memberships(self) -> None:
        areas = {str(a.get("id")): str(a.get("name") or "") for a in self.data.get("areas", []) if isinstance(a, dict)}
        posts = {str(p.get("id")): p for p in self.data.get("posts", []) if isinstance(p, dict)}
        current: dict[int, tuple[str, str, str]] = {}  # person id -> (start, party, constituency) of the latest
        for index, membership in enumerate(self.data.get("memberships", [])):
            person_id = self.people.get(str(membership.get("person_id")))
            post = posts.get(str(membership.get("post_id")), {})
            body_id = self.bodies.get(str(membership.get("organization_id") or post.get("organization_id")))
            if person_id is None or body_id is None:
                self.report.warnings.append(f"memberships[{index}]: names a person or organisation not in the "
                                            "file; left out")
                continue
            party_id = self.bodies.get(str(membership.get("on_behalf_of_id")))
            area = areas.get(str(membership.get("area_id") or post.get("area_id")), "")
            wanted: Json = {
                "person_id": person_id, "body_id": body_id, "party_id": party_id,
                "role": str(membership.get("role") or post.get("role") or post.get("label") or "")[:200],
                "constituency": area[:200],
                "start_date": str(membership.get("start_date") or ""),
                "end_date": str(membership.get("end_date") or ""),
                "popolo_id": str(membership["id"]),
            }
            self._membership(wanted)
            if not wanted["end_date"]:
                party = self.session.get(Body, party_id).name if party_id else ""  # type: ignore[union-attr]
                latest = current.get(person_id)
                if latest is None or wanted["start_date"] >= latest[0]:
                    current[person_id] = (wanted["start_date"], party, area)
        for person_id, (_start, party, constituency) in current.items():
            values = {"party": party[:120], "constituency": constituency[:120]}
            changes = _changed(records.get(self.session, Person, person_id), values)
            if changes:
                records.update(self.session, Person, person_id, changes)

    def _membership(self, wanted: Json) -> None:
        row = self.session.scalar(select(Membership).where(Membership.popolo_id == wanted["popolo_id"]))
        if row is None:
            row = self.session.scalar(select(Membership).where(
                Membership.person_id == wanted["person_id"], Membership.body_id == wanted["body_id"],
                Membership.start_date == wanted["start_date"], Membership.role == wanted["role"]))
        if row is None:
            self.session.add(Membership(**wanted))
            self.session.flush()
            self.report.memberships_created += 1
            return
        changes = _changed({key: getattr(row, key) for key in wanted}, wanted)
        for key, value in changes.items():
            setattr(row, key, value)
        if changes:
            self.report.memberships_updated += 1

    def _count(self, what: str, did: str) -> None:
        if did == "unchanged":
            self.report.unchanged += 1
        else:
            name = f"{what}_{did}"
            setattr(self.report, name, getattr(self.report, name) + 1)


def _contact(person: Json) -> list[dict[str, str]]:
    """Contact details as Popolo gives them, and the top-level email Everypolitician adds."""
    contact = _pairs(person.get("contact_details"), ("type", "value"))
    email = str(person.get("email") or "")
    if email and {"type": "email", "value": email} not in contact:
        contact.insert(0, {"type": "email", "value": email})
    return contact


def import_people(session: Session, path: Path, *, dry_run: bool = False) -> PeopleImport:
    """Create or update the file's persons, organisations and memberships; nothing if it has a problem
    (R2PError) or in a dry run. The caller's session is committed by the caller; a dry run rolls back."""
    data = read_popolo(Path(path))
    importer = _Importer(session, data)
    try:
        importer.organizations()
        importer.persons()
        importer.memberships()
        session.flush()
    except R2PError as error:
        session.rollback()
        raise R2PError(f"{Path(path).name}: {error}") from None
    except BaseException:
        session.rollback()
        raise
    if dry_run:
        session.rollback()
    else:
        session.commit()
    return importer.report


def summary_lines(report: PeopleImport, *, dry_run: bool) -> list[str]:
    verb = "Would create" if dry_run else "Created"
    lines = [f"{verb} {report.people_created} people, {report.bodies_created} bodies and "
             f"{report.memberships_created} memberships; "
             f"{'would update' if dry_run else 'updated'} {report.people_updated} people, {report.bodies_updated} "
             f"bodies and {report.memberships_updated} memberships; {report.unchanged} unchanged"]
    return lines + report.warnings
