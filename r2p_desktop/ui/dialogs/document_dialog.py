"""A document: its form (title, kind, who it is from, when it was published…) and the file attached to
it, shown by name and size under the fields. Attach file… copies the chosen file into the attachment
store on a background thread, with its progress shown; the file becomes the document's when the clerk
saves. Open hands a read-only copy to the system's viewer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QLayout, QProgressBar, QPushButton, QVBoxLayout, QWidget

from ...app import documents, record_forms
from ...app.changes import Changes
from ...app.records import Loaded
from ...core.attachments import StoredFile, size_text
from ...core.database import Database
from ...core.errors import R2PError
from ..task_runner import TaskRunner
from .record_dialog import RecordDialog

ANY_FILE = "Documents (*.pdf *.doc *.docx *.odt *.rtf *.txt *.xls *.xlsx *.ods *.csv);;All files (*)"


def choose_file(parent: QWidget, title: str) -> Path | None:
    """Ask the clerk for a file to attach; None when they cancel."""
    chosen, _ = QFileDialog.getOpenFileName(parent, title, "", ANY_FILE)
    return Path(chosen) if chosen else None


def open_document(database: Database, document_id: int) -> str | None:
    """Open the document's file in the system's viewer (a read-only copy); the one-line problem, if any."""
    try:
        copy = documents.open_copy(database, document_id)
    except R2PError as error:
        message = str(error)
        return message[:1].upper() + message[1:] + ("" if message.endswith(".") else ".")
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(copy))):
        return (f"No program on this computer opens {copy.suffix or 'such'} files. A copy is saved as {copy}; "
                "open it on a computer that has one.")
    return None


def file_text(name: str, size: int | None) -> str:
    """'reply.pdf (12.5 KB)'; the name isolated, so one in Arabic or Hebrew does not reorder the rest."""
    return f"\u2068{name}\u2069 ({size_text(size)})" if name else "No file attached."


class DocumentDialog(RecordDialog):
    FORM = record_forms.DOCUMENT

    def __init__(self, *args, **kwargs):
        self.pending: StoredFile | None = None  # copied into the store, not yet the document's
        self._file: tuple[str, int | None] = ("", None)  # the file as saved
        self.tasks: TaskRunner | None = None
        super().__init__(*args, **kwargs)

    # --- layout -------------------------------------------------------------------------------

    def layout_fields(self) -> QLayout:
        self.file_label = QLabel("No file attached.", self)
        self.file_label.setWordWrap(True)
        self.file_label.setAccessibleName("Attached file")
        self.file_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.attach_button = QPushButton("&Attach file…", self)
        self.attach_button.setToolTip("Copy a file into the committee's data folder as this document's "
                                      "(the original is not moved or changed)")
        self.attach_button.setAutoDefault(False)
        self.attach_button.clicked.connect(lambda: self.attach_file())
        self.open_button = QPushButton("Op&en", self)
        self.open_button.setToolTip("Open a read-only copy of the attached file in the program your computer uses")
        self.open_button.setAutoDefault(False)
        self.open_button.clicked.connect(self.open_file)
        self.progress = QProgressBar(self)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.hide()
        self.file_problem = QLabel(self)
        self.file_problem.setWordWrap(True)
        self.file_problem.setStyleSheet("color: #B3261E;")
        self.file_problem.hide()

        heading = QLabel("File", self)
        heading.setStyleSheet("font-weight: bold;")
        row = QHBoxLayout()
        row.addWidget(self.file_label, 1)
        row.addWidget(self.attach_button)
        row.addWidget(self.open_button)
        layout = QVBoxLayout()
        layout.addLayout(super().layout_fields(), 1)
        layout.addWidget(heading)
        layout.addLayout(row)
        layout.addWidget(self.progress)
        layout.addWidget(self.file_problem)
        return layout

    def loaded(self, loaded: Loaded) -> None:
        stored = loaded.stored
        self._file = (str(stored.get("file_name") or ""), stored.get("file_size"))  # type: ignore[assignment]
        self._show_file()

    def _show_file(self) -> None:
        name, size = (self.pending.name, self.pending.size) if self.pending else self._file
        self.file_label.setText(file_text(name, size) + (" Saved with the document." if self.pending else ""))
        self.open_button.setEnabled(self.record_id is not None and bool(self._file[0]) and self.pending is None)
        self.attach_button.setText("&Replace file…" if name else "&Attach file…")

    # --- attaching ----------------------------------------------------------------------------

    def choose_file(self) -> Path | None:
        return choose_file(self, "Attach a file")

    def attach_file(self, path: Path | None = None) -> None:
        """Copy `path` (asked for if not given) into the store in the background; it becomes the
        document's file when the clerk saves."""
        path = path or self.choose_file()
        if path is None:
            return
        self.tasks = self.tasks or TaskRunner(self, max_threads=1)
        self.attach_button.setEnabled(False)
        self.file_problem.hide()
        self.progress.setRange(0, 0)
        self.progress.show()
        self.file_label.setText(f"Copying {path.name}…")
        database = self._database
        self.tasks.run(lambda progress: documents.store_file(database, path, progress), self._stored,
                       on_error=self._not_stored, on_progress=self._copied)

    def _copied(self, done: int, total: int) -> None:
        self.progress.setRange(0, 1000)
        self.progress.setValue(int(1000 * done / total) if total else 1000)

    def _stored(self, stored: StoredFile) -> None:
        self.pending = stored
        self._finish_copy()

    def _not_stored(self, message: str) -> None:
        self._finish_copy()
        self.file_problem.setText(message[:1].upper() + message[1:] + ("" if message.endswith(".") else "."))
        self.file_problem.show()

    def _finish_copy(self) -> None:
        self.progress.hide()
        self.attach_button.setEnabled(True)
        self._show_file()

    def busy(self) -> bool:
        return self.tasks is not None and self.tasks.busy()

    def done(self, result: int) -> None:
        if self.tasks is not None:  # a copy still running finishes first (what it copied is harmless)
            self.tasks.wait()
        super().done(result)

    def open_file(self) -> None:
        if self.record_id is None:
            return
        problem = open_document(self._database, self.record_id)
        self.file_problem.setText(problem or "")
        self.file_problem.setVisible(problem is not None)

    # --- saving -------------------------------------------------------------------------------

    def save_changes(self) -> Changes:
        """A new document is written with its file in one transaction; an existing one gets its new file
        first (checked against the version shown), then the form."""
        if self.busy():
            raise R2PError("the file is still being copied; save once it is done")
        pending, attached, record_id = self.pending, Changes(), self.record_id
        if pending is not None and record_id is None:
            self.preset = {**self.preset, **pending.columns()}
        elif pending is not None and record_id is not None:
            attached, self._version = documents.attach(self._database, record_id, pending,
                                                       expected_version=self._version)
            self.pending, self._file = None, (pending.name, pending.size)
        return super().save_changes() | attached
