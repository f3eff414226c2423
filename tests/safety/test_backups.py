"""Backups: rotation, the daily and closing backups, a backup taken while another process writes,
and restoring one (the current contents saved first)."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta

import pytest
from alembic import command
from hypothesis import given
from hypothesis import strategies as st
from safety_helpers import committed_ids

from r2p_desktop.core import backup, migrations
from r2p_desktop.core.backup import backups_to_keep, list_backups, restore_backup
from r2p_desktop.core.check import check_database
from r2p_desktop.core.database import open_database, schema_revision
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records


def add_questions(database, *titles: str) -> list[int]:
    with database.session() as session:
        ids = [records.create(session, Question, {"title": title}) for title in titles]
        session.commit()
    return ids


def titles(path) -> set[str]:
    with sqlite3.connect(path) as raw:
        return {row[0] for row in raw.execute("SELECT title FROM questions")}


# --- rotation ----------------------------------------------------------------------------------------

def test_a_year_of_backups_every_six_hours_keeps_7_daily_4_weekly_12_monthly():
    now = datetime(2026, 11, 30, 18, 0)
    taken = [now - timedelta(hours=6 * n) for n in range(4 * 400)]
    kept = backups_to_keep(taken)
    assert now in kept
    days = sorted({t.date() for t in kept}, reverse=True)
    assert days[:7] == [now.date() - timedelta(days=n) for n in range(7)]
    assert len({t.isocalendar()[:2] for t in kept}) >= 4
    months = {(t.year, t.month) for t in kept}
    assert len(months) == 12 and (2025, 12) in months and (2025, 11) not in months
    assert len(kept) <= 7 + 4 + 12
    # within a day only the newest is kept
    assert all(t == max(x for x in taken if x.date() == t.date()) for t in kept)


def test_rotation_keeps_the_newest_of_each_period_even_with_gaps():
    taken = [datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 17), datetime(2026, 3, 15, 9), datetime(2026, 6, 2, 9)]
    assert backups_to_keep(taken) == {datetime(2026, 1, 1, 17), datetime(2026, 3, 15, 9), datetime(2026, 6, 2, 9)}
    assert backups_to_keep([]) == set()


@pytest.mark.slow
@given(st.lists(st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1)), max_size=200))
def test_rotation_always_keeps_the_newest_and_never_more_than_the_slots(taken):
    kept = backups_to_keep(taken)
    assert kept <= set(taken)
    assert len(kept) <= 7 + 4 + 12
    if taken:
        assert max(taken) in kept
        assert len(kept) >= min(len({t.date() for t in taken}), 7)
    assert backups_to_keep(kept) == kept  # rotating again deletes nothing more


def test_rotation_deletes_old_automatic_backups_and_keeps_a_few_of_every_other_kind(tmp_path):
    db_file = tmp_path / "committee.sqlite"
    folder = tmp_path / "backups"
    folder.mkdir()
    start = datetime(2026, 1, 1, 12)
    for n in range(60):
        for hour, reason in enumerate(("daily", "close", "manual", "before-0003_audit_guard")):
            (folder / backup.backup_name(db_file, reason, start + timedelta(days=n, hours=hour))).touch()
    (folder / backup.backup_name(tmp_path / "other.sqlite", "daily", start)).touch()
    backup.rotate(folder, db_file)
    left = list_backups(folder, database=db_file, counts=False)
    automatic = [b for b in left if b.automatic]
    assert {b.taken_at for b in automatic} == backups_to_keep(
        start + timedelta(days=n, hours=hour) for n in range(60) for hour in (0, 1))
    assert all(b.reason == "close" for b in automatic)  # the newer of each day
    assert sum(b.reason == "manual" for b in left) == backup.KEEP_PER_GROUP
    assert sum(b.reason.startswith("before-") for b in left) == backup.KEEP_PER_GROUP
    assert (folder / backup.backup_name(tmp_path / "other.sqlite", "daily", start)).exists()


# --- automatic backups -------------------------------------------------------------------------------

def test_the_first_open_of_a_day_backs_up_once_and_closing_backs_up_changes(tmp_path):
    db_file, folder = tmp_path / "committee.sqlite", tmp_path / "backups"
    open_database(str(db_file), backup_dir=folder, create=True).dispose()
    database = open_database(str(db_file), backup_dir=folder, create=True)
    add_questions(database, "Early warning")
    [daily] = list_backups(folder, database=db_file)
    assert daily.reason == "daily" and daily.record_counts["questions"] == 0
    assert backup.backup_if_due(database) is None  # once a day
    closing = backup.backup_on_close(database)
    assert closing is not None and titles(closing) == {"Early warning"}
    assert backup.backup_on_close(database) is None  # nothing changed since
    database.dispose()
    infos = list_backups(folder, database=db_file)
    assert [b.reason for b in infos] == ["close"]  # rotation keeps the newest of the day
    assert infos[0].record_counts["questions"] == 1


@pytest.mark.slow
def test_a_backup_taken_while_another_process_writes_is_complete_and_sound(database, db_path, writer, tmp_path):
    database.dispose()
    process = writer(db_path, "busy", 400)
    seen_before = [int(process.stdout.readline()) for _ in range(30)]  # it is writing now
    copy = backup.backup_file(db_path, tmp_path / "during.sqlite")
    output, _ = process.communicate(timeout=60)
    assert process.returncode == 0
    with sqlite3.connect(copy) as raw:
        in_copy = {row[0] for row in raw.execute("SELECT id FROM questions")}
        assert raw.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert set(seen_before) <= in_copy
    assert len(in_copy) < 400 <= len(seen_before) + len(committed_ids(output))  # really taken mid-way
    opened = open_database(str(copy))
    assert [f for f in check_database(opened) if not f.ok] == []
    opened.dispose()


# --- restore -----------------------------------------------------------------------------------------

def test_restore_brings_back_the_backup_and_saves_what_was_there(tmp_path):
    db_file, folder = tmp_path / "committee.sqlite", tmp_path / "backups"
    database = open_database(str(db_file), backup_dir=folder, create=True)
    add_questions(database, "Kept question")
    saved = backup.take_backup(database, "manual")
    add_questions(database, "Added after the backup")
    with database.session() as session:
        records.delete(session, Question, 1)
        session.commit()

    before = restore_backup(database, saved)
    assert titles(before) == {"Added after the backup"}
    restored = open_database(str(db_file), backup_dir=folder)
    with restored.read_session() as session:
        assert records.get(session, Question, 1)["title"] == "Kept question"
    assert [f for f in check_database(restored) if not f.ok] == []
    with sqlite3.connect(db_file) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    add_questions(restored, "Written after the restore")
    restored.dispose()
    assert titles(db_file) == {"Kept question", "Written after the restore"}
    assert any(b.reason == "before-restore" for b in list_backups(folder, database=db_file))


def test_restoring_a_backup_from_before_an_upgrade_brings_the_open_database_to_the_current_schema(tmp_path):
    db_file, folder = tmp_path / "committee.sqlite", tmp_path / "backups"
    first = open_database(str(db_file), backup_dir=folder, create=True)
    add_questions(first, "From the older version")  # and its audit entry
    first.dispose()
    config = migrations.alembic_config()
    config.set_main_option("sqlalchemy.url", f"sqlite:///{db_file}")
    command.downgrade(config, "0002_search_index")  # before the audit trail's guard (0003)
    database = open_database(str(db_file), backup_dir=folder)  # migrates, backing up the older file first
    add_questions(database, "Written after the upgrade")
    [older] = [b.path for b in list_backups(folder, database=db_file, counts=False)
               if b.rotation_group == "before-migration"]
    assert schema_revision(older) == "0002_search_index"

    restore_backup(database, older)
    database.reopen_after_restore()

    assert schema_revision(db_file) == migrations.SCHEMA_HEAD
    with sqlite3.connect(db_file) as raw, pytest.raises(sqlite3.IntegrityError, match="audit trail cannot"):
        raw.execute("UPDATE audit_entries SET table_name = 'rewritten'")
    before_upgrade = [b for b in list_backups(folder, database=db_file, counts=False)
                      if b.rotation_group == "before-migration"]
    assert len(before_upgrade) == 2 and schema_revision(before_upgrade[0].path) == "0002_search_index"
    add_questions(database, "Written after the restore")
    database.dispose()
    assert titles(db_file) == {"From the older version", "Written after the restore"}


def test_restore_refuses_a_damaged_foreign_or_newer_backup_and_changes_nothing(tmp_path, database, db_path):
    add_questions(database, "Still here")
    foreign = tmp_path / "foreign.sqlite"
    with sqlite3.connect(foreign) as raw:
        raw.execute("CREATE TABLE invoices (id INTEGER)")
    newer = backup.backup_file(db_path, tmp_path / "newer.sqlite")
    with sqlite3.connect(newer) as raw:
        raw.execute("UPDATE alembic_version SET version_num = 'ffff_future'")
    for bad, words in ((foreign, "not an R2P Desktop database"), (newer, "newer version"),
                       (tmp_path / "missing.sqlite", "does not exist")):
        problem = backup.backup_problem(bad)
        assert problem and words in problem
    try:
        restore_backup(db_path, newer, folder=tmp_path / "backups")
    except Exception as error:
        assert "newer version" in str(error)
    assert titles(db_path) == {"Still here"}


def test_r2p_restore_asks_for_confirmation_then_restores(r2p, db_path, tmp_path):
    assert r2p("demo", "--questions", "12").code == 0
    copy = tmp_path / "copy.sqlite"
    assert r2p("backup", "--to", str(copy)).code == 0
    assert r2p("demo", "--questions", "5").code == 0
    refused = r2p("restore", str(copy))
    assert refused.code == 1 and "--yes" in refused.err
    done = r2p("restore", str(copy), "--yes")
    assert done.code == 0, done.err
    assert "restored" in done.out and "before-restore" in done.out
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT count(*) FROM questions").fetchone()[0] == 12
    listing = r2p("backup", "--list")
    [saved_line] = [line for line in listing.out.splitlines() if "before-restore" in line]
    assert "17 questions" in saved_line  # what the database held before the restore
    assert r2p("check").code == 0
