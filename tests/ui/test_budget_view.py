"""The Budget page: one fiscal year's lines with their change on the year before, and the chart."""

from __future__ import annotations

import pytest

from r2p_desktop.core.models import BudgetItem
from r2p_desktop.core.services import directory, records
from r2p_desktop.ui.records_changed import BUDGET_ITEMS

# (year, programme, scope, allocated in cents)
LINES = [
    (2023, "Early warning unit", "domestic_prevention", 800_000_00),
    (2023, "Mediation support", "international_assistance", 500_000_00),
    (2023, "Survivor support", "humanitarian", 200_000_00),
    (2024, "Early warning unit", "domestic_prevention", 900_000_00),
    (2024, "Mediation support", "international_assistance", 460_000_00),
    (2024, "Atrocity crimes unit", "domestic_prevention", 250_000_00),
]
PROGRAMME, CHANGE = 0, 6


@pytest.fixture
def budget_view(main_window, database, records_changed):
    with database.session() as session:
        ministry = directory.body_or_new(session, "Ministry of Justice")
        for year, programme, scope, allocated in LINES:
            records.create(session, BudgetItem, {
                "fiscal_year": year, "programme": programme, "scope": scope, "currency": "EUR",
                "body_id": ministry, "amount_requested": allocated, "amount_allocated": allocated,
                "amount_spent": allocated // 2})
        session.commit()
    main_window.show_view(main_window.views.index(main_window.budget_view))
    view = main_window.budget_view
    view.refresh()
    return view


def test_years_newest_first_and_the_newest_shown(budget_view):
    combo = budget_view.year_combo
    assert [combo.itemText(i) for i in range(combo.count())] == ["2024", "2023"]
    assert budget_view.table.row_count() == 3
    assert budget_view.count_label.text() == "3 budget lines in 2024"


def test_choosing_a_year_shows_exactly_its_lines(budget_view):
    budget_view.year_combo.setCurrentIndex(budget_view.year_combo.findText("2023"))
    assert sorted(budget_view.table.column_texts(PROGRAMME)) == [
        "Early warning unit", "Mediation support", "Survivor support"]
    assert set(budget_view.table.column_texts(CHANGE)) == {"new"}  # nothing recorded for 2022


def test_year_on_year_text(budget_view):
    changes = dict(zip(budget_view.table.column_texts(PROGRAMME), budget_view.table.column_texts(CHANGE),
                       strict=True))
    assert changes == {"Early warning unit": "+12.5%", "Mediation support": "\u22128.0%",
                       "Atrocity crimes unit": "new"}
    summary = budget_view.summary_label.text()
    assert "EUR 1,610,000.00" in summary and "Survivor support" in summary  # funded last year only


def test_chart_gets_the_totals_by_scope(budget_view):
    assert budget_view.chart.data() == {
        2023: {"domestic_prevention": 800_000_00, "international_assistance": 500_000_00,
               "humanitarian": 200_000_00},
        2024: {"domestic_prevention": 1_150_000_00, "international_assistance": 460_000_00},
    }
    budget_view.chart.resize(700, 300)
    assert not budget_view.chart.grab().isNull()


def test_chart_paints_with_no_data(main_window):
    chart = main_window.budget_view.chart
    chart.set_data({})
    chart.resize(400, 200)
    assert chart.scopes() == [] and not chart.grab().isNull()


def test_new_lines_appear_when_records_change(budget_view, database, records_changed):
    with database.session() as session:
        records.create(session, BudgetItem, {"fiscal_year": 2025, "programme": "Genocide archive",
                                             "scope": "other", "currency": "EUR", "amount_allocated": 1_000_00})
        session.commit()
    records_changed.notify(BUDGET_ITEMS)
    assert budget_view.year_combo.itemText(0) == "2025"
    assert budget_view.selected_year() == 2024  # the year the reader chose stays chosen
