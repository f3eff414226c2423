"""Akoma Ntoso export of a debate (`r2p export debate --format akn`): the file validates against the OASIS
Akoma Ntoso 3.0 schema (kept in tests/schemas/akn, loaded once), its agenda items are debateSections
headed by their titles, speakers and the members and ministers of linked questions are TLCPerson
references that `by=` and `refersTo=` point at, the questions and answers carry their texts, Arabic,
Chinese and markup characters survive, the audience decides what goes out, and an unknown debate is one
line."""

from __future__ import annotations

import stat
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest
import xmlschema
from answered_question import add_answered_question

from r2p_desktop.core.errors import R2PError
from r2p_desktop.core.models import Debate, Person, Question
from r2p_desktop.core.safe_file import current_umask
from r2p_desktop.core.services import agenda, records
from r2p_desktop.exchange.akoma_ntoso import export_debate, speaker_names

SCHEMAS = Path(__file__).parent / "schemas" / "akn"
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"
WORLD_TEXT = 'حماية المدنيين / 保护平民 <b>"Early warning"</b> & co; a < b'


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    """The OASIS schema, read once for the module; its import of xml.xsd resolves to the copy beside it."""
    return xmlschema.XMLSchema(str(SCHEMAS / "akomantoso30.xsd"),
                               locations={"http://www.w3.org/XML/1998/namespace": str(SCHEMAS / "xml.xsd")})


@pytest.fixture
def debate_id(database) -> int:
    """A debate with two agenda items: the first discusses the answered question and one left unanswered,
    with three speakers typed on lines and after semicolons; the second's title and notes are in Arabic,
    Chinese and markup characters."""
    answered = add_answered_question(database)
    with database.session() as s:
        asker = records.create(s, Person, {"full_name": "Amina Okafor"})
        s.get(Question, answered).asked_by_id = asker
        waiting = records.create(s, Question, {"title": "Early warning budget", "status": "tabled",
                                               "date_tabled": date(2026, 5, 1),
                                               "question_text": "What will the early warning unit cost?"})
        debate = records.create(s, Debate, {"title": "Debate on atrocity prevention", "date": date(2026, 5, 12),
                                            "chamber": "National Assembly", "outcome": "Motion agreed."})
        agenda.add_item(s, debate, {"title": "Witness protection", "description": "The bill's timetable.",
                                    "speakers": "Amina Okafor\nDario Velasquez; Lena Lindqvist",
                                    "outcome_notes": "The minister will report back."},
                        links=[{"question_id": answered}, {"question_id": waiting}])
        agenda.add_item(s, debate, {"title": WORLD_TEXT, "outcome_notes": WORLD_TEXT, "speakers": "李明, سارة"})
        secret = records.create(s, Question, {"title": "Closed briefing question", "confidentiality": "restricted",
                                              "question_text": "Restricted text"})
        agenda.add_item(s, debate, {"title": "Closed item"}, links=[{"question_id": secret}])
        s.commit()
        return debate


def exported(database, debate_id: int, out: Path, **options) -> ET.Element:
    with database.read_session() as session:
        export_debate(session, debate_id, out, **options)
    return ET.parse(out).getroot()


def test_the_export_validates_against_the_oasis_schema(database, debate_id, tmp_path, schema):
    out = tmp_path / "debate.xml"
    exported(database, debate_id, out)
    schema.validate(str(out))  # raises, naming the element, if the document is not Akoma Ntoso 3.0


def test_agenda_items_are_debate_sections_headed_by_their_titles(database, debate_id, tmp_path):
    root = exported(database, debate_id, tmp_path / "debate.xml")
    headings = [section.find(f"{AKN}heading").text for section in root.iter(f"{AKN}debateSection")]
    assert headings == ["Witness protection", WORLD_TEXT, "Closed item"]
    assert root.find(f".//{AKN}docTitle").text == "Debate on atrocity prevention"
    assert root.find(f".//{AKN}docDate").get("date") == "2026-05-12"


def test_linked_questions_carry_their_question_and_answer_texts(database, debate_id, tmp_path):
    root = exported(database, debate_id, tmp_path / "debate.xml")
    questions = root.findall(f".//{AKN}questions/{AKN}question")
    assert [q.find(f"{AKN}heading").text for q in questions] == [
        "WQ 2025/901: Witness protection for atrocity trials", "Early warning budget"]
    assert questions[1].find(f"{AKN}p").text == "What will the early warning unit cost?"
    answers = root.findall(f".//{AKN}answer")
    assert [a.find(f"{AKN}p").text for a in answers] == ["The ministry will table a witness protection bill."]


def test_speakers_are_person_references_that_by_and_refers_to_point_at(database, debate_id, tmp_path):
    root = exported(database, debate_id, tmp_path / "debate.xml")
    persons = {p.get("eId"): p.get("showAs") for p in root.iter(f"{AKN}TLCPerson")}
    # "Not recorded" stands for the member of the unanswered question, whom nobody entered.
    assert sorted(persons.values()) == sorted(["Amina Okafor", "Dario Velasquez", "Lena Lindqvist", "李明", "سارة",
                                               "Not recorded"])
    by_name = {name: eid for eid, name in persons.items()}
    question, answer = root.find(f".//{AKN}question"), root.find(f".//{AKN}answer")
    assert question.get("by") == f"#{by_name['Amina Okafor']}"
    assert answer.get("by") == f"#{by_name['Dario Velasquez']}"  # the same person as the typed speaker
    spoke = [p.get("refersTo") for p in root.iter(f"{AKN}person")]
    assert spoke == [f"#{by_name[n]}" for n in ("Amina Okafor", "Dario Velasquez", "Lena Lindqvist", "李明", "سارة")]
    organizations = [o.get("showAs") for o in root.iter(f"{AKN}TLCOrganization")]
    assert "Ministry of Justice" in organizations


def test_arabic_chinese_and_markup_survive_validation(database, debate_id, tmp_path, schema):
    out = tmp_path / "debate.xml"
    root = exported(database, debate_id, out)
    schema.validate(str(out))
    assert [summary.text for summary in root.iter(f"{AKN}summary")] == ["The minister will report back.", WORLD_TEXT]
    assert [person.text for person in root.iter(f"{AKN}person")][-2:] == ["李明", "سارة"]
    assert "&lt;b&gt;" in out.read_text(encoding="utf-8")


def test_the_audience_leaves_restricted_questions_out(database, debate_id, tmp_path, schema):
    committee = tmp_path / "committee.xml"
    text = ET.tostring(exported(database, debate_id, committee), encoding="unicode")
    assert "Closed briefing question" not in text
    assert stat.S_IMODE(committee.stat().st_mode) == 0o666 & ~current_umask()  # for sharing, as the umask says
    everything = tmp_path / "all.xml"
    text = ET.tostring(exported(database, debate_id, everything, audience="all"), encoding="unicode")
    assert "Closed briefing question" in text and "Restricted text" in text
    assert stat.S_IMODE(everything.stat().st_mode) == 0o600  # restricted: its owner's only
    schema.validate(str(everything))


def test_the_same_records_give_the_same_file(database, debate_id, tmp_path):
    exported(database, debate_id, tmp_path / "first.xml")
    exported(database, debate_id, tmp_path / "second.xml")
    assert (tmp_path / "first.xml").read_bytes() == (tmp_path / "second.xml").read_bytes()


def test_an_empty_debate_still_validates(database, tmp_path, schema):
    with database.session() as s:
        debate = records.create(s, Debate, {"title": "Planned sitting"})
        s.commit()
    out = tmp_path / "empty.xml"
    exported(database, debate, out)
    schema.validate(str(out))


def test_an_unknown_debate_is_one_line_and_writes_nothing(database, tmp_path):
    out = tmp_path / "debate.xml"
    with database.read_session() as session, pytest.raises(R2PError) as refusal:
        export_debate(session, 999, out)
    assert str(refusal.value) == "there is no debate with id 999"
    assert not out.exists()


def test_a_restricted_debate_is_not_for_the_committee(database, tmp_path):
    with database.session() as s:
        debate = records.create(s, Debate, {"title": "Closed briefing", "confidentiality": "restricted"})
        s.commit()
    with database.read_session() as session, pytest.raises(R2PError, match="add --audience all"):
        export_debate(session, debate, tmp_path / "debate.xml")


def test_speaker_lists_split_on_lines_semicolons_and_commas():
    assert speaker_names("Amina Okafor\n Dario Velasquez;Lena Lindqvist, amina okafor\n\n") == [
        "Amina Okafor", "Dario Velasquez", "Lena Lindqvist"]
    assert speaker_names("") == []


def test_r2p_export_debate_writes_akoma_ntoso(r2p, debate_id, tmp_path, schema):
    out = tmp_path / "debate.xml"
    result = r2p("export", "debate", "--id", str(debate_id), "--format", "akn", "--out", str(out))
    assert result.code == 0, result.err
    assert "3 agenda items" in result.out and str(out) in result.out
    schema.validate(str(out))


def test_r2p_export_debate_of_an_unknown_id_is_one_line(r2p, tmp_path):
    result = r2p("export", "debate", "--id", "999", "--format", "akn", "--out", str(tmp_path / "d.xml"))
    assert result.code == 1
    assert result.err.strip().count("\n") == 0 and "no debate with id 999" in result.err
    assert not (tmp_path / "d.xml").exists()
