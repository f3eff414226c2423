"""Consistent copies of a live SQLite database through SQLite's online backup API (never a file copy),
their rotation, and restoring one.

Backups of `NAME.sqlite` are `NAME-REASON-YYYYmmdd-HHMMSS-ffffff.sqlite` (see backup_names.py) in a
folder (by default `backups` beside the database). Those taken automatically (`daily`, on the first open
of a day, and `close`) are thinned to 7 daily, 4 weekly and 12 monthly; those taken before a migration
or a restore, or by hand, are kept: the newest few of each rotation group. The files attached to
documents go with them, into the backups folder's own store (core/attachments.py), and come back with a
restore.
"""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

from . import anchors, attachments
from .backup_names import BackupInfo, backup_name, parse_backup_name, partial_backups
from .errors import BackupError, DiskFullError, R2PError, is_disk_full
from .safe_file import create_private_file, private_folder, remove_stale
from .schema_version import inspect_file, refuse_foreign_or_newer
from .sqlite_files import connect_read_only, structural_damage

if TYPE_CHECKING:  # database.py imports this module
    from .database import Database

log = logging.getLogger(__name__)

KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 7, 4, 12
KEEP_PER_GROUP = 5  # before a migration, before a restore, by hand, damaged copies


def backup_file(source: Path, target: Path) -> Path:
    """Copy the database `source` to `target` while others may be writing, then verify the copy.

    The copy is readable by its owner only; it is written as `target.partial` and renamed when verified,
    so a killed backup leaves a partial file that rotation and the next start remove."""
    private_folder(target.parent)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    create_private_file(partial)
    src = sqlite3.connect(f"file:{quote(str(Path(source).resolve()))}?mode=ro", uri=True)
    dst = sqlite3.connect(partial)
    try:
        src.execute("PRAGMA busy_timeout=10000")
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        verdict = dst.execute("PRAGMA integrity_check").fetchone()[0]
    except sqlite3.Error as error:
        dst.close()
        partial.unlink(missing_ok=True)
        if is_disk_full(error):
            raise DiskFullError(f"the disk is full: the backup of {Path(source).name} was not written") from None
        raise BackupError(f"the backup of {Path(source).name} could not be written: {error}") from None
    finally:
        dst.close()
        src.close()
    if verdict != "ok":
        partial.unlink(missing_ok=True)
        raise BackupError(f"the backup of {Path(source).name} failed its integrity check: {verdict}")
    partial.replace(target)
    anchors.record_beside(target)  # the trail's length and head, kept outside the database it anchors
    _carry_attachments(Path(source), target)
    return target


def _carry_attachments(source: Path, target: Path) -> None:
    """The files the backup's documents name go into the backups folder's store (each file once, however
    many backups name it); one that cannot be copied is logged, and `r2p check` names its document."""
    try:
        attachments.carry_into_backup(source, target)
    except (OSError, R2PError) as error:
        log.warning("the attachments of %s were not all copied beside its backup: %s", source.name, error)


def timestamped_backup(source: Path, folder: Path, reason: str) -> Path:
    return backup_file(source, folder / backup_name(source, reason, datetime.now()))


# --- which backups to keep -------------------------------------------------------------------------

def backups_to_keep(taken: Iterable[datetime], *, daily: int = KEEP_DAILY, weekly: int = KEEP_WEEKLY,
                    monthly: int = KEEP_MONTHLY) -> set[datetime]:
    """The backups to keep: the newest of each of the last `daily` days that have one, of the last
    `weekly` ISO weeks and of the last `monthly` months. The newest backup is always kept."""
    newest_first = sorted(set(taken), reverse=True)
    keep: set[datetime] = set()
    periods = ((daily, lambda t: t.date()), (weekly, lambda t: t.isocalendar()[:2]),
               (monthly, lambda t: (t.year, t.month)))
    for count, period in periods:
        seen: list[object] = []
        for moment in newest_first:
            key = period(moment)
            if key not in seen:
                if len(seen) == count:
                    break
                seen.append(key)
                keep.add(moment)
    return keep


# --- listing -----------------------------------------------------------------------------------------

def record_counts(path: Path) -> dict[str, int]:
    """How many records of each kind a database file holds, read without changing it."""
    from sqlalchemy import create_engine
    from sqlalchemy.orm import Session

    from .services.listings import record_counts as count_records

    engine = create_engine("sqlite://", creator=lambda: connect_read_only(path))
    try:
        with Session(engine) as session:
            return count_records(session)
    except Exception as error:  # a backup we cannot read is listed without counts
        log.warning("could not count the records in %s: %s", path.name, type(error).__name__)
        return {}
    finally:
        engine.dispose()


def _backups(folder: Path, database: Path | None) -> list[BackupInfo]:
    stem = Path(database).stem if database is not None else None
    found = [info for path in Path(folder).glob("*.sqlite") if (info := parse_backup_name(path, stem))]
    return sorted(found, key=lambda info: info.taken_at, reverse=True)


def list_backups(folder: Path, *, database: Path | None = None, counts: bool = True) -> list[BackupInfo]:
    """The backups in `folder` (of `database` only, if given), newest first, with their record counts."""
    if not Path(folder).is_dir():
        return []
    backups = _backups(folder, database)
    if counts:
        backups = [BackupInfo(b.path, b.taken_at, b.reason, record_counts(b.path)) for b in backups]
    return backups


def rotate(folder: Path, database: Path) -> list[Path]:
    """Delete the backups of `database` that the rotation no longer keeps; return what was deleted."""
    backups = _backups(folder, database)
    automatic = [b for b in backups if b.automatic]
    keep = {b.path for b in automatic if b.taken_at in backups_to_keep(b.taken_at for b in automatic)}
    for group in {b.rotation_group for b in backups if not b.automatic}:
        keep.update(b.path for b in [b for b in backups if b.rotation_group == group][:KEEP_PER_GROUP])
    removed = [b.path for b in backups if b.path not in keep]
    remove_stale(folder, *partial_backups(database))
    for path in removed:
        path.unlink(missing_ok=True)
        anchors.remove_beside(path)
        log.info("rotated out backup %s", path.name)
    return removed


# --- automatic backups -----------------------------------------------------------------------------

def backup_folder(database: Database | Path, folder: Path | None = None) -> Path:
    """Where `database`'s backups go: `folder`, else the one it was opened with, else beside it."""
    from .. import paths

    opened_with: Path | None = getattr(database, "backup_dir", None)
    chosen = folder or opened_with or paths.backup_dir_for(_file_of(database))
    assert chosen is not None  # the folder beside a file, which _file_of made sure there is
    return Path(chosen)


def _file_of(database_or_path: Database | Path) -> Path:
    path = database_or_path if isinstance(database_or_path, str | os.PathLike) else database_or_path.path
    if path is None:
        raise R2PError("backups are made of SQLite files; back up a server database with its own tools")
    return Path(path)


def take_backup(database: Database | Path, reason: str, *, folder: Path | None = None) -> Path:
    """A verified backup of `database` (a Database or a file) into its backup folder, then rotation."""
    source = _file_of(database)
    target_folder = backup_folder(database, folder)
    saved = timestamped_backup(source, target_folder, reason)
    rotate(target_folder, source)
    return saved


def backup_if_due(database: Database | Path, *, folder: Path | None = None,
                  now: datetime | None = None) -> Path | None:
    """The day's first backup, if no automatic backup of `database` was taken today."""
    if getattr(database, "read_only", False):
        return None
    today = (now or datetime.now()).date()
    target_folder = backup_folder(database, folder)
    if Path(target_folder).is_dir() and any(
            b.automatic and b.taken_at.date() == today for b in _backups(target_folder, _file_of(database))):
        return None
    return take_backup(database, "daily", folder=target_folder)


def _last_audit_entry(path: Path) -> int | None:
    """Every change to a record writes an audit entry: the newest one's id marks the contents."""
    connection = connect_read_only(path, others_may_write=True)
    try:
        newest: int | None = connection.execute("SELECT max(id) FROM audit_entries").fetchone()[0]
        return newest
    except sqlite3.Error:
        return None
    finally:
        connection.close()


def backup_on_close(database: Database | Path, *, folder: Path | None = None) -> Path | None:
    """A backup as the program closes, unless no record changed since the newest automatic backup."""
    if getattr(database, "read_only", False) or not getattr(database, "is_sqlite", True):
        return None
    source = _file_of(database)
    target_folder = backup_folder(database, folder)
    automatic = [b for b in _backups(target_folder, source) if b.automatic] if target_folder.is_dir() else []
    if automatic and _last_audit_entry(automatic[0].path) == _last_audit_entry(source):
        return None
    return take_backup(database, "close", folder=target_folder)


# --- restoring -------------------------------------------------------------------------------------

def backup_problem(path: Path) -> str | None:
    """Why `path` cannot be restored (damaged, not an R2P database, from a newer version), or None."""
    path = Path(path)
    if not path.is_file():
        return f"{path} does not exist"
    damage = structural_damage(path, pragma="integrity_check")
    if damage is not None:
        return f"{path.name} is damaged: {damage}"
    try:
        revision, tables = inspect_file(path)
        refuse_foreign_or_newer(revision, tables, path.name)
    except R2PError as error:
        return str(error)
    return None if revision is not None else f"{path.name} is not an R2P Desktop database"


def newest_good_backup(database: Database | Path, *, folder: Path | None = None) -> BackupInfo | None:
    """The newest backup of `database` (a Database or a file) that passes every restore check."""
    target_folder = backup_folder(database, folder)
    for info in list_backups(target_folder, database=_file_of(database), counts=False):
        if backup_problem(info.path) is None:
            return BackupInfo(info.path, info.taken_at, info.reason, record_counts(info.path))
    return None


def _keep_damaged(target: Path, folder: Path) -> Path:
    """Keep a damaged database as it is before it is replaced: nothing writes a damaged file (every copy
    of R2P opens it read-only), so its bytes are the evidence and need no lock."""
    saved = private_folder(folder) / backup_name(target, "damaged", datetime.now())
    for suffix in ("", "-wal"):
        source = target.with_name(target.name + suffix)
        if source.exists():
            shutil.copyfile(source, create_private_file(saved.with_name(saved.name + suffix)))
    return saved


COPY_STEP_PAGES = 64  # far fewer pages than any R2P database has, so the copy never ends in its first step


def _copy_in(backup: Path, target: Path, keep_current: Callable[[], None] | None) -> None:
    """Write the backup's pages into the database through SQLite, which keeps its WAL consistent.

    One critical section: SQLite's copy takes the database's write lock with its first pages and holds
    it to the last. Only then does `keep_current` copy what the database holds (readers still see it,
    writers wait), so a save another program committed while the restore waited is in that copy, and a
    save attempted now waits and lands on the restored contents: none falls between the two."""
    steps = 0

    def once_locked(_status: int, remaining: int, _total: int) -> None:
        nonlocal steps
        steps += 1
        if keep_current is None or steps > 1:
            return
        if remaining == 0:  # the copy is already committed: too late to keep what was there
            raise BackupError(f"{backup.name} is too small to be an R2P database; nothing was restored")
        keep_current()

    source = connect_read_only(backup)
    destination = sqlite3.connect(target, timeout=10)
    try:
        destination.isolation_level = None
        source.backup(destination, pages=COPY_STEP_PAGES, progress=once_locked)
        mode = destination.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if mode != "wal":
            raise BackupError(f"the restored database could not be switched to WAL (it is {mode})")
        destination.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        destination.close()
        source.close()


def _replace_unreadable(backup: Path, target: Path) -> None:
    """For a file SQLite cannot write into (its header is broken): a fresh copy made by the backup
    API beside it, moved into place, with the old log removed so it is not replayed onto the copy."""
    fresh = target.with_name(target.name + ".restoring")
    fresh.unlink(missing_ok=True)
    create_private_file(fresh)
    source, destination = connect_read_only(backup), sqlite3.connect(fresh)
    try:
        source.backup(destination)
        destination.execute("PRAGMA journal_mode=WAL")
    finally:
        destination.close()
        source.close()
    for suffix in ("-wal", "-shm"):
        target.with_name(target.name + suffix).unlink(missing_ok=True)
    fresh.replace(target)


def restore_backup(database: Database | Path, backup: Path, *, folder: Path | None = None) -> Path | None:
    """Replace the database's contents with `backup`, after checking the backup and saving the
    current contents into the backup folder; return where the current contents were saved.

    `database` is a Database (it is disposed: open the file again afterwards) or a file path.
    An older backup is brought up to date the next time the database is opened."""
    problem = backup_problem(backup)
    if problem:
        raise BackupError(f"not restored: {problem}")
    target = _file_of(database)
    target_folder = backup_folder(database, folder)
    if hasattr(database, "dispose"):
        database.dispose()
    saved, kept, keep_current = None, [], None
    if not target.exists():
        private_folder(target.parent)
        create_private_file(target)
    elif structural_damage(target) is not None:
        saved = _keep_damaged(target, target_folder)
    else:
        def keep_current() -> None:
            kept.append(timestamped_backup(target, target_folder, "before-restore"))
    try:
        _copy_in(Path(backup), target, keep_current)
    except sqlite3.DatabaseError as error:
        if keep_current is not None and not kept:  # a sound file we could not copy into: it is as it was
            raise BackupError(f"not restored: {target.name} could not be written ({error})") from None
        log.warning("restoring into %s through SQLite failed (%s); replacing the file", target.name, error)
        _replace_unreadable(Path(backup), target)
    saved = kept[0] if kept else saved
    damage = structural_damage(target, pragma="integrity_check")
    if damage:
        raise BackupError(f"the restored database failed its check ({damage}); "
                          f"what it held before is saved in {saved}")
    anchors.retire_after_restore(target_folder, target)  # the history they anchor was replaced
    try:  # the files the restored documents name, from the backups' store into the live one
        attachments.restore_from_backup(Path(backup), target)
    except (OSError, R2PError) as error:
        log.warning("the attachments of %s were not all put back: %s", Path(backup).name, error)
    log.info("restored %s from %s (previous contents saved in %s)", target, backup, saved)
    return saved
