"""Money in one place: amounts are stored as whole minor units of their ISO 4217 currency (cents, fils,
yen), typed and shown in major units ("1,250,000.00"), and drawn in major units on charts.

How many minor units make a major one comes from ISO 4217's own list (List One, "Minor unit" column, as
published by its maintenance agency, SIX), not from Babel: Babel follows CLDR, whose `digits` are what
shops display and differ from ISO 4217 for some currencies (IQD has 0 in CLDR, 3 in ISO 4217), while
ministries' budget figures and the app's currency field are ISO 4217; and it would add about 30 MB of
locale data for one number per currency."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# ISO 4217 List One: the currencies whose minor unit is not a hundredth. Every other code, and one the
# list does not know, has 2. (Funds and metals with "N.A." are left at 2: nobody budgets in them.)
_MINOR_DIGITS = {
    "BIF": 0, "CLP": 0, "DJF": 0, "GNF": 0, "ISK": 0, "JPY": 0, "KMF": 0, "KRW": 0, "PYG": 0, "RWF": 0,
    "UGX": 0, "UYI": 0, "VND": 0, "VUV": 0, "XAF": 0, "XOF": 0, "XPF": 0,
    "BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
    "CLF": 4, "UYW": 4,
}
_SEPARATORS = re.compile(r"[,_'\s]")  # thousands separators a clerk may type: 1,250,000 / 1 250 000 / 1'250'000


def minor_digits(currency: str | None) -> int:
    """Decimal places of the currency's major unit: 2 for EUR, 0 for JPY, 3 for KWD."""
    return _MINOR_DIGITS.get((currency or "").strip().upper(), 2)


def minor_per_major(currency: str | None) -> int:
    """Minor units in one major unit: 100 for EUR, 1 for JPY, 1000 for KWD."""
    return int(10 ** minor_digits(currency))  # int ** int is typed Any: a negative power is a float


def minor_units(text: str, currency: str | None) -> int | None:
    """Typed major units to minor units: '1,250,000.50' EUR -> 125000050, '1.250' KWD -> 1250; blank -> None.

    ValueError says what is wrong with the text, in words for the clerk."""
    typed = text.strip()
    if not typed:
        return None
    try:
        amount = Decimal(_SEPARATORS.sub("", typed))
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite():
        raise ValueError(f"'{typed}' is not an amount; write it like 1,250,000.00")
    digits = minor_digits(currency)
    scaled = amount.scaleb(digits)
    if scaled != scaled.to_integral_value():
        places = "no decimal places" if digits == 0 else f"at most {digits} decimal places"
        raise ValueError(f"an amount in {currency or 'this currency'} has {places}")
    return int(scaled)


def amount_text(minor: int | None, currency: str | None, *, whole: bool = False) -> str:
    """An amount in major units as the clerk types it, without its currency: 125000050 EUR ->
    '1,250,000.50'; `whole` rounds to whole major units ('1,250,001') for tables with a currency column."""
    if minor is None:
        return ""
    digits = 0 if whole else minor_digits(currency)
    major = Decimal(minor).scaleb(-minor_digits(currency)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP)
    return f"{major:,.{digits}f}"


def money(minor: int | None, currency: str | None) -> str:
    """An amount with its currency, as it reads on screen and in print: 'EUR 1,250,000.00', 'JPY 1,500,000'."""
    if minor is None:
        return ""
    return f"{(currency or '').upper()} {amount_text(minor, currency)}".strip()


def major(minor: int | None, currency: str | None) -> float:
    """An amount in major units as a float, for drawing charts (never for sums or storage)."""
    return (minor or 0) / minor_per_major(currency)
