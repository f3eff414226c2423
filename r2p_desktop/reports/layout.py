"""The page: paper, styles, the protective marking at the top and foot of every page, running header and
footer with "Page X of Y", the cover, the contents with page numbers and links, PDF bookmarks, and the
build that writes the file in a single pass.

"Y" and the contents' page numbers are PDF form objects drawn where they are needed and defined when the
canvas is saved, once every page is known; so the pack is laid out once, not twice as multiBuild would.

Memory stays bounded as packs grow: the story is fed to ReportLab a piece at a time (each section made only
when the layout reaches it, and its flowables dropped once laid out), and each page's drawing is
compressed as soon as the page is finished instead of being held as text until the file is saved."""

from __future__ import annotations

import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import IO, Any, ClassVar

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from ..core.formatting import human_label, long_date
from .colophon import colophon_lines
from .export import Progress
from .pack_data import Agenda, Pack, Section
from .text import SANS, SANS_BOLD, clean, markup, paragraph, paragraph_style, register_fonts

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN, TOP, BOTTOM = 20 * mm, 24 * mm, 22 * mm
NAVY, GREY, LIGHT = colors.HexColor("#1F3A5F"), colors.HexColor("#5F6B7A"), colors.HexColor("#E8EDF3")
MARKINGS = {"public": "PUBLIC", "committee": "COMMITTEE IN CONFIDENCE – NOT FOR PUBLICATION"}
PAGE_COUNT_FORM = "r2pPageCount"
MARKING_SIZE, RUNNING_SIZE = 9.5, 7.5  # the marking in bold at a size a reader notices; header and footer
FEED = 200  # flowables handed to ReportLab at a time: its list of what is left is copied at every step
SHORT_SECTION = 6  # flowables: an empty section with no more, and a third of a page high at most, needs no page


BASE_STYLE = ParagraphStyle("base", fontName=SANS, fontSize=9.5, leading=13, textColor=colors.black)
STYLES = {  # each starts from BASE_STYLE, its parent
    "cover_title": ParagraphStyle("cover_title", BASE_STYLE, fontName=SANS_BOLD, fontSize=26, leading=32,
                                  textColor=NAVY),
    "cover_sub": ParagraphStyle("cover_sub", BASE_STYLE, fontSize=14, leading=19, textColor=GREY),
    "cover_fact": ParagraphStyle("cover_fact", BASE_STYLE, fontSize=11, leading=16),
    "h1": ParagraphStyle("h1", BASE_STYLE, fontName=SANS_BOLD, fontSize=17, leading=22, textColor=NAVY, spaceAfter=8,
                         keepWithNext=1),
    "h2": ParagraphStyle("h2", BASE_STYLE, fontName=SANS_BOLD, fontSize=12.5, leading=16, textColor=NAVY,
                         spaceBefore=10, spaceAfter=4, keepWithNext=1),
    "h3": ParagraphStyle("h3", BASE_STYLE, fontName=SANS_BOLD, fontSize=10.5, leading=14, spaceBefore=8,
                         spaceAfter=1, keepWithNext=1),
    "body": ParagraphStyle("body", BASE_STYLE, spaceAfter=4),
    "label": ParagraphStyle("label", BASE_STYLE, fontName=SANS_BOLD, fontSize=8, leading=11, textColor=GREY,
                            spaceBefore=3, keepWithNext=1),
    "meta": ParagraphStyle("meta", BASE_STYLE, fontSize=8, leading=11, textColor=GREY, spaceAfter=2),
    "cell": ParagraphStyle("cell", BASE_STYLE, fontSize=8, leading=10.5),
    "cell_right": ParagraphStyle("cell_right", BASE_STYLE, fontSize=8, leading=10.5, alignment=TA_RIGHT),
    "cell_head": ParagraphStyle("cell_head", BASE_STYLE, fontName=SANS_BOLD, fontSize=8, leading=10.5,
                                textColor=colors.white),
    "figure": ParagraphStyle("figure", BASE_STYLE, fontName=SANS_BOLD, fontSize=18, leading=22, textColor=NAVY),
    "figure_label": ParagraphStyle("figure_label", BASE_STYLE, fontSize=8, leading=10, textColor=GREY),
    "note": ParagraphStyle("note", BASE_STYLE, fontSize=8.5, leading=12, textColor=GREY, spaceBefore=4),
}


def para(value: object, style: str = "body") -> Paragraph:
    """A paragraph of user text, printed literally (shaped, and right-aligned if right to left, as needed)."""
    text = markup(value)
    return Paragraph(text, paragraph_style(text, STYLES[style]))


class Heading(Paragraph):
    """A heading that becomes a PDF bookmark (and, for sections and their parts, a contents entry)."""

    def __init__(self, text: str, style: str, key: str, level: int) -> None:
        super().__init__(markup(text), paragraph_style(text, STYLES[style]))
        self.bookmark = (key, text, level)


class ContentsLine(Flowable):
    """One line of the contents: title, dot leader, and the page number, which links to the section."""

    def __init__(self, title: str, key: str, level: int) -> None:
        super().__init__()
        self.title, self.key, self.level = title, key, level

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return available_width, 20 if self.level == 0 else 15

    def draw(self) -> None:
        canvas, indent = self.canv, 14 * self.level
        font, size = (SANS_BOLD, 10.5) if self.level == 0 else (SANS, 9.5)
        canvas.setFont(font, size)
        canvas.setFillColor(NAVY if self.level == 0 else colors.black)
        canvas.drawString(indent, 5, self.title)
        end = indent + canvas.stringWidth(self.title, font, size) + 6
        canvas.setFillColor(GREY)
        canvas.setFont(SANS, 8)
        dots = "." * max(int((self.width - 36 - end) / canvas.stringWidth(". ", SANS, 8)), 0)
        canvas.drawString(end, 5, " ".join(dots))
        canvas.saveState()
        canvas.translate(self.width, 5)
        canvas.setFillColor(colors.black)
        canvas.doForm(f"r2pToc{self.key}")
        canvas.restoreState()
        canvas.linkRect("", self.key, (0, 0, self.width, 16), relative=1, thickness=0)


class PackCanvas(Canvas):
    """Defines the forms the pages refer to ("of Y", contents page numbers) when the file is saved; opens
    with the bookmarks shown and the title, not the file name, in the window; compresses each page as it
    is finished."""

    section_pages: ClassVar[dict[str, int]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = kwargs.get("initialFontName") or SANS  # not Helvetica, which is not embedded
        super().__init__(*args, **kwargs)
        self.showOutline()  # /PageMode /UseOutlines
        self.setViewerPreference("DisplayDocTitle", "true")

    def showPage(self) -> None:
        super().showPage()
        # ReportLab keeps every page's drawing as text until save (and compresses it only then): for a
        # 6,000-page pack that is a hundred megabytes held to the end. Compressed now, it is a tenth.
        page = self._doc.Pages.pages[-1]  # type: ignore[attr-defined]  # private to ReportLab
        if self._pageCompression and page.stream:  # type: ignore[attr-defined]
            flate = PDFDictionary({"Filter": PDFArray([PDFName("FlateDecode")])})
            page.Contents = PDFStream(flate, zlib.compress(page.stream.encode("utf-8")))
            page.stream = None

    def save(self) -> None:
        # _code: the drawing of the page begun and not yet shown (pageHasData() would say, but has it backwards)
        if len(self._code):  # type: ignore[attr-defined]  # private to ReportLab, so not in types-reportlab
            self.showPage()
        pages = self.getPageNumber() - 1
        self._define(PAGE_COUNT_FORM, str(pages), right=False)
        for key, page in self.section_pages.items():
            self._define(f"r2pToc{key}", str(page), right=True)
        super().save()

    def _define(self, name: str, text: str, *, right: bool) -> None:
        self.beginForm(name, lowerx=-80, lowery=-4, upperx=80, uppery=14)
        self.setFont(SANS_BOLD if right else SANS, 9 if right else RUNNING_SIZE)
        (self.drawRightString if right else self.drawString)(0, 0, text)
        self.endForm()


def canvas_class(section_pages: dict[str, int]) -> type[PackCanvas]:
    return type("BoundPackCanvas", (PackCanvas,), {"section_pages": section_pages})


def debate_line(pack: Pack) -> str:
    """A debate pack's debate and year ("Annual R2P debate 2026"); empty for the other packs."""
    debate = next((s.data.debate for s in pack.sections if isinstance(s.data, Agenda)), None)
    if debate is None:
        return ""
    year = str(debate.date.year if debate.date else (pack.until or pack.today).year)
    return debate.title if year in debate.title else f"{debate.title} {year}"


def full_title(pack: Pack) -> str:
    """The title the cover, the footer and the file's metadata carry: with the debate and year."""
    debate = debate_line(pack)
    return f"{pack.title}: {debate}" if debate else pack.title


def details(pack: Pack) -> str:
    """What the pack covers, under its title: the debate's chamber and day, else the pack's subtitle."""
    debate = next((s.data.debate for s in pack.sections if isinstance(s.data, Agenda)), None)
    if debate is not None:
        return " · ".join(p for p in (debate.chamber, long_date(debate.date)) if p)
    return pack.subtitle


def period(pack: Pack) -> str:
    """Pack.period with the dates written out for print."""
    since, until = long_date(pack.since), long_date(pack.until)
    if since and until:
        return f"{since} to {until}"
    return f"from {since}" if since else f"up to {until}" if until else "all records"


class Later(Flowable):
    """The end of the story as ReportLab sees it: the document replaces it with the next piece of the pack
    when the layout reaches it (see BriefingDocument.filterFlowables), so the pack's flowables never all
    exist at once. Never drawn."""

    def __init__(self, pieces: Iterator[tuple[int, list[Flowable]]]) -> None:
        super().__init__()
        self.pieces = pieces

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0


class BriefingDocument(BaseDocTemplate):
    def __init__(self, file: IO[bytes], pack: Pack, paper: str, report: Progress) -> None:
        self.pack, self.report = pack, report
        self.section_pages: dict[str, int] = {}
        self.done, self.total = 0, 1  # records laid out, of all the pack's: the progress of the layout
        super().__init__(
            file, pagesize=PAPERS[paper], leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP,
            bottomMargin=BOTTOM, title=full_title(pack), author=pack.committee,
            subject=f"{full_title(pack)} · {details(pack) or period(pack)} · {MARKINGS[pack.audience]}",
            creator="R2P Desktop", producer="R2P Desktop (ReportLab)", keywords=[], lang="en")
        width, height = self.pagesize
        body = Frame(MARGIN, BOTTOM, width - 2 * MARGIN, height - TOP - BOTTOM, id="body", leftPadding=0,
                     rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(MARGIN, BOTTOM, width - 2 * MARGIN, height - 2 * BOTTOM, id="cover", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("cover", [cover], onPage=self._cover_page),
                               PageTemplate("body", [body], onPage=self._body_page)])

    def _marking(self, canvas: Canvas, y: float, colour: colors.Color | None = None) -> None:
        """The protective marking, centred, bold, at a size a reader notices."""
        width, _ = self.pagesize
        canvas.setFont(SANS_BOLD, MARKING_SIZE)
        canvas.setFillColor(colour or (colors.HexColor("#B5452B") if self.pack.audience != "public" else NAVY))
        canvas.drawCentredString(width / 2, y, MARKINGS[self.pack.audience])

    def _cover_page(self, canvas: Canvas, _doc: object) -> None:
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFillColor(NAVY)
        canvas.rect(0, height - 14 * mm, width, 14 * mm, stroke=0, fill=1)
        self._marking(canvas, height - 8.5 * mm, colors.white)
        self._marking(canvas, 8 * mm)
        canvas.restoreState()

    def _body_page(self, canvas: Canvas, _doc: object) -> None:
        """Header (committee, then the marking) and footer (title, marking, "Page X of Y"), drawn in that
        order so that text extracted from a page reads committee … page number between the pages' bodies."""
        width, height = self.pagesize
        header, footer, x = self._running_texts
        canvas.saveState()
        canvas.setFont(SANS, RUNNING_SIZE)
        canvas.setFillColor(GREY)
        for n, line in enumerate(header):
            canvas.drawString(MARGIN, height - 15 * mm - n * 3.2 * mm, line)
        self._marking(canvas, height - 9.5 * mm)
        canvas.setStrokeColor(LIGHT)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN, height - 15 * mm - len(header) * 3.2 * mm + 1.5 * mm, width - MARGIN,
                    height - 15 * mm - len(header) * 3.2 * mm + 1.5 * mm)
        canvas.line(MARGIN, 18 * mm, width - MARGIN, 18 * mm)
        canvas.setFillColor(GREY)
        canvas.setFont(SANS, RUNNING_SIZE)
        for n, line in enumerate(footer):
            canvas.drawString(MARGIN, 14.5 * mm - n * 3.2 * mm, line)
        self._marking(canvas, 7 * mm)
        canvas.setFillColor(GREY)
        canvas.setFont(SANS, RUNNING_SIZE)
        label = f"Page {canvas.getPageNumber()} of "
        canvas.drawString(x, 7 * mm, label)
        canvas.translate(x + canvas.stringWidth(label, SANS, RUNNING_SIZE), 7 * mm)
        canvas.doForm(PAGE_COUNT_FORM)
        canvas.restoreState()

    @cached_property
    def _running_texts(self) -> tuple[list[str], list[str], float]:
        """The running header (the committee) and footer (the title with the debate, and what the pack
        covers), each on lines of their own across the page, so neither is ever cut; and where "Page X of
        Y" starts, on the marking's line at the foot. The same on every page, so worked out once."""
        width, _ = self.pagesize
        line = width - 2 * MARGIN
        x = width - MARGIN - stringWidth("Page 8888 of 8888", SANS, RUNNING_SIZE)
        footer = _plain(f"{full_title(self.pack)} · {details(self.pack) or period(self.pack)}")
        return (_lines(_plain(self.pack.committee), line, 2), _lines(footer, line, 2), x)

    def _endBuild(self) -> None:  # BaseDocTemplate's private step after the last page: no public hook there
        self.report.laid_out = True  # every page is laid out: what is left is writing the file
        super()._endBuild()  # type: ignore[misc]  # private to ReportLab, so not in types-reportlab

    def filterFlowables(self, flowables: list[Flowable]) -> None:
        """ReportLab's hook before each flowable: where the story's end is reached, make the next piece."""
        while flowables and isinstance(flowables[0], Later):
            piece = next(flowables[0].pieces, None)
            if piece is None:
                flowables[0] = None  # type: ignore[call-overload]  # ReportLab skips a None and ends the build
                return
            weight, items = piece
            self.done += weight
            flowables[0:0] = items

    def handle_keepWithNext(self, flowables: list[Flowable]) -> None:
        """Keep a heading (h1, h2, h3, label: the styles with keepWithNext) with the start of what follows:
        if the heading and the first lines of the next flowable do not fit, begin a new page. ReportLab's
        own way wraps them in a KeepTogether, which moves the heading on whenever the whole of what follows
        does not fit (a page and a half of white for a heading over a long table)."""
        frame = getattr(self, "frame", None)  # none yet while ReportLab starts the first page
        if frame is None or not flowables[0] or not _keeps(flowables[0]) or frame._atTop:
            return
        # the frame's width, full height and the height left (private to ReportLab)
        width, height, room = frame._aW, frame._aH, frame._y - frame._y1p
        need = 0.0
        for flowable in flowables:
            if isinstance(flowable, Later | type(None)):
                return  # the heading ends the story: nothing follows it
            if isinstance(flowable, CondPageBreak):
                need += flowable.height
                continue
            if _keeps(flowable):
                need += flowable.getSpaceBefore() + flowable.wrap(width, height)[1] + flowable.getSpaceAfter()
                continue
            need += flowable.getSpaceBefore() + _first_lines(flowable, width, height)
            break
        if need > room:
            flowables.insert(0, PageBreak())

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self.report(self.done, self.total, f"laying out page {self.page}")
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:
        mark = getattr(flowable, "bookmark", None)
        if mark is not None:
            key, title, level = mark
            self.canv.bookmarkPage(key)
            # logical order: a PDF viewer lays a bookmark out itself, right-to-left runs included
            self.canv.addOutlineEntry(" ".join(clean(title).split())[:120], key, level=level, closed=level > 0)
            self.section_pages.setdefault(key, self.page)


def _keeps(flowable: Flowable) -> bool:
    return bool(flowable.getKeepWithNext())  # type: ignore[no-untyped-call]  # untyped in types-reportlab


def _first_lines(flowable: Flowable, width: float, height: float) -> float:
    """The height of the least of `flowable` that may follow a heading on a page: two lines of a
    paragraph, the first two rows of a table (its header and a record), else all of it."""
    if isinstance(flowable, Paragraph):
        return 2 * float(flowable.style.leading)
    _, whole = flowable.wrap(width, height)
    if isinstance(flowable, Table):
        rows = getattr(flowable, "_rowHeights", None) or []
        return float(sum(rows[:2])) if rows else float(whole)
    return float(whole)


def _lines(text: str, width: float, most: int) -> list[str]:
    """`text` on lines of `width` in the running font; cut with an ellipsis only beyond `most` lines."""
    lines: list[str] = simpleSplit(text, SANS, RUNNING_SIZE, width) or [""]
    if len(lines) > most:
        last = " ".join(lines[most - 1:])
        while last and stringWidth(last + "…", SANS, RUNNING_SIZE) > width:
            last = last[:-1]
        lines = [*lines[:most - 1], last + "…"]
    return lines


def _plain(text: str) -> str:
    from .text import visual

    return visual(text).replace("\n", " ")


def cover(pack: Pack, contents: list[tuple[str, str, int]]) -> list[Flowable]:
    facts = [("Committee", pack.committee), ("Period", period(pack)), ("Audience", human_label(pack.audience)),
             ("Prepared", long_date(pack.today))]
    story: list[Flowable] = [Spacer(1, 40 * mm), para(pack.committee, "cover_sub"), Spacer(1, 6),
                             para(full_title(pack), "cover_title"), Spacer(1, 4)]
    if details(pack):
        story.append(para(details(pack), "cover_sub"))
    story.append(Spacer(1, 18 * mm))
    story += [paragraph(f"<font color='#5F6B7A'>{label}</font>&nbsp;&nbsp; {markup(value)}", STYLES["cover_fact"])
              for label, value in facts]
    story.append(Spacer(1, 12 * mm))
    marking = ("This pack contains public records only and may be published." if pack.audience == "public" else
               "This pack contains records the committee has not made public. Do not circulate outside the "
               "committee and its secretariat.")
    story.append(para(marking, "note"))
    story += [NextPageTemplate("body"), PageBreak(),
              Heading("Contents", "h1", "contents", 0)]
    story += [ContentsLine(title, key, level) for key, title, level in contents]
    return story


def colophon(pack: Pack) -> list[Flowable]:
    """The pack's last lines: when the record was read, with what options, and the audit trail's anchor."""
    return [Spacer(1, 10 * mm), para("About this pack", "h3"),
            *(para(line, "meta") for line in colophon_lines(pack, "the PDF pack"))]


def pieces(pack: Pack, report: Progress, frame: tuple[float, float]) -> Iterator[tuple[int, list[Flowable]]]:
    """The pack's sections as flowables, each section made only when the layout reaches it and handed over
    in runs of FEED flowables, with the records each run stands for (for the progress). Nothing here keeps
    a flowable once handed over: a laid out paragraph holds its broken lines and weighs several times what
    it did before. A section drawn as an iterator rather than a list is taken a run at a time as well, so
    it is never all made at once."""
    from .sections import story_for

    width, height = frame
    for index, section in enumerate(pack.sections):
        key = f"s{index}"
        report(message=f"preparing {section.title.lower()}")
        drawn: Iterable[Flowable] = story_for(section, key, pack, report)
        heading = Heading(section.title, "h1", key, 0)
        first = list(islice(drawn, SHORT_SECTION + 1))
        story = [_section_break(index, section, [heading, *first], width, height), heading, *first]
        weight = max(section.count, 1)
        if isinstance(drawn, list):
            story += drawn[len(first):]
            del drawn
            story.reverse()  # so that each run is taken from the end, in time proportional to its length
            runs = max(-(-len(story) // FEED), 1)
            for run in range(runs):
                yield (weight * (run + 1) // runs - weight * run // runs,
                       [story.pop() for _ in range(min(FEED, len(story)))])
        else:
            rest = iter(drawn)
            yield 0, story
            while run_of := list(islice(rest, FEED)):
                yield 0, run_of
            yield weight, []


def _section_break(index: int, section: Section, story: list[Flowable], width: float, height: float) -> Flowable:
    """A new page for each section but an empty one (a line saying there is nothing to show), which follows
    on the page of the section before when it fits there: an empty section is a line, not a page."""
    if index == 0 or section.count > 0 or len(story) > SHORT_SECTION:
        return PageBreak()
    needed = sum(f.getSpaceBefore() + f.wrap(width, height)[1] + f.getSpaceAfter() for f in story)
    return CondPageBreak(needed + 12) if needed <= height / 3 else PageBreak()


def write_pack(pack: Pack, paper: str, path: Path, report: Progress) -> int:
    """Lay the pack out on `paper` into `path`; returns the number of pages."""
    register_fonts()
    contents: list[tuple[str, str, int]] = []
    for index, section in enumerate(pack.sections):
        key = f"s{index}"
        contents.append((key, section.title, 0))
        contents += [(f"{key}p{n}", human_label(part), 1) for n, part in enumerate(section.parts)]
    with open(path, "wb") as file:
        document = BriefingDocument(file, pack, paper, report)
        document.total = sum(max(section.count, 1) for section in pack.sections)
        width, height = PAPERS[paper]
        story = [*cover(pack, contents), Later(pieces(pack, report, (width - 2 * MARGIN, height - TOP - BOTTOM))),
                 *colophon(pack)]
        with heartbeat(report, "writing the file"):
            document.build(story, canvasmaker=canvas_class(document.section_pages))
        return document.page


@contextmanager
def heartbeat(report: Progress, message: str, interval: float = 0.5) -> Iterator[None]:
    """Keep reporting progress while ReportLab serialises the file, a step with no hook of its own: the
    thread starts reporting only once the last page is laid out (the report says so)."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(interval):
            if report.laid_out:
                report.beat(message)

    thread = threading.Thread(target=beat, daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
