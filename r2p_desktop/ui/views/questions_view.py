"""Questions: everything the committee has asked the government, newest first, with the chosen
question's editor below the table. Sorting and filtering happen in SQL; rows are read as they scroll
into view."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from ...app import pages
from ...core import drafts
from ...core.database import Database
from ...core.services.questions import QuestionFilter
from ..models import question_table_model
from ..models.question_table_model import QuestionTableModel
from ..models.roles import RECORD_ID_ROLE
from ..records_changed import BODIES, COMMITMENTS, PEOPLE, QUESTIONS, RecordsChanged
from ..sample_data_loader import SampleDataLoader
from ..widgets.question_filter_bar import QuestionFilterBar
from ..widgets.record_table_view import RecordTableView
from ..widgets.sample_data_panel import SampleDataPanel
from .base_view import BaseView
from .question_editor import DRAFT_KIND, QuestionEditor

EMPTY_MESSAGE = (
    "No questions have been recorded yet. Add the committee's first question with New question, or load "
    "realistic, invented sample records to see how R2P Desktop tracks answers and deadlines."
)


class QuestionsView(BaseView):
    TITLE = "Questions"
    DESCRIPTION = ("Questions put to the government on what it does to prevent atrocity crimes; "
                   "answers overdue in red with a warning sign. The chosen question opens below the table: "
                   "Enter takes you to it, Ctrl+S saves it, Delete in the table deletes it.")
    KINDS = frozenset({QUESTIONS, PEOPLE, BODIES, COMMITMENTS})
    OPENS = frozenset({QUESTIONS})

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
        self.new_button.setToolTip("An empty form below the table for a new question (Ctrl+N)")
        self.new_button.clicked.connect(self.new_question)
        self.find_shortcut = QShortcut(QKeySequence.StandardKey.Find, self)
        self.find_shortcut.activated.connect(self._focus_search)
        self.find_shortcut.setWhatsThis("Questions > Go to the search box")  # Help > Keyboard shortcuts

        # The buttons share the title's row so the filter bar has the page's whole width.
        heading = QHBoxLayout()
        heading.setSpacing(8)
        position = self.page_layout.indexOf(self.title_label)
        self.page_layout.takeAt(position)
        heading.addWidget(self.title_label)
        heading.addStretch(1)
        heading.addWidget(self.count_label)
        heading.addSpacing(12)
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
        self.table.record_activated.connect(self._edit_in_form)
        self.table.selectionModel().currentRowChanged.connect(self._current_row_changed)
        self.delete_shortcut = QShortcut(QKeySequence.StandardKey.Delete, self.table)
        self.delete_shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_shortcut.activated.connect(self.delete_current)
        self.delete_shortcut.setWhatsThis("Questions > Delete the chosen question")

        self.editor = QuestionEditor(database, records_changed, self)
        self.editor.deleted.connect(self._deleted)
        self.placeholder = QLabel("Choose a question in the table to read or change it, or add one with "
                                  "New question (Ctrl+N).", self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.lower = QStackedWidget(self)
        self.lower.addWidget(self.placeholder)
        self.lower.addWidget(self.editor)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.lower)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.page_layout.addWidget(self.splitter, 1)
        self.stretch_when_empty = QWidget(self)  # keeps the page at the top while the table is hidden
        self.stretch_when_empty.hide()
        self.page_layout.addWidget(self.stretch_when_empty, 1)
        self._quiet_selection = False  # True while the view itself moves the table's current row

        self._applied = QuestionFilter()

    def current_filter(self) -> QuestionFilter:
        return self.filter_bar.current_filter()

    def show_questions(self, flt: QuestionFilter) -> None:
        """Show the questions matching `flt`, e.g. those behind a figure on the dashboard."""
        self.ensure_fresh()  # the bar needs its lists to name the body, member or commitment in `flt`
        self.filter_bar.set_filter(flt)
        self._apply_filter(self.filter_bar.current_filter())

    def load(self) -> None:
        selected = self._editing_id() or self.table.current_record_id()
        page = pages.questions_page(self.database)
        self.total, database_empty = page.total, page.database_empty
        with QSignalBlocker(self.filter_bar):  # the filter is read below, in the same reload
            self.filter_bar.reload_choices(page.choices)
        self._applied = self.filter_bar.current_filter()
        self.model.set_filter(self._applied)
        self._select_quietly(selected)
        # An empty database gets the invitation instead of an empty table.
        writing_first = self.lower.currentWidget() is self.editor
        self.sample_data_panel.setVisible(database_empty)
        self.table.setVisible(not database_empty)
        self.filter_bar.setVisible(not database_empty)
        self.splitter.setVisible(not database_empty or writing_first)
        self.stretch_when_empty.setVisible(database_empty and not writing_first)
        self._update_count()

    # --- the editor below the table ---------------------------------------------------------------

    def new_question(self) -> QuestionEditor:
        """An empty form for a new question, once the question in the form is saved or let go."""
        self.ensure_fresh()
        if self.editor.leave_asking():
            self.editor.show_question(None)
            self._show_editor()
            self.table.clearSelection()
            self.editor.widgets["title"].setFocus(Qt.FocusReason.OtherFocusReason)
        return self.editor

    def open_record(self, kind: str, record_id: int) -> None:
        self.open_question(record_id)

    def open_question(self, question_id: int) -> QuestionEditor:
        """Show `question_id` in the form, once the question in the form is saved or let go."""
        self.ensure_fresh()
        if question_id != self._editing_id() and self.editor.leave_asking():
            self.editor.show_question(question_id)
            self._show_editor()
            self._select_quietly(question_id)
        return self.editor

    def offer_draft(self) -> bool:
        """Offer back the edits a crash left unsaved (the newest draft); True when they are in the form."""
        pending = [d for d in drafts.pending_drafts(self.database.describe()) if d.kind == DRAFT_KIND]
        if not pending:
            return False
        draft = pending[-1]
        if not self.ask_restore_draft(draft):
            drafts.discard_draft(draft.kind, draft.record_id, database=draft.database)
            return False
        self.ensure_fresh()
        self.editor.restore_draft(draft)
        self._show_editor()
        self._select_quietly(self.editor.question_id)
        return True

    def ask_restore_draft(self, draft: drafts.Draft) -> bool:
        title = draft.fields.get("title") or "an untitled question"
        when = draft.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        box = QMessageBox(QMessageBox.Icon.Question, "Unsaved edits found",
                          f"R2P Desktop closed before your edits to “{title}” were saved (last kept at {when}). "
                          "Put them back in the form? They are not saved until you save them.",
                          QMessageBox.StandardButton.NoButton, self)
        restore = box.addButton("&Put them back", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("&Discard them", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(restore)
        box.exec()
        return box.clickedButton() is restore

    def _editing_id(self) -> int | None:
        return self.editor.question_id if self.lower.currentWidget() is self.editor else None

    def _show_editor(self) -> None:
        self.lower.setCurrentWidget(self.editor)
        self.splitter.show()
        self.stretch_when_empty.hide()

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        record_id = current.data(RECORD_ID_ROLE) if current.isValid() else None
        if self._quiet_selection or record_id is None or record_id == self._editing_id():
            return
        if not self.editor.leave_asking():
            # The clerk kept the edits: the table goes back to the question they belong to, once
            # the selection model has finished moving.
            QTimer.singleShot(0, lambda: self._select_quietly(self._editing_id()))
            return
        self.editor.show_question(record_id)
        self._show_editor()

    def _select_quietly(self, record_id: int | None) -> None:
        self._quiet_selection = True
        try:
            if not self.table.select_record(record_id):
                self.table.clearSelection()
        finally:
            self._quiet_selection = False

    def _edit_in_form(self, question_id: int) -> None:
        self.open_question(question_id)
        if self._editing_id() == question_id:
            self.editor.widgets["title"].setFocus(Qt.FocusReason.OtherFocusReason)

    def _deleted(self, _question_id: int) -> None:
        self.lower.setCurrentWidget(self.placeholder)

    def _apply_filter(self, flt: QuestionFilter) -> None:
        if flt == self._applied:
            return
        selected = self.table.current_record_id()
        self._applied = flt
        self.model.set_filter(flt)
        self._select_quietly(selected)
        self._update_count()

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

    def delete_current(self) -> bool:
        """Delete the chosen question after asking; True when it is gone."""
        record_id = self.table.current_record_id()
        if record_id is None:
            return False
        self.open_question(record_id)
        return self._editing_id() == record_id and self.editor.delete()
