"""The page: paper, styles, running header and footer with "Page X of Y", the cover, the contents with
page numbers and links, PDF bookmarks, and the build that writes the file in a single pass.

"Y" and the contents' page numbers are PDF form objects drawn where they are needed and defined when the
canvas is saved, once every page is known; so the pack is laid out once, not twice as multiBuild would."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from typing import IO, Any, ClassVar

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from ..core.anchors import Anchor
from ..core.formatting import human_label
from .export import Progress
from .pack_data import Pack
from .text import SANS, SANS_BOLD, clean, markup, paragraph, paragraph_style, register_fonts

PAPERS = {"a4": A4, "letter": LETTER}
MARGIN, TOP, BOTTOM = 20 * mm, 24 * mm, 20 * mm
NAVY, GREY, LIGHT = colors.HexColor("#1F3A5F"), colors.HexColor("#5F6B7A"), colors.HexColor("#E8EDF3")
MARKINGS = {"public": "PUBLIC", "committee": "COMMITTEE IN CONFIDENCE – NOT FOR PUBLICATION"}
PAGE_COUNT_FORM = "r2pPageCount"


BASE_STYLE = ParagraphStyle("base", fontName=SANS, fontSize=9.5, leading=13, textColor=colors.black)
STYLES = {  # each starts from BASE_STYLE, its parent
    "cover_title": ParagraphStyle("cover_title", BASE_STYLE, fontName=SANS_BOLD, fontSize=26, leading=32,
                                  textColor=NAVY),
    "cover_sub": ParagraphStyle("cover_sub", BASE_STYLE, fontSize=14, leading=19, textColor=GREY),
    "cover_fact": ParagraphStyle("cover_fact", BASE_STYLE, fontSize=11, leading=16),
    "h1": ParagraphStyle("h1", BASE_STYLE, fontName=SANS_BOLD, fontSize=17, leading=22, textColor=NAVY, spaceAfter=8),
    "h2": ParagraphStyle("h2", BASE_STYLE, fontName=SANS_BOLD, fontSize=12.5, leading=16, textColor=NAVY,
                         spaceBefore=10, spaceAfter=4, keepWithNext=1),
    "h3": ParagraphStyle("h3", BASE_STYLE, fontName=SANS_BOLD, fontSize=10.5, leading=14, spaceBefore=8,
                         spaceAfter=1),
    "body": ParagraphStyle("body", BASE_STYLE, spaceAfter=4),
    "label": ParagraphStyle("label", BASE_STYLE, fontName=SANS_BOLD, fontSize=8, leading=11, textColor=GREY,
                            spaceBefore=3),
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
    """Defines the forms the pages refer to ("of Y", contents page numbers) when the file is saved."""

    section_pages: ClassVar[dict[str, int]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initialFontName"] = kwargs.get("initialFontName") or SANS  # not Helvetica, which is not embedded
        super().__init__(*args, **kwargs)

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
        self.setFont(SANS_BOLD if right else SANS, 9 if right else 7.5)
        (self.drawRightString if right else self.drawString)(0, 0, text)
        self.endForm()


def canvas_class(section_pages: dict[str, int]) -> type[PackCanvas]:
    return type("BoundPackCanvas", (PackCanvas,), {"section_pages": section_pages})


class BriefingDocument(BaseDocTemplate):
    def __init__(self, file: IO[bytes], pack: Pack, paper: str, report: Progress) -> None:
        self.pack, self.report = pack, report
        self.section_pages: dict[str, int] = {}
        self.total_flowables = 1
        super().__init__(
            file, pagesize=PAPERS[paper], leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP,
            bottomMargin=BOTTOM, title=f"{pack.title}: {pack.committee}", author=pack.committee,
            subject=f"{pack.title} · {pack.subtitle or pack.period} · {MARKINGS[pack.audience]}",
            creator="R2P Desktop", producer="R2P Desktop (ReportLab)", keywords=[], lang="en")
        width, height = self.pagesize
        body = Frame(MARGIN, BOTTOM, width - 2 * MARGIN, height - TOP - BOTTOM, id="body", leftPadding=0,
                     rightPadding=0, topPadding=0, bottomPadding=0)
        cover = Frame(MARGIN, BOTTOM, width - 2 * MARGIN, height - 2 * BOTTOM, id="cover", leftPadding=0,
                      rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate("cover", [cover], onPage=self._cover_page),
                               PageTemplate("body", [body], onPage=self._body_page)])

    def _marking(self, canvas: Canvas, y: float) -> None:
        width, _ = self.pagesize
        canvas.setFont(SANS_BOLD, 7.5)
        canvas.setFillColor(colors.HexColor("#B5452B") if self.pack.audience != "public" else NAVY)
        canvas.drawRightString(width - MARGIN, y, MARKINGS[self.pack.audience])

    def _cover_page(self, canvas: Canvas, _doc: object) -> None:
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFillColor(NAVY)
        canvas.rect(0, height - 14 * mm, width, 14 * mm, stroke=0, fill=1)
        canvas.setFillColor(colors.white)
        self._marking_on_band(canvas, height - 8.5 * mm)
        canvas.restoreState()

    def _marking_on_band(self, canvas: Canvas, y: float) -> None:
        width, _ = self.pagesize
        canvas.setFont(SANS_BOLD, 8.5)
        canvas.drawRightString(width - MARGIN, y, MARKINGS[self.pack.audience])
        canvas.drawString(MARGIN, y, "R2P accountability record")

    def _body_page(self, canvas: Canvas, _doc: object) -> None:
        width, height = self.pagesize
        canvas.saveState()
        canvas.setFont(SANS, 7.5)
        canvas.setFillColor(GREY)
        header, footer, x = self._running_texts
        canvas.drawString(MARGIN, height - 14 * mm, header)
        self._marking(canvas, height - 14 * mm)
        canvas.setStrokeColor(LIGHT)
        canvas.setLineWidth(0.8)
        canvas.line(MARGIN, height - 16 * mm, width - MARGIN, height - 16 * mm)
        canvas.line(MARGIN, 13 * mm, width - MARGIN, 13 * mm)
        canvas.setFillColor(GREY)
        canvas.setFont(SANS, 7.5)
        canvas.drawString(MARGIN, 9 * mm, footer)
        label = f"Page {canvas.getPageNumber()} of "
        canvas.drawString(x, 9 * mm, label)
        canvas.translate(x + canvas.stringWidth(label, SANS, 7.5), 9 * mm)
        canvas.doForm(PAGE_COUNT_FORM)
        canvas.restoreState()

    @cached_property
    def _running_texts(self) -> tuple[str, str, float]:
        """The running header, the footer cut to fit before "Page X of Y", and where that starts: the same
        on every page, so worked out once (fitting the footer on each of 600 pages cost half a second)."""
        width, _ = self.pagesize
        committee = self.pack.committee if len(self.pack.committee) < 70 else self.pack.committee[:67] + "…"
        x = width - MARGIN - stringWidth("Page 8888 of 8888", SANS, 7.5)
        footer = _plain(f"{self.pack.title} · {self.pack.subtitle or self.pack.period}")
        while footer and stringWidth(footer, SANS, 7.5) > x - MARGIN - 12:
            footer = footer[:-2] + "…"
        return _plain(committee), footer, x

    def _endBuild(self) -> None:  # BaseDocTemplate's private step after the last page: no public hook there
        self.report.laid_out = True  # every page is laid out: what is left is writing the file
        super()._endBuild()  # type: ignore[misc]  # private to ReportLab, so not in types-reportlab

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self.report(self.total_flowables - len(flowables), self.total_flowables, f"laying out page {self.page}")
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:
        mark = getattr(flowable, "bookmark", None)
        if mark is not None:
            key, title, level = mark
            self.canv.bookmarkPage(key)
            # logical order: a PDF viewer lays a bookmark out itself, right-to-left runs included
            self.canv.addOutlineEntry(" ".join(clean(title).split())[:120], key, level=level, closed=level > 0)
            self.section_pages.setdefault(key, self.page)


def _plain(text: str) -> str:
    from .text import visual

    return visual(text).replace("\n", " ")


def cover(pack: Pack, contents: list[tuple[str, str, int]]) -> list[Flowable]:
    facts = [("Committee", pack.committee), ("Period", pack.period), ("Audience", human_label(pack.audience)),
             ("Prepared", pack.today.isoformat())]
    story: list[Flowable] = [Spacer(1, 40 * mm), para(pack.committee, "cover_sub"), Spacer(1, 6),
                             para(pack.title, "cover_title"), Spacer(1, 4)]
    if pack.subtitle:
        story.append(para(pack.subtitle, "cover_sub"))
    story.append(Spacer(1, 18 * mm))
    story += [paragraph(f"<font color='#5F6B7A'>{label}</font>&nbsp;&nbsp; {markup(value)}", STYLES["cover_fact"])
              for label, value in facts]
    story.append(Spacer(1, 12 * mm))
    marking = ("This pack contains public records only and may be published." if pack.audience == "public" else
               "This pack contains records the committee has not made public. Do not circulate outside the "
               "committee and its secretariat.")
    story.append(para(marking, "note"))
    if pack.audit_trail is not None:
        story += colophon(pack.audit_trail)
    story += [NextPageTemplate("body"), PageBreak(),
              Heading("Contents", "h1", "contents", 0)]
    story += [ContentsLine(title, key, level) for key, title, level in contents]
    return story


def colophon(trail: Anchor) -> list[Flowable]:
    """The audit trail as the pack was read: kept with the pack, `r2p check --anchor` later shows whether
    the record it came from has since been rewritten."""
    return [Spacer(1, 8 * mm),
            para(f"Audit trail at export: {trail.length} entries, head {trail.short_head}", "meta"),
            para(f"Anchor for r2p check --anchor: {trail}", "meta")]


def write_pack(pack: Pack, paper: str, path: Path, report: Progress) -> int:
    """Lay the pack out on `paper` into `path`; returns the number of pages."""
    from .sections import story_for

    register_fonts()
    contents: list[tuple[str, str, int]] = []
    story: list[Flowable] = []
    for index, section in enumerate(pack.sections):
        key = f"s{index}"
        contents.append((key, section.title, 0))
        contents += [(f"{key}p{n}", human_label(part), 1) for n, part in enumerate(section.parts)]
        report(message=f"preparing {section.title.lower()}")
        story += [PageBreak(), Heading(section.title, "h1", key, 0)]
        story += story_for(section, key, pack, report)
    story = cover(pack, contents) + story
    with open(path, "wb") as file:
        document = BriefingDocument(file, pack, paper, report)
        document.total_flowables = len(story)
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
