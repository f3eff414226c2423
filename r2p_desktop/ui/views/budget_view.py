"""Budget: the lines of the budget debate that fund atrocity prevention at home and abroad."""

from __future__ import annotations

from sqlalchemy.orm import Session

from ...core.services import listings
from ..models.record_list_model import LABEL, MONEY, ListColumn
from ..records_changed import BODIES, BUDGET_ITEMS
from .record_list_view import RecordListView


class BudgetView(RecordListView):
    TITLE = "Budget"
    DESCRIPTION = ("Resources the government allocates to preventing atrocity crimes at home and to "
                   "helping other countries, as raised in budget debates.")
    KINDS = frozenset({BUDGET_ITEMS, BODIES})
    NOUN = ("budget line", "budget lines")
    EMPTY_TEXT = "No budget lines recorded yet."
    STRETCH = 1
    COLUMNS = (
        ListColumn("fiscal_year", "Fiscal year", width=80),
        ListColumn("programme", "Programme or budget line"),
        ListColumn("body", "Body", width=210),
        ListColumn("scope", "Scope", LABEL, width=165),
        ListColumn("amount_requested", "Requested", MONEY, width=140),
        ListColumn("amount_allocated", "Allocated", MONEY, width=140),
        ListColumn("amount_spent", "Spent", MONEY, width=140),
    )

    def rows(self, session: Session) -> list[dict]:
        return listings.budget_items(session)
