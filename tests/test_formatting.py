from __future__ import annotations

from datetime import date

from r2p_desktop.core.formatting import date_text, human_label, money


def test_enum_values_read_as_words():
    assert human_label("holding_answer") == "Holding answer"
    assert human_label("nhri_annual_report") == "NHRI annual report"
    assert human_label("mp") == "MP"
    assert human_label("focal_point") == "Focal point"
    assert human_label(None) == ""


def test_money_in_major_units_with_currency():
    assert money(125_000_000, "EUR") == "EUR 1,250,000.00"
    assert money(5, "usd") == "USD 0.05"
    assert money(1_500_000, "JPY") == "JPY 1,500,000"
    assert money(1234, "KWD") == "KWD 1.234"
    assert money(None, "EUR") == ""


def test_dates_as_iso():
    assert date_text(date(2017, 9, 6)) == "2017-09-06"
    assert date_text(None) == ""
