"""One search across every kind of record, through the service the GUI and `r2p search` share."""

from __future__ import annotations

import json
import sqlite3

from alembic import command
from sqlalchemy import text as text_sql

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


# --- words in every script, and the query syntax -----------------------------------------------------

CHINESE = "政府是否已任命保护责任国家协调人？"


def test_a_chinese_word_of_two_or_three_characters_inside_a_sentence_is_found(session):
    asked = records.create(session, Question, {"title": "保护责任", "question_text": CHINESE})
    ends_with_it = records.create(session, Body, {"name": "国家协调"})  # the word is the last of the text
    other = records.create(session, Question, {"title": "联合国安理会的决议"})
    records.create(session, Question, {"title": "Focal point for atrocity prevention"})
    session.commit()
    assert found(session, "协调人") == [("question", asked)]
    assert set(found(session, "协调")) == {("question", asked), ("body", ends_with_it)}
    assert found(session, "国家协调人") == [("question", asked)]
    assert found(session, "安理会") == [("question", other)]
    assert found(session, "协调员") == [] and found(session, "任协") == []
    [hit] = search(session, "协调人")
    assert with_brackets(hit.snippet) == "政府是否已任命保护责任国家[协调人]？"
    [hit] = search(session, "保护")  # in the title and the text: the text shows where
    assert "[保护]责任国家协调人" in with_brackets(hit.snippet)


def test_japanese_korean_and_thai_words_inside_their_sentences_are_found(session):
    japanese = records.create(session, Question, {"title": "早期警報メカニズムの設置について"})
    korean = records.create(session, Question, {"title": "정부는 보호책임 조정관을 임명했습니까"})
    thai = records.create(session, Question, {"title": "รัฐบาลแต่งตั้งผู้ประสานงานแล้วหรือไม่"})
    session.commit()
    assert found(session, "警報") == [("question", japanese)]  # two kanji
    assert found(session, "メカニズム") == [("question", japanese)]
    assert found(session, "設置") == [("question", japanese)]
    assert found(session, "조정관") == [("question", korean)]  # without its particle 을
    assert found(session, "ผู้ประสานงาน") == [("question", thai)]


def test_a_search_in_latin_script_finds_what_the_bare_fts5_query_finds(session):
    for title, text in (("Genocide convention ratified", "The génocide convention of 1948."),
                        ("Early warning", "An early-warning mechanism for the region."),
                        ("Ministry of Justice", "Prosecution of incitement; 保护责任"),
                        ("Karsenia", "Arms exports to Karsenia and the arms trade treaty.")):
        records.create(session, Question, {"title": title, "question_text": text})
    session.commit()
    bare = text_sql("SELECT rowid / 16 FROM search_index WHERE search_index MATCH :m ORDER BY "
                    "bm25(search_index, 0.0, 8.0, 1.0)")
    for query in ("genocide", "genocide convention", "arms trade", "karsen", "early warning", "justice prosecution",
                  "zebra"):
        words = [f'"{word}"' for word in query.split()]
        before = [row[0] for row in session.execute(bare, {"m": " ".join(words) + "*"})]
        assert [hit.record_id for hit in search(session, query)] == before, query
    assert len(found(session, "genocide")) == 1


def test_or_a_leading_minus_not_and_quotes_mean_what_a_clerk_expects(session):
    genocide = records.create(session, Question, {"title": "Genocide prevention", "question_text": "Early warning."})
    atrocity = records.create(session, Question, {"title": "Atrocity crimes", "question_text": "Warning early."})
    records.create(session, Question, {"title": "Budget of the ministry"})
    session.commit()
    assert set(found(session, "genocide OR atrocity")) == {("question", genocide), ("question", atrocity)}
    assert set(found(session, "warning genocide OR atrocity")) == {("question", genocide), ("question", atrocity)}
    assert found(session, "warning -genocide") == [("question", atrocity)]
    assert found(session, "warning NOT genocide") == [("question", atrocity)]
    assert found(session, '"early warning"') == [("question", genocide)]
    assert found(session, '"warning early"') == [("question", atrocity)]
    assert found(session, 'warning -"early warning"') == [("question", atrocity)]
    assert found(session, "genocide OR") == [("question", genocide)]  # nothing on one side: ignored
    assert found(session, "-genocide") == []  # nothing to look for


def test_chinese_and_latin_words_combine_in_one_query(session):
    both = records.create(session, Question, {"title": "R2P 国家协调人", "question_text": "Genocide prevention"})
    chinese = records.create(session, Question, {"title": "保护责任国家协调人"})
    english = records.create(session, Question, {"title": "National focal point for genocide prevention"})
    session.commit()
    assert found(session, "R2P 协调人") == [("question", both)]
    assert set(found(session, "协调人 OR focal")) == {("question", both), ("question", chinese),
                                                      ("question", english)}
    assert found(session, "genocide -协调") == [("question", english)]
    assert found(session, "协调人 -genocide") == [("question", chinese)]
    assert found(session, "协调 -保护") == [("question", both)]
    assert found(session, "协调 NOT R2P") == [("question", chinese)]


def test_hits_with_the_chinese_word_in_their_title_come_first(session):
    in_text = records.create(session, Question, {"title": "第一个问题", "question_text": "关于协调人的任命"})
    in_title = records.create(session, Question, {"title": "协调人的任命", "question_text": "无"})
    newer = records.create(session, Question, {"title": "第三个问题", "question_text": "协调人"})
    session.commit()
    assert found(session, "协调") == [("question", in_title), ("question", newer), ("question", in_text)]


def test_chinese_text_edited_out_of_a_record_is_no_longer_found(session):
    qid = records.create(session, Question, {"title": "Focal point", "question_text": CHINESE})
    latin = records.create(session, Question, {"title": "Hate speech"})
    session.commit()
    records.update(session, Question, qid, {"question_text": "Has the government appointed a focal point?"})
    records.update(session, Question, latin, {"notes": "仇恨言论"})  # Chinese added to a record without any
    session.commit()
    assert found(session, "协调") == [] and found(session, "协调人") == []
    assert found(session, "focal") == [("question", qid)]
    assert found(session, "仇恨") == [("question", latin)] and found(session, "仇恨言论") == [("question", latin)]
    records.delete(session, Question, latin)
    session.commit()
    assert found(session, "仇恨") == []


def test_only_records_with_unspaced_text_are_in_the_second_index(session):
    records.create(session, Question, {"title": "Early warning", "question_text": "Nothing Chinese here"})
    records.create(session, Body, {"name": "外交部"})
    session.commit()
    assert session.execute(text_sql("SELECT kind, title FROM search_index_cjk")).all() == [("body", "外交部")]


def test_no_query_a_user_can_type_is_an_error(session):
    records.create(session, Question, {"title": "Genocide convention", "question_text": CHINESE})
    session.commit()
    typed = ['NEAR("', 'title:x OR', "*", '"unbalanced', "AND NOT", "<b>", "", "-", "- -", "OR", "OR OR",
             "genocide OR", "OR genocide", "NEAR(genocide convention)", "genocide*", "^genocide", "(genocide",
             "genocide)", '"', '""', '-"', "协调 OR", "-协调", '"协调', "协", "协调人*", "%", "_", "协_调", "%协调%",
             "genocide" * 10_000, "genocide " * 10_000, "协调" * 50_000, "协调 " * 25_000, "a OR " * 20_000,
             '"' * 100_000, "-" * 100_000, "(" * 100_000, "\x00\x02\x03"]
    for query in typed:
        search(session, query)  # never an FTS5 or SQL syntax error
    assert found(session, "协调人*") == [("question", 1)]
    assert found(session, "genocide*") == [("question", 1)] and found(session, "(genocide") == [("question", 1)]
    assert found(session, "%协调%") == [("question", 1)] and found(session, "协_调") == [("question", 1)]
    assert found(session, "%") == [] and found(session, "协调_") == [("question", 1)]  # _ separates, as -


def test_a_database_from_revision_0004_finds_its_chinese_records_once_migrated(db_path, tmp_path):
    config = migrations.alembic_config()
    config.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    command.upgrade(config, "0004_committee_policy")
    with sqlite3.connect(db_path) as raw:
        raw.execute("INSERT INTO questions (uid, created_at, updated_at, created_by, updated_by, confidentiality,"
                    " tags, notes, version, type, title, question_text, status, answer_text) VALUES"
                    " ('u1', '2026-01-01', '2026-01-01', 'a', 'a', 'committee', '[]', '', 1, 'written',"
                    " 'Focal point', ?, 'draft', '')", (CHINESE,))
        raw.execute("INSERT INTO bodies (uid, created_at, updated_at, created_by, updated_by, confidentiality,"
                    " tags, notes, version, name, abbreviation, kind) VALUES"
                    " ('u2', '2026-01-01', '2026-01-01', 'a', 'a', 'committee', '[]', '', 1, 'Ministry of Justice',"
                    " '', 'ministry')")
    database = open_database(str(db_path), backup_dir=tmp_path / "backups")
    with database.read_session() as session:
        assert found(session, "协调人") == [("question", 1)] and found(session, "协调") == [("question", 1)]
        assert found(session, "justice") == [("body", 1)]
        assert session.execute(text_sql("SELECT count(*) FROM search_index_cjk")).scalar() == 1
    database.dispose()


def test_r2p_search_help_says_how_to_combine_words_and_the_command_follows_it(r2p, database):
    with database.session() as session:
        records.create(session, Question, {"title": "Genocide prevention", "question_text": CHINESE})
        records.create(session, Question, {"title": "Atrocity crimes"})
        session.commit()
    help_text = " ".join(r2p("search", "--help").out.split())
    assert "genocide OR atrocity finds either" in help_text and "-draft leaves out records" in help_text
    assert '"early warning" in quotes finds the words together' in help_text and "协调 in 国家协调人" in help_text
    hits = json.loads(r2p("search", "genocide OR atrocity -crimes", "--json").out)
    assert [hit["title"] for hit in hits] == ["Genocide prevention"]
    assert "政府是否已任命保护责任国家[协调人]？" in r2p("search", "协调人").out


def test_a_risk_finding_is_found_by_its_note_and_titled_by_its_year_and_factor(session):
    from r2p_desktop.core.services import risk_assessments

    assessment = risk_assessments.create(session, {"year": 2026, "title": "Atrocity risk assessment 2026"})
    finding = risk_assessments.finding_ids(session, assessment)[8]  # factor 9, intergroup tensions
    risk_assessments.save_finding(session, finding, level="high", note="Incitement on regional radio rose")
    [hit] = search(session, "incitement radio")
    assert (hit.kind, hit.record_id) == ("risk_finding", finding)
    assert hit.title.startswith("2026: ") and "tensions" in hit.title.lower()
