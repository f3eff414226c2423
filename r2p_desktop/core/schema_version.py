"""Which schema a database is at, and whether this version of the program can open it.

Read by opening, migrating and restoring alike; Alembic is imported only to look up a revision that is
not the current one, so an up-to-date database opens without it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError, ProgrammingError

from .. import paths
from .errors import DatabaseOpenError, NewerDatabaseError
from .sqlite_files import connect_read_only

if TYPE_CHECKING:  # Alembic is imported only when a file needs it (start-up time)
    from alembic.config import Config
    from alembic.script import ScriptDirectory

# The newest revision in db/versions; a test keeps the two in step.
SCHEMA_HEAD = "0010_people_popolo"
# Tables every R2P database has had since its first revision: without them a file is another program's.
R2P_TABLES = frozenset({"questions", "audit_entries"})


def current_revision(connection: Connection) -> str | None:
    try:
        revision: str | None = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return revision
    except (OperationalError, ProgrammingError):
        connection.rollback()
        return None


def alembic_config() -> Config:
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


def refuse_unknown_revision(revision: str | None, where: str, config: Config | None = None) -> ScriptDirectory:
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
