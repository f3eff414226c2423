"""Opening a database: engine from a URL or path, SQLite connection settings, sessions, migration."""

from __future__ import annotations

import getpass
import logging
import os
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from sqlalchemy import Connection, Engine, ExceptionContext, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, UOWTransaction, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from . import audit, policy
from .backup import backup_if_due
from .backup_names import partial_backups
from .errors import (
    DamagedDatabaseError,
    DatabaseBusyError,
    DatabaseOpenError,
    DatabaseStillCheckingError,
    DiskFullError,
    MissingDatabaseError,
    R2PError,
    ReadOnlyDatabaseError,
    is_damage,
    is_disk_full,
)
from .migrations import ensure_schema
from .safe_file import create_private_file, private_folder, remove_stale
from .schema_version import SCHEMA_HEAD, inspect_file, refuse_foreign_or_newer
from .sqlite_files import connect_read_only, read_only_uri, structural_damage

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000
CHECK_WAIT_S = 120  # how long a writer waits for the check on opening (a large file takes seconds)
USER_ENV = "R2P_USER"


def _sqlite_pragmas(busy_timeout_ms: int, read_only: bool) -> tuple[tuple[str, str, object], ...]:
    """Each pragma with the value it must read back as; set outside any transaction in the connect hook."""
    if read_only:  # nothing that would write the file, and refuse writes even if asked
        return (("busy_timeout", str(busy_timeout_ms), busy_timeout_ms), ("query_only", "ON", 1))
    return (
        ("foreign_keys", "ON", 1),
        ("journal_mode", "WAL", "wal"),
        ("synchronous", "FULL", 2),
        ("busy_timeout", str(busy_timeout_ms), busy_timeout_ms),
        ("secure_delete", "ON", 1),  # deleted text is overwritten, not left readable in free pages
    )


def _is_lock_timeout(error: BaseException | None) -> bool:
    text = str(error).lower()
    return "database is locked" in text or "database is busy" in text


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(location: str) -> bool:
    """Only an argument with a scheme (sqlite:///…, postgresql+psycopg://…) is a URL; anything else is a path."""
    return bool(_SCHEME.match(location))


def database_url(location: str) -> URL:
    """The SQLAlchemy URL for `location`: a URL as given, or a path taken literally (a `%20`, `?` or `#`
    in a file name is part of the name, never decoded)."""
    if is_url(location):
        return make_url(location)
    return URL.create("sqlite", database=str(Path(location).expanduser().resolve()))


def sqlite_path(location: str) -> Path | None:
    """The SQLite file `location` names (a path or a sqlite:/// URL), or None for a server database."""
    url = database_url(location)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return None
    return Path(url.database).expanduser().resolve()


def current_user() -> str:
    """The name written into created_by, updated_by and the audit trail."""
    configured = os.environ.get(USER_ENV, "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _configure_sqlite(engine: Engine, pragmas: tuple[tuple[str, str, object], ...], *, read_only: bool,
                      where: str) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: ConnectionPoolEntry) -> None:
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        for name, value, expected in pragmas:
            dbapi_connection.execute(f"PRAGMA {name}={value}")
            actual = dbapi_connection.execute(f"PRAGMA {name}").fetchone()[0]
            if actual != expected:
                raise DatabaseOpenError(f"SQLite refused PRAGMA {name}={value} (it reads back {actual!r})")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        # Writers take the lock at BEGIN so they queue on busy_timeout instead of failing mid-way.
        mode = "DEFERRED" if read_only else connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")

    @event.listens_for(engine, "handle_error")
    def _on_error(context: ExceptionContext) -> R2PError | None:
        # A message the clerk can act on, not a driver error: the lock was held past busy_timeout, the
        # disk is full (SQLite rolled the change back), or part of the file cannot be read.
        error = context.original_exception
        if isinstance(error, R2PError):  # ours already (a word not in a vocabulary): its words are not SQLite's
            return None
        if _is_lock_timeout(error):
            return DatabaseBusyError()
        if is_disk_full(error):
            return DiskFullError()
        if is_damage(error):
            return DamagedDatabaseError(f"the database {where}")
        return None


class Database:
    """An open committee database: hands out sessions that write audit entries as they flush.

    `read_only` is True when the file failed its check on opening (`damage` says how) or cannot be
    written by this user (`read_only_reason` says why, for both); such a database is never written:
    `session()` raises ReadOnlyDatabaseError and reads go through a connection that cannot change the file."""

    def __init__(self, location: str, *, user: str | None = None, read_only: bool = False,
                 damage: str | None = None, read_only_reason: str | None = None,
                 busy_timeout_ms: int = BUSY_TIMEOUT_MS, checked: bool = True):
        self.url = database_url(location)
        self.user = user or current_user()
        self.read_only = read_only
        self.damage = damage
        self.read_only_reason = read_only_reason or (f"it failed its check ({damage})" if damage else None)
        self.backup_dir: Path | None = None
        self.backup_problem: str | None = None  # why the automatic backup on opening failed, if it did
        self.is_sqlite = self.url.get_backend_name() == "sqlite"
        self._busy_timeout_ms = busy_timeout_ms
        # Set once the file has passed its check on opening; writers wait for it (see open_database).
        self._checked = threading.Event()
        if checked:
            self._checked.set()
        # A delete's checkpoint that a reader kept from finishing; done at a later commit or on closing.
        self._checkpoint_owed = False
        self._connect(read_only)

    def _connect(self, read_only: bool) -> None:
        """The engine and session factories, for writing or for reading only."""
        self.read_only = read_only
        file = self.path
        # Parameters hold record text: keep them out of error messages and so out of the log.
        if file is not None and read_only:
            uri = read_only_uri(file)
            self.engine = create_engine(self.url, hide_parameters=True, creator=lambda: sqlite3.connect(
                uri, uri=True, check_same_thread=False))
        else:
            self.engine = create_engine(self.url, hide_parameters=True)
        if self.is_sqlite:
            _configure_sqlite(self.engine, _sqlite_pragmas(self._busy_timeout_ms, read_only), read_only=read_only,
                              where=self.describe())
        self._writer = sessionmaker(self.engine, expire_on_commit=False, info={"user": self.user})
        self._reader = sessionmaker(
            self.engine.execution_options(sqlite_begin="DEFERRED"), expire_on_commit=False
        )
        audit.install(self._writer)
        if self.is_sqlite and not read_only:
            event.listen(self._writer, "after_flush", _note_deletes)
            event.listen(self._writer, "after_commit", self._checkpoint_after_deletes)

    def check(self) -> str | None:
        """Run the quick_check that open_database(check_later=True) left for later; None when sound.

        A damaged file is from then on read only, and writers that were waiting are refused. If the
        check itself fails, the error is raised and writers go on as for an unchecked file."""
        try:
            file = self.path
            damage = structural_damage(file) if file is not None and not self._checked.is_set() else None
            if damage is not None:
                log.warning("%s failed quick_check; switched to read-only", self.path)
                self.damage = damage
                self.read_only_reason = f"it failed its check ({damage})"
                self.engine.dispose()
                self._connect(read_only=True)
        finally:  # writers wait for this, on the GUI thread too: never leave them waiting
            self._checked.set()
        return damage

    def reopen_after_restore(self) -> None:
        """After restore_backup replaced the file: sound again, writable, and at the current schema.

        A backup from before an upgrade is migrated as open_database would (backed up first into
        `backup_dir`); if that fails the file was left as restored and is open read-only."""
        self.engine.dispose()
        self.damage = self.read_only_reason = None
        self._checkpoint_owed = False  # the file holds other contents now
        self._connect(read_only=False)
        try:
            ensure_schema(self, self.backup_dir)
        except Exception as error:
            self.damage = f"it could not be brought up to date: {error}"
            self.read_only_reason = self.damage
            self.engine.dispose()
            self._connect(read_only=True)
            raise
        finally:
            self._checked.set()

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return Path(self.url.database) if self.is_sqlite and self.url.database else None

    @property
    def default_confidentiality(self) -> str:
        """What a new record is marked when the clerk does not choose: the committee's policy, kept in
        the database so everyone who opens it shares it."""
        with self.read_session() as session:
            return policy.default_confidentiality(session)

    def set_default_confidentiality(self, level: str) -> None:
        """Make `level` the committee's default for new records (ValidationError if unknown); audited."""
        with self.session() as session:
            policy.set_default_confidentiality(session, level)
            session.commit()

    def describe(self) -> str:
        """Where the data is, for a status bar: a file path or the server URL without its password."""
        return str(self.path) if self.path else self.url.render_as_string(hide_password=True)

    def session(self) -> Session:
        """A session for changes; its transaction takes the write lock when it begins."""
        if not self._checked.wait(CHECK_WAIT_S):
            raise DatabaseStillCheckingError()
        if self.read_only:
            remedy = "restore a backup to make changes" if self.damage else "nothing can be saved to it"
            raise ReadOnlyDatabaseError(
                f"{self.describe()} is open read-only because {self.read_only_reason}; {remedy}")
        return self._writer()

    def read_session(self) -> Session:
        """A session for reading only."""
        return self._reader()

    def checkpoint(self, *, wait: bool = True) -> bool:
        """Move the write-ahead log into the database file and empty the log (SQLite only).

        Readers keep the log from being emptied: this waits for them up to the busy timeout, or not
        at all without `wait`. True when the log was emptied (or there is none)."""
        if not self.is_sqlite or self.read_only:
            return True
        raw = self.engine.raw_connection()
        try:
            connection = raw.driver_connection
            assert connection is not None  # checked out just now, so open
            if not wait:
                connection.execute("PRAGMA busy_timeout=0")
            try:
                blocked = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            except sqlite3.OperationalError as error:
                if not _is_lock_timeout(error):
                    raise
                blocked = 1
            finally:
                if not wait:
                    connection.execute(f"PRAGMA busy_timeout={self._busy_timeout_ms}")
        finally:
            raw.close()
        self._checkpoint_owed = bool(blocked)
        return not blocked

    def _checkpoint_after_deletes(self, session: Session) -> None:
        # secure_delete zeroes the freed space in the new pages; the checkpoint puts those pages in the
        # file and truncates the log that still holds the old ones. It runs on the saving thread (often
        # the GUI's), so it never waits for a reader: what a reader blocks is done at a later commit.
        owed = session.info.pop("deleted_records", False) or self._checkpoint_owed
        if owed and not self.checkpoint(wait=False):
            log.info("checkpoint after a delete put off: a reader has the log open")

    def dispose(self) -> None:
        """Close the connections, first moving the write-ahead log into the file and emptying it (waiting
        for readers up to the busy timeout), so that once no program has it open the .sqlite file alone
        holds everything: a clerk who copies just that file copies every record."""
        try:
            if not self.checkpoint():
                log.warning("%s: the write-ahead log could not be emptied on closing (another program is "
                            "reading); it is emptied when the last program closes the file", self.describe())
        except Exception as error:  # closing must go on
            log.warning("checkpoint of %s on closing failed: %s", self.describe(), type(error).__name__)
        self.engine.dispose()


def _note_deletes(session: Session, _context: UOWTransaction) -> None:
    if session.deleted:
        session.info["deleted_records"] = True
        # The full-text index keeps a deleted record's words until its segments are merged: merge them
        # in this same transaction, so the words are never committed (see purge_deleted_terms).
        from .services.search import purge_deleted_terms

        purge_deleted_terms(session.connection())


def _unwritable(file: Path) -> str | None:
    """Why this user cannot write the file (SQLite must also create its -wal and -shm beside it), or None."""
    if not os.access(file.parent, os.W_OK | os.X_OK):
        return f"you cannot write to its folder {file.parent}"
    if not os.access(file, os.W_OK):
        return f"you cannot write to the file {file}"
    return None


_NEW = "new"  # what _refuse_unusable returns for a file that is to become a new database


def _refuse_unusable(file: Path, *, create: bool) -> str | None:
    """Refuse, leaving it untouched, what is not an R2P database this version can open; return its schema
    revision, or _NEW when a database is to be made at `file` (only with `create`: `r2p init` or the
    GUI's "new database")."""
    if not file.exists():
        if not create:
            raise MissingDatabaseError(file)
        private_folder(file.parent)
        create_private_file(file)
        return _NEW
    if file.is_dir():
        raise DatabaseOpenError(f"{file} is a folder, not a database file")
    if file.stat().st_size == 0:
        if create:
            return _NEW
        raise DatabaseOpenError(f"{file} is an empty file (0 bytes), not a database; it was left untouched "
                                "(`r2p init` makes it a new database)")
    revision, tables = inspect_file(file)
    refuse_foreign_or_newer(revision, tables, str(file))
    return revision


class _Options(TypedDict):
    """What open_database passes on to every Database it makes."""

    user: str | None
    busy_timeout_ms: int


def open_database(location: str, *, create: bool = False, backup_dir: Path | None = None,
                  user: str | None = None, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                  check_later: bool = False) -> Database:
    """Open and migrate the database at `location`; only with `create` is a missing file made a new one.

    Whatever is refused (a missing or empty file, another program's database, one written by a newer
    version, a file whose header cannot be read) is refused before anything touches it, so no -wal or
    -shm appears beside it. An existing database is backed up into `backup_dir` before any migration,
    and once a day. A SQLite file that fails quick_check, or that this user cannot write, is opened
    read-only and never migrated or written.

    With `check_later`, a file already at the current schema opens at once: the caller runs
    `Database.check()` and then `backup.backup_if_due()` (e.g. once the window shows), and writers
    wait for the check. A file that needs migrating is always checked first."""
    options = _Options(user=user, busy_timeout_ms=busy_timeout_ms)
    file = sqlite_path(location)
    if file is not None:
        remove_stale(file.parent, f"{file.name}.restoring")
        remove_stale(backup_dir, *partial_backups(file))
        revision = _refuse_unusable(file, create=create)
        if revision != _NEW:
            unwritable = _unwritable(file)
            if unwritable is not None:
                return _opened_read_only(location, file, revision, backup_dir, options, unwritable)
            if check_later and revision == SCHEMA_HEAD:
                database = Database(location, checked=False, **options)
                database.backup_dir = backup_dir
                return database
            damage = structural_damage(file)
            if damage is not None:
                log.warning("%s failed quick_check; opened read-only", file)
                database = Database(location, read_only=True, damage=damage, **options)
                database.backup_dir = backup_dir
                return database

    database = Database(location, **options)
    database.backup_dir = backup_dir
    try:
        ensure_schema(database, backup_dir)
    except Exception:
        database.dispose()
        raise
    _daily_backup(database)
    return database


def _opened_read_only(location: str, file: Path, revision: str | None, backup_dir: Path | None, options: _Options,
                      reason: str) -> Database:
    """A database this user cannot write: read as it is (checked without writing), never migrated."""
    if revision != SCHEMA_HEAD:
        raise DatabaseOpenError(f"{file} must be brought up to date for this version of R2P Desktop, but "
                                f"{reason}; it was left untouched")
    damage = structural_damage(file, others_may_write=False)
    log.warning("%s opened read-only: %s", file, reason)
    database = Database(location, read_only=True, damage=damage, read_only_reason=reason, **options)
    database.backup_dir = backup_dir
    return database


def _daily_backup(database: Database) -> None:
    """The day's first backup of a SQLite file opened with a backup folder; a failure is kept in
    `backup_problem`, not raised: a failed backup must not keep the clerk out of the data."""
    if database.backup_dir is None or not database.is_sqlite:
        return
    try:
        backup_if_due(database)
    except Exception as error:
        log.error("daily backup of %s failed: %s", database.describe(), error)
        database.backup_problem = str(error)


def schema_revision(path: Path) -> str | None:
    """The migration a SQLite file is at, read without changing it; None when it cannot be read."""
    try:
        connection = connect_read_only(path, others_may_write=True)
    except sqlite3.Error:
        return None
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return row[0] if row else None


@dataclass(frozen=True)
class OpeningChecks:
    """What the checks left for after opening found (see open_database's `check_later`)."""
    damage: str | None  # the file failed quick_check and is now read-only
    backup_problem: str | None  # the day's first backup could not be taken
    on_network_drive: bool  # the file is on a network share, where SQLite's locking cannot be trusted


def run_opening_checks(database: Database) -> OpeningChecks:
    """quick_check, then the day's first backup, then where the file lives; slow on a large file."""
    from .storage_location import is_network_location

    damage = database.check()
    if damage is None and database.backup_problem is None:
        _daily_backup(database)
    network = database.path is not None and is_network_location(database.path)
    return OpeningChecks(damage or database.damage, database.backup_problem, network)
