"""The committee's policy as the window and the command line change it: how many months after it was
given an undertaking is due unless the clerk sets a date (`core.policy`, audited). The default
confidentiality is read and set through `Database` itself, which every use case already holds."""

from __future__ import annotations

from ..core import policy
from ..core.database import Database
from .errors import as_r2p_errors
from .records import read


def undertaking_due_months(database: Database) -> int:
    """How many months after it was given an undertaking is due by default (3 until set)."""
    return read(database, policy.undertaking_due_months)


def set_undertaking_due_months(database: Database, months: int) -> None:
    """Make undertakings due `months` after they were given by default; ValidationError keyed
    "undertaking_due_months" outside 1 to 36. Written to the audit trail."""
    with as_r2p_errors(), database.session() as session:
        policy.set_undertaking_due_months(session, months)
        session.commit()
