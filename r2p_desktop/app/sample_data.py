"""'Load sample data': the fictional parliament's records added to the open database in one transaction."""

from __future__ import annotations

from collections.abc import Callable

from ..core.database import Database
from .errors import as_r2p_errors


def load_sample_data(database: Database, progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Add the sample records (`r2p_desktop.sample_data`) and commit; how many of each kind were added.
    It takes seconds: run it off the GUI thread. When anything is refused nothing is kept, and the
    reason comes out as an R2PError."""
    from ..sample_data import generate_demo  # imported when first used, to keep launching quick

    with as_r2p_errors(), database.session() as session:
        counts = generate_demo(session, progress=progress)
        session.commit()
    return dict(counts)
