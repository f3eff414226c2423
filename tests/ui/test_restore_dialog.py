"""Restore from backup: the dialog lists real backups of the test database and restores the one chosen,
backing up the changed contents first."""

from __future__ import annotations

import sqlite3

import pytest
from alembic import command
from PySide6.QtCore import Qt
from sqlalchemy import select

from r2p_desktop.core import migrations
from r2p_desktop.core.backup import list_backups, take_backup
from r2p_desktop.core.database import open_database, schema_revision
from r2p_desktop.core.models import FollowUp, Question
from r2p_desktop.core.services import records
from r2p_desktop.ui.dialogs.restore_dialog import REASON, RECORDS, TAKEN, RestoreDialog
from r2p_desktop.ui.task_runner import TaskRunner


def _titles(location) -> list[str]:
    database = open_database(str(location), create=True)
    try:
        with database.read_session() as session:
            return sorted(session.scalars(select(Question.title)))
    finally:
        database.dispose()


@pytest.fixture
def history(database):
    """Two backups (one question, then two and a follow-up), then a change made after the newer one."""
    with database.session() as session:
        first = records.create(session, Question, {"title": "Early warning"})
        session.commit()
    older = take_backup(database, "manual")
    with database.session() as session:
        second = records.create(session, Question, {"title": "Focal point"})
        records.create(session, FollowUp, {"description": "Ask again", "question_id": second})
        session.commit()
    newer = take_backup(database, "daily")
    with database.session() as session:
        records.update(session, Question, first, {"title": "Changed after the backups"})
        session.commit()
    return older, newer


@pytest.fixture
def tasks(qapp):
    runner = TaskRunner()
    yield runner
    runner.wait()


def open_dialog(qtbot, database, tasks) -> RestoreDialog:
    dialog = RestoreDialog(database, tasks)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.loaded):  # the backups are read on a worker
        dialog.show()
    return dialog


def test_lists_the_backups_newest_first_with_kind_and_record_counts(qtbot, database, tasks, history):
    older, newer = history
    dialog = open_dialog(qtbot, database, tasks)
    model = dialog.model
    assert model.rowCount() == 2
    assert [b.path for b in dialog.backups] == [newer, older]
    assert [model.index(row, REASON).data() for row in range(2)] == ["Daily (automatic)", "Backed up by hand"]
    assert model.index(0, RECORDS).data() == "2 questions, 1 follow-up"  # kinds with none left out
    assert model.index(1, RECORDS).data() == "1 question"
    assert model.index(1, RECORDS).data(Qt.ItemDataRole.ToolTipRole).startswith("1 question, 0 follow-ups, 0 de")
    taken = dialog.backups[1].taken_at.strftime("%Y-%m-%d %H:%M")
    assert model.index(1, TAKEN).data() == taken
    assert dialog.restore_button.isEnabled()  # the newest is selected


def test_restoring_the_older_backup_undoes_the_change_and_keeps_the_changed_state(
        qtbot, database, tasks, history, monkeypatch):
    older, _newer = history
    location = database.path
    dialog = open_dialog(qtbot, database, tasks)
    asked = []
    monkeypatch.setattr(dialog, "confirm_restore", lambda text: asked.append(text) or True)
    assert dialog.select_backup(older)
    with qtbot.waitSignal(dialog.restored) as restored:
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert restored.args == [str(location)]
    assert "backed up first, into" in asked[0] and str(dialog.folder) in asked[0]
    assert "(1 question)?" in asked[0]
    assert not dialog.isVisible()
    assert _titles(location) == ["Early warning"]  # the change and the later question are gone
    saved = dialog.previous_contents
    assert saved is not None and saved.parent == dialog.folder
    before_restore = [b for b in list_backups(dialog.folder, database=location) if b.reason == "before-restore"]
    assert [b.path for b in before_restore] == [saved]
    assert before_restore[0].record_counts["questions"] == 2
    assert _titles(saved) == ["Changed after the backups", "Focal point"]


def test_a_backup_from_before_an_upgrade_is_at_the_current_schema_before_the_window_hears_of_it(
        qtbot, database, tasks, history, monkeypatch):
    older, _newer = history
    config = migrations.alembic_config()
    config.set_main_option("sqlalchemy.url", f"sqlite:///{older}")
    command.downgrade(config, "0002_search_index")  # as if taken by the previous version
    dialog = open_dialog(qtbot, database, tasks)
    monkeypatch.setattr(dialog, "confirm_restore", lambda text: True)
    assert dialog.select_backup(older)
    at_restored = []
    dialog.restored.connect(lambda _location: at_restored.append(schema_revision(database.path)))
    with qtbot.waitSignal(dialog.restored):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)

    assert at_restored == [migrations.SCHEMA_HEAD]
    with sqlite3.connect(database.path) as raw, pytest.raises(sqlite3.IntegrityError, match="audit trail"):
        raw.execute("DELETE FROM audit_entries")
    with database.session() as session:  # the same Database writes on, audited
        records.create(session, Question, {"title": "Written after the restore"})
        session.commit()
    assert _titles(database.path) == ["Early warning", "Written after the restore"]


def test_declining_the_confirmation_restores_nothing(qtbot, database, tasks, history, monkeypatch):
    older, _newer = history
    dialog = open_dialog(qtbot, database, tasks)
    monkeypatch.setattr(dialog, "confirm_restore", lambda text: False)
    dialog.select_backup(older)
    with qtbot.assertNotEmitted(dialog.restored, wait=200):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert _titles(database.path) == ["Changed after the backups", "Focal point"]


def test_a_damaged_backup_is_refused_and_the_dialog_says_so(qtbot, database, tasks, history, monkeypatch):
    older, _newer = history
    older.write_bytes(older.read_bytes()[:100] + b"\0" * 4096)
    dialog = open_dialog(qtbot, database, tasks)
    assert dialog.model.index(1, RECORDS).data() == "Could not be read"
    monkeypatch.setattr(dialog, "confirm_restore", lambda text: True)
    dialog.select_backup(older)
    with qtbot.assertNotEmitted(dialog.restored, wait=200):
        qtbot.mouseClick(dialog.restore_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.restore_button.isEnabled())
    assert dialog.status_label.text().startswith("Not restored:")
    assert _titles(database.path) == ["Changed after the backups", "Focal point"]


def test_says_so_when_there_are_no_backups(qtbot, database, tasks):
    dialog = open_dialog(qtbot, database, tasks)
    assert dialog.model.rowCount() == 0
    assert "There are no backups of r2p.sqlite" in dialog.status_label.text()
    assert not dialog.restore_button.isEnabled()
