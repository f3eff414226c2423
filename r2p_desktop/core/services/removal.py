"""What deleting or merging a record does, read from the schema itself: the foreign keys' ON DELETE and
the link tables of `Base.metadata`, over the kinds of the registry. A kind added later is deleted,
refused and merged the same way without a line here.

Records that refer to the one deleted with ON DELETE CASCADE go with it, each deleted through the ORM
so the audit trail keeps a snapshot of every one; rows of a link table (a many-to-many table, an
agenda item's links) go with it, the records at their other end stay. ON DELETE RESTRICT refuses the
deletion, saying which records and how many. People and bodies are refused while any record still
names them, even where the database would only empty the column (SET NULL: a follow-up would lose
its owner without a word): they are merged into another record, or archived, instead."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from sqlalchemy import Column, ColumnElement, Table, inspect, select, text
from sqlalchemy.orm import Mapper, RelationshipProperty, Session

from .. import kinds
from ..errors import NotFoundError, R2PError
from ..models import Base, RecordMixin
from ..models.records import AgendaItemLink
from . import agenda

# The kinds that are merged or archived rather than deleted while anything names them.
MERGEABLE: frozenset[str] = frozenset({kinds.PERSON.key, kinds.BODY.key})
_PRONOUNS = {kinds.PERSON.key: "them"}  # how a refusal speaks of the record; "it" otherwise
TITLE_LENGTH = 80  # a title longer than this is cut in a message

# How a reference reads in a refusal where "refer to" would not do, by (table, column) of the referring
# records: {n} is their count with its noun ("14 questions"), {name} the record being deleted; {are}
# ("is"/"are"), {were} ("was"/"were") and {s} (a verb's "s") agree with {n}.
PHRASES: dict[tuple[str, str], str] = {
    ("questions", "asked_by_id"): "{name} asked {n}",
    ("questions", "answered_by_id"): "{name} answered {n}",
    ("questions", "addressed_to_id"): "{n} {are} addressed to {name}",
    ("questions", "transferred_from_id"): "{n} {were} transferred from {name}",
    ("follow_ups", "owner_body_id"): "{name} owns {n}",
    ("follow_ups", "owner_person_id"): "{name} owns {n}",
    ("people", "body_id"): "{n} belong{s} to {name}",
    ("budget_items", "body_id"): "{name} holds {n}",
    ("documents", "author_body_id"): "{name} wrote {n}",
    **{(kinds.FOLLOW_UP.table, parent.id_column): "{n} arose from {name}" for parent in kinds.FOLLOW_UP_PARENTS},
}
GENERIC_PHRASE = "{n} refer{s} to {name}"
# Referring records that belong to another record in this way are re-parented, not edited.
_PARENT_COLUMNS = frozenset((kinds.FOLLOW_UP.table, parent.id_column) for parent in kinds.FOLLOW_UP_PARENTS)


@dataclass(frozen=True)
class Reference:
    """A foreign-key column of `table` that points at records of another table."""

    table: Table
    column: Column[Any]
    on_delete: str  # CASCADE, SET NULL or RESTRICT (no ON DELETE behaves as RESTRICT)

    @property
    def kind(self) -> kinds.Kind | None:
        """The kind of the referring records; None when they are rows of a link table."""
        kind = kinds.BY_TABLE.get(self.table.name)
        return kind if kind is not None and issubclass(kind.model, RecordMixin) else None


@cache
def references(table_name: str) -> tuple[Reference, ...]:
    """Every foreign key in the schema that points at `table_name`: the registry's kinds in its order (then
    link tables), each table's columns in their order."""
    found = []
    for table in Base.metadata.sorted_tables:
        for column in table.columns:  # in the table's order: asked by, then answered by
            for key in column.foreign_keys:
                if key.column.table.name == table_name:
                    found.append(Reference(table, column, (key.ondelete or "RESTRICT").upper()))
    return tuple(sorted(found, key=lambda reference: _table_order(reference.table.name)))


def _nouns(table_name: str) -> tuple[str, str]:
    """(singular, plural) of what a table holds, lower case: a kind's labels, else from its name."""
    kind = kinds.BY_TABLE.get(table_name)
    if kind is not None:
        return kind.singular.lower(), kind.plural.lower()
    plural = table_name.replace("_", " ")
    return plural.removesuffix("s"), plural


def _table_order(table_name: str) -> tuple[int, str]:
    """Tables in the registry's order of kinds, then any other by name."""
    kind = kinds.BY_TABLE.get(table_name)
    return (kinds.KINDS.index(kind) if kind is not None else len(kinds.KINDS), table_name)


def count_text(table_name: str, count: int) -> str:
    singular, plural = _nouns(table_name)
    return f"{count:,} {singular if count == 1 else plural}"


def listing(parts: Iterable[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    parts = list(parts)
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def _counts_text(counts: Mapping[str, int]) -> str:
    return listing(count_text(table, count) for table, count in counts.items())


def title(session: Session, kind: kinds.Kind, record_id: int) -> str:
    """The record as the clerk knows it (what the search index reads as its title: a question's
    reference and title, a person's name), cut to TITLE_LENGTH; '' for a kind without one."""
    if kind.search is None:
        return ""
    found = session.execute(text(f"SELECT {kind.search.title.format(r=kind.table)} FROM {kind.table} "
                                 "WHERE id = :id"), {"id": record_id}).scalar()
    found = " ".join(str(found or "").split())
    if len(found) <= TITLE_LENGTH:
        return found
    cut = found[:TITLE_LENGTH]
    return (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:.-") + "…"  # at a word's end


def describe(session: Session, kind: kinds.Kind, record_id: int) -> str:
    """'the debate 'Annual debate on R2P'' (or 'this debate' when it has no title)."""
    named = title(session, kind, record_id)
    return f"the {kind.singular} '{named}'" if named else f"this {kind.singular}"


def _record(session: Session, kind_key: str, record_id: int) -> tuple[kinds.Kind, RecordMixin]:
    kind = kinds.BY_KEY[kind_key]
    if not issubclass(kind.model, RecordMixin):
        raise R2PError(f"{kind.plural} come from the catalogue and cannot be deleted or merged")
    record = session.get(kind.model, record_id)
    if record is None:
        raise NotFoundError(f"there is no {kind.singular} with id {record_id}; someone may have deleted it")
    return kind, record


def _attribute(model: type[Any], column: Column[Any]) -> str:
    """The mapped attribute that holds `column` of `model`."""
    mapper: Mapper[Any] = inspect(model)
    return mapper.get_property_by_column(column).key


def _referring_ids(session: Session, reference: Reference, record_id: int) -> list[int]:
    table = reference.table
    return list(session.scalars(select(table.c.id).where(reference.column == record_id).order_by(table.c.id)))


def _other_ends(session: Session, reference: Reference, record_id: int) -> list[tuple[str, int]]:
    """The records at the other end of the link rows that point at the record, as (table, id)."""
    others = [c for c in reference.table.columns if c.foreign_keys and c is not reference.column]
    rows = session.execute(select(*others).where(reference.column == record_id))
    return [(next(iter(c.foreign_keys)).column.table.name, value)
            for row in rows for c, value in zip(others, row, strict=True) if value is not None]


@dataclass(frozen=True)
class _Block:
    """`count` records of `reference`'s table that stop a deletion by referring to one record: the one
    being deleted (`through` None), or one that would go with it, (its kind key, its title)."""

    reference: Reference
    count: int
    through: tuple[str, str] | None = None

    @property
    def phrase(self) -> str:
        return PHRASES.get((self.reference.table.name, self.reference.column.name), GENERIC_PHRASE)


def _clause(phrase: str, table: str, count: int, name: str) -> str:
    one = count == 1
    return phrase.format(n=count_text(table, count), name=name, are="is" if one else "are",
                         were="was" if one else "were", s="s" if one else "")


def _names(throughs: list[tuple[str, str] | None], name: str) -> str:
    """'this debate and its agenda items 'A' and 'B'': the record, then those going with it, by kind."""
    parts = [name] if None in throughs else []
    titles: dict[str, list[str]] = defaultdict(list)
    for through in dict.fromkeys(throughs):
        if through is not None:
            titles[through[0]].append(f"'{through[1]}'")
    for key, named in titles.items():
        kind = kinds.BY_KEY[key]
        parts.append(f"its {(kind.singular if len(named) == 1 else kind.plural).lower()} {listing(named)}")
    return listing(parts)


def _reasons(blocks: list[_Block], name: str, pronoun: str) -> str:
    """What refers to the record, as one clause list: "Ama Mensah asked 14 questions and owns 1
    follow-up, and 2 people belong to her"; blocks that read alike are added up, naming every record."""
    grouped: dict[tuple[str, str], list[_Block]] = defaultdict(list)
    for block in blocks:
        grouped[block.reference.table.name, block.phrase].append(block)
    # The record itself as the subject of the clauses that start with it: "Ama Mensah asked ... and owns ...".
    subject = [(table, phrase, group) for (table, phrase), group in grouped.items()
               if phrase.startswith("{name} ") and all(block.through is None for block in group)]
    clauses = []
    if subject:
        clauses.append(f"{name} " + listing(
            _clause(phrase.removeprefix("{name} "), table, sum(b.count for b in group), name)
            for table, phrase, group in subject))
    for (table, phrase), group in grouped.items():
        if any(phrase == other and table == other_table for other_table, other, _ in subject):
            continue
        throughs = [block.through for block in group]
        named = pronoun if subject and throughs == [None] else _names(throughs, name)
        clauses.append(_clause(phrase, table, sum(block.count for block in group), named))
    text = listing(clauses)
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class DeletionPlan:
    """What deleting one record would do. `refusal` says why it cannot be (None: it can)."""

    kind: str  # the registry key of the record
    record_id: int
    name: str  # "the debate 'Annual debate on R2P'"
    going: Mapping[str, frozenset[int]] = field(default_factory=dict)  # deleted with it, by kind key
    links: Mapping[str, int] = field(default_factory=dict)  # links removed, by the table at their other end
    emptied: Mapping[str, frozenset[int]] = field(default_factory=dict)  # no longer refer to it (SET NULL)
    refusal: str | None = None
    # Every record to delete, the record itself first, each with its depth (children below parents).
    order: tuple[tuple[int, str, int], ...] = ()
    # The references to empty before deleting: (kind, record id, attribute).
    to_empty: tuple[tuple[str, int, str], ...] = ()

    @property
    def question(self) -> str:
        return f"Delete {self.name}?"

    @property
    def details(self) -> str:
        """What else goes with it, in sentences, ending with 'This cannot be undone.'"""
        sentences = []
        if self.going:
            sentences.append("Also deleted: " + _counts_text(
                {kinds.BY_KEY[kind].table: len(ids) for kind, ids in self.going.items()}) + ".")
        if sum(self.links.values()) == 1:
            (table,) = self.links
            sentences.append(f"The link to 1 {_nouns(table)[0]} is removed; the {_nouns(table)[0]} stays.")
        elif self.links:
            sentences.append(f"Links to {_counts_text(self.links)} are removed; those records stay.")
        if self.emptied:
            counts = {kinds.BY_KEY[kind].table: len(ids) for kind, ids in self.emptied.items()}
            sentences.append(f"{_counts_text(counts)} will no longer refer to it.".capitalize())
        if not sentences:
            sentences.append("Nothing else is deleted.")
        return " ".join([*sentences, "This cannot be undone."])

    @property
    def confirmation(self) -> str:
        return f"{self.question}\n\n{self.details}"


def plan_deletion(session: Session, kind_key: str, record_id: int) -> DeletionPlan:
    """What deleting record `record_id` of `kind_key` would take with it, and whether anything refuses
    it. Raises NotFoundError when there is no such record, R2PError for a catalogue entry."""
    kind, _ = _record(session, kind_key, record_id)
    root_name = describe(session, kind, record_id)
    # How the refusal names the record: a person or body by name, anything else as "this debate".
    refusal_name = title(session, kind, record_id) if kind.key in MERGEABLE else ""
    refusal_name = refusal_name or f"this {kind.singular}"

    order: list[tuple[int, str, int]] = [(0, kind.key, record_id)]
    deleting = {(kind.table, record_id)}
    blocks: list[_Block] = []
    link_ends: set[tuple[str, int]] = set()
    emptied: dict[str, set[int]] = defaultdict(set)
    to_empty: list[tuple[str, int, str]] = []
    position = 0
    while position < len(order):
        depth, key, current_id = order[position]
        current = kinds.BY_KEY[key]
        through = None if position == 0 else (key, title(session, current, current_id))
        for reference in references(current.table):
            referring = reference.kind
            if referring is None:  # rows of a link table
                if reference.on_delete == "CASCADE":
                    link_ends.update(_other_ends(session, reference, current_id))
                    continue
                count = len(list(session.execute(select(reference.column).where(reference.column == current_id))))
                if count:
                    blocks.append(_Block(reference, count, through))
                continue
            ids = [i for i in _referring_ids(session, reference, current_id) if (referring.table, i) not in deleting]
            if not ids:
                continue
            if reference.on_delete == "CASCADE":
                for referring_id in ids:
                    deleting.add((referring.table, referring_id))
                    order.append((depth + 1, referring.key, referring_id))
            elif reference.on_delete == "SET NULL" and kind.key not in MERGEABLE:
                attribute = _attribute(referring.model, reference.column)
                emptied[referring.key].update(ids)
                to_empty.extend((referring.key, referring_id, attribute) for referring_id in ids)
            else:
                blocks.append(_Block(reference, len(ids), through))
        position += 1
    # A link to a record that goes too is not worth a word.
    links = Counter(table for table, end_id in link_ends if (table, end_id) not in deleting)
    going: dict[str, set[int]] = defaultdict(set)
    for _, key, going_id in order[1:]:
        going[key].add(going_id)
    return DeletionPlan(
        kind.key, record_id, root_name,
        going={key: frozenset(ids) for key, ids in going.items()},
        links=dict(sorted(links.items(), key=lambda item: _table_order(item[0]))),
        emptied={key: frozenset(ids) for key, ids in emptied.items()},
        refusal=_refusal(kind, blocks, refusal_name), order=tuple(order), to_empty=tuple(to_empty))


def _refusal(kind: kinds.Kind, blocks: list[_Block], name: str) -> str | None:
    """One sentence: what refers to the record, and what to do instead."""
    if not blocks:
        return None
    pronoun = _PRONOUNS.get(kind.key, "it")
    reasons = _reasons(blocks, name, pronoun)
    if kind.key in MERGEABLE:
        return f"{reasons}: merge this {kind.singular} into another, or archive {pronoun}, instead"
    them = "it" if sum(block.count for block in blocks) == 1 else "them"
    if all((block.reference.table.name, block.reference.column.name) in _PARENT_COLUMNS for block in blocks):
        return f"{reasons}; delete or re-parent {them} first"
    return f"{reasons}; delete or change {them} first"


def carry_out(session: Session, plan: DeletionPlan) -> set[tuple[str, int]]:
    """Delete what `plan` says, through the ORM (so each record is audited): references that only
    empty first, then the records, the deepest first. Return the records that stay but no longer link
    to what went (kind key, id). The caller commits. A plan with a refusal is not carried out."""
    if plan.refusal is not None:
        raise R2PError(plan.refusal)
    for key, record_id, attribute in plan.to_empty:
        setattr(session.get(kinds.BY_KEY[key].model, record_id), attribute, None)
    unlinked = _unlink_from_agenda_items(session, plan) | _unlink_from_owners(session, plan)
    # A level at a time, deepest first: the database's own cascade must find nothing left to delete,
    # whether or not the models relate the two kinds.
    for depth in sorted({depth for depth, _, _ in plan.order}, reverse=True):
        for level, key, record_id in plan.order:
            if level == depth:
                session.delete(session.get(kinds.BY_KEY[key].model, record_id))
        session.flush()
    return unlinked


def _unlink_from_agenda_items(session: Session, plan: DeletionPlan) -> set[tuple[str, int]]:
    """Take the records going off the agendas of the items that stay, as the agenda item dialog does, so
    each item's history says which record it no longer discusses (the database's cascade would not)."""
    going = {(key, record_id) for _, key, record_id in plan.order}
    unlinked = set()
    for _, key, record_id in plan.order:
        kind = kinds.BY_KEY[key]
        if kind not in kinds.AGENDA_LINKS:
            continue
        column = getattr(AgendaItemLink, kind.id_column)
        for item_id in session.scalars(select(AgendaItemLink.agenda_item_id).where(column == record_id)).all():
            if (kinds.AGENDA_ITEM.key, item_id) not in going:
                agenda.change_links(session, item_id, remove=[(kind.id_column, record_id)])
                unlinked.add((kinds.AGENDA_ITEM.key, item_id))
    return unlinked


def _unlink_from_owners(session: Session, plan: DeletionPlan) -> set[tuple[str, int]]:
    """Take the records going out of the link lists of the records that stay (a question's documents, a
    risk finding's evidence), through each list's relationship, so the owner's history says which it no
    longer links (the database's cascade would remove the rows without a word)."""
    going = {(key, record_id) for _, key, record_id in plan.order}
    unlinked = set()
    for _, key, record_id in plan.order:
        target = session.get(kinds.BY_KEY[key].model, record_id)
        for owner_kind, relationship in _links_to(kinds.BY_KEY[key].model):
            owner_column, target_column = _link_columns(relationship)
            owner_ids = session.scalars(select(owner_column).where(target_column == record_id)).all()
            for owner_id in owner_ids:
                if (owner_kind.key, owner_id) in going:
                    continue
                owner = session.get(owner_kind.model, owner_id)
                linked = getattr(owner, relationship.key)
                if target in linked:
                    linked.remove(target)  # `owner` held meanwhile: the list's change event needs it
                    unlinked.add((owner_kind.key, owner_id))
    return unlinked


def _links_to(model: type[RecordMixin]) -> tuple[tuple[kinds.Kind, RelationshipProperty[Any]], ...]:
    """The many-to-many relationships of the record kinds that link records of `model`."""
    return tuple((kind, relationship) for kind in kinds.KINDS if issubclass(kind.model, RecordMixin)
                 for relationship in inspect(kind.model).relationships
                 if relationship.secondary is not None and relationship.mapper.class_ is model)


def _link_columns(relationship: RelationshipProperty[Any]) -> tuple[ColumnElement[Any], ColumnElement[Any]]:
    """The link table's column holding the owner's id, and the one holding the linked record's."""
    (_, owner), = relationship.synchronize_pairs
    (_, target), = relationship.secondary_synchronize_pairs or ()
    return owner, target


# --- merging ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class MergePlan:
    """What merging a duplicate into the record kept would do: the records that refer to the
    duplicate (which will refer to the kept one), then the duplicate deleted."""

    kind: str
    duplicate_id: int
    into_id: int
    duplicate_name: str  # as the clerk knows it: "Min. of Foreign Affairs"
    into_name: str
    moving: Mapping[str, frozenset[int]] = field(default_factory=dict)  # records that move, by kind key
    links: int = 0  # rows of link tables that move
    refusal: str | None = None

    @property
    def moving_count(self) -> int:
        return sum(len(ids) for ids in self.moving.values()) + self.links

    @property
    def question(self) -> str:
        return f"Merge '{self.duplicate_name}' into '{self.into_name}'?"

    @property
    def details(self) -> str:
        if self.moving_count:
            counts = [count_text(kinds.BY_KEY[kind].table, len(ids)) for kind, ids in self.moving.items()]
            if self.links:
                counts.append(f"{self.links:,} link{'' if self.links == 1 else 's'}")
            moved = (f"{listing(counts)} that refer to '{self.duplicate_name}' will refer to "
                     f"'{self.into_name}' instead")
            moved = moved[:1].upper() + moved[1:]
        else:
            moved = f"No record refers to '{self.duplicate_name}'"
        return (f"{moved}, and '{self.duplicate_name}' is deleted (its history keeps what it held). This cannot "
                "be undone.")

    @property
    def confirmation(self) -> str:
        return f"{self.question}\n\n{self.details}"


def plan_merge(session: Session, kind_key: str, duplicate_id: int, into_id: int) -> MergePlan:
    """What merging record `duplicate_id` into `into_id` (both of `kind_key`) would move."""
    kind, _ = _record(session, kind_key, duplicate_id)
    _record(session, kind_key, into_id)
    duplicate_name = title(session, kind, duplicate_id) or f"{kind.singular} #{duplicate_id}"
    into_name = title(session, kind, into_id) or f"{kind.singular} #{into_id}"
    refusal = None
    if kind.key not in MERGEABLE:
        refusal = f"only {listing(sorted(kinds.BY_KEY[k].plural.lower() for k in MERGEABLE))} can be merged"
    elif duplicate_id == into_id:
        refusal = f"a {kind.singular} cannot be merged into itself: choose another to keep"
    moving: dict[str, set[int]] = defaultdict(set)
    links = 0
    for reference in references(kind.table):
        referring = reference.kind
        if referring is None:
            links += len(list(session.execute(select(reference.column).where(reference.column == duplicate_id))))
        else:
            moving[referring.key].update(i for i in _referring_ids(session, reference, duplicate_id)
                                         if not (referring is kind and i in (duplicate_id, into_id)))
    return MergePlan(kind.key, duplicate_id, into_id, duplicate_name, into_name,
                     {key: frozenset(ids) for key, ids in moving.items() if ids}, links, refusal)


def carry_out_merge(session: Session, plan: MergePlan) -> DeletionPlan:
    """Point every reference to the duplicate at the kept record through the ORM (each change audited),
    then delete the duplicate; return how it was deleted. The caller commits."""
    if plan.refusal is not None:
        raise R2PError(plan.refusal)
    (kind, duplicate), (_, kept) = _record(session, plan.kind, plan.duplicate_id), _record(session, plan.kind,
                                                                                           plan.into_id)
    for reference in references(kind.table):
        if reference.kind is not None:
            attribute = _attribute(reference.kind.model, reference.column)
            query = select(reference.kind.model).where(reference.column == plan.duplicate_id)
            for record in session.scalars(query).all():
                setattr(record, attribute, plan.into_id)
        else:
            _move_links(session, reference, duplicate, kept)
    session.flush()
    deletion = plan_deletion(session, kind.key, plan.duplicate_id)
    carry_out(session, deletion)
    return deletion


def _move_links(session: Session, reference: Reference, duplicate: RecordMixin, kept: RecordMixin) -> None:
    """Rows of a link table that point at `duplicate` point at `kept` instead: through the relationship
    that maps the table when there is one (so the change is audited on the record that holds it), else
    as rows; a link the kept record already has is dropped."""
    model = type(duplicate)
    for mapper in Base.registry.mappers:
        for relationship in mapper.relationships:
            if relationship.secondary is not reference.table:
                continue
            if mapper.class_ is model and _is_column_of(relationship, reference.column, owner=True):
                wanted = getattr(kept, relationship.key)
                for item in getattr(duplicate, relationship.key):
                    if item not in wanted:
                        wanted.append(item)
                return
            if relationship.mapper.class_ is model and _is_column_of(relationship, reference.column, owner=False):
                owner_column = next(c for c in reference.table.columns if c.foreign_keys and c is not reference.column)
                owner_ids = session.scalars(select(owner_column).where(reference.column == duplicate.id)).all()
                for owner_id in owner_ids:
                    linked = getattr(session.get(mapper.class_, owner_id), relationship.key)
                    linked.remove(duplicate)
                    if kept not in linked:
                        linked.append(kept)
                return
    mapped = next((m.class_ for m in Base.registry.mappers if m.local_table is reference.table), None)
    if mapped is not None:  # a link row of its own (an agenda item's link): its column changes
        attribute = _attribute(mapped, reference.column)
        for row in session.scalars(select(mapped).where(reference.column == duplicate.id)).all():
            setattr(row, attribute, kept.id)
        return
    table = reference.table
    session.execute(table.update().where(reference.column == duplicate.id).values({reference.column.name: kept.id})
                    .prefix_with("OR IGNORE"))
    session.execute(table.delete().where(reference.column == duplicate.id))


def _is_column_of(relationship: RelationshipProperty[Any], column: Column[Any], *, owner: bool) -> bool:
    """Whether `column` of the relationship's link table is its owner's side (or its target's)."""
    pairs = relationship.synchronize_pairs if owner else relationship.secondary_synchronize_pairs
    return any(link_column is column for _, link_column in pairs or ())


# --- archiving --------------------------------------------------------------------------------


def set_archived(session: Session, kind_key: str, record_id: int, archived: bool) -> None:
    """Archive a person or body (no longer offered for new entries), or bring one back. The caller
    commits."""
    kind, record = _record(session, kind_key, record_id)
    if kind.key not in MERGEABLE:
        raise R2PError(f"only {listing(sorted(kinds.BY_KEY[k].plural.lower() for k in MERGEABLE))} can be archived")
    record.archived = archived  # type: ignore[attr-defined]  # people and bodies have the column
    session.flush()
