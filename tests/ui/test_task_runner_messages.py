"""What a background task's error handler is given is one line a clerk can read: no SQL, no links."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from r2p_desktop.ui.task_runner import TaskRunner

# A task with its own error handler is not reported; keep pytest-qt's hooks out of the way all the same.
pytestmark = pytest.mark.qt_no_exception_capture


def test_a_database_error_in_a_task_reaches_its_handler_as_one_line_without_sql(qtbot, database):
    def count_old_table() -> int:
        with database.read_session() as session:  # a real query on a real file, on a table it lacks
            return session.execute(text("SELECT count(*) FROM questionz WHERE title = :title"),
                                   {"title": "Early warning"}).scalar_one()

    tasks = TaskRunner()
    messages = []
    tasks.run(count_old_table, lambda result: None, on_error=messages.append)
    qtbot.waitUntil(lambda: bool(messages))
    tasks.wait()
    [message] = messages
    assert "[SQL:" not in message and "\n" not in message
    assert "sqlalche.me" not in message and "questionz" not in message
    assert "OperationalError" in message  # the kind stays, for the clerk to quote to support
