"""Runs plain functions on a thread pool and hands their result back on the GUI thread.

A task must not touch widgets: it calls the app layer (which opens its own session) and returns plain
data (Picard's run_task)."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, Signal, Slot

from ..core.errors import R2PError
from . import error_reporter

log = logging.getLogger(__name__)


@dataclass
class _Callbacks:
    on_done: Callable[[Any], None]
    on_error: Callable[[str], None] | None
    on_progress: Callable[..., None] | None


class TaskRunner(QObject):
    """Owns a thread pool; results, errors and progress come back through queued signals."""

    _done = Signal(int, object)
    _failed = Signal(int, str, object)  # the one-line message, and the exception when it is not an R2PError
    _progress = Signal(int, object)

    def __init__(self, parent: QObject | None = None, *, max_threads: int = 2):
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._ids = itertools.count(1)
        self._callbacks: dict[int, _Callbacks] = {}
        # Emitted from worker threads; this object lives on the GUI thread, so delivery is queued.
        self._done.connect(self._deliver_done)
        self._failed.connect(self._deliver_failed)
        self._progress.connect(self._deliver_progress)

    def run(self, task: Callable[..., Any], on_done: Callable[[Any], None], *,
            on_error: Callable[[str], None] | None = None,
            on_progress: Callable[..., None] | None = None) -> int:
        """Start `task()` (or `task(progress)` when `on_progress` is given) on the pool."""
        task_id = next(self._ids)
        self._callbacks[task_id] = _Callbacks(on_done, on_error, on_progress)

        def report(*args) -> None:
            self._progress.emit(task_id, args)

        def work() -> None:
            try:
                result = task(report) if on_progress is not None else task()
            except R2PError as error:
                self._failed.emit(task_id, str(error), None)
            except Exception as error:  # one line for the clerk; the traceback goes to the log
                self._failed.emit(task_id, error_reporter.summary(error), error)
            else:
                self._done.emit(task_id, result)

        self._pool.start(work)
        return task_id

    def busy(self) -> bool:
        return bool(self._callbacks)

    def wait(self, msecs: int = -1) -> bool:
        """Block until running tasks finish (at shutdown, before the database is closed)."""
        return self._pool.waitForDone(msecs)

    @Slot(int, object)
    def _deliver_done(self, task_id: int, result: object) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks:
            callbacks.on_done(result)

    @Slot(int, str, object)
    def _deliver_failed(self, task_id: int, message: str, error: Exception | None) -> None:
        callbacks = self._callbacks.pop(task_id, None)
        if callbacks and callbacks.on_error:
            if error is not None:
                log.error("background task failed\n%s", error_reporter.describe_traceback(error))
            callbacks.on_error(message)
        elif error is None:
            log.error("background task failed: %s", message)
        elif not error_reporter.report(error):  # the reporter logs it and tells the clerk
            log.error("background task failed\n%s", error_reporter.describe_traceback(error))

    @Slot(int, object)
    def _deliver_progress(self, task_id: int, args: tuple) -> None:
        callbacks = self._callbacks.get(task_id)
        if callbacks and callbacks.on_progress:
            callbacks.on_progress(*args)
