"""The audit history of one record in a window of its own: who changed which field, from what to
what, and when. Every record form offers it with its History… button."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...app.records import read
from ...core.database import Database
from ...core.models import RecordMixin
from ...core.services import history
from ..widgets.history_table import HistoryTable


class HistoryDialog(QDialog):
    def __init__(self, database: Database, model: type[RecordMixin], record_id: int, title: str,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"History: {title}")
        hint = QLabel("Every saved change, newest first. Point at a shortened value to read it in full.")
        hint.setWordWrap(True)
        self.history_table = HistoryTable()
        self.history_table.setAccessibleName(f"History of {title}")
        entries = read(database, lambda session: history.record_history(session, model, record_id))
        self.history_table.set_entries(entries)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.history_table, 1)
        layout.addWidget(buttons)
        self.resize(760, 420)
