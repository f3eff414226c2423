"""A new budget line's form, with the committee's usual values filled in."""

from __future__ import annotations

from datetime import date

from ..core.database import Database
from ..core.services import budget
from . import record_forms, records


def new_budget_item(database: Database, fiscal_year: int | None = None) -> records.Loaded:
    """A new line's form: in `fiscal_year` (this year when None), in the currency most lines use (none
    while there are no lines). Both are only where the form starts; the clerk may change them."""
    currency = records.read(database, budget.main_currency) or ""
    return records.new(database, record_forms.BUDGET_ITEM,
                       {"fiscal_year": fiscal_year or date.today().year, "currency": currency})
