"""The "Key points" page and the "Since the last debate" section drawn twice from the same parts: as
platypus flowables for the PDF (with the tables of `sections`) and as semantic HTML for the accessible
edition (headings, lists, tables with header cells, every text escaped)."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from .key_points import (
    ASK_TITLE,
    NOTHING_TO_ASK,
    KeyPoints,
    SinceLastDebate,
    key_points_meta,
    left_out_sentence,
    since_last_meta,
    since_last_parts,
)
from .layout import LIGHT, NAVY, STYLES, Heading, para
from .pack_data import Pack
from .sections import FONT, available, table
from .text import SANS, markup, paragraph, paragraph_style

POINT = ParagraphStyle("key_point", STYLES["body"], fontSize=10.5, leading=15, leftIndent=14, bulletIndent=2,
                       spaceAfter=6, bulletFontName=SANS)  # not Helvetica, which is not embedded
BOX = colors.HexColor("#F5F7FA")


# -- the PDF --------------------------------------------------------------------------------------------


def _ask_box(data: KeyPoints, width: float) -> Table:
    rows: list[list[Paragraph]] = [[Paragraph(markup(ASK_TITLE), STYLES["h2"])]]
    for ask in data.asks:
        rows.append([paragraph(f"<b>{markup(ask.reference)}</b> — {markup(ask.text)}", STYLES["body"])])
    if not data.asks:
        rows.append([para(NOTHING_TO_ASK)])
    if data.left_out:
        rows.append([para(left_out_sentence(data.left_out), "meta")])
    box = Table(rows, colWidths=[width], splitByRow=1)
    box.setStyle(TableStyle([FONT, ("BACKGROUND", (0, 0), (-1, -1), BOX), ("BOX", (0, 0), (-1, -1), 1.2, NAVY),
                             ("LINEBELOW", (0, 0), (-1, 0), 0.6, LIGHT), ("LEFTPADDING", (0, 0), (-1, -1), 10),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 10), ("TOPPADDING", (0, 0), (-1, -1), 3),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return box


def key_points_story(data: KeyPoints, pack: Pack) -> list[Flowable]:
    story: list[Flowable] = [para(key_points_meta(data), "meta"), Spacer(1, 6)]
    # shaped where a point quotes Arabic, Hebrew, Thai or Devanagari (a record's title)
    story += [Paragraph(markup(point), paragraph_style(markup(point), POINT), bulletText="•") for point in data.points]
    return [*story, Spacer(1, 10), _ask_box(data, available(pack))]


def since_last_story(data: SinceLastDebate, key: str, pack: Pack) -> list[Flowable]:
    story: list[Flowable] = [para(since_last_meta(data), "meta")]
    width = available(pack)
    for n, part in enumerate(since_last_parts(data)):
        story += [CondPageBreak(80), Heading(part.title, "h2", f"{key}p{n}", 1), para(part.sentence)]
        if part.rows:
            story += table(part.headers, part.widths, part.rows, width, right=part.right)
    return story
