"""The documents a question links (the government's reply above all), as its form's Links page lists
them: title, kind, file and size, with Attach the government's reply… (which the form carries out),
Open file (a read-only copy in the system's viewer) and Unlink (the document stays in Documents).
Each unlink is written at once, as its own change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...app import documents
from ...app.changes import Changes
from ...core.attachments import size_text
from ...core.database import Database
from ...core.errors import R2PError
from ..dialogs.document_dialog import open_document
from ..models.record_list_model import LABEL, ListColumn
from .record_list_table import RecordListTable

COLUMNS = (
    ListColumn("title", "Title"),
    ListColumn("kind", "Kind", LABEL, width=140),
    ListColumn("file_name", "File", width=180),
    ListColumn("size", "Size", width=80),
)


class QuestionDocuments(QWidget):
    changed = Signal(object)  # the Changes an unlink made
    attach_requested = Signal()  # the clerk asked to attach the government's reply (the form does it)

    def __init__(self, database: Database, parent: QWidget | None = None, *,
                 may_change: Callable[[], bool] = lambda: True):
        """`may_change` says whether the question may be changed now (the form holds no unsaved edits)."""
        super().__init__(parent)
        self._database = database
        self._may_change = may_change
        self.question_id: int | None = None
        self._rows: dict[int | None, dict] = {}
        self.heading = QLabel("Documents", self)
        self.heading.setStyleSheet("font-weight: bold;")
        self.table = RecordListTable(COLUMNS, self, stretch=0)
        self.table.setAccessibleName("Documents of this question")
        self.table.setMinimumHeight(70)
        self.table.setMaximumHeight(110)  # a few documents; the lists of links below need the room
        self.empty_label = QLabel("No documents linked yet. Attach the government's reply to add one.", self)
        self.empty_label.setWordWrap(True)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #B3261E;")
        self.problem_label.hide()
        self.attach_button = QPushButton("&Attach the government's reply…", self)
        self.attach_button.setToolTip("Choose the file of the government's reply: it is kept as a document "
                                      "linked to this question, and search finds the words in a PDF")
        self.attach_button.clicked.connect(self.attach_requested)
        self.open_button = QPushButton("&Open file", self)
        self.open_button.setToolTip("Open a read-only copy of the selected document's file")
        self.unlink_button = QPushButton("Unlin&k", self)
        self.unlink_button.setToolTip("Take the selected document off this question (it stays in Documents)")
        self.open_button.clicked.connect(lambda: self.open_file(self.table.current_record_id()))
        self.unlink_button.clicked.connect(lambda: self.unlink(self.table.current_record_id()))
        self.table.record_activated.connect(self.open_file)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())

        heading = QHBoxLayout()  # the buttons beside the heading, to leave the page's height to the lists
        heading.addWidget(self.heading)
        heading.addStretch(1)
        heading.addWidget(self.attach_button)
        heading.addWidget(self.open_button)
        heading.addWidget(self.unlink_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(heading)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.problem_label)
        self.show_question(None)

    def show_question(self, question_id: int | None) -> None:
        self.question_id = question_id
        self.attach_button.setEnabled(question_id is not None)
        rows = documents.question_documents(self._database, question_id) if question_id is not None else []
        rows = [{**row, "size": size_text(row["file_size"])} for row in rows]
        self._rows = {row["id"]: row for row in rows}
        self.table.set_rows(rows)
        if rows and self.table.current_record_id() is None:
            self.table.selectRow(0)  # Open file and Unlink act on it without a click first
        self.table.setVisible(bool(rows))
        self.empty_label.setVisible(not rows)
        self.problem_label.hide()
        self._enable()

    def titles(self) -> list[str]:
        return self.table.column_texts(0)

    def _enable(self) -> None:
        row = self._rows.get(self.table.current_record_id())
        self.open_button.setEnabled(row is not None and bool(row["file_sha256"]))
        self.unlink_button.setEnabled(row is not None)

    def _problem(self, text: str | None) -> None:
        self.problem_label.setText(text or "")
        self.problem_label.setVisible(text is not None)

    def open_file(self, document_id: int | None) -> str | None:
        if document_id is None:
            return None
        problem = open_document(self._database, document_id)
        self._problem(problem)
        return problem

    def unlink(self, document_id: int | None) -> bool:
        if document_id is None or self.question_id is None or not self._may_change():
            return False
        try:
            changes: Changes = documents.unlink_from_question(self._database, self.question_id, document_id)
        except R2PError as error:
            message = str(error)
            self._problem(f"Not unlinked: {message}" + ("" if message.endswith(".") else "."))
            return False
        self.show_question(self.question_id)
        self.changed.emit(changes)
        return True

