"""Questions: everything the committee has asked the government, newest first; sorting and
searching happen in SQL, rows are read as they scroll into view."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ...core.database import Database
from ...core.models import QuestionStatus
from ...core.services import listings
from ...core.services.questions import OVERDUE, QuestionFilter, count_questions
from ..formatting import human_label
from ..models import question_table_model
from ..models.question_table_model import QuestionTableModel
from ..records_changed import BODIES, PEOPLE, QUESTIONS, RecordsChanged
from ..sample_data_loader import SampleDataLoader
from ..widgets.record_table_view import RecordTableView
from ..widgets.sample_data_panel import SampleDataPanel
from .base_view import BaseView

EMPTY_MESSAGE = (
    "No questions have been recorded yet. Add the committee's first question with New question, or load "
    "realistic, invented sample records to see how R2P Desktop tracks answers and deadlines."
)
SEARCH_DELAY_MS = 250


class QuestionsView(BaseView):
    TITLE = "Questions"
    DESCRIPTION = ("Questions put to the government on what it does to prevent atrocity crimes; "
                   "answers overdue in red. Double-click a question or press Enter to open it.")
    KINDS = frozenset({QUESTIONS, PEOPLE, BODIES})

    new_question_requested = Signal()
    edit_question_requested = Signal(int)

    def __init__(self, database: Database, records_changed: RecordsChanged, sample_data: SampleDataLoader,
                 parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.total = 0

        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Search titles and references")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(180)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem("All statuses", None)
        self.status_filter.addItem("Overdue", OVERDUE)
        for status in QuestionStatus:
            self.status_filter.addItem(human_label(status.value), status.value)
        self.count_label = QLabel(self)
        self.new_button = QPushButton("New question…", self)
        self.new_button.clicked.connect(self.new_question_requested)
        self.edit_button = QPushButton("Open…", self)
        self.edit_button.setEnabled(False)
        self.edit_button.clicked.connect(self._open_current)

        bar = QHBoxLayout()
        bar.addWidget(self.search_edit, 2)
        bar.addWidget(self.status_filter)
        bar.addWidget(self.count_label)
        bar.addStretch(3)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.new_button)
        self.page_layout.addLayout(bar)

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
        self.stretch_when_empty = QWidget(self)  # keeps the page at the top while the table is hidden
        self.stretch_when_empty.hide()
        self.page_layout.addWidget(self.stretch_when_empty, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._apply_filter)
        self.search_edit.textChanged.connect(self._search_timer.start)
        self.status_filter.currentIndexChanged.connect(self._apply_filter)

    def current_filter(self) -> QuestionFilter:
        return QuestionFilter(text=self.search_edit.text(), status=self.status_filter.currentData())

    def load(self) -> None:
        selected = self.table.current_record_id()
        with self.database.read_session() as session:
            self.total = count_questions(session)
            database_empty = self.total == 0 and not any(listings.record_counts(session).values())
        self.model.reload()
        self.table.select_record(selected)
        # An empty database gets the invitation instead of an empty table.
        self.sample_data_panel.setVisible(database_empty)
        self.table.setVisible(not database_empty)
        self.stretch_when_empty.setVisible(database_empty)
        self._update_count()
        self._update_buttons()

    def _apply_filter(self) -> None:
        self._search_timer.stop()
        self.model.set_filter(self.current_filter())
        self._update_count()
        self._update_buttons()

    def _update_count(self) -> None:
        shown = self.model.rowCount()
        noun = "question" if self.total == 1 else "questions"
        if shown == self.total:
            self.count_label.setText(f"{self.total:,} {noun}")
        else:
            self.count_label.setText(f"{shown:,} of {self.total:,} {noun}")

    def _update_buttons(self) -> None:
        self.edit_button.setEnabled(self.table.current_record_id() is not None)

    def _open_current(self) -> None:
        record_id = self.table.current_record_id()
        if record_id is not None:
            self.edit_question_requested.emit(record_id)
