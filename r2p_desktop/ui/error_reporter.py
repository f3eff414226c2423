"""Unexpected exceptions in slots, event handlers and workers: the traceback goes to the log (without
record text) and the clerk sees one non-blocking message saying where the log is; the program goes on.

PySide6 hands an exception raised in a slot or an event handler called from the event loop to
`sys.excepthook` and carries on; Python threads use `threading.excepthook`; TaskRunner passes on the
failures of tasks that have no error handler of their own. Whatever the thread, the message is shown
through a queued signal on the GUI thread."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from .. import APP_NAME
from ..app.errors import is_database_error

log = logging.getLogger(__name__)

_SUMMARY_LENGTH = 300  # characters of an exception's message shown in the dialog


def _safe_line(error: BaseException) -> str:
    """The last line of a traceback: the type and, unless it may hold record text, the message."""
    name = f"{type(error).__module__}.{type(error).__qualname__}".removeprefix("builtins.")
    if is_database_error(error):
        orig = getattr(error, "orig", None)
        return f"{name} (from {type(orig).__module__}.{type(orig).__qualname__})" if orig is not None else name
    return f"{name}: {error}" if str(error) else name


def describe_traceback(error: BaseException) -> str:
    """The traceback of `error` and of the errors that led to it, frames and safe last lines only."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        block = "Traceback (most recent call last):\n" + "".join(
            traceback.format_list(traceback.extract_tb(current.__traceback__))) + _safe_line(current)
        parts.append(block)
        if current.__cause__ is not None:
            current, link = current.__cause__, "The above exception was the direct cause of the following:"
        elif current.__context__ is not None and not current.__suppress_context__:
            current, link = current.__context__, "During handling of the above exception, another occurred:"
        else:
            break
        parts.append(link)
    return "\n\n".join(reversed(parts))


def summary(error: BaseException) -> str:
    """What went wrong in one line for the clerk, with no record text from the database."""
    name = type(error).__name__
    if is_database_error(error):
        return f"a database error ({name})"
    message = " ".join(str(error).split()).rstrip(".")
    if len(message) > _SUMMARY_LENGTH:
        message = message[:_SUMMARY_LENGTH - 1] + "…"
    return f"{message} ({name})" if message else name


class ErrorReporter(QObject):
    """Lives on the GUI thread; `report` may be called from any thread."""

    _reported = Signal(str)  # the summary; queued so the dialog opens after the failing code unwound

    def __init__(self, parent_getter: Callable[[], QWidget | None], log_path: Path | None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self._parent_getter = parent_getter
        self.log_path = Path(log_path) if log_path is not None else None
        self.dialog: QMessageBox | None = None
        self.count = 0  # errors reported while the dialog is open
        self._reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def report(self, error: BaseException) -> None:
        """Log `error` without record text and show the message on the GUI thread."""
        log.error("unexpected error\n%s", describe_traceback(error))
        self._reported.emit(summary(error))

    def message(self, what: str) -> str:
        again = f"\n\nThis has happened {self.count} times since this message appeared." if self.count > 1 else ""
        details = f"Details are in {self.log_path}." if self.log_path else "No log file could be written."
        return (f"Something went wrong: {what}.\n\nNothing you saved is lost; the application keeps running."
                f"\n\n{details}{again}")

    @Slot(str)
    def _show(self, what: str) -> None:
        self.count += 1
        if self.dialog is None:  # one message at a time: a repeat updates the one on screen
            self.dialog = QMessageBox(QMessageBox.Icon.Critical, APP_NAME, "", QMessageBox.StandardButton.Close,
                                      self._parent_getter())
            self.dialog.setTextFormat(Qt.TextFormat.PlainText)
            # Wide enough that the log's path is not broken at its hyphens.
            self.dialog.setStyleSheet("QLabel#qt_msgbox_label { min-width: 32em; }")
            self.dialog.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            self.dialog.finished.connect(self._closed)
            self.dialog.setText(self.message(what))
            self.dialog.open()
        else:
            self.dialog.setText(self.message(what))

    @Slot()
    def _closed(self) -> None:
        self.dialog, self.count = None, 0


_installed: ErrorReporter | None = None
_previous_hooks: tuple | None = None


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    reporter = _installed
    if reporter is None or not issubclass(kind, Exception):  # Ctrl+C and exits go on as Python means them
        sys.__excepthook__(kind, value, tb)
        return
    try:
        reporter.report(value.with_traceback(tb))
    except Exception:  # reporting must never raise out of the hook
        sys.__excepthook__(kind, value, tb)


def _thread_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None:
        return
    _excepthook(args.exc_type, args.exc_value, args.exc_traceback)


def install(parent_getter: Callable[[], QWidget | None], log_path: Path | None) -> ErrorReporter:
    """Report unexpected exceptions from now on; call on the GUI thread once the application exists.
    `parent_getter` gives the window the message belongs to (None for none), `log_path` the log file
    (None when none could be opened)."""
    global _installed, _previous_hooks
    if _installed is None:
        _previous_hooks = (sys.excepthook, threading.excepthook)
    _installed = ErrorReporter(parent_getter, log_path)
    sys.excepthook, threading.excepthook = _excepthook, _thread_excepthook
    return _installed


def uninstall() -> None:
    """Put back the hooks that were there before `install` (at shutdown, and between tests)."""
    global _installed, _previous_hooks
    if _previous_hooks is not None:
        sys.excepthook, threading.excepthook = _previous_hooks
    if _installed is not None and _installed.dialog is not None:
        _installed.dialog.close()
    _installed, _previous_hooks = None, None


def report(error: BaseException) -> bool:
    """Report `error` through the installed reporter; False (nothing done) when none is installed."""
    if _installed is None:
        return False
    _installed.report(error)
    return True
