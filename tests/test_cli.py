"""The `r2p` command as a secretariat scripts it: every subcommand, and its errors."""

from __future__ import annotations

import csv
import json
import sqlite3
import subprocess
import sys
from datetime import date

import pytest

from r2p_desktop import cli
from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records, undertakings


def question_count(path) -> int:
    with sqlite3.connect(path) as raw:
        return raw.execute("SELECT count(*) FROM questions").fetchone()[0]


def write_csv(path, header, *rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_init_creates_a_database_that_passes_check(r2p, db_path):
    result = r2p("init")
    assert result.code == 0 and "ready (0 questions)" in result.out
    assert db_path.exists()
    check = r2p("check")
    assert check.code == 0
    assert "ok    integrity: ok" in check.out and "audit chain" in check.out


def test_the_database_can_be_named_by_environment_variable(r2p, tmp_path, monkeypatch):
    target = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("R2P_DB", str(target))
    from r2p_desktop import cli

    assert cli.main(["init"]) == 0
    assert target.exists()


def test_demo_fills_every_kind_of_record(r2p, db_path):
    result = r2p("demo", "--questions", "120", "--seed", "7")
    assert result.code == 0, result.err
    assert question_count(db_path) == 120
    with sqlite3.connect(db_path) as raw:
        for table in ("people", "bodies", "budget_items", "debates", "agenda_items", "follow_ups",
                      "commitment_assessments", "instrument_statuses"):
            assert raw.execute(f"SELECT count(*) FROM {table}").fetchone()[0] > 0, table
    assert r2p("check").code == 0


def test_the_database_refuses_to_change_the_audit_trail(r2p, db_path):
    r2p("demo", "--questions", "5")
    with sqlite3.connect(db_path) as raw:
        for statement in ("UPDATE audit_entries SET new_value = 'rewritten' WHERE id = 5",
                          "DELETE FROM audit_entries WHERE id = 5"):
            with pytest.raises(sqlite3.IntegrityError, match="audit trail cannot be changed"):
                raw.execute(statement)
    assert r2p("check").code == 0


def test_check_names_a_tampered_audit_entry(r2p, db_path):
    r2p("demo", "--questions", "20")
    with sqlite3.connect(db_path) as raw:  # a tamperer first removes the guard, then edits
        raw.execute("DROP TRIGGER audit_entries_no_update")
        raw.execute("UPDATE audit_entries SET new_value = 'rewritten' WHERE id = 5")
    result = r2p("check")
    assert result.code == 1
    assert "FAIL  audit chain: entry 5" in result.out
    assert "FAIL  audit protection: trigger audit_entries_no_update is missing" in result.out
    assert "check failed: audit protection, audit chain" in result.err


def test_catalogue_lists_commitments_instruments_and_risk_factors(r2p):
    text = r2p("catalogue")
    assert text.code == 0
    assert "SG17-45-focal-point" in text.out and "Genocide Convention" in text.out
    data = json.loads(r2p("catalogue", "--json").out)
    assert len(data["commitments"]) > 40
    assert len(data["instruments"]) == 13 and len(data["risk_factors"]) == 14
    entry = next(c for c in data["commitments"] if c["code"] == "SG17-45-focal-point")
    assert {"title", "summary", "source", "reference", "actor", "pillar"} <= set(entry)


TRICKY = {
    "formula": "=HYPERLINK(\"http://example.invalid\",\"click\")",
    "minus": "-5 battalions",
    "at": "@SUM(A1)",
    "apostrophe": "'=already quoted",
    "arabic": "هل ستعين الحكومة منسقاً وطنياً؟",
    "chinese": "政府是否会任命国家协调人？",
    "markup": "<b>bold</b> & </para> <img src=x>",
    "lines": "first line\nsecond line, with \"quotes\"",
}


def test_export_then_import_into_a_fresh_database_loses_nothing(r2p, database, tmp_path):
    with database.session() as session:
        from r2p_desktop.core.services import directory

        member = directory.person_or_new(session, "Ana María Ruiz")
        body = directory.body_or_new(session, "Ministry of Foreign Affairs")
        for n, (key, text) in enumerate(TRICKY.items()):
            records.create(session, Question, {
                "reference": f"WQ-{n}", "title": text, "question_text": text, "status": "answered",
                "date_tabled": "2026-01-0" + str(n + 1), "answer_due": "2026-02-01", "answer_text": text * 3,
                "date_answered": "2026-01-20", "asked_by_id": member, "answered_by_id": member,
                "addressed_to_id": body, "assessment": "partial", "pillar_number": 1,
                "commitments": ["SG17-45-focal-point", "SG17-20-ratify-core-treaties"] if n % 2 else [],
                "tags": [key, "export"], "confidentiality": "public"})
        records.create(session, Question, {"title": "Long answer", "status": "answered", "date_tabled": "2026-01-01",
                                           "answer_text": "x" * 200_000})
        session.commit()
    exported = tmp_path / "questions.csv"
    assert r2p("export", "questions", "--format", "csv", "--out", str(exported)).code == 0

    raw_cells = exported.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in raw_cells and "'-5 battalions" in raw_cells and "'@SUM" in raw_cells

    fresh = tmp_path / "fresh.sqlite"
    assert r2p("init", db=str(fresh)).code == 0
    result = r2p("import", "questions", str(exported), db=str(fresh))
    assert result.code == 0, result.err
    assert "imported 9 questions" in result.out
    assert "Ana María Ruiz" in result.out and "Ministry of Foreign Affairs" in result.out

    def everything(path):
        with open_database(str(path)).read_session() as session:
            from r2p_desktop.core.services.questions import iter_question_records

            return list(iter_question_records(session))

    assert everything(fresh) == everything(database.path)


def test_import_is_all_or_nothing_and_names_row_and_column(r2p, db_path, tmp_path):
    r2p("init")
    bad = write_csv(tmp_path / "bad.csv", ["reference", "title", "date_tabled", "answer_due", "status"],
                    ["Q1", "Fine", "2026-01-01", "2026-02-01", "tabled"],
                    ["Q2", "Due too early", "2026-03-01", "2026-02-01", "tabled"],
                    ["Q3", "Bad date", "1st March", "", "tabled"],
                    ["Q1", "Duplicate reference", "2026-01-01", "", "draft"])
    result = r2p("import", "questions", str(bad))
    assert result.code == 1
    assert "row 3, column answer_due: the answer cannot be due before" in result.err
    assert "row 4, column date_tabled: '1st March' is not a date" in result.err
    assert "row 5, column reference: 'Q1' is also used in row 2" in result.err
    assert "nothing imported" in result.err and "Traceback" not in result.err
    assert question_count(db_path) == 0


def test_a_dry_run_says_what_it_would_create_and_saves_nothing(r2p, db_path, tmp_path):
    r2p("init")
    good = write_csv(tmp_path / "good.csv", ["title", "asked_by", "addressed_to", "answered_by"],
                     ["Early warning", "New Member", "Ministry of Interior", ""],
                     ["Hate speech", "New Member", "Ministry of Interior", "Deputy Minister Okafor"])
    result = r2p("import", "questions", str(good), "--dry-run")
    assert result.code == 0, result.err
    assert "would import 2 questions" in result.out
    assert "would add 2 people: New Member, Deputy Minister Okafor" in result.out
    assert "would add 1 bodies: Ministry of Interior" in result.out
    assert question_count(db_path) == 0
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT count(*) FROM people").fetchone()[0] == 0


@pytest.mark.parametrize(("content", "words"), [
    (b"title,colour\nQ1,red\n", "row 1, column 'colour' is not a column of questions"),
    (b"reference,summary\n", "row 1, column 'summary' is not a column of questions"),
    (b"reference\nWQ-1\n", "row 1 has no column title, which every question needs"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"), "is protected by a password"),
    (b"title\nA,B,C\n", "row 2 has 3 cells but the header has 1"),
])
def test_malformed_files_get_one_clear_line(r2p, tmp_path, content, words):
    path = tmp_path / "in.csv"
    path.write_bytes(content)
    result = r2p("import", "questions", str(path))
    assert result.code == 1
    assert words in result.err
    assert len(result.err.strip().splitlines()) == 1


@pytest.mark.parametrize(("args", "words"), [
    (("import", "questions", "missing.csv"), "no such file"),
    (("export", "debates", "--format", "xlsx", "--out", "/no/such/folder/d.xlsx"), "no such folder"),
    (("export", "questions", "--out", "/no/such/folder/q.csv"), "no such folder"),
    (("demo", "--questions", "-3"), "zero or more"),
])
def test_user_errors_print_one_line_and_exit_non_zero(r2p, args, words):
    result = r2p(*args)
    assert result.code == 1
    assert words in result.err and "Traceback" not in result.err
    assert len(result.err.strip().splitlines()) == 1


def test_a_database_from_a_newer_version_is_refused_on_the_command_line(r2p, db_path):
    r2p("init")
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'ffff_newer'")
    result = r2p("check")
    assert result.code == 1
    assert "newer version of R2P Desktop" in result.err


def test_backup_writes_a_checked_copy(r2p, db_path, tmp_path):
    r2p("demo", "--questions", "10")
    target = tmp_path / "copy.sqlite"
    assert r2p("backup", "--to", str(target)).code == 0
    assert question_count(target) == 10


def test_the_installed_command_runs_without_qt(tmp_path):
    code = ("import sys, r2p_desktop.cli as c; c.main(['catalogue', '--db', sys.argv[1]]); "
            "print('PySide6' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "x.sqlite")], capture_output=True,
                            text=True, check=True)
    assert result.stdout.strip().endswith("False")


def test_settings_change_when_an_undertaking_is_due_by_default_and_refuse_a_silly_number(db_path, capsys):
    assert cli.main(["init", "--db", str(db_path)]) == 0
    assert cli.main(["settings", "--db", str(db_path), "--undertaking-due-months", "6"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "undertaking-due-months: 6"
    database = open_database(str(db_path))
    try:
        with database.session() as session:
            assert undertakings.due_by_default(session, date(2026, 8, 31)) == date(2027, 2, 28)
    finally:
        database.dispose()
    assert cli.main(["settings", "--db", str(db_path), "--undertaking-due-months", "40"]) != 0
    error = capsys.readouterr().err
    assert "undertaking_due_months" in error and "36" in error and "Traceback" not in error
