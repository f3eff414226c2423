"""Anchors kept outside the database catch what the hash chain inside it cannot: someone who can write
the file drops the guard triggers, edits an entry, recomputes every hash and puts the triggers back, or
cuts the newest entries off. `r2p check` then fails naming the anchor; later changes still pass."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from r2p_desktop.core import anchors, audit, backup
from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import AuditEntry, Question
from r2p_desktop.core.services import records

GENESIS_ANCHOR = f"0:{audit.GENESIS_HASH}"


def add_questions(db_path, *titles: str) -> None:
    database = open_database(str(db_path))
    try:
        with database.session() as session:
            for title in titles:
                records.create(session, Question, {"title": title})
            session.commit()
    finally:
        database.dispose()


def head(r2p) -> str:
    """The `LENGTH:HASH` line of `r2p audit head`."""
    result = r2p("audit", "head")
    assert result.code == 0, result.err
    return result.out.splitlines()[1]


class Unguarded:
    """The audit trail with its guard triggers dropped, as a tamperer with write access would; the
    triggers are put back on leaving, so `audit protection` passes again."""

    def __init__(self, db_path):
        self.db_path = db_path

    def __enter__(self) -> sqlite3.Connection:
        self.raw = sqlite3.connect(self.db_path)
        self.guards = self.raw.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                       "AND name LIKE 'audit_entries_no_%'").fetchall()
        assert len(self.guards) == 2
        self.raw.execute("DROP TRIGGER audit_entries_no_update")
        self.raw.execute("DROP TRIGGER audit_entries_no_delete")
        return self.raw

    def __exit__(self, *_exc):
        for (sql,) in self.guards:
            self.raw.execute(sql)
        self.raw.commit()
        self.raw.close()


def rewrite_and_rehash(db_path, position: int, new_value: str) -> None:
    """Edit the entry at `position` and recompute every hash from GENESIS: the chain verifies again."""
    with Unguarded(db_path) as raw:
        entry_id = raw.execute("SELECT id FROM audit_entries ORDER BY id LIMIT 1 OFFSET ?", (position - 1,)
                               ).fetchone()[0]
        raw.execute("UPDATE audit_entries SET new_value = ? WHERE id = ?", (new_value, entry_id))
        raw.commit()
        engine = create_engine(f"sqlite:///{db_path}")  # no audit listener: a plain SQLAlchemy session
        with Session(engine) as session:
            previous = audit.GENESIS_HASH
            for entry in session.scalars(select(AuditEntry).order_by(AuditEntry.id)):
                change = audit.Change(entry.action, entry.table_name, entry.record_id, entry.record_uid,
                                      entry.field, entry.old_value, entry.new_value)
                entry.previous_hash = previous
                entry.entry_hash = previous = audit.entry_hash(previous, entry.at, entry.user, change)
            session.commit()
        engine.dispose()


def cut_newest(db_path, count: int) -> None:
    with Unguarded(db_path) as raw:
        raw.execute("DELETE FROM audit_entries WHERE id IN "
                    "(SELECT id FROM audit_entries ORDER BY id DESC LIMIT ?)", (count,))


def backup_with_anchor(db_path, reason: str = "manual"):
    taken = backup.take_backup(db_path, reason)
    anchors.record_beside(taken)  # backup.py calls this itself once wired; a second write is the same
    return taken


# --- the attack ------------------------------------------------------------------------------------

def test_a_rewritten_and_rehashed_trail_passes_the_chain_but_fails_every_anchor_kept_before(r2p, db_path):
    assert r2p("init").code == 0
    add_questions(db_path, "Early warning", "Atrocity prevention focal point", "Mediation support")
    taken = backup_with_anchor(db_path)
    noted = head(r2p)
    assert r2p("check", "--anchor", noted).code == 0

    rewrite_and_rehash(db_path, 2, "a title nobody entered")

    result = r2p("check", "--anchor", noted)
    assert result.code == 1
    assert "ok    audit protection" in result.out  # the triggers are back
    assert "ok    audit chain: every entry follows from the one before" in result.out  # the chain alone is fooled
    length = noted.split(":")[0]
    assert (f"FAIL  audit anchor: the trail was rewritten at or before entry {length} "
            f"(anchor taken with the backup of") in result.out and taken.name in result.out
    assert (f"FAIL  audit anchor: the trail was rewritten at or before entry {length} "
            "(anchor given on the command line)") in result.out
    assert "r2p: check failed: audit anchor" in result.err


def test_cutting_the_newest_entries_behind_an_anchor_fails_naming_it(r2p, db_path, tmp_path):
    assert r2p("init").code == 0
    add_questions(db_path, "First", "Second", "Third")
    noted = tmp_path / "anchors-on-the-usb-stick.txt"
    noted.write_text(r2p("audit", "head").out, encoding="utf-8")  # what a clerk saves: `r2p audit head > file`
    length = int(head(r2p).split(":")[0])

    cut_newest(db_path, 2)

    result = r2p("check", "--anchor", str(noted))
    assert result.code == 1
    assert "ok    audit chain" in result.out  # what is left still chains from GENESIS
    assert (f"FAIL  audit anchor: the trail is shorter than an anchor of {length} entries kept in {noted}: "
            f"it has {length - 2}") in result.out


def test_editing_an_entry_without_rehashing_fails_the_chain_and_the_anchor(r2p, db_path):
    assert r2p("init").code == 0
    add_questions(db_path, "First", "Second")
    noted = head(r2p)
    with Unguarded(db_path) as raw:
        raw.execute("UPDATE audit_entries SET new_value = 'rewritten' WHERE id = 1")
    result = r2p("check", "--anchor", noted)
    assert result.code == 1
    assert "FAIL  audit chain: entry 1" in result.out
    assert f"FAIL  audit anchor: the trail was rewritten at or before entry {noted.split(':')[0]}" in result.out


# --- what passes -----------------------------------------------------------------------------------

def test_later_changes_after_anchors_pass_and_each_anchor_is_reported(r2p, db_path):
    assert r2p("init").code == 0
    empty = head(r2p)
    assert empty == GENESIS_ANCHOR
    add_questions(db_path, "First")
    backup_with_anchor(db_path)
    middle = head(r2p)
    add_questions(db_path, "Second", "Third")

    result = r2p("check", "--anchor", empty, "--anchor", middle)
    assert result.code == 0, result.out
    assert f"ok    audit anchor: the trail still holds {middle.split(':')[0]}:" in result.out
    assert "(given on the command line)" in result.out and "(taken with the backup of" in result.out
    assert "ok    audit anchor: the trail still holds 0:0000…00" in result.out
    assert "beside the backups in" in result.out and "2 given" in result.out


def test_what_an_anchor_cannot_see_a_change_after_the_newest_anchor(r2p, db_path):
    """The limit the README states: entries after the newest anchor may be cut or rewritten unseen."""
    assert r2p("init").code == 0
    add_questions(db_path, "First")
    noted = head(r2p)
    add_questions(db_path, "Second")
    cut_newest(db_path, 1)
    assert r2p("check", "--anchor", noted).code == 0


def test_without_any_anchor_check_says_a_whole_rewrite_would_not_show(r2p, db_path):
    assert r2p("init").code == 0
    for sidecar in (db_path.parent / "backups").glob("*.anchor"):  # the anchors were lost with the folder
        sidecar.unlink()
    result = r2p("check")
    assert result.code == 0
    assert "ok    audit anchors: none found beside the backups or given" in result.out


def test_an_anchor_that_is_neither_written_right_nor_a_file_is_refused_in_one_line(r2p, db_path, tmp_path):
    assert r2p("init").code == 0
    result = r2p("check", "--anchor", "12:9f3a")
    assert result.code == 1 and "12:9f3a: not an anchor (LENGTH:HASH) and no such file" in result.err
    empty_file = tmp_path / "notes.txt"
    empty_file.write_text("nothing here\n", encoding="utf-8")
    result = r2p("check", "--anchor", str(empty_file))
    assert result.code == 1 and "holds no anchor" in result.err
    result = r2p("check", "--anchor", "0:" + "a" * 64)  # an empty trail has only one head
    assert result.code == 1 and "is not an anchor" in result.err


def test_a_damaged_anchor_beside_a_backup_fails_naming_the_file(r2p, db_path):
    assert r2p("init").code == 0
    add_questions(db_path, "First")
    sidecar = anchors.sidecar_of(backup_with_anchor(db_path))
    sidecar.write_text("overwritten\n", encoding="utf-8")
    result = r2p("check")
    assert result.code == 1
    assert f"FAIL  audit anchors: {sidecar.name} holds no anchors instead of one" in result.out


# --- every backup records its anchor ---------------------------------------------------------------

def test_every_backup_records_its_own_anchor_beside_it(r2p, db_path):
    """Passes once backup.py calls anchors.record_beside after each verified backup."""
    assert r2p("init").code == 0
    add_questions(db_path, "First", "Second")
    expected = head(r2p)
    taken = backup.take_backup(db_path, "manual")
    add_questions(db_path, "After the backup")
    sidecar = taken.with_name(taken.name + ".anchor")
    assert sidecar.is_file()
    assert anchors.in_text(sidecar.read_text(encoding="utf-8"), "kept")[0] == anchors.parse(expected)


def test_the_anchor_beside_a_backup_is_the_backups_own_head(r2p, db_path):
    assert r2p("init").code == 0
    add_questions(db_path, "First")
    taken = backup.take_backup(db_path, "manual")
    add_questions(db_path, "Second")  # the database moves on; the backup does not
    sidecar = anchors.record_beside(taken)
    assert sidecar == taken.with_name(taken.name + ".anchor")
    assert anchors.in_text(sidecar.read_text(encoding="utf-8"), "kept")[0] == anchors.head_of_file(taken)
    assert anchors.head_of_file(taken) != anchors.head_of_file(db_path, others_may_write=True)
    assert not list(taken.parent.glob("*.partial"))


# --- restoring replaces the history ----------------------------------------------------------------

def test_restoring_an_older_backup_sets_aside_the_anchors_of_the_replaced_history(r2p, db_path):
    assert r2p("init").code == 0
    add_questions(db_path, "First")
    older = backup_with_anchor(db_path)
    add_questions(db_path, "Second")
    newer = backup_with_anchor(db_path)
    folder = older.parent

    backup.restore_backup(db_path, older, folder=folder)
    anchors.retire_after_restore(folder, db_path)  # restore_backup calls this itself once wired

    assert anchors.sidecar_of(older).is_file()
    assert not anchors.sidecar_of(newer).exists()
    assert newer.with_name(newer.name + ".anchor-replaced").is_file()  # kept, not checked
    result = r2p("check")
    assert result.code == 0, result.out
    assert "set aside because a restore replaced the history they record" in result.out

    backup.restore_backup(db_path, newer, folder=folder)  # undoing the restore: that history is back
    anchors.retire_after_restore(folder, db_path)
    assert anchors.sidecar_of(newer).is_file()
    assert r2p("check").code == 0


def test_r2p_restore_of_an_older_backup_leaves_check_passing(r2p, db_path):
    """Passes once backup.py records anchors and restore_backup calls anchors.retire_after_restore."""
    assert r2p("init").code == 0
    add_questions(db_path, "First")
    older = backup.take_backup(db_path, "manual")
    add_questions(db_path, "Second")
    assert r2p("backup").code == 0
    assert r2p("restore", str(older), "--yes").code == 0
    result = r2p("check")
    assert result.code == 0, result.out
    assert "set aside because a restore replaced the history they record" in result.out
