"""A debate as an Akoma Ntoso 3.0 `debate` document (OASIS LegalDocML), the open format parliaments publish
debate records in: its agenda items as `debateSection`s, the people who spoke and the members and
ministers of its linked questions as TLCPerson references, bodies as TLCOrganization, and the linked
questions with their answers as `question` and `answer` speeches.

Written with ElementTree, which escapes markup characters, so any text a clerk typed (Arabic, Chinese,
`<`, `&`) arrives as typed. Only what the audience may read goes out."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ..core.audience import ALLOWED, seen_by
from ..core.errors import R2PError
from ..core.models import AgendaItem, AgendaItemLink, Body, Confidentiality, Debate, Person, Question
from ..core.safe_file import replaced_on_success

NAMESPACE = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AUDIENCES = tuple(ALLOWED)
SOURCE = "#r2p"  # the TLC that made the document: this program, for the committee
COUNTRY = "un"  # FRBRcountry is required; the committee's country is not recorded, so the UN's code
LANGUAGE = "eng"  # the language of the record's own words (headings), ISO 639-2 as Akoma Ntoso uses
NOT_RECORDED = "notRecorded"  # a question or answer whose member or minister was not recorded

# A speaker list is typed one a line, or separated by semicolons or commas ("Ms Okafor; Mr Lindqvist").
_SPEAKER_SEPARATORS = re.compile(r"[\n;,،、；，]+")


@dataclass(frozen=True)
class DebateExport:
    """What went into the file: sections, questions, people, and whether it holds restricted records."""

    sections: int
    questions: int
    people: int
    restricted_written: bool


def speaker_names(text: str) -> list[str]:
    """The names in an agenda item's speakers field, in order, each once."""
    names: list[str] = []
    for part in _SPEAKER_SEPARATORS.split(text or ""):
        name = " ".join(part.split())
        if name and name.casefold() not in (n.casefold() for n in names):
            names.append(name)
    return names


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{NAMESPACE}}}{tag}", {k.rstrip("_"): v for k, v in attributes.items()})
    if text is not None:
        element.text = text
    return element


def _split_paragraphs(text: str) -> list[str]:
    """The paragraphs (blank-line separated) of `text`; lines within one are kept."""
    return [block.strip() for block in re.split(r"\n\s*\n", text.strip()) if block.strip()]


def _paragraphs(parent: ET.Element, text: str) -> None:
    for paragraph in _split_paragraphs(text):
        _element(parent, "p", paragraph)


class _People:
    """The TLCPerson and TLCOrganization references of the document, each once, with valid unique eIds."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.persons: dict[str, tuple[str, str]] = {}  # eId -> (href, showAs)
        self.organizations: dict[str, tuple[str, str]] = {}
        self._by_name: dict[str, str] = {}
        self._people_by_name: dict[str, Person] | None = None

    def person(self, person: Person) -> str:
        eid = f"person_{person.id}"
        self.persons.setdefault(eid, (f"/akn/ontology/person/r2p/{person.uid}", person.full_name))
        self._by_name.setdefault(person.full_name.casefold(), eid)
        return eid

    def speaker(self, name: str) -> str:
        """A typed speaker: the person of that name in the directory if there is one the audience may
        read, else a person known by the name alone."""
        key = name.casefold()
        if key in self._by_name:
            return self._by_name[key]
        if self._people_by_name is None:
            self._people_by_name = {p.full_name.casefold(): p for p in self.session.scalars(select(Person))}
        if key in self._people_by_name:
            return self.person(self._people_by_name[key])
        eid = f"speaker_{sum(1 for known in self.persons if known.startswith('speaker_')) + 1}"
        self.persons[eid] = (f"/akn/ontology/person/r2p/{eid}", name)
        self._by_name[key] = eid
        return eid

    def body(self, body: Body) -> str:
        eid = f"body_{body.id}"
        self.organizations.setdefault(eid, (f"/akn/ontology/organization/r2p/{body.uid}", body.name))
        return eid

    def not_recorded(self) -> str:
        self.persons.setdefault(NOT_RECORDED, (f"/akn/ontology/person/r2p/{NOT_RECORDED}", "Not recorded"))
        return NOT_RECORDED


def _identification(meta: ET.Element, debate: Debate, day: date) -> None:
    """The FRBR identity of the document, by the Akoma Ntoso naming convention: the debate (work), its
    English text (expression), this XML file of it (manifestation), dated by the debate's last change so
    the same records give the same file."""
    work = f"/akn/{COUNTRY}/debate/{day.isoformat()}/r2p-{debate.id}"
    expression = f"{work}/{LANGUAGE}@"
    changed = debate.updated_at.date()
    levels = (("FRBRWork", f"{work}/!main", work, day, "debate"),
              ("FRBRExpression", f"{expression}/!main", expression, day, "debate"),
              ("FRBRManifestation", f"{expression}/!main.xml", f"{expression}.akn", changed, "lastChange"))
    identification = _element(meta, "identification", source=SOURCE)
    for tag, this, uri, when, date_name in levels:
        level = _element(identification, tag)
        _element(level, "FRBRthis", value=this)
        _element(level, "FRBRuri", value=uri)
        _element(level, "FRBRdate", date=when.isoformat(), name=date_name)
        _element(level, "FRBRauthor", href=SOURCE)
        if tag == "FRBRWork":
            _element(level, "FRBRcountry", value=COUNTRY)
        if tag == "FRBRExpression":
            _element(level, "FRBRlanguage", language=LANGUAGE)


def _question(parent: ET.Element, eid: str, question: Question, people: _People) -> None:
    asker = people.person(question.asked_by) if question.asked_by else people.not_recorded()
    asked = _element(parent, "question", eId=f"{eid}__question", by=f"#{asker}")
    heading = f"{question.reference}: {question.title}" if question.reference else question.title
    _element(asked, "heading", heading)
    if question.asked_by:
        _element(asked, "from", question.asked_by.full_name)
    _paragraphs(asked, question.question_text or question.title)
    answer_text = question.answer_text or question.holding_answer_text
    if not answer_text:
        return
    # The minister who answered, else the body the question was addressed to (named in references too).
    ministry = people.body(question.addressed_to) if question.addressed_to else None
    if question.answered_by:
        by, name = people.person(question.answered_by), question.answered_by.full_name
    elif question.addressed_to and ministry:
        by, name = ministry, question.addressed_to.name
    else:
        by, name = people.not_recorded(), ""
    answer = _element(parent, "answer", eId=f"{eid}__answer", by=f"#{by}")
    if not question.answer_text:
        _element(answer, "heading", "Holding answer")
    if name:
        _element(answer, "from", name)
    _paragraphs(answer, answer_text)


def _section(body: ET.Element, number: int, item: AgendaItem, questions: list[Question],
             people: _People) -> None:
    eid = f"dbsect_{number}"
    section = _element(body, "debateSection", eId=eid, name="agendaItem")
    _element(section, "num", str(number))
    _element(section, "heading", item.title)
    if item.description.strip():  # the item as the agenda describes it: paragraphs (blocks)
        _paragraphs(_element(section, "other", eId=f"{eid}__other_1"), item.description)
    speakers = [(name, people.speaker(name)) for name in speaker_names(item.speakers)]
    if speakers:  # who spoke, as a narrative line naming each speaker's person reference
        line = _element(section, "narrative", "Speakers: ", eId=f"{eid}__narrative_1")
        for index, (name, ref) in enumerate(speakers):
            person = _element(line, "person", name, refersTo=f"#{ref}", as_="#speaker")
            person.tail = ", " if index < len(speakers) - 1 else None
    if questions:
        block = _element(section, "questions", eId=f"{eid}__questions")
        _element(block, "heading", "Questions")
        for index, question in enumerate(questions, start=1):
            _question(block, f"{eid}__questions__qst_{index}", question, people)
    # What the item came to: a summary (inline text) a paragraph.
    for index, paragraph in enumerate(_split_paragraphs(item.outcome_notes), start=1):
        _element(section, "summary", paragraph, eId=f"{eid}__summary_{index}")
    if len(section) == 2:  # a debateSection must hold something besides its number and heading
        _element(section, "narrative", "No notes recorded.", eId=f"{eid}__narrative_1")


def _linked_questions(session: Session, item: AgendaItem) -> list[Question]:
    query = (select(Question).join(AgendaItemLink, AgendaItemLink.question_id == Question.id)
             .where(AgendaItemLink.agenda_item_id == item.id).order_by(AgendaItemLink.id)
             .options(selectinload(Question.asked_by), selectinload(Question.answered_by),
                      selectinload(Question.addressed_to)))
    return list(session.scalars(query))


def _restricted(records: list[object | None]) -> bool:
    return any(getattr(record, "confidentiality", None) == Confidentiality.RESTRICTED for record in records)


def export_debate(session: Session, debate_id: int, out: Path, *, audience: str = "committee") -> DebateExport:
    """Write debate `debate_id` as Akoma Ntoso to `out`, beside it and then moved into place. What the
    audience may not read is left out; a file holding a restricted record is readable by its owner only.
    `session` is an unfiltered read session, opened for this export alone."""
    out = Path(out)
    if audience not in AUDIENCES:
        raise R2PError(f"audience must be one of {', '.join(AUDIENCES)} (not {audience!r})")
    if not out.parent.is_dir():
        raise R2PError(f"{out.parent}: no such folder; nothing was exported")
    ET.register_namespace("", NAMESPACE)
    exists = bool(session.scalar(select(func.count()).select_from(Debate).where(Debate.id == debate_id)))
    with seen_by(session, audience):
        debate = session.scalars(select(Debate).where(Debate.id == debate_id)).one_or_none()
        if debate is None:
            raise R2PError(f"debate {debate_id} is not for the {audience} audience; add --audience all"
                           if exists else f"there is no debate with id {debate_id}")
        items = list(session.scalars(select(AgendaItem).where(AgendaItem.debate_id == debate.id)
                                     .order_by(AgendaItem.position, AgendaItem.id)))
        day = debate.date or debate.created_at.date()
        people = _People(session)
        root = ET.Element(f"{{{NAMESPACE}}}akomaNtoso")
        document = _element(root, "debate", name="debate")
        meta = _element(document, "meta")
        _identification(meta, debate, day)
        preface = _element(document, "preface")
        title = _element(preface, "p")
        _element(title, "docTitle", debate.title)
        dated = _element(preface, "p")
        _element(dated, "docDate", day.isoformat(), date=day.isoformat())
        if debate.chamber:
            _element(_element(preface, "p"), "legislature", debate.chamber)
        if debate.motion.strip():
            _paragraphs(_element(preface, "container", name="motion"), debate.motion)
        body = _element(document, "debateBody")
        named: list[object | None] = [debate, *items]
        question_count = 0
        for number, item in enumerate(items, start=1):
            questions = _linked_questions(session, item)
            question_count += len(questions)
            named += [record for q in questions for record in (q, q.asked_by, q.answered_by, q.addressed_to)]
            _section(body, number, item, questions, people)
        if not items:
            empty = _element(body, "debateSection", eId="dbsect_1", name="agendaItem")
            _element(empty, "narrative", "No agenda items recorded.", eId="dbsect_1__narrative_1")
        if debate.outcome.strip():
            _paragraphs(_element(_element(document, "conclusions"), "container", name="outcome"), debate.outcome)
        _references(meta, people)
        restricted = _restricted(named)
    # Not indented: whitespace added between a speaker line's inline names would become part of its text.
    tree = ET.ElementTree(root)
    with replaced_on_success(out, shared=not restricted) as partial:
        tree.write(partial, encoding="UTF-8", xml_declaration=True)
    return DebateExport(len(items), question_count, len(people.persons), restricted)


def _references(meta: ET.Element, people: _People) -> None:
    """The references block, placed where the schema wants it (after identification), listing the author
    and everyone the document names."""
    references = _element(meta, "references", source=SOURCE)
    _element(references, "TLCOrganization", eId="r2p", href="/akn/ontology/organization/r2p/r2p-desktop",
             showAs="R2P Desktop")
    for eid, (href, show_as) in people.organizations.items():
        _element(references, "TLCOrganization", eId=eid, href=href, showAs=show_as)
    for eid, (href, show_as) in people.persons.items():
        _element(references, "TLCPerson", eId=eid, href=href, showAs=show_as)
    _element(references, "TLCRole", eId="speaker", href="/akn/ontology/role/r2p/speaker", showAs="Speaker")


def summary_line(result: DebateExport, out: Path) -> str:
    """One line for the command line: what the document holds and where it went."""
    def count(n: int, noun: str) -> str:
        return f"{n:,} {noun}{'' if n == 1 else 's'}"
    return (f"Exported the debate ({count(result.sections, 'agenda item')}, {count(result.questions, 'question')}, "
            f"{count(result.people, 'person')}) as Akoma Ntoso to {out}.")
