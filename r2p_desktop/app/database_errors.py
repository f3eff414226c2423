"""Which unexpected errors came from the database, for reports that must not print record text."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import SQLAlchemyError


def is_database_error(error: BaseException) -> bool:
    """SQLAlchemy's and SQLite's errors carry the statement and its parameters (record text): a report
    names their type only, never their message."""
    return isinstance(error, SQLAlchemyError | sqlite3.Error)
