"""The records a record is linked to, as a dialog edits them: a table of them (kind, reference, title,
status, date), a picker to add one by typing part of its reference or title, and Remove (or Delete in
the table) to take one off. Nothing is written here: the dialog saves `added` and `removed` with the
rest of its form, in one transaction."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...app.changes import Record
from ...app.linking import LinkableRecord
from ...core.database import Database
from ..models.record_list_model import DATE, ListColumn, RecordListModel
from .record_picker import REFERENCE_MAX_WIDTH, RecordPicker
from .record_table_view import RecordTableView

COLUMNS = (
    ListColumn("kind_label", "Record", width=100),
    ListColumn("reference", "Reference", width=130),
    ListColumn("title", "Title", tip_key="text"),
    ListColumn("status", "Status", width=120, tip_key="status"),
    ListColumn("date", "Date", DATE, width=90),
)
REFERENCE = 1


class _LinkTable(RecordTableView):
    remove_requested = Signal()

    def column_texts(self, column: int) -> list[str]:
        """The text of one column from top to bottom, as the reader sees it."""
        model = self.model()
        return [model.index(row, column).data() for row in range(model.rowCount())]

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentIndex().isValid():
            self.remove_requested.emit()
            return
        super().keyPressEvent(event)


class LinkedRecords(QWidget):
    changed = Signal()  # a record was added or removed

    def __init__(self, database: Database, kind_keys: Collection[str], parent: QWidget | None = None, *,
                 picker_label: str, empty_text: str, accessible_name: str):
        super().__init__(parent)
        self._saved: list[LinkableRecord] = []
        self._shown: list[LinkableRecord] = []

        self.picker = RecordPicker(database, kind_keys, self, label=picker_label)
        self.picker.picked.connect(self.add)
        self.model = RecordListModel(COLUMNS, self)
        self.table = _LinkTable(self)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.set_column_widths([column.width for column in COLUMNS], stretch=2)
        self.table.setAccessibleName(accessible_name)
        self.table.remove_requested.connect(self.remove_current)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.empty_label = QLabel(empty_text, self)  # in the table's place while there is nothing in it
        self.empty_label.setWordWrap(True)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.remove_button = QPushButton("&Remove link", self)
        self.remove_button.setToolTip("Take the selected record off this list (Delete)")
        self.remove_button.clicked.connect(self.remove_current)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addLayout(buttons)
        self._show()

    def set_records(self, records: list[LinkableRecord]) -> None:
        """The records linked as saved; nothing added or removed yet."""
        self._saved = list(records)
        self._shown = list(records)
        self._show()

    def records(self) -> list[LinkableRecord]:
        """The records linked as the dialog shows them: the saved ones still there, then those added."""
        return list(self._shown)

    def added(self) -> list[Record]:
        saved = {linked.record for linked in self._saved}
        return [linked.record for linked in self._shown if linked.record not in saved]

    def removed(self) -> list[Record]:
        shown = {linked.record for linked in self._shown}
        return [linked.record for linked in self._saved if linked.record not in shown]

    def add(self, record: LinkableRecord) -> None:
        if record.record not in {linked.record for linked in self._shown}:
            self._shown.append(record)
            self._show()
            self.changed.emit()
        self.table.selectRow(next(n for n, linked in enumerate(self._shown) if linked.record == record.record))

    def remove_current(self) -> None:
        row = self.table.currentIndex().row()
        if not 0 <= row < len(self._shown) or not self.table.selectionModel().isRowSelected(row, QModelIndex()):
            return
        del self._shown[row]
        self._show()
        if self._shown:
            self.table.selectRow(min(row, len(self._shown) - 1))
        self.changed.emit()

    def _show(self) -> None:
        self.model.set_rows([{**asdict(linked), "text": linked.text()} for linked in self._shown])
        widest = max((self.table.fontMetrics().horizontalAdvance(linked.reference) for linked in self._shown),
                     default=0)  # catalogue codes run longer than question references
        self.table.setColumnWidth(REFERENCE, max(COLUMNS[REFERENCE].width, min(widest + 16, REFERENCE_MAX_WIDTH)))
        self.picker.set_excluded({linked.record for linked in self._shown})
        self.table.setVisible(bool(self._shown))
        self.empty_label.setVisible(not self._shown)
        self._enable()

    def _enable(self) -> None:
        index = self.table.currentIndex()
        self.remove_button.setEnabled(index.isValid()
                                       and self.table.selectionModel().isRowSelected(index.row(), index.parent()))
