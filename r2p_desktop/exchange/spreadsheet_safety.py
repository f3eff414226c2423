"""Cells that a spreadsheet would run as a formula are written with a leading apostrophe; reading
them back removes exactly that apostrophe, so every text survives the round trip.

A cell is dangerous when, after any leading blanks, it starts with a formula sign. It is written with an
apostrophe in front when it is dangerous once its own leading apostrophes are set aside, so `'=1` goes
out as `''=1` while `'Tis` and `''x` go out as typed; reading removes one apostrophe only from such a
cell. The two are exact inverses: restore(neutralise(text)) == text for every string."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

FORMULA_STARTS = frozenset("=+-@＝＋－＠")  # with their full-width forms, which spreadsheets also accept
# Every character str.isspace() knows, and the zero-width ones, which a spreadsheet may skip before a sign.
BLANKS = ("\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
          "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000" "\u180e\u200b\u200c\u200d\u2060\ufeff")


def _runs_as_formula(text: str) -> bool:
    return text.lstrip(BLANKS)[:1] in FORMULA_STARTS


def _needs_apostrophe(text: str) -> bool:
    return _runs_as_formula(text.lstrip("'"))


def neutralise(text: str) -> str:
    return "'" + text if _needs_apostrophe(text) else text


def restore(text: str) -> str:
    return text[1:] if text[:1] == "'" and _needs_apostrophe(text[1:]) else text


class SpreadsheetWriter:
    """A csv writer that neutralises every cell: the one point every CSV export writes through."""

    def __init__(self, handle: SupportsWrite[str], dialect: str = "excel"):
        self._writer = csv.writer(handle, dialect)

    def writerow(self, cells: Iterable[object]) -> None:
        self._writer.writerow([neutralise("" if cell is None else str(cell)) for cell in cells])

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for cells in rows:
            self.writerow(cells)
