"""A page that lists one kind of record from a core listing: title, count, and a sortable table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from ...app.records import read
from ...core.database import Database
from ..models.record_list_model import ListColumn
from ..records_changed import RecordsChanged
from ..widgets.record_list_table import RecordListTable
from .base_view import BaseView


class RecordListView(BaseView):
    COLUMNS: tuple[ListColumn, ...] = ()
    STRETCH: int | None = None  # the column that takes the spare width
    NOUN = ("record", "records")  # singular, plural, for the count line
    EMPTY_TEXT = "Nothing recorded yet."

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.count_label = QLabel(self)
        self.table = RecordListTable(self.COLUMNS, self, stretch=self.STRETCH)
        self.empty_label = QLabel(self.EMPTY_TEXT, self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.hide()
        self.page_layout.addWidget(self.count_label)
        self.page_layout.addWidget(self.table, 1)
        self.page_layout.addWidget(self.empty_label, 1)

    def rows(self, session) -> list[dict]:
        """The listing this page shows: a core listing read in the session `app.records.read` gives."""
        raise NotImplementedError

    def load(self) -> None:
        rows = read(self.database, self.rows)
        self.table.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        singular, plural = self.NOUN
        self.count_label.setText(f"{len(rows):,} {singular if len(rows) == 1 else plural}")
