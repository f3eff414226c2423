"""Right-to-left words in visual order, line by line, for the shaped paragraphs of `text.paragraph_style`.

HarfBuzz (through ReportLab's shaping) joins the letters of each word and lays each word's glyphs out in
its own direction, but ReportLab 5.1 orders the words of a line right to left only with the `rlbidi`
package, which cannot be installed here: without it an Arabic line reads from its last word. So, when
such a paragraph is drawn (after ReportLab has broken it into lines in reading order), each line's words
are put in visual order by the rules of the Unicode bidirectional algorithm at word level: a word takes
the direction of its first strong letter, a word of digits or punctuation that of its neighbours when
they agree and else the paragraph's, and runs are reversed level by level. The lines themselves are
left as ReportLab broke them, so a paragraph split across pages continues where it left off."""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import Any

from reportlab.platypus import Paragraph

DIRECTION = "r2p_direction"  # the attribute of a shaped style: "rtl" or "ltr", the paragraph's direction


def install() -> None:
    """Draw paragraphs whose style has a direction with their words in visual order (once)."""
    if getattr(Paragraph.drawPara, "r2p_bidi", False):
        return
    draw = Paragraph.drawPara

    def draw_para(self: Paragraph, debug: int = 0) -> Any:
        direction = getattr(self.style, DIRECTION, None)
        laid_out: Any = getattr(self, "blPara", None)  # the lines wrap() made: not in types-reportlab
        if direction is None or laid_out is None or laid_out.kind != 1 or not laid_out.lines:
            return draw(self, debug)
        lines = laid_out.lines
        laid_out.lines = [visual_line(line, direction == "rtl") for line in lines]
        try:
            return draw(self, debug)
        finally:
            laid_out.lines = lines

    draw_para.r2p_bidi = True  # type: ignore[attr-defined]
    Paragraph.drawPara = draw_para  # type: ignore[method-assign]


@cache
def _strong(char: str) -> str | None:
    kind = unicodedata.bidirectional(char)
    return "R" if kind in ("R", "AL") else "L" if kind == "L" else None


def _direction(text: str) -> str | None:
    return next((d for d in map(_strong, text) if d), None)


def visual_line(line: Any, right_to_left: bool) -> Any:
    """A copy of a ReportLab line (a FragLine of frags) with its words in visual order."""
    units: list[list[Any]] = [[]]  # words, each a list of (frag, text) pieces; spaces separate them
    for frag in line.words:
        text = getattr(frag, "text", None)
        if text is None or hasattr(frag, "cbDefn"):
            return line  # an image or a link anchor: left as laid out
        start = 0
        for index, char in enumerate(text + " "):
            if char == " ":
                if index > start:
                    units[-1].append((frag, text[start:index]))
                if index < len(text) and units[-1]:
                    units.append([])
                start = index + 1
    units = [unit for unit in units if unit]
    directions = [_direction("".join(str(piece) for _, piece in unit)) for unit in units]
    if "R" not in directions or len(units) < 2:
        return line
    base = "R" if right_to_left else "L"
    resolved = []
    for index, direction in enumerate(directions):
        if direction is None:
            before = next((d for d in reversed(directions[:index]) if d), base)
            after = next((d for d in directions[index + 1:] if d), base)
            direction = before if before == after else base
        resolved.append(direction)
    levels = [(1 if d == "R" else 2) if right_to_left else (1 if d == "R" else 0) for d in resolved]
    order = list(range(len(units)))
    for level in range(max(levels), 0, -1):  # reverse every run at this level or above, highest first
        index = 0
        while index < len(order):
            if levels[order[index]] >= level:
                end = index
                while end < len(order) and levels[order[end]] >= level:
                    end += 1
                order[index:end] = reversed(order[index:end])
                index = end
            else:
                index += 1
    words: list[Any] = []
    for position, unit_index in enumerate(order):
        if position:
            frag = units[unit_index][0][0]
            words.append(frag.clone(text=" "))
        words += [frag.clone(text=piece) for frag, piece in units[unit_index]]
    return line.clone(words=words)
