"""Importing a UPR Info database export: the State whose recommendations to keep (the file's States are
offered, most rows first), Check to see what would be added and every problem with its row, then Import
(all or nothing). The report stays on screen; the Recommendations view behind it already shows them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...app import recommendations
from ...core.database import Database
from ...core.errors import R2PError
from ..records_changed import RecordsChanged
from ..widgets.text_box import text_box

ALL_STATES = "All States in the file"


class UprImportDialog(QDialog):
    def __init__(self, database: Database, records_changed: RecordsChanged, path: Path, *,
                 state: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import a UPR Info export")
        self._database, self._records_changed, self.path = database, records_changed, path
        self.state_combo = QComboBox(self)
        self.state_combo.setEditable(True)
        self.state_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.state_combo.addItem(ALL_STATES, None)
        self.report = text_box(placeholder="Check shows what the import would add, and any problem with its row.",
                               parent=self)
        self.report.setReadOnly(True)
        self.check_button = QPushButton("&Check", self)
        self.import_button = QPushButton("&Import", self)
        self.import_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.check_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))

        form = QFormLayout()
        form.addRow("File:", QLabel(path.name, self))
        form.addRow("&To (State):", self.state_combo)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.buttons)
        self.resize(640, 420)
        try:
            for name, rows in recommendations.states_in(path):
                self.state_combo.addItem(f"{name} ({rows} row{'' if rows == 1 else 's'})", name)
        except R2PError as error:  # not an export: say so, and offer nothing to import
            self.report.setPlainText(str(error))
            self.check_button.setEnabled(False)
            self.import_button.setEnabled(False)
        if state:
            found = self.state_combo.findData(state)
            if found >= 0:
                self.state_combo.setCurrentIndex(found)
            else:
                self.state_combo.setEditText(state)

    def state(self) -> str | None:
        """The State chosen, or typed (None: every row)."""
        index = self.state_combo.findText(self.state_combo.currentText())
        if index >= 0:
            return self.state_combo.itemData(index)
        return self.state_combo.currentText().strip() or None

    def run(self, *, dry_run: bool) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            report, changes = recommendations.import_upr_info(self._database, self.path, self.state(),
                                                              dry_run=dry_run)
            lines = recommendations.report_lines(report, dry_run=dry_run)
        except R2PError as error:
            lines, changes = [f"Nothing was imported: {error}"], None
        finally:
            QApplication.restoreOverrideCursor()
        self.report.setPlainText("\n".join(lines))
        if changes:
            self._records_changed.notify_changes(changes)
            self.import_button.setEnabled(False)  # imported once; a second time would add nothing
