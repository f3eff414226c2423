"""A database that is not where `--db` (or the default) says: the clerk is asked, naming the full path,
and a new, empty database is made only when the clerk says so. A mistyped path never silently
becomes an empty database."""

from __future__ import annotations

import pytest
from clerk_actions import answer_next_message
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from r2p_desktop import __main__ as start
from r2p_desktop.core.database import open_database
from r2p_desktop.ui.dialogs.missing_database_dialog import MissingDatabaseDialog
from r2p_desktop.ui.main_window import MainWindow

CREATE, OPEN_ANOTHER, QUIT = "&Create new database", "&Open another…", "&Quit"


def close_the_window_once_shown(shown: list[str]) -> None:
    """From inside the application's event loop: note which database the window shows, then close it."""
    windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    if not windows:
        QTimer.singleShot(50, lambda: close_the_window_once_shown(shown))
        return
    shown.append(windows[0].database_label.text())
    windows[0].close()


@pytest.fixture
def application_watchdog(qapp):
    """Ends a run of the application that a failing test would leave waiting."""
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: qapp.exit(99))
    timer.start(60_000)
    yield
    timer.stop()


def test_quit_creates_nothing(qapp, tmp_path, capsys):
    mistyped = tmp_path / "comittee" / "r2p.sqlite"
    asked = answer_next_message(QUIT)
    assert start.main(["--db", str(mistyped)]) == 1

    assert asked == [f"There is no database at {mistyped}."]
    assert not mistyped.parent.exists()  # not the file, not its folder
    err = capsys.readouterr().err
    assert err.startswith(f"r2p-desktop: there is no database at {mistyped}") and err.count("\n") == 1


def test_create_makes_the_database_and_the_window_opens_on_it(qapp, tmp_path, application_watchdog):
    new = tmp_path / "committee 2026" / "r2p.sqlite"
    asked = answer_next_message(CREATE)
    shown: list[str] = []
    QTimer.singleShot(0, lambda: close_the_window_once_shown(shown))
    assert start.main(["--db", str(new)]) == 0

    assert asked == [f"There is no database at {new}."]
    assert shown == [f"Database: {new}"]
    open_database(str(new)).dispose()  # a database now, opened without being created again


def test_open_another_opens_the_file_the_clerk_picks(qapp, tmp_path, monkeypatch, database,
                                                     application_watchdog):
    mistyped = tmp_path / "r2p.sqllite"
    picked = database.path
    monkeypatch.setattr(MissingDatabaseDialog, "choose_file", lambda dialog: str(picked))
    answer_next_message(OPEN_ANOTHER)
    shown: list[str] = []
    QTimer.singleShot(0, lambda: close_the_window_once_shown(shown))
    assert start.main(["--db", str(mistyped)]) == 0

    assert shown == [f"Database: {picked}"]
    assert not mistyped.exists()
