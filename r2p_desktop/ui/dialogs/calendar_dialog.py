"""File > Export calendar…: choose the audience and where to save, then the answer deadlines, follow-ups,
undertakings and debates are written as an iCalendar file on a worker (`app.calendar`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...app import calendar
from ...core.database import Database
from ..task_runner import TaskRunner
from ..widgets.choice_combo import choice_combo
from .export_dialog import AUDIENCE_LABELS, _sentence

DEFAULT_NAME = "r2p-calendar.ics"
FILE_FILTER = "Calendar files (*.ics)"


class CalendarDialog(QDialog):
    exported = Signal(str)  # the one line saying what was written, for the status bar

    def __init__(self, database: Database, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export calendar")
        self._database = database
        self._tasks = tasks
        self.exporting = False

        self.audience_combo = choice_combo(AUDIENCE_LABELS)
        self.path_edit = QLineEdit(str(Path.home() / DEFAULT_NAME))
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Audience", self.audience_combo)
        path_label = QLabel("Sa&ve as")
        path_label.setBuddy(self.path_edit)
        form.addRow(path_label, path_row)

        explanation = QLabel("Answer deadlines (named days marked), follow-ups and undertakings become tasks "
                             "due on their dates; debates become all-day events. Importing a newer export "
                             "updates the entries instead of adding them again.")
        explanation.setWordWrap(True)
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.export_button.clicked.connect(self.export)
        self.close_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(explanation)
        layout.addWidget(self.status_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.resize(560, 220)

    def _browse(self) -> None:
        chosen, _filter = QFileDialog.getSaveFileName(self, "Save calendar as", self.path_edit.text(), FILE_FILTER)
        if chosen:
            self.path_edit.setText(chosen if chosen.lower().endswith(".ics") else f"{chosen}.ics")

    def export(self) -> None:
        if self.exporting:
            return
        text = self.path_edit.text().strip()
        if not text:
            self.status_label.setText("Choose where to save the calendar.")
            return
        out, audience, database = Path(text).expanduser(), self.audience_combo.currentData(), self._database
        self._set_exporting(True)
        self.status_label.setText("Exporting…")
        self._tasks.run(lambda: calendar.export_calendar(database, out, audience=audience),
                        lambda result: self._exported(result, out), on_error=self._export_failed)

    def _exported(self, result: calendar.CalendarExport, out: Path) -> None:
        self._set_exporting(False)
        line = calendar.summary_line(result, out)
        self.status_label.setText(line)
        self.exported.emit(line)

    def _export_failed(self, message: str) -> None:
        self._set_exporting(False)
        self.status_label.setText(_sentence(message))

    def _set_exporting(self, exporting: bool) -> None:
        self.exporting = exporting
        self.export_button.setEnabled(not exporting)
        self.close_button.setEnabled(not exporting)

    def reject(self) -> None:
        if not self.exporting:  # the file is small and quick: it is not stopped half-way
            super().reject()
