"""Treaties: the core instruments the 2017 report names and the country's status for each."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ...core.services import listings
from ..models.record_list_model import DATE, LABEL, ListColumn
from ..records_changed import INSTRUMENTS
from .record_list_view import RecordListView


class TreatiesView(RecordListView):
    TITLE = "Treaties"
    DESCRIPTION = ("Ratification and implementation of the core treaties for preventing genocide, war "
                   "crimes, ethnic cleansing and crimes against humanity.")
    KINDS = frozenset({INSTRUMENTS})
    NOUN = ("treaty", "treaties")
    STRETCH = 4
    COLUMNS = (
        ListColumn("year", "Year", width=60),
        ListColumn("short_title", "Treaty", width=260),
        ListColumn("status", "Status", LABEL, width=110),
        ListColumn("status_date", "Since", DATE, width=100),
        ListColumn("implementing_legislation", "Implementing legislation"),
        ListColumn("reservations", "Reservations", width=220),
    )

    def rows(self, session: Session) -> list[dict]:
        return listings.instruments_with_status(session)
