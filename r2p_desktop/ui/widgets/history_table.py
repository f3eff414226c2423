"""A record's audit history as a read-only table: When, Who, What, From, To, newest first.

Long values are elided on one line; the tooltip carries the full text."""

from __future__ import annotations

import html
from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QWidget

from ...core.services.history import CREATED, DELETED, HistoryEntry
from ..models.record_list_model import ListColumn, RecordListModel
from .record_table_view import RecordTableView

COLUMNS = (  # From and To share what is left
    ListColumn("when", "When", width=130),
    ListColumn("who", "Who", width=110),
    ListColumn("what", "What", width=140),
    ListColumn("from", "From"),
    ListColumn("to", "To"),
)
WHEN, WHO, WHAT, FROM, TO = range(len(COLUMNS))
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


def history_rows(entries: list[HistoryEntry]) -> list[dict]:
    """The entries as the table's rows; `starts_save` is False on a row of the same save as the row above."""
    rows, above = [], None
    for entry in entries:
        starts_save = above is None or (entry.at, entry.user) != (above.at, above.user)
        rows.append({"when": local_time(entry.at), "who": entry.user,
                     "what": _ACTION_WORDS.get(entry.action) or entry.field_label,
                     "from": entry.old, "to": entry.new, "starts_save": starts_save})
        above = entry
    return rows


class HistoryTableModel(RecordListModel):
    """Values on one line, in full in their tooltip when long; a save's later rows with a muted When
    and Who, so that each save reads as one block."""

    def __init__(self, parent=None):
        super().__init__(COLUMNS, parent)

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.set_rows(history_rows(entries))

    def cell(self, row: dict, column: ListColumn, role: int):
        text = column.text(row)
        if role == Qt.ItemDataRole.DisplayRole:
            return _one_line(text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(text) if len(text) > _TOOLTIP_FROM or "\n" in text else None
        if role == Qt.ItemDataRole.ForegroundRole:
            muted = column.key in ("when", "who") and not row["starts_save"]
            return QGuiApplication.palette().color(QPalette.ColorRole.PlaceholderText) if muted else None
        return super().cell(row, column, role)


class HistoryTable(RecordTableView):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.history_model = HistoryTableModel(self)
        self.setModel(self.history_model)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.set_column_widths([column.width for column in COLUMNS])
        header = self.horizontalHeader()
        header.setStretchLastSection(False)
        for column in (FROM, TO):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.history_model.set_entries(entries)

    def column_texts(self, column: int) -> list[str]:
        """The text of one column from top to bottom, as the reader sees it."""
        return [self.history_model.index(row, column).data() for row in range(self.history_model.rowCount())]
