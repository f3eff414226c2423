"""Property tests: whatever a clerk types into any field, the pack is written and prints it as typed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from briefing_helpers import TODAY, body_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from r2p_desktop.core.models import BudgetItem, Commitment, Debate, FollowUp, Instrument, Question
from r2p_desktop.reports import PackOptions, export_pack


def _drawn_by_the_pack_font() -> list[str]:
    from reportlab.pdfbase.ttfonts import TTFont

    from r2p_desktop.reports.text import _FONT_FILES, font_path

    face = TTFont("probe", str(font_path(*_FONT_FILES[0][1:]))).face
    return [chr(code) for code in sorted(face.charToGlyph) if 0x20 < code <= 0x04FF and chr(code).isprintable()
            and code != 0xAD]  # a soft hyphen prints nothing, as it should


# Letters the pack's font draws (Latin, Greek, Cyrillic), every character ReportLab markup cares about among them.
PRINTABLE = st.sampled_from(_drawn_by_the_pack_font())
FIELD = st.text(PRINTABLE, min_size=1, max_size=60).filter(lambda t: t.strip())
MARKUP = st.sampled_from(["<b>", "</para>", "&amp;", "&", '<a href="http://x">', '<img src="x.png"/>',
                          "<font size=40>", "a<b", "]]>", "<br/>", "&#169;"])
TEXT = st.lists(st.one_of(FIELD, MARKUP), min_size=1, max_size=4).map(" ".join)
CONTROL = st.text(st.characters(max_codepoint=0x1F), max_size=3)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=TEXT, question_text=TEXT, answer=TEXT, follow_up=TEXT, programme=TEXT, response=TEXT, noise=CONTROL)
def test_any_text_in_any_field_prints_as_typed(database, tmp_path, title, question_text, answer, follow_up,
                                               programme, response, noise):
    with database.session() as s:
        # Without the catalogue's 140 scorecard and treaty rows the pack is 3 pages, not 17: the typed
        # fields are what is under test, and 25 packs are read back in seconds instead of a quarter minute.
        for model in (FollowUp, Question, BudgetItem, Debate, Commitment, Instrument):
            s.query(model).delete()
        question = Question(reference=title[:60], title=title, question_text=question_text + noise,
                            status="answered", answer_text=answer, date_tabled=TODAY - timedelta(9),
                            answer_due=TODAY, date_answered=TODAY, confidentiality="public")
        s.add_all([question,
                   FollowUp(description=follow_up, question=question, due_date=TODAY, confidentiality="public"),
                   BudgetItem(fiscal_year=TODAY.year, programme=programme[:300], currency="EUR",
                              government_response=response, confidentiality="public"),
                   Debate(title=title[:300], date=TODAY + timedelta(3), confidentiality="public")])
        s.commit()
    out = tmp_path / "pack.pdf"
    export_pack(database, PackOptions(audience="public", committee="Select Committee on Prevention", full=True), out)
    text = body_text(out)
    for typed in (title, question_text, answer, follow_up, programme[:300], response):
        assert "".join(typed.split()) in text
