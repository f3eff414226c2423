"""The application opens a current database at once and checks it just after the window shows:
writers wait for that check, and a file that fails it turns read-only before anything is written."""

from __future__ import annotations

import hashlib
import threading

import pytest
from file_damage import damaged_copy
from safety_helpers import fill

from r2p_desktop.core.database import open_database, run_opening_checks
from r2p_desktop.core.errors import ReadOnlyDatabaseError
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records


def test_a_sound_file_opens_unchecked_and_writes_after_the_check(tmp_path):
    path = tmp_path / "r2p.sqlite"
    open_database(str(path)).dispose()
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
    good = tmp_path / "good.sqlite"
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
