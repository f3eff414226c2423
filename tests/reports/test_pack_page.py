"""The page of a briefing pack as a reader meets it: the marking at the top and foot of every page, dates
written out, the title with the debate and year, bookmarks shown on opening, the language set; no heading
left at the foot of a page, a running footer that never cuts the title, and a short section that flows on
instead of taking a page."""

from __future__ import annotations

import random
import subprocess
from datetime import timedelta

import pytest
from briefing_helpers import DEBATE_DAY, TODAY, add_question, squeeze
from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import NextPageTemplate, PageBreak, Table
from sqlalchemy import select

from r2p_desktop.core.formatting import long_date
from r2p_desktop.core.models import Body, Debate
from r2p_desktop.reports import PackOptions, export_pack
from r2p_desktop.reports.export import Progress
from r2p_desktop.reports.layout import MARKINGS, BriefingDocument, Heading, canvas_class, para
from r2p_desktop.reports.pack_data import Pack
from r2p_desktop.reports.text import SANS_BOLD, register_fonts


def pages_text(path) -> list[str]:
    """Each page's text as pdftotext lays it out."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


def markings(path) -> list[list[tuple[float, float, float]]]:
    """Per page, (x, y, font size) of each run of text that is the protective marking."""
    found = []
    for page in PdfReader(str(path)).pages:
        runs: list[tuple[float, float, float]] = []

        def visit(text, cm, tm, font, size, runs=runs):
            if text.strip() in MARKINGS.values():
                scale = cm[0] or 1
                runs.append((tm[4] * scale + cm[4], tm[5] * scale + cm[5], size * (tm[0] or 1) * scale))

        page.extract_text(visitor_text=visit)
        found.append(runs)
    return found


@pytest.mark.parametrize("audience", ["committee", "public"])
def test_the_marking_is_centred_at_the_top_and_foot_of_every_page_in_a_size_a_reader_notices(
        database, record, tmp_path, audience):
    result = export_pack(database, PackOptions(debate_id=record["debate"], audience=audience), tmp_path / "p.pdf")
    register_fonts()
    width, height = (float(x) for x in PdfReader(str(result.path)).pages[0].mediabox[2:])
    centred_x = (width - stringWidth(MARKINGS[audience], SANS_BOLD, 9.5)) / 2
    for number, runs in enumerate(markings(result.path), start=1):
        assert len(runs) == 2, f"page {number}: {runs}"
        (x_top, y_top, size_top), (x_foot, y_foot, size_foot) = sorted(runs, key=lambda run: -run[1])
        assert y_top > height - 20 * 72 / 25.4 and y_foot < 15 * 72 / 25.4, f"page {number}"
        assert abs(x_top - centred_x) < 1 and abs(x_foot - centred_x) < 1, f"page {number}"
        assert size_top >= 9 and size_foot >= 9


def test_the_pdf_opens_with_bookmarks_and_title_and_says_its_language(database, record, tmp_path):
    result = export_pack(database, PackOptions(debate_id=record["debate"]), tmp_path / "p.pdf")
    reader = PdfReader(str(result.path))
    catalog = reader.trailer["/Root"]
    assert catalog["/PageMode"] == "/UseOutlines"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert catalog["/Lang"] == "en"
    assert reader.metadata.title == f"Annual debate briefing pack: Annual R2P debate {DEBATE_DAY.year}"


def test_the_cover_carries_the_debate_and_year_and_writes_its_dates_out(database, record, tmp_path):
    result = export_pack(database, PackOptions(debate_id=record["debate"]), tmp_path / "p.pdf")
    cover = pages_text(result.path)[0]
    assert squeeze(f"Annual debate briefing pack: Annual R2P debate {DEBATE_DAY.year}") in squeeze(cover)
    assert f"Prepared   {long_date(TODAY)}" in cover or squeeze(f"Prepared{long_date(TODAY)}") in squeeze(cover)
    assert long_date(DEBATE_DAY) in cover  # the debate's day, under the title
    previous = TODAY - timedelta(300) + timedelta(days=1)
    assert squeeze(f"Period {long_date(previous)} to {long_date(DEBATE_DAY)}") in squeeze(cover)
    assert TODAY.isoformat() not in cover and DEBATE_DAY.isoformat() not in cover


def test_the_running_footer_and_header_never_cut_a_long_title_or_committee(database, record, tmp_path):
    committee = "Joint Standing Committee of Both Houses on Human Rights, Atrocity Prevention and the " \
                "Responsibility to Protect, with its Subcommittee on Early Warning"
    with database.session() as s:
        debate = s.get(Debate, record["debate"])
        debate.title = "Annual debate on the government's statement on the Responsibility to Protect, " \
                       "atrocity prevention and the national early-warning mechanism"
        s.commit()
    result = export_pack(database, PackOptions(debate_id=record["debate"], committee=committee), tmp_path / "p.pdf")
    title = squeeze(f"Annual debate briefing pack: Annual debate on the government's statement on the "
                    f"Responsibility to Protect, atrocity prevention and the national early-warning mechanism "
                    f"{DEBATE_DAY.year}")
    for number, page in enumerate(pages_text(result.path)[1:], start=2):
        text = squeeze(page)
        assert title in text and squeeze(committee) in text and f"Page{number}of{result.pages}" in text


def fill_then(doc_story, tmp_path, name="keep.pdf"):
    """Lay out a story on the pack's body pages; returns the pages' texts."""
    register_fonts()
    pack = Pack("questions", "Question status report", "", "Committee", "committee", TODAY, None, None, [])
    path = tmp_path / name
    with open(path, "wb") as file:
        document = BriefingDocument(file, pack, "a4", Progress(None, None))
        document.build([NextPageTemplate("body"), PageBreak(), *doc_story],
                       canvasmaker=canvas_class(document.section_pages))
    return pages_text(path)


def body_lines(page: str) -> list[str]:
    """A page's lines between the running header and footer."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return [line for line in lines[2:] if "Page " not in line and not line.startswith("Question status report")]


@pytest.mark.parametrize(("style", "follows"), [("h1", "paragraph"), ("h2", "paragraph"), ("h3", "paragraph"),
                                                ("label", "paragraph"), ("h2", "table"), ("label", "table")])
def test_a_heading_is_never_the_last_line_of_a_page_wherever_it_falls(tmp_path, style, follows):
    """The heading is put after 40 to 64 lines of filler, so that across the runs it falls at every place
    near the foot of the page: it always has the start of what follows below it on the same page."""
    register_fonts()
    for filler in range(40, 65):
        after = (para("The text the heading introduces, long enough for two lines of it on the page. " * 3)
                 if follows == "paragraph" else
                 Table([["Record", "Status"], ["WQ-1", "Answered"], ["WQ-2", "Tabled"]], repeatRows=1))
        heading = (Heading("THE HEADING", style, "k", 0) if style != "label" else para("THE HEADING", "label"))
        story = [para(f"Filler line {n}.") for n in range(filler)] + [heading, after]
        pages = fill_then(story, tmp_path)
        for page in pages[1:]:  # the first is the blank page the story's page break leaves
            assert body_lines(page)[-1] != "THE HEADING", f"{style} after {filler} lines"
        assert any("THE HEADING" in page for page in pages)


def test_no_page_of_a_long_pack_ends_with_a_heading(database, record, tmp_path):
    """A questions pack of 120 questions of every length: no page's last line of text is a question's,
    a status's or a section's heading."""
    shuffle = random.Random(15)
    with database.session() as s:
        ministry = s.scalars(select(Body).where(Body.abbreviation == "MFA")).one()
        for n in range(120):
            words = " ".join(["Question wording about atrocity prevention."] * shuffle.randint(1, 40))
            status = shuffle.choice(["answered", "tabled", "holding_answer", "closed"])
            answer = {"answer": "An answer. " * shuffle.randint(1, 60)} if status == "answered" else {"status": status}
            add_question(s, reference=f"LQ-{n:03d}", title=f"Long pack question {n}", text=words,
                         addressed_to=ministry, **answer)
        s.commit()
    result = export_pack(database, PackOptions(pack="questions"), tmp_path / "q.pdf")
    reader = PdfReader(str(result.path))
    headings = {item.title for item in reader.outline if not isinstance(item, list)}
    headings |= {item.title for items in reader.outline if isinstance(items, list) for item in items}
    headings |= {f"LQ-{n:03d} — Long pack question {n}" for n in range(120)}
    pages = pages_text(result.path)
    assert len(pages) > 20
    for number, page in enumerate(pages[1:], start=2):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        last = next(line for line in reversed(lines[:-2]) if not line.startswith("Question status report"))
        assert last not in headings, f"page {number} ends with the heading {last!r}"


def test_an_empty_section_is_a_line_not_a_page(database, record, tmp_path):
    """The record has no documents for the debate: that section says so in a line on the page of the
    section before it, instead of a page of its own."""
    result = export_pack(database, PackOptions(debate_id=record["debate"]), tmp_path / "p.pdf")
    reader = PdfReader(str(result.path))
    page_of = {item.title: reader.get_destination_page_number(item) for item in reader.outline
               if not isinstance(item, list)}
    assert page_of["Documents for the debate"] == page_of["Follow-ups still open"]
    assert page_of["Questions since the previous debate"] > page_of["Atrocity risk assessment"]  # long: a new page
