"""Budget: the fiscal years on record, each year's lines, the year-on-year change per programme, and
allocations by scope across years.

Amounts stay in minor units. A programme is compared with itself by (programme, scope, currency), so a
line that moves scope or currency counts as new in one and discontinued in the other. Totals across
lines (`allocations_by_scope`) are only meaningful in one currency: they count the lines in the
database's main currency (the one most lines use) unless another is asked for."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..models import Body, BudgetItem
from ..values import Values

NEW, CONTINUING, DISCONTINUED = "new", "continuing", "discontinued"


def years(session: Session) -> list[int]:
    """The fiscal years with at least one budget line, newest first."""
    query = select(BudgetItem.fiscal_year).distinct().order_by(BudgetItem.fiscal_year.desc())
    return list(session.scalars(query))


def main_currency(session: Session) -> str | None:
    """The currency most budget lines are in; None when there are none."""
    query = (select(BudgetItem.currency).group_by(BudgetItem.currency)
             .order_by(func.count().desc(), BudgetItem.currency).limit(1))
    return session.scalar(query)


def _allocated_by_programme(session: Session, year: int) -> dict[tuple[str, str, str], int]:
    query = (select(BudgetItem.programme, BudgetItem.scope, BudgetItem.currency,
                    func.coalesce(func.sum(BudgetItem.amount_allocated), 0))
             .where(BudgetItem.fiscal_year == year)
             .group_by(BudgetItem.programme, BudgetItem.scope, BudgetItem.currency))
    return {(programme, scope, currency): total or 0  # coalesce: never NULL
            for programme, scope, currency, total in session.execute(query)}


def _percent(change: int, previous: int) -> float | None:
    return None if not previous else round(change * 100 / previous, 1)


def year_on_year(session: Session, year: int) -> list[Values]:
    """Allocations per (programme, scope, currency) in `year` against `year - 1`, by programme name.

    `status` is "new" (nothing allocated the year before: `previous`, `change` and `percent` are None),
    "continuing", or "discontinued" (funded last year but not this year: `allocated` is None and the
    change is minus last year's amount). `percent` is None when last year's amount was zero."""
    current = _allocated_by_programme(session, year)
    previous = _allocated_by_programme(session, year - 1)
    rows = []
    for key in sorted(current.keys() | previous.keys(), key=lambda k: (k[0].casefold(), k[1], k[2])):
        programme, scope, currency = key
        now, before = current.get(key), previous.get(key)
        if before is None:
            status, change, percent = NEW, None, None
        elif now is None:
            status, change, percent = DISCONTINUED, -before, _percent(-before, before)
        else:
            status, change, percent = CONTINUING, now - before, _percent(now - before, before)
        rows.append({"programme": programme, "scope": scope, "currency": currency, "allocated": now,
                     "previous": before, "change": change, "percent": percent, "status": status})
    return rows


def year_items(session: Session, year: int) -> list[Values]:
    """The budget lines of one fiscal year, with the year-on-year change of their programme.

    Each row has the keys of `listings.budget_items` plus `change_status` ("new" or "continuing") and
    `change_percent` (None when new, or when last year's allocation was zero)."""
    changes = {(r["programme"], r["scope"], r["currency"]): r for r in year_on_year(session, year)}
    query = (select(BudgetItem, Body.name).outerjoin(Body, Body.id == BudgetItem.body_id)
             .where(BudgetItem.fiscal_year == year).order_by(BudgetItem.programme, BudgetItem.id))
    rows = []
    for item, body in session.execute(query):
        change = changes[(item.programme, item.scope, item.currency)]
        rows.append({
            "id": item.id, "fiscal_year": item.fiscal_year, "body": body or "", "programme": item.programme,
            "scope": item.scope, "currency": item.currency, "amount_requested": item.amount_requested,
            "amount_allocated": item.amount_allocated, "amount_spent": item.amount_spent,
            "change_status": change["status"], "change_percent": change["percent"],
        })
    return rows


def allocations_by_scope(session: Session, currency: str | None = None) -> dict[int, dict[str, int]]:
    """{fiscal year: {scope: total allocated, minor units}} for lines in `currency` (default: the main
    currency); lines in other currencies are left out rather than added across currencies."""
    currency = currency or main_currency(session)
    if currency is None:
        return {}
    query = (select(BudgetItem.fiscal_year, BudgetItem.scope,
                    func.coalesce(func.sum(BudgetItem.amount_allocated), 0))
             .where(BudgetItem.currency == currency)
             .group_by(BudgetItem.fiscal_year, BudgetItem.scope)
             .order_by(BudgetItem.fiscal_year, BudgetItem.scope))
    totals: dict[int, dict[str, int]] = {}
    for year, scope, total in session.execute(query):
        totals.setdefault(year, {})[scope] = total or 0  # coalesce: never NULL
    return totals
