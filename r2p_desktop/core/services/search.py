"""One search across every kind of record: ranked, with a snippet of where the words were found.

SQLite's FTS5 index (migration 0002) sits behind `search`; another engine can replace this module
without its callers noticing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from ..errors import R2PError

KIND_BITS = 16  # rowid = record id * 16 + kind code (see db/versions/0002_search_index.py)
KIND_LABELS = {
    "question": "Questions", "budget_item": "Budget lines", "debate": "Debates", "agenda_item": "Agenda items",
    "follow_up": "Follow-ups", "document": "Documents", "person": "People", "body": "Bodies",
}
# Where the words were found is marked in a snippet with two control characters nobody types, so
# brackets or other text in a record can never be mistaken for a mark.
MATCH_START, MATCH_END = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
_QUERY = text(
    "SELECT rowid, kind, title, snippet(search_index, -1, char(2), char(3), '…', 12) AS snippet, "
    "bm25(search_index, 0.0, 8.0, 1.0) AS rank "
    "FROM search_index WHERE search_index MATCH :match ORDER BY rank LIMIT :limit"
)


@dataclass(frozen=True)
class SearchHit:
    kind: str
    record_id: int
    title: str
    snippet: str
    rank: float


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, is_match) pieces, without the marks."""
    parts = []
    for number, piece in enumerate(re.split(f"[{MATCH_START}{MATCH_END}]", snippet)):
        if piece:
            parts.append((piece, number % 2 == 1))
    return parts


def with_brackets(snippet: str) -> str:
    """A snippet for plain text, matches in [brackets]."""
    return snippet.replace(MATCH_START, "[").replace(MATCH_END, "]")


def match_expression(query: str) -> str | None:
    """Words typed by a user as an FTS5 query: every word must appear, the last may be a prefix.

    Quoting each word keeps FTS5 operators and punctuation in the text from meaning anything."""
    words = _WORD.findall(query)
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def search(session: Session, query: str, *, limit: int = 50) -> list[SearchHit]:
    """The records that contain every word of `query`, best first."""
    if session.get_bind().dialect.name != "sqlite":
        raise R2PError("full-text search is available on SQLite databases only in this version")
    expression = match_expression(query)
    if expression is None:
        return []
    rows = session.execute(_QUERY, {"match": expression, "limit": limit})
    return [SearchHit(kind, rowid // KIND_BITS, title, snippet, rank) for rowid, kind, title, snippet, rank in rows]
