"""Packs a member can trust: a public pack says what is withheld instead of a figure it cannot state, the
figures agree with each other and are defined, every table says its source and date, records are named
by reference, and the debate pack holds in full only what the debate needs."""

from __future__ import annotations

import re
import subprocess
from datetime import timedelta

import pytest
from briefing_helpers import DEBATE_DAY, TODAY, add_question, pdf_text, squeeze
from sqlalchemy import select

from r2p_desktop.core.formatting import long_date
from r2p_desktop.core.models import (
    Body,
    BudgetItem,
    Commitment,
    CommitmentAssessment,
    Debate,
    Person,
    Question,
)
from r2p_desktop.core.services import directory, records
from r2p_desktop.reports import PackOptions, export_pack


def _export(database, tmp_path, name="pack.pdf", **options):
    result = export_pack(database, PackOptions(**options), tmp_path / name)
    return result, pdf_text(result.path)


def _assess_every_commitment_in_committee(database):
    with database.session() as s:
        for n, commitment in enumerate(s.scalars(select(Commitment))):
            s.add(CommitmentAssessment(commitment=commitment, status=("achieved", "in_progress")[n % 2],
                                       confidentiality="committee"))
        s.add(Debate(title="Annual R2P debate", date=DEBATE_DAY, status="planned", confidentiality="public"))
        s.commit()


def test_a_public_pack_says_assessments_are_not_published_and_never_counts_them_as_not_started(database,
                                                                                               tmp_path):
    _assess_every_commitment_in_committee(database)
    _, public = _export(database, tmp_path, audience="public")
    text = squeeze(public)
    summary = text[text.index("Executivesummary", 1000):text.index("DEFINITIONS")]
    assert "Commitmentsachieved" not in summary and "of127" not in summary and "Notpublished" in summary
    scorecard = text[text.index("assessmentsofthecommitmentsarenotpublished;"):text.index("Recommendationsscorecard",
                                                                                         3000)]
    assert "Notstarted" not in scorecard and scorecard.count("Notpublished") == 127
    _, committee = _export(database, tmp_path, "committee.pdf")
    assert "Not published" not in committee and "Achieved" in committee  # the committee sees its assessments


def test_a_budget_line_whose_previous_year_is_withheld_is_not_called_new(database, tmp_path):
    with database.session() as s:
        s.add_all([BudgetItem(fiscal_year=TODAY.year, programme="Mediation fund", currency="EUR", scope="other",
                              amount_allocated=200_00, confidentiality="public"),
                   BudgetItem(fiscal_year=TODAY.year - 1, programme="Mediation fund", currency="EUR", scope="other",
                              amount_allocated=100_00, confidentiality="committee"),
                   BudgetItem(fiscal_year=TODAY.year, programme="Brand new line", currency="EUR", scope="other",
                              amount_allocated=100_00, confidentiality="public")])
        s.commit()
    _, public = _export(database, tmp_path, pack="budget", audience="public", since=TODAY.replace(month=1, day=1))
    assert "MediationfundOtherEUR200previousyearnotpublished" in squeeze(public)
    assert "BrandnewlineOtherEUR100new" in squeeze(public)
    _, committee = _export(database, tmp_path, "committee.pdf", pack="budget", since=TODAY.replace(month=1, day=1))
    assert "+100.0%" in committee and "not published" not in committee


def test_figures_over_public_records_only_say_so_with_their_source_and_date(database, tmp_path):
    with database.session() as s:
        add_question(s, reference="WQ-9", title="Public question", answer="An answer.")
        s.commit()
    _, public = _export(database, tmp_path, pack="questions", audience="public")
    as_at = f"as at {long_date(TODAY)}"
    assert squeeze("Questions tabled (public records)") in squeeze(public)
    assert squeeze("Public records only") in squeeze(public) and squeeze(as_at) in squeeze(public)
    _, committee = _export(database, tmp_path, "committee.pdf", pack="questions")
    assert squeeze(as_at) in squeeze(committee) and "public records" not in committee.lower()


def test_public_questions_keep_their_asker_and_ministry_when_the_names_were_created_by_import(database, tmp_path):
    with database.session() as s:  # the question form and the question import create names here
        asker = directory.resolve_name(s, Person, "Dana Asker", field="asked_by_id").id
        ministry = directory.resolve_name(s, Body, "Ministry of Justice", field="addressed_to_id").id
        records.create(s, Question, {"reference": "WQ-77", "title": "Who asked", "status": "tabled",
                                     "date_tabled": TODAY - timedelta(5), "answer_due": TODAY - timedelta(1),
                                     "asked_by_id": asker, "addressed_to_id": ministry,
                                     "confidentiality": "public"})
        s.commit()
        assert s.get(Person, asker).confidentiality == "public" and s.get(Body, ministry).confidentiality == "public"
    _, public = _export(database, tmp_path, pack="questions", audience="public")
    assert squeeze("asked by Dana Asker") in squeeze(public)
    assert squeeze("to the Ministry of Justice") in squeeze(public)


def test_the_answered_figure_and_the_chart_count_closed_questions_with_answers_alike(database, tmp_path):
    with database.session() as s:
        for n in range(3):
            add_question(s, reference=f"WQ-C{n}", title=f"Closed answered {n}", answer="Answered, then closed.")
        s.flush()
        for question in s.scalars(select(Question)):
            question.status = "closed"  # answered, and closed since
        add_question(s, reference="WQ-A", title="Answered and open", answer="An answer.")
        add_question(s, reference="WQ-T", title="Still tabled")
        s.commit()
    from r2p_desktop.core.audience import audience_session
    from r2p_desktop.reports.pack_data import DEFINITIONS, gather

    with audience_session(database, "committee") as session:
        pack = gather(session, PackOptions(pack="questions"))
    summary = pack.sections[0].data
    tile = dict(summary.figures)["Answered"]
    assert tile == "4" and dict(summary.by_status)["answered"] == 4 and dict(summary.by_status)["closed"] == 0
    _, text = _export(database, tmp_path, pack="questions")
    assert "Definitions".upper() in text and squeeze(DEFINITIONS["Answered"]) in squeeze(text)


def test_agenda_and_scorecard_name_their_records_by_reference_and_status(database, record, tmp_path):
    with database.session() as s:
        question = s.get(Question, record["public_q"])
        reference = question.commitments[0].reference
    _, text = _export(database, tmp_path, debate_id=record["debate"])
    agenda = squeeze(text)[squeeze(text).index("1.Openingstatement"):]
    assert agenda.index("WQ-1:Publicquestiononearlywarning") < agenda.index("Answered")
    scorecard = squeeze(text)[squeeze(text).index("Commitmentsscorecard", 2000):]
    assert "WQ-1(answered)" in scorecard and "1questions" not in scorecard
    assert squeeze(reference) in scorecard and squeeze("Sources:") in scorecard


def _many_questions(database, count):
    """`count` questions answered on time, a few overdue and one on the agenda, for a debate."""
    from r2p_desktop.core.models import AgendaItem, AgendaItemLink

    with database.session() as s:
        debate = Debate(title="Annual R2P debate", date=DEBATE_DAY, status="planned", confidentiality="public")
        s.add(debate)
        questions = []
        for n in range(count):
            overdue = n % 100 == 0
            questions.append(add_question(s, reference=f"WQ-{n:05d}", title=f"Question number {n}",
                                          answer="" if overdue else f"Answer {n} " + "with some words " * 12,
                                          due=TODAY - timedelta(5) if overdue else TODAY + timedelta(30),
                                          text=f"Text of question {n} " + "asking about prevention " * 10))
        item = AgendaItem(debate=debate, position=0, title="Early warning", confidentiality="public")
        s.add(item)
        s.flush()
        s.add(AgendaItemLink(agenda_item_id=item.id, question_id=questions[7].id))
        s.commit()


@pytest.mark.slow
def test_the_debate_pack_holds_in_full_what_the_debate_needs_and_every_question_in_its_annex(database, tmp_path):
    _many_questions(database, 2000)
    short, text = _export(database, tmp_path, "short.pdf")
    full, _ = _export(database, tmp_path, "full.pdf", full=True)
    assert short.pages * 2 < full.pages, (short.pages, full.pages)
    squeezed = squeeze(text)
    annex = squeezed[squeezed.rindex("Annex:indexofquestions"):]
    assert all(f"WQ-{n:05d}" in annex for n in range(2000))
    assert "Answer7with" in squeezed and "Answer8with" not in squeezed  # on the agenda; not needed
    assert "WQ-00100" in squeezed[:squeezed.index("Annex:indexofquestions", 3000)]  # overdue: in full


def test_no_date_is_broken_and_headers_repeat_only_after_page_breaks(database, tmp_path):
    _many_questions(database, 300)
    result, _ = _export(database, tmp_path, pack="questions")
    layout = subprocess.run(["pdftotext", "-layout", str(result.path), "-"], capture_output=True, text=True,
                            check=True).stdout
    pages = layout.split("\f")
    month = "January|February|March|April|May|June|July|August|September|October|November|December"
    for page in pages:
        for line in page.splitlines():
            assert not re.search(rf"\b\d{{1,2}} ({month})\s*$", line), line  # a date cut before its year
            assert not re.search(r"\d{4}-\d\d-\d$", line), line
    annex = [page for page in pages if "Reference" in page and "Ministry" in page]
    assert len(annex) > 3
    for page in annex:  # one header on each page of the annex, at its top
        assert len(re.findall(r"Reference\s+Title\s+Ministry", page)) == 1


def test_a_question_in_which_an_undertaking_is_still_pending_is_printed_in_full(database, tmp_path):
    from r2p_desktop.core.models import Undertaking

    _many_questions(database, 20)
    with database.session() as s:
        question = s.scalars(select(Question).where(Question.reference == "WQ-00012")).one()
        s.add(Undertaking(text="Publish the review", question=question, given_on=TODAY - timedelta(30),
                          due_on=TODAY + timedelta(30), confidentiality="public"))
        s.commit()
    _, text = _export(database, tmp_path)
    assert "Answer12with" in squeeze(text) and "Answer13with" not in squeeze(text)
