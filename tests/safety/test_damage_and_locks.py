"""A damaged file opens read-only and is left byte for byte as it was; a lock held too long gives a
clear busy message; a delete never waits for a reader; saving over someone else's change is refused with
both versions."""

from __future__ import annotations

import hashlib
import sqlite3
import time

import pytest
from file_damage import damaged_copy
from migrated_template import migrated_copy
from safety_helpers import fill

from r2p_desktop.core import backup
from r2p_desktop.core.database import open_database
from r2p_desktop.core.errors import ConflictError, DatabaseBusyError, ReadOnlyDatabaseError
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records


def test_a_damaged_file_opens_read_only_and_is_left_byte_for_byte_unchanged(r2p, tmp_path):
    folder = tmp_path / "backups"
    good = migrated_copy(tmp_path / "good.sqlite")
    database = open_database(str(good), backup_dir=folder)  # the day's first backup, as on creating it
    fill(database, 400)
    database.dispose()  # checkpointed: everything is in the file
    damaged = damaged_copy(good, tmp_path / "damaged.sqlite")
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()
    beside_before = sorted(p.name for p in tmp_path.iterdir() if p.name != "data")  # data: the log's folder

    opened = open_database(str(damaged), backup_dir=folder)
    assert opened.read_only and opened.damage
    with pytest.raises(ReadOnlyDatabaseError, match="read-only"):
        opened.session()
    with opened.read_session() as session:
        assert records.get(session, Question, 1)["title"] == "Question 0"  # what can be read, is
    opened.dispose()
    result = r2p("check", db=str(damaged))
    assert result.code == 1 and "FAIL  integrity" in result.out

    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "data") == beside_before  # no -wal, -shm
    assert not any("damaged" in p.name for p in folder.iterdir())


def test_the_newest_good_backup_is_offered_and_restoring_it_repairs_the_file(tmp_path):
    folder = tmp_path / "backups"
    path = migrated_copy(tmp_path / "committee.sqlite")
    database = open_database(str(path), backup_dir=folder)
    fill(database, 300)
    good = backup.take_backup(database, "manual")
    database.dispose()
    damaged_copy(path, path)
    opened = open_database(str(path), backup_dir=folder)
    assert opened.read_only
    offer = backup.newest_good_backup(opened)
    assert offer.path == good and offer.record_counts["questions"] == 300
    saved = backup.restore_backup(opened, offer.path)
    assert "damaged" in saved.name  # the damaged file is kept as it was, for evidence
    repaired = open_database(str(path), backup_dir=folder)
    assert not repaired.read_only
    fill(repaired, 1)
    repaired.dispose()


def test_a_write_lock_held_too_long_gives_a_busy_message_and_saves_nothing(db_path):
    migrated_copy(db_path)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    database = open_database(str(db_path), busy_timeout_ms=200, create=True)
    try:
        with database.session() as session, pytest.raises(DatabaseBusyError) as caught:
            records.create(session, Question, {"title": "Waiting"})
        assert str(caught.value) == ("The database is busy (another copy of R2P is saving). "
                                     "Try again in a moment.")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    with database.session() as session:  # once the lock is free, the same save goes through
        records.create(session, Question, {"title": "Waiting"})
        session.commit()
    database.dispose()


MARKER = "Vrex-witness-Oyelaran-4482"


def marker_copies(path) -> int:
    return sum(file.read_bytes().count(MARKER.encode())
               for file in (path, path.with_name(path.name + "-wal")) if file.exists())


def delete_while_a_reader_is_open(db_path):
    """A question holding MARKER deleted while another connection reads; returns the database, that
    connection (its read ended, still connected) and how long the delete took."""
    database = open_database(str(db_path), create=True)  # the full busy timeout, 10 s
    fill(database, 20)
    with database.session() as session:
        doomed = records.create(session, Question, {"title": "Witness statement", "notes": MARKER,
                                                    "question_text": f"Names {MARKER} as a witness."})
        session.commit()
    database.checkpoint()  # the marker is in the database file itself
    reader = sqlite3.connect(db_path, isolation_level=None)
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM questions").fetchone()  # a read transaction, as an export holds
    started = time.monotonic()
    with database.session() as session:
        records.delete(session, Question, doomed)
        session.commit()
    took = time.monotonic() - started
    reader.execute("COMMIT")  # the read ends; the connection stays, so ours are never the last to close
    return database, reader, took


def test_a_delete_while_another_connection_reads_does_not_wait_and_its_text_goes_on_closing(db_path):
    database, reader, took = delete_while_a_reader_is_open(migrated_copy(db_path))
    try:
        assert took < 2  # not the 10 s busy timeout
        database.dispose()
        assert marker_copies(db_path) == 2 * 2  # question text and notes, in the insert and delete entries
    finally:
        reader.close()


def test_a_checkpoint_a_reader_put_off_is_done_at_the_next_save(db_path):
    database, reader, took = delete_while_a_reader_is_open(migrated_copy(db_path))
    try:
        assert took < 2
        with database.session() as session:
            records.create(session, Question, {"title": "Saved once the reader is done"})
            session.commit()
        assert marker_copies(db_path) == 2 * 2
    finally:
        database.dispose()
        reader.close()


def test_saving_over_a_change_made_since_opening_raises_a_conflict_with_both_versions(database):
    with database.session() as session:
        qid = records.create(session, Question, {"title": "Early warning", "notes": "first"})
        session.commit()
        opened_version = records.get(session, Question, qid)["version"]
    database.user = "other-clerk"
    other = open_database(str(database.path), user="other-clerk")
    with other.session() as session:
        records.update(session, Question, qid, {"title": "Early warning systems", "notes": "theirs"})
        session.commit()
    other.dispose()

    with database.session() as session, pytest.raises(ConflictError) as caught:
        records.update(session, Question, qid, {"title": "Early-warning mechanisms"},
                       expected_version=opened_version)
    conflict = caught.value
    assert conflict.yours == {"title": "Early-warning mechanisms"}
    assert conflict.theirs == {"title": "Early warning systems"}
    assert conflict.stored["notes"] == "theirs"
    assert conflict.changed_by == "other-clerk" and conflict.changed_at is not None
    assert (conflict.expected_version, conflict.current_version) == (opened_version, opened_version + 1)
    assert conflict.differing_fields == ["title"]
    with database.read_session() as session:
        assert records.get(session, Question, qid)["title"] == "Early warning systems"
    with database.session() as session:  # the clerk chooses theirs-plus-mine and saves on top
        records.update(session, Question, qid, {"title": "Early-warning mechanisms"},
                       expected_version=conflict.current_version)
        session.commit()


@pytest.mark.slow
def test_a_file_another_program_holds_locked_is_busy_not_damaged(database, db_path):
    from r2p_desktop.core.sqlite_files import structural_damage

    database.dispose()
    holder = sqlite3.connect(db_path)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")  # in WAL, exclusive locking mode keeps even readers out
    try:
        with pytest.raises(DatabaseBusyError, match="another program holds it locked"):
            structural_damage(db_path)
    finally:
        holder.rollback()
        holder.close()
    assert structural_damage(db_path) is None
