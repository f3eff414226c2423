"""One search across every kind of record: ranked, with a snippet of where the words were found.

SQLite's FTS5 index (migration 0002) sits behind `search`; another engine can replace this module
without its callers noticing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from .. import kinds
from ..errors import R2PError

KIND_LABELS = {kind.key: kind.plural for kind in kinds.SEARCHED}
# Where the words were found is marked in a snippet with two control characters nobody types, so
# brackets or other text in a record can never be mistaken for a mark.
MATCH_START, MATCH_END = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
_QUERY = text(
    "SELECT rowid, kind, title, snippet(search_index, -1, char(2), char(3), '…', 12) AS snippet, "
    "bm25(search_index, 0.0, 8.0, 1.0) AS rank "
    "FROM search_index WHERE search_index MATCH :match ORDER BY rank LIMIT :limit"
)


def purge_deleted_terms(connection: Connection) -> None:
    """Drop the words of deleted (and earlier versions of edited) records from the full-text index,
    inside the caller's transaction, so that with secure_delete they are gone from the file once it
    commits and the log is checkpointed.

    FTS5 removes a row by adding a delete marker, which holds the row's words, to a new segment; the
    words stay in the older segments and in that marker until a merge whose output is the oldest
    segment, that is until every segment is merged into one: 'optimize' ('merge' and 'automerge' only
    make it likely; FTS5's own secure-delete option needs SQLite 3.42). It rewrites the whole index:
    measured 1.5-2.5 s for 100,000 questions, 0.3 s for 10,000; next to nothing when the index already is
    one segment and nothing is pending."""
    if connection.dialect.name != "sqlite" or connection.exec_driver_sql(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_index'").first() is None:
        return
    connection.exec_driver_sql("INSERT INTO search_index (search_index) VALUES ('optimize')")


@dataclass(frozen=True)
class SearchHit:
    kind: str
    record_id: int
    title: str
    snippet: str
    rank: float
    confidentiality: str = ""


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
    rows = [(kind, rowid // kinds.KIND_BITS, title, snippet, rank)
            for rowid, kind, title, snippet, rank in session.execute(_QUERY, {"match": expression, "limit": limit})]
    marking = _confidentiality(session, {(kind, record_id) for kind, record_id, *_ in rows})
    return [SearchHit(kind, record_id, title, snippet, rank, marking.get((kind, record_id), ""))
            for kind, record_id, title, snippet, rank in rows]


def _confidentiality(session: Session, hits: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """How each hit is marked (public, committee, restricted), read from its own table."""
    marking = {}
    for kind in {kind for kind, _ in hits}:
        ids = sorted(record_id for hit_kind, record_id in hits if hit_kind == kind)
        rows = session.execute(text(f"SELECT id, confidentiality FROM {kinds.BY_KEY[kind].table} WHERE id IN "
                                    f"({', '.join(str(int(i)) for i in ids)})"))
        marking.update({(kind, record_id): level for record_id, level in rows})
    return marking
