"""Looking at a SQLite file without changing it: read-only connections and structural checks."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote


def read_only_uri(path: Path) -> str:
    """A URI that opens `path` for reading only and leaves every byte beside it as it was.

    Without a write-ahead log beside it the file is opened immutable (no -wal or -shm is created);
    with one, its committed pages count, so SQLite must read it (mode=ro never writes the database)."""
    path = Path(path).resolve()
    wal = path.with_name(path.name + "-wal")
    has_log = wal.exists() and wal.stat().st_size > 0
    return f"file:{quote(str(path))}?mode=ro" + ("" if has_log else "&immutable=1")


def connect_read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path), uri=True)


def structural_damage(path: Path, *, pragma: str = "quick_check") -> str | None:
    """What SQLite's quick_check (or integrity_check) finds wrong with the file, or None if it is sound."""
    try:
        connection = connect_read_only(path)
    except sqlite3.Error as error:
        return str(error)
    try:
        verdicts = [row[0] for row in connection.execute(f"PRAGMA {pragma}")]
    except sqlite3.DatabaseError as error:
        return str(error)
    finally:
        connection.close()
    return None if verdicts == ["ok"] else "; ".join(verdicts[:5])
