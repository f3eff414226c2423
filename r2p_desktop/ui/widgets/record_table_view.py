"""A table of records as the committee reads it: whole rows selected, alternating colours, compact
rows, a record opened by double-click or Enter, and the whole text of a cell too narrow for it shown
when the pointer rests on it.

Every list in the app is one, so each also copies its selected rows (Ctrl+C: tab-separated text for a
spreadsheet and an HTML table for a word processor), exports the rows it shows ("Export this list…",
CSV or XLSX), and lets the clerk choose its columns from the header's context menu, remembered per list
once its view gives it the window's settings (`remember_columns`)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDir, QEvent, QItemSelectionModel, QMimeData, QModelIndex, QPoint, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QGuiApplication, QHelpEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QFileDialog,
    QHeaderView,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QTableView,
    QToolTip,
    QWidget,
)

from ...app import list_export
from ...core.errors import R2PError
from ..models.roles import RECORD_ID_ROLE

EXPORT_FILTERS = {"CSV file (*.csv)": "csv", "Excel workbook (*.xlsx)": "xlsx"}
EXPORT_FOLDER_SETTING = "list_export/folder"
PROGRESS_FROM = 2000  # rows: gathering more (the Questions table reads them page by page) shows progress


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
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._show_column_menu)
        self.doubleClicked.connect(self._activate)
        self.list_name = "Records"  # the exported sheet's and file's name; a view gives its title
        self._settings: QSettings | None = None
        self._settings_key = ""
        # In the context menu (right-click, or the Menu key / Shift+F10); Ctrl+C itself is read in
        # keyPressEvent, where the item view would otherwise copy the current cell alone.
        self.copy_action = QAction("&Copy", self)
        self.copy_action.setShortcut(QKeySequence.StandardKey.Copy)
        self.copy_action.triggered.connect(self.copy_selection)
        self.copy_action.setWhatsThis("Any list > Copy the chosen rows")  # Help > Keyboard shortcuts
        self.export_action = QAction("&Export this list…", self)
        self.export_action.setToolTip("Save the rows shown, as sorted, with the columns shown, as CSV or XLSX")
        self.export_action.triggered.connect(lambda: self.export_list())

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
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_selection()
            return
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

    # --- copying and exporting the rows shown ---------------------------------------------------

    def shown_columns(self) -> list[int]:
        """The columns the clerk sees, as logical indexes, in the order they appear."""
        header = self.horizontalHeader()
        logical = (header.logicalIndex(visual) for visual in range(header.count()))
        return [column for column in logical if not header.isSectionHidden(column)]

    def selected_rows(self) -> list[int]:
        """The rows selected, from top to bottom."""
        rows: set[int] = set()
        selection = self.selectionModel().selection()
        for selected in (selection.at(n) for n in range(selection.count())):
            rows.update(range(selected.top(), selected.bottom() + 1))
        return sorted(row for row in rows if not self.isRowHidden(row))

    def shown_header(self) -> list[str]:
        model = self.model()
        return [str(model.headerData(column, Qt.Orientation.Horizontal) or "") for column in self.shown_columns()]

    def rows_as_shown(self, rows: list[int], *, typed: bool = False) -> list[list[list_export.Cell]] | None:
        """The cells of `rows` in the columns shown, read through the model (so a table that reads its
        rows lazily fetches them): the text shown, or with `typed` the date or number behind it where the
        model holds one (its EditRole). None when the clerk cancels a long read."""
        model, columns = self.model(), self.shown_columns()
        progress = None
        if len(rows) >= PROGRESS_FROM:
            progress = QProgressDialog("Reading the rows…", "Cancel", 0, len(rows), self)
            progress.setWindowTitle(self.list_name)
            progress.setWindowModality(Qt.WindowModality.WindowModal)
            progress.setMinimumDuration(500)
        cells: list[list[list_export.Cell]] = []
        try:
            for done, row in enumerate(rows):
                if progress is not None and done % 200 == 0:
                    progress.setValue(done)
                    if progress.wasCanceled():
                        return None
                cells.append([_cell(model.index(row, column), typed) for column in columns])
        finally:
            if progress is not None:
                progress.close()
        return cells

    def copy_selection(self) -> bool:
        """Put the selected rows on the clipboard with a header row; False when none is selected."""
        rows = self.selected_rows()
        cells = self.rows_as_shown(rows) if rows else None
        if not cells:
            return False
        header = self.shown_header()
        mime = QMimeData()
        mime.setText(list_export.tab_separated(header, cells))
        mime.setHtml(list_export.html_table(header, cells))
        QGuiApplication.clipboard().setMimeData(mime)
        return True

    def export_list(self, path: Path | None = None, format: str | None = None) -> int | None:
        """Save every row shown, in order, with the columns shown, to `path` (asked for when None) as
        `format` ("csv" or "xlsx"; by default from the file's name); the number of rows written, or None
        when the clerk cancelled or the file could not be written (said in a message)."""
        if path is None:
            chosen = self.ask_export_path()
            if chosen is None:
                return None
            path, format = chosen
        path = Path(path)
        format = format or ("xlsx" if path.suffix.lower() == ".xlsx" else "csv")
        rows = [row for row in range(self.model().rowCount()) if not self.isRowHidden(row)]
        cells = self.rows_as_shown(rows, typed=True)
        if cells is None:
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            count = list_export.export_list(path, self.list_name, self.shown_header(), cells, format=format)
        except R2PError as error:
            QApplication.restoreOverrideCursor()
            QMessageBox.warning(self, "Export this list", f"The list was not exported: {error}.")
            return None
        QApplication.restoreOverrideCursor()
        window = self.window()
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(f"Exported {count:,} {'row' if count == 1 else 'rows'} to {path}", 8000)
        return count

    def ask_export_path(self) -> tuple[Path, str] | None:
        """The file to export to and its format, from a save dialog; None when cancelled."""
        folder = str(self._settings.value(EXPORT_FOLDER_SETTING) or "") if self._settings is not None else ""
        start = str(Path(folder or QDir.homePath()) / f"{self.list_name}.csv")
        chosen, chosen_filter = QFileDialog.getSaveFileName(self, "Export this list", start,
                                                            ";;".join(EXPORT_FILTERS))
        if not chosen:
            return None
        path = Path(chosen)
        if self._settings is not None:  # the next list goes to the same folder, whichever list it is
            self._settings.setValue(EXPORT_FOLDER_SETTING, str(path.parent))
        if path.suffix.lower() in (".csv", ".xlsx"):
            return path, path.suffix.lower()[1:]
        format = EXPORT_FILTERS.get(chosen_filter, "csv")
        return path.with_name(f"{path.name}.{format}"), format

    def context_menu(self) -> QMenu:
        menu = QMenu(self)
        self.copy_action.setEnabled(bool(self.selected_rows()))
        menu.addAction(self.copy_action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        columns = menu.addMenu(self.column_menu(menu))  # the header's menu, here for the keyboard too
        columns.setText("C&olumns")
        return menu

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.context_menu()
        menu.exec(event.globalPos())
        menu.deleteLater()

    # --- choosing the columns ----------------------------------------------------------------------

    def remember_columns(self, settings: QSettings, key: str) -> None:
        """Hide the columns hidden when this list was last shown, and keep the clerk's choice under `key`."""
        self._settings, self._settings_key = settings, key
        hidden = settings.value(key)
        titles = {hidden} if isinstance(hidden, str) else set(hidden or ())
        model = self.model()
        if model is None or not titles:
            return
        columns = range(model.columnCount())
        keep = [c for c in columns if str(model.headerData(c, Qt.Orientation.Horizontal) or "") not in titles]
        if not keep:  # at least one column always shows
            keep = [0]
        for column in columns:
            self.setColumnHidden(column, column not in keep)

    def column_menu(self, parent: QWidget | None = None) -> QMenu:
        """A checkable entry for each column, in the order shown; the last one showing cannot be unticked."""
        menu = QMenu("Columns", parent or self)
        header, model = self.horizontalHeader(), self.model()
        showing = self.shown_columns()
        for visual in range(header.count()):
            column = header.logicalIndex(visual)
            action = menu.addAction(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            action.setCheckable(True)
            action.setChecked(column in showing)
            action.setEnabled(showing != [column])
            action.toggled.connect(lambda shown, column=column: self.show_column(column, shown))
        return menu

    def show_column(self, column: int, shown: bool) -> None:
        """Show or hide `column` and remember the choice (a last column showing stays)."""
        if not shown and self.shown_columns() == [column]:
            return
        self.setColumnHidden(column, not shown)
        if self._settings is not None:
            model = self.model()
            hidden = [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(model.columnCount()) if self.isColumnHidden(c)]
            self._settings.setValue(self._settings_key, hidden)
            self._settings.sync()

    def _show_column_menu(self, position: QPoint) -> None:
        menu = self.column_menu()
        menu.exec(self.horizontalHeader().mapToGlobal(position))
        menu.deleteLater()

    def _activate(self, index: QModelIndex) -> None:
        record_id = index.data(RECORD_ID_ROLE)
        if record_id is not None:
            self.record_activated.emit(int(record_id))


def _cell(index: QModelIndex, typed: bool) -> list_export.Cell:
    """What a cell shows, as text; with `typed`, a date or number the model holds instead."""
    shown = index.data()
    if typed:
        value = index.data(Qt.ItemDataRole.EditRole)
        value = shown if value is None else value
        if isinstance(value, date | int | float) and not isinstance(value, bool):
            return value
    return "" if shown is None else str(shown)
