"""Commitments: what the source documents ask of governments, parliaments and NHRIs, with the
committee's own assessment of progress on each."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ...core.services import listings
from ..models.record_list_model import LABEL, NUMBER, ListColumn
from ..records_changed import COMMITMENTS
from .record_list_view import RecordListView


class CommitmentsView(RecordListView):
    TITLE = "Commitments"
    DESCRIPTION = ("Actions that the UN Secretary-General's 2017 report and the guidance for parliaments "
                   "and national human rights institutions ask for, and how far each has got.")
    KINDS = frozenset({COMMITMENTS})
    NOUN = ("commitment", "commitments")
    STRETCH = 1
    COLUMNS = (
        ListColumn("code", "Code", width=230),
        ListColumn("title", "Commitment"),
        ListColumn("source", "Source", width=100),
        ListColumn("reference", "Where in the source", width=200),
        ListColumn("actor", "Asked of", LABEL, width=110),
        ListColumn("pillar", "Pillar", NUMBER, width=60),
        ListColumn("assessment", "Our assessment", LABEL, width=130),
    )

    def rows(self, session: Session) -> list[dict]:
        return listings.commitments_with_assessment(session)
