"""A record's audit history as a read-only table: When, Who, What, From, To, newest first.

Long values are elided on one line; the tooltip carries the full text."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from ...core.services.history import CREATED, DELETED, HistoryEntry
from .record_table_view import RecordTableView

WHEN, WHO, WHAT, FROM, TO = range(5)
_TITLES = ("When", "Who", "What", "From", "To")
_WIDTHS = (130, 110, 140)  # When, Who, What; From and To share the rest
_ACTION_WORDS = {CREATED: "Created", DELETED: "Deleted"}
_TOOLTIP_FROM = 40  # characters: shorter single-line values fit their column and need no tooltip
_TOOLTIP_LINE = 80  # characters: longer values are wrapped in the tooltip
_TOOLTIP_WIDTH = 480  # pixels


def local_time(at: datetime) -> str:
    """A UTC timestamp as the clerk's wall clock reads it: YYYY-MM-DD HH:MM."""
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def tooltip(text: str) -> str:
    """The full text for a tooltip, always as escaped rich text so that a value like '<b>' shows as typed;
    a long one wrapped to a readable width, its line breaks kept."""
    escaped = html.escape(text, quote=False)
    if len(text) <= _TOOLTIP_LINE and "\n" not in text:
        return f"<p style='white-space:pre'>{escaped}</p>"
    return f"<table width='{_TOOLTIP_WIDTH}'><tr><td style='white-space:pre-wrap'>{escaped}</td></tr></table>"


def _one_line(text: str) -> str:
    return " ".join(text.split()) if any(c in text for c in "\n\r\t") else text


class HistoryTableModel(QAbstractTableModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._entries: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_TITLES)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(_TITLES):
            return _TITLES[section]
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        text = self._text(self._entries[index.row()], index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return _one_line(text)
        if role == Qt.ItemDataRole.ToolTipRole and (len(text) > _TOOLTIP_FROM or "\n" in text):
            return tooltip(text)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() in (WHEN, WHO) \
                and not self._starts_save(index.row()):
            # The same save as the row above: muted, so that each save reads as one block.
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        return None

    def _starts_save(self, row: int) -> bool:
        if row == 0:
            return True
        this, above = self._entries[row], self._entries[row - 1]
        return (this.at, this.user) != (above.at, above.user)

    @staticmethod
    def _text(entry: HistoryEntry, column: int) -> str:
        if column == WHEN:
            return local_time(entry.at)
        if column == WHO:
            return entry.user
        if column == WHAT:
            return _ACTION_WORDS.get(entry.action) or entry.field_label
        if column == FROM:
            return entry.old
        if column == TO:
            return entry.new
        return ""


class HistoryTable(RecordTableView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.history_model = HistoryTableModel(self)
        self.setModel(self.history_model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.set_column_widths(list(_WIDTHS))
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (FROM, TO):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.history_model.set_entries(entries)

    def column_texts(self, column: int) -> list[str]:
        """The text of one column from top to bottom, as the reader sees it."""
        return [self.history_model.index(row, column).data() for row in range(self.history_model.rowCount())]
