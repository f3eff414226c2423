"""A debate's agenda in order: position, title, speakers, minutes and the records each item discusses.

Rows are reordered by dragging (the row number travels in our own MIME type) or from the keyboard;
either way the model asks `move` (which saves it, `app.debates.move_agenda_item`) and then shows the new
order."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from .roles import RECORD_ID_ROLE

MIME_TYPE = "application/x-r2p-agenda-item-row"

POSITION, TITLE, SPEAKERS, MINUTES, RECORDS = range(5)
_HEADERS = ("#", "Item", "Speakers", "Minutes", "Records discussed")
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

Index = QModelIndex | QPersistentModelIndex


class AgendaModel(QAbstractTableModel):
    def __init__(self, move: Callable[[int, int], list[dict]] | None = None, parent=None):
        """`move(item_id, new_position)` saves the move and returns the agenda rows as they now are."""
        super().__init__(parent)
        self._move = move
        self._rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_dict(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, item_id: int) -> int:
        return next((n for n, row in enumerate(self._rows) if row["id"] == item_id), -1)

    def move_row(self, source: int, target: int) -> bool:
        """Move the item at row `source` so that it ends at row `target`, saving the new order."""
        if self._move is None or not 0 <= source < len(self._rows):
            return False
        target = max(0, min(target, len(self._rows) - 1))
        if target == source:
            return False
        self.set_rows(self._move(self._rows[source]["id"], target))
        return True

    # --- reading ------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(_HEADERS):
            if role == Qt.ItemDataRole.DisplayRole:
                return _HEADERS[section]
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _RIGHT if section in (POSITION, MINUTES) else _LEFT
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            # The number the chair reads out is the place in the order, whatever positions are stored.
            return str(index.row() + 1) if column == POSITION else self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == RECORDS and row["links"]:
                return "\n".join(link["label"] for link in row["links"])
            if column == TITLE and row.get("description"):
                return row["description"]
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column in (POSITION, MINUTES) else _LEFT
        if role == RECORD_ID_ROLE:
            return row["id"]
        return None

    @staticmethod
    def _text(row: dict, column: int) -> str:
        if column == TITLE:
            return row["title"]
        if column == SPEAKERS:
            return ", ".join(line.strip() for line in (row.get("speakers") or "").splitlines() if line.strip())
        if column == MINUTES:
            minutes = row.get("allotted_minutes")
            return "" if minutes is None else str(minutes)
        return "; ".join(link["label"] for link in row["links"])

    # --- dragging to reorder ------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if self._move else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return flags | Qt.ItemFlag.ItemIsDragEnabled if self._move else flags

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes) -> QMimeData:
        data = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            data.setData(MIME_TYPE, QByteArray(str(rows[0]).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        return action == Qt.DropAction.MoveAction and data.hasFormat(MIME_TYPE) and self._move is not None

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        try:
            source = int(bytes(data.data(MIME_TYPE).data()).decode())
        except ValueError:
            return False
        # Dropped between rows (`row`), on a row (`parent`), or below the last row (neither).
        before = row if row >= 0 else parent.row() if parent.isValid() else len(self._rows)
        target = before - 1 if before > source else before
        self.move_row(source, target)
        # The rows are already in place: tell the view not to remove the dragged one as well.
        return False
