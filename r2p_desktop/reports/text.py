"""User text into ReportLab markup that prints exactly as typed: escaped, control characters dropped,
Arabic joined and put in right-to-left order, Chinese and Japanese in a CJK font; and fonts embedded.

Paragraph markup is ReportLab's mini-HTML, so every user string passes through `markup` and nothing else
reaches a Paragraph unescaped."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from ..core.errors import R2PError

SANS, SANS_BOLD, SANS_ITALIC, SANS_BOLD_ITALIC, CJK = "R2PSans", "R2PSans-Bold", "R2PSans-Oblique", \
    "R2PSans-BoldOblique", "R2PCJK"

# (registered name, file name, where Debian puts it, the package that provides it). The files ship in
# resources/fonts (with their licences), so packs print the same on Windows, macOS and Linux; Debian's
# folder is only a fallback for a distribution package that drops the bundled copies for its own.
_FONT_FILES = (
    (SANS, "DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu", "fonts-dejavu-core"),
    (SANS_BOLD, "DejaVuSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu", "fonts-dejavu-core"),
    (SANS_ITALIC, "DejaVuSans-Oblique.ttf", "/usr/share/fonts/truetype/dejavu", "fonts-dejavu-core"),
    (SANS_BOLD_ITALIC, "DejaVuSans-BoldOblique.ttf", "/usr/share/fonts/truetype/dejavu", "fonts-dejavu-core"),
    (CJK, "wqy-microhei.ttc", "/usr/share/fonts/truetype/wqy", "fonts-wqy-microhei"),
)

# Characters that would corrupt the PDF text or that no font draws: C0/C1 controls but tab and newline,
# lone surrogates, and the non-characters.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_CJK = ("\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\ua960-\ua97f\uac00-\ud7ff"
        "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff")
_NEEDS_CARE = re.compile(f"[{_ARABIC}{_CJK}]")
# A run of Arabic: Arabic letters with the spaces, digits and punctuation between them.
_RUNS = re.compile(f"(?P<arabic>[{_ARABIC}](?:[{_ARABIC}\\s\\d.,:;!?'\"()\\-]*[{_ARABIC}])?)|(?P<cjk>[{_CJK}]+)")


def font_path(file_name: str, folder: str, package: str) -> Path:
    """The shipped file in resources/fonts (a file put there wins), else the system's copy."""
    from .. import paths

    for candidate in (paths.resource("fonts", file_name), Path(folder) / file_name):
        if candidate.is_file():
            return candidate
    raise R2PError(f"the font {file_name} is missing from R2P Desktop's resources/fonts folder: reinstall "
                   f"R2P Desktop, or on Debian install the package {package} (apt-get install {package})")


@cache
def register_fonts() -> None:
    """Register the pack's fonts with ReportLab once; TrueType fonts are always embedded (subset)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, file_name, folder, package in _FONT_FILES:
        path = font_path(file_name, folder, package)  # of a .ttc collection, TTFont takes the first face
        pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(SANS, normal=SANS, bold=SANS_BOLD, italic=SANS_ITALIC, boldItalic=SANS_BOLD_ITALIC)
    from reportlab.graphics.shapes import STATE_DEFAULTS

    # Charts start from this font; left as Helvetica, every page would name a font that is not embedded.
    STATE_DEFAULTS["fontName"] = SANS
    for bold in (0, 1):  # one CJK face stands in for bold and italic too
        for italic in (0, 1):
            addMapping(CJK, bold, italic, CJK)


def clean(value: object) -> str:
    """A value as printable text: None is empty, control characters go, line ends become \\n."""
    if value is None:
        return ""
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ")
    return _UNPRINTABLE.sub("", text)


def visual(text: str) -> str:
    """Text as it must be laid out left to right: Arabic runs joined and reordered, the rest unchanged.

    For plain labels (chart axes); paragraphs use `markup`."""
    text = clean(text)
    if not _NEEDS_CARE.search(text):
        return text
    return _RUNS.sub(lambda m: _arabic(m.group()) if m.group("arabic") else m.group(), text)


def _arabic(run: str) -> str:
    from arabic_reshaper import reshape
    from bidi.algorithm import get_display

    display: str = get_display(reshape(run))
    return display


def markup(value: object) -> str:
    """Paragraph markup that prints `value` literally, with the right font for each run of script."""
    text = clean(value)
    if not _NEEDS_CARE.search(text):
        return escape(text).replace("\n", "<br/>")
    parts, position = [], 0
    for match in _RUNS.finditer(text):
        parts.append(escape(text[position:match.start()]))
        if match.group("arabic"):
            parts.append(escape(_arabic(match.group())))
        else:
            parts.append(f'<font name="{CJK}">{escape(match.group())}</font>')
        position = match.end()
    parts.append(escape(text[position:]))
    return "".join(parts).replace("\n", "<br/>")


def has_cjk(text: str) -> bool:
    return bool(re.search(f"[{_CJK}]", text))


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
