"""Search hits grouped by kind of record, each group under a header row such as "Questions (12)".

Header rows are neither enabled nor selectable, so views and keyboard moves pass over them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from ...core.services.search import KIND_LABELS, SearchHit, snippet_parts
from .roles import RECORD_ID_ROLE

KIND_ROLE = Qt.ItemDataRole.UserRole + 10  # the hit's kind of record, e.g. "question"
SNIPPET_ROLE = Qt.ItemDataRole.UserRole + 11  # where the words were found, matches marked (core search)
IS_HEADER_ROLE = Qt.ItemDataRole.UserRole + 12  # True on a group's header row

def plain_snippet(snippet: str) -> str:
    return "".join(text for text, _ in snippet_parts(snippet))


def snippet_repeats_title(title: str, snippet: str) -> bool:
    """True when the words were found in the title itself, so the snippet adds nothing below it."""
    core = plain_snippet(snippet).strip("…").strip()
    return not core or core in title


def title_parts(title: str, snippet: str) -> list[tuple[str, bool]]:
    """The title as (text, is_match) pieces, marking the words the snippet marks."""
    words = {text.casefold() for text, is_match in snippet_parts(snippet) if is_match and text.strip()}
    if not words:
        return [(title, False)]
    pattern = re.compile("|".join(re.escape(word) for word in sorted(words, key=len, reverse=True)), re.IGNORECASE)
    parts: list[tuple[str, bool]] = []
    position = 0
    for found in pattern.finditer(title):
        if found.start() > position:
            parts.append((title[position:found.start()], False))
        parts.append((found.group(0), True))
        position = found.end()
    if position < len(title):
        parts.append((title[position:], False))
    return parts


@dataclass(frozen=True)
class _Header:
    kind: str
    count: int

    @property
    def text(self) -> str:
        return f"{KIND_LABELS.get(self.kind, self.kind)} ({self.count})"


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[_Header | SearchHit] = []
        self._hit_count = 0

    def set_hits(self, hits: list[SearchHit]) -> None:
        """Show `hits` (best first) grouped by kind in KIND_LABELS order, keeping rank order within a group."""
        groups: dict[str, list[SearchHit]] = {}
        for hit in hits:
            groups.setdefault(hit.kind, []).append(hit)
        order = [kind for kind in KIND_LABELS if kind in groups] + [kind for kind in groups if kind not in KIND_LABELS]
        rows: list[_Header | SearchHit] = []
        for kind in order:
            rows.append(_Header(kind, len(groups[kind])))
            rows.extend(groups[kind])
        self.beginResetModel()
        self._rows = rows
        self._hit_count = len(hits)
        self.endResetModel()

    def clear(self) -> None:
        self.set_hits([])

    @property
    def hit_count(self) -> int:
        return self._hit_count

    def hit(self, row: int) -> SearchHit | None:
        """The hit on `row`, or None for a header or a row out of range."""
        item = self._rows[row] if 0 <= row < len(self._rows) else None
        return item if isinstance(item, SearchHit) else None

    def next_hit_row(self, row: int, step: int) -> int | None:
        """The nearest hit row after (step 1) or before (step -1) `row`; -1 starts from the top."""
        row += step
        while 0 <= row < len(self._rows):
            if isinstance(self._rows[row], SearchHit):
                return row
            row += step
        return None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if isinstance(self._rows[index.row()], _Header):
            return Qt.ItemFlag.ItemNeverHasChildren
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        if role == IS_HEADER_ROLE:
            return isinstance(item, _Header)
        if role == KIND_ROLE:
            return item.kind
        if isinstance(item, _Header):
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return item.text
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == SNIPPET_ROLE:
            return item.snippet
        if role == RECORD_ID_ROLE:
            return item.record_id
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleDescriptionRole):
            return None if snippet_repeats_title(item.title, item.snippet) else plain_snippet(item.snippet)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return item.title
        return None
