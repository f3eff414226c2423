"""The "Key points" page and the "Since the last debate" section drawn twice from the same parts: as
platypus flowables for the PDF (with the tables of `sections`) and as semantic HTML for the accessible
edition (headings, lists, tables with header cells, every text escaped)."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table, TableStyle

from ..core.formatting import human_label, long_date
from ..core.money import amount_text
from .key_points import SINCE_LAST_PARTS, KeyPoints, SinceLastDebate, counted
from .layout import LIGHT, NAVY, STYLES, Heading, para
from .pack_data import Pack
from .sections import FONT, available, table
from .text import markup, paragraph, paragraph_style

KEY_POINTS_TITLE = "Key points"
SINCE_LAST_TITLE = "Since the last debate"
ASK_TITLE = "Questions the member may wish to ask"
POINT = ParagraphStyle("key_point", STYLES["body"], fontSize=10.5, leading=15, leftIndent=14, bulletIndent=2,
                       spaceAfter=6)
BOX = colors.HexColor("#F5F7FA")


@dataclass(frozen=True)
class Part:
    """One part of "Since the last debate": a sentence and, when there is anything to list, a table."""

    title: str
    sentence: str
    headers: list[str]
    widths: list[int]
    rows: list[list[str]]
    right: frozenset[int] = frozenset()  # columns of figures, aligned right


def _on(day_text: str, recorded: bool) -> str:
    return f"recorded {day_text}" if recorded else day_text


def since_last_parts(data: SinceLastDebate) -> list[Part]:
    """The five parts; where one is empty in an edition that leaves records out, it says "no public …",
    since records it does not show may have changed."""
    public = "public " if data.public else ""
    answered = data.answered
    questions = Part(SINCE_LAST_PARTS[0],
                     f"{counted(len(answered), 'answer').capitalize()} given, {data.on_time} of them on time "
                     "(by the date due)." if answered else f"No {public}answer was given in this period.",
                     ["Ministry", "Answers", "On time"], [60, 20, 20],
                     [[name or "Not named in this edition", str(n), str(on_time)]
                      for name, n, on_time in data.by_ministry()], frozenset({1, 2}))
    changes = data.delivered + data.dropped
    dropped = f"{len(data.dropped)} dropped" if data.dropped else "none dropped"
    undertakings = Part(
        SINCE_LAST_PARTS[1],
        (f"{counted(len(data.delivered), 'undertaking').capitalize()} delivered in full or in part, {dropped}."
         if changes else f"No {public}undertaking was delivered or dropped in this period."),
        ["What was undertaken", "Given in", "Status", "On", "Outcome"], [32, 20, 14, 14, 20],
        [[c.text, c.where, human_label(c.status), _on(long_date(c.on), c.recorded), c.outcome] for c in changes])
    moved = [m for m in data.commitments if m.before is not None]
    sentence = (f"{counted(len(data.commitments), 'commitment').capitalize()} assessed in this period"
                + (f", {len(moved)} of them moved from the status recorded before it." if moved else ".")
                if data.commitments else f"No {public}assessment of a commitment is dated in this period.")
    if moved:  # a status before the period is known only from the audit trail's changes
        headers, widths = ["Commitment", "Before", "Now", "On"], [46, 18, 18, 18]
        rows = [[f"{m.code}: {m.title}", human_label(m.before) if m.before else "–", human_label(m.now),
                 _on(long_date(m.on), m.recorded)] for m in data.commitments]
    else:
        headers, widths = ["Commitment", "Status", "Assessed"], [62, 19, 19]
        rows = [[f"{m.code}: {m.title}", human_label(m.now), _on(long_date(m.on), m.recorded)]
                for m in data.commitments]
    commitments = Part(SINCE_LAST_PARTS[2], sentence, headers, widths, rows)
    lines = data.rose + data.fell
    if data.budget_year is None:
        sentence = f"There are no {public}budget lines on record."
    elif lines:
        sentence = (f"Allocations in fiscal year {data.budget_year} against {data.budget_year - 1}: "
                    f"{counted(len(data.rose), 'line')} rose and {len(data.fell) or 'none'} fell. Lines new this year "
                    "or no longer funded are in the budget section.")
    else:
        sentence = (f"No allocation of a {public}programme funded in both {data.budget_year - 1} and "
                    f"{data.budget_year} rose or fell.")
    years = (str(data.budget_year - 1), str(data.budget_year)) if data.budget_year else ("", "")
    budget = Part(SINCE_LAST_PARTS[3], sentence, ["Programme", "Scope", years[0], years[1], "Change"],
                  [30, 18, 18, 18, 16],
                  [[c.programme, human_label(c.scope), f"{c.currency} {_whole(c.previous, c.currency)}",
                    f"{c.currency} {_whole(c.allocated, c.currency)}",
                    f"{'+' if c.change > 0 else '−'}{_whole(abs(c.change), c.currency)}"
                    + (f" ({c.percent:+.1f}%)" if c.percent is not None else "")] for c in lines], frozenset({2, 3, 4}))
    done = Part(SINCE_LAST_PARTS[4],
                f"{counted(len(data.recommendations), 'recommendation').capitalize()} recorded as implemented."
                if data.recommendations else f"No {public}recommendation was recorded as implemented in this period.",
                ["Recommendation", "Recorded as implemented"], [75, 25],
                [[r.label, long_date(r.on)] for r in data.recommendations])
    return [questions, undertakings, commitments, budget, done]


def _whole(minor: int, currency: str) -> str:
    return amount_text(minor, currency, whole=True)


# -- the PDF --------------------------------------------------------------------------------------------


def _left_out(n: int) -> str:
    return f"{n} more like these {'is' if n == 1 else 'are'} in the sections that follow."


def _ask_box(data: KeyPoints, width: float) -> Table:
    rows: list[list[Paragraph]] = [[Paragraph(markup(ASK_TITLE), STYLES["h2"])]]
    for ask in data.asks:
        rows.append([paragraph(f"<b>{markup(ask.reference)}</b> — {markup(ask.text)}", STYLES["body"])])
    if not data.asks:
        rows.append([para("Nothing on record calls for a question: no answer or undertaking is overdue, no answer "
                          "was assessed as unsatisfactory and no commitment is shown as not started.")])
    if data.left_out:
        rows.append([para(_left_out(data.left_out), "meta")])
    box = Table(rows, colWidths=[width], splitByRow=1)
    box.setStyle(TableStyle([FONT, ("BACKGROUND", (0, 0), (-1, -1), BOX), ("BOX", (0, 0), (-1, -1), 1.2, NAVY),
                             ("LINEBELOW", (0, 0), (-1, 0), 0.6, LIGHT), ("LEFTPADDING", (0, 0), (-1, -1), 10),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 10), ("TOPPADDING", (0, 0), (-1, -1), 3),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 3), ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    return box


def key_points_story(data: KeyPoints, pack: Pack) -> list[Flowable]:
    meta = " ".join(part for part in (f"As the record stands on {long_date(data.as_at)}.", data.note) if part)
    story: list[Flowable] = [para(meta, "meta"), Spacer(1, 6)]
    # shaped where a point quotes Arabic, Hebrew, Thai or Devanagari (a record's title)
    story += [Paragraph(markup(point), paragraph_style(markup(point), POINT), bulletText="•") for point in data.points]
    return [*story, Spacer(1, 10), _ask_box(data, available(pack))]


def since_last_story(data: SinceLastDebate, key: str, pack: Pack) -> list[Flowable]:
    meta = data.period + "." + (" The figures cover public records only." if data.public else "")
    story: list[Flowable] = [para(meta, "meta")]
    width = available(pack)
    for n, part in enumerate(since_last_parts(data)):
        story += [CondPageBreak(80), Heading(part.title, "h2", f"{key}p{n}", 1), para(part.sentence)]
        if part.rows:
            story += table(part.headers, part.widths, part.rows, width, right=part.right)
    return story


# -- the HTML edition -----------------------------------------------------------------------------------


def _table(headers: list[str], rows: list[list[str]], caption: str = "") -> str:
    """A table whose first row heads the columns and whose first cell heads each row."""
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f'<th scope="row">{escape(cell)}</th>' if i == 0 else f"<td>{escape(cell)}</td>"
                                    for i, cell in enumerate(row)) + "</tr>" for row in rows)
    caption = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def key_points_html(data: KeyPoints) -> str:
    meta = " ".join(part for part in (f"As the record stands on {long_date(data.as_at)}.", data.note) if part)
    points = "".join(f"<li>{escape(point)}</li>" for point in data.points)
    if data.asks:
        asks = _table(["Reference", "Question"], [[a.reference, a.text] for a in data.asks])
    else:
        asks = "<p>Nothing on record calls for a question.</p>"
    more = f"<p>{escape(_left_out(data.left_out))}</p>" if data.left_out else ""
    return (f'<section class="key-points"><h2>{escape(KEY_POINTS_TITLE)}</h2><p>{escape(meta)}</p><ul>{points}</ul>'
            f'<section class="questions-to-ask"><h3>{escape(ASK_TITLE)}</h3>{asks}{more}</section></section>')


def since_last_html(data: SinceLastDebate) -> str:
    meta = data.period + "." + (" The figures cover public records only." if data.public else "")
    parts = []
    for part in since_last_parts(data):
        listed = _table(part.headers, part.rows) if part.rows else ""
        parts.append(f"<section><h3>{escape(part.title)}</h3><p>{escape(part.sentence)}</p>{listed}</section>")
    return (f'<section class="since-last-debate"><h2>{escape(SINCE_LAST_TITLE)}</h2><p>{escape(meta)}</p>'
            f'{"".join(parts)}</section>')
