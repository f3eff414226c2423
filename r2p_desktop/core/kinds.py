"""Every kind of record the committee keeps, declared once: what it is called, where it lives, how the
search index reads it, and what it can be linked to. Everything else that needs to know the kinds
(change notices, search, follow-up parents, agenda links, record counts, pack sections, the views)
derives from this list, so a new kind is added here and nowhere is forgotten silently.

A kind's key ("question", "budget_item") is the one name used for it everywhere: in change notices,
search hits, follow-up parents, drafts and files."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import (
    AgendaItem,
    Body,
    BudgetItem,
    Commitment,
    CommitmentAssessment,
    Debate,
    Document,
    FollowUp,
    InstrumentStatus,
    Person,
    Question,
    Recommendation,
    RiskAssessment,
    RiskFinding,
    Undertaking,
)


def QT_TRANSLATE_NOOP(_context: str, text: str) -> str:
    """Marks a label for translation without translating it here (the core has no Qt)."""
    return text


@dataclass(frozen=True)
class SearchColumns:
    """How the search indexes (migrations 0002, 0005) read a kind: SQL over the row `{r}` (NEW, OLD or the table)."""

    code: int  # rowid = record id * KIND_BITS + code; never reused
    title: str
    body: str


@dataclass(frozen=True)
class Kind:
    key: str
    model: type[Any]  # a record model (a RecordMixin), or a catalogue one (commitments)
    singular: str
    plural: str
    search: SearchColumns | None = None  # None: not in the full-text index
    follow_up_parent: bool = False  # a follow-up can arise from it (follow_ups.<key>_id)
    agenda_link: bool = False  # an agenda item can discuss it (agenda_item_links.<key>_id)
    counted: bool = False  # listed with its count in backups and the restore dialog

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)

    @property
    def id_column(self) -> str:
        """The column by which follow-ups and agenda links point at a record of this kind."""
        return f"{self.key}_id"

    def count_text(self, count: int) -> str:
        return f"{count:,} {(self.singular if count == 1 else self.plural).lower()}"


_ = QT_TRANSLATE_NOOP
QUESTION = Kind(
    "question", Question, _("Kind", "question"), _("Kind", "Questions"),
    SearchColumns(1, "coalesce({r}.reference || ' ', '') || {r}.title",
                  "{r}.question_text || ' ' || {r}.answer_text || ' ' || {r}.notes"),
    follow_up_parent=True, agenda_link=True, counted=True)
BUDGET_ITEM = Kind(
    "budget_item", BudgetItem, _("Kind", "budget line"), _("Kind", "Budget lines"),
    SearchColumns(2, "{r}.programme",
                  "{r}.question_raised || ' ' || {r}.government_response || ' ' || {r}.committee_position || ' ' "
                  "|| {r}.outcome || ' ' || {r}.notes"),
    follow_up_parent=True, agenda_link=True, counted=True)
DEBATE = Kind(
    "debate", Debate, _("Kind", "debate"), _("Kind", "Debates"),
    SearchColumns(3, "{r}.title", "{r}.chamber || ' ' || {r}.motion || ' ' || {r}.outcome || ' ' || {r}.notes"),
    follow_up_parent=True, counted=True)
AGENDA_ITEM = Kind(
    "agenda_item", AgendaItem, _("Kind", "agenda item"), _("Kind", "Agenda items"),
    SearchColumns(4, "{r}.title", "{r}.description || ' ' || {r}.speakers || ' ' || {r}.outcome_notes || ' ' "
                                  "|| {r}.notes"),
    follow_up_parent=True)
FOLLOW_UP = Kind(
    "follow_up", FollowUp, _("Kind", "follow-up"), _("Kind", "Follow-ups"),
    SearchColumns(5, "{r}.description", "{r}.outcome || ' ' || {r}.notes"),
    agenda_link=True, counted=True)
DOCUMENT = Kind(
    "document", Document, _("Kind", "document"), _("Kind", "Documents"),
    SearchColumns(6, "{r}.title", "{r}.file_name || ' ' || {r}.notes || ' ' || {r}.file_text"), agenda_link=True,
    counted=True)
PERSON = Kind(
    "person", Person, _("Kind", "person"), _("Kind", "People"),
    SearchColumns(7, "{r}.full_name", "{r}.party || ' ' || {r}.constituency || ' ' || {r}.role || ' ' || {r}.notes"),
    counted=True)
BODY = Kind(
    "body", Body, _("Kind", "body"), _("Kind", "Bodies"),
    SearchColumns(8, "{r}.name", "{r}.abbreviation || ' ' || {r}.notes"), counted=True)
RECOMMENDATION = Kind(
    "recommendation", Recommendation, _("Kind", "recommendation"), _("Kind", "Recommendations"),
    SearchColumns(9, "{r}.text", "{r}.recommended_by || ' ' || {r}.state || ' ' || {r}.cycle || ' ' || {r}.themes "
                                 "|| ' ' || {r}.notes"),
    follow_up_parent=True, counted=True)
UNDERTAKING = Kind(
    "undertaking", Undertaking, _("Kind", "undertaking"), _("Kind", "Undertakings"),
    SearchColumns(10, "{r}.text", "{r}.outcome || ' ' || {r}.notes"), follow_up_parent=True, counted=True)
RISK_ASSESSMENT = Kind(
    "risk_assessment", RiskAssessment, _("Kind", "risk assessment"), _("Kind", "Risk assessments"),
    SearchColumns(11, "{r}.title", "{r}.notes"), counted=True)
RISK_FINDING = Kind(
    "risk_finding", RiskFinding, _("Kind", "risk factor finding"), _("Kind", "Risk factor findings"),
    # Its title in search: the assessment's year and the factor ("2026: Intergroup tensions or …").
    SearchColumns(12, "(SELECT a.year FROM risk_assessments a WHERE a.id = {r}.risk_assessment_id) || ': ' || "
                      "(SELECT f.title FROM risk_factors f WHERE f.id = {r}.risk_factor_id)",
                  "{r}.level || ' ' || {r}.note || ' ' || {r}.notes"))
COMMITMENT_ASSESSMENT = Kind(
    "commitment_assessment", CommitmentAssessment, _("Kind", "commitment assessment"),
    _("Kind", "Commitment assessments"))
TREATY_STATUS = Kind("treaty_status", InstrumentStatus, _("Kind", "treaty status"), _("Kind", "Treaty statuses"))
# A catalogue entry, not a record the committee writes; listed because an agenda item can discuss it.
COMMITMENT = Kind("commitment", Commitment, _("Kind", "commitment"), _("Kind", "Commitments"), agenda_link=True)
del _

KINDS: tuple[Kind, ...] = (QUESTION, BUDGET_ITEM, DEBATE, AGENDA_ITEM, FOLLOW_UP, DOCUMENT, RECOMMENDATION, UNDERTAKING,
                           RISK_ASSESSMENT, RISK_FINDING, PERSON, BODY, COMMITMENT_ASSESSMENT, TREATY_STATUS,
                           COMMITMENT)
BY_KEY: dict[str, Kind] = {kind.key: kind for kind in KINDS}
BY_MODEL: dict[type, Kind] = {kind.model: kind for kind in KINDS}
BY_TABLE: dict[str, Kind] = {kind.table: kind for kind in KINDS}

SEARCHED = tuple(kind for kind in KINDS if kind.search is not None)
FOLLOW_UP_PARENTS = tuple(kind for kind in KINDS if kind.follow_up_parent)
AGENDA_LINKS = tuple(kind for kind in KINDS if kind.agenda_link)
COUNTED = tuple(kind for kind in KINDS if kind.counted)


KIND_BITS = 16  # a search row's rowid = record id * KIND_BITS + its kind's code

# Scripts written without spaces between words (Chinese, Japanese, Thai...) and Korean, whose particles
# join the word before them: FTS5's unicode61 tokenizer takes a whole run of these letters for one word,
# so records holding any of them are also kept in `search_index_cjk` (trigram), where a search finds any
# part of a run (migration 0005). First and last code point of each range; few ranges, because SQLite's
# GLOB reads them all for every character of a record's text.
UNSPACED_SCRIPTS = (
    ("\u0e00", "\u0eff"),  # Thai, Lao
    ("\u1000", "\u109f"),  # Myanmar
    ("\u1100", "\u11ff"),  # Hangul jamo
    ("\u1780", "\u17ff"),  # Khmer
    ("\u3005", "\ud7ff"),  # 々, kana, bopomofo, CJK ideographs (and the rare scripts between them), Hangul
    ("\uf900", "\ufaff"),  # CJK compatibility ideographs
    ("\uff66", "\uff9f"),  # half-width katakana
    ("\U00020000", "\U0003ffff"),  # CJK ideographs, extensions B to H
)
UNSPACED_CLASS = "".join(f"{first}-{last}" for first, last in UNSPACED_SCRIPTS)  # for GLOB and re: [...]


def _search_values(kind: Kind, r: str) -> str:
    """The search row of record `r` (NEW, OLD or a table alias): rowid, kind, title, body."""
    assert kind.search is not None
    search = kind.search
    return (f"{r}.id * {KIND_BITS} + {search.code}, '{kind.key}', {search.title.format(r=r)}, "
            f"{search.body.format(r=r)}")


def _unspaced(kind: Kind, r: str) -> str:
    """Whether record `r`'s text, when not all ASCII (quick to tell), holds a letter of UNSPACED_SCRIPTS."""
    assert kind.search is not None
    return " OR ".join(f"(length({column}) <> length(CAST({column} AS BLOB)) AND ({column}) GLOB "
                       f"'*[{UNSPACED_CLASS}]*')"
                       for column in (kind.search.title.format(r=r), kind.search.body.format(r=r)))


_COLUMNS = "(rowid, kind, title, body)"


def search_triggers(kind: Kind) -> dict[str, str]:
    """The triggers that keep the search indexes in step with `kind`'s table: name -> CREATE TRIGGER
    statement (what migrations 0002 and 0005 created; `r2p check` and the tests compare the database
    against this). `search_index` holds every record; `search_index_cjk` only those whose title or body
    holds a letter of UNSPACED_SCRIPTS."""
    assert kind.search is not None
    search, table = kind.search, kind.table
    insert = f"INSERT INTO search_index {_COLUMNS} VALUES ({_search_values(kind, 'new')});"
    remove = f"DELETE FROM search_index WHERE rowid = old.id * {KIND_BITS} + {search.code};"
    cjk_insert = f"INSERT INTO search_index_cjk {_COLUMNS} VALUES ({_search_values(kind, 'new')});"
    cjk_reinsert = (f"INSERT INTO search_index_cjk {_COLUMNS} SELECT {_search_values(kind, 'new')} "
                    f"WHERE {_unspaced(kind, 'new')};")
    cjk_remove = f"DELETE FROM search_index_cjk WHERE rowid = old.id * {KIND_BITS} + {search.code};"
    made = {  # name: (event, condition, statements)
        "search_insert": ("INSERT", "", insert),
        "search_update": ("UPDATE", "", f"{remove} {insert}"),
        "search_delete": ("DELETE", "", remove),
        "search_cjk_insert": ("INSERT", _unspaced(kind, "new"), cjk_insert),
        "search_cjk_update": ("UPDATE", f"{_unspaced(kind, 'old')} OR {_unspaced(kind, 'new')}",
                              f"{cjk_remove} {cjk_reinsert}"),
        "search_cjk_delete": ("DELETE", "", cjk_remove),
    }
    return {f"{table}_{name}": f"CREATE TRIGGER {table}_{name} AFTER {event} ON {table} "
                               f"{f'WHEN {when} ' if when else ''}BEGIN {statements} END"
            for name, (event, when, statements) in made.items()}


def search_fill(kind: Kind, first_id: int, last_id: int) -> tuple[str, str]:
    """The statements that put `kind`'s records with ids first_id..last_id into the search indexes at
    once, as the insert triggers would one by one (core.services.bulk, with the triggers set aside)."""
    rows = f"FROM {kind.table} r WHERE r.id BETWEEN {int(first_id)} AND {int(last_id)}"
    return (f"INSERT INTO search_index {_COLUMNS} SELECT {_search_values(kind, 'r')} {rows}",
            f"INSERT INTO search_index_cjk {_COLUMNS} SELECT {_search_values(kind, 'r')} {rows} "
            f"AND ({_unspaced(kind, 'r')})")
