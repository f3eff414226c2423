"""The committee's yearly atrocity risk assessment, without Qt: made for a year with a finding per risk
factor, started from last year's levels, compared with last year factor by factor, its findings'
evidence linked and unlinked, and a deleted document taking only its link with it."""

from __future__ import annotations

import pytest

from r2p_desktop.app import record_forms, removal, risk_assessments
from r2p_desktop.app import records as record_use_cases
from r2p_desktop.core.errors import ConflictError, ValidationError
from r2p_desktop.core.models import Document, Question, Recommendation
from r2p_desktop.core.services import records


def new_assessment(database, year: int, *, copy_previous: bool = False) -> int:
    shown = {**record_use_cases.new(database, record_forms.RISK_ASSESSMENT).shown, "year": year,
             "title": f"Atrocity risk assessment {year}"}
    changes = risk_assessments.create(database, shown, copy_previous=copy_previous)
    [assessment_id] = changes.created_ids(risk_assessments.ASSESSMENT)
    assert len(changes.created_ids(risk_assessments.FINDING)) == 14
    return assessment_id


def set_level(database, assessment_id: int, number: int, level: str, note: str = "") -> None:
    row = next(row for row in risk_assessments.comparison(database, assessment_id).rows if row.number == number)
    risk_assessments.save_finding(database, row.finding_id, level=level, note=note, expected_version=row.version)


def finding(database, assessment_id: int, number: int):
    return next(row for row in risk_assessments.comparison(database, assessment_id).rows if row.number == number)


def test_this_year_starts_from_last_years_levels_and_the_comparison_says_what_moved(database):
    last_year = new_assessment(database, 2025)
    first = risk_assessments.comparison(database, last_year)
    assert [row.number for row in first.rows] == list(range(1, 15))
    assert {row.level for row in first.rows} == {"not_assessed"} and first.previous_year is None
    assert first.rows[0].title == "Situations of armed conflict or other forms of instability"
    set_level(database, last_year, 1, "moderate")
    set_level(database, last_year, 3, "elevated")
    set_level(database, last_year, 9, "high")

    this_year = new_assessment(database, 2026, copy_previous=True)
    copied = risk_assessments.comparison(database, this_year)
    assert (copied.previous_year, [row.level for row in copied.rows[:3]]) == (2025, ["moderate", "not_assessed",
                                                                                      "elevated"])
    assert finding(database, this_year, 9).change == "same"
    set_level(database, this_year, 1, "high", "Clashes in the north since March")
    set_level(database, this_year, 3, "low")

    compared = {row.number: row for row in risk_assessments.comparison(database, this_year).rows}
    assert (compared[1].previous_level, compared[1].level, compared[1].change) == ("moderate", "high", "higher")
    assert (compared[3].previous_level, compared[3].level, compared[3].change) == ("elevated", "low", "lower")
    assert (compared[9].change, compared[2].change) == ("same", "")  # factor 2 was never assessed
    assert compared[1].note == "Clashes in the north since March"
    # Last year's own assessment is unchanged by this year's.
    assert finding(database, last_year, 1).level == "moderate"
    assert [(a.year, a.assessed) for a in risk_assessments.list_assessments(database)] == [(2026, 3), (2025, 3)]


def test_a_second_assessment_for_the_same_year_is_refused_in_one_line(database):
    new_assessment(database, 2026)
    with pytest.raises(ValidationError) as refused:
        new_assessment(database, 2026)
    assert refused.value.errors == {"year": "there is already a risk assessment for 2026"}
    assert [a.year for a in risk_assessments.list_assessments(database)] == [2026]


def test_a_finding_saved_by_someone_else_meanwhile_is_not_overwritten(database):
    assessment_id = new_assessment(database, 2026)
    row = finding(database, assessment_id, 4)
    risk_assessments.save_finding(database, row.finding_id, level="low", note="", expected_version=row.version)
    with pytest.raises(ConflictError):
        risk_assessments.save_finding(database, row.finding_id, level="high", note="", expected_version=row.version)
    assert finding(database, assessment_id, 4).level == "low"


@pytest.fixture
def evidence_records(database) -> dict[str, int]:
    with database.session() as session:
        found = {
            "document": records.create(session, Document, {"title": "NHRI annual report 2025",
                                                           "kind": "nhri_annual_report"}),
            "recommendation": records.create(session, Recommendation, {
                "text": "Investigate the attacks on journalists", "recommended_by": "Norway", "cycle": "14"}),
            "question": records.create(session, Question, {"title": "Hate speech against the minority"}),
        }
        session.commit()
    return found


def test_evidence_is_linked_and_unlinked_and_a_deleted_document_takes_only_its_link(database, evidence_records):
    assessment_id = new_assessment(database, 2026)
    row = finding(database, assessment_id, 9)
    for kind, record_id in evidence_records.items():
        changes = risk_assessments.change_evidence(database, row.finding_id, link=[(kind, record_id)])
        assert changes.updated_ids(risk_assessments.FINDING) == {row.finding_id}
    linked = risk_assessments.evidence(database, row.finding_id)
    assert [(record.kind, record.title) for record in linked] == [
        ("document", "NHRI annual report 2025"), ("recommendation", "Investigate the attacks on journalists"),
        ("question", "Hate speech against the minority")]
    assert finding(database, assessment_id, 9).evidence == 3

    risk_assessments.change_evidence(database, row.finding_id, unlink=[("question", evidence_records["question"])])
    assert [record.kind for record in risk_assessments.evidence(database, row.finding_id)] == ["document",
                                                                                               "recommendation"]
    with pytest.raises(ValidationError):
        risk_assessments.change_evidence(database, row.finding_id, link=[("follow_up", 1)])

    risk_assessments.set_source_document(database, assessment_id, evidence_records["document"])
    [summary] = risk_assessments.list_assessments(database)
    assert summary.source_document == "NHRI annual report 2025"
    removal.delete(database, "document", evidence_records["document"])
    assert [record.kind for record in risk_assessments.evidence(database, row.finding_id)] == ["recommendation"]
    [summary] = risk_assessments.list_assessments(database)
    assert (summary.source_document, summary.source_document_id, summary.factors) == ("", None, 14)


def test_deleting_an_assessment_takes_its_findings_and_leaves_the_evidence(database, evidence_records):
    assessment_id = new_assessment(database, 2026)
    row = finding(database, assessment_id, 1)
    risk_assessments.change_evidence(database, row.finding_id, link=[("question", evidence_records["question"])])
    plan = removal.deletion_plan(database, risk_assessments.ASSESSMENT, assessment_id)
    assert plan.refusal is None
    changes = removal.delete(database, risk_assessments.ASSESSMENT, assessment_id, confirmed=plan)
    assert len(changes.deleted_ids(risk_assessments.FINDING)) == 14
    assert risk_assessments.list_assessments(database) == []
    with database.read_session() as session:
        assert session.get(Question, evidence_records["question"]) is not None
