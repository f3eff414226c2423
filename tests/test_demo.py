"""`r2p demo`: realistic, deterministic sample records with a complete audit trail."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from string import Formatter

import pytest
from migrated_template import migrated_copy
from sqlalchemy import func, select, text

from r2p_desktop.core import audit
from r2p_desktop.core.catalogue import read_catalogue_files
from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import (
    AgendaItem,
    AgendaItemLink,
    AuditEntry,
    Body,
    BodyKind,
    BudgetItem,
    BudgetScope,
    Commitment,
    CommitmentAssessment,
    Debate,
    DebateStatus,
    Document,
    FollowUp,
    FollowUpStatus,
    Instrument,
    InstrumentStatus,
    Person,
    PersonKind,
    Question,
    QuestionStatus,
    QuestionType,
    Recommendation,
    RiskAssessment,
    RiskFinding,
    Undertaking,
)
from r2p_desktop.core.services import records
from r2p_desktop.sample_data import generator
from r2p_desktop.sample_data.data_files import read_sample_data

TODAY = date(2025, 3, 10)
QUESTIONS = 300
RECORD_KINDS = (Body, Person, Question, BudgetItem, Debate, AgendaItem, FollowUp, Document, Recommendation,
                Undertaking, RiskAssessment, RiskFinding, CommitmentAssessment, InstrumentStatus)


@pytest.fixture
def database(tmp_path):
    db = open_database(str(migrated_copy(tmp_path / "t.sqlite")), user="clerk")
    yield db
    db.dispose()


def fill(db, **options) -> dict[str, int]:
    with db.session() as session:
        counts = generator.generate_demo(session, **{"questions": QUESTIONS, "today": TODAY, **options})
        session.commit()
    return counts


def rows(db, *columns, order_by=None):
    with db.read_session() as session:
        return session.execute(select(*columns).order_by(order_by)).all()


def test_same_seed_and_day_give_the_same_records(tmp_path):
    first, second, other = (open_database(str(migrated_copy(tmp_path / f"{name}.sqlite"))) for name in ("a", "b", "c"))
    try:
        for db in (first, second):
            fill(db, seed=7)
        fill(other, seed=8)
        columns = (Question.uid, Question.reference, Question.title, Question.status, Question.question_text,
                   Question.answer_text, Question.date_tabled, Question.answer_due)
        assert rows(first, *columns, order_by=Question.id) == rows(second, *columns, order_by=Question.id)
        for model in (BudgetItem, FollowUp, Person, Debate, AgendaItem, CommitmentAssessment):
            assert rows(first, model.uid, order_by=model.id) == rows(second, model.uid, order_by=model.id)
        assert rows(first, Question.title, order_by=Question.id) != rows(other, Question.title, order_by=Question.id)
    finally:
        for db in (first, second, other):
            db.dispose()


def test_returns_what_it_created(database):
    counts = fill(database)
    with database.read_session() as session:
        actual = {model.__tablename__: session.scalar(select(func.count()).select_from(model))
                  for model in (*RECORD_KINDS, AgendaItemLink)}
    assert counts == actual
    assert counts["questions"] == QUESTIONS
    assert counts["follow_ups"] == 20
    assert counts["debates"] == 2


def test_questions_cover_every_status_and_type_and_respect_the_rules(database):
    fill(database)
    with database.read_session() as session:
        questions = session.scalars(select(Question)).all()
        statuses = Counter(q.status for q in questions)
        assert set(statuses) == {s.value for s in QuestionStatus}
        assert statuses[QuestionStatus.ANSWERED] > statuses[QuestionStatus.TABLED] > statuses[QuestionStatus.DRAFT]
        assert {q.type for q in questions} == {t.value for t in QuestionType}
        references = [q.reference for q in questions if q.reference]
        assert len(references) == len(set(references))
        assert all(ref[:3] in {"WQ-", "OQ-", "UQ-", "CQ-"} for ref in references)
        for q in questions:
            assert q.title and q.question_text and q.asked_by is not None and q.addressed_to is not None
            assert q.commitments and 1 <= len(q.commitments) <= 3
            if q.status == QuestionStatus.DRAFT:
                assert q.reference is None and q.date_tabled is None
            else:
                assert q.reference and date(TODAY.year - 3, 1, 1) <= q.date_tabled <= TODAY
                assert q.answer_due >= q.date_tabled
            if q.status == QuestionStatus.ANSWERED:
                assert q.answer_text and q.date_answered and q.answered_by is not None
                assert q.date_tabled <= q.date_answered <= TODAY
            if q.status == QuestionStatus.HOLDING_ANSWER:
                assert q.date_tabled <= q.holding_answer_date <= TODAY
        answered = [q for q in questions if q.status == QuestionStatus.ANSWERED]
        assert {q.assessment for q in answered} >= {"satisfactory", "partial", "unsatisfactory"}
        assert len({q.answer_text.count("\n\n") for q in answered}) > 1  # one sentence to several paragraphs
        awaiting = [q for q in questions if q.status in ("tabled", "holding_answer")]
        assert any(q.answer_due < TODAY for q in awaiting)  # overdue
        assert any(TODAY <= q.answer_due <= TODAY + timedelta(days=7) for q in awaiting)
        assert sum(q.pillar_number is not None for q in questions) > 0.8 * QUESTIONS
        assert any(q.risk_factors for q in questions) and any(q.instruments for q in questions)
        assert {q.confidentiality for q in questions} == {"public", "committee", "restricted"}
        assert Counter(q.confidentiality for q in questions).most_common(1)[0][0] == "committee"
        assert any(q.tags for q in questions)


def test_the_parliament_budget_debates_and_follow_ups(database):
    fill(database)
    with database.read_session() as session:
        bodies = session.scalars(select(Body)).all()
        assert {b.kind for b in bodies} == {k.value for k in BodyKind} - {"other", "party", "legislature"}
        people = session.scalars(select(Person)).all()
        mps = [p for p in people if p.kind == PersonKind.MP]
        assert len(mps) == 60 and len({p.party for p in mps}) >= 4 and len({p.constituency for p in mps}) >= 10
        assert sum(p.kind == PersonKind.MINISTER for p in people) >= 6

        items = session.scalars(select(BudgetItem)).all()
        assert {b.scope for b in items} == {s.value for s in BudgetScope}
        assert {b.fiscal_year for b in items} == set(range(TODAY.year - 3, TODAY.year + 1))
        assert all(b.currency == "EUR" and b.amount_allocated > 0 and b.commitments for b in items)
        assert all(b.question_raised and b.government_response and b.committee_position for b in items)

        debates = session.scalars(select(Debate).order_by(Debate.date)).all()
        assert [d.status for d in debates] == [DebateStatus.HELD, DebateStatus.PLANNED]
        assert debates[0].date < TODAY < debates[1].date and debates[0].outcome and debates[1].sitting_minutes
        for d in debates:
            assert 5 <= len(d.agenda_items) <= 7
            assert [a.position for a in d.agenda_items] == list(range(len(d.agenda_items)))
            assert all(a.speakers and a.allotted_minutes for a in d.agenda_items)
            assert sum(a.allotted_minutes for a in d.agenda_items) <= d.sitting_minutes
        links = session.scalars(select(AgendaItemLink)).all()
        assert any(link.question_id for link in links) and any(link.commitment_id for link in links)

        follow_ups = session.scalars(select(FollowUp)).all()
        assert {f.status for f in follow_ups} >= {FollowUpStatus.OPEN, FollowUpStatus.DONE}
        assert any(f.status == FollowUpStatus.OPEN and f.due_date < TODAY for f in follow_ups)
        assert any(f.status == FollowUpStatus.OPEN and f.due_date >= TODAY for f in follow_ups)
        assert all(f.completed_on for f in follow_ups if f.status == FollowUpStatus.DONE)
        assert all(f.owner_body_id for f in follow_ups)
        assert any(f.question_id for f in follow_ups)

        assert session.scalar(select(func.count()).select_from(Document)) >= 5
        commitments = session.scalar(select(func.count()).select_from(Commitment))
        assessments = session.scalars(select(CommitmentAssessment)).all()
        assert 0.5 * commitments <= len(assessments) <= 0.7 * commitments
        assert len({a.status for a in assessments}) >= 3 and all(a.evidence for a in assessments)
        statuses = session.scalars(select(InstrumentStatus)).all()
        assert len(statuses) == session.scalar(select(func.count()).select_from(Instrument)) == 13
        assert len({s.status for s in statuses}) >= 3


def test_the_database_stays_consistent(database):
    fill(database)
    with database.read_session() as session:
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []
        assert session.execute(text("PRAGMA integrity_check")).scalar() == "ok"
        assert audit.verify_chain(session) is None


def test_every_record_has_the_audit_entry_an_orm_insert_would_write(database):
    counts = fill(database)
    with database.read_session() as session:
        entries = {(e.table_name, e.record_id): e for e in session.scalars(select(AuditEntry))}
        assert len(entries) >= sum(v for k, v in counts.items() if k != "agenda_item_links")
        for model in RECORD_KINDS:
            for record in session.scalars(select(model)):
                entry = entries[(model.__tablename__, record.id)]
                assert (entry.action, entry.record_uid, entry.user) == ("insert", record.uid, "clerk")
                assert entry.new_value == audit.encode(audit.snapshot(record))
                assert record.created_by == record.updated_by == "clerk" and record.created_at


def test_running_again_adds_records_without_duplicating_names(database):
    first = fill(database)
    second = fill(database)  # the same seed again: new uids and references, the same parliament
    third = fill(database, seed=99)
    for again in (second, third):
        assert again["questions"] == QUESTIONS and again["bodies"] == 0 and again["people"] == 0
        assert again["instrument_statuses"] == 0  # updated in place
    with database.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Question)) == 3 * QUESTIONS
        references = session.scalars(select(Question.reference).where(Question.reference.is_not(None))).all()
        assert len(references) == len(set(references))
        assert session.scalar(select(func.count()).select_from(Person)) == first["people"]
        assert session.scalar(select(func.count(func.distinct(CommitmentAssessment.commitment_id)))) == \
            session.scalar(select(func.count()).select_from(CommitmentAssessment))
        assert session.execute(text("PRAGMA foreign_key_check")).all() == []
        assert audit.verify_chain(session) is None


def test_reports_progress_and_leaves_records_editable(database, monkeypatch):
    monkeypatch.setattr(generator, "BATCH_SIZE", 100)
    calls = []

    def progress(done: int, total: int) -> None:
        calls.append((done, total))

    with database.session() as session:
        generator.generate_demo(session, questions=QUESTIONS, today=TODAY, progress=progress)
        session.commit()
    assert len(calls) >= QUESTIONS // 100
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)
    assert calls[-1][0] == calls[-1][1]
    with database.session() as session:
        question_id = session.scalar(select(Question.id).where(Question.status == "tabled").limit(1))
        records.update(session, Question, question_id, {"title": "Edited by the clerk"})
        session.commit()
        assert session.get(Question, question_id).version == 2


def test_the_data_files_name_only_known_codes_bodies_and_placeholders():
    """A typo in resources/demo would otherwise only show when the generator happens to pick that entry."""
    data = read_sample_data()
    catalogue = read_catalogue_files()
    codes = {kind: {entry["code"] for entry in catalogue[kind]} for kind in ("commitment", "instrument", "risk_factor")}
    bodies = {body.key for body in data.bodies}
    for topic in data.topics:
        assert set(topic.bodies) <= bodies, topic.key
        assert set(topic.commitments) <= codes["commitment"], topic.key
        assert set(topic.risk_factors) <= codes["risk_factor"], topic.key
        assert set(topic.instruments) | {t["instrument"] for t in topic.treaties} <= codes["instrument"], topic.key
    for programme in data.programmes:
        assert programme.body in bodies and set(programme.commitments) <= codes["commitment"], programme.name
    for item in data.agenda:
        assert set(item.commitments) <= codes["commitment"], item.title
    assert {t.instrument for t in data.treaties} == codes["instrument"]
    assert {h.body for h in data.office_holders if h.body} <= bodies
    assert {d.body for d in data.documents if d.body} | set(data.follow_ups["recommended_to"]) <= bodies

    known = {*data.fillers, "year", "year_prev", "year_next", "treaty", "minister"}
    templates = [*data.wording["contexts"], *data.wording["answer_openings"], *data.wording["answer_closings"],
                 *data.wording["evasions"], *data.follow_ups["committee_actions"]]
    for topic in data.topics:
        templates += [*topic.answers, *topic.undertakings]
        for asked in topic.questions:
            templates += [*asked["titles"], asked["text"]]
    used = {field for template in templates for _, field, _, _ in Formatter().parse(template) if field}
    assert used <= known
    assert used >= set(data.fillers)  # no placeholder left unused


def test_the_rest_of_the_record_documents_undertakings_and_risk_assessments(database):
    from r2p_desktop.core.models import DocumentKind, RiskLevel, UndertakingStatus

    fill(database)
    with database.read_session() as session:
        kinds = Counter(session.scalars(select(Document.kind)))
        assert all(kinds[kind] >= 1 for kind in DocumentKind) and kinds[DocumentKind.GOVERNMENT_REPLY] >= 2
        replied = session.scalars(select(Question).where(Question.documents.any(
            Document.kind == DocumentKind.GOVERNMENT_REPLY.value))).all()
        assert len(replied) == 1 and replied[0].status is QuestionStatus.ANSWERED

        undertakings = session.scalars(select(Undertaking)).all()
        statuses = Counter(u.status for u in undertakings)
        assert statuses[UndertakingStatus.IMPLEMENTED] and statuses[UndertakingStatus.DROPPED]
        assert sum(1 for u in undertakings if u.status is UndertakingStatus.PENDING and u.due_on < TODAY) >= 2
        assert all(u.outcome for u in undertakings if u.status is UndertakingStatus.DROPPED)
        [extended] = [u for u in undertakings if u.extensions]
        assert len(extended.extensions) == 1 and extended.extensions[0]["reason"]
        assert extended.extensions[0]["new_due_on"] == extended.due_on.isoformat()
        assert {u.question_id is not None for u in undertakings} == {True, False}  # answers and the debate
        assert session.scalar(select(func.count()).select_from(FollowUp)
                              .where(FollowUp.undertaking_id.is_not(None))) == 1

        assessments = session.scalars(select(RiskAssessment).order_by(RiskAssessment.year)).all()
        assert [a.year for a in assessments] == [TODAY.year - 2, TODAY.year - 1]
        assert all(len(a.findings) == 14 and a.source_document.kind is DocumentKind.RISK_ASSESSMENT
                   for a in assessments)
        before, after = ({f.risk_factor_id: f.level for f in a.findings} for a in assessments)
        assert sum(before[factor] != after[factor] for factor in before) >= 4
        assert RiskLevel.ELEVATED in after.values() and all(f.note for f in assessments[1].findings)
        assert any(f.documents or f.recommendations for f in assessments[1].findings)


def test_some_sample_documents_carry_a_pdf_whose_words_search_finds(database, db_path):
    from r2p_desktop.core import attachments, check
    from r2p_desktop.core.services import search

    fill(database)
    with database.read_session() as session:
        attached = session.scalars(select(Document).where(Document.file_sha256 != "")).all()
        assert {d.file_name for d in attached} == {"MoJ reply - International Crimes Bill timetable.pdf",
                                                   "HRC risk assessment.pdf"}
        store = attachments.AttachmentStore.of_database(db_path)
        assert all(store.has(d.file_sha256) and d.file_size == store.path_of(d.file_sha256).stat().st_size
                   for d in attached)
        hits = search.search(session, '"universal jurisdiction"')
        [reply] = [d for d in attached if d.kind.value == "government_reply"]
        assert ("document", reply.id) in {(hit.kind, hit.record_id) for hit in hits}
    [attachment_check] = [f for f in check.check_database(database) if f.check == "attachments"]
    assert attachment_check.ok and attachment_check.detail.startswith("2 attached files checked")
