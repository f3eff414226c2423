"""Money in one place: amounts typed and shown in the major units of their own currency (yen have no
decimals, Kuwaiti dinars three), on screen, in the briefing pack's tables and on its charts."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date

import pytest
from pypdf import PdfReader

from r2p_desktop.core.models import BudgetItem
from r2p_desktop.core.money import amount_text, major, minor_per_major, minor_units, money
from r2p_desktop.reports import PackOptions, export_pack

YEAR = date.today().year


@pytest.mark.parametrize(("text", "currency", "minor"), [
    ("1,250,000", "JPY", 1_250_000), ("1.250", "KWD", 1_250), ("1,250,000.00", "EUR", 125_000_000),
    ("1 250 000", "jpy", 1_250_000), ("0.005", "KWD", 5),
])
def test_typed_major_units_become_minor_units_of_the_currency(text, currency, minor):
    assert minor_units(text, currency) == minor


# Moved from tests/ui/test_budget_dialog.py with the behaviour, which core.money now owns.
@pytest.mark.parametrize(("text", "currency", "minor"), [
    ("1,250,000.50", "EUR", 125_000_050), ("  ", "EUR", None), ("1 000", "JPY", 1000), ("2.125", "KWD", 2125),
])
def test_amounts_typed_in_major_units(text, currency, minor):
    assert minor_units(text, currency) == minor
    assert minor_units(amount_text(minor, currency), currency) == minor  # shown as it is typed


@pytest.mark.parametrize(("text", "currency", "message"), [
    ("ten", "EUR", "'ten' is not an amount"), ("nan", "EUR", "'nan' is not an amount"),
    ("10.5", "JPY", "an amount in JPY has no decimal places"),
])
def test_amounts_that_cannot_be_read(text, currency, message):
    with pytest.raises(ValueError, match=message):
        minor_units(text, currency)


def test_a_fourth_decimal_of_a_dinar_is_refused():
    with pytest.raises(ValueError, match="an amount in KWD has at most 3 decimal places"):
        minor_units("1.2345", "KWD")


def test_amounts_read_in_major_units_of_their_currency():
    assert money(1_250_000, "JPY") == "JPY 1,250,000"
    assert money(1_250, "KWD") == "KWD 1.250"
    assert money(125_000_000, "EUR") == "EUR 1,250,000.00"
    assert money(None, "EUR") == ""
    assert amount_text(1_250_000, "JPY") == "1,250,000"
    assert amount_text(1_250, "KWD") == "1.250"
    assert amount_text(125_000_050, "EUR", whole=True) == "1,250,001"  # tables round to whole units
    assert amount_text(2_499, "KWD", whole=True) == "2"


def test_charts_get_major_units():
    assert [minor_per_major(code) for code in ("JPY", "KWD", "EUR", "usd", "")] == [1, 1000, 100, 100, 100]
    assert major(1_250_000, "JPY") == 1_250_000.0
    assert major(1_250, "KWD") == 1.25
    assert major(125_000_000, "EUR") == 1_250_000.0


def test_the_screen_chart_draws_yen_as_yen(qtbot):
    from r2p_desktop.ui.widgets.allocation_chart import AllocationChart

    chart = AllocationChart()
    qtbot.addWidget(chart)
    chart.set_data({YEAR: {"domestic_prevention": 1_250_000_000}}, "JPY")  # 1.25 billion yen
    assert chart.axis_labels()[-1] == "1.25bn"
    chart.set_data({YEAR: {"domestic_prevention": 2_500_000_000}}, "KWD")  # 2.5 million dinars
    assert chart.axis_labels()[-1] == "2.5M"


@pytest.mark.parametrize(("currency", "allocated", "table_figure", "chart_total"), [
    ("JPY", 1_250_000_000, "1,250,000,000", "1,250.0"),  # 1.25 billion yen: 1,250 millions
    ("KWD", 2_500_000_000, "2,500,000", "2.5"),  # 2.5 million dinars
])
def test_the_budget_pack_prints_the_amount_in_the_lines_currency(database, tmp_path, currency, allocated,
                                                                 table_figure, chart_total):
    with database.session() as session:
        session.add(BudgetItem(fiscal_year=YEAR, programme="Early-warning unit", currency=currency,
                               amount_allocated=allocated, scope="domestic_prevention", confidentiality="public"))
        session.commit()
    result = export_pack(database, PackOptions(pack="budget"), tmp_path / "budget.pdf")
    reader = PdfReader(str(result.path))
    chart_page, *table_pages = [page.extract_text() for page in reader.pages
                                if "Early-warning unit" in page.extract_text()
                                or f"({currency}, millions)" in page.extract_text()]
    assert f"Budget allocations by scope ({currency}, millions)" in chart_page
    assert chart_total in chart_page.split()  # the total printed above the bar
    assert any(table_figure in page.split() for page in table_pages)
