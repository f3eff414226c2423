"""Consistent copies of a live SQLite database through SQLite's online backup API (never a file copy)."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from .errors import R2PError


def sqlite_file(url_or_path: str) -> Path | None:
    """The file behind a SQLite URL or plain path, or None for another engine."""
    if "://" not in url_or_path:
        return Path(url_or_path).expanduser()
    if url_or_path.startswith("sqlite:///"):
        return Path(url_or_path.removeprefix("sqlite:///").split("?", 1)[0])
    return None


def backup_file(source: Path, target: Path) -> Path:
    """Copy the database `source` to `target` while others may be writing, then verify the copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        src.execute("PRAGMA busy_timeout=10000")
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        dst.close()
        src.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise R2PError(f"the backup of {source.name} failed its integrity check: {verdict}")
    partial.replace(target)
    return target


def timestamped_backup(source: Path, folder: Path, reason: str) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backup_file(source, folder / f"{source.stem}-{reason}-{stamp}.sqlite")
