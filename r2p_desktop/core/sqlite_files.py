"""Looking at a SQLite file without changing it: read-only connections and structural checks."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import quote

from .errors import DatabaseBusyError, DiskFullError, is_disk_full


def read_only_uri(path: Path, *, others_may_write: bool = False) -> str:
    """A URI that opens `path` for reading only and never writes the database file.

    For a file nobody else writes (a backup, a damaged file) without a write-ahead log beside it, the
    file is opened immutable: no -wal or -shm is created. Otherwise SQLite must take its read lock and
    read the log, so that pages another process is writing are never seen half done."""
    path = Path(path).resolve()
    wal = _beside(path, "-wal")
    has_log = wal.exists() and wal.stat().st_size > 0
    immutable = not others_may_write and not has_log
    return f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def connect_read_only(path: Path, *, others_may_write: bool = False) -> sqlite3.Connection:
    return sqlite3.connect(read_only_uri(path, others_may_write=others_may_write), uri=True)


def structural_damage(path: Path, *, pragma: str = "quick_check", others_may_write: bool = True) -> str | None:
    """What SQLite's quick_check (or integrity_check) finds wrong with the file, or None if it is sound.

    The file may be in use: the check reads through SQLite's locks (unless `others_may_write` is False,
    for a file in a folder nobody here can write). If it finds damage, the empty -wal and -shm files
    that reading created are removed again, so a damaged file is left as found."""
    path = Path(path)
    created = [side for side in (_beside(path, "-wal"), _beside(path, "-shm")) if not side.exists()]
    try:
        connection = connect_read_only(path, others_may_write=others_may_write)
    except sqlite3.Error as error:
        return str(error)
    full = None
    try:
        verdicts = [row[0] for row in connection.execute(f"PRAGMA {pragma}")]
    except sqlite3.OperationalError as error:
        if "locked" in str(error) or "busy" in str(error):  # another program holds the file, which is not damage
            raise DatabaseBusyError("The database could not be checked: another program holds it locked. "
                                    "Try again in a moment.") from error
        full = error if is_disk_full(error) else None  # no room even to read it: not damage
        verdicts = [str(error)]
    except sqlite3.DatabaseError as error:
        verdicts = [str(error)]
    finally:
        connection.close()
    if verdicts == ["ok"]:
        return None
    wal = _beside(path, "-wal")
    if wal in created and wal.exists() and wal.stat().st_size == 0:
        for side in created:
            side.unlink(missing_ok=True)
    if full is not None:
        raise DiskFullError(f"the disk is full: {path} cannot even be read until there is room; "
                            "nothing was changed") from full
    return "; ".join(verdicts[:5])
