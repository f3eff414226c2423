"""The log file in the data folder, shared by `r2p` and `r2p-desktop`.

It is readable by its owner only, and a log that cannot be written (a full disk, a folder made
read-only) never puts a traceback on the clerk's terminal: the record is dropped quietly."""

from __future__ import annotations

import logging
import os
from contextlib import suppress
from logging.handlers import RotatingFileHandler
from pathlib import Path

from . import paths
from .core.safe_file import PRIVATE_FILE

MAX_BYTES, KEEP = 1_000_000, 3


class _PrivateLogFile(RotatingFileHandler):
    def _open(self):
        descriptor = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, PRIVATE_FILE)
        return os.fdopen(descriptor, "a", encoding=self.encoding, errors=self.errors)

    def handleError(self, record) -> None:
        """A record that cannot be written is dropped: logging must never disturb the work."""

    def flush(self) -> None:
        with suppress(OSError):  # what is still buffered is dropped, as handleError drops a record
            super().flush()

    def close(self) -> None:
        with suppress(OSError):  # it flushes first, which fails on a full disk; the file is closed all the same
            super().close()


def start_logging(file_name: str) -> logging.Handler | None:
    """Log INFO and above to `file_name` in the data folder; None (and no log) when it cannot be opened."""
    try:
        handler = _PrivateLogFile(paths.data_dir() / file_name, maxBytes=MAX_BYTES, backupCount=KEEP,
                                  encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler


def stop_logging(handler: logging.Handler | None) -> None:
    if handler is not None:
        logging.getLogger().removeHandler(handler)
        handler.close()


def log_path(handler: logging.Handler | None) -> Path | None:
    return Path(handler.baseFilename) if isinstance(handler, logging.FileHandler) else None
