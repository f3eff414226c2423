"""Debates: the annual parliamentary debate on R2P and other sittings, each with its agenda.

The list of debates is on top, each added or changed in its dialog (Enter or a double-click opens it);
below it, the chosen debate's agenda, reordered by dragging or with Ctrl+Up / Ctrl+Down, its minutes
counted against the sitting, and items suggested from the record. The Delete key deletes the selected
debate or agenda item, after saying what else goes with it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QEvent, QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...app import debates, record_forms
from ...app.records import read
from ...core.database import Database
from ...core.errors import R2PError
from ...core.services import agenda, listings
from ..dialogs.agenda_item_dialog import AgendaItemDialog
from ..dialogs.debate_outcome_dialog import DebateOutcomeDialog
from ..dialogs.delete_prompt import ask_to_delete
from ..dialogs.record_dialog import RecordDialog, failed_save_messages
from ..models.agenda_model import AgendaModel
from ..models.record_list_model import DATE, LABEL, NUMBER, WARNING_COLOUR, ListColumn
from ..records_changed import AGENDA_ITEMS, BUDGET_ITEMS, COMMITMENTS, DEBATES, FOLLOW_UPS, QUESTIONS, RecordsChanged
from ..widgets.delete_key import DeleteKey
from ..widgets.elided_label import ElidedLabel
from ..widgets.record_list_table import RecordListTable
from ..widgets.record_table_view import RecordTableView
from .base_view import BaseView

_COLUMNS = (
    ListColumn("date", "Date", DATE, width=110),
    ListColumn("title", "Title"),
    ListColumn("chamber", "Chamber", width=220),
    ListColumn("status", "Status", LABEL, width=100),
    ListColumn("agenda_items", "Agenda items", NUMBER, width=110),
)


class DebatesView(BaseView):
    TITLE = "Debates"
    DESCRIPTION = "The annual debate on the Responsibility to Protect and other sittings on atrocity prevention."
    # Suggestions and linked records' labels come from these kinds too.
    KINDS = frozenset({DEBATES, AGENDA_ITEMS, QUESTIONS, FOLLOW_UPS, BUDGET_ITEMS, COMMITMENTS})
    OPENS = frozenset({DEBATES, AGENDA_ITEMS})

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.count_label = QLabel(self)
        self.table = RecordListTable(_COLUMNS, self, stretch=1)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._load_agenda())
        self.table.record_activated.connect(self.edit_debate)
        DeleteKey(self.table, lambda debate_id: self.delete_record(DEBATES, debate_id))
        self.new_debate_button = QPushButton("&New debate…", self)
        self.new_debate_button.clicked.connect(self.new_debate)
        self.edit_debate_button = QPushButton("Edit &debate…", self)
        self.edit_debate_button.setToolTip("Change the selected debate's title, date, sitting length or motion; "
                                           "the Delete key deletes it")
        self.edit_debate_button.clicked.connect(lambda: self.edit_debate(self.current_debate_id()))
        self.dialog: RecordDialog | None = None  # the last one opened, for tests and focus
        self.outcome_button = QPushButton("Record outcome…", self)
        self.outcome_button.setToolTip("Mark the debate held and turn the government's undertakings into "
                                       "follow-ups")
        self.outcome_button.clicked.connect(self.record_outcome)
        self.empty_label = QLabel("No debates recorded yet.", self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.hide()

        self.agenda_model = AgendaModel(self._save_move, self)
        self.agenda_table = RecordTableView(self)
        self.agenda_table.setModel(self.agenda_model)
        self.agenda_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.agenda_table.setDragEnabled(True)
        self.agenda_table.setAcceptDrops(True)
        self.agenda_table.setDropIndicatorShown(True)
        self.agenda_table.setDragDropOverwriteMode(False)
        self.agenda_table.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.agenda_table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.agenda_table.set_column_widths([44, 0, 220, 80, 360], stretch=1)
        self.agenda_table.record_activated.connect(self.edit_item)
        DeleteKey(self.agenda_table, lambda item_id: self.delete_record(AGENDA_ITEMS, item_id))
        self.agenda_table.installEventFilter(self)
        self.agenda_table.selectionModel().selectionChanged.connect(lambda *_: self._enable_buttons())

        self.agenda_title = ElidedLabel(self)  # a long debate title must not widen the window
        font = self.agenda_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.agenda_title.setFont(font)
        self.minutes_label = QLabel(self)
        self.agenda_empty = QLabel("No items on this agenda yet. Add one, or let the record suggest some.", self)
        self.agenda_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.add_button = QPushButton("Add item…", self)
        self.add_button.clicked.connect(self.add_item)
        self.edit_button = QPushButton("Edit…", self)
        self.edit_button.clicked.connect(lambda: self.edit_item(self.agenda_table.current_record_id()))
        self.edit_button.setToolTip("Change the selected item (Enter); the Delete key deletes it")
        self.up_button = QPushButton("Move up", self)
        self.up_button.setToolTip("Ctrl+Up")
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button = QPushButton("Move down", self)
        self.down_button.setToolTip("Ctrl+Down")
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.suggest_button = QPushButton("Suggest agenda…", self)
        self.suggest_button.setToolTip("Overdue and unsatisfactory answers, open undertakings, commitments not "
                                       "started and budget lines that fell")
        self.suggest_button.clicked.connect(self.suggest_agenda)

        heading = QHBoxLayout()
        heading.addWidget(self.agenda_title, 1)
        heading.addWidget(self.minutes_label)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.suggest_button)
        hint = QLabel("Drag items to reorder them, or press Ctrl+Up / Ctrl+Down. Enter edits an item.", self)
        hint.setObjectName("viewDescription")

        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        count_row = QHBoxLayout()
        count_row.addWidget(self.count_label, 1)
        count_row.addWidget(self.new_debate_button)
        count_row.addWidget(self.edit_debate_button)
        count_row.addWidget(self.outcome_button)
        top_layout.addLayout(count_row)
        top_layout.addWidget(self.table, 1)
        top_layout.addWidget(self.empty_label, 1)
        self.agenda_panel = QWidget(self)
        bottom_layout = QVBoxLayout(self.agenda_panel)
        bottom_layout.setContentsMargins(0, 8, 0, 0)
        bottom_layout.addLayout(heading)
        bottom_layout.addLayout(buttons)
        bottom_layout.addWidget(self.agenda_table, 1)
        bottom_layout.addWidget(self.agenda_empty, 1)
        bottom_layout.addWidget(hint)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(top)
        splitter.addWidget(self.agenda_panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([220, 660])  # few debates, many agenda items
        self.page_layout.addWidget(splitter, 1)

    # --- reading ------------------------------------------------------------------------------

    def load(self) -> None:
        rows = read(self.database, listings.debates)
        selected = self.table.current_record_id()
        self.table.list_model.set_rows(rows)
        if not self.table.select_record(selected) and rows:
            self.table.selectRow(0)
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self.count_label.setText(f"{len(rows):,} debate{'' if len(rows) == 1 else 's'}")
        self._load_agenda()

    def current_debate_id(self) -> int | None:
        return self.table.current_record_id()

    def _load_agenda(self) -> None:
        debate_id = self.current_debate_id()
        self.agenda_panel.setEnabled(debate_id is not None)
        self.outcome_button.setEnabled(debate_id is not None)
        self.edit_debate_button.setEnabled(debate_id is not None)
        if debate_id is None:
            self.agenda_model.set_rows([])
            self.agenda_title.setText("Agenda")
            self.minutes_label.clear()
            self._enable_buttons()
            return
        selected = self.agenda_table.current_record_id()
        rows, (allotted, sitting) = read(self.database, lambda session: (
            agenda.agenda_items(session, debate_id), agenda.minutes_total(session, debate_id)))
        self.agenda_model.set_rows(rows)
        self.agenda_table.select_record(selected)
        self.agenda_table.setVisible(bool(rows))
        self.agenda_empty.setVisible(not rows)
        title = self.table.currentIndex().siblingAtColumn(1).data()
        self.agenda_title.setText(f"Agenda: {title}")
        self._show_minutes(allotted, sitting)
        self._enable_buttons()

    def _show_minutes(self, allotted: int, sitting: int | None) -> None:
        if sitting is None:
            text = f"Allotted {allotted} minutes (sitting length not set)"
        else:
            text = f"Allotted {allotted} of {sitting} minutes"
        over = sitting is not None and allotted > sitting
        self.minutes_label.setText(text + (f", {allotted - sitting} over" if over else ""))
        self.minutes_label.setStyleSheet(f"color: {WARNING_COLOUR.name()}; font-weight: bold;" if over else "")
        self.minutes_label.setProperty("over", over)

    def _enable_buttons(self) -> None:
        row = self.agenda_table.currentIndex().row() if self.agenda_table.current_record_id() else -1
        self.edit_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < self.agenda_model.rowCount() - 1)

    # --- adding and changing debates -----------------------------------------------------------

    def new_debate(self) -> RecordDialog:
        return self._open_dialog(self._debate_dialog(None))

    def _debate_dialog(self, debate_id: int | None) -> RecordDialog:
        return RecordDialog(self.database, self.records_changed, debate_id, form=record_forms.DEBATE, parent=self)

    def edit_debate(self, debate_id: int | None) -> RecordDialog | None:
        if debate_id is None:
            return None
        return self._open_dialog(self._debate_dialog(debate_id))

    def _open_dialog(self, dialog: RecordDialog) -> RecordDialog:
        """Window-modal and non-blocking: the page refreshes by the records-changed signal, then selects
        the saved debate so its agenda is the one below."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._select_debate(dialog.record_id))
        dialog.open()
        return dialog

    def _select_debate(self, debate_id: int | None) -> None:
        self.ensure_fresh()
        self.table.select_record(debate_id)  # a new current row loads its agenda

    def delete_record(self, kind: str, record_id: int) -> bool:
        """Delete a debate (with its agenda) or an agenda item after asking; the page refreshes by the
        records-changed signal."""
        return ask_to_delete(self, self.database, self.records_changed, kind, record_id) is not None

    # --- changing the agenda ------------------------------------------------------------------

    def _save_move(self, item_id: int, new_position: int) -> list[dict]:
        try:
            self.records_changed.notify_changes(debates.move_agenda_item(self.database, item_id, new_position))
        except R2PError as error:  # read-only or busy: the agenda stays in its saved order
            self._not_saved("The agenda was not reordered", error)
        debate_id = self.current_debate_id()
        return read(self.database, lambda session: agenda.agenda_items(session, debate_id))

    def _not_saved(self, what: str, error: R2PError) -> None:
        QMessageBox.warning(self, "Agenda", f"{what}: {' '.join(failed_save_messages(error).values())}")

    def move_selected(self, step: int) -> None:
        item_id = self.agenda_table.current_record_id()
        if item_id is None:
            return
        row = self.agenda_model.row_of(item_id)
        if self.agenda_model.move_row(row, row + step):
            self.agenda_table.select_record(item_id)
            self._enable_buttons()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.agenda_table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down)):
            self.move_selected(-1 if event.key() == Qt.Key.Key_Up else 1)
            return True
        return super().eventFilter(watched, event)

    def add_item(self) -> AgendaItemDialog | None:
        debate_id = self.current_debate_id()
        if debate_id is None:
            return None
        dialog = AgendaItemDialog(self.database, self.records_changed, preset={"debate_id": debate_id}, parent=self)
        dialog.accepted.connect(lambda: self.agenda_table.select_record(dialog.record_id))
        dialog.open()
        return dialog

    def edit_item(self, item_id: int | None) -> AgendaItemDialog | None:
        if item_id is None or self.current_debate_id() is None:
            return None
        dialog = AgendaItemDialog(self.database, self.records_changed, item_id, parent=self)
        dialog.open()
        return dialog

    def suggest_agenda(self) -> SuggestAgendaDialog | None:
        debate_id = self.current_debate_id()
        if debate_id is None:
            return None
        dialog = SuggestAgendaDialog(debates.suggestions(self.database, debate_id, date.today()), self)
        dialog.accepted.connect(lambda: self._add_suggestions(debate_id, dialog.chosen()))
        dialog.open()
        return dialog

    def record_outcome(self) -> DebateOutcomeDialog | None:
        debate_id = self.current_debate_id()
        if debate_id is None:
            return None
        dialog = DebateOutcomeDialog(self.database, self.records_changed, debate_id, parent=self)
        dialog.open()
        return dialog

    def _add_suggestions(self, debate_id: int, chosen: list[dict]) -> None:
        if not chosen:
            return
        try:
            changes = debates.add_suggested_items(self.database, debate_id, chosen)
        except R2PError as error:
            self._not_saved("The suggested items were not added to the agenda", error)
            return
        self.records_changed.notify_changes(changes)


class SuggestAgendaDialog(QDialog):
    """The items the record suggests, each with a tick box, the reference, status and date of the record
    it comes from, and a filter box over all of it; the ticked ones are added to the agenda."""

    COLUMNS = ("Reference", "Suggestion", "Status", "Date")

    def __init__(self, suggestions: list[dict], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Suggest agenda")
        self.suggestions = suggestions
        self.list_model = QStandardItemModel(0, len(self.COLUMNS), self)
        self.list_model.setHorizontalHeaderLabels(list(self.COLUMNS))
        for suggestion in suggestions:
            source = suggestion.get("record")
            cells = [QStandardItem(text) for text in (
                source.reference or source.kind_label if source else "", suggestion["title"],
                source.status if source else "", source.date.isoformat() if source and source.date else "")]
            for cell in cells:
                cell.setEditable(False)
                cell.setToolTip(suggestion["description"])
            cells[0].setCheckable(True)
            # Nothing ticked to start with: the record can suggest far more than one sitting can take.
            cells[0].setCheckState(Qt.CheckState.Unchecked)
            self.list_model.appendRow(cells)
        self.shown_model = QSortFilterProxyModel(self)
        self.shown_model.setSourceModel(self.list_model)
        self.shown_model.setFilterKeyColumn(-1)  # a word in any column
        self.shown_model.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit = QLineEdit(self)
        self.filter_edit.setPlaceholderText("Part of a reference, title, status or date")
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.textChanged.connect(self._filter)
        filter_label = QLabel("&Filter:", self)
        filter_label.setBuddy(self.filter_edit)
        self.list_view = RecordTableView(self)
        self.list_view.setModel(self.shown_model)
        self.list_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list_view.set_column_widths([0, 0, 120, 90], stretch=1)
        self.list_view.resizeColumnToContents(0)  # catalogue codes run longer than question references
        self.list_view.setColumnWidth(0, max(120, min(self.list_view.columnWidth(0), 250)))
        self.list_view.setAccessibleName("Suggested agenda items")
        intro = QLabel(f"{len(suggestions)} items from the record: overdue and unsatisfactory answers, open "
                       "government undertakings, commitments not started and budget lines that fell. "
                       "Tick those to add to the end of the agenda (Space ticks the selected one)."
                       if suggestions else "The record suggests nothing that is not already on this agenda.", self)
        intro.setWordWrap(True)
        self.count_label = QLabel(self)
        all_button = QPushButton("Tick all shown", self)
        all_button.clicked.connect(lambda: self.set_all(Qt.CheckState.Checked))
        none_button = QPushButton("Tick none", self)
        none_button.clicked.connect(lambda: self.set_all(Qt.CheckState.Unchecked))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add ticked items")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.list_model.itemChanged.connect(lambda _item: self._count())
        search = QHBoxLayout()
        search.addWidget(filter_label)
        search.addWidget(self.filter_edit, 1)
        ticks = QHBoxLayout()
        ticks.addWidget(all_button)
        ticks.addWidget(none_button)
        ticks.addStretch(1)
        ticks.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(search)
        layout.addWidget(self.list_view, 1)
        layout.addLayout(ticks)
        layout.addWidget(self.buttons)
        self.resize(860, 540)
        self._count()
        self.filter_edit.setFocus()

    def _filter(self, text: str) -> None:
        self.shown_model.setFilterFixedString(text.strip())
        self._count()

    def _count(self) -> None:
        shown, total = self.shown_model.rowCount(), self.list_model.rowCount()
        ticked = len(self.chosen())
        self.count_label.setText(f"{shown} of {total} shown · {ticked} ticked" if shown != total
                                 else f"{total} shown · {ticked} ticked")

    def set_all(self, state: Qt.CheckState) -> None:
        """Tick (or untick) every suggestion the filter shows; "Tick none" unticks the hidden ones too."""
        rows = (range(self.list_model.rowCount()) if state == Qt.CheckState.Unchecked
                else (self.shown_model.mapToSource(self.shown_model.index(row, 0)).row()
                      for row in range(self.shown_model.rowCount())))
        for row in list(rows):
            self.list_model.item(row).setCheckState(state)

    def set_checked(self, row: int, checked: bool) -> None:
        """Tick suggestion number `row` (of `suggestions`, whatever the filter shows)."""
        self.list_model.item(row).setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    def shown_rows(self) -> list[int]:
        """The suggestions the filter shows, as their numbers in `suggestions`, top to bottom."""
        return [self.shown_model.mapToSource(self.shown_model.index(row, 0)).row()
                for row in range(self.shown_model.rowCount())]

    def chosen(self) -> list[dict]:
        return [s for row, s in enumerate(self.suggestions)
                if self.list_model.item(row).checkState() == Qt.CheckState.Checked]
