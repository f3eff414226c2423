"""User text into ReportLab markup that prints exactly as typed: escaped, control characters dropped, each
character in a shipped font that draws it (a visible placeholder where none does), and paragraphs of
Arabic, Hebrew, Thai or Devanagari shaped by ReportLab itself (HarfBuzz) and right-aligned when they are
mainly right to left; and fonts embedded.

Paragraph markup is ReportLab's mini-HTML, so every user string passes through `markup` and nothing else
reaches a Paragraph unescaped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from contextlib import suppress
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from ..core.errors import R2PError

if TYPE_CHECKING:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph

SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC, CJK = "R2PSans", "R2PSans-Bold", "R2PSans-Oblique", \
    "R2PSans-BoldOblique", "R2PCJK"
THAI, THAI_BOLD, DEVANAGARI, DEVANAGARI_BOLD = "R2PThai", "R2PThai-Bold", "R2PDevanagari", "R2PDevanagari-Bold"
SYMBOLS, CJK_EXT_B = "R2PSymbols", "R2PCJKExtB"

# (registered name, file name, where Debian puts it, the package that provides it). The files ship in
# resources/fonts (with their licences), so packs print the same on Windows, macOS and Linux; Debian's
# folder is only a fallback for a distribution package that drops the bundled copies for its own.
_FONT_FILES = (
    (SANS, "DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu", "fonts-dejavu-core"),
    (SANS_BOLD, "DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu", "fonts-dejavu-core"),
    (SANS_ITALIC, "DejaVuSans-Oblique.ttf", "/usr/share/fonts/truetype/dejavu", "fonts-dejavu-core"),
    (SANS_BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf", "/usr/share/fonts/truetype/dejavu", "fonts-dejavu-core"),
    (CJK, "wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy", "fonts-wqy-microhei"),
    (THAI, "NotoSansThai-Regular.ttf", "/usr/share/fonts/truetype/noto", "fonts-noto-core"),
    (THAI_BOLD, "NotoSansThai-Bold.ttf", "/usr/share/fonts/truetype/noto", "fonts-noto-core"),
    (DEVANAGARI, "NotoSansDevanagari-Regular.ttf", "/usr/share/fonts/truetype/noto", "fonts-noto-core"),
    (DEVANAGARI_BOLD, "NotoSansDevanagari-Bold.ttf", "/usr/share/fonts/truetype/noto", "fonts-noto-core"),
    (SYMBOLS, "Symbola_hint.ttf", "/usr/share/fonts/truetype/ancient-scripts", "fonts-symbola"),
)
# Not shipped (30 MB for one block of rare ideographs) but used when a copy is in resources/fonts or
# installed (Debian fonts-hanazono); without it such a character prints as its placeholder.
_OPTIONAL_FONT_FILES = ((CJK_EXT_B, "HanaMinB.ttf", "/usr/share/fonts/truetype/hanazono", "fonts-hanazono"),)
# The faces a fallback font lends to bold and italic text (it has no italic; CJK has no bold either).
_FAMILIES = {SANS: (SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC), CJK: (CJK, CJK, CJK, CJK),
             THAI: (THAI, THAI_BOLD, THAI, THAI_BOLD),
             DEVANAGARI: (DEVANAGARI, DEVANAGARI_BOLD, DEVANAGARI, DEVANAGARI_BOLD),
             SYMBOLS: (SYMBOLS,) * 4, CJK_EXT_B: (CJK_EXT_B,) * 4}
# Which font to try first for a character: ideographs and kana in the CJK font even where DejaVu has a
# glyph of its own (punctuation, full-width forms), so that a run of Chinese is one face.
_ORDER = (SANS, THAI, DEVANAGARI, SYMBOLS, CJK, CJK_EXT_B)
_CJK_ORDER = (CJK, CJK_EXT_B, SANS, SYMBOLS)

# Characters that would corrupt the PDF text or that no font draws: C0/C1 controls but tab and newline,
# lone surrogates, and the non-characters.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_CJK = ("\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\ua960-\ua97f\uac00-\ud7ff"
        "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff")
_IS_CJK = re.compile(f"[{_CJK}]")
# Scripts whose letters change shape or order with their neighbours: HarfBuzz must lay them out (Hebrew,
# Arabic, Syriac, Thaana, N'Ko, the Indic scripts, Thai, Lao, Tibetan, Myanmar, Khmer, presentation forms).
_COMPLEX = re.compile("[\u0590-\u08ff\u0900-\u0dff\u0e00-\u0fff\u1000-\u109f\u1780-\u17ff\ufb1d-\ufdff"
                      "\ufe70-\ufeff]")
# Invisible by design (joiners, direction marks, variation selectors): dropped where no font has them,
# since a placeholder would show what the writer never meant to be seen.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060-\u2064\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def font_path(file_name: str, folder: str, package: str) -> Path:
    """The shipped file in resources/fonts (a file put there wins), else the system's copy."""
    from .. import paths

    for candidate in (paths.resource("fonts", file_name), Path(folder) / file_name):
        if candidate.is_file():
            return candidate
    raise R2PError(f"the font {file_name} is missing from R2P Desktop's resources/fonts folder: reinstall "
                   f"R2P Desktop, or on Debian install the package {package} (apt-get install {package})")


@cache
def register_fonts() -> dict[str, frozenset[int]]:
    """Register the pack's fonts with ReportLab once, shapable so HarfBuzz can lay out complex scripts;
    TrueType fonts are always embedded (subset). Returns each font's characters (its cmap)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics, ttfonts
    from reportlab.pdfbase.ttfonts import TTFont

    found = [(name, font_path(file_name, folder, package)) for name, file_name, folder, package in _FONT_FILES]
    for name, file_name, folder, package in _OPTIONAL_FONT_FILES:
        with suppress(R2PError):
            found.append((name, font_path(file_name, folder, package)))
    coverage = {}
    for name, path in found:  # of a .ttc collection, TTFont takes the first face
        font = TTFont(name, str(path), shapable=True)
        pdfmetrics.registerFont(font)
        coverage[name] = frozenset(font.face.charToGlyph)
    for family, (normal, bold, italic, bold_italic) in _FAMILIES.items():
        if family in coverage:
            addMapping(family, 0, 0, normal)
            addMapping(family, 1, 0, bold)
            addMapping(family, 0, 1, italic)
            addMapping(family, 1, 1, bold_italic)
    from reportlab.graphics.shapes import STATE_DEFAULTS

    # Charts start from this font; left as Helvetica, every page would name a font that is not embedded.
    STATE_DEFAULTS["fontName"] = SANS
    if not getattr(ttfonts.makeToUnicodeCMap, "r2p_utf16", False):
        ttfonts.makeToUnicodeCMap = _utf16_to_unicode(ttfonts.makeToUnicodeCMap)  # type: ignore[assignment]
    return {name: coverage[name] for name, _ in found}


def _utf16_to_unicode(make: Callable[[str, list[int]], str]) -> Callable[[str, list[int]], str]:
    """ReportLab writes a character beyond U+FFFF into the ToUnicode map as five or six hex digits
    (<1F600>), which is not valid (the map holds UTF-16): readers warn and drop the character. This writes
    it as its UTF-16 surrogate pair (<D83DDE00>), so an emoji or a rare ideograph extracts and is found."""
    pair = re.compile(r"^(<[0-9A-F]{2}> )<([0-9A-F]{5,6})>$", re.MULTILINE)

    def surrogates(match: re.Match[str]) -> str:
        code = int(match.group(2), 16) - 0x10000
        return f"{match.group(1)}<{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}>"

    def fixed(fontname: str, subset: list[int]) -> str:
        return pair.sub(surrogates, make(fontname, subset))

    fixed.r2p_utf16 = True  # type: ignore[attr-defined]  # so a second registration does not wrap it again
    return fixed


@cache
def _outside_sans() -> re.Pattern[str]:
    """Matches a character DejaVu Sans does not draw, or one the CJK font should draw."""
    codes = sorted(code for code in register_fonts()[SANS] if code > 0x20 and not _IS_CJK.match(chr(code)))
    ranges, start, end = [], codes[0], codes[0]
    for code in codes[1:]:
        if code != end + 1:
            ranges.append((start, end))
            start = code
        end = code
    ranges.append((start, end))
    covered = "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)
    return re.compile(f"[^\\s{covered}]")


def clean(value: object) -> str:
    """A value as printable text: None is empty, control characters go, line ends become \\n."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _UNPRINTABLE.sub("", text)


def placeholder(char: str) -> str:
    """What prints for a character no shipped font draws: its code point, visibly, never a gap."""
    return f"[U+{ord(char):04X}]"


def font_runs(text: str) -> list[tuple[str, str]]:
    """`text` as (font, text) runs, each character in the first font that draws it; a space, digit,
    punctuation mark or combining mark the current run's font draws stays in that run, so they do not split
    a run of Thai. A character no font draws comes back as its placeholder in the main font. A word is
    kept in one font where one font draws all of it, and else split by a space where its font changes:
    HarfBuzz shapes a word with one font, and would print the others' letters as boxes."""
    coverage = register_fonts()
    pieces: list[tuple[str, str]] = []  # (font, one character or a placeholder)
    current = SANS
    for char in text:
        font = _first_font(char)
        if char == "\n" or font == current or (ord(char) in coverage[current] and _is_neutral(char)):
            pieces.append((current, char))
        elif font is not None:
            current = font
            pieces.append((font, char))
        elif not _INVISIBLE.match(char):
            current = SANS
            pieces.append((SANS, placeholder(char)))
    pieces = _one_font_per_word(pieces, coverage)
    runs: list[tuple[str, str]] = []
    for font, piece in pieces:
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + piece)
        else:
            runs.append((font, piece))
    return runs


def _one_font_per_word(pieces: list[tuple[str, str]], coverage: dict[str, frozenset[int]]) -> list[tuple[str, str]]:
    result: list[tuple[str, str]] = []
    word: list[tuple[str, str]] = []
    for item in [*pieces, (SANS, " ")]:
        if not item[1].isspace():
            word.append(item)
            continue
        if len({font for font, _ in word}) > 1:
            codes = {ord(char) for _, piece in word for char in piece}
            common = next((font for font in _ORDER if font in coverage and codes <= coverage[font]), None)
            if common is not None:
                word = [(common, piece) for _, piece in word]
            else:
                word = [part for index, (font, piece) in enumerate(word) for part in
                        ([(SANS, " ")] if index and word[index - 1][0] != font else []) + [(font, piece)]]
        result += word
        result.append(item)
        word = []
    return result[:-1]


@cache
def _first_font(char: str) -> str | None:
    coverage, code = register_fonts(), ord(char)
    order = _CJK_ORDER if _IS_CJK.match(char) else _ORDER
    return next((name for name in order if name in coverage and code in coverage[name]), None)


@cache
def _is_neutral(char: str) -> bool:
    return unicodedata.category(char)[0] in "ZNPM"


def markup(value: object) -> str:
    """Paragraph markup that prints `value` literally, with a font that draws each character."""
    text = clean(value)
    if not text.isascii() and _outside_sans().search(text):
        text_markup = "".join(escape(run) if font == SANS else f'<font name="{font}">{escape(run)}</font>'
                              for font, run in font_runs(text))
    else:
        text_markup = escape(text)
    return text_markup.replace("\n", "<br/>")


def is_right_to_left(text: str) -> bool:
    """Whether most of the letters of `text` are written right to left (Arabic, Hebrew, Syriac, Thaana)."""
    rtl = ltr = 0
    for char in text:
        direction = unicodedata.bidirectional(char)
        if direction in ("R", "AL"):
            rtl += 1
        elif direction == "L":
            ltr += 1
    return rtl > ltr


def paragraph_style(text: str, style: ParagraphStyle) -> ParagraphStyle:
    """The style a paragraph of `text` (plain or markup) needs: `style` itself, or for Arabic, Hebrew,
    Thai, Devanagari and the like its shaped variant (HarfBuzz joins letters, orders the words of a
    right-to-left line and places marks), right-aligned when the text is mainly right to left. Only
    those paragraphs are shaped: shaping every paragraph makes a pack five times slower to lay out."""
    if text.isascii() or not _COMPLEX.search(text):
        return style
    return _shaped(style, is_right_to_left(re.sub(r"<[^>]*>|&\w+;", "", text)))


_ANCHOR = re.compile(r"<a name='([^']*)'/>")


def paragraph(text_markup: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of markup built from `markup`, in the style its script needs (`paragraph_style`).

    ReportLab's shaped line breaking fails on an anchor (`<a name='…'/>`) next to plain text, so a
    shaped paragraph's anchors are taken out of its markup and set where it is drawn instead."""
    from reportlab.platypus import Paragraph

    shaped = paragraph_style(text_markup, style)
    if shaped is style or "<a name=" not in text_markup:
        return Paragraph(text_markup, shaped)
    anchored = _anchored_paragraph()(_ANCHOR.sub("", text_markup), shaped)
    anchored.__dict__["anchors"] = tuple(_ANCHOR.findall(text_markup))  # (the class is made at run time)
    return anchored


@cache
def _anchored_paragraph() -> type[Paragraph]:
    from reportlab.platypus import Paragraph

    class AnchoredParagraph(Paragraph):
        """A paragraph that marks its anchors, as link targets, at its top when it is drawn."""

        anchors: tuple[str, ...] = ()

        def draw(self) -> None:
            for name in self.anchors:
                self.canv.bookmarkHorizontal(name, 0, self.height)
            super().draw()

    return AnchoredParagraph


_SHAPED: dict[tuple[int, bool], tuple[ParagraphStyle, ParagraphStyle]] = {}


def _shaped(style: ParagraphStyle, right_to_left: bool) -> ParagraphStyle:
    from reportlab.lib.enums import TA_LEFT, TA_RIGHT
    from reportlab.lib.styles import ParagraphStyle

    from .bidi import DIRECTION, install

    install()

    key = (id(style), right_to_left)
    if key not in _SHAPED:  # the style is kept in the value, so its id is not reused while cached
        alignment = TA_RIGHT if right_to_left and style.alignment == TA_LEFT else style.alignment
        shaped = ParagraphStyle(f"{style.name}-shaped", style, shaping=1, alignment=alignment)
        setattr(shaped, DIRECTION, "rtl" if right_to_left else "ltr")  # its lines' words in visual order: bidi.py
        _SHAPED[key] = (style, shaped)
    return _SHAPED[key][1]


def visual(text: str) -> str:
    """Text as it must be drawn left to right on one line (chart labels, the running header, where ReportLab
    does no shaping): Arabic and Hebrew runs joined and reordered, the rest unchanged. Paragraphs use
    `markup` and `paragraph_style`: reordering a whole paragraph before it wraps reverses its lines."""
    text = clean(text)
    if text.isascii() or not _COMPLEX.search(text):
        return text
    from arabic_reshaper import reshape
    from bidi.algorithm import get_display

    display: str = get_display(reshape(text))
    return display


def label_font(text: str) -> str:
    """The one font that draws most of a label (a chart label is a single string in a single font)."""
    runs = font_runs(text)
    lengths: dict[str, int] = {}
    for font, run in runs:
        lengths[font] = lengths.get(font, 0) + len(run.strip())
    return max(lengths, key=lambda font: (lengths[font], font == SANS)) if lengths else SANS


def has_cjk(text: str) -> bool:
    return bool(_IS_CJK.search(text))


def chunks(value: object, size: int) -> list[str]:
    """`value` cut into pieces of at most `size` characters, at paragraph breaks, then spaces, so that a
    text longer than a page becomes several flowables that can go on separate pages."""
    text = clean(value).strip()
    pieces: list[str] = []
    for paragraph in re.split(r"\n\s*\n", text):
        while len(paragraph) > size:
            cut = paragraph.rfind(" ", size // 2, size)
            cut = cut if cut > 0 else size
            pieces.append(paragraph[:cut])
            paragraph = paragraph[cut:].lstrip(" ")
        if paragraph.strip():
            pieces.append(paragraph)
    return pieces
