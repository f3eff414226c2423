"""One search across every kind of record: ranked, with a snippet of where the words were found.

SQLite's FTS5 indexes sit behind `search`: search_index (migration 0002) holds every record, and
search_index_cjk (migration 0005, trigram) those with text in scripts written without spaces, where a
word is any part of a run of letters. Another engine can replace this module without its callers noticing."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from .. import kinds
from ..errors import R2PError

KIND_LABELS = {kind.key: kind.plural for kind in kinds.SEARCHED}
# Where the words were found is marked in a snippet with two control characters nobody types, so
# brackets or other text in a record can never be mistaken for a mark.
MATCH_START, MATCH_END = "\x02", "\x03"
QUERY_HELP = ("Every word must appear, the last perhaps as the start of a longer one; genocide OR atrocity finds "
              "either; -draft leaves out records that contain draft; \"early warning\" in quotes finds the words "
              "together. Chinese, Japanese, Korean or Thai text is found by any part of it, such as 协调 in "
              "国家协调人.")
MAX_QUERY_LENGTH = 1000  # characters of a query that are read: more than anyone types, bounded work for a paste
MAX_TERMS = 32  # words of a query that are searched for
_UNSPACED = re.compile(f"[{kinds.UNSPACED_CLASS}]")
# A query's pieces: a quoted phrase (perhaps excluded, perhaps never closed), or anything up to a space or quote.
_PIECE = re.compile(r'(-?)"([^"]*)"?|[^\s"]+')
_RANKED = ("SELECT rowid, kind, title, snippet(search_index, -1, char(2), char(3), '…', 12) AS snippet, "
           "bm25(search_index, 0.0, 8.0, 1.0) AS rank "
           "FROM search_index WHERE search_index MATCH :match{also} ORDER BY rank LIMIT :limit")
_QUERY = text(_RANKED.format(also=""))
SNIPPET_LENGTH, SNIPPET_LEAD = 64, 16  # characters of a snippet made here, and before its first match


def purge_deleted_terms(connection: Connection) -> None:
    """Drop the words of deleted (and earlier versions of edited) records from the full-text index,
    inside the caller's transaction, so that with secure_delete they are gone from the file once it
    commits and the log is checkpointed.

    FTS5 removes a row by adding a delete marker, which holds the row's words, to a new segment; the
    words stay in the older segments and in that marker until a merge whose output is the oldest
    segment, that is until every segment is merged into one: 'optimize' ('merge' and 'automerge' only
    make it likely; FTS5's own secure-delete option needs SQLite 3.42). It rewrites the whole index:
    measured 1.5-2.5 s for 100,000 questions, 0.3 s for 10,000; next to nothing when the index already is
    one segment and nothing is pending. The same for search_index_cjk, which holds only records with text
    in unspaced scripts."""
    if connection.dialect.name != "sqlite":
        return
    indexes = connection.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('search_index', 'search_index_cjk')")
    for index in indexes.scalars().all():
        connection.exec_driver_sql(f"INSERT INTO {index} ({index}) VALUES ('optimize')")


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


@dataclass(frozen=True)
class Term:
    """One word, or words that must appear together in this order, as typed (letters, digits and marks)."""

    text: str
    prefix: bool = False  # the query's last word: may be the start of a longer one

    @property
    def unspaced(self) -> bool:
        """Holds a letter of a script written without spaces: found by any part, in search_index_cjk."""
        return _UNSPACED.search(self.text) is not None

    def fts5(self) -> str:
        return f'"{self.text}"' + ("*" if self.prefix else "")


Alternative = tuple[Term, ...]  # every term must appear


@dataclass(frozen=True)
class ParsedQuery:
    clauses: tuple[tuple[Alternative, ...], ...]  # every clause must hold: one of its alternatives
    excluded: tuple[Alternative, ...]  # no hit holds any of these

    def terms(self) -> list[Term]:
        return [term for clause in self.clauses for alternative in clause for term in alternative]


def _words(typed: str) -> list[str]:
    """Runs of letters, digits and marks (a vowel sign belongs to its word); everything else separates."""
    kept = "".join(c if unicodedata.category(c)[0] in "LNM" or unicodedata.category(c) == "Co" else " "
                   for c in typed)
    return kept.split()


def _alternative(typed: str, *, quoted: bool) -> Alternative:
    """Several words typed together ('follow-up', 'U.N.') or in quotes are a phrase. A word in an unspaced
    script is a part of the text to find; typed together with others, each is found on its own."""
    words = _words(typed)
    if not words:
        return ()
    if quoted or not _UNSPACED.search(typed):
        return (Term(" ".join(words)),)
    return tuple(Term(word) for word in words)


def parse_query(query: str) -> ParsedQuery:
    """What a user typed, as a clerk would mean it: every word must appear; `a OR b`: either; `-word` or
    `NOT word`: no record holding it; "words in quotes": a phrase; AND is what words mean anyway; the last
    word typed, unquoted, may be the start of a longer one (the search runs as the user types). Anything
    else (an OR with nothing on one side, a lone -, NEAR, *, ^, brackets) is text or ignored, so no query
    is a syntax error. Only the first MAX_QUERY_LENGTH characters and MAX_TERMS words are read."""
    clauses: list[list[Alternative]] = []
    excluded: list[Alternative] = []
    either = exclude = open_word = False
    room = MAX_TERMS
    for piece in _PIECE.finditer(query[:MAX_QUERY_LENGTH]):
        minus, phrase = piece.group(1), piece.group(2)
        if phrase is None:
            word = piece.group()
            if word in ("OR", "AND", "NOT"):
                either, exclude = (word == "OR" and bool(clauses)), word == "NOT"
                continue
            minus, word = ("-", word.lstrip("-")) if word.startswith("-") else ("", word)
            alternative = _alternative(word, quoted=False)
        else:
            alternative = _alternative(phrase, quoted=True)
        if not alternative:
            continue
        room -= len(alternative)
        if room < 0:
            break
        open_word = not (minus or exclude or phrase is not None)
        if minus or exclude:
            excluded.append(alternative)
        elif either:
            clauses[-1].append(alternative)
        else:
            clauses.append([alternative])
        either = exclude = False
    if open_word and not clauses[-1][-1][-1].unspaced:  # an unspaced word is found by any part already
        *words, last = clauses[-1][-1]
        clauses[-1][-1] = (*words, Term(last.text, prefix=True))
    return ParsedQuery(tuple(dict.fromkeys(tuple(dict.fromkeys(clause)) for clause in clauses)),  # once each
                       tuple(dict.fromkeys(excluded)))


def match_expression(query: str | ParsedQuery) -> str | None:
    """The FTS5 query of search_index for what a user typed, its words in spaced scripts (Latin, Cyrillic,
    Arabic...). Quoting each word keeps FTS5 operators and punctuation in the text from meaning anything."""
    parsed = parse_query(query) if isinstance(query, str) else query

    def either(alternatives: tuple[Alternative, ...]) -> str:
        spaced = [alternative for alternative in alternatives if not any(term.unspaced for term in alternative)]
        shown = [" AND ".join(term.fts5() for term in alternative) for alternative in spaced]
        shown = [f"({one})" if len(alternative) > 1 else one for one, alternative in zip(shown, spaced, strict=True)]
        return shown[0] if len(shown) == 1 else f"({' OR '.join(shown)})" if shown else ""

    wanted = [one for one in (either(clause) for clause in parsed.clauses) if one]
    if not wanted:
        return None
    unwanted = either(parsed.excluded)
    return f"({' AND '.join(wanted)}) NOT {unwanted}" if unwanted else " AND ".join(wanted)


def search(session: Session, query: str, *, limit: int = 50) -> list[SearchHit]:
    """The records that hold what `query` asks for (see parse_query), best first.

    A query in spaced scripts only is one FTS5 query of search_index, ranked by bm25 (its unspaced words to
    leave out, if any, are looked up in search_index_cjk). One with a word in an unspaced script (Chinese,
    Japanese...) reads search_index_cjk, where three or more characters are found through the trigram index
    and two by scanning its rows (only those of records holding such text); its hits are listed those with
    the words in their title first, then the newest."""
    if session.get_bind().dialect.name != "sqlite":
        raise R2PError("full-text search is available on SQLite databases only in this version")
    parsed = parse_query(query)
    if not parsed.clauses:
        return []
    if any(term.unspaced for term in parsed.terms()):
        found = _search_unspaced(session, parsed, limit)
    else:
        found = _search_spaced(session, parsed, limit)
    rows = [(kind, rowid // kinds.KIND_BITS, title, snippet, rank) for rowid, kind, title, snippet, rank in found]
    marking = _confidentiality(session, {(kind, record_id) for kind, record_id, *_ in rows})
    return [SearchHit(kind, record_id, title, snippet, rank, marking.get((kind, record_id), ""))
            for kind, record_id, title, snippet, rank in rows]


_Found = tuple[int, str, str, str, float]  # rowid, kind, title, snippet, rank


class _Conditions:
    """SQL conditions on a search row's rowid, their parameters collected as they are written."""

    def __init__(self) -> None:
        self.params: dict[str, object] = {}

    def _param(self, value: object) -> str:
        name = f"p{len(self.params)}"
        self.params[name] = value
        return f":{name}"

    def term(self, term: Term, *, scanned_here: bool) -> str:
        """Rows holding `term`; two characters of an unspaced script are a LIKE over search_index_cjk's rows,
        read in the outer query when it reads that table (`scanned_here`), so that they are scanned once.

        `+rowid`: a filter on the rows the outer query reads in rowid order, never the list it reads them by
        (FTS5 would run its MATCH again for each rowid of the list: seconds, not milliseconds)."""
        if not term.unspaced:
            return f"+rowid IN (SELECT rowid FROM search_index WHERE search_index MATCH {self._param(term.fts5())})"
        if len(term.text) >= 3:
            return (f"+rowid IN (SELECT rowid FROM search_index_cjk WHERE search_index_cjk MATCH "
                    f"{self._param(Term(term.text).fts5())})")
        like = self._param(f"%{term.text}%")  # letters, digits and marks: nothing LIKE would take for a wildcard
        found = f"(+title LIKE {like} OR +body LIKE {like})"  # `+`: see in_title
        return found if scanned_here else f"+rowid IN (SELECT rowid FROM search_index_cjk WHERE {found})"

    def either(self, alternatives: tuple[Alternative, ...], *, scanned_here: bool) -> str:
        return "(" + " OR ".join("(" + " AND ".join(self.term(term, scanned_here=scanned_here) for term in alternative)
                                 + ")" for alternative in alternatives) + ")"

    def in_title(self, terms: list[Term]) -> str:
        # `+title`, not `title`: SQLite 3.40's FTS5 takes a LIKE on a column of a trigram table for a query of
        # its index, which finds nothing for a pattern of fewer than three characters but three bytes or more.
        return " AND ".join(f"+title LIKE {self._param(f'%{term.text}%')}" for term in terms)


def _search_spaced(session: Session, parsed: ParsedQuery, limit: int) -> list[_Found]:
    expression = match_expression(parsed)
    unwanted = [alternative for alternative in parsed.excluded if any(term.unspaced for term in alternative)]
    if not unwanted:  # the common case: one FTS5 query
        rows = session.execute(_QUERY, {"match": expression, "limit": limit})
    else:
        conditions = _Conditions()
        also = " AND NOT " + conditions.either(tuple(unwanted), scanned_here=False)
        rows = session.execute(text(_RANKED.format(also=also)),
                               {"match": expression, "limit": limit, **conditions.params})
    return [(rowid, kind, title, snippet, rank) for rowid, kind, title, snippet, rank in rows]


def _search_unspaced(session: Session, parsed: ParsedQuery, limit: int) -> list[_Found]:
    """Hits with the words in their title first, then the others, each newest first: two queries, each
    read in rowid order and stopped at `limit`, instead of sorting every hit."""
    # Every hit holds unspaced text when some clause can only be met by such a word: read the small index.
    small = any(all(any(term.unspaced for term in alternative) for alternative in clause)
                for clause in parsed.clauses)
    table = "search_index_cjk" if small else "search_index"
    # Clauses of words of three or more such characters only are one MATCH of the trigram index, which then
    # yields the hits in rowid order; the other clauses are conditions on each of them.
    indexed = [clause for clause in parsed.clauses
               if all(len(alternative) == 1 and _trigram_word(alternative[0]) for alternative in clause)]
    match = " AND ".join(_either_phrase(clause) for clause in indexed)  # such a clause makes `small` true
    conditions = _Conditions()
    where = [conditions.either(clause, scanned_here=small) for clause in parsed.clauses if clause not in indexed]
    where += [f"NOT {conditions.either((alternative,), scanned_here=small)}" for alternative in parsed.excluded]
    # Two-character words that must appear, in the title too for a hit of the first query.
    short = [clause[0][0] for clause in parsed.clauses
             if clause not in indexed and len(clause) == 1 and len(clause[0]) == 1 and clause[0][0].unspaced]
    in_title = conditions.in_title(short)

    def hits(match: str, also: list[str], room: int) -> list[tuple[int, str, str, str]]:
        found = [f"{table} MATCH :match"] if match else []
        sql = (f"SELECT rowid, kind, title, body FROM {table} WHERE {' AND '.join([*found, *where, *also]) or '1'} "
               "ORDER BY rowid DESC LIMIT :limit")
        return [(rowid, kind, title, body) for rowid, kind, title, body
                in session.execute(text(sql), {**conditions.params, "match": match, "limit": room})]

    first = hits(match and f"title : ({match})", [in_title] if in_title else [], limit) if match or in_title else []
    seen = {row[0] for row in first}
    rows = first + [row for row in hits(match, [], limit + len(first)) if row[0] not in seen][:limit - len(first)]
    needles = _needles(parsed.terms())
    return [(rowid, kind, title, _snippet(title or "", body or "", needles), float(place))
            for place, (rowid, kind, title, body) in enumerate(rows)]


def _trigram_word(term: Term) -> bool:
    return term.unspaced and len(term.text) >= 3


def _either_phrase(clause: tuple[Alternative, ...]) -> str:
    return "(" + " OR ".join(alternative[0].fts5() for alternative in clause) + ")"


def _needles(terms: list[Term]) -> re.Pattern[str]:
    words = sorted({term.text for term in terms}, key=len, reverse=True)
    return re.compile("|".join(re.escape(word) for word in words), re.IGNORECASE)


def _snippet(title: str, body: str, needles: re.Pattern[str]) -> str:
    """Where the words were found, marked as FTS5's snippet() marks them: in the body if they are there."""
    where = (body if needles.search(body) else title).strip()  # the body joins columns with spaces
    first = needles.search(where)
    start = max(0, first.start() - SNIPPET_LEAD) if first else 0
    end = max(start + SNIPPET_LENGTH, first.end() if first else 0)
    shown = needles.sub(lambda found: f"{MATCH_START}{found.group()}{MATCH_END}", where[start:end])
    return ("…" if start else "") + shown + ("…" if end < len(where) else "")


def _confidentiality(session: Session, hits: set[tuple[str, int]]) -> dict[tuple[str, int], str]:
    """How each hit is marked (public, committee, restricted), read from its own table."""
    marking = {}
    for kind in {kind for kind, _ in hits}:
        ids = sorted(record_id for hit_kind, record_id in hits if hit_kind == kind)
        rows = session.execute(text(f"SELECT id, confidentiality FROM {kinds.BY_KEY[kind].table} WHERE id IN "
                                    f"({', '.join(str(int(i)) for i in ids)})"))
        marking.update({(kind, record_id): level for record_id, level in rows})
    return marking
