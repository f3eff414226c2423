"""Database errors turned into the one kind of error the window shows: an R2PError, in a clerk's words."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError

from ..core.errors import R2PError


class SaveRefusedError(R2PError):
    """The database refused the change or stayed busy; nothing was written."""


class ReadFailedError(R2PError):
    """The database could not be read; nothing was changed."""


class StillReferredToError(R2PError):
    """The record cannot be deleted while other records point at it; nothing was deleted."""


@contextmanager
def as_r2p_errors(*, reading: bool = False) -> Iterator[None]:
    """Let R2PErrors through; turn any other database error into a SaveRefusedError (ReadFailedError
    when `reading`)."""
    try:
        yield
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        if reading:
            raise ReadFailedError(f"The database could not be read ({reason}); try again") from error
        raise SaveRefusedError(f"The database could not save this ({reason}). Your entries are kept; "
                               "try again") from error


def is_database_error(error: BaseException) -> bool:
    """SQLAlchemy's and SQLite's errors carry the statement and its parameters (record text): a report
    names their type only, never their message."""
    return isinstance(error, SQLAlchemyError | sqlite3.Error)
