"""How values read to a clerk, on screen and in print: enum values as words, money in major units,
dates as YYYY-MM-DD."""

from __future__ import annotations

from datetime import date

# Words that stay in capitals when an enum value becomes a label.
_ACRONYMS = {"nhri": "NHRI", "mp": "MP", "upr": "UPR", "icc": "ICC", "un": "UN"}

# ISO 4217 currencies whose minor unit is not a hundredth.
_MINOR_DIGITS = {
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0,
    "RWF": 0, "UGX": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}


def human_label(value: str | None) -> str:
    """'holding_answer' -> 'Holding answer', 'nhri_annual_report' -> 'NHRI annual report'."""
    if not value:
        return ""
    words = [_ACRONYMS.get(word, word) for word in str(value).split("_")]
    first = words[0] if words[0].isupper() else words[0].capitalize()
    return " ".join([first, *words[1:]])


def money(minor_units: int | None, currency: str | None) -> str:
    """An amount held in minor units, shown in major units with its currency: 'EUR 1,250,000.00'."""
    if minor_units is None:
        return ""
    code = (currency or "").upper()
    digits = _MINOR_DIGITS.get(code, 2)
    sign = "-" if minor_units < 0 else ""
    major, minor = divmod(abs(minor_units), 10**digits)
    amount = f"{major:,}" + (f".{minor:0{digits}d}" if digits else "")
    return f"{code} {sign}{amount}".strip()


def date_text(value: date | None) -> str:
    return value.isoformat() if value else ""
