"""The Delete key in a list table: it asks to delete the record the table has selected (the platform's
Delete key, QKeySequence.StandardKey.Delete, with no other key held)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence

from .record_table_view import RecordTableView


class DeleteKey(QObject):
    def __init__(self, table: RecordTableView, delete: Callable[[int], object]):
        """Call `delete(record id)` when Delete is pressed in `table` with a record selected."""
        super().__init__(table)
        self._table = table
        self._delete = delete
        table.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self._table and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent)
                and event.matches(QKeySequence.StandardKey.Delete)):
            record_id = self._table.current_record_id()
            if record_id is not None:
                self._delete(record_id)
                return True
        return super().eventFilter(watched, event)
