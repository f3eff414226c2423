"""Deleting, merging and archiving a record of any kind: the use cases behind every Delete… button,
the Delete key of the list tables, and People & Bodies' Merge into… and Archive. What a deletion or a
merge would do is read first (`deletion_plan`, `merge_plan`) for the confirmation; each change opens
its own session, commits, and returns the Changes it made. A refusal raises an R2PError saying why in
one sentence (StillReferredToError for a record still referred to), and nothing is changed."""

from __future__ import annotations

from dataclasses import dataclass

from ..core import kinds
from ..core.database import Database
from ..core.services import listings, removal
from ..core.services.removal import DeletionPlan as DeletionPlan  # the confirmation the UI shows
from ..core.services.removal import MergePlan
from .changes import Changes, Record
from .errors import StillReferredToError, as_r2p_errors
from .records import read


def deletion_plan(database: Database, kind: str, record_id: int) -> DeletionPlan:
    """What deleting record `record_id` of `kind` (a registry key) would take with it, and why it would
    be refused (`refusal`, None when it would not): the text of the confirmation."""
    return read(database, lambda session: removal.plan_deletion(session, kind, record_id))


def _changes(plan: DeletionPlan) -> Changes:
    deleted = {Record(plan.kind, plan.record_id)}
    deleted |= {Record(kind, record_id) for kind, ids in plan.going.items() for record_id in ids}
    updated = {Record(kind, record_id) for kind, ids in plan.emptied.items() for record_id in ids}
    return Changes(updated=updated, deleted=deleted)


def delete(database: Database, kind: str, record_id: int, *, confirmed: DeletionPlan | None = None) -> Changes:
    """Delete the record and what goes with it (`deletion_plan`), in one transaction; return them all
    among `deleted`, and the records that no longer refer to it among `updated`. Refused with
    StillReferredToError (the plan's refusal) while other records depend on it, and, given the plan the
    clerk `confirmed`, when deleting would now take or change other records than it said."""
    with as_r2p_errors(), database.session() as session:
        plan = removal.plan_deletion(session, kind, record_id)
        if plan.refusal is not None:
            raise StillReferredToError(plan.refusal)
        if confirmed is not None and (plan.going, plan.emptied, plan.links) != (
                confirmed.going, confirmed.emptied, confirmed.links):
            raise StillReferredToError(f"someone changed what goes with {plan.name} since you were asked; nothing "
                                       "was deleted, so look again before deleting it")
        unlinked = removal.carry_out(session, plan)
        session.commit()
    return _changes(plan) | Changes(updated={Record(*record) for record in unlinked})


def merge_plan(database: Database, kind: str, duplicate_id: int, into_id: int) -> MergePlan:
    """What merging `duplicate_id` into `into_id` would move: the text of the confirmation."""
    return read(database, lambda session: removal.plan_merge(session, kind, duplicate_id, into_id))


def merge(database: Database, kind: str, duplicate_id: int, into_id: int) -> Changes:
    """Make every record that refers to the duplicate refer to the record kept instead (each change in
    its history), then delete the duplicate, in one transaction. Returns the records moved among
    `updated` and the duplicate among `deleted`. Only people and bodies are merged."""
    with as_r2p_errors(), database.session() as session:
        plan = removal.plan_merge(session, kind, duplicate_id, into_id)
        deletion = removal.carry_out_merge(session, plan)
        session.commit()
    moved = {Record(key, record_id) for key, ids in plan.moving.items() for record_id in ids}
    return Changes(updated=moved) | _changes(deletion)


def archive(database: Database, kind: str, record_id: int, archived: bool = True) -> Changes:
    """Archive a person or body (or bring one back with archived=False): an archived one is no longer
    offered for new entries, and stays in the listings, the records that name it and the history."""
    with as_r2p_errors(), database.session() as session:
        removal.set_archived(session, kind, record_id, archived)
        session.commit()
    return Changes(updated={Record(kind, record_id)})


@dataclass(frozen=True)
class Candidate:
    """A record a duplicate can be merged into, as the chooser lists it."""

    id: int
    name: str
    detail: str  # what tells two of the same name apart: a role and party, an abbreviation
    archived: bool = False


# How the chooser lists each kind that can be merged: the listing, the name's key, the detail's keys.
_LISTED = {
    kinds.PERSON.key: (listings.people, "full_name", ("role", "party", "constituency", "body")),
    kinds.BODY.key: (listings.bodies, "name", ("abbreviation",)),
}


def merge_candidates(database: Database, kind: str, duplicate_id: int) -> list[Candidate]:
    """The records of `kind` that `duplicate_id` can be merged into (all the others), by name."""
    listing, name, details = _LISTED[kind]
    rows = read(database, listing)
    return [Candidate(row["id"], row[name], ", ".join(str(row[key]) for key in details if row.get(key)),
                      bool(row.get("archived"))) for row in rows if row["id"] != duplicate_id]
