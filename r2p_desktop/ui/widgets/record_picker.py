"""Finding a record to link by typing part of its reference or title: a line edit whose list of matches
(reference, kind, status, date, title) follows what is typed, a moment after the clerk stops.

Down opens the list (or moves down it), Up moves up, Enter picks the highlighted record (the best
match, until another is highlighted), Escape closes the list; a click picks too. The matches come
from `app.linking.find`, over the kinds the picker is given, leaving out those already linked."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict

from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ...app import linking
from ...app.linking import LinkableRecord
from ...core.database import Database
from ...core.errors import R2PError
from ..models.record_list_model import DATE, ListColumn, RecordListModel

COLUMNS = (
    ListColumn("reference", "Reference", width=120),
    ListColumn("kind_label", "Record", width=95),
    ListColumn("status", "Status", width=105, tip_key="status"),
    ListColumn("date", "Date", DATE, width=85),
    ListColumn("title", "Title", tip_key="text"),
)
DEBOUNCE_MS = 150  # after the last key, so that typing a reference runs one search, not one a letter
POPUP_MIN_WIDTH = 560
REFERENCE_MAX_WIDTH = 220
VISIBLE_ROWS = 10


class _PickerEdit(QLineEdit):
    """The line edit. With the list open, the list hands it the keys it does not take itself."""

    open_requested = Signal()

    def __init__(self, popup: QWidget, parent: QWidget):
        super().__init__(parent)
        self._popup = popup

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and not event.modifiers():
            self.open_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.text().strip():
            if self._popup.isVisible():
                event.ignore()  # left unhandled, so that the completer picks the highlighted row
            else:
                self.open_requested.emit()  # searches now, instead of saving the dialog
            return
        super().keyPressEvent(event)


class RecordPicker(QWidget):
    """Emits `picked` with the LinkableRecord the clerk chose, then clears itself for the next one."""

    picked = Signal(object)  # LinkableRecord

    def __init__(self, database: Database, kind_keys: Collection[str], parent: QWidget | None = None, *,
                 label: str = "&Find a record:", placeholder: str = "Type part of a reference or a title"):
        super().__init__(parent)
        self._database = database
        self._kinds = tuple(kind_keys)
        self._exclude: frozenset[tuple[str, int]] = frozenset()
        self.found: list[LinkableRecord] = []  # what the list shows, best first

        self.popup = QTreeView()
        self.line_edit = _PickerEdit(self.popup, self)
        self.line_edit.setPlaceholderText(placeholder)
        self.line_edit.setClearButtonEnabled(True)
        self.line_edit.setAccessibleName(label.replace("&", "").rstrip(":"))
        self.label = QLabel(label, self)
        self.label.setBuddy(self.line_edit)
        self.hint = QLabel(self)  # that nothing matched
        self.hint.setObjectName("viewDescription")

        self.model = RecordListModel(COLUMNS, self)
        self.popup.setRootIsDecorated(False)
        self.popup.setUniformRowHeights(True)
        self.popup.setHeaderHidden(True)
        self.popup.setAllColumnsShowFocus(True)
        self.popup.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.popup.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.popup.setAccessibleName("Matching records")
        self.popup.setStyleSheet("QTreeView::item { padding: 3px 2px; }")
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(VISIBLE_ROWS)
        self.completer.setPopup(self.popup)  # after the model: the popup shows the completer's model
        self.completer.setWidget(self.line_edit)  # not setCompleter: the typed text is never replaced
        # The row, not its text (a follow-up has no reference): PySide's overload by type, not in its stubs.
        self.completer.activated[QModelIndex].connect(self._activated)  # type: ignore[index]
        header = self.popup.header()
        header.setStretchLastSection(True)
        for number, column in enumerate(COLUMNS[:-1]):
            header.resizeSection(number, column.width)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.search)
        self.line_edit.textEdited.connect(lambda _text: self._timer.start())
        self.line_edit.open_requested.connect(self.search)

        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.label)
        row.addWidget(self.line_edit, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.hint)
        self.hint.hide()

    def set_excluded(self, records: Collection[tuple[str, int]]) -> None:
        """Leave these records (kind key, id) out of the matches: they are linked already."""
        self._exclude = frozenset((kind, record_id) for kind, record_id in records)

    def search(self) -> None:
        """Find what the text matches now and open the list over it (the recent records with no text)."""
        self._timer.stop()
        typed = self.line_edit.text()
        try:
            self.found = linking.find(self._database, typed, self._kinds, exclude=self._exclude)
            searched = len(" ".join(typed.split())) >= linking.MIN_CHARS
            self.hint.setText(f"No record matches “{typed.strip()}”." if searched and not self.found else "")
        except R2PError as error:  # the file could not be read: say so where the matches would be
            self.found = []
            self.hint.setText(f"Could not search: {error}")
        self.model.set_rows([{**asdict(found), "text": found.text()} for found in self.found])
        self.hint.setVisible(bool(self.hint.text()))
        if not self.found:
            self.popup.hide()
            return
        self._fit_reference_column()
        # As wide as the picker (its label too), under the line edit.
        left = self.line_edit.mapFrom(self, self.rect().topLeft()).x()
        self.completer.complete(QRect(left, 0, max(self.width(), POPUP_MIN_WIDTH), self.line_edit.height()))
        rows = min(len(self.found), VISIBLE_ROWS)
        self.popup.resize(self.popup.width(), self.popup.sizeHintForRow(0) * rows + 2 * self.popup.frameWidth())
        self.popup.setCurrentIndex(self.completer.completionModel().index(0, 0))  # Enter takes the best

    def _fit_reference_column(self) -> None:
        """Wide enough for the longest reference shown (catalogue codes run long), within reason."""
        metrics = self.popup.fontMetrics()
        widest = max((metrics.horizontalAdvance(found.reference) for found in self.found), default=0)
        self.popup.header().resizeSection(0, max(COLUMNS[0].width, min(widest + 16, REFERENCE_MAX_WIDTH)))

    def _activated(self, index: QModelIndex) -> None:
        row = index.row()
        if 0 <= row < len(self.found):
            chosen = self.found[row]
            self.line_edit.clear()
            self.hint.hide()
            self.picked.emit(chosen)
