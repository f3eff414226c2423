"""Qt tests: offscreen, a real migrated SQLite file per test (a copy of the session's template), settings
kept out of the user's."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date, timedelta

import pytest
from migrated_template import migrated_copy
from PySide6.QtCore import QEvent, QSettings, QStandardPaths
from PySide6.QtWidgets import QApplication

from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.ui.main_window import MainWindow
from r2p_desktop.ui.records_changed import RecordsChanged

QStandardPaths.setTestModeEnabled(True)


@pytest.fixture(autouse=True)
def default_settings_folder(tmp_path):
    """`QSettings()` (the application's own, used when it starts a window) reads and writes this test's
    folder, not the user's (nor ~/.qttest, shared by parallel workers)."""
    folder = str(tmp_path / "qsettings")
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, folder)


@pytest.fixture
def database(tmp_path):
    db = open_database(str(migrated_copy(tmp_path / "r2p.sqlite")))
    yield db
    db.dispose()


@pytest.fixture
def records_changed(qapp):
    return RecordsChanged()


@pytest.fixture
def settings(tmp_path, qapp):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def main_window(qtbot, database, records_changed, settings):
    window = MainWindow(database, records_changed, settings)
    with qtbot.waitSignal(window.dashboard_view.loaded):  # its figures are read on a worker
        window.show()
    qtbot.waitExposed(window)
    yield window
    window.tasks.wait()
    editor = window.questions_view.editor
    if editor.has_unsaved_changes():  # closing would ask the (absent) clerk what to do with them
        editor.revert()
    window.close()
    window.deleteLater()
    # Deleted now, not in the next test's event loop: a debounce timer of one of its dialogs (the export
    # preview's) would fire in between and start a task on a runner about to be deleted under it.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def add_questions(database):
    """Adds `count` varied questions to the test database; returns their ids."""
    return lambda count, **kwargs: make_questions(database, count, **kwargs)


def make_questions(database, count: int, *, today: date | None = None) -> list[int]:
    """`count` questions with varied titles, askers, bodies and dates, made through the services."""
    today = today or date.today()
    members = ["Amina Okafor", "Lars Berg", "Chen Wei", "Daniel Mendes", "Zofia Nowak"]
    ministries = ["Ministry of Foreign Affairs", "Ministry of Defence", "Ministry of Justice"]
    statuses = ["draft", "tabled", "holding_answer", "answered", "withdrawn", "closed"]
    ids = []
    with database.session() as session:
        people = [directory.person_or_new(session, name) for name in members]
        bodies = [directory.body_or_new(session, name) for name in ministries]
        for n in range(count):
            status = statuses[(n * 7) % len(statuses)]
            tabled = today - timedelta(days=(n * 37) % 400 + 1)
            values = {
                "reference": f"WQ {n:05d}",
                "title": f"Question {(n * 7919) % 1000:03d} on atrocity prevention",
                "asked_by_id": people[n % len(people)],
                "addressed_to_id": bodies[n % len(bodies)],
                "status": status,
                "date_tabled": None if status == "draft" else tabled,
                "answer_due": None if status == "draft" else tabled + timedelta(days=(n % 5) * 10 + 5),
                "answer_text": "The government has appointed a focal point." if status == "answered" else "",
            }
            ids.append(records.create(session, Question, values))
        session.commit()
    return ids
