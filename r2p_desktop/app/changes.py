"""What a use case changed: the records it created, updated and deleted, by kind (a key of the kind
registry, `core.kinds`). The window announces it once and every view refreshes from it (Anki's OpChanges)."""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import NamedTuple

from ..core import kinds


class Record(NamedTuple):
    kind: str  # a registry key, e.g. "question"
    id: int


def _records(value: Iterable[Record] | Iterable[tuple[str, int]]) -> frozenset[Record]:
    records = frozenset(Record(*record) for record in value)
    unknown = {record.kind for record in records} - kinds.BY_KEY.keys()
    if unknown:  # a misspelt kind would refresh nothing, silently
        raise ValueError(f"not a kind of record: {', '.join(sorted(unknown))}")
    return records


@dataclass(frozen=True)
class Changes:
    # Any set of records (or of (kind, id) pairs) may be given; each is kept as a frozenset of Records.
    created: AbstractSet[Record] = frozenset()
    updated: AbstractSet[Record] = frozenset()
    deleted: AbstractSet[Record] = frozenset()

    def __post_init__(self) -> None:
        for name in ("created", "updated", "deleted"):
            object.__setattr__(self, name, _records(getattr(self, name)))

    @property
    def kinds(self) -> frozenset[str]:
        """The kinds of record touched, as registry keys."""
        return frozenset(record.kind for record in self.created | self.updated | self.deleted)

    def created_ids(self, kind: str) -> frozenset[int]:
        return frozenset(record.id for record in self.created if record.kind == kind)

    def updated_ids(self, kind: str) -> frozenset[int]:
        return frozenset(record.id for record in self.updated if record.kind == kind)

    def deleted_ids(self, kind: str) -> frozenset[int]:
        return frozenset(record.id for record in self.deleted if record.kind == kind)

    def __or__(self, other: Changes) -> Changes:
        return Changes(self.created | other.created, self.updated | other.updated, self.deleted | other.deleted)

    def __bool__(self) -> bool:
        return bool(self.created or self.updated or self.deleted)
