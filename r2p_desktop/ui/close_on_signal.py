"""Ctrl+C in the terminal (SIGINT), and SIGTERM on POSIX, close the main window the way its close
button does: unsaved edits are asked about, the closing backup is taken, the clerk may cancel.

Python runs a signal handler only when the interpreter next gets control, which Qt's event loop does
not give it. The C-level handler writes the signal's number to the wakeup socket; a QSocketNotifier
on the other end wakes the event loop, and the close happens there, on the GUI thread."""

from __future__ import annotations

import logging
import signal
import socket
import sys

from PySide6.QtCore import QObject, QSocketNotifier, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

SIGNALS = (signal.SIGINT,) if sys.platform == "win32" else (signal.SIGINT, signal.SIGTERM)


def _noted(_number, _frame) -> None:
    """Replaces the default handlers (KeyboardInterrupt, or death): the wakeup socket does the work."""


class CloseOnSignal(QObject):
    """While installed, SIGINT and SIGTERM close `window`; call `uninstall` once the event loop ends."""

    window_closed = Signal()  # the window accepted the close: the application should quit

    def __init__(self, window: QWidget, parent: QObject | None = None):
        super().__init__(parent)
        self._window = window
        self._closing = False
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_wakeup = signal.set_wakeup_fd(self._writer.fileno(), warn_on_full_buffer=False)
        self._previous_handlers = {number: signal.signal(number, _noted) for number in SIGNALS}
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._signalled)

    def uninstall(self) -> None:
        """Put back the handlers and wakeup descriptor that were there before."""
        if self._notifier is None:
            return
        self._notifier.setEnabled(False)
        self._notifier = None
        for number, handler in self._previous_handlers.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(self._previous_wakeup)
        self._reader.close()
        self._writer.close()

    def _signalled(self) -> None:
        numbers = b""
        try:
            while chunk := self._reader.recv(64):
                numbers += chunk
        except (BlockingIOError, InterruptedError):
            pass
        names = ", ".join(sorted({signal.Signals(number).name for number in numbers if number in SIGNALS}))
        if names:
            log.info("%s received: closing the window", names)
            # Not from inside the notifier's slot: the close may open a prompt with its own event loop.
            QTimer.singleShot(0, self._close)

    def _close(self) -> None:
        dialog = QApplication.activeModalWidget()
        if self._closing or dialog is not None:
            # The clerk is answering a question (perhaps the unsaved-edits prompt this close opened):
            # closing now could lose what is in it.
            title = dialog.windowTitle() if dialog is not None else ""
            print(f"r2p-desktop: not closing while a dialog{f' ({title})' if title else ''} is open in the "
                  "window; answer it, then close the window or press Ctrl+C again", file=sys.stderr)
            if dialog is not None:
                dialog.raise_()
                dialog.activateWindow()
            return
        self._closing = True
        try:
            closed = self._window.close()  # closeEvent asks about unsaved edits and takes the backup
        finally:
            self._closing = False
        if closed:
            self.window_closed.emit()
        else:
            log.info("closing cancelled: the window stays open")
