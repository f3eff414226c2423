"""Bringing a database's schema to the version this program expects.

Alembic is imported only when a migration is really needed: an up-to-date database opens without it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import inspect
from sqlalchemy.orm import Session

from .backup import timestamped_backup
from .catalogue import load_catalogue
from .errors import DatabaseOpenError
from .schema_version import (
    SCHEMA_HEAD,
    alembic_config,
    current_revision,
    inspect_file,
    refuse_foreign_or_newer,
    refuse_unknown_revision,
)

if TYPE_CHECKING:  # database.py imports this module
    from alembic.config import Config

    from .database import Database

log = logging.getLogger(__name__)

# The triggers by which the database refuses to change the audit trail (migration 0003).
AUDIT_GUARD_TRIGGERS = ("audit_entries_no_update", "audit_entries_no_delete")
# Tables the migrations create that have no model (the full-text index and FTS5's own tables).
UNMODELLED_TABLE_PREFIX = "search_index"


def is_modelled(name: str | None, type_: str, _parent_names: object) -> bool:
    """For Alembic's comparison of models and database: leave the unmodelled tables out."""
    return not (type_ == "table" and (name or "").startswith(UNMODELLED_TABLE_PREFIX))


def _inspect_untouched(database: Database) -> tuple[str | None, list[str]]:
    if database.path is not None:  # a SQLite file
        return inspect_file(database.path) if database.path.exists() else (None, [])
    with database.engine.connect() as connection:
        return current_revision(connection), inspect(connection).get_table_names()


def ensure_schema(database: Database, backup_dir: Path | None) -> bool:
    """Migrate to SCHEMA_HEAD if needed; return True when a migration ran.

    A database from a newer version of the program, or one that is not ours, is refused untouched."""
    revision, table_names = _inspect_untouched(database)
    if revision == SCHEMA_HEAD:
        return False
    refuse_foreign_or_newer(revision, table_names, database.describe())
    config = alembic_config()
    scripts = refuse_unknown_revision(revision, database.describe(), config)

    if revision is not None and database.path is not None and backup_dir is not None:
        saved = timestamped_backup(database.path, backup_dir, f"before-{scripts.get_current_head()}")
        log.info("backed up %s to %s before migrating", database.describe(), saved)
    _upgrade(database, config)
    return True


def _upgrade(database: Database, config: Config) -> None:
    """Run every pending migration and reload the catalogue in one transaction, foreign keys off."""
    from alembic import command

    with database.engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        assert raw is not None  # a connection just checked out of the pool is open
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
