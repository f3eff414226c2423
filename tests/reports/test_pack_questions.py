"""The questions a pack reads: plain values in one query, with the names it prints, through the
audience filter (a question, asker or ministry the audience may not see is not read), and drawn for
the layout a run at a time."""

from __future__ import annotations

from briefing_helpers import SECRET, add_question

from r2p_desktop.core.audience import audience_session
from r2p_desktop.core.models import Question
from r2p_desktop.reports import PackOptions
from r2p_desktop.reports.pack_data import PackQuestion, gather, questions_in


def test_a_public_read_gives_plain_values_without_what_the_public_may_not_see(database, record):
    with audience_session(database, "public") as session:
        questions = {q.reference: q for q in questions_in(session, None, None)}
    assert set(questions) == {"WQ-1", "WQ-2"}  # the committee and restricted questions are not read
    first, second = questions["WQ-1"], questions["WQ-2"]
    assert isinstance(first, PackQuestion) and not hasattr(first, "__dict__")  # slots: a small value
    assert (first.asked_by, first.ministry, first.ministry_short) == ("Ada Member", "Ministry of Foreign Affairs",
                                                                      "MFA")
    assert first.answer_text == "Public answer about the early-warning unit." and first.commitments
    assert second.asked_by == ""  # asked by a member the committee has not published
    with audience_session(database, "committee") as session:
        committee = {q.reference: q for q in questions_in(session, None, None)}
    assert set(committee) == {"WQ-1", "WQ-2", "WQ-3"} and SECRET in committee["WQ-2"].asked_by


def test_questions_answered_together_name_each_other(database, record):
    with database.session() as s:
        first = s.get(Question, record["public_q"])
        other = add_question(s, reference="WQ-9", title="Answered with the first", answered_with=first)
        draft_free = add_question(s, reference="WQ-10", title="Also answered with it", answered_with=first)
        s.commit()
        ids = (first.id, other.id, draft_free.id)
    with audience_session(database, "public") as session:
        by_id = {q.id: q for q in questions_in(session, None, None, ids)}
    assert by_id[ids[0]].together == ("WQ-10", "WQ-9")
    assert by_id[ids[1]].together == ("WQ-1", "WQ-10")


def test_the_questions_section_and_the_annex_are_drawn_as_iterators(database, record):
    from r2p_desktop.reports.sections import story_for
    from r2p_desktop.reports.text import register_fonts

    register_fonts()

    with audience_session(database, "committee") as session:
        pack = gather(session, PackOptions(pack="questions"))
    drawn = {section.title: story_for(section, f"s{n}", pack) for n, section in enumerate(pack.sections)}
    for title in ("Questions by status", "Annex: index of questions"):
        assert not isinstance(drawn[title], list) and list(drawn[title])


def test_subtitles_write_their_dates_out(database, record):
    from briefing_helpers import DEBATE_DAY, TODAY

    from r2p_desktop.core.formatting import long_date

    with audience_session(database, "committee") as session:
        undertakings = gather(session, PackOptions(pack="undertakings"), TODAY)
        debate = gather(session, PackOptions(pack="debate", debate_id=record["debate"]), TODAY)
    assert undertakings.subtitle == f"As they stand on {long_date(TODAY)}"
    assert debate.subtitle.endswith(long_date(DEBATE_DAY)) and DEBATE_DAY.isoformat() not in debate.subtitle
