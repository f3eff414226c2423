"""Writing files safely: either complete or not there, private to their owner unless meant for sharing,
and no half-written leftovers kept for ever.

The committee's files (the database and its -wal and -shm, backups, drafts, logs) are created readable
by their owner only, whatever the umask; exports are for sharing and follow the user's umask."""

from __future__ import annotations

import logging
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_FILE, PRIVATE_FOLDER = 0o600, 0o700
STALE_AFTER_S = 30 * 60  # a partial file untouched this long belongs to a write that was killed


def private_folder(folder: Path) -> Path:
    """`folder` and any missing parents, created readable by their owner only."""
    folder = Path(folder)
    if not folder.is_dir():
        folder.mkdir(mode=PRIVATE_FOLDER, parents=True, exist_ok=True)
        os.chmod(folder, PRIVATE_FOLDER)  # mkdir's mode is reduced by the umask, never widened; be exact
    return folder


def create_private_file(path: Path) -> Path:
    """An empty file readable by its owner only (SQLite gives a database's -wal and -shm the same mode)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    os.close(descriptor)
    os.chmod(path, PRIVATE_FILE)
    return Path(path)


def current_umask() -> int:
    """The process's umask (read from the kernel where possible: setting it to read it races with threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def remove_stale(folder: Path | None, *patterns: str) -> list[Path]:
    """Delete what killed writes of ours left in `folder`: files matching one of `patterns` (glob, only
    names we give unfinished writes, never anyone else's) untouched for STALE_AFTER_S."""
    removed: list[Path] = []
    if folder is None or not Path(folder).is_dir():
        return removed
    cutoff = time.time() - STALE_AFTER_S
    for pattern in patterns:
        for path in Path(folder).glob(pattern):
            try:
                if path.is_file() and path.stat().st_mtime < cutoff:
                    path.unlink()
                    removed.append(path)
                    log.info("removed %s, left by a write that did not finish", path.name)
            except OSError:  # someone else removed it, or we may not: not ours to worry about
                continue
    return removed


@contextmanager
def replaced_on_success(target: Path, *, shared: bool = False) -> Iterator[Path]:
    """Yield a temporary path beside `target`; when the block ends without error, move it into place.

    The file is private to its owner, or with `shared` (an export meant for colleagues) gets the mode
    the user's umask gives new files. What earlier killed writes of `target` left is removed first."""
    target = Path(target)
    remove_stale(target.parent, f".{target.name}.*.partial")
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".partial")
    os.close(descriptor)
    try:
        yield Path(temporary)
        with open(temporary, "rb+") as written:
            os.fsync(written.fileno())
        if shared:
            os.chmod(temporary, 0o666 & ~current_umask())
        os.replace(temporary, target)
    finally:
        Path(temporary).unlink(missing_ok=True)
