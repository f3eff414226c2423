"""A table over a core listing (`list[dict]`), sorted in memory by a click on a column header."""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QWidget

from ..models.record_list_model import ListColumn, RecordListModel
from ..models.roles import SORT_ROLE
from .record_table_view import RecordTableView


class RecordListTable(RecordTableView):
    def __init__(self, columns: tuple[ListColumn, ...], parent: QWidget | None = None, *,
                 stretch: int | None = None):
        super().__init__(parent)
        self.list_model = RecordListModel(columns, self)
        self._proxy = QSortFilterProxyModel(self)
        self._proxy.setSourceModel(self.list_model)
        self._proxy.setSortRole(SORT_ROLE)
        self._proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setModel(self._proxy)
        # Until the user picks a column, keep the order the listing gives (the meaningful one).
        self.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.setSortingEnabled(True)
        self.set_column_widths([column.width for column in columns], stretch=stretch)

    def set_rows(self, rows: list[dict]) -> None:
        selected = self.current_record_id()
        self.list_model.set_rows(rows)
        self.select_record(selected)

    def row_count(self) -> int:
        return self._proxy.rowCount()

    def column_texts(self, column: int) -> list[str]:
        """The text of one column from top to bottom, as the reader sees it."""
        return [self._proxy.index(row, column).data() for row in range(self._proxy.rowCount())]
