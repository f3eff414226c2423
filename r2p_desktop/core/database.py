"""Opening a database: engine from a URL or path, SQLite connection settings, sessions, migration."""

from __future__ import annotations

import getpass
import logging
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from . import audit, settings
from .errors import DatabaseBusyError, DatabaseOpenError, DatabaseStillCheckingError, ReadOnlyDatabaseError
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


def database_url(location: str) -> str:
    """A SQLAlchemy URL for `location`, which is either a URL or the path of a SQLite file."""
    if "://" in location:
        return location
    path = Path(location).expanduser().resolve()
    return f"sqlite:///{path}"


def current_user() -> str:
    """The name written into created_by, updated_by and the audit trail."""
    configured = os.environ.get(USER_ENV, "").strip()
    if configured:
        return configured
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def _configure_sqlite(engine: Engine, pragmas, *, read_only: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        for name, value, expected in pragmas:
            dbapi_connection.execute(f"PRAGMA {name}={value}")
            actual = dbapi_connection.execute(f"PRAGMA {name}").fetchone()[0]
            if actual != expected:
                raise DatabaseOpenError(f"SQLite refused PRAGMA {name}={value} (it reads back {actual!r})")

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # Writers take the lock at BEGIN so they queue on busy_timeout instead of failing mid-way.
        mode = "DEFERRED" if read_only else connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")

    @event.listens_for(engine, "handle_error")
    def _on_error(context):
        # The lock was held past busy_timeout: a message the clerk can act on, not a driver error.
        if _is_lock_timeout(context.original_exception):
            return DatabaseBusyError()
        return None


class Database:
    """An open committee database: hands out sessions that write audit entries as they flush.

    `read_only` is True when the file failed its check on opening (`damage` says how); such a
    database is never written: `session()` raises ReadOnlyDatabaseError and reads go through a
    connection that cannot change the file."""

    def __init__(self, location: str, *, user: str | None = None, read_only: bool = False,
                 damage: str | None = None, busy_timeout_ms: int = BUSY_TIMEOUT_MS,
                 default_confidentiality: str | None = None, checked: bool = True):
        self.url = database_url(location)
        self.user = user or current_user()
        self.read_only = read_only
        self.damage = damage
        self.backup_dir: Path | None = None
        self.backup_problem: str | None = None  # why the automatic backup on opening failed, if it did
        url = make_url(self.url)
        self.is_sqlite = url.get_backend_name() == "sqlite"
        if self.is_sqlite and url.database and not read_only:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        self._busy_timeout_ms = busy_timeout_ms
        self._confidentiality = default_confidentiality or settings.load().default_confidentiality
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
        options = {}
        if self.is_sqlite and read_only:
            uri = read_only_uri(self.path)
            options["creator"] = lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)
        # Parameters hold record text: keep them out of error messages and so out of the log.
        self.engine = create_engine(self.url, hide_parameters=True, **options)
        if self.is_sqlite:
            _configure_sqlite(self.engine, _sqlite_pragmas(self._busy_timeout_ms, read_only), read_only=read_only)
        self._writer = sessionmaker(self.engine, expire_on_commit=False,
                                    info={"user": self.user, "default_confidentiality": self._confidentiality})
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
            damage = structural_damage(self.path) if self.is_sqlite and not self._checked.is_set() else None
            if damage is not None:
                log.warning("%s failed quick_check; switched to read-only", self.path)
                self.damage = damage
                self.engine.dispose()
                self._connect(read_only=True)
        finally:  # writers wait for this, on the GUI thread too: never leave them waiting
            self._checked.set()
        return damage

    def reopen_after_restore(self) -> None:
        """After restore_backup replaced the file: sound again, writable, and at the current schema.

        A backup from before an upgrade is migrated as open_database would (backed up first into
        `backup_dir`); if that fails the file was left as restored and is open read-only."""
        from .migrations import ensure_schema

        self.engine.dispose()
        self.damage = None
        self._checkpoint_owed = False  # the file holds other contents now
        self._connect(read_only=False)
        try:
            ensure_schema(self, self.backup_dir)
        except Exception as error:
            self.damage = f"it could not be brought up to date: {error}"
            self.engine.dispose()
            self._connect(read_only=True)
            raise
        finally:
            self._checked.set()

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return Path(make_url(self.url).database) if self.is_sqlite else None

    @property
    def default_confidentiality(self) -> str:
        return self._confidentiality

    def set_default_confidentiality(self, level: str) -> None:
        """Save `level` as what new records are marked, here and for later runs (ValidationError if unknown)."""
        self._confidentiality = settings.save(default_confidentiality=level).default_confidentiality
        self._writer.kw["info"]["default_confidentiality"] = self._confidentiality

    def describe(self) -> str:
        """Where the data is, for a status bar: a file path or the server URL without its password."""
        return str(self.path) if self.path else make_url(self.url).render_as_string(hide_password=True)

    def session(self) -> Session:
        """A session for changes; its transaction takes the write lock when it begins."""
        if not self._checked.wait(CHECK_WAIT_S):
            raise DatabaseStillCheckingError()
        if self.read_only:
            raise ReadOnlyDatabaseError(
                f"{self.describe()} is open read-only because it failed its check ({self.damage}); "
                "restore a backup to make changes")
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
        """Close the connections; a checkpoint still owed for a delete is done first, waiting if need be."""
        if self._checkpoint_owed:
            try:
                if not self.checkpoint():
                    log.warning("%s: deleted text stays in the write-ahead log until the readers close",
                                self.describe())
            except Exception as error:  # closing must go on
                log.warning("checkpoint of %s on closing failed: %s", self.describe(), type(error).__name__)
        self.engine.dispose()


def _note_deletes(session: Session, _context) -> None:
    if session.deleted:
        session.info["deleted_records"] = True


def _refuse_unreadable(path: Path) -> None:
    """A file whose very header is broken cannot even be read: refuse it (it is left untouched)."""
    try:
        connection = connect_read_only(path)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            connection.close()
    except Exception as error:
        raise DatabaseOpenError(
            f"{path} cannot be read ({error}); it was left untouched. Restore a backup.") from None


def open_database(location: str, *, backup_dir: Path | None = None, user: str | None = None,
                  busy_timeout_ms: int = BUSY_TIMEOUT_MS, check_later: bool = False) -> Database:
    """Open (creating if needed) and migrate the database at `location`.

    An existing database is backed up into `backup_dir` before any migration, and once a day.
    A SQLite file that fails quick_check is opened read-only and never migrated or written.

    With `check_later`, a file already at the current schema opens at once: the caller runs
    `Database.check()` and then `backup.backup_if_due()` (e.g. once the window shows), and writers
    wait for the check. A file that needs migrating is always checked first."""
    from .migrations import SCHEMA_HEAD, ensure_schema

    url = make_url(database_url(location))
    file = Path(url.database) if url.get_backend_name() == "sqlite" and url.database else None
    if check_later and file is not None and file.exists() and schema_revision(file) == SCHEMA_HEAD:
        database = Database(location, user=user, busy_timeout_ms=busy_timeout_ms, checked=False)
        database.backup_dir = backup_dir
        return database
    if file is not None and file.exists():
        damage = structural_damage(file)
        if damage is not None:
            _refuse_unreadable(file)
            log.warning("%s failed quick_check; opened read-only", file)
            database = Database(location, user=user, read_only=True, damage=damage,
                                busy_timeout_ms=busy_timeout_ms)
            database.backup_dir = backup_dir
            return database

    database = Database(location, user=user, busy_timeout_ms=busy_timeout_ms)
    database.backup_dir = backup_dir
    try:
        ensure_schema(database, backup_dir)
    except Exception:
        database.dispose()
        raise
    _daily_backup(database)
    return database


def _daily_backup(database: Database) -> None:
    """The day's first backup of a SQLite file opened with a backup folder; a failure is kept in
    `backup_problem`, not raised: a failed backup must not keep the clerk out of the data."""
    from .backup import backup_if_due

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
