"""How values read to a clerk, on screen and in print: enum values as words, money in major units,
dates as YYYY-MM-DD on screen and written out ("2 December 2026") in print."""

from __future__ import annotations

from datetime import date

from .money import money as money  # re-exported: money.py owns minor units and how an amount reads

# Words that stay in capitals when an enum value becomes a label.
_ACRONYMS = {"nhri": "NHRI", "mp": "MP", "upr": "UPR", "icc": "ICC", "un": "UN"}


def human_label(value: str | None) -> str:
    """'holding_answer' -> 'Holding answer', 'nhri_annual_report' -> 'NHRI annual report'."""
    if not value:
        return ""
    words = [_ACRONYMS.get(word, word) for word in str(value).split("_")]
    first = words[0] if words[0].isupper() else words[0].capitalize()
    return " ".join([first, *words[1:]])


def date_text(value: date | None) -> str:
    return value.isoformat() if value else ""


MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def long_date(value: date | None) -> str:
    """A date as a reader of a printed pack expects it: '2 December 2026' (no leading zero)."""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}" if value else ""
