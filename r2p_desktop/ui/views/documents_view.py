"""Documents: the reports and replies the committee keeps (NHRI annual reports, risk assessments, UPR
reports, shadow reports, the government's replies), each with the file attached to it.

Filtered by kind and by words of the title, the notes or the attached file's text (a PDF's words are
read when it is attached). Each opens in its dialog (Enter or a double-click); Open file hands a
read-only copy of the file to the system's viewer; the Delete key deletes the selected document,
after asking."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from ...core import kinds
from ...core.attachments import size_text
from ...core.database import Database
from ...core.models import DocumentKind
from ...core.services.documents import DocumentFilter, list_documents
from ..dialogs.delete_prompt import ask_to_delete
from ..dialogs.document_dialog import DocumentDialog, open_document
from ..models.record_list_model import DATE, LABEL, ListColumn
from ..records_changed import RecordsChanged
from ..widgets.choice_combo import enum_combo
from ..widgets.delete_key import DeleteKey
from .record_list_view import RecordListView

DOCUMENTS = kinds.DOCUMENT.key


class DocumentsView(RecordListView):
    TITLE = "Documents"
    DESCRIPTION = ("Reports and replies the committee keeps, each with its file. Search finds words inside "
                   "attached PDFs.")
    KINDS = frozenset({DOCUMENTS, kinds.BODY.key})
    OPENS = frozenset({DOCUMENTS})
    NOUN = ("document", "documents")
    EMPTY_TEXT = ("No documents yet. Add one with New document…, or attach the government's reply to a "
                  "question from the question's form.")
    NO_MATCH_TEXT = "No documents match these filters."
    STRETCH = 0
    COLUMNS = (
        ListColumn("title", "Title"),
        ListColumn("kind", "Kind", LABEL, width=150),
        ListColumn("author", "From", width=170),
        ListColumn("published_on", "Published", DATE, width=95),
        ListColumn("file_name", "File", width=190),
        ListColumn("size", "Size", width=80),
    )

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.dialog: DocumentDialog | None = None  # the last one opened, for tests and focus
        self._by_id: dict[int | None, dict] = {}  # the rows listed, by id
        self.kind_combo = enum_combo(DocumentKind, none="Any kind")
        self.kind_combo.setParent(self)
        self.text_filter = QLineEdit(self)
        self.text_filter.setPlaceholderText("Words of the title, the notes or the file's text")
        self.text_filter.setClearButtonEnabled(True)
        self.text_filter.setMinimumWidth(70)
        # Sized to a short entry, not the longest, so the window can stay narrow.
        self.kind_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.kind_combo.setMinimumContentsLength(12)
        self.problem_label = QLabel(self)
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("color: #B3261E;")
        self.problem_label.hide()
        self.new_button = QPushButton("&New document…", self)
        self.edit_button = QPushButton("&Edit…", self)
        self.edit_button.setToolTip("Change the selected document (Enter); the Delete key deletes it")
        self.open_button = QPushButton("&Open file", self)
        self.open_button.setToolTip("Open a read-only copy of the selected document's file")

        filters = QHBoxLayout()
        filters.setSpacing(8)
        for text, widget, stretch in (("&Kind", self.kind_combo, 0), ("&Find", self.text_filter, 1)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, stretch)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        position = self.page_layout.indexOf(self.count_label)
        self.page_layout.removeWidget(self.count_label)
        actions.addWidget(self.count_label, 1)
        for button in (self.new_button, self.edit_button, self.open_button):
            actions.addWidget(button)
        self.page_layout.insertLayout(position, filters)
        self.page_layout.insertLayout(position + 1, actions)
        self.page_layout.insertWidget(position + 2, self.problem_label)

        self._typing = QTimer(self)  # the list follows the typed words once the typing pauses
        self._typing.setSingleShot(True)
        self._typing.setInterval(250)
        self._typing.timeout.connect(self.refresh)
        self.text_filter.textChanged.connect(self._typing.start)
        self.kind_combo.currentIndexChanged.connect(self.refresh)
        self.new_button.clicked.connect(self.new_document)
        self.edit_button.clicked.connect(lambda: self.edit_document(self.table.current_record_id()))
        self.open_button.clicked.connect(lambda: self.open_file(self.table.current_record_id()))
        self.table.record_activated.connect(self.edit_document)
        DeleteKey(self.table, self.delete_document)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # --- reading ------------------------------------------------------------------------------

    def filter(self) -> DocumentFilter:
        return DocumentFilter(kind=self.kind_combo.currentData(), text=self.text_filter.text().strip())

    def rows(self, session) -> list[dict]:
        rows = [{**row, "size": size_text(row["file_size"])} for row in list_documents(session, self.filter())]
        self._by_id = {row["id"]: row for row in rows}
        return rows

    def load(self) -> None:
        self._typing.stop()
        super().load()
        self.empty_label.setText(self.NO_MATCH_TEXT if self.filter() != DocumentFilter() else self.EMPTY_TEXT)
        self._update_buttons()

    # --- acting -------------------------------------------------------------------------------

    def _selected_row(self) -> dict | None:
        return self._by_id.get(self.table.current_record_id())

    def _update_buttons(self, *_args) -> None:
        row = self._selected_row()
        self.edit_button.setEnabled(row is not None)
        self.open_button.setEnabled(row is not None and bool(row["file_sha256"]))

    def new_document(self) -> DocumentDialog:
        return self._open_dialog(DocumentDialog(self.database, self.records_changed, parent=self))

    def open_record(self, kind: str, record_id: int) -> None:
        self.table.select_record(record_id)
        self.edit_document(record_id)

    def edit_document(self, document_id: int | None) -> DocumentDialog | None:
        if document_id is None:
            return None
        return self._open_dialog(DocumentDialog(self.database, self.records_changed, document_id, parent=self))

    def open_file(self, document_id: int | None) -> str | None:
        """Open the document's file in the system's viewer; the problem shown, if any."""
        if document_id is None:
            return None
        problem = open_document(self.database, document_id)
        self.problem_label.setText(problem or "")
        self.problem_label.setVisible(problem is not None)
        return problem

    def delete_document(self, document_id: int) -> bool:
        """Delete the document after asking (its file stays in the store: backups may name it)."""
        return ask_to_delete(self, self.database, self.records_changed, DOCUMENTS, document_id) is not None

    def _open_dialog(self, dialog: DocumentDialog) -> DocumentDialog:
        """Window-modal and non-blocking: the dialog reports back by the records-changed signal."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

