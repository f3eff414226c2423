"""Exporting the calendar from the window (File > Export calendar…): deadlines and sittings as an
iCalendar file, in a read session of its own. `r2p export ical` does the same on the command line."""

from __future__ import annotations

from pathlib import Path

from ..core.database import Database
from ..exchange.calendar_ics import CalendarExport, summary_line
from ..exchange.calendar_ics import export_calendar as _export_calendar
from .errors import as_r2p_errors

__all__ = ["CalendarExport", "export_calendar", "summary_line"]


def export_calendar(database: Database, out: Path, *, audience: str = "committee") -> CalendarExport:
    """Write what `audience` may read to `out` (an .ics file); raises R2PError in one line, leaving any
    old file as it was."""
    with as_r2p_errors(reading=True), database.read_session() as session:
        return _export_calendar(session, Path(out), audience=audience)
