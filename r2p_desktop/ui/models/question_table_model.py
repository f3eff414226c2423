"""The Questions table: ordered ids from SQL, rows fetched a page at a time, sorting in SQL.

Like Anki's browser table it holds only the ids of the current search; a row's text is read when the
view first asks for it, so 100,000 questions cost one id list, not 100,000 objects."""

from __future__ import annotations

import logging
from collections import OrderedDict
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from ...app.records import read
from ...core.database import Database
from ...core.errors import R2PError
from ...core.formatting import date_text, human_label
from ...core.services.questions import QuestionFilter, QuestionRow, question_ids, question_rows
from .roles import RECORD_ID_ROLE, overdue_icon

log = logging.getLogger(__name__)

PAGE_SIZE = 200
CACHED_PAGES = 25  # rows kept in memory: the pages around what is on screen, and a little history

OVERDUE_COLOUR = QColor("#b3261e")


@dataclass(frozen=True)
class _Column:
    title: str
    sort_key: str  # a key of core.services.questions.SORT_KEYS
    width: int  # a starting width in pixels; the user can change it


COLUMNS = (
    _Column("Reference", "reference", 125),
    _Column("Title", "title", 380),
    _Column("Asked by", "asked_by", 150),
    _Column("Addressed to", "addressed_to", 200),
    _Column("Tabled", "date_tabled", 92),
    _Column("Answer due", "answer_due", 92),
    _Column("Status", "status", 115),
    _Column("Days overdue", "days_overdue", 100),
)
REFERENCE, TITLE, ASKED_BY, ADDRESSED_TO, DATE_TABLED, ANSWER_DUE, STATUS, DAYS_OVERDUE = range(len(COLUMNS))

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _cell_text(row: QuestionRow, column: int):
    if column == REFERENCE:
        return row.reference
    if column == TITLE:
        return row.title
    if column == ASKED_BY:
        return row.asked_by
    if column == ADDRESSED_TO:
        return row.addressed_to
    if column == DATE_TABLED:
        return date_text(row.date_tabled)
    if column == ANSWER_DUE:
        return date_text(row.answer_due)
    if column == STATUS:
        return human_label(row.status)
    return row.days_overdue if row.days_overdue is not None else ""


class QuestionTableModel(QAbstractTableModel):
    def __init__(self, database: Database, parent=None):
        super().__init__(parent)
        self._database = database
        self._filter = QuestionFilter()
        self._sort_key = "date_tabled"
        self._descending = True
        self._ids: list[int] = []
        self._pages: OrderedDict[int, list[QuestionRow | None]] = OrderedDict()
        self.pages_loaded = 0  # how many pages were read from the database (for tests and logging)

    # --- what the view asks -------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            if role == Qt.ItemDataRole.DisplayRole:
                return COLUMNS[section].title
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return _RIGHT if section == DAYS_OVERDUE else _LEFT
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == RECORD_ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole,
                        Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole,
                        Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.DecorationRole):
            return None
        column = index.column()
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return _RIGHT if column == DAYS_OVERDUE else _LEFT
        row = self._row(index.row())
        if row is None:  # deleted since the ids were read; the next refresh drops it
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            overdue = row.days_overdue is not None and column in (ANSWER_DUE, STATUS, DAYS_OVERDUE)
            return OVERDUE_COLOUR if overdue else None
        if role == Qt.ItemDataRole.DecorationRole:
            return overdue_icon() if column == ANSWER_DUE and row.days_overdue is not None else None
        if role == Qt.ItemDataRole.AccessibleTextRole:  # what a screen reader says instead of the red
            overdue = row.days_overdue is not None and column in (ANSWER_DUE, STATUS)
            return f"{_cell_text(row, column)}, overdue" if overdue else None
        if role == Qt.ItemDataRole.EditRole:  # the dates themselves, for "Export this list…"
            return {DATE_TABLED: row.date_tabled, ANSWER_DUE: row.answer_due}.get(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == STATUS and row.days_overdue is not None:
                return f"{human_label(row.status)}, answer overdue by {row.days_overdue} days"
            return row.title if column == TITLE else None
        return _cell_text(row, column)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        key, descending = COLUMNS[column].sort_key, order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self._sort_key, self._descending):
            return
        self._sort_key, self._descending = key, descending
        self.layoutAboutToBeChanged.emit()
        old_ids = self._ids
        self._ids = self._read_ids()
        self._pages.clear()
        self._move_persistent_indexes(old_ids)
        self.layoutChanged.emit()

    # --- what the application asks ------------------------------------------------------------

    @property
    def sort_key(self) -> str:
        return self._sort_key

    @property
    def descending(self) -> bool:
        return self._descending

    def set_filter(self, flt: QuestionFilter) -> None:
        self._filter = flt
        self.reload()

    def reload(self) -> None:
        """Read the ids again (after a change or a new filter) and forget the cached rows."""
        self.beginResetModel()
        self._ids = self._read_ids()
        self._pages.clear()
        self.endResetModel()

    def record_id(self, row: int) -> int | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, record_id: int) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None

    # --- loading ------------------------------------------------------------------------------

    def _read_ids(self) -> list[int]:
        flt, sort, descending = self._filter, self._sort_key, self._descending
        return read(self._database, lambda session: question_ids(session, flt, sort=sort, descending=descending))

    def _row(self, row: int) -> QuestionRow | None:
        number = row // PAGE_SIZE
        page = self._pages.get(number)
        if page is None:
            page = self._load_page(number)
        else:
            self._pages.move_to_end(number)
        return page[row % PAGE_SIZE]

    def _load_page(self, number: int) -> list[QuestionRow | None]:
        ids = self._ids[number * PAGE_SIZE:(number + 1) * PAGE_SIZE]
        try:
            rows = read(self._database, lambda session: question_rows(session, ids))
        except R2PError as error:  # a damaged file: these rows show empty, the rest still read
            log.error("questions %s to %s could not be read: %s", ids[0], ids[-1], type(error).__name__)
            rows = {}
        page = [rows.get(record_id) for record_id in ids]
        self._pages[number] = page
        self.pages_loaded += 1
        while len(self._pages) > CACHED_PAGES:
            self._pages.popitem(last=False)
        return page

    def _move_persistent_indexes(self, old_ids: list[int]) -> None:
        """Keep selections and the current row on the same questions after a re-sort."""
        old = self.persistentIndexList()
        if not old:
            return
        position = {record_id: row for row, record_id in enumerate(self._ids)}
        new = []
        for index in old:
            row = position.get(old_ids[index.row()]) if 0 <= index.row() < len(old_ids) else None
            new.append(self.index(row, index.column()) if row is not None else QModelIndex())
        self.changePersistentIndexList(old, new)
