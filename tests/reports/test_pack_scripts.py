"""Briefing packs print every script a committee's records may hold: a multi-line Arabic or Hebrew answer
reads in the right line order, right-aligned, and every word of it is found by a search; Thai,
Devanagari and emoji print in shipped fonts; a character no shipped font draws prints as a visible
placeholder, never as a box or a gap; and characters beyond U+FFFF extract without a reader's warning."""

from __future__ import annotations

import logging
import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from briefing_helpers import add_question, squeeze
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4

from r2p_desktop.reports import PackOptions, export_pack
from r2p_desktop.reports.layout import MARGIN

# Three sentences, long enough to wrap onto three or more lines, with a Latin word and a year inside.
ARABIC = ("تتحمل كل دولة مسؤولية حماية سكانها من الإبادة الجماعية وجرائم الحرب والتطهير العرقي والجرائم ضد "
          "الإنسانية وهو ما يعرف بمبدأ (R2P) في الأمم المتحدة. وقد أقر زعماء العالم هذا المبدأ بالإجماع في "
          "مؤتمر القمة العالمي لعام 2005 في نيويورك. ويجب على البرلمان أن يراقب كل عام ما تفعله الحكومة لمنع "
          "هذه الجرائم وأن يسأل الوزراء عن وعودهم.")
HEBREW = ("האחריות להגן (R2P) היא עיקרון שאומץ פה אחד בפסגה העולמית של האומות המאוחדות בשנת 2005 בניו יורק. "
          "כל מדינה אחראית להגן על אוכלוסייתה מפני רצח עם ופשעי מלחמה וטיהור אתני ופשעים נגד האנושות. "
          "הפרלמנט צריך לפקח בכל שנה על מה שהממשלה עושה כדי למנוע את הפשעים האלה ולשאול את השרים על הבטחותיהם.")
THAI = "รัฐสภาติดตามความรับผิดชอบในการคุ้มครอง"
DEVANAGARI = "संरक्षण की ज़िम्मेदारी संसद"
EMOJI = "\U0001F600\U0001F44D"  # beyond U+FFFF, from Symbola (DejaVu has the first)
EXTENSION_B = "\U00020000"  # a CJK Extension B ideograph no shipped font draws


def _export(database, tmp_path, answer: str):
    with database.session() as session:
        add_question(session, reference="WQ-77", title="Question in another script", answer=answer)
        session.commit()
    out = tmp_path / "pack.pdf"
    export_pack(database, PackOptions(pack="questions", audience="public", committee="Committee"), out)
    return out


def _layout_text(path) -> str:
    """pdftotext's page text, NFKC-normalised, without the direction marks it wraps right-to-left runs in
    (it writes each line left to right as drawn; the marks tell a reader's software the direction)."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return re.sub("[\u202a-\u202e]", "", unicodedata.normalize("NFKC", text))


def _passage_lines(path) -> list[tuple[float, float]]:
    """The left and right ends of each line of right-to-left text (a line of three or more words in Arabic
    or Hebrew letters), top to bottom, from pdftotext's word boxes."""
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    lines: dict[tuple[int, float], list[tuple[float, float, str]]] = {}
    for page, chunk in enumerate(html.split("<page ")):
        for x_min, y_min, x_max, word in re.findall(
                r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', chunk):
            lines.setdefault((page, round(float(y_min))), []).append((float(x_min), float(x_max), word))
    right_to_left = [boxes for _, boxes in sorted(lines.items())
                     if sum(bool(re.search("[\u0590-\u06ff\ufb1d-\ufefc]", word)) for _, _, word in boxes) >= 3]
    return [(min(box[0] for box in boxes), max(box[1] for box in boxes)) for boxes in right_to_left]


@pytest.mark.parametrize("passage", [ARABIC, HEBREW], ids=["arabic", "hebrew"])
def test_a_right_to_left_passage_reads_in_order_right_aligned_and_searchable(database, tmp_path, passage):
    out = _export(database, tmp_path, passage)
    text = _layout_text(out)
    # Every word of the passage is found by a search, once the presentation forms are normalised.
    for word in re.findall(r"\S+", passage):
        assert word.strip(".()") in text, word
    # Each line holds a stretch of the passage in reading order (pdftotext puts a right-to-left line back
    # into logical order), "(R2P)" and "2005" in their places, and the lines follow each other in order:
    # together they are the passage.
    def words_of(line: str) -> str:
        return " ".join(re.sub(r"[.()]", " ", line).split())

    lines = [words_of(line) for line in text.splitlines() if sum(word in line for word in passage.split()) >= 3]
    assert len(lines) >= 3, lines
    # (without spaces: pdftotext moves the space beside a left-to-right run such as "(R2P)" to its far side)
    assert squeeze(" ".join(lines)) == squeeze(words_of(passage)), lines
    # Right-aligned: every line ends at the frame's right edge (A4 less its 20 mm margin), and the last,
    # shorter line starts to the right of its left edge.
    drawn = _passage_lines(out)
    assert len(drawn) >= 3, drawn
    right_edge, left_edge = A4[0] - MARGIN, MARGIN
    assert all(abs(right - right_edge) < 1.5 for _, right in drawn), drawn
    assert drawn[-1][0] > left_edge + 10, drawn


def test_an_arabic_phrase_in_an_english_paragraph_reads_right_to_left_in_its_place(database, tmp_path):
    phrase = "مجلس النواب يراقب الحكومة"
    out = _export(database, tmp_path, f"The motion reads {phrase} in the original, as tabled.")
    # (without spaces: pdftotext moves the space beside a right-to-left run to its far side)
    assert squeeze(f"The motion reads {phrase} in the original, as tabled.") in squeeze(_layout_text(out))


def test_thai_devanagari_and_emoji_print_in_shipped_fonts(database, tmp_path, caplog):
    out = _export(database, tmp_path, f"{THAI} {DEVANAGARI} {EMOJI} end")
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        text = "\n".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert not [r for r in caplog.records if "hex string" in r.getMessage()], caplog.text  # valid ToUnicode maps
    assert squeeze(THAI) in squeeze(text)
    assert EMOJI in squeeze(text)  # characters beyond U+FFFF come back out of the text layer
    # A conjunct (the क्ष of संरक्षण) is a glyph of its own with no character of its own: ReportLab gives it
    # a private-use code, so a search finds the words without conjuncts only.
    assert "संसद" in text and "मेदारी" in text
    fonts = {font.get_object()["/BaseFont"].split("+", 1)[-1] for page in PdfReader(str(out)).pages
             for font in page["/Resources"]["/Font"].values()}
    assert {"NotoSansThai-Regular", "NotoSansDevanagari-Regular", "Symbola"} <= fonts, fonts


def test_a_character_no_font_draws_prints_as_a_visible_placeholder(database, tmp_path, caplog):
    out = _export(database, tmp_path, f"before {EXTENSION_B} after")
    with caplog.at_level(logging.WARNING, logger="pypdf"):
        text = squeeze("\n".join(page.extract_text() for page in PdfReader(str(out)).pages))
    assert not caplog.records, caplog.text
    assert "before[U+20000]after" in text


def _contrast_with_white(hex_colour: str) -> float:
    """The WCAG 2 contrast ratio of a colour against white."""
    channels = [int(hex_colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


def test_every_colour_text_is_printed_in_reads_against_white():
    from r2p_desktop.reports import charts, layout, record_sections

    used = {*charts.STATUS_COLOURS.values(), *charts.LEVEL_COLOURS.values(), *record_sections.CHANGE_COLOURS.values(),
            layout.NAVY.hexval()[2:], layout.GREY.hexval()[2:]}
    # and every colour the packs' markup names (<font color='#...'>), in any of the reports' modules
    for module in Path(charts.__file__).parent.glob("*.py"):
        used |= set(re.findall(r"color=['\"]?(#[0-9A-Fa-f]{6})", module.read_text(encoding="utf-8")))
    weak = {colour: round(_contrast_with_white(f"#{colour.lstrip('#')}"), 2) for colour in used
            if _contrast_with_white(f"#{colour.lstrip('#')}") < 4.5}
    assert not weak, weak


def _drawn_words(drawing, tmp_path) -> list[tuple[float, float, str]]:
    from reportlab.graphics import renderPDF

    from r2p_desktop.reports.text import register_fonts

    register_fonts()
    out = tmp_path / "chart.pdf"
    renderPDF.drawToFile(drawing, str(out))
    html = subprocess.run(["pdftotext", "-bbox", str(out), "-"], capture_output=True, text=True, check=True).stdout
    return [(float(a), float(b), word) for a, b, word in
            re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>', html)]


def test_chart_labels_stay_inside_the_chart_and_name_the_status(tmp_path):
    from r2p_desktop.reports import charts

    width = 240
    ministries = [("Ministry of Foreign Affairs, International Cooperation and the Responsibility to Protect", 1234,
                   1234), ("وزارة الشؤون الخارجية والتعاون الدولي ومسؤولية الحماية", 50, 20), ("MFA", 9, 3)]
    drawings = [charts.on_time_bars(ministries, width, 120),
                charts.status_bars("Questions by status, a title far too long to fit in the chart's own width",
                                   [("answered", 1200), ("holding_answer", 30), ("not_applicable", 4)], width, 120)]
    for drawing in drawings:
        words = _drawn_words(drawing, tmp_path)
        assert words
        # renderPDF puts the drawing at the page's origin: nothing left of 0 or right of its width
        assert all(x_min >= -0.5 and x_max <= width + 0.5 for x_min, x_max, _ in words), words
    text = " ".join(word for _, _, word in _drawn_words(drawings[0], tmp_path))
    assert "…" in text and "100%" in text and "(1234" in text
    statuses = " ".join(word for _, _, word in _drawn_words(drawings[1], tmp_path))
    assert {"Answered", "Holding", "applicable", "1200"} <= set(statuses.split()), statuses  # the word, not colour


def test_a_question_titled_in_arabic_prints_its_heading_and_the_annex_links_to_it(database, tmp_path):
    # The heading carries the annex's link target; ReportLab's shaping failed on it ("list index out of range").
    with database.session() as session:
        add_question(session, reference="WQ-78", title="الإنذار المبكر بالجرائم الفظيعة", answer=ARABIC)
        session.commit()
    out = tmp_path / "pack.pdf"
    export_pack(database, PackOptions(pack="questions", committee="Committee"), out)
    reader = PdfReader(out)
    heading_page = next(n for n, page in enumerate(reader.pages) if "ANSWER" in page.extract_text())
    targets = [reader.get_page_number(annotation.get_object()["/Dest"][0])
               for page in reader.pages[heading_page + 1:] for annotation in page.get("/Annots") or []
               if "/Dest" in annotation.get_object()]
    assert heading_page in targets  # the annex's WQ-78 lands on its heading's page
    assert squeeze("الإنذار المبكر بالجرائم الفظيعة") in squeeze(_layout_text(out))
