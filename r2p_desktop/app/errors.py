"""Database errors turned into the one kind of error the window shows: an R2PError, in a clerk's words."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import SQLAlchemyError

from ..core.errors import R2PError


class SaveRefusedError(R2PError):
    """The database refused the change or stayed busy; nothing was written."""


class StillReferredToError(R2PError):
    """The record cannot be deleted while other records point at it; nothing was deleted."""


@contextmanager
def as_r2p_errors() -> Iterator[None]:
    """Let R2PErrors through; turn any other database error into a SaveRefusedError."""
    try:
        yield
    except SQLAlchemyError as error:
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        raise SaveRefusedError(f"The database could not save this ({reason}). Your entries are kept; "
                               "try again") from error
