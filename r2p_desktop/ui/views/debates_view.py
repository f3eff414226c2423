"""Debates: the annual parliamentary debate on R2P and other sittings, with their agendas."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ...core.services import listings
from ..models.record_list_model import DATE, LABEL, NUMBER, ListColumn
from ..records_changed import DEBATES
from .record_list_view import RecordListView


class DebatesView(RecordListView):
    TITLE = "Debates"
    DESCRIPTION = "The annual debate on the Responsibility to Protect and other sittings on atrocity prevention."
    KINDS = frozenset({DEBATES})
    NOUN = ("debate", "debates")
    EMPTY_TEXT = "No debates recorded yet."
    STRETCH = 1
    COLUMNS = (
        ListColumn("date", "Date", DATE, width=100),
        ListColumn("title", "Title"),
        ListColumn("chamber", "Chamber", width=200),
        ListColumn("status", "Status", LABEL, width=100),
        ListColumn("agenda_items", "Agenda items", NUMBER, width=110),
    )

    def rows(self, session: Session) -> list[dict]:
        return listings.debates(session)
