"""The one read-only table model: plain rows (`list[dict]`, a core listing's) under a column spec.

Used by the short lists (budget, debates, follow-ups, catalogue, people and bodies, the dashboard's),
a record's history and the backups; a table that shows a role differently overrides `cell`. The long
Questions list has its own lazy model."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...core.formatting import date_text, human_label, money
from .roles import RECORD_ID_ROLE, SORT_ROLE, overdue_icon

TEXT, LABEL, DATE, MONEY, NUMBER, FLAG = "text", "label", "date", "money", "number", "flag"

WARNING_COLOUR = QColor("#b3261e")

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


@dataclass(frozen=True)
class ListColumn:
    key: str  # the key in each row dict
    title: str
    shows: str = TEXT  # TEXT, LABEL (an enum value shown as words), DATE, MONEY, NUMBER or FLAG
    width: int = 0  # starting width in pixels; 0 lets the last column stretch / the view decide
    currency_key: str = "currency"  # for MONEY: the row key holding the ISO 4217 code
    warn_key: str = ""  # a row key whose truthy value paints this cell as a warning (e.g. "overdue")
    tip_key: str = ""  # a row key holding the cell's tooltip; without one a long text is its own

    def text(self, row: dict) -> str:
        value = row.get(self.key)
        if self.shows == LABEL:
            return human_label(value)
        if self.shows == DATE:
            return date_text(value)
        if self.shows == MONEY:
            return money(value, row.get(self.currency_key))
        if self.shows == FLAG:
            return "Yes" if value else ""
        if self.shows == NUMBER:
            return "" if value is None else f"{value:,}" if isinstance(value, int) and value >= 10_000 else str(value)
        return "" if value is None else str(value)

    def sort_value(self, row: dict):
        value = row.get(self.key)
        if self.shows in (MONEY, NUMBER):
            return float("-inf") if value is None else float(value)
        if self.shows == DATE:
            return value.isoformat() if isinstance(value, date) else ""
        if self.shows == FLAG:
            return 1 if value else 0
        return self.text(row).casefold()

    @property
    def alignment(self) -> Qt.AlignmentFlag:
        return _RIGHT if self.shows in (MONEY, NUMBER) else _LEFT


class RecordListModel(QAbstractTableModel):
    def __init__(self, columns: tuple[ListColumn, ...] | list[ListColumn], parent=None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._rows: list[dict] = []

    @property
    def columns(self) -> tuple[ListColumn, ...]:
        return self._columns

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_dict(self, row: int) -> dict | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._columns):
            if role == Qt.ItemDataRole.DisplayRole:
                return self._columns[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return self._columns[section].alignment
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self.cell(self._rows[index.row()], self._columns[index.column()], role)

    def cell(self, row: dict, column: ListColumn, role: int):
        """What `column` shows in `role` for `row`."""
        warned = bool(column.warn_key and row.get(column.warn_key))
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(row)
        if role == Qt.ItemDataRole.DecorationRole:
            return overdue_icon() if warned and column.shows == DATE and row.get(column.key) else None
        if role == Qt.ItemDataRole.AccessibleTextRole and warned:
            return f"{column.text(row)}, overdue"
        if role == Qt.ItemDataRole.ToolTipRole:
            if warned and column.shows == DATE:
                return "Overdue"
            if column.tip_key:
                return row.get(column.tip_key) or None
            text = column.text(row)
            return text if len(text) > 40 else None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return column.alignment
        if role == Qt.ItemDataRole.ForegroundRole:
            return WARNING_COLOUR if warned else None
        if role == Qt.ItemDataRole.EditRole:  # the date or number shown, for "Export this list…"
            return row.get(column.key) if column.shows in (DATE, NUMBER) else None
        if role == RECORD_ID_ROLE:
            return row.get("id")
        if role == SORT_ROLE:
            return column.sort_value(row)
        return None
