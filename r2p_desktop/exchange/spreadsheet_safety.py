"""Cells that a spreadsheet would run as a formula are written with a leading apostrophe; reading
them back removes exactly that apostrophe, so every text survives the round trip."""

FORMULA_STARTS = frozenset("=+-@\t\r")


def neutralise(text: str) -> str:
    if text[:1] in FORMULA_STARTS or (text[:1] == "'" and text[1:2] in FORMULA_STARTS | {"'"}):
        return "'" + text
    return text


def restore(text: str) -> str:
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS | {"'"}:
        return text[1:]
    return text
