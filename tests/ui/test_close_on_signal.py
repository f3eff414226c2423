"""Ctrl+C in the terminal (SIGINT), or SIGTERM, closes the window as its close button does: unsaved
edits are asked about, the clerk may cancel, and once the application has gone the .sqlite file alone
holds every record."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest
from clerk_actions import answer_next_message
from PySide6.QtWidgets import QMessageBox

from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records
from r2p_desktop.ui.close_on_signal import CloseOnSignal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="signals are delivered differently on Windows")

Save, Cancel = QMessageBox.StandardButton.Save, QMessageBox.StandardButton.Cancel


@pytest.fixture
def closer(main_window):
    closer = CloseOnSignal(main_window)
    yield closer
    closer.uninstall()


def saved_title(database, question_id) -> str:
    with database.read_session() as session:
        return records.get(session, Question, question_id)["title"]


@pytest.mark.parametrize("number", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_asks_about_unsaved_edits_and_save_keeps_them(main_window, closer, qtbot, database,
                                                               add_questions, number):
    [question_id] = add_questions(1)
    editor = main_window.edit_question(question_id)
    editor.widgets["title"].setText("Kept through Ctrl+C")
    asked = answer_next_message(Save)
    with qtbot.waitSignal(closer.window_closed, timeout=10_000):
        os.kill(os.getpid(), number)

    assert asked == ["Save changes to this question?"]
    assert not main_window.isVisible()
    assert saved_title(database, question_id) == "Kept through Ctrl+C"


def test_cancel_keeps_the_window_and_a_second_ctrl_c_does_not_lose_the_edits(main_window, closer, qtbot, database,
                                                                             add_questions):
    [question_id] = add_questions(1)
    before = saved_title(database, question_id)
    editor = main_window.edit_question(question_id)
    editor.widgets["title"].setText("Still being written")
    still_open = []

    def ctrl_c_again(box) -> None:  # while the prompt is open
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.wait(300)  # the second signal is handled inside the prompt's own event loop
        still_open.append(box.isVisible() and main_window.isVisible())

    asked = answer_next_message(Cancel, before=ctrl_c_again)
    with qtbot.assertNotEmitted(closer.window_closed, wait=500):
        os.kill(os.getpid(), signal.SIGINT)
        qtbot.waitUntil(lambda: bool(asked), timeout=10_000)

    assert asked == ["Save changes to this question?"]  # asked once, not again for the second Ctrl+C
    assert still_open == [True]
    assert main_window.isVisible()
    assert editor.widgets["title"].text() == "Still being written" and editor.has_unsaved_changes()
    assert saved_title(database, question_id) == before


@pytest.mark.slow
def test_ctrl_c_in_the_terminal_ends_the_application_with_everything_in_the_file(
        tmp_path, database, add_questions, isolated_data_folder):
    # Questions saved by a program that stays open, as a colleague's might be: they sit in the
    # write-ahead log, not yet in the .sqlite file, until someone moves them there.
    add_questions(25)
    db_file = database.path
    assert (db_file.parent / f"{db_file.name}-wal").stat().st_size > 0
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    app = subprocess.Popen([sys.executable, "-m", "r2p_desktop", "--db", str(db_file)], env=environment,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_ready(app, isolated_data_folder)
        app.send_signal(signal.SIGINT)
        _out, err = app.communicate(timeout=15)
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, err
    assert "Traceback" not in err

    wal = db_file.parent / f"{db_file.name}-wal"
    assert not wal.exists() or wal.stat().st_size == 0
    copy = tmp_path / "copied" / "r2p.sqlite"  # the clerk copies the .sqlite file and nothing else
    copy.parent.mkdir()
    shutil.copyfile(db_file, copy)
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT count(*) FROM questions").fetchone()[0] == 25
    connection.close()


def wait_until_ready(app: subprocess.Popen, data_folder, timeout_s: float = 30) -> None:
    """Until the application's log says its window is up (and so Ctrl+C is handled)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if app.poll() is not None:
            pytest.fail(f"r2p-desktop ended before its window showed: {app.communicate()[1]}")
        for log_file in data_folder.glob("*.log"):
            if "R2P Desktop is ready" in log_file.read_text(encoding="utf-8", errors="replace"):
                return
        time.sleep(0.1)
    pytest.fail("r2p-desktop did not say it was ready")
