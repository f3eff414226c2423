"""A table of records as the committee reads it: whole rows selected, alternating colours, compact
rows, a record opened by double-click or Enter, and the whole text of a cell too narrow for it shown
when the pointer rests on it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QToolTip, QWidget

from ..models.roles import RECORD_ID_ROLE


class RecordTableView(QTableView):
    record_activated = Signal(int)  # the id of the record to open

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAlternatingRowColors(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)
        self.setCornerButtonEnabled(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().hide()
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setMinimumSectionSize(48)
        self.doubleClicked.connect(self._activate)

    def set_column_widths(self, widths: list[int], *, stretch: int | None = None) -> None:
        """Starting widths in pixels; the `stretch` column takes what is left."""
        header = self.horizontalHeader()
        for column, width in enumerate(widths):
            if width:
                self.setColumnWidth(column, width)
        if stretch is not None:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        else:
            header.setStretchLastSection(True)

    def current_record_id(self) -> int | None:
        index = self.currentIndex()
        if not index.isValid() or not self.selectionModel().isRowSelected(index.row(), index.parent()):
            return None
        return index.data(RECORD_ID_ROLE)

    def select_record(self, record_id: int | None) -> bool:
        """Make the row of `record_id` current and visible; False when it is not in the table."""
        model = self.model()
        if record_id is None or model is None:
            return False
        matches = model.match(model.index(0, 0), RECORD_ID_ROLE, record_id, 1, Qt.MatchFlag.MatchExactly)
        if not matches:
            return False
        # Not selectRow(): that reads the keyboard, and a held Ctrl would toggle the row off.
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.selectionModel().setCurrentIndex(matches[0], flags)
        self.scrollTo(matches[0])
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex())
            return
        super().keyPressEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            index = self.indexAt(event.pos())
            text = self.elided_text(index)
            if text and index.data(Qt.ItemDataRole.ToolTipRole) is None:
                QToolTip.showText(event.globalPos(), text, self.viewport(), self.visualRect(index))
                return True
        return super().viewportEvent(event)

    def elided_text(self, index: QModelIndex) -> str:
        """The text of the cell at `index` when its column is too narrow to show all of it, else ''."""
        text = str(index.data() or "") if index.isValid() else ""
        margin = self.style().pixelMetric(self.style().PixelMetric.PM_FocusFrameHMargin, None, self) + 1  # as Qt draws
        return text if self.fontMetrics().horizontalAdvance(text) > self.visualRect(index).width() - 2 * margin else ""

    def _activate(self, index: QModelIndex) -> None:
        record_id = index.data(RECORD_ID_ROLE)
        if record_id is not None:
            self.record_activated.emit(int(record_id))
