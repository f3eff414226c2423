"""Sorting questions by member: the fast two-query path gives exactly the order of the single query."""

from __future__ import annotations

from datetime import date

import pytest

from r2p_desktop.core.models import Person, Question
from r2p_desktop.core.services import records
from r2p_desktop.core.services.questions import QuestionFilter, question_id_queries, question_ids, question_ids_query

TODAY = date(2026, 6, 15)


@pytest.fixture
def asked(session):
    """Questions by members with distinct names, two members sharing a name, and nobody."""
    zoe = records.create(session, Person, {"full_name": "Zoe Adler"})
    ana = records.create(session, Person, {"full_name": "Ana Berg"})
    chen_1 = records.create(session, Person, {"full_name": "Chen Wei"})
    chen_2 = records.create(session, Person, {"full_name": "Chen Wei"})
    askers = [zoe, None, chen_2, ana, chen_1, zoe, chen_2, None, ana, chen_1, chen_2]
    ids = [records.create(session, Question, {
        "title": f"Question {n}", "status": "tabled" if n % 2 else "draft", "asked_by_id": asker,
        **({"date_tabled": "2026-05-02"} if n % 2 else {})}) for n, asker in enumerate(askers)]
    session.commit()
    return dict(zip(ids, askers, strict=True)), {"zoe": zoe, "ana": ana, "chen": (chen_1, chen_2)}


@pytest.mark.parametrize("flt", [None, QuestionFilter(status="tabled"), QuestionFilter(text="Question 1")])
@pytest.mark.parametrize("descending", [False, True])
def test_the_member_sort_read_from_the_indexes_is_the_single_querys_order(session, asked, flt, descending):
    single = list(session.scalars(question_ids_query(flt, "asked_by", descending, TODAY)))
    assert question_ids(session, flt, sort="asked_by", descending=descending, today=TODAY) == single
    assert len(question_id_queries(flt, "asked_by", descending, TODAY)) == 2


def test_nobody_first_then_by_name_with_each_members_questions_together(session, asked):
    askers, people = asked
    ids = question_ids(session, sort="asked_by", descending=False, today=TODAY)
    chen_1, chen_2 = people["chen"]
    by_asker = [askers[i] for i in ids]
    assert by_asker == [None] * 2 + [people["ana"]] * 2 + [chen_1] * 2 + [chen_2] * 3 + [people["zoe"]] * 2
    assert ids[:2] == sorted(ids[:2])  # within one member (or nobody), by question id
    assert question_ids(session, sort="asked_by", descending=True, today=TODAY) == ids[::-1]


def test_the_member_join_needs_no_sort_step(session):
    """The plan SQLite picks: people by name, each member's questions from the asked_by index."""
    connection = session.connection()
    _, asked = question_id_queries(None, "asked_by", False, TODAY)  # nobody first, then the join
    compiled = asked.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    plan = " | ".join(row[-1] for row in connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}"))
    assert "TEMP B-TREE" not in plan, plan
    assert "ix_people_full_name" in plan and "ix_questions_asked_by_id" in plan, plan
