"""Finding the record to link as the clerk types, and how a linked record reads in a list: its
reference, kind, status and date beside its title, so that two questions with the same title are told
apart.

`find` serves the pickers of the agenda item and commitment assessment dialogs. It matches the typed
text against a record's reference (the whole of it, its start, its last number, its end, anywhere in it)
and then against the words of its title; best matches first, then the newest. With no text it offers
the records added last. Each query reads an index (the references' own, the full-text index over
titles) and stops at a limit: 20-50 ms on 100,000 questions (`benchmarks/record_picker.py`)."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, SQLColumnExpression, String, and_, case, cast, literal, select, text
from sqlalchemy.orm import Session

from ..core import kinds
from ..core.database import Database
from ..core.formatting import human_label
from ..core.models import (
    AgendaItem,
    BudgetItem,
    Commitment,
    CommitmentAssessment,
    Debate,
    Document,
    FollowUp,
    Question,
    Recommendation,
)
from ..core.models.records import AssessmentStatus
from ..core.services import evidence, search
from .changes import Record
from .records import read

LIMIT = 30
_WORD = re.compile(r"\w+")
_UNSPACED = re.compile(f"[{kinds.UNSPACED_CLASS}]")  # scripts written without spaces between words
_PART = re.compile(r"[^\W_]+")  # the letters and digits of a reference, between its separators

# What an agenda item can discuss (the registry's agenda links) and what evidences a commitment.
AGENDA_TARGETS: tuple[str, ...] = tuple(kind.key for kind in kinds.AGENDA_LINKS)
EVIDENCE: tuple[str, ...] = evidence.EVIDENCE_KINDS

# How well the typed text matches, best first.
EXACT, STARTS, NUMBER, ENDS, WITHIN, PARTS, TITLE = range(7)
MIN_CHARS = 2  # fewer say too little to search with (and match most of the index): the recent records


@dataclass(frozen=True)
class LinkableRecord:
    """One record as a picker or a list of links shows it; `status` and `date` as the clerk reads them."""

    kind: str  # a registry key
    kind_label: str  # "Question", "Budget line"
    id: int
    reference: str  # "" for a kind without one
    title: str
    status: str
    date: date | None

    @property
    def record(self) -> Record:
        return Record(self.kind, self.id)

    def text(self) -> str:
        """The record on one line: reference · kind · status · date · title (parts it lacks left out)."""
        parts = (self.reference, self.kind_label, self.status, self.date.isoformat() if self.date else "", self.title)
        return " · ".join(part for part in parts if part)


def _linkable(kind: kinds.Kind, record_id: int, reference: str | None, title: str, status: str,
              on: date | None) -> LinkableRecord:
    return LinkableRecord(kind.key, kind.singular[:1].upper() + kind.singular[1:], record_id, reference or "",
                          title, status, on)


def _first_line(value: str) -> str:
    value = value.strip()
    return value.splitlines()[0] if value else ""


def _questions(session: Session, ids: Collection[int]) -> Iterable[LinkableRecord]:
    for q in session.scalars(select(Question).where(Question.id.in_(ids))):
        yield _linkable(kinds.QUESTION, q.id, q.reference, q.title, human_label(q.status), q.date_tabled)


def _budget_items(session: Session, ids: Collection[int]) -> Iterable[LinkableRecord]:
    for b in session.scalars(select(BudgetItem).where(BudgetItem.id.in_(ids))):
        yield _linkable(kinds.BUDGET_ITEM, b.id, f"Budget {b.fiscal_year}", b.programme, _first_line(b.outcome),
                        b.debate_date)


def _follow_ups(session: Session, ids: Collection[int]) -> Iterable[LinkableRecord]:
    for f in session.scalars(select(FollowUp).where(FollowUp.id.in_(ids))):
        yield _linkable(kinds.FOLLOW_UP, f.id, "", f.description, human_label(f.status), f.due_date)


def _documents(session: Session, ids: Collection[int]) -> Iterable[LinkableRecord]:
    for d in session.scalars(select(Document).where(Document.id.in_(ids))):
        yield _linkable(kinds.DOCUMENT, d.id, "", d.title, human_label(d.kind), d.published_on)


def _recommendations(session: Session, ids: Collection[int]) -> Iterable[LinkableRecord]:
    for r in session.scalars(select(Recommendation).where(Recommendation.id.in_(ids))):
        by = ", ".join(part for part in (r.recommended_by, f"session {r.cycle}" if r.cycle else "") if part)
        yield _linkable(kinds.RECOMMENDATION, r.id, by, _first_line(r.text), human_label(r.response), None)


def _commitments(session: Session, ids: Collection[int]) -> Iterable[LinkableRecord]:
    query = (select(Commitment, CommitmentAssessment)
             .outerjoin(CommitmentAssessment, CommitmentAssessment.commitment_id == Commitment.id)
             .where(Commitment.id.in_(ids)))
    for c, assessment in session.execute(query):
        status = assessment.status if assessment else AssessmentStatus.NOT_STARTED.value
        yield _linkable(kinds.COMMITMENT, c.id, c.code, c.title, human_label(status),
                        assessment.assessed_on if assessment else None)


def _agenda_items(session: Session, ids: Collection[int]) -> Iterable[LinkableRecord]:
    query = select(AgendaItem, Debate).join(Debate, Debate.id == AgendaItem.debate_id).where(AgendaItem.id.in_(ids))
    for item, debate in session.execute(query):
        yield _linkable(kinds.AGENDA_ITEM, item.id, f"Item {item.position + 1}", f"{item.title} ({debate.title})",
                        human_label(debate.status), debate.date)


@dataclass(frozen=True)
class _Listing:
    """How `find` reads one kind: its records described by id, and what the typed text is matched with."""

    kind: kinds.Kind
    describe: Callable[[Session, Collection[int]], Iterable[LinkableRecord]]
    reference: SQLColumnExpression[str | None] | None = None  # matched as a reference
    title: SQLColumnExpression[str] | None = None  # matched word by word, for a kind outside the search index


_LISTINGS = {listing.kind.key: listing for listing in (
    _Listing(kinds.QUESTION, _questions, reference=Question.reference),
    _Listing(kinds.BUDGET_ITEM, _budget_items, reference=literal("Budget ") + cast(BudgetItem.fiscal_year, String)),
    _Listing(kinds.FOLLOW_UP, _follow_ups),
    _Listing(kinds.DOCUMENT, _documents),
    _Listing(kinds.COMMITMENT, _commitments, reference=Commitment.code, title=Commitment.title),
    _Listing(kinds.AGENDA_ITEM, _agenda_items),
    _Listing(kinds.RECOMMENDATION, _recommendations),  # a risk finding's evidence
)}
_ORDER = {key: n for n, key in enumerate(_LISTINGS)}

# A kind's titles in the full-text index, newest first (its rowid is the record id * KIND_BITS + code).
_TITLE_MATCHES = text(f"SELECT rowid / {kinds.KIND_BITS} FROM search_index WHERE search_index MATCH :match "
                      f"AND rowid % {kinds.KIND_BITS} = :code ORDER BY rowid DESC LIMIT :limit")


def describe(session: Session, records: Iterable[tuple[str, int]]) -> list[LinkableRecord]:
    """The records (kind key, id) as lists of links show them, in the order given; one that no longer
    exists is left out."""
    wanted = list(dict.fromkeys(Record(*record) for record in records))
    found: dict[Record, LinkableRecord] = {}
    for key in dict.fromkeys(record.kind for record in wanted):
        ids = [record.id for record in wanted if record.kind == key]
        found.update((linkable.record, linkable) for linkable in _LISTINGS[key].describe(session, ids))
    return [found[record] for record in wanted if record in found]


def _like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _by_reference(session: Session, listing: _Listing, typed: str, limit: int) -> dict[int, int]:
    """Records whose reference matches `typed`: id -> how well. Best first: the whole reference (in any
    case), its start, its last number ("566" finds WQ-2023-00566, not WQ-2023-10566), its end, anywhere
    in it, and the typed parts in order ("wq 566" finds WQ-2023-00566). Within each, the highest
    reference first (in the usual WQ-year-number form, the newest). Each query reads the reference's own
    index, and the next runs only while fewer than `limit` are found."""
    reference, model = listing.reference, listing.kind.model
    assert reference is not None
    escaped, parts = _like(typed), _PART.findall(typed)
    in_order = reference.like(f"%{'%'.join(_like(part) for part in parts or [typed])}%", escape="\\")
    found: dict[int, int] = {}

    def take(how: int, condition: ColumnElement[bool], *, keep: Callable[[str], bool] = lambda _: True) -> bool:
        """Add the records `condition` finds as matching `how` well; True once there are enough."""
        query = select(model.id, reference).where(condition).order_by(reference.desc()).limit(limit + len(found))
        for record_id, shown in session.execute(query):
            if keep(shown or ""):
                found.setdefault(record_id, how)
        return len(found) >= limit

    if take(EXACT, reference.in_({typed, typed.upper(), typed.lower()})):
        return found
    if take(STARTS, reference.like(f"{escaped}%", escape="\\")):
        return found
    number = parts[-1].lstrip("0") if parts and parts[-1].isdigit() else ""
    if number:  # the character before the number is not 1-9 (a 0 to check, or a separator)
        candidates = and_(in_order, reference.op("GLOB")(f"*[^1-9]{number}"))
        if take(NUMBER, candidates, keep=lambda shown: _last_number(shown) == number):
            return found
    # The rest in one pass: how well each matches is worked out for the matching rows only.
    how = case((reference.like(f"%{escaped}", escape="\\"), ENDS),
               (reference.like(f"%{escaped}%", escape="\\"), WITHIN), else_=PARTS)
    query = select(model.id, how).where(in_order).order_by(how, reference.desc()).limit(limit + len(found))
    for record_id, rank in session.execute(query):
        found.setdefault(record_id, rank)
    return found


def _last_number(reference: str) -> str:
    digits = _PART.findall(reference)
    return digits[-1].lstrip("0") if digits and digits[-1].isdigit() else ""


def _by_title(session: Session, listing: _Listing, typed: str, limit: int) -> list[int]:
    """Records whose title has every word typed (the last may be the start of a word), newest first."""
    if listing.title is not None:
        words = _WORD.findall(typed)
        if not words:
            return []
        condition = and_(*(listing.title.like(f"%{_like(word)}%", escape="\\") for word in words))
        return list(session.scalars(select(listing.kind.model.id).where(condition)
                                    .order_by(listing.kind.model.id.desc()).limit(limit)))
    if listing.kind.search is None:
        return []
    if _UNSPACED.search(typed):  # Chinese, Japanese...: parts of the titles in the index of such records
        # As in search: "a OR b" is either, a word after - or NOT is left out (the picker finds, never excludes).
        either = [[word for token in alternative.split() if not token.startswith("-")
                   for word in _WORD.findall(token) if word not in ("AND", "NOT")]
                  for alternative in re.split(r"\s+OR\s+", typed)]
        either = [words for words in either if words]
        params: dict[str, object] = {"code": listing.kind.search.code, "limit": limit}
        conditions = []
        for words in either:
            names = [f"w{len(params) + n}" for n in range(len(words))]
            params.update({name: f"%{_like(word)}%" for name, word in zip(names, words, strict=True)})
            conditions.append("(" + " AND ".join(f"+title LIKE :{name} ESCAPE '\\'" for name in names) + ")")
        if not conditions:
            return []
        return list(session.scalars(text(
            f"SELECT rowid / {kinds.KIND_BITS} FROM search_index_cjk WHERE ({' OR '.join(conditions)}) "
            f"AND rowid % {kinds.KIND_BITS} = :code ORDER BY rowid DESC LIMIT :limit"), params))
    expression = search.match_expression(typed)
    if expression is None:
        return []
    return list(session.scalars(_TITLE_MATCHES, {"match": f"title : ({expression})",
                                                 "code": listing.kind.search.code, "limit": limit}))


def _recent(session: Session, listing: _Listing, limit: int) -> dict[int, datetime]:
    """The kind's records added last (none for catalogue entries): id -> when it was added."""
    model = listing.kind.model
    if not hasattr(model, "created_at"):
        return {}
    return dict(session.execute(select(model.id, model.created_at).order_by(model.id.desc()).limit(limit)).all())


def find_in(session: Session, typed: str, kind_keys: Iterable[str], *, exclude: Collection[tuple[str, int]] = (),
            limit: int = LIMIT) -> list[LinkableRecord]:
    """The records of `kind_keys` (registry keys) that `typed` finds, best first, at most `limit`,
    leaving out those in `exclude` (already linked). Fewer than MIN_CHARS typed: the records added last."""
    typed = " ".join(typed.split())
    if len(typed) < MIN_CHARS:
        typed = ""
    left_out = {Record(*record) for record in exclude}
    wanted = limit + len(left_out)
    listings = [_LISTINGS[key] for key in kind_keys]
    if not typed:
        added: dict[Record, datetime] = {}
        for listing in listings:
            added.update((Record(listing.kind.key, i), at) for i, at in _recent(session, listing, wanted).items())
        newest = sorted(added, key=lambda record: added[record], reverse=True)
        return describe(session, [record for record in newest if record not in left_out][:limit])

    how: dict[Record, int] = {}  # in the order each kind's queries read them
    for listing in listings:
        if listing.reference is not None:
            how.update((Record(listing.kind.key, i), rank)
                       for i, rank in _by_reference(session, listing, typed, wanted).items())
    # Titles come after every reference that matches: with enough of those no title could make the list.
    if len(how) < wanted:
        for listing in listings:
            for record_id in _by_title(session, listing, typed, wanted):
                how.setdefault(Record(listing.kind.key, record_id), TITLE)
    read_at = {record: n for n, record in enumerate(how)}

    def order(linkable: LinkableRecord) -> tuple[int, int, int, int]:
        newest = -linkable.date.toordinal() if linkable.date else 1  # undated after dated
        return how[linkable.record], newest, _ORDER[linkable.kind], read_at[linkable.record]

    return sorted(describe(session, [record for record in how if record not in left_out]), key=order)[:limit]


def find(database: Database, typed: str, kind_keys: Iterable[str], *, exclude: Collection[tuple[str, int]] = (),
         limit: int = LIMIT) -> list[LinkableRecord]:
    """`find_in`, in a read session of its own."""
    return read(database, lambda session: find_in(session, typed, kind_keys, exclude=exclude, limit=limit))


def evidence_of(session: Session, commitment_code: str) -> list[LinkableRecord]:
    """The records that evidence commitment `commitment_code` (`evidence.evidence_records`), described."""
    return describe(session, evidence.evidence_records(session, commitment_code))


def agenda_column(record: tuple[str, int]) -> tuple[str, int]:
    """A record as the agenda item link that points at it: (its kind's column, id)."""
    kind, record_id = record
    if kind not in AGENDA_TARGETS:
        raise ValueError(f"an agenda item cannot discuss a {kind.replace('_', ' ')}")
    return kinds.BY_KEY[kind].id_column, record_id


def agenda_record(column: str, record_id: int) -> Record:
    """An agenda item link's target (column, id) as the record it points at."""
    return Record(next(key for key in AGENDA_TARGETS if kinds.BY_KEY[key].id_column == column), record_id)
