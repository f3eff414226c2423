"""Adding or changing a budget line: the fiscal year, the body and programme it funds, its scope, what was
requested, allocated and spent, what the committee raised in the budget debate and what came of it, and
the commitments it serves.

Amounts are typed in major units ("1,250,000.00") and stored in minor units of the line's currency.
Each problem the services find is shown in red under its field (an amount that cannot be read among
them) and nothing is saved until all are put right."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLayout, QWidget

from ...app import budget as budget_use_cases
from ...app import record_forms
from ...core.database import Database
from ..records_changed import RecordsChanged
from .record_dialog import RecordDialog


class BudgetItemDialog(RecordDialog):
    FORM = record_forms.BUDGET_ITEM
    SIZE = (1040, 640)

    def __init__(self, database: Database, records_changed: RecordsChanged, record_id: int | None = None,
                 *, fiscal_year: int | None = None, parent: QWidget | None = None):
        """A new line (no `record_id`) starts in `fiscal_year` (this year when None), in the currency most
        lines use."""
        start = budget_use_cases.new_budget_item(database, fiscal_year) if record_id is None else None
        super().__init__(database, records_changed, record_id, start=start, parent=parent)
        self.widgets["programme"].setFocus()

    def layout_fields(self) -> QLayout:
        """The line on the left, what the budget debate made of it on the right."""
        columns = QHBoxLayout()
        columns.addLayout(self.binder.rows(column=0), 1)
        columns.addSpacing(24)  # not setSpacing: the forms inside would take it as their row spacing
        columns.addLayout(self.binder.rows(column=1), 1)
        return columns
