"""Errors a user can cause and act on. Their message is one clear line, fit to show as it is."""

from __future__ import annotations


class R2PError(Exception):
    """A problem the user can fix; shown as one line, never as a traceback."""


class ValidationError(R2PError):
    """One or more fields are wrong. `errors` maps each field name to what is wrong with it."""

    def __init__(self, errors: dict[str, str]):
        self.errors = dict(errors)
        super().__init__("; ".join(f"{field}: {message}" for field, message in self.errors.items()))

    @property
    def field(self) -> str:
        return next(iter(self.errors))


class NotFoundError(R2PError):
    pass


class DatabaseOpenError(R2PError):
    """The database cannot be opened or upgraded; it has been left as it was."""


class NewerDatabaseError(DatabaseOpenError):
    pass
