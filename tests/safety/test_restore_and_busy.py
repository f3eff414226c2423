"""Two attacks on saving while someone else holds the file: a restore that waits for the lock must not
lose a colleague's save, and a batch import waits once for the lock instead of failing row by row."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from migrated_template import migrated_copy

from r2p_desktop.core import backup
from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records


def add_question(location, title: str) -> None:
    database = open_database(str(location))
    try:
        with database.session() as session:
            records.create(session, Question, {"title": title})
            session.commit()
    finally:
        database.dispose()


def titles(path) -> set[str]:
    with sqlite3.connect(path) as raw:
        return {row[0] for row in raw.execute("SELECT title FROM questions")}


def backup_then_one_more_save(tmp_path):
    """A database holding two questions, and a backup taken when it held only the first."""
    db_file, folder = tmp_path / "r2p.sqlite", tmp_path / "backups"
    open_database(str(db_file), create=True, backup_dir=folder).dispose()
    add_question(db_file, "In the backup")
    chosen = backup.take_backup(db_file, "manual", folder=folder)
    add_question(db_file, "Saved after the backup")
    return db_file, folder, chosen


def test_a_save_committed_while_a_restore_takes_its_undo_copy_is_kept(tmp_path, monkeypatch):
    db_file, folder, chosen = backup_then_one_more_save(tmp_path)

    # A colleague's copy of R2P saves just after the restore has copied what the file holds.
    colleague: list[threading.Thread] = []
    keep_what_is_there = backup.timestamped_backup

    def undo_copy_then_a_colleague_saves(*args, **kwargs):
        saved = keep_what_is_there(*args, **kwargs)
        colleague.append(threading.Thread(target=add_question, args=(db_file, "Saved by a colleague meanwhile")))
        colleague[0].start()
        time.sleep(0.5)  # long enough for the save to commit, unless the restore holds the write lock
        return saved

    monkeypatch.setattr(backup, "timestamped_backup", undo_copy_then_a_colleague_saves)
    saved = backup.restore_backup(db_file, chosen, folder=folder)
    colleague[0].join(30)

    assert titles(saved) == {"In the backup", "Saved after the backup"}  # the undo copy: what was there
    # The colleague's save waited for the restore and landed on the restored contents: it is nowhere lost.
    assert titles(db_file) == {"In the backup", "Saved by a colleague meanwhile"}


def test_a_restore_whose_undo_copy_fails_changes_nothing(tmp_path, monkeypatch):
    db_file, folder, chosen = backup_then_one_more_save(tmp_path)

    def disk_full(*_args, **_kwargs):
        raise backup.DiskFullError("the disk is full: the backup was not written")

    monkeypatch.setattr(backup, "timestamped_backup", disk_full)
    try:
        backup.restore_backup(db_file, chosen, folder=folder)
    except backup.DiskFullError:
        pass
    else:
        raise AssertionError("the restore went on without keeping what the database held")
    assert titles(db_file) == {"In the backup", "Saved after the backup"}
    add_question(db_file, "Still writable")  # the lock was let go


def csv_of(path, prefix: str, rows: int):
    lines = ["reference,title"] + [f"{prefix}-{n},Question {n} from {prefix}" for n in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def r2p(*args, env=None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "r2p_desktop.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env or os.environ.copy())


@pytest.mark.slow
def test_an_import_waits_once_for_a_lock_held_elsewhere_then_stops_in_one_line(tmp_path, db_path):
    migrated_copy(db_path)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program is saving and does not let go
    try:
        started = time.monotonic()
        result = r2p("import", "questions", str(csv_of(tmp_path / "six.csv", "A", 6)), "--db", str(db_path),
                     "--wait", "1")
        _out, err = result.communicate(timeout=60)
        took = time.monotonic() - started
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.returncode != 0
    assert err.strip().splitlines() == [
        "r2p: error: the database is busy (another program is saving); nothing was imported"]
    assert took < 15  # once, not once per row (it was 10 s a row)
    assert titles(db_path) == set()


@pytest.mark.slow
def test_two_imports_started_together_both_succeed(tmp_path, db_path):
    migrated_copy(db_path)
    first = r2p("import", "questions", str(csv_of(tmp_path / "a.csv", "A", 400)), "--db", str(db_path))
    second = r2p("import", "questions", str(csv_of(tmp_path / "b.csv", "B", 400)), "--db", str(db_path))
    results = [process.communicate(timeout=120) for process in (first, second)]
    assert (first.returncode, second.returncode) == (0, 0), results
    assert len(titles(db_path)) == 800
