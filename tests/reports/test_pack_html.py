"""The accessible HTML edition of every pack, parsed back as a screen reader would meet it: the language
set, one h1, an h2 per section in the pack's order, tables with header cells and a caption, a text
alternative for every chart, the marking at the top and bottom, working in-page links, nothing from
outside the file, user text printed literally, right-to-left passages marked, and the same audience
filter as the PDF."""

from __future__ import annotations

import typing
from html.parser import HTMLParser

import pytest
from briefing_helpers import SECRET, TODAY, add_question

from r2p_desktop.core.audience import audience_session
from r2p_desktop.core.models import Question
from r2p_desktop.reports import AUDIENCES, PACKS, ExportCancelled, PackOptions, export_pack, html_sections, preview
from r2p_desktop.reports import html as html_edition
from r2p_desktop.reports.pack_data import SectionData, gather

VOID = {"meta", "br", "img", "link", "input", "hr", "wbr", "source", "col", "area", "base", "embed", "rect"}


class Element:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent, self.children, self.texts = tag, dict(attrs), parent, [], []

    def text(self) -> str:
        return "".join(t if isinstance(t, str) else t.text() for t in self.texts)

    def iter(self, tag=None):
        for child in self.children:
            if tag is None or child.tag == tag:
                yield child
            yield from child.iter(tag)


class Tree(HTMLParser):
    """The document as elements, checking as it goes that every element is closed where it should be."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Element("#document", {}, None)
        self.doctype = ""
        self.feed(text)
        self.close()
        assert self.current is self.root, f"<{self.current.tag}> is never closed"

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.current.texts.append(element)
        if tag not in VOID:
            self.current = element

    def handle_startendtag(self, tag, attrs):
        element = Element(tag, attrs, self.current)
        self.current.children.append(element)
        self.current.texts.append(element)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        assert self.current.tag == tag, f"</{tag}> closes <{self.current.tag}>"
        self.current = self.current.parent

    def handle_data(self, data):
        self.current.texts.append(data)

    def all(self, tag=None):
        return list(self.root.iter(tag))


def export_html(database, tmp_path, name="pack.html", **options) -> tuple[object, str, Tree]:
    result = export_pack(database, PackOptions(format="html", **options), tmp_path / name)
    text = result.path.read_text(encoding="utf-8")
    return result, text, Tree(text)


def check_accessible(tree: Tree, sections: list[str], audience: str) -> None:
    """What every edition must be, whatever the pack."""
    assert tree.doctype.lower() == "doctype html"
    (html,) = tree.all("html")
    assert html.attrs["lang"] == "en"
    assert tree.all("title")[0].text().strip()
    assert [h.text() for h in tree.all("h1")] and len(tree.all("h1")) == 1
    assert [h.text() for h in tree.all("h2")] == ["Contents", *sections]
    for table in tree.all("table"):
        assert table.children[0].tag == "caption" and table.children[0].text().strip()
        heads = list(table.iter("th"))  # column headers in the head, and perhaps a row header in each row
        assert heads and all(th.attrs.get("scope") == ("col" if th.parent.parent.tag == "thead" else "row")
                             for th in heads)
        assert any(th.parent.parent.tag == "thead" for th in heads)
    ids = [e.attrs["id"] for e in tree.all() if "id" in e.attrs]
    assert len(ids) == len(set(ids)), "an id is used twice"
    for link in tree.all("a"):
        href = link.attrs["href"]
        assert href.startswith("#") and href[1:] in ids, href  # in-page links only, and each one lands
    assert tree.all("a")[0].text() == "Skip to the first section"  # the first thing a keyboard reaches
    for image in tree.all("img"):
        assert image.attrs.get("alt", "").strip()
    for svg in tree.all("svg"):
        assert svg.attrs.get("role") == "img"
        titles = {t.attrs.get("id"): t.text() for t in svg.iter("title")}
        assert titles.get(svg.attrs["aria-labelledby"], "").strip()
        assert svg.parent.tag == "figure" and list(svg.parent.iter("table"))  # the figures, as a table
    assert not tree.all("script") and not tree.all("link") and not tree.all("iframe")
    markings = [p.text() for p in tree.all("p") if "marking" in p.attrs.get("class", "")]
    expected = "PUBLIC" if audience == "public" else "COMMITTEE IN CONFIDENCE – NOT FOR PUBLICATION"
    assert markings == [expected, expected]
    body = tree.all("body")[0]
    assert body.children[1].tag == "header" and body.children[-1].tag == "footer"  # the marking first and last
    contents = [a.text() for a in tree.all("nav")[0].iter("a")]
    assert [title for title in contents if title in sections] == sections


@pytest.mark.parametrize("audience", AUDIENCES)
@pytest.mark.parametrize("pack", PACKS)
def test_every_pack_in_html_is_accessible_and_has_the_sections_of_the_pdf(database, whole_record, tmp_path, pack,
                                                                         audience):
    debate = {"debate_id": whole_record["debate"]} if pack == "debate" else {}
    result, text, tree = export_html(database, tmp_path, pack=pack, audience=audience, **debate)
    sections = [title for title, _ in preview(database, PackOptions(pack=pack, audience=audience, **debate))]
    assert [title for title, _ in result.sections] == sections and result.format == "html"
    check_accessible(tree, sections, audience)
    assert "RESTRICTED-MARKER" not in text  # no pack has restricted records
    if audience == "public":
        assert SECRET not in text
    assert "http" not in text.replace('xmlns="http://www.w3.org/2000/svg"', "")  # nothing fetched from outside


def test_the_debate_pack_in_html_has_its_records_charts_and_filter(database, whole_record, tmp_path):
    _, committee, tree = export_html(database, tmp_path, debate_id=whole_record["debate"])
    _, public, public_tree = export_html(database, tmp_path, "public.html", debate_id=whole_record["debate"],
                                         audience="public")
    for expected in ("Public question on early warning", "Public answer about the early-warning unit.",
                     "Opening statement", "Public early-warning unit", "Publish the early-warning methodology",
                     "Government reply on early warning"):
        assert expected in committee and expected in public, expected
    assert f"Committee answer {SECRET} two" in committee and f"Closed session {SECRET} six" in committee
    assert "WQ-3" in committee and "WQ-3" not in public  # not even the reference of a committee question
    # A chart's text alternative: its figures in a table, which agree with the bars' title.
    figure = next(f for f in public_tree.all("figure") if next(f.iter("figcaption")).text() == "Questions by status")
    rows = {tr.children[0].text(): tr.children[1].text() for tr in figure.iter("tr") if tr.children[0].tag == "td"}
    assert rows["Answered"] == "1" and rows["Tabled"] == "1"
    assert "Answered: 1" in next(figure.iter("title")).text()
    scorecard = next(f for f in public_tree.all("figure")
                     if next(f.iter("figcaption")).text() == "Commitments scorecard")
    assert "assessments are not published" in scorecard.text()  # no "0 of 127", no bars it cannot state
    assert "Every figure counts public records only." in public and "Public records only" in public
    # The annex links each reference to the question in full.
    annex = next(t for t in tree.all("table") if next(t.iter("caption")).text() == "Index of questions")
    link = next(annex.iter("a"))
    assert link.text() == "WQ-1" and any(a.attrs.get("id") == link.attrs["href"][1:] for a in tree.all("article"))
    parts = [h.text() for h in tree.all("h3")]
    assert "1. Opening statement" in parts and "Answered (2)" in parts and f"Fiscal year {TODAY.year}" in parts


def test_user_text_prints_literally_and_right_to_left_passages_carry_their_direction(database, record, tmp_path):
    markup = 'Fish & <b>chips</b> <script>alert(1)</script> <a href="http://x">link</a> <img src="x.png"> a<b'
    arabic = "مجلس النواب يراقب الحكومة. تقدم الحكومة تقريرا سنويا عن مسؤولية الحماية. نطلب الإجابة قبل الجلسة."
    hebrew = "הוועדה מבקשת תשובה מלאה"
    mixed = "The minister replied: مجلس النواب"
    answer = "START " + " ".join(f"word{n}" for n in range(14_000)) + " END"
    with database.session() as s:
        question = s.get(Question, record["public_q"])
        question.title, question.question_text = markup, f"{arabic}\n\n{hebrew}\n\n{mixed}"
        question.answer_text = answer
        s.commit()
    _, _, tree = export_html(database, tmp_path, pack="questions")
    assert not tree.all("script") and not tree.all("img") and not tree.all("b")
    heading = next(h.text() for h in tree.all("h4") if "WQ-1" in h.text())
    assert heading == f"WQ-1 — {markup}"  # every character as typed, as text
    directions = {p.text(): p.attrs.get("dir") for p in tree.all("p")}
    assert directions[arabic] == "rtl" and directions[hebrew] == "rtl" and directions[mixed] == "auto"
    assert directions[answer] is None  # and the 100,000-character answer is one paragraph, whole


def test_every_kind_of_section_has_its_html_renderer():
    kinds_of_section = set(typing.get_args(SectionData))
    assert kinds_of_section and kinds_of_section == set(html_sections.BUILT_IN)


def test_the_file_is_written_in_small_pieces_however_many_questions(database, record, tmp_path):
    with database.session() as s:
        for n in range(600):
            add_question(s, reference=f"BULK-{n}", title=f"Bulk question {n}", answer=f"Answer {n} " * 40)
        s.commit()
    with audience_session(database, "committee") as session:
        pack = gather(session, PackOptions(pack="questions"))
        pieces = [len(piece) for piece in html_edition.document(pack)]
    assert sum(pieces) > 300_000 and max(pieces) < 20_000  # never the whole pack, nor a whole section, at once


def test_a_cancelled_html_export_leaves_the_old_file(database, record, tmp_path):
    (tmp_path / "packs").mkdir()
    target = tmp_path / "packs" / "pack.html"
    target.write_text("the previous edition")
    calls = []
    with pytest.raises(ExportCancelled):
        export_pack(database, PackOptions(format="html"), target, cancelled=lambda: len(calls) > 3 or calls.append(1))
    assert target.read_text() == "the previous edition"
    assert [p.name for p in target.parent.iterdir()] == ["pack.html"]  # no temporary file left behind


def test_r2p_export_briefing_writes_the_html_edition(r2p, database, record, tmp_path):
    out = tmp_path / "pack.html"
    result = r2p("export", "briefing", "--format", "html", "--out", str(out), "--audience", "public",
                 "--debate", str(record["debate"]))
    assert result.code == 0 and f"wrote the HTML edition to {out}" in result.out
    tree = Tree(out.read_text(encoding="utf-8"))
    assert tree.all("html")[0].attrs["lang"] == "en" and SECRET not in out.read_text(encoding="utf-8")
    guessed = r2p("export", "briefing", "--out", str(tmp_path / "guessed.html"))  # the suffix says which
    assert guessed.code == 0 and "HTML edition" in guessed.out
    mismatched = r2p("export", "briefing", "--format", "html", "--out", str(tmp_path / "odd.pdf"))
    assert mismatched.code == 0 and "writing HTML, though its name ends in .pdf" in mismatched.err
    assert (tmp_path / "odd.pdf").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
