"""The application opens a current database at once and checks it just after the window shows:
writers wait for that check, and a file that fails it turns read-only before anything is written; a check
that fails or takes too long never leaves the clerk with a false "busy" message."""

from __future__ import annotations

import hashlib
import threading
import time

import pytest
from file_damage import damaged_copy
from migrated_template import migrated_copy
from safety_helpers import fill

from r2p_desktop.core import database as database_module
from r2p_desktop.core.database import open_database, run_opening_checks
from r2p_desktop.core.errors import DatabaseBusyError, ReadOnlyDatabaseError
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records


def test_a_sound_file_opens_unchecked_and_writes_after_the_check(tmp_path):
    path = migrated_copy(tmp_path / "r2p.sqlite")
    database = open_database(str(path), check_later=True)
    written = []

    def write():
        with database.session() as session:
            written.append(records.create(session, Question, {"title": "Waited for the check"}))
            session.commit()

    writer = threading.Thread(target=write)
    writer.start()
    writer.join(0.3)
    assert writer.is_alive() and written == []  # the writer waits for the check
    checks = run_opening_checks(database)
    writer.join(10)
    assert checks.damage is None and not database.read_only
    assert len(written) == 1
    database.dispose()


def test_a_damaged_file_turns_read_only_at_the_check_and_is_left_unchanged(tmp_path):
    good = migrated_copy(tmp_path / "good.sqlite")
    database = open_database(str(good))
    fill(database, 400)
    database.dispose()
    damaged = damaged_copy(good, tmp_path / "damaged.sqlite")
    before = hashlib.sha256(damaged.read_bytes()).hexdigest()

    opened = open_database(str(damaged), check_later=True, backup_dir=tmp_path / "backups")
    checks = run_opening_checks(opened)
    assert checks.damage and opened.read_only
    with pytest.raises(ReadOnlyDatabaseError):
        opened.session()
    assert not (tmp_path / "backups").exists()  # no backup of a damaged file as if it were good
    opened.dispose()
    assert hashlib.sha256(damaged.read_bytes()).hexdigest() == before


def test_a_check_that_fails_lets_the_waiting_writer_go_on(tmp_path, monkeypatch):
    path = migrated_copy(tmp_path / "r2p.sqlite")
    database = open_database(str(path), check_later=True)
    monkeypatch.setattr(database_module, "CHECK_WAIT_S", 5)

    def check_that_fails(_path, **_options):  # the file is real; its check is made to fail
        raise OSError("the network share went away")

    monkeypatch.setattr(database_module, "structural_damage", check_that_fails)
    outcome = []

    def write():
        try:
            with database.session() as session:
                outcome.append(records.create(session, Question, {"title": "Waited for the check"}))
                session.commit()
        except Exception as error:
            outcome.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    writer.join(0.3)
    assert writer.is_alive()  # waiting for the check
    with pytest.raises(OSError, match="network share"):
        database.check()
    writer.join(2)  # well inside CHECK_WAIT_S: the failed check let it go
    assert not writer.is_alive() and len(outcome) == 1 and isinstance(outcome[0], int)
    database.dispose()


def test_a_change_that_waits_too_long_for_the_check_says_the_file_is_still_being_checked(tmp_path, monkeypatch):
    path = migrated_copy(tmp_path / "r2p.sqlite")
    database = open_database(str(path), check_later=True)
    monkeypatch.setattr(database_module, "CHECK_WAIT_S", 0.2)
    started = time.monotonic()
    with pytest.raises(DatabaseBusyError) as caught:
        database.session()
    assert time.monotonic() - started < 2
    assert "still being checked" in str(caught.value) and "another copy" not in str(caught.value)
    database.check()
    with database.session() as session:
        records.create(session, Question, {"title": "Saved once checked"})
        session.commit()
    database.dispose()
