"""Bringing a database's schema to the version this program expects.

Alembic is imported only when a migration is really needed: an up-to-date database opens without it.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.exc import OperationalError, ProgrammingError
from sqlalchemy.orm import Session

from .. import paths
from .backup import timestamped_backup
from .catalogue import load_catalogue
from .errors import DatabaseOpenError, NewerDatabaseError
from .sqlite_files import connect_read_only

log = logging.getLogger(__name__)

# The newest revision in db/versions; a test keeps the two in step.
SCHEMA_HEAD = "0004_committee_policy"
# The triggers by which the database refuses to change the audit trail (migration 0003).
AUDIT_GUARD_TRIGGERS = ("audit_entries_no_update", "audit_entries_no_delete")
# Tables every R2P database has had since its first revision: without them a file is another program's.
R2P_TABLES = frozenset({"questions", "audit_entries"})
# Tables the migrations create that have no model (the full-text index and FTS5's own tables).
UNMODELLED_TABLE_PREFIX = "search_index"


def is_modelled(name, type_, _parent_names) -> bool:
    """For Alembic's comparison of models and database: leave the unmodelled tables out."""
    return not (type_ == "table" and name.startswith(UNMODELLED_TABLE_PREFIX))


def current_revision(connection) -> str | None:
    try:
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except (OperationalError, ProgrammingError):
        connection.rollback()
        return None


def alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(paths.migrations_dir()))
    return config


def inspect_file(path: Path) -> tuple[str | None, list[str]]:
    """A SQLite file's schema revision and table names, read without changing a byte of it.

    (Our connections switch a SQLite file to WAL, which rewrites its header: not for a file we refuse.)"""
    try:
        raw = connect_read_only(path)
    except sqlite3.Error as exc:
        raise DatabaseOpenError(f"{path} cannot be read ({exc}); it was left untouched") from None
    try:
        tables = [row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        revision = raw.execute("SELECT version_num FROM alembic_version").fetchone() \
            if "alembic_version" in tables else None
        return (revision[0] if revision else None), tables
    except sqlite3.DatabaseError as exc:
        raise DatabaseOpenError(f"{path} is not a readable database ({exc}); it was left untouched. "
                                "If it is your committee's database, restore a backup.") from None
    finally:
        raw.close()


def _inspect_untouched(database) -> tuple[str | None, list[str]]:
    if database.is_sqlite:
        return inspect_file(database.path) if database.path.exists() else (None, [])
    with database.engine.connect() as connection:
        return current_revision(connection), inspect(connection).get_table_names()


def refuse_foreign_or_newer(revision: str | None, tables: list[str], where: str) -> None:
    """Raise unless the tables and revision are those of an R2P database this version can open or upgrade:
    another program's database (even one that uses Alembic too) is not ours, whatever its revision."""
    if revision == SCHEMA_HEAD or not tables:
        return
    if not set(tables) >= R2P_TABLES:
        raise DatabaseOpenError(f"{where} is not an R2P Desktop database (another program's file?); "
                                "it was left untouched")
    if revision is None:
        raise DatabaseOpenError(f"{where} is not an R2P Desktop database (it has tables but no schema "
                                "version); it was left untouched")
    refuse_unknown_revision(revision, where)


def refuse_unknown_revision(revision: str | None, where: str, config=None):
    """Raise NewerDatabaseError if `revision` is not one of our migrations; return the scripts."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(config or alembic_config())
    if revision is not None:
        try:
            scripts.get_revision(revision)
        except Exception as exc:
            raise NewerDatabaseError(
                f"{where} was written by a newer version of R2P Desktop "
                f"(schema {revision}); install that version to open it. The file was not changed."
            ) from exc
    return scripts


def ensure_schema(database, backup_dir: Path | None) -> bool:
    """Migrate to SCHEMA_HEAD if needed; return True when a migration ran.

    A database from a newer version of the program, or one that is not ours, is refused untouched."""
    revision, table_names = _inspect_untouched(database)
    if revision == SCHEMA_HEAD:
        return False
    refuse_foreign_or_newer(revision, table_names, database.describe())
    config = alembic_config()
    scripts = refuse_unknown_revision(revision, database.describe(), config)

    if revision is not None and database.is_sqlite and backup_dir is not None:
        saved = timestamped_backup(database.path, backup_dir, f"before-{scripts.get_current_head()}")
        log.info("backed up %s to %s before migrating", database.describe(), saved)
    _upgrade(database, config)
    return True


def _upgrade(database, config) -> None:
    """Run every pending migration and reload the catalogue in one transaction, foreign keys off."""
    from alembic import command

    with database.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        if database.is_sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")  # outside a transaction, or SQLite ignores it
        try:
            with connection.begin():
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                if database.is_sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise DatabaseOpenError(
                            f"migration stopped: {len(broken)} rows would break foreign keys "
                            f"(first in table {broken[0][0]}); the database was left as it was"
                        )
                with Session(bind=connection) as session:
                    load_catalogue(session)
                    session.flush()
        finally:
            if database.is_sqlite:
                raw.execute("PRAGMA foreign_keys=ON")
