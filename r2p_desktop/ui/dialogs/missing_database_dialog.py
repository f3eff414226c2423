"""Asked at start-up when there is no database where one was named: make a new, empty one there, open
another file, or quit. A mistyped path must never silently become an empty database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ... import APP_NAME

FILE_FILTER = "R2P databases (*.sqlite *.sqlite3 *.db);;All files (*)"


class MissingDatabaseDialog(QMessageBox):
    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(QMessageBox.Icon.Question, APP_NAME, f"There is no database at {path}.", parent=parent)
        self.path = path
        self.setTextFormat(Qt.TextFormat.PlainText)  # a path is never markup
        self.setInformativeText("Create a new, empty database there? If the committee's record is in another "
                                "file, open that one instead.")
        self.create_button = self.addButton("&Create new database", QMessageBox.ButtonRole.AcceptRole)
        self.open_button = self.addButton("&Open another…", QMessageBox.ButtonRole.ActionRole)
        self.quit_button = self.addButton("&Quit", QMessageBox.ButtonRole.RejectRole)
        self.setDefaultButton(self.quit_button)  # Enter alone never creates a database
        self.setEscapeButton(self.quit_button)

    def ask(self) -> tuple[str, bool] | None:
        """(location, create) to open, or None when the clerk quits."""
        while True:
            self.exec()
            clicked = self.clickedButton()
            if clicked is self.create_button:
                return str(self.path), True
            if clicked is self.open_button:
                chosen = self.choose_file()
                if chosen:
                    return chosen, False
                continue  # the file dialog was cancelled: ask again
            return None

    def choose_file(self) -> str:
        """An existing file the clerk picks, or "" when cancelled."""
        folder = next((p for p in self.path.parents if p.is_dir()), Path.home())
        chosen, _filter = QFileDialog.getOpenFileName(self, "Open a database", str(folder), FILE_FILTER)
        return chosen
