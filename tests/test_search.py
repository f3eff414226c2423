"""One search across every kind of record, through the service the GUI and `r2p search` share."""

from __future__ import annotations

import json
import sqlite3

from alembic import command

from r2p_desktop.core import migrations
from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import Body, BudgetItem, Debate, Question
from r2p_desktop.core.services import records
from r2p_desktop.core.services.search import search, snippet_parts, with_brackets


def found(session, query):
    return [(hit.kind, hit.record_id) for hit in search(session, query)]


def test_every_kind_of_record_is_found_and_title_matches_rank_first(session):
    in_answer = records.create(session, Question, {"title": "Export licences", "status": "answered",
                                                   "date_tabled": "2026-01-05",
                                                   "answer_text": "No licence went to Karsenia in 2025."})
    in_title = records.create(session, Question, {"title": "Arms sales to Karsenia"})
    budget = records.create(session, BudgetItem, {"fiscal_year": 2026, "programme": "Peacekeeping in Karsenia",
                                                  "currency": "EUR"})
    debate = records.create(session, Debate, {"title": "Annual debate", "motion": "Karsenia sanctions"})
    session.commit()
    hits = found(session, "karsenia")
    assert set(hits) == {("question", in_answer), ("question", in_title), ("budget_item", budget),
                         ("debate", debate)}
    assert hits.index(("question", in_title)) < hits.index(("question", in_answer))
    [hit] = search(session, "went")
    assert hit.record_id == in_answer and "No licence [went] to Karsenia" in with_brackets(hit.snippet)


def test_brackets_in_a_record_are_not_taken_for_match_marks(session):
    records.create(session, Question, {"title": "Article [7] of the [draft] law on incitement"})
    session.commit()
    [hit] = search(session, "incitement")
    assert [text for text, is_match in snippet_parts(hit.snippet) if is_match] == ["incitement"]
    assert "[7]" in hit.snippet


def test_the_index_follows_edits_and_deletions(session):
    qid = records.create(session, Question, {"title": "Hate speech online"})
    session.commit()
    records.update(session, Question, qid, {"title": "Incitement on social media"})
    session.commit()
    assert found(session, "hate") == []
    assert found(session, "incitement") == [("question", qid)]
    records.delete(session, Question, qid)
    session.commit()
    assert found(session, "incitement") == []


def test_every_word_must_appear_and_the_last_may_be_a_prefix(session):
    both = records.create(session, Body, {"name": "Ministry of Foreign Affairs"})
    records.create(session, Body, {"name": "Ministry of Justice"})
    session.commit()
    assert found(session, "ministry foreign") == [("body", both)]
    assert found(session, "ministry forei") == [("body", both)]


def test_accents_arabic_and_search_syntax_typed_by_users(session):
    french = records.create(session, Question, {"title": "Convention sur le génocide"})
    arabic = records.create(session, Question, {"title": "منع الإبادة الجماعية"})
    session.commit()
    assert found(session, "genocide") == [("question", french)]
    assert found(session, "الإبادة") == [("question", arabic)]
    for typed in ('NEAR("', 'title:x OR', "*", '"unbalanced', "AND NOT", "<b>", ""):
        search(session, typed)  # never an FTS5 syntax error


def test_a_database_from_the_previous_schema_is_backed_up_then_indexed(db_path, tmp_path):
    config = migrations.alembic_config()
    config.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    command.upgrade(config, "0001_initial")
    with sqlite3.connect(db_path) as raw:
        raw.execute("INSERT INTO questions (uid, created_at, updated_at, created_by, updated_by, confidentiality,"
                    " tags, notes, version, type, title, question_text, status, answer_text) VALUES"
                    " ('u1', '2026-01-01', '2026-01-01', 'a', 'a', 'committee', '[]', '', 1, 'written',"
                    " 'Early warning mechanism', '', 'draft', '')")
    backups = tmp_path / "backups"
    database = open_database(str(db_path), backup_dir=backups, create=True)
    with database.read_session() as session:
        assert found(session, "warning") == [("question", 1)]
    [backup] = backups.glob(f"*before-{migrations.SCHEMA_HEAD}*.sqlite")
    with sqlite3.connect(backup) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_initial",)
        assert raw.execute("SELECT title FROM questions").fetchall() == [("Early warning mechanism",)]
    database.dispose()


def test_r2p_search_groups_by_kind_and_speaks_json(r2p, database):
    with database.session() as session:
        records.create(session, Question, {"title": "Focal point for atrocity prevention"})
        records.create(session, Body, {"name": "Focal point office"})
        session.commit()
    text = r2p("search", "focal point")
    assert text.code == 0
    assert "Questions (1)" in text.out and "Bodies (1)" in text.out
    hits = json.loads(r2p("search", "focal", "--json").out)
    assert {hit["kind"] for hit in hits} == {"question", "body"}
    assert "nothing matches" in r2p("search", "zebra").out


def test_r2p_search_marks_restricted_hits(r2p, database):
    with database.session() as session:
        records.create(session, Question, {"title": "Witness protection in the north", "confidentiality": "restricted"})
        records.create(session, Question, {"title": "Witness statements published", "confidentiality": "public"})
        session.commit()
    lines = r2p("search", "witness").out.splitlines()
    assert [line for line in lines if "[RESTRICTED]" in line] == [
        line for line in lines if "Witness protection in the north" in line]
    assert any("Witness statements published" in line for line in lines)
