"""Questions: everything the committee has asked the government, newest first; sorting and
filtering happen in SQL, rows are read as they scroll into view."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from ...core.database import Database
from ...core.services import listings
from ...core.services.questions import QuestionFilter, count_questions
from ..dialogs.question_dialog import confirm, delete_confirmation, delete_question
from ..models import question_table_model
from ..models.question_table_model import QuestionTableModel
from ..records_changed import BODIES, COMMITMENTS, PEOPLE, QUESTIONS, RecordsChanged
from ..sample_data_loader import SampleDataLoader
from ..widgets.question_filter_bar import QuestionFilterBar
from ..widgets.record_table_view import RecordTableView
from ..widgets.sample_data_panel import SampleDataPanel
from .base_view import BaseView

EMPTY_MESSAGE = (
    "No questions have been recorded yet. Add the committee's first question with New question, or load "
    "realistic, invented sample records to see how R2P Desktop tracks answers and deadlines."
)


class QuestionsView(BaseView):
    TITLE = "Questions"
    DESCRIPTION = ("Questions put to the government on what it does to prevent atrocity crimes; "
                   "answers overdue in red. Double-click a question or press Enter to open it, Delete to "
                   "delete it.")
    KINDS = frozenset({QUESTIONS, PEOPLE, BODIES, COMMITMENTS})

    new_question_requested = Signal()
    edit_question_requested = Signal(int)

    def __init__(self, database: Database, records_changed: RecordsChanged, sample_data: SampleDataLoader,
                 parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.total = 0

        self.filter_bar = QuestionFilterBar(self)
        self.filter_bar.filter_changed.connect(self._apply_filter)
        # The names the view had before the filter bar, for code that reaches for them.
        self.search_edit = self.filter_bar.text_edit
        self.status_filter = self.filter_bar.status_combo
        self.count_label = QLabel(self)
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.new_button = QPushButton("New question…", self)
        self.new_button.clicked.connect(self.new_question_requested)
        self.edit_button = QPushButton("Open…", self)
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self._open_current)
        self.delete_button = QPushButton("Delete…", self)
        self.delete_button.setEnabled(False)
        self.delete_button.clicked.connect(self.delete_current)
        self.refusal_box: QMessageBox | None = None  # why the last delete was refused
        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.find_shortcut.activated.connect(self._focus_search)

        # The buttons share the title's row so the filter bar has the page's whole width.
        heading = QHBoxLayout()
        heading.setSpacing(8)
        position = self.page_layout.indexOf(self.title_label)
        self.page_layout.takeAt(position)
        heading.addWidget(self.title_label)
        heading.addStretch(1)
        heading.addWidget(self.count_label)
        heading.addSpacing(12)
        heading.addWidget(self.delete_button)
        heading.addWidget(self.edit_button)
        heading.addWidget(self.new_button)
        self.page_layout.insertLayout(position, heading)
        self.page_layout.addWidget(self.filter_bar)

        self.sample_data_panel = SampleDataPanel(sample_data, EMPTY_MESSAGE, self, heading="No questions yet")
        self.sample_data_panel.hide()
        self.page_layout.addWidget(self.sample_data_panel, 0, Qt.AlignmentFlag.AlignTop)

        self.model = QuestionTableModel(database, self)
        self.table = RecordTableView(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSortIndicator(
            question_table_model.DATE_TABLED, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)  # the model sorts in SQL
        self.table.set_column_widths([c.width for c in question_table_model.COLUMNS],
                                     stretch=question_table_model.TITLE)
        self.table.record_activated.connect(self.edit_question_requested)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.page_layout.addWidget(self.table, 1)
        self.delete_shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        self.delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_shortcut.activated.connect(self.delete_current)
        self.stretch_when_empty = QWidget(self)  # keeps the page at the top while the table is hidden
        self.stretch_when_empty.hide()
        self.page_layout.addWidget(self.stretch_when_empty, 1)

        self._applied = QuestionFilter()

    def current_filter(self) -> QuestionFilter:
        return self.filter_bar.current_filter()

    def show_questions(self, flt: QuestionFilter) -> None:
        """Show the questions matching `flt`, e.g. those behind a figure on the dashboard."""
        self.ensure_fresh()  # the bar needs its lists to name the body, member or commitment in `flt`
        self.filter_bar.set_filter(flt)
        self._apply_filter(self.filter_bar.current_filter())

    def load(self) -> None:
        selected = self.table.current_record_id()
        with self.database.read_session() as session:
            self.total = count_questions(session)
            database_empty = self.total == 0 and not any(listings.record_counts(session).values())
            with QSignalBlocker(self.filter_bar):  # the filter is read below, in the same reload
                self.filter_bar.reload_choices(session)
        self._applied = self.filter_bar.current_filter()
        self.model.set_filter(self._applied)
        self.table.select_record(selected)
        # An empty database gets the invitation instead of an empty table.
        self.sample_data_panel.setVisible(database_empty)
        self.table.setVisible(not database_empty)
        self.filter_bar.setVisible(not database_empty)
        self.stretch_when_empty.setVisible(database_empty)
        self._update_count()
        self._update_buttons()

    def _apply_filter(self, flt: QuestionFilter) -> None:
        if flt == self._applied:
            return
        selected = self.table.current_record_id()
        self._applied = flt
        self.model.set_filter(flt)
        self.table.select_record(selected)
        self._update_count()
        self._update_buttons()

    def _focus_search(self) -> None:
        self.filter_bar.text_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.text_edit.selectAll()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        noun = "question" if self.total == 1 else "questions"
        if shown == self.total:
            self.count_label.setText(f"{self.total:,} {noun}")
        else:
            self.count_label.setText(f"{shown:,} of {self.total:,} {noun}")

    def _update_buttons(self) -> None:
        chosen = self.table.current_record_id() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def _open_current(self) -> None:
        record_id = self.table.current_record_id()
        if record_id is not None:
            self.edit_question_requested.emit(record_id)

    def confirm_delete(self, text: str) -> bool:
        return confirm(self, "Delete question", text, "&Delete")

    def delete_current(self) -> bool:
        """Delete the chosen question after asking; True when it is gone."""
        record_id = self.table.current_record_id()
        if record_id is None:
            return False
        row = self.table.currentIndex().row()
        reference = self.model.index(row, question_table_model.REFERENCE).data()
        title = self.model.index(row, question_table_model.TITLE).data() or ""
        if not self.confirm_delete(delete_confirmation(reference, title)):
            return False
        refusal = delete_question(self.database, self.records_changed, record_id)
        if refusal is not None:
            # Not modal-blocking: the message stays until read, and tests can read it.
            if self.refusal_box is None:
                self.refusal_box = QMessageBox(QMessageBox.Icon.Information, "Question not deleted", "",
                                               QMessageBox.StandardButton.Ok, self)
            self.refusal_box.setText(refusal)
            self.refusal_box.open()
            return False
        return True
