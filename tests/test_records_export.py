"""`r2p export recommendations|undertakings|documents|risk-assessments`: the real command writes CSV that
reads back with the records the audience may see, cells a spreadsheet would run neutralised, and a
recommendations file that `r2p import recommendations` takes again."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from sqlalchemy import select

from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import (
    Body,
    Document,
    Person,
    Question,
    Recommendation,
    RiskAssessment,
    RiskFactor,
    RiskFinding,
    Undertaking,
)


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def record(database):
    with database.session() as s:
        ministry = Body(name="Ministry of Justice", confidentiality="public")
        minister = Person(full_name="Tomas Varga-Lind", confidentiality="public")
        question = Question(reference="WQ-7", title="Crimes bill", status="tabled", date_tabled=date(2026, 1, 5),
                            confidentiality="public")
        s.add_all([ministry, minister, question])
        s.flush()
        s.add_all([
            Recommendation(text="=Ratify the Arms Trade Treaty, and report on exports", recommended_by="Norway",
                           cycle="14", state="Veloria", response="partially_accepted", implementation="in_progress",
                           themes=["Arms control", "Treaties"], action_category=5, confidentiality="public",
                           questions=[question]),
            Recommendation(text="Secret recommendation", recommended_by="Chile", cycle="14", state="Veloria",
                           confidentiality="committee"),
            Undertaking(text="Lay the International Crimes Bill", given_by=minister, body=ministry, question=question,
                        given_on=date(2026, 1, 10), due_on=date(2026, 6, 1), confidentiality="public",
                        extensions=[{"requested_on": "2026-03-20", "previous_due_on": "2026-04-10",
                                     "new_due_on": "2026-06-01", "reason": "Council of State review"}]),
            Undertaking(text="Committee-only undertaking", body=ministry, given_on=date(2026, 2, 1),
                        due_on=date(2026, 3, 1), status="dropped", outcome="Withdrawn", confidentiality="committee"),
            Document(title="Reply on the crimes bill", kind="government_reply", author_body_id=None,
                     published_on=date(2026, 2, 2), file_name="reply.pdf", file_size=1234, confidentiality="public"),
        ])
        factors = list(s.scalars(select(RiskFactor).order_by(RiskFactor.number)))
        for year, level in ((2025, "low"), (2026, "elevated")):
            assessment = RiskAssessment(year=year, title=f"Assessment {year}", confidentiality="public")
            s.add(assessment)
            s.add_all([RiskFinding(assessment=assessment, risk_factor=f, level=level, note=f"Note {f.number}/{year}",
                                   confidentiality="public") for f in factors])
        s.commit()
        return {"factor_1": factors[0].title}


def test_recommendations_export_in_upr_info_columns_and_import_again(r2p, record, tmp_path):
    out = tmp_path / "recommendations.csv"
    result = r2p("export", "recommendations", "--out", str(out))
    assert result.code == 0 and "exported 2 recommendations" in result.out, result.err
    rows = read(out)
    assert list(rows[0])[:11] == ["To", "To-Rgrp", "To-Org", "Text", "From", "From-Rgrp", "From-Org", "Response",
                                  "Action", "Issue", "Session"]
    first = rows[0]
    assert (first["Text"], first["Response"], first["Session"]) == (
        "'=Ratify the Arms Trade Treaty, and report on exports", "Partially accepted", "14")  # neutralised
    assert (first["Issue"], first["Questions"], first["Implementation"]) == ("Arms control, Treaties", "WQ-7",
                                                                             "in_progress")
    fresh = tmp_path / "fresh.sqlite"
    assert r2p("init", db=str(fresh)).code == 0
    imported = r2p("import", "recommendations", str(out), "--state", "Veloria", db=str(fresh))
    assert imported.code == 0 and "Imported 2 recommendations" in imported.out, imported.err
    with open_database(str(fresh)).read_session() as session:
        again = session.scalars(select(Recommendation).order_by(Recommendation.id)).first()
        assert again.text == "=Ratify the Arms Trade Treaty, and report on exports"
        assert (again.response, again.cycle, again.themes) == ("partially_accepted", "14", ["Arms control", "Treaties"])


def test_a_public_export_leaves_out_committee_records_and_says_how_many(r2p, record, tmp_path):
    out = tmp_path / "undertakings.csv"
    result = r2p("export", "undertakings", "--out", str(out), "--audience", "public")
    assert result.code == 0 and "exported 1 undertakings" in result.out
    assert "left out 1 committee and restricted undertakings" in result.err
    [row] = read(out)
    assert row["text"] == "Lay the International Crimes Bill" and row["given_by"] == "Tomas Varga-Lind"
    assert (row["given_in"], row["due_on"], row["extensions"]) == ("Answer to WQ-7", "2026-06-01", "1")
    assert row["extension_reasons"] == "Council of State review" and row["status"] == "pending"
    committee = r2p("export", "undertakings", "--out", str(out))
    assert committee.code == 0 and "Committee-only undertaking" in out.read_text(encoding="utf-8-sig")


def test_documents_export_with_the_attached_file(r2p, record, tmp_path):
    out = tmp_path / "documents.csv"
    assert r2p("export", "documents", "--out", str(out), "--audience", "public").code == 0
    [row] = read(out)
    assert (row["title"], row["kind"], row["published_on"], row["file_name"], row["file_size"]) == (
        "Reply on the crimes bill", "government_reply", "2026-02-02", "reply.pdf", "1234")


def test_risk_assessments_export_one_row_per_finding_newest_year_first(r2p, record, tmp_path):
    out = tmp_path / "risk.csv"
    result = r2p("export", "risk-assessments", "--out", str(out))
    assert result.code == 0 and "exported 28 risk findings" in result.out
    rows = read(out)
    assert list(rows[0])[:5] == ["year", "factor_number", "factor_title", "level", "note"]
    assert [(r["year"], r["factor_number"]) for r in rows[:2]] == [("2026", "1"), ("2026", "2")]
    assert (rows[0]["factor_title"], rows[0]["level"], rows[0]["note"]) == (record["factor_1"], "elevated",
                                                                             "Note 1/2026")
    assert rows[14]["year"] == "2025" and rows[14]["level"] == "low"


def test_an_unknown_kind_or_audience_is_refused_and_writes_nothing(r2p, record, tmp_path):
    out = tmp_path / "x.csv"
    bad = r2p("export", "undertakings", "--out", str(out), "--audience", "all")
    assert bad.code == 2 and "--audience" in bad.err and not out.exists()
    missing = r2p("export", "documents", "--out", str(tmp_path / "no" / "x.csv"))
    assert missing.code == 1 and "no such folder" in missing.err


def test_the_documents_export_never_reads_the_files_text_and_names_the_author(database, record, tmp_path):
    from sqlalchemy import event

    from r2p_desktop.exchange.records_csv import export_records

    with database.session() as s:
        ministry = s.scalars(select(Body).where(Body.name == "Ministry of Justice")).one()
        s.add(Document(title="Annual report", kind="nhri_annual_report", author_body_id=ministry.id,
                       file_name="report.pdf", file_size=2_000_000, file_text="word " * 400_000,
                       confidentiality="public"))
        s.commit()
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", seen)
    try:
        with database.read_session() as session:
            result = export_records(session, "documents", tmp_path / "documents.csv", audience="public")
    finally:
        event.remove(database.engine, "before_cursor_execute", seen)
    assert result.written == 2
    assert statements and not [s for s in statements if "file_text" in s]
    rows = {row["title"]: row for row in read(tmp_path / "documents.csv")}
    assert rows["Annual report"]["from"] == "Ministry of Justice" and rows["Reply on the crimes bill"]["from"] == ""
