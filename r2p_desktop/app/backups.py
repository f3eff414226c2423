"""Restoring a backup over the open database, as File > Restore from backup does it."""

from __future__ import annotations

from pathlib import Path

from ..core.backup import restore_backup
from ..core.database import Database
from ..core.errors import R2PError


def restore_and_reopen(database: Database, backup: Path, folder: Path) -> Path | None:
    """Restore `backup` over the database, after saving what it holds now into `folder` (where it was
    saved is returned; None when there was nothing to save), then bring the open database to the current
    schema (an older backup is migrated here, off the GUI thread) before anything can write to it.
    Refusals and failures are R2PErrors."""
    saved = restore_backup(database, backup, folder=folder)
    try:
        database.reopen_after_restore()
    except R2PError as error:
        raise R2PError(f"the backup was restored but could not be brought up to date, so the database is "
                       f"open read-only: {error}") from error
    return saved
