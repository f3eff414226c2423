"""The budget service on a hand-made budget whose sums and changes are worked out by hand."""

from __future__ import annotations

import pytest

from r2p_desktop.core.models import BudgetItem
from r2p_desktop.core.services import budget, directory, records

# (year, programme, scope, currency, requested, allocated, spent), amounts in cents.
LINES = [
    (2023, "Early warning unit", "domestic_prevention", "EUR", 900_000_00, 800_000_00, 700_000_00),
    (2023, "Mediation support", "international_assistance", "EUR", 500_000_00, 500_000_00, 450_000_00),
    (2023, "Survivor support", "humanitarian", "EUR", 200_000_00, 200_000_00, 200_000_00),
    (2024, "Early warning unit", "domestic_prevention", "EUR", 1_000_000_00, 900_000_00, 600_000_00),
    (2024, "Mediation support", "international_assistance", "EUR", 500_000_00, 460_000_00, 300_000_00),
    (2024, "Atrocity crimes unit", "domestic_prevention", "EUR", 300_000_00, 250_000_00, 100_000_00),
    (2024, "Peacekeeping training", "peacekeeping", "EUR", 150_000_00, 100_000_00, 50_000_00),
    (2024, "Peacekeeping training", "peacekeeping", "EUR", 60_000_00, 50_000_00, 0),
    (2024, "Embassy fund", "other", "USD", 90_000_00, 80_000_00, 10_000_00),
]


def add_lines(session, lines=LINES) -> None:
    ministry = directory.body_or_new(session, "Ministry of Foreign Affairs")
    for year, programme, scope, currency, requested, allocated, spent in lines:
        records.create(session, BudgetItem, {
            "fiscal_year": year, "programme": programme, "scope": scope, "currency": currency, "body_id": ministry,
            "amount_requested": requested, "amount_allocated": allocated, "amount_spent": spent})
    session.commit()


@pytest.fixture
def budget_session(session):
    add_lines(session)
    return session


def test_years_newest_first(budget_session):
    assert budget.years(budget_session) == [2024, 2023]


def test_no_budget(session):
    assert budget.years(session) == []
    assert budget.main_currency(session) is None
    assert budget.allocations_by_scope(session) == {}
    assert budget.year_on_year(session, 2024) == []
    assert budget.year_items(session, 2024) == []


def test_year_on_year_per_programme(budget_session):
    rows = {row["programme"]: row for row in budget.year_on_year(budget_session, 2024)}
    assert set(rows) == {"Early warning unit", "Mediation support", "Atrocity crimes unit",
                         "Peacekeeping training", "Embassy fund", "Survivor support"}
    grew = rows["Early warning unit"]
    assert (grew["allocated"], grew["previous"], grew["change"], grew["percent"], grew["status"]) == (
        900_000_00, 800_000_00, 100_000_00, 12.5, "continuing")
    fell = rows["Mediation support"]
    assert (fell["change"], fell["percent"], fell["currency"]) == (-40_000_00, -8.0, "EUR")
    new = rows["Atrocity crimes unit"]
    assert (new["status"], new["previous"], new["change"], new["percent"]) == ("new", None, None, None)
    two_lines = rows["Peacekeeping training"]  # two lines of one programme are added together
    assert (two_lines["allocated"], two_lines["status"]) == (150_000_00, "new")
    gone = rows["Survivor support"]
    assert (gone["status"], gone["allocated"], gone["change"], gone["percent"]) == (
        "discontinued", None, -200_000_00, -100.0)


def test_first_year_is_all_new(budget_session):
    assert {row["status"] for row in budget.year_on_year(budget_session, 2023)} == {"new"}


def test_year_items_carry_their_change(budget_session):
    items = budget.year_items(budget_session, 2024)
    assert len(items) == 6 and {item["fiscal_year"] for item in items} == {2024}
    by_programme = {item["programme"]: item for item in items}
    assert by_programme["Early warning unit"]["change_percent"] == 12.5
    assert by_programme["Early warning unit"]["body"] == "Ministry of Foreign Affairs"
    assert by_programme["Atrocity crimes unit"]["change_status"] == "new"


def test_allocations_by_scope_in_the_main_currency(budget_session):
    assert budget.main_currency(budget_session) == "EUR"
    assert budget.allocations_by_scope(budget_session) == {
        2023: {"domestic_prevention": 800_000_00, "international_assistance": 500_000_00,
               "humanitarian": 200_000_00},
        2024: {"domestic_prevention": 1_150_000_00, "international_assistance": 460_000_00,
               "peacekeeping": 150_000_00},
    }
    assert budget.allocations_by_scope(budget_session, "USD") == {2024: {"other": 80_000_00}}
