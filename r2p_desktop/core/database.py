"""Opening a database: engine from a URL or path, SQLite connection settings, sessions, migration."""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from . import audit
from .errors import DatabaseOpenError

BUSY_TIMEOUT_MS = 10_000
USER_ENV = "R2P_USER"

# Each pragma with the value it must read back as; set outside any transaction in the connect hook.
_SQLITE_PRAGMAS = (
    ("foreign_keys", "ON", 1),
    ("journal_mode", "WAL", "wal"),
    ("synchronous", "FULL", 2),
    ("busy_timeout", str(BUSY_TIMEOUT_MS), BUSY_TIMEOUT_MS),
)


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


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        for name, value, expected in _SQLITE_PRAGMAS:
            dbapi_connection.execute(f"PRAGMA {name}={value}")
            actual = dbapi_connection.execute(f"PRAGMA {name}").fetchone()[0]
            if actual != expected:
                raise DatabaseOpenError(f"SQLite refused PRAGMA {name}={value} (it reads back {actual!r})")

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        # Writers take the lock at BEGIN so they queue on busy_timeout instead of failing mid-way.
        mode = connection.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        connection.exec_driver_sql(f"BEGIN {mode}")


class Database:
    """An open committee database: hands out sessions that write audit entries as they flush."""

    def __init__(self, location: str, *, user: str | None = None):
        self.url = database_url(location)
        self.user = user or current_user()
        url = make_url(self.url)
        self.is_sqlite = url.get_backend_name() == "sqlite"
        if self.is_sqlite and url.database:
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        self.engine = create_engine(self.url)
        if self.is_sqlite:
            _configure_sqlite(self.engine)
        self._writer = sessionmaker(self.engine, expire_on_commit=False, info={"user": self.user})
        self._reader = sessionmaker(
            self.engine.execution_options(sqlite_begin="DEFERRED"), expire_on_commit=False
        )
        audit.install(self._writer)

    @property
    def path(self) -> Path | None:
        """The SQLite file, or None for a server database."""
        return Path(make_url(self.url).database) if self.is_sqlite else None

    def describe(self) -> str:
        """Where the data is, for a status bar: a file path or the server URL without its password."""
        return str(self.path) if self.path else make_url(self.url).render_as_string(hide_password=True)

    def session(self) -> Session:
        """A session for changes; its transaction takes the write lock when it begins."""
        return self._writer()

    def read_session(self) -> Session:
        """A session for reading only."""
        return self._reader()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(location: str, *, backup_dir: Path | None = None, user: str | None = None) -> Database:
    """Open (creating if needed) and migrate the database at `location`.

    An existing database is backed up into `backup_dir` before any migration."""
    from .migrations import ensure_schema

    database = Database(location, user=user)
    try:
        ensure_schema(database, backup_dir)
    except Exception:
        database.dispose()
        raise
    return database
