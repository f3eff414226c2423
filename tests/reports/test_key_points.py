"""The key points page and "since the last debate", read from the known record through an audience's
session, drawn into a small PDF and read back with pypdf, and as HTML parsed back."""

from __future__ import annotations

from datetime import timedelta
from html.parser import HTMLParser

from briefing_helpers import SECRET, TODAY, add_question, pdf_text, squeeze
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate
from sqlalchemy import select

from r2p_desktop.core.audience import audience_session
from r2p_desktop.core.models import (
    Body,
    Commitment,
    CommitmentAssessment,
    Debate,
    Question,
    Recommendation,
    Undertaking,
)
from r2p_desktop.reports import html_sections
from r2p_desktop.reports.html import Context
from r2p_desktop.reports.key_points import ASKS_PER_KIND, key_points, since_last_debate
from r2p_desktop.reports.key_points_sections import key_points_story, since_last_story
from r2p_desktop.reports.options import PackOptions
from r2p_desktop.reports.pack_data import Pack
from r2p_desktop.reports.text import register_fonts


def read(database, debate_id, audience="committee"):
    """The key points and "since the last debate" as the audience's session gives them."""
    session = audience_session(database, audience)
    try:
        debate = session.get(Debate, debate_id)
        since = since_last_debate(session, debate, TODAY, public=audience == "public")
        return key_points(session, PackOptions(audience=audience), TODAY, debate), since
    finally:
        session.close()


def render(tmp_path, points, since=None, audience="committee"):
    """Both sections drawn into a PDF of their own; its text."""
    register_fonts()
    pack = Pack("debate", "Annual debate briefing pack", "", "Committee", audience, TODAY, None, None, [])
    story = key_points_story(points, pack) + (since_last_story(since, "s1", pack) if since else [])
    path = tmp_path / f"key-points-{audience}.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return pdf_text(path)


def html_of(data, audience="committee"):
    """The section as the HTML edition writes it, under the h2 the writer adds."""
    pack = Pack("debate", "Annual debate briefing pack", "", "Committee", audience, TODAY, None, None, [])
    renderer = html_sections.BUILT_IN[type(data)]
    return "".join(renderer(data, Context(pack, key="s1")))


def overdue_question(session, reference, days_late, **values):
    ministry = session.scalars(select(Body).where(Body.abbreviation == "MFA")).one()
    values.setdefault("title", f"Question {reference}")
    return add_question(session, reference=reference, addressed_to=ministry, tabled=TODAY - timedelta(days_late + 20),
                        due=TODAY - timedelta(days_late), **values)


def test_key_points_name_the_most_overdue_question_by_reference(database, record, tmp_path):
    with database.session() as s:
        overdue_question(s, "PQ 2026/0123", 45)
        overdue_question(s, f"WQ-{SECRET}", 90, confidentiality="committee")
        overdue_question(s, "WQ-7", 30, answer="A reply that says nothing.", assessment="unsatisfactory")
        s.commit()
    points, _ = read(database, record["debate"])
    text = squeeze(render(tmp_path, points))
    assert squeeze(f"3 answers are overdue. The most overdue is WQ-{SECRET} to the Ministry of Foreign Affairs") in text
    assert squeeze("90 days late") in text
    assert squeeze("The committee assessed 1 answer as unsatisfactory.") in text
    assert squeeze("WQ-7 — Will the minister give a full answer") in text
    assert squeeze("Questions the member may wish to ask") in text
    assert squeeze(f"WQ-{SECRET}") in text and squeeze("PQ 2026/0123") in text and "WQ-2" in text

    public, _ = read(database, record["debate"], "public")
    text = squeeze(render(tmp_path, public, audience="public"))
    assert squeeze("2 answers are overdue. The most overdue is PQ 2026/0123") in text
    assert SECRET not in text and "WQ-3" not in text and "WQ-4" not in text
    assert squeeze("The figures cover public records only.") in text


def test_overdue_answers_are_counted_in_grammatical_sentences(database, record, tmp_path):
    points, _ = read(database, record["debate"])
    assert points.points[0].startswith("1 answer is overdue: WQ-2 to the Ministry of Foreign Affairs, due on ")
    assert points.figures["most_overdue"] == "WQ-2"
    assert squeeze("1 answer is overdue") in squeeze(render(tmp_path, points))

    with database.session() as s:
        for n in range(11):
            overdue_question(s, f"PQ-{n}", 3)
        s.commit()
    points, _ = read(database, record["debate"])
    assert points.points[0].startswith("12 answers are overdue. The most overdue is WQ-2")
    assert len([a for a in points.asks if a.reference.startswith(("WQ", "PQ"))]) == ASKS_PER_KIND
    assert points.left_out == 12 - ASKS_PER_KIND

    with database.session() as s:
        for question in s.scalars(select(Question).where(Question.status == "tabled")):
            question.answer_due = TODAY + timedelta(days=5)
        s.commit()
    points, _ = read(database, record["debate"])
    assert points.points[0] == "No answer is overdue."
    assert squeeze("No answer is overdue.") in squeeze(render(tmp_path, points))


def test_an_edition_that_sees_no_assessment_says_nothing_false_about_commitments(database, record, tmp_path):
    public, _ = read(database, record["debate"], "public")  # the record's one assessment is committee-only
    text = render(tmp_path, public, audience="public")
    assert squeeze("No assessment of the commitments is published in this edition") in squeeze(text)
    assert "not started" not in text.lower()

    with database.session() as s:
        commitment = s.scalars(select(Commitment).order_by(Commitment.code.desc())).first()
        s.add(CommitmentAssessment(commitment=commitment, status="not_started", confidentiality="public"))
        s.commit()
        code = commitment.code
    public, _ = read(database, record["debate"], "public")
    assert any(p.startswith("1 of the ") and p.endswith("has a published assessment: 1 not started.")
               for p in public.points)
    assert [a.reference for a in public.asks if a.reference == code] == [code]
    committee, _ = read(database, record["debate"])
    assert any(p.startswith("The committee has assessed 2 of the ") for p in committee.points)


def test_a_public_edition_mentions_no_committee_record(database, whole_record, tmp_path):
    with database.session() as s:  # public questions put to a body the public may not see
        hidden = Body(name=f"Ministry {SECRET} eleven", confidentiality="committee")
        s.add(hidden)
        s.flush()
        add_question(s, reference="WQ-20", title="Answered by a hidden ministry", addressed_to=hidden, answer="Yes.")
        add_question(s, reference="WQ-21", title="Owed by a hidden ministry", addressed_to=hidden,
                     due=TODAY - timedelta(400), tabled=TODAY - timedelta(420))
        s.commit()
    committee, _ = read(database, whole_record["debate"])
    assert any(SECRET in a.text for a in committee.asks)  # the committee-only overdue undertaking
    public, public_since = read(database, whole_record["debate"], "public")
    text = render(tmp_path, public, public_since, audience="public")
    assert SECRET not in text and "WQ-3" not in text and "WQ-4" not in text
    assert squeeze("The most overdue is WQ-21, due on") in squeeze(text)  # its ministry is not named
    assert squeeze("Not named in this edition") in squeeze(text)
    assert squeeze("Publish the early-warning methodology") in squeeze(text)  # the public overdue undertaking
    assert squeeze("It was due on") in squeeze(text) and squeeze("has been extended once.") in squeeze(text)
    # Where nothing public changed, the edition does not say that nothing changed at all.
    assert squeeze("No public assessment of a commitment is dated in this period.") in squeeze(text)
    assert SECRET not in html_of(public, "public") + html_of(public_since, "public")


def test_since_the_last_debate_lists_what_was_delivered_and_what_rose(database, whole_record, tmp_path):
    with database.session() as s:
        ministry = s.scalars(select(Body).where(Body.abbreviation == "MFA")).one()
        s.add(Undertaking(text="Open the national early-warning office", body=ministry, given_on=TODAY - timedelta(200),
                          due_on=TODAY - timedelta(30), status="implemented", completed_on=TODAY - timedelta(20),
                          outcome="Opened in the capital.", confidentiality="public"))
        s.flush()
        pending = s.scalars(select(Undertaking).where(Undertaking.text == "Review the hate speech law")).one()
        pending.status, pending.outcome = "dropped", "The law was repealed."
        recommendation = s.scalars(select(Recommendation).where(Recommendation.recommended_by == "Norway")).one()
        recommendation.implementation = "implemented"
        s.commit()
    _, since = read(database, whole_record["debate"])
    assert since.previous_title == "Last year's debate"  # 300 days ago, the latest before this one
    assert [c.text for c in since.delivered] == ["Open the national early-warning office"]
    assert [c.text for c in since.dropped] == ["Review the hate speech law"] and since.dropped[0].recorded
    assert since.recommendations[0].label.startswith("Recommendation (session 14, Norway)")
    assert [(c.programme, c.previous, c.allocated) for c in since.rose] == [
        ("Public early-warning unit", 100_000_00, 150_000_00)]

    points, _ = read(database, whole_record["debate"])
    text = squeeze(render(tmp_path, points, since))
    for expected in ["Since the debate of", "Open the national early-warning office", "Opened in the capital.",
                     "Review the hate speech law", "Public early-warning unit", "EUR 100,000", "EUR 150,000",
                     "+50,000 (+50.0%)", "1 budget line rose", "1 undertaking delivered", "Questions answered",
                     "Recommendations implemented"]:
        assert squeeze(expected) in text, expected


def test_there_is_nothing_to_compare_without_a_previous_debate(database, record):
    with database.session() as s:
        s.delete(s.get(Debate, record["previous"]))
        s.commit()
    points, since = read(database, record["debate"])
    assert since is None
    assert points.points[-1] == "There is no earlier debate on record to compare with."


class Outline(HTMLParser):
    """The headings, header cells (with their scope) and text of an HTML fragment."""

    def __init__(self):
        super().__init__()
        self.headings, self.header_cells, self.open, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)
        if tag == "th":
            self.header_cells.append(dict(attrs).get("scope"))

    def handle_endtag(self, tag):
        assert self.open.pop() == tag, f"</{tag}> closes another element"

    def handle_data(self, data):
        self.text.append(data)
        if self.open and self.open[-1] in ("h2", "h3"):
            self.headings.append((self.open[-1], data))


def parse(fragment):
    outline = Outline()
    outline.feed(fragment)
    outline.close()
    assert not outline.open
    return outline


def test_the_html_edition_has_headings_and_header_cells(database, whole_record):
    with database.session() as s:
        overdue_question(s, "PQ <b>7</b>", 20, title="Arms & <i>exports</i>")
        s.commit()
    points, since = read(database, whole_record["debate"])
    outline = parse(html_of(points))
    assert outline.headings == [("h3", "Questions the member may wish to ask")]
    assert set(outline.header_cells) == {"col"}
    assert "PQ <b>7</b>" in "".join(outline.text) and "Arms & <i>exports</i>" in "".join(outline.text)

    outline = parse(html_of(since))
    assert outline.headings == [
        ("h3", "Questions answered"), ("h3", "Undertakings delivered and dropped"),
        ("h3", "Commitments that moved"), ("h3", "Budget lines that rose or fell"),
        ("h3", "Recommendations implemented")]
    assert "col" in outline.header_cells and "Public early-warning unit" in "".join(outline.text)

