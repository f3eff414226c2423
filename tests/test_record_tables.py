"""`r2p export KIND` and `r2p import KIND`: every kind goes out as CSV or XLSX and comes back into a fresh
database with nothing lost, in the same columns both ways; the audience decides what goes out; the
workbook is a real spreadsheet; a tracker with other column names comes in through --map."""

from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from migrated_template import migrated_copy
from openpyxl import load_workbook
from sqlalchemy import event, func, select

from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import (
    AuditEntry,
    Body,
    BudgetItem,
    Debate,
    Document,
    Person,
    Question,
    Recommendation,
    RiskAssessment,
    RiskFactor,
    RiskFinding,
    Undertaking,
)
from r2p_desktop.core.services import records
from r2p_desktop.exchange.record_tables import export_tables, import_table, table_kinds


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
        debate = Debate(title="Annual R2P debate", date=date(2026, 9, 14), sitting_minutes=150,
                        confidentiality="public")
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
            Document(title="Reply on the crimes bill", kind="government_reply", author_body_id=ministry.id,
                     published_on=date(2026, 2, 2), file_name="reply.pdf", file_size=1234, file_text="word " * 1000,
                     confidentiality="public"),
            BudgetItem(fiscal_year=2026, programme="Early warning unit", currency="EUR", amount_requested=125_000_050,
                       amount_allocated=None, body_id=ministry.id, confidentiality="public"),
            BudgetItem(fiscal_year=2026, programme="Mediation fund", currency="JPY", amount_requested=4_000_000,
                       confidentiality="public"),
            debate,
        ])
        factors = list(s.scalars(select(RiskFactor).order_by(RiskFactor.number)))
        for year, level in ((2025, "low"), (2026, "elevated")):
            assessment = RiskAssessment(year=year, title=f"Assessment {year}", confidentiality="public")
            s.add(assessment)
            s.add_all([RiskFinding(assessment=assessment, risk_factor=f, level=level, note=f"Note {f.number}/{year}",
                                   confidentiality="public") for f in factors])
        s.commit()
    return database


def export_everything(database, folder, format):
    """Each kind into its own file (CSV) or one workbook (XLSX); the paths in import order."""
    with database.read_session() as session:
        if format == "xlsx":
            export_tables(session, list(table_kinds()), folder / "all.xlsx", format="xlsx", audience="all")
            return {name: folder / "all.xlsx" for name in table_kinds()}
        paths = {name: folder / f"{name}.csv" for name in table_kinds()}
        for name, path in paths.items():
            export_tables(session, [name], path, audience="all")
        return paths


@pytest.mark.parametrize("format", ["csv", "xlsx"])
def test_every_kind_comes_back_into_a_fresh_database_with_nothing_lost(record, tmp_path, format):
    first = tmp_path / "first"
    first.mkdir()
    paths = export_everything(record, first, format)
    fresh = open_database(str(migrated_copy(tmp_path / "fresh.sqlite")))
    try:
        for name, path in paths.items():
            with fresh.session() as session:
                report = import_table(session, name, path)
            assert report.errors == [], name
        second = tmp_path / "second"
        second.mkdir()
        again = export_everything(fresh, second, format)
        if format == "csv":
            for name in paths:
                assert again[name].read_bytes() == paths[name].read_bytes(), name
        else:
            for name in table_kinds():
                plural = table_kinds()[name].kind.plural
                before = [[c.value for c in row] for row in load_workbook(paths[name])[plural].iter_rows()]
                after = [[c.value for c in row] for row in load_workbook(again[name])[plural].iter_rows()]
                assert after == before, name
        with record.read_session() as before, fresh.read_session() as after:
            assert after.scalar(select(Undertaking.extensions).where(Undertaking.text.like("Lay%"))) == \
                before.scalar(select(Undertaking.extensions).where(Undertaking.text.like("Lay%")))
            assert after.scalars(select(Question.uid)).all() == before.scalars(select(Question.uid)).all()
            linked = after.scalars(select(Recommendation).where(Recommendation.cycle == "14")).first()
            assert [q.reference for q in linked.questions] == ["WQ-7"]
            assert after.scalar(select(func.count()).select_from(AuditEntry)) > 0  # every record audited
    finally:
        fresh.dispose()


_TEXT = st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\x00"),  # no file holds NUL
                max_size=40)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=_TEXT.filter(lambda t: t.strip()), text=_TEXT, notes=_TEXT,
       tag=_TEXT.filter(lambda t: t.strip() and ";" not in t and t == t.strip()),
       format=st.sampled_from(["csv", "xlsx"]))
def test_arbitrary_text_in_every_field_survives_both_formats(tmp_path_factory, title, text, notes, tag, format):
    folder = tmp_path_factory.mktemp("any")
    source = open_database(str(migrated_copy(folder / "source.sqlite")))
    fresh = open_database(str(migrated_copy(folder / "fresh.sqlite")))
    try:
        with source.session() as session:
            body = records.create(session, Body, {"name": f"Ministry {tag}", "notes": notes})
            records.create(session, Question, {
                "title": title[:500], "question_text": text, "answer_text": notes, "notes": text, "tags": [tag],
                "addressed_to_id": body, "holding_answer_text": text})
            records.create(session, Debate, {"title": title[:300], "motion": text, "outcome": notes})
            session.commit()
        for name in ("bodies", "questions", "debates"):
            path = folder / f"{name}.{format}"
            with source.read_session() as session:
                export_tables(session, [name], path, format=format, audience="all")
            with fresh.session() as session:
                report = import_table(session, name, path)
            assert report.errors == [], (name, report.errors)
        with source.read_session() as a, fresh.read_session() as b:
            for model in (Body, Question, Debate):
                ids_a = a.scalars(select(model.id)).all()
                ids_b = b.scalars(select(model.id)).all()
                assert [records.get(b, model, i) | {"id": 0, "created_at": 0, "updated_at": 0}
                        for i in ids_b] == [records.get(a, model, i) | {"id": 0, "created_at": 0, "updated_at": 0}
                                            for i in ids_a]
    finally:
        source.dispose()
        fresh.dispose()


def test_the_workbook_is_a_real_spreadsheet(r2p, record, tmp_path):
    out = tmp_path / "all.xlsx"
    result = r2p("export", "all", "--out", str(out))
    assert result.code == 0, result.err
    book = load_workbook(out)
    assert book.sheetnames == [table.kind.plural for table in table_kinds().values()]
    sheet = book["Budget lines"]
    header = [cell.value for cell in sheet[1]]
    assert sheet.freeze_panes == "A2" and all(cell.font.bold for cell in sheet[1])
    row = {name: cell for name, cell in zip(header, sheet[2], strict=True)}
    assert row["amount_requested"].value == Decimal("1250000.50") or row["amount_requested"].value == 1250000.5
    assert row["amount_requested"].number_format == '#,##0.00 "EUR"'
    yen = {name: cell for name, cell in zip(header, sheet[3], strict=True)}
    assert (yen["amount_requested"].value, yen["amount_requested"].number_format) == (4000000, '#,##0 "JPY"')
    debates = book["Debates"]
    dated = {c.value: d for c, d in zip(debates[1], debates[2], strict=True)}
    assert isinstance(dated["date"].value, datetime) and dated["date"].value.date() == date(2026, 9, 14)
    assert dated["sitting_minutes"].value == 150
    assert debates.column_dimensions["A"].width > 6
    text = {c.value: d.value for c, d in zip(book["Recommendations"][1], book["Recommendations"][2], strict=True)}
    assert text["text"] == "=Ratify the Arms Trade Treaty, and report on exports"  # text, not a formula
    assert book["Recommendations"]["A2"].data_type != "f"


def test_a_public_export_leaves_out_committee_records_and_says_how_many(r2p, record, tmp_path):
    out = tmp_path / "undertakings.csv"
    result = r2p("export", "undertakings", "--out", str(out), "--audience", "public")
    assert result.code == 0 and "exported 1 undertakings" in result.out, result.err
    assert "left out 1 committee and restricted records" in result.err
    [row] = read(out)
    assert (row["text"], row["given_by"], row["body"], row["question"]) == (
        "Lay the International Crimes Bill", "Tomas Varga-Lind", "Ministry of Justice", "WQ-7")
    assert (row["due_on"], row["status"]) == ("2026-06-01", "pending")
    assert "Council of State review" in row["extensions"]
    committee = r2p("export", "undertakings", "--out", str(out))
    assert committee.code == 0 and "Committee-only undertaking" in out.read_text(encoding="utf-8-sig")


def test_the_documents_export_holds_their_metadata_never_the_files_text(record, tmp_path):
    statements: list[str] = []

    def seen(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    event.listen(record.engine, "before_cursor_execute", seen)
    try:
        with record.read_session() as session:
            result = export_tables(session, ["documents"], tmp_path / "documents.csv", audience="public")
    finally:
        event.remove(record.engine, "before_cursor_execute", seen)
    assert result.counts == {"documents": 1}
    assert statements and not [s for s in statements if "file_text" in s]
    [row] = read(tmp_path / "documents.csv")
    assert (row["title"], row["kind"], row["author_body"], row["published_on"]) == (
        "Reply on the crimes bill", "government_reply", "Ministry of Justice", "2026-02-02")


def test_risk_findings_name_their_assessment_by_year_and_factor_by_number(r2p, record, tmp_path):
    out = tmp_path / "risk.csv"
    result = r2p("export", "risk-findings", "--out", str(out))
    assert result.code == 0 and "exported 28 risk factor findings" in result.out, result.err
    rows = read(out)
    assert [(r["risk_assessment"], r["risk_factor"], r["level"]) for r in rows[:2]] == [
        ("2025", "1", "low"), ("2025", "2", "low")]
    assert rows[14]["risk_assessment"] == "2026" and rows[14]["note"] == "Note 1/2026"


def test_an_unknown_kind_a_missing_folder_or_csv_for_everything_is_refused(r2p, record, tmp_path):
    bad = r2p("export", "widgets", "--out", str(tmp_path / "x.csv"))
    assert bad.code == 2 and "widgets" in bad.err
    missing = r2p("export", "documents", "--out", str(tmp_path / "no" / "x.csv"))
    assert missing.code == 1 and "no such folder" in missing.err
    everything = r2p("export", "all", "--format", "csv", "--out", str(tmp_path / "x.csv"))
    assert everything.code == 2 and not (tmp_path / "x.csv").exists()


def test_a_tracker_with_its_own_columns_comes_in_through_map(r2p, record, tmp_path):
    tracker = tmp_path / "tracker.csv"
    tracker.write_bytes("Réf.;Objet;Député;Déposée le;Remarques\r\n"
                        "PQ-1;Alerte précoce à l’école;Élise Martín;31/12/2025;à suivre\r\n"
                        "PQ-2;Médiation;Élise Martín;02/01/2026;\r\n".encode("cp1252"))
    args = ["import", "questions", str(tracker), "--map", "reference=Réf.", "--map", "title=Objet",
            "--map", "asked_by=Député", "--map", "date_tabled=Déposée le", "--date-format", "DD/MM/YYYY"]
    dry = r2p(*args, "--dry-run")
    assert dry.code == 0, dry.err
    assert "read Windows-1252, semicolons between columns, CRLF line ends" in dry.out
    assert "would import 2 questions" in dry.out and "would add 1 people: Élise Martín" in dry.out
    assert "columns not imported: Remarques" in dry.out
    done = r2p(*args)
    assert done.code == 0, done.err
    with record.read_session() as session:
        found = session.scalars(select(Question).where(Question.reference.like("PQ-%")).order_by(Question.id)).all()
        assert [(q.title, q.date_tabled, q.asked_by.full_name) for q in found] == [
            ("Alerte précoce à l’école", date(2025, 12, 31), "Élise Martín"),
            ("Médiation", date(2026, 1, 2), "Élise Martín")]
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("reference,title,date_tabled\nPQ-9,Late,31/12/2025\n", encoding="utf-8")
    refused = r2p("import", "questions", str(wrong))
    assert refused.code == 1
    assert "row 2, column date_tabled: '31/12/2025' is not a date; write it as YYYY-MM-DD" in refused.err


def test_a_second_import_of_the_same_export_adds_nothing(r2p, record, tmp_path):
    out = tmp_path / "questions.csv"
    assert r2p("export", "questions", "--out", str(out)).code == 0
    again = r2p("import", "questions", str(out))
    assert again.code == 0, again.err
    assert "imported 0 questions" in again.out and "1 already in the database (same uid)" in again.out


def test_people_imported_without_a_marking_are_public_and_questions_committee(tmp_path):
    database = open_database(str(migrated_copy(tmp_path / "fresh.sqlite")))
    people = tmp_path / "people.csv"
    people.write_text("full_name\nAmina Haddad\n", encoding="utf-8")
    questions = tmp_path / "questions.csv"
    questions.write_text("reference,title,asked_by\nWQ-9,Early warning,Rui Costa\n", encoding="utf-8")
    for name, path in (("people", people), ("questions", questions)):
        with database.session() as session:
            assert import_table(session, name, path).errors == []
    with database.read_session() as session:
        marked = dict(session.execute(select(Person.full_name, Person.confidentiality)).all())
        assert marked == {"Amina Haddad": "public", "Rui Costa": "public"}  # named in a row, created with it
        assert session.scalar(select(Question.confidentiality)) == "committee"
