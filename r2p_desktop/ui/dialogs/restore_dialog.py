"""File > Restore from backup…: the backups of the open database, newest first, with when and why each
was taken and how many records it holds; restoring one backs up the current contents first.

Listing (which opens every backup to count its records) and restoring run on the task runner."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)
from shiboken6 import isValid

from ...app.backups import restore_and_reopen
from ...core import kinds
from ...core.backup import BackupInfo, backup_folder, list_backups
from ...core.database import Database
from ..models.record_list_model import ListColumn, RecordListModel
from ..task_runner import TaskRunner
from ..widgets.record_table_view import RecordTableView

COLUMNS = (  # the tooltips are plain text: a path or counts are never taken for markup
    ListColumn("taken", "Taken", width=140, tip_key="path"),
    ListColumn("reason", "Type", width=190, tip_key="path"),
    ListColumn("records", "Records", tip_key="all_counts"),
)
TAKEN, REASON, RECORDS = range(len(COLUMNS))
_REASON_WORDS = {
    "daily": "Daily (automatic)",
    "close": "On closing (automatic)",
    "manual": "Backed up by hand",
    "before-restore": "Before a restore",
    "damaged": "Damaged file, kept as it was",
}
# The counted kinds in the order the committee thinks of them (record_counts is keyed by table).
_COUNT_ORDER = (kinds.QUESTION, kinds.FOLLOW_UP, kinds.DEBATE, kinds.BUDGET_ITEM, kinds.RECOMMENDATION,
                kinds.UNDERTAKING, kinds.RISK_ASSESSMENT, kinds.DOCUMENT, kinds.PERSON, kinds.BODY)


def reason_text(backup: BackupInfo) -> str:
    """Why a backup was taken, in words."""
    if backup.reason in _REASON_WORDS:
        return _REASON_WORDS[backup.reason]
    if backup.reason.startswith("before-"):
        return "Before an upgrade"
    return backup.reason.replace("-", " ").capitalize()


def counts_text(counts: dict[str, int], *, all_kinds: bool = False) -> str:
    """'1,204 questions, 31 follow-ups, 1 debate, …' (kinds with none left out unless `all_kinds`;
    questions always shown), or why there are no counts."""
    if not counts:
        return "Could not be read"
    return ", ".join(kind.count_text(counts[kind.table]) for kind in _COUNT_ORDER
                     if kind.table in counts and (counts[kind.table] or all_kinds or kind is kinds.QUESTION))


def taken_text(backup: BackupInfo) -> str:
    return backup.taken_at.strftime("%Y-%m-%d %H:%M")  # file names hold the local time already


class RestoreDialog(QDialog):
    """Emits `loaded` when the list is in, and `restored(location)` once the database file holds the
    chosen backup at the current schema and the Database passed in has reopened it."""

    loaded = Signal()
    restored = Signal(str)

    def __init__(self, database: Database, tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self._database = database
        self._tasks = tasks
        self.folder = backup_folder(database)
        self.previous_contents: Path | None = None  # where the contents before the restore were saved
        self._busy = False  # restoring
        self.setWindowTitle("Restore from backup")

        intro = QLabel(f"Backups of {database.path.name}, newest first. Restoring one replaces everything "
                       f"in the database with it; what the database holds now is backed up first.")
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)

        self.backups: list[BackupInfo] = []  # as listed, newest first
        self.model = RecordListModel(COLUMNS, self)
        self.table = RecordTableView()
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAccessibleName("Backups")
        self.table.set_column_widths([column.width for column in COLUMNS])
        self.table.selectionModel().selectionChanged.connect(self._update_button)
        self.table.doubleClicked.connect(lambda _index: self.restore_selected())

        self.status_label = QLabel(f"Reading the backups in {self.folder}…")
        self.status_label.setTextFormat(Qt.TextFormat.PlainText)
        self.status_label.setWordWrap(True)
        self.status_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = self.buttons.addButton("&Restore…", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status_label)
        layout.addWidget(self.buttons)
        self.resize(760, 420)

        database_file, folder = database.path, self.folder
        self._tasks.run(lambda: list_backups(folder, database=database_file), self._show_backups,
                        on_error=self._listing_failed)

    # --- listing --------------------------------------------------------------------------------

    def _show_backups(self, backups: list[BackupInfo]) -> None:
        if not isValid(self.model):  # the dialog was closed before the list came in
            return
        self.backups = list(backups)
        self.model.set_rows([{"taken": taken_text(backup), "reason": reason_text(backup),
                              "records": counts_text(backup.record_counts), "path": str(backup.path),
                              "all_counts": counts_text(backup.record_counts, all_kinds=True)}
                             for backup in self.backups])
        if backups:
            self.status_label.setText(f"{len(backups)} backup{'s' if len(backups) != 1 else ''} in {self.folder}")
            self.table.selectRow(0)
        else:
            self.status_label.setText(f"There are no backups of {self._database.path.name} in {self.folder} "
                                      "yet. One is taken on the first opening of each day and on closing.")
        self.loaded.emit()

    def _listing_failed(self, message: str) -> None:
        if not isValid(self.status_label):
            return
        self.status_label.setText(f"The backups could not be listed: {message}")
        self.loaded.emit()

    def _update_button(self) -> None:
        self.restore_button.setEnabled(self.selected_backup() is not None)

    def selected_backup(self) -> BackupInfo | None:
        rows = self.table.selectionModel().selectedRows()
        return self.backups[rows[0].row()] if rows else None

    def select_backup(self, path: Path) -> bool:
        """Select the backup stored at `path`; False when it is not listed."""
        for row, backup in enumerate(self.backups):
            if backup.path == Path(path):
                self.table.selectRow(row)
                return True
        return False

    # --- restoring ------------------------------------------------------------------------------

    def confirmation_text(self, backup: BackupInfo) -> str:
        return (f"Replace everything in {self._database.path.name} with the backup taken {taken_text(backup)} "
                f"({counts_text(backup.record_counts)})?\n\n"
                f"What the database holds now is backed up first, into {self.folder}, so this can be undone "
                "by restoring that backup.")

    def confirm_restore(self, text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, "Restore from backup", text,
                          QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        action = box.addButton("&Restore", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)  # Enter alone never replaces the data
        box.exec()
        return box.clickedButton() is action

    def restore_selected(self) -> None:
        backup = self.selected_backup()
        if backup is None or not self.restore_button.isEnabled():
            return
        if not self.confirm_restore(self.confirmation_text(backup)):
            return
        self._set_busy(True)
        self.status_label.setText(f"Backing up the current database, then restoring {backup.path.name}…")
        database, folder = self._database, self.folder
        self._tasks.run(lambda: restore_and_reopen(database, backup.path, folder), self._restored,
                        on_error=self._restore_failed)

    def _restored(self, saved: Path | None) -> None:
        self.previous_contents = saved
        self.restored.emit(str(self._database.path))
        self.accept()

    def _restore_failed(self, message: str) -> None:
        self._set_busy(False)
        if message.startswith("not restored"):  # the backup was refused before anything was touched
            self.status_label.setText(message[0].upper() + message[1:])
        else:
            self.status_label.setText(f"The restore failed: {message}")

    def reject(self) -> None:
        if self._busy:  # the dialog stays until the restore has finished and said so
            return
        super().reject()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.table.setEnabled(not busy)
        self.buttons.setEnabled(not busy)
        if not busy:
            self._update_button()
