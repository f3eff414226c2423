"""'Load sample data': fills an empty database with realistic records, off the GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from ..app.sample_data import load_sample_data
from ..core.database import Database
from .records_changed import RecordsChanged
from .task_runner import TaskRunner

log = logging.getLogger(__name__)


def _progress_parts(args: tuple) -> tuple[int, int, str]:
    """(done, total, message) from whatever a progress callback was given."""
    numbers = [a for a in args if isinstance(a, int | float) and not isinstance(a, bool)]
    words = [str(a) for a in args if isinstance(a, str)]
    done, total = (int(numbers[0]), int(numbers[1])) if len(numbers) >= 2 else (0, 0)
    return done, total, " ".join(words)


class SampleDataLoader(QObject):
    """Shared by every view that offers the button, so they all show the same busy state."""

    started = Signal()
    progress = Signal(int, int, str)  # done, total (0 when unknown), message
    finished = Signal(dict)  # how many records of each kind were added
    failed = Signal(str)

    def __init__(self, database: Database, records_changed: RecordsChanged, tasks: TaskRunner,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._database = database
        self._records_changed = records_changed
        self._tasks = tasks
        self._running = False

    @property
    def running(self) -> bool:
        return self._running

    def load(self) -> None:
        if self._running:
            return
        self._running = True
        self.started.emit()
        database = self._database
        self._tasks.run(lambda report: load_sample_data(database, report), self._on_done,
                        on_error=self._on_error, on_progress=self._on_progress)

    def _on_progress(self, *args) -> None:
        self.progress.emit(*_progress_parts(args))

    def _on_done(self, counts: dict) -> None:
        self._running = False
        log.info("sample data loaded: %s", counts)
        self.finished.emit(counts)
        self._records_changed.notify()

    def _on_error(self, message: str) -> None:
        self._running = False
        self.failed.emit(message)
