"""The words of a deleted record are gone from the raw bytes of the database and its log, the
full-text index included; only the audit trail keeps them (by design)."""

from __future__ import annotations

import random
import sqlite3
import string

from sqlalchemy import select, text

from r2p_desktop.core.models import AuditEntry, Question
from r2p_desktop.core.services import records
from r2p_desktop.core.services.search import search

# FTS5 stores each term after the common prefix it shares with the term before it: the last 12
# letters of a 20-letter random word cannot be shared with a neighbour, so they stay in one piece.
WORD_LENGTH, SUFFIX_LENGTH = 20, 12


def random_words(rng: random.Random, count: int) -> list[str]:
    return ["".join(rng.choice(string.ascii_lowercase) for _ in range(WORD_LENGTH)) for _ in range(count)]


def random_chinese_words(rng: random.Random, count: int) -> list[str]:
    """Twelve different ideographs of CJK extension A, which no other text here uses: the trigram index
    keeps each three of them as a term, stored after the part it shares with the term before it, which
    is at most the bytes of the first one; so the last two of every three stay in one piece."""
    return ["".join(rng.sample([chr(code) for code in range(0x3400, 0x4DB6)], 12)) for _ in range(count)]


def trigram_pieces(words: list[str]) -> list[str]:
    return [word[start:start + 2] for word in words for start in range(1, len(word) - 1)]


def fill(database, *, batches: int = 12, per_batch: int = 25, chinese: bool = False) -> None:
    """Questions in separate commits, so the index has several segments, none with the secret words
    (with `chinese`, every question has Chinese notes, so the trigram index has several segments too)."""
    rng = random.Random(4711)
    vocabulary = [*random_words(rng, 400), "warning", "atrocity", "prevention", "committee"]
    chinese_vocabulary = ["政府", "是否", "已", "任命", "保护责任", "国家", "协调人", "联合国", "预防", "暴行"]
    for batch in range(batches):
        with database.session() as session:
            for n in range(per_batch):
                notes = " ".join(rng.sample(vocabulary, 5))
                records.create(session, Question, {
                    "title": f"Question {batch}-{n} " + " ".join(rng.sample(vocabulary, 3)),
                    "question_text": " ".join(rng.sample(vocabulary, 30)),
                    "notes": notes + ("".join(rng.sample(chinese_vocabulary, 6)) if chinese else "")})
            session.commit()
    with database.read_session() as session:
        for index in ("search_index", "search_index_cjk") if chinese else ("search_index",):
            segments = session.scalar(text(f"SELECT count(DISTINCT segid) FROM {index}_idx"))
            assert segments > 1  # otherwise a merge would not be needed to drop a record's words
    database.checkpoint()


def copies_in_files(db_path, words) -> dict[str, int]:
    files = [path.read_bytes() for path in (db_path, db_path.with_name(db_path.name + "-wal")) if path.exists()]
    return {word: sum(data.count(word[-SUFFIX_LENGTH:].encode()) for data in files) for word in words}


def copies_in_audit_trail(database, words) -> dict[str, int]:
    """How often the audit entries hold each word (as JSON snapshots of the values), once stored."""
    with database.read_session() as session:
        values = [value for row in session.execute(select(AuditEntry.old_value, AuditEntry.new_value))
                  for value in row if value]
    return {word: sum(value.count(word[-SUFFIX_LENGTH:]) for value in values) for word in words}


def create_secret_question(database, words) -> int:
    with database.session() as session:
        doomed = records.create(session, Question, {
            "title": f"Witness {words[0]}", "question_text": f"Names {words[1]} and {words[2]} as witnesses.",
            "answer_text": f"The ministry met {words[3]}.", "notes": f"Ask {words[1]} again."})
        session.commit()
    return doomed


def delete_question(database, question_id: int) -> None:
    with database.session() as session:
        records.delete(session, Question, question_id)
        session.commit()


def test_a_deleted_questions_words_are_gone_from_the_index_the_file_and_its_log(database, db_path):
    fill(database)
    words = random_words(random.Random(1234), 4)
    doomed = create_secret_question(database, words)
    with database.read_session() as session:
        assert [hit.record_id for hit in search(session, words[1])] == [doomed]
    delete_question(database, doomed)

    audited = copies_in_audit_trail(database, words)
    assert all(audited.values())  # the insert and the delete entries keep the text, by design
    assert copies_in_files(db_path, words) == audited
    with database.read_session() as session:
        assert search(session, words[1]) == [] and search(session, "warning")  # the rest is still found


def test_a_deleted_questions_chinese_words_are_gone_from_both_indexes_the_file_and_its_log(database, db_path):
    fill(database, batches=6, chinese=True)
    words = random_chinese_words(random.Random(2468), 4)
    doomed = create_secret_question(database, words)
    with database.read_session() as session:
        assert [hit.record_id for hit in search(session, words[1][4:6])] == [doomed]  # two characters
        assert [hit.record_id for hit in search(session, words[2][3:8])] == [doomed]
    pieces = trigram_pieces(words)
    assert all(copies_in_files(db_path, pieces).values())
    delete_question(database, doomed)

    audited = copies_in_audit_trail(database, pieces)
    assert all(audited.values())
    assert copies_in_files(db_path, pieces) == audited
    with database.read_session() as session:
        assert search(session, words[1][4:6]) == [] and search(session, "协调人")  # the rest is still found


def test_words_edited_out_of_a_question_are_gone_once_it_is_deleted(database, db_path):
    fill(database, batches=6)
    words = random_words(random.Random(99), 6)
    doomed = create_secret_question(database, words[:4])
    with database.session() as session:  # the first two words are edited out, two new ones come in
        records.update(session, Question, doomed, {"title": f"Witness {words[4]}",
                                                   "question_text": f"Names {words[5]} and {words[2]}."})
        session.commit()
    with database.read_session() as session:
        assert search(session, words[0]) == [] and [hit.record_id for hit in search(session, words[4])] == [doomed]
    delete_question(database, doomed)

    assert copies_in_files(db_path, words) == copies_in_audit_trail(database, words)


def test_a_delete_while_someone_reads_is_wiped_once_the_reader_closes(database, db_path):
    fill(database, batches=6)
    words = random_words(random.Random(5678), 4)
    doomed = create_secret_question(database, words)
    reader = sqlite3.connect(str(db_path), isolation_level=None)
    try:
        reader.execute("BEGIN")
        assert reader.execute("SELECT count(*) FROM questions").fetchone()[0] > 1  # holds its snapshot
        delete_question(database, doomed)  # the checkpoint after it cannot empty the log now
        assert copies_in_files(db_path, words) != copies_in_audit_trail(database, words)
        reader.execute("COMMIT")
    finally:
        reader.close()
    audited = copies_in_audit_trail(database, words)
    database.dispose()  # does the checkpoint it owes

    assert copies_in_files(db_path, words) == audited
