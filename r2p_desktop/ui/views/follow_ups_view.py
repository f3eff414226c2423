"""Follow-ups: undertakings, committee actions and recommendations to chase, by due date."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ...core.services import listings
from ..models.record_list_model import DATE, LABEL, ListColumn
from ..records_changed import BODIES, FOLLOW_UPS, QUESTIONS
from .record_list_view import RecordListView


class FollowUpsView(RecordListView):
    TITLE = "Follow-ups"
    DESCRIPTION = ("What the government undertook to do, what the committee decided to do, and the "
                   "recommendations it chases; overdue items in red.")
    KINDS = frozenset({FOLLOW_UPS, QUESTIONS, BODIES})
    NOUN = ("follow-up", "follow-ups")
    EMPTY_TEXT = "No follow-ups recorded yet."
    STRETCH = 1
    COLUMNS = (
        ListColumn("due_date", "Due", DATE, width=100, warn_key="overdue"),
        ListColumn("description", "What is to be done"),
        ListColumn("kind", "Kind", LABEL, width=175),
        ListColumn("owner", "Owner", width=280),
        ListColumn("status", "Status", LABEL, width=110, warn_key="overdue"),
        ListColumn("parent", "Arising from", width=130),
    )

    def rows(self, session: Session) -> list[dict]:
        return listings.follow_ups(session)
