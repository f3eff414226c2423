"""The packs of recommendations, government undertakings, risk assessments and documents, and their
sections in the debate pack, read back from the PDF: what a member would look for is there, and a public
pack leaves out what the committee has not made public."""

from __future__ import annotations

import re

import pytest
from briefing_helpers import SECRET, TODAY, body_text, has_words, pdf_text, squeeze
from pypdf import PdfReader

from r2p_desktop.core.formatting import long_date
from r2p_desktop.reports import PACK_TITLES, PackOptions, export_pack


def export(database, tmp_path, pack, **options):
    result = export_pack(database, PackOptions(pack=pack, **options), tmp_path / f"{pack}.pdf")
    return result, body_text(result.path)


def test_the_recommendations_report_has_the_scorecard_and_each_recommendation_by_session(database, whole_record,
                                                                                          tmp_path):
    result, text = export(database, tmp_path, "recommendations")
    assert [title for title, _ in result.sections] == ["Recommendations scorecard",
                                                        "Recommendations by mechanism and session"]
    assert squeeze("Ratify the Arms Trade Treaty & <b>report</b> on exports.") in text  # printed literally
    assert squeeze("ACCEPTED BUT NOT YET IMPLEMENTED (2)") in text  # the committee's own is counted too
    for expected in ("UPR · session 14 (2)", "UPR · session 9 (1)", "Norway", "Noted", "In progress",
                     whole_record["question_ref"], "Abolish the death penalty."):
        assert squeeze(expected) in text, expected
    assert text.index(squeeze("UPR · session 14")) < text.index(squeeze("UPR · session 9 ("))
    nested = [item.title for item in PdfReader(str(result.path)).outline if isinstance(item, list) for item in item]
    assert nested == ["UPR · session 14 (2)", "UPR · session 9 (1)"]


def test_the_undertakings_register_puts_the_overdue_first_with_their_dates_and_extensions(database, whole_record,
                                                                                         tmp_path):
    result, text = export(database, tmp_path, "undertakings")
    assert [title for title, _ in result.sections] == ["Overdue", "Due soon", "Pending", "Partly implemented",
                                                        "Implemented", "Dropped"]
    assert dict(result.sections)["Overdue"] == 2 and dict(result.sections)["Dropped"] == 1
    overdue_due = long_date(TODAY.fromordinal(TODAY.toordinal() - 10))
    for expected in ("Publish the early-warning methodology", overdue_due, "extended once", "Carla Minister",
                     "Answer to WQ-1", "Debate: Last year's debate", "The centre was sold instead."):
        assert squeeze(expected) in text, expected
    assert text.index(squeeze("Publish the early-warning")) < text.index(squeeze("Report to the Assembly")) \
        < text.index(squeeze("Review the hate speech law"))


def test_a_public_undertakings_register_leaves_out_the_committees_own(database, whole_record, tmp_path):
    committee, committee_text = export(database, tmp_path, "undertakings")
    public = export_pack(database, PackOptions(pack="undertakings", audience="public"), tmp_path / "public.pdf")
    text = pdf_text(public.path)
    assert squeeze(f"Undertaking {SECRET} ten") in committee_text
    assert SECRET not in text and squeeze("Publish the early-warning methodology") in squeeze(text)
    assert dict(public.sections)["Overdue"] == 1 and dict(committee.sections)["Overdue"] == 2


def test_the_risk_assessment_shows_each_factor_with_both_years_levels_and_the_change(database, whole_record,
                                                                                    tmp_path):
    result, text = export(database, tmp_path, "risk")
    this_year, last_year = TODAY.year, TODAY.year - 1
    number, title = whole_record["factors"][1]  # factor 2: elevated last year, high this year
    assert squeeze(f"{number}{title}ElevatedHigh↑higher") in text
    number, title = whole_record["factors"][0]  # factor 1: moderate both years
    assert squeeze(f"{number}{title}ModerateModerate=same") in text
    assert squeeze(f"Note on factor 3 in {this_year}") in text and f"factor3in{last_year}" not in text
    assert squeeze("Evidence: Document: NHRI risk assessment") in text
    assert dict(result.sections) == {"Risk factors against last year": 14, "Findings with notes and evidence": 14}
    assert squeeze(f"{this_year}: Risk assessment {this_year} · against {last_year}") in squeeze(
        pdf_text(result.path))
    assert "保护责任" in pdf_text(result.path)  # the source document's title, in its own script


def test_the_document_register_lists_title_kind_author_and_attached_file(database, whole_record, tmp_path):
    _, text = export(database, tmp_path, "documents")
    assert squeeze("Government reply on early warningGovernment replyMinistry of Foreign Affairs") in text
    assert squeeze("reply.pdf (46.9 KB)") in text and squeeze(f"Intelligence brief {SECRET} eight") in text
    _, public = export(database, tmp_path / "..", "documents", audience="public")
    assert SECRET not in public and squeeze("NHRI risk assessment") in public


def test_the_debate_pack_has_the_scorecard_undertakings_risk_and_documents(database, whole_record, tmp_path):
    result = export_pack(database, PackOptions(debate_id=whole_record["debate"], audience="public"),
                         tmp_path / "debate.pdf")
    text = body_text(result.path)
    counts = dict(result.sections)
    assert counts["Recommendations scorecard"] == 2 and counts["Government undertakings"] == 3
    assert counts["Atrocity risk assessment"] == 14 and counts["Documents for the debate"] == 2
    for expected in ("ACCEPTED BUT NOT YET IMPLEMENTED (1)", "Overdue (1)", "Due soon (1)", "Pending (1)",
                     "Publish the early-warning methodology", "↑ higher", "Government reply on early warning",
                     "NHRI risk assessment"):
        assert squeeze(expected) in text, expected
    assert SECRET not in pdf_text(result.path)
    assert "The centre was sold instead." not in text  # the debate pack lists what is still owed


def test_long_and_arabic_undertakings_print_in_full(database, whole_record, tmp_path):
    from r2p_desktop.core.models import Undertaking

    arabic = "تعهدت الحكومة بنشر التقرير"
    long = "BEGIN " + " ".join(f"step{n}x" for n in range(3000)) + " FINISH"
    with database.session() as s:
        s.add_all([Undertaking(text=arabic, given_on=TODAY, due_on=TODAY, confidentiality="public"),
                   Undertaking(text=long, given_on=TODAY, due_on=TODAY, confidentiality="public")])
        s.commit()
    result, text = export(database, tmp_path, "undertakings")
    # The record's other cells print beside its first rows, so the text comes back in pieces, all of it.
    assert squeeze(long[:1000]) in text and squeeze(long[-1000:]) in text
    assert [int(n) for n in re.findall(r"step(\d+)x", text)] == list(range(3000))
    assert has_words(arabic, pdf_text(result.path))


@pytest.mark.parametrize("pack", ["recommendations", "undertakings", "risk", "documents"])
def test_a_new_pack_of_an_empty_record_says_so(database, tmp_path, pack):
    result, _ = export(database, tmp_path, pack)
    assert result.pages >= 2 and squeeze(PACK_TITLES[pack]) in squeeze(pdf_text(result.path))


def test_the_undertakings_pack_counts_due_soon_as_the_view_and_dashboard_do(database, whole_record, tmp_path):
    from datetime import timedelta

    from r2p_desktop.core.models import Undertaking
    from r2p_desktop.core.services import undertakings

    with database.session() as s:  # due in three weeks: beyond the service's two, so only pending
        s.add(Undertaking(text="Consult the NHRI on the bill", given_on=TODAY, confidentiality="public",
                          due_on=TODAY + timedelta(days=undertakings.DUE_SOON_DAYS + 7)))
        s.commit()
    with database.read_session() as session:
        listed = undertakings.list_undertakings(session, undertakings.UndertakingFilter(status=undertakings.DUE_SOON))
    result, text = export(database, tmp_path, "undertakings")
    counts = dict(result.sections)
    assert counts["Due soon"] == len(listed) == 1 and counts["Pending"] == 2
    assert [row["text"] for row in listed] == ["Report to the Assembly on mediation funding"]
    assert squeeze("Consult the NHRI on the bill") in text


def test_a_risk_pack_of_an_assessment_with_three_factors_assessed_says_three(database, whole_record, tmp_path):
    from r2p_desktop.core.models import RiskFinding
    from r2p_desktop.core.services import risk_assessments

    with database.session() as s:  # next year's, made from nothing: every factor not assessed, then three
        assessment_id = risk_assessments.create(s, {"year": TODAY.year + 1, "title": "Next year",
                                                    "confidentiality": "public"})
        for finding_id in risk_assessments.finding_ids(s, assessment_id)[:3]:
            risk_assessments.save_finding(s, finding_id, level="high", note=f"Found {finding_id}")
        s.commit()
        unassessed = s.get(RiskFinding, risk_assessments.finding_ids(s, assessment_id)[3]).risk_factor.title
    result, text = export(database, tmp_path, "risk")
    assert dict(result.sections) == {"Risk factors against last year": 14, "Findings with notes and evidence": 3}
    assert text.count(squeeze("Not assessed")) == 11 and "Nonote." not in text
    findings = text[text.index(squeeze("Findings with notes and evidence"), text.index(squeeze("Change"))):]
    assert squeeze(unassessed) not in findings  # its (empty) finding is not printed as assessed
    assert findings.count(squeeze("NOTE Found")) == 3  # the notes of the three assessed, and no other


def test_the_document_register_never_reads_the_files_text(database, whole_record, tmp_path):
    from sqlalchemy import event

    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", seen)
    try:
        export(database, tmp_path, "documents")
        export_pack(database, PackOptions(debate_id=whole_record["debate"]), tmp_path / "debate.pdf")
        export(database, tmp_path, "risk")  # the assessment's source document
    finally:
        event.remove(database.engine, "before_cursor_execute", seen)
    documents = [s for s in statements if "FROM documents" in s]
    assert documents and not [s for s in documents if "file_text" in s]
