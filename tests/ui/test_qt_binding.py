"""The Qt binding we install must keep Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 released a reference to None on every call of a method returning
nothing; None's count reached zero after a few thousand calls and the application aborted
("deallocating None"). On Python 3.12 and later None is immortal and the count never moves.

The calls run in a child process: a bad binding aborts that process, and this test fails saying so,
instead of taking the whole test run down with it."""

from __future__ import annotations

import os
import subprocess
import sys

CALLS_RETURNING_NOTHING = """
import gc, sys
from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtGui import QGuiApplication, QStandardItemModel

app = QGuiApplication([])
holder, model = QObject(), QStandardItemModel(1, 1)
gc.collect()
before = sys.getrefcount(None)
for _ in range(2000):
    holder.setObjectName("committee")
    model.beginResetModel()
    model.endResetModel()
    model.index(0, 0).data()
    QModelIndex()
gc.collect()
print(before, sys.getrefcount(None))
"""


def test_qt_calls_that_return_nothing_leave_none_alive():
    child = subprocess.run([sys.executable, "-c", CALLS_RETURNING_NOTHING], capture_output=True, text=True,
                           timeout=120, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    binding = "the installed PySide6 (see the pin in pyproject.toml)"
    assert child.returncode == 0, (
        f"{binding} killed Python after calls that return nothing (exit {child.returncode}):\n"
        + "\n".join(child.stderr.strip().splitlines()[-5:]))
    before, after = map(int, child.stdout.split()[-2:])
    assert after >= before - 50, f"{binding} loses a reference to None per call: {before} before, {after} after"
