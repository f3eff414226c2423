"""The accessible HTML edition of a pack: one self-contained file with the PDF's content, for screen
readers and intranets (ReportLab's open-source edition cannot write tagged PDF).

Semantic headings (h1 the pack, h2 its sections, h3 their parts), tables with header cells and a
caption, every chart as its figures in a table beside a simple inline SVG with a title, the protective
marking at the top and the bottom, a table of contents with in-page links and a skip link. No scripts,
no external resources. Every user string is escaped; a right-to-left passage carries `dir`.

The file is written section by section as it is made (`document` yields small pieces), so a pack of
100,000 questions never becomes one string in memory. How a section is written depends on the type of
its data: each type of `pack_data.SectionData` has its renderer in `html_sections`."""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.formatting import human_label, long_date
from .colophon import colophon_lines
from .export import Progress
from .options import MARKINGS
from .pack_data import Pack, Section
from .text import clean

LANGUAGE = "en"  # the language the packs are written in (their labels and sentences)
CHECK_EVERY = 200  # rows or questions between checks for Cancel (and progress)

# Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


class Html(str):
    """Markup built here from escaped parts: written as it is, not escaped again."""


# -- text -----------------------------------------------------------------------------------------------

def esc(value: object) -> str:
    """User text for HTML: printable characters only (as in the PDF), then escaped."""
    return html.escape(clean(value), quote=True)


def direction(text: str) -> str:
    """The `dir` attribute a passage needs: rtl when it is mainly Arabic or Hebrew letters, auto when it
    has some (the reader's browser then takes the first strong letter), none for left-to-right text."""
    rtl = len(_RTL.findall(text))
    if not rtl:
        return ""
    letters = sum(1 for character in text if character.isalpha())
    return ' dir="rtl"' if rtl * 2 > letters else ' dir="auto"'


def inline(value: object) -> Html:
    """User text inside an element: escaped, its line breaks kept."""
    return Html(esc(value).replace("\n", "<br>"))


def element(tag: str, value: object, attributes: str = "") -> Html:
    """`<tag>` holding user text, with the direction the text needs."""
    text = clean(value)
    return Html(f"<{tag}{attributes}{direction(text)}>{inline(text)}</{tag}>")


def paragraphs(value: object, attributes: str = "") -> Html:
    """A long text as paragraphs (at blank lines), each whole, however long."""
    pieces = [piece.strip("\n") for piece in re.split(r"\n\s*\n", clean(value).strip())]
    return Html("".join(element("p", piece, attributes) for piece in pieces if piece.strip()))


def long_text(label: str, value: object, empty: str = "") -> Html:
    """A labelled text, as `sections.long_text` prints it; nothing when both it and `empty` are empty."""
    body = paragraphs(value)
    if not body and not empty:
        return Html("")
    head = f'<p class="label">{esc(label)}</p>' if label else ""
    body = body or Html(f'<p class="muted">{esc(empty)}</p>')
    return Html(f'<div class="text">{head}{body}</div>')


def meta(value: str) -> Html:
    return element("p", value, ' class="meta"') if value else Html("")


def facts(pairs: Iterable[tuple[str, object]]) -> Html:
    """(label, value) pairs as a description list, leaving out the empty ones."""
    items = "".join(f"<div><dt>{esc(label)}</dt>{element('dd', value)}</div>" for label, value in pairs if value)
    return Html(f'<dl class="facts">{items}</dl>' if items else "")


def status_text(status: str, *, overdue: bool = False) -> Html:
    """A status in words (never colour alone), with "overdue" after it when it is."""
    text = f'<strong class="status status-{esc(status)}">{esc(human_label(status))}</strong>'
    if overdue:
        text += ' <strong class="overdue">· overdue</strong>'
    return Html(text)


def both(main: object, second: object) -> Html:
    """A cell of a value and a quieter line under it (a programme and its ministry, a title and its code)."""
    first = main if isinstance(main, Html) else inline(main)
    return Html(f'{first}<br><span class="muted">{inline(second)}</span>' if clean(second) else first)


def source_note(pack: Pack, source: str) -> Html:
    """What a chart or table is drawn from and as at when, and in a public pack that it covers public
    records only (as `sections.source_note` says it)."""
    public = " Public records only: records the committee has not published are not counted." \
        if pack.public_only else ""
    return meta(f"Source: {source}, as at {long_date(pack.today)}.{public}")


def linked(text: Html, target: str | None) -> Html:
    """`text` as a link to the entry `target` of this file, or as it is when the file has no such entry."""
    return Html(f'<a href="#{target}">{text}</a>' if target else text)


# -- tables and charts ----------------------------------------------------------------------------------

NUMBER = ' class="number"'  # a column of amounts or counts, right-aligned


def cell(tag: str, value: object, numeric: bool) -> str:
    attributes = NUMBER if numeric else ""
    if isinstance(value, Html):
        return f"<{tag}{attributes}>{value}</{tag}>"
    return element(tag, value, attributes)


def table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[object]], *,
          numeric: Collection[int] = frozenset(), empty: str = "None.",
          check: Callable[[int], None] | None = None) -> Iterator[str]:
    """A table with its caption and column headers, row by row (a 100,000-row annex streams); a cell
    that is `Html` is written as it is, any other value escaped."""
    yield (f"<table>\n<caption>{esc(caption)}</caption>\n<thead><tr>"
           + "".join(f'<th scope="col"{NUMBER if n in numeric else ""}>{esc(h)}</th>' for n, h in enumerate(headers))
           + "</tr></thead>\n<tbody>\n")
    count = 0
    for count, row in enumerate(rows, start=1):
        yield "<tr>" + "".join(cell("td", value, n in numeric) for n, value in enumerate(row)) + "</tr>\n"
        if check is not None and count % CHECK_EVERY == 0:
            check(count)
    if not count:
        yield f'<tr><td colspan="{len(headers)}">{esc(empty)}</td></tr>\n'
    yield "</tbody>\n</table>\n"


def bar_chart(number: int, title: str, headers: tuple[str, str], rows: Sequence[tuple[str, float, str]], *,
              maximum: float | None = None, figures: str = "") -> Html:
    """A chart as a figure: its figures in a table (the text alternative a screen reader reads; `figures`
    when the caller has a fuller one) and a plain SVG bar chart with a title, one bar per (label, value,
    printed value) in the order given."""
    figures = figures or "".join(table(f"{title}: the figures", headers,
                                       [(label, printed) for label, _, printed in rows], numeric={1},
                                       empty="Nothing to chart."))
    svg = ""
    top = maximum or max((value for _, value, _ in rows), default=0)
    if top > 0:
        bar, gap, label_width, width = 18, 8, 210, 640
        height = len(rows) * (bar + gap) + gap
        summary = "; ".join(f"{clean(label)}: {printed}" for label, _, printed in rows)
        shapes = []
        for n, (label, value, printed) in enumerate(rows):
            y = gap + n * (bar + gap)
            length = max((width - label_width - 130) * value / top, 0)
            short = clean(label) if len(clean(label)) <= 30 else clean(label)[:29] + "…"
            shapes.append(f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end">{esc(short)}</text>'
                          f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar}"/>'
                          f'<text x="{label_width + length + 6:.1f}" y="{y + 13}">{esc(printed)}</text>')
        svg = (f'<svg role="img" aria-labelledby="chart{number}" viewBox="0 0 {width} {height}" '
               f'width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">'
               f'<title id="chart{number}">{esc(title)}: {esc(summary)}</title>{"".join(shapes)}</svg>')
    return Html(f'<figure class="chart">\n<figcaption>{esc(title)}</figcaption>\n{svg}\n{figures}</figure>\n')


# -- the sections ---------------------------------------------------------------------------------------

@dataclass
class Context:
    """What a built-in renderer needs besides its data: the pack, the section's anchor, progress."""

    pack: Pack
    report: Progress | None = None
    key: str = ""
    charts: Iterator[int] = field(default_factory=itertools.count)

    def check(self, message: str) -> None:
        if self.report is not None:
            self.report(message=message)


BuiltIn = Callable[[Any, Context], Iterable[str]]


def _built_in() -> dict[type, BuiltIn]:
    from .html_sections import BUILT_IN  # here: its renderers are written with this module's helpers

    return BUILT_IN


def section(index: int, section: Section, context: Context) -> Iterator[str]:
    """The section as its type of data is written, under its h2."""
    key = context.key = f"s{index}"
    heading = element("h2", section.title, f' id="{key}"')
    yield f'<section aria-labelledby="{key}">\n{heading}\n'
    yield from _built_in()[type(section.data)](section.data, context)
    yield "</section>\n"


# -- the page -------------------------------------------------------------------------------------------

STYLE = """
:root { color: #1a1a1a; background: #fff; font: 1rem/1.5 system-ui, "Segoe UI", "DejaVu Sans", Arial, sans-serif; }
body { margin: 0 auto; max-width: 62rem; padding: 0 1.25rem 2rem; }
h1, h2, h3, h4 { color: #1f3a5f; line-height: 1.25; }
h1 { font-size: 2rem; margin: 1.5rem 0 .25rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .5rem; padding-top: .75rem; border-top: 3px solid #e8edf3; }
h3 { font-size: 1.2rem; margin: 1.75rem 0 .5rem; }
h4 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
a { color: #1f4f8f; }
a:focus-visible, :focus-visible { outline: 3px solid #b5452b; outline-offset: 2px; }
.skip { position: absolute; left: -999rem; }
.skip:focus { position: static; display: inline-block; margin: .5rem 0; padding: .5rem 1rem; background: #1f3a5f;
  color: #fff; }
.marking { text-align: center; font-weight: bold; letter-spacing: .04em; padding: .5rem; margin: 0;
  border: 2px solid currentColor; }
.marking.public { color: #1f3a5f; }
.marking.committee { color: #a33a22; }
.subtitle, .lead { font-size: 1.15rem; color: #3d4753; }
.meta, .muted, .label { color: #505a66; }
.meta { font-size: .92rem; margin: .25rem 0; }
.label { font-size: .8rem; font-weight: bold; text-transform: uppercase; letter-spacing: .04em; margin: .75rem 0 0; }
.text p { margin: .25rem 0 .5rem; }
.status, .level { color: #1f3a5f; }
.overdue { color: #a33a22; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
dl.facts div, dl.figures div { display: contents; }
dl.facts dt { color: #505a66; }
dl.facts dd { margin: 0; }
dl.figures { display: flex; flex-wrap: wrap; gap: 1rem; }
dl.figures div { display: flex; flex-direction: column-reverse; min-width: 12rem; border-top: 3px solid #e8edf3; }
dl.figures dd { margin: 0; font-size: 1.75rem; font-weight: bold; color: #1f3a5f; }
dl.figures dt { color: #505a66; font-size: .9rem; }
table { border-collapse: collapse; width: 100%; margin: .75rem 0 1.25rem; font-size: .92rem; }
caption { text-align: left; font-weight: bold; color: #1f3a5f; padding: .25rem 0; }
th { background: #1f3a5f; color: #fff; text-align: left; }
th, td { padding: .35rem .5rem; vertical-align: top; border-bottom: 1px solid #d5dde6; }
tbody tr:nth-child(even) { background: #f5f7fa; }
.number { text-align: right; font-variant-numeric: tabular-nums; }
td p { margin: 0 0 .35rem; }
figure.chart { margin: 1.25rem 0; }
figure.chart figcaption { font-weight: bold; color: #1f3a5f; }
figure.chart svg { max-width: 100%; height: auto; font-size: 13px; }
figure.chart rect { fill: #1f3a5f; }
figure.chart text { fill: #1a1a1a; }
nav ol { padding-left: 1.5rem; }
nav li { margin: .2rem 0; }
ul.linked { margin: 0; padding-left: 1rem; }
article.question { border-left: 3px solid #e8edf3; padding-left: .75rem; margin: 1rem 0; }
footer { margin-top: 3rem; border-top: 3px solid #e8edf3; padding-top: 1rem; }
[dir="rtl"] { text-align: right; }
@media print { .skip { display: none; } h2 { break-before: page; } h2, h3, h4 { break-after: avoid; }
  tr { break-inside: avoid; } }
"""


def head(pack: Pack) -> str:
    title = f"{pack.title}: {pack.committee}"
    return (f'<!DOCTYPE html>\n<html lang="{LANGUAGE}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<meta name="generator" content="R2P Desktop">\n'
            f'<title>{esc(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n')


def marking(pack: Pack) -> str:
    return f'<p class="marking {esc(pack.audience)}">{esc(MARKINGS[pack.audience])}</p>\n'


def contents(pack: Pack) -> Iterator[str]:
    yield '<nav aria-labelledby="contents">\n<h2 id="contents">Contents</h2>\n<ol>\n'
    for index, section in enumerate(pack.sections):
        parts = "".join(f'<li><a href="#s{index}p{n}">{inline(human_label(part))}</a></li>'
                        for n, part in enumerate(section.parts))
        yield (f'<li><a href="#s{index}">{inline(section.title)}</a>'
               + (f"\n<ol>{parts}</ol>" if parts else "") + "</li>\n")
    yield "</ol>\n</nav>\n"


def cover(pack: Pack) -> str:
    note = ("This pack contains public records only and may be published." if pack.audience == "public" else
            "This pack contains records the committee has not made public. Do not circulate outside the "
            "committee and its secretariat.")
    subtitle = ' class="subtitle"'
    return (element("p", pack.committee, subtitle) + element("h1", pack.title)
            + (element("p", pack.subtitle, subtitle) if pack.subtitle else "")
            + facts([("Committee", pack.committee), ("Period", pack.period), ("Audience", human_label(pack.audience)),
                     ("Prepared", long_date(pack.today))])
            + meta(note))


def colophon(pack: Pack) -> str:
    return "".join(meta(line) for line in colophon_lines(pack, "the accessible HTML edition"))


def document(pack: Pack, report: Progress | None = None) -> Iterator[str]:
    """The whole file, in pieces as they are made."""
    context = Context(pack, report)
    yield head(pack)
    first = "#s0" if pack.sections else "#main"
    yield (f'<a class="skip" href="{first}">Skip to the first section</a>\n<header>\n{marking(pack)}</header>\n'
           '<main id="main">\n')
    yield cover(pack)
    yield from contents(pack)
    for index, part in enumerate(pack.sections):
        if report is not None:
            report(index, len(pack.sections), f"writing {part.title.lower()}")
        yield from section(index, part, context)
    yield f"</main>\n<footer>\n{colophon(pack)}{marking(pack)}</footer>\n</body>\n</html>\n"


def write_html(pack: Pack, path: Path, report: Progress) -> None:
    """Write the HTML edition of `pack` into `path`, piece by piece."""
    with open(path, "w", encoding="utf-8", newline="\n") as file:
        for piece in document(pack, report):
            file.write(piece)
