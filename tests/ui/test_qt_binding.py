"""The Qt binding we install must keep Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 released a reference to None on every call of a method returning
nothing; None's count reached zero after a few thousand calls and the application aborted
("deallocating None"). On Python 3.12 and later None is immortal and the count never moves."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QModelIndex, QObject
from PySide6.QtGui import QStandardItemModel


def test_qt_calls_that_return_nothing_leave_none_alive(qapp):
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
    assert sys.getrefcount(None) >= before - 50
