"""Errors a user can cause and act on. Their message is one clear line, fit to show as it is."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from .values import Values


class R2PError(Exception):
    """A problem the user can fix; shown as one line, never as a traceback."""


class ValidationError(R2PError):
    """One or more fields are wrong. `errors` maps each field name to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))

    @property
    def field(self) -> str:
        return next(iter(self.errors))


class NotFoundError(R2PError):
    pass


class DatabaseOpenError(R2PError):
    """The database cannot be opened or upgraded; it has been left as it was."""


class NewerDatabaseError(DatabaseOpenError):
    pass


class MissingDatabaseError(DatabaseOpenError):
    """There is no database at the path given; nothing was created (only an explicit "new database" does)."""

    def __init__(self, path: Path | str):
        self.path = path
        super().__init__(f"there is no database at {path}; nothing was created (check the path, or create "
                         "a new database with `r2p init`)")


class DamagedDatabaseError(R2PError):
    """SQLite found the file damaged while reading or writing it; nothing more was written to it."""

    def __init__(self, where: str = "the database"):
        self.where = where
        super().__init__(f"{where} is damaged (SQLite cannot read part of it); nothing was changed. "
                         "Restore a backup (File > Restore from backup, or `r2p restore`)")


class DiskFullError(R2PError):
    """The disk (or the folder's quota) is full; the change or file being written was not saved."""

    def __init__(self, message: str = "the disk is full: nothing was saved"):
        super().__init__(message)


def is_disk_full(error: BaseException) -> bool:
    """The disk or quota ran out, whether SQLite or the operating system said so."""
    import errno

    if isinstance(error, DiskFullError) or (isinstance(error, OSError) and error.errno in (errno.ENOSPC,
                                                                                              errno.EDQUOT)):
        return True
    # SQLITE_IOERR_SHMSIZE: no room to grow the -shm file that even reading a WAL database needs
    if getattr(getattr(error, "orig", None) or error, "sqlite_errorname", None) == "SQLITE_IOERR_SHMSIZE":
        return True
    return "database or disk is full" in str(error).lower()


def is_damage(error: BaseException) -> bool:
    """SQLite's words for a file it cannot read as a database."""
    if isinstance(error, DamagedDatabaseError):
        return True
    text = str(error).lower()
    return "malformed" in text or "file is not a database" in text


class ReadOnlyDatabaseError(R2PError):
    """A change was asked of a database opened read-only (it failed its check when it was opened)."""


class DatabaseBusyError(R2PError):
    """Another copy of R2P held the write lock for longer than we wait; nothing was saved, try again."""

    def __init__(self, message: str = "The database is busy (another copy of R2P is saving). "
                                      "Try again in a moment."):
        super().__init__(message)


class DatabaseStillCheckingError(DatabaseBusyError):
    """The file's check on opening was still running when a change waited for it; nothing was saved."""

    def __init__(self, message: str = "The database is still being checked (this takes a while for a large "
                                      "file); nothing was saved. Try again in a moment."):
        super().__init__(message)


class BackupError(R2PError):
    """A backup could not be written, verified or restored; the database itself was not changed."""


class ConflictError(R2PError):
    """Someone saved the record since the clerk opened it; nothing was written.

    `yours` holds the fields the clerk tried to save, `theirs` the same fields as now stored (plus the
    stored values of every other column in `stored`), so both versions can be shown side by side."""

    def __init__(self, *, label: str, record_id: int, expected_version: int, current_version: int,
                 yours: Values, theirs: Values, stored: Values, changed_by: str, changed_at: datetime | None):
        self.label, self.record_id = label, record_id
        self.expected_version, self.current_version = expected_version, current_version
        self.yours, self.theirs, self.stored = dict(yours), dict(theirs), dict(stored)
        self.changed_by, self.changed_at = changed_by, changed_at
        super().__init__(f"this {label} was changed by {changed_by} since you opened it")

    @property
    def differing_fields(self) -> list[str]:
        """The fields where the clerk's edit and the stored record disagree."""
        return [name for name, value in self.yours.items() if self.theirs.get(name) != value]
