"""Columns that hold a word from a fixed list (a question's status, a body's kind, confidentiality):
read back as enum members, refused when the word is not in the list, still readable when another program
wrote one that is not, and stored in exactly the columns the migrations made."""

from __future__ import annotations

import csv
import re
import sqlite3
from contextlib import closing
from datetime import date

import pytest
from sqlalchemy import CheckConstraint, create_engine, func, inspect, select, update

from r2p_desktop.app import record_forms
from r2p_desktop.app import records as use_cases
from r2p_desktop.app.errors import as_r2p_errors
from r2p_desktop.core import audit
from r2p_desktop.core.audience import seen_by
from r2p_desktop.core.database import open_database
from r2p_desktop.core.errors import R2PError, ValidationError
from r2p_desktop.core.models import (
    AuditEntry,
    Base,
    Body,
    Confidentiality,
    FollowUp,
    FollowUpStatus,
    Question,
    QuestionStatus,
    QuestionType,
)
from r2p_desktop.core.models.base import EnumText, NotInVocabularyError, enum_columns
from r2p_desktop.core.services import dashboard, directory, history, listings, records
from r2p_desktop.core.services.follow_ups import FollowUpFilter, list_follow_ups
from r2p_desktop.core.services.questions import QuestionFilter, iter_question_records, question_ids, question_rows
from r2p_desktop.exchange.record_tables import export_tables
from r2p_desktop.sample_data import generator

TODAY = date(2026, 6, 15)
MODELS = sorted((mapper.class_ for mapper in Base.registry.mappers), key=lambda model: model.__tablename__)
WORD_LIST = re.compile(r"(\w+) (?:IS NULL OR \w+ )?IN \(")  # how enum_check writes its CHECK
ENUM_COLUMNS = [(model, name, enum) for model in MODELS for name, enum in enum_columns(model).items()]


def declared_columns(path, table: str) -> dict[str, tuple]:
    """Each column of `table` in the file as SQLite declares it: (type, not null, default, primary key)."""
    with closing(sqlite3.connect(path)) as raw:
        return {row[1]: row[2:] for row in raw.execute(f"PRAGMA table_info({table})")}


def column_id(item: tuple) -> str:
    model, name, _ = item
    return f"{model.__tablename__}.{name}"


# --- the schema -------------------------------------------------------------------------------------

def test_every_word_list_column_of_the_schema_is_enum_typed():
    """Every column the schema keeps to a list of words (a CHECK "<column> IN (...)") is typed with its enum."""
    for model in MODELS:
        checked = {match.group(1) for constraint in model.__table__.constraints
                   if isinstance(constraint, CheckConstraint) and (match := WORD_LIST.match(str(constraint.sqltext)))}
        assert set(enum_columns(model)) == checked, model.__tablename__


@pytest.mark.parametrize("item", ENUM_COLUMNS, ids=column_id)
def test_the_migrated_file_has_the_same_column_and_allows_exactly_the_enum(db_path, database, item):
    model, name, enum = item
    column = model.__table__.c[name]
    assert isinstance(column.type, EnumText)
    with closing(sqlite3.connect(db_path)) as raw:
        declared = {row[1]: (row[2], bool(row[3])) for row in raw.execute(f"PRAGMA table_info({model.__tablename__})")}
        table_sql = raw.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                (model.__tablename__,)).fetchone()[0]
    assert declared[name] == (f"VARCHAR({column.type.length})", not column.nullable)
    allowed = re.search(rf"CONSTRAINT ck_{model.__tablename__}_{name}_valid CHECK \((?:{name} IS NULL OR )?"
                        rf"{name} IN \(([^)]*)\)\)", table_sql)
    assert allowed is not None
    assert re.findall(r"'([^']*)'", allowed.group(1)) == [member.value for member in enum]
    assert max(len(member.value) for member in enum) <= column.type.length


def test_a_file_made_from_the_models_declares_every_column_as_the_migrations_do(db_path, database, tmp_path):
    made = create_engine(f"sqlite:///{tmp_path / 'from-models.sqlite'}")
    Base.metadata.create_all(made)
    made.dispose()
    for table in Base.metadata.tables:
        assert declared_columns(tmp_path / "from-models.sqlite", table) == declared_columns(db_path, table), table


# --- reading -----------------------------------------------------------------------------------------

def test_every_enum_column_reads_back_as_members_of_its_enum(database):
    with database.session() as session:
        generator.generate_demo(session, questions=60, today=TODAY)
        session.commit()
    with database.read_session() as session:
        for model, name, enum in ENUM_COLUMNS:
            values = session.scalars(select(getattr(model, name)).distinct()).all()
            assert values, f"no {model.__tablename__}.{name} to check"
            assert all(value is None or type(value) is enum for value in values), (model, name, values)


def test_a_saved_question_reads_back_with_members_that_still_equal_their_words(session):
    question_id = records.create(session, Question, {"title": "Early warning", "type": "oral",
                                                     "status": "tabled", "date_tabled": "2026-05-02"})
    session.commit()
    session.expire_all()
    question = session.get(Question, question_id)
    assert question.status is QuestionStatus.TABLED and question.type is QuestionType.ORAL
    assert question.confidentiality is Confidentiality.COMMITTEE
    assert question.status == "tabled" and f"{question.status}" == "tabled"
    stored = records.get(session, Question, question_id)
    assert stored["status"] is QuestionStatus.TABLED
    assert question_ids(session, QuestionFilter(status="tabled"), today=TODAY) == [question_id]
    assert question_ids(session, QuestionFilter(status="nonsense"), today=TODAY) == []
    # A filter is not a write: a word nobody stores finds nothing rather than being refused.
    assert list_follow_ups(session, FollowUpFilter(status="nonsense")) == []


def test_a_record_just_created_holds_members_before_it_is_read_again(session):
    question_id = records.create(session, Question, {"title": "Early warning", "assessment": ""})
    question = session.get(Question, question_id)
    assert question.status is QuestionStatus.DRAFT and question.assessment is None


# --- refusing words not in the list ------------------------------------------------------------------

def test_a_form_with_a_word_not_in_the_list_is_refused_naming_the_field(database):
    shown = {"name": "Atrocity Prevention Agency", "kind": "agency", "abbreviation": "", "confidentiality": "public",
             "notes": ""}
    with pytest.raises(ValidationError) as refused:
        use_cases.save(database, record_forms.BODY, None, shown)
    assert refused.value.errors == {
        "kind": "'agency' is not one of: ministry, nhri, ombudsperson, focal_point, committee, party, legislature, "
                "other"}
    assert use_cases.read(database, listings.bodies) == []


def test_a_model_written_with_a_word_not_in_the_list_is_refused_in_one_line_and_nothing_is_saved(database):
    with pytest.raises(NotInVocabularyError) as refused, as_r2p_errors(), database.session() as session:
        session.add(Body(name="Atrocity Prevention Agency", kind="agency"))
        session.commit()
    assert isinstance(refused.value, R2PError)  # what the window shows as it is, not "could not save (…)"
    assert str(refused.value) == ("Body kind 'agency' is not one of: ministry, nhri, ombudsperson, focal_point, "
                                  "committee, party, legislature, other; nothing was saved")
    with database.read_session() as session:
        assert session.scalar(select(func.count()).select_from(Body)) == 0
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 0


def test_an_update_statement_with_a_word_not_in_the_list_is_refused(database):
    with database.session() as session:
        question_id = records.create(session, Question, {"title": "Early warning"})
        session.commit()
    with pytest.raises(NotInVocabularyError, match="Question status 'lapsed' is not one of: draft, tabled"), \
            database.session() as session:
        session.execute(update(Question).where(Question.id == question_id).values(status="lapsed"))
    with database.read_session() as session:
        assert session.get(Question, question_id).status is QuestionStatus.DRAFT


# --- the audit trail ---------------------------------------------------------------------------------

def test_the_audit_trail_records_the_words_whether_a_record_was_loaded_or_just_assigned(session):
    question_id = records.create(session, Question, {"title": "Early warning", "type": "oral"})
    session.commit()
    session.expire_all()
    loaded = session.get(Question, question_id)
    assigned = Question(**{c.key: getattr(loaded, c.key) for c in inspect(Question).column_attrs})
    for attr in ("type", "status", "confidentiality"):
        setattr(assigned, attr, str(getattr(loaded, attr).value))
    assert audit.snapshot(loaded) == audit.snapshot(assigned)
    assert audit.encode(audit.snapshot(loaded)) == audit.encode(audit.snapshot(assigned))
    assert type(audit.snapshot(loaded)["status"]) is str

    records.update(session, Question, question_id, {"status": QuestionStatus.TABLED, "date_tabled": "2026-05-02"})
    session.commit()
    change = session.execute(select(AuditEntry.old_value, AuditEntry.new_value)
                             .where(AuditEntry.field == "status")).one()
    assert tuple(change) == ("draft", "tabled")
    assert '"type": "oral"' in session.scalar(select(AuditEntry.new_value).where(AuditEntry.action == "insert"))
    assert audit.verify_chain(session) is None
    [status_change] = [e for e in history.record_history(session, Question, question_id) if e.field == "status"]
    assert (status_change.old, status_change.new) == ("Draft", "Tabled")


# --- a file another program wrote --------------------------------------------------------------------

@pytest.fixture
def edited_elsewhere(db_path, database):
    """A database in which another program, ignoring the CHECK constraints, wrote words that are not ours."""
    with database.session() as session:
        ministry = directory.body_or_new(session, "Ministry of Justice")
        question_id = records.create(session, Question, {
            "title": "Early warning", "reference": "WQ-1", "status": "tabled", "date_tabled": "2026-05-02",
            "addressed_to_id": ministry})
        follow_up_id = records.create(session, FollowUp, {"description": "Report back", "question_id": question_id})
        session.commit()
    database.dispose()
    with closing(sqlite3.connect(db_path)) as raw, raw:  # closed, after committing
        raw.execute("PRAGMA ignore_check_constraints = ON")
        raw.execute("UPDATE questions SET status = 'lapsed', type = 'petition' WHERE id = ?", (question_id,))
        raw.execute("UPDATE follow_ups SET status = 'parked' WHERE id = ?", (follow_up_id,))
        raw.execute("UPDATE bodies SET kind = 'agency' WHERE id = ?", (ministry,))
    reopened = open_database(str(db_path))
    yield reopened, question_id, follow_up_id, ministry
    reopened.dispose()


def test_words_another_program_wrote_are_read_listed_and_exported_as_they_are(edited_elsewhere, tmp_path):
    database, question_id, follow_up_id, ministry = edited_elsewhere
    assert not database.read_only
    with database.read_session() as session:
        stored = records.get(session, Question, question_id)
        assert (stored["status"], stored["type"]) == ("lapsed", "petition")
        assert type(stored["status"]) is str
        [row] = question_rows(session, [question_id], today=TODAY).values()
        assert row.status == "lapsed"
        assert question_ids(session, QuestionFilter(status="lapsed"), today=TODAY) == [question_id]
        assert [r["status"] for r in listings.follow_ups(session, TODAY)] == ["parked"]
        assert [r["id"] for r in list_follow_ups(session, FollowUpFilter(status="parked"))] == [follow_up_id]
        assert [r["kind"] for r in listings.bodies(session)] == ["agency"]
        assert next(iter_question_records(session))["status"] == "lapsed"
        dashboard.dashboard(session, today=TODAY)
        history.record_history(session, Question, question_id)
        out = tmp_path / "questions.csv"
        export_tables(session, ["questions"], out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        [exported] = list(csv.DictReader(handle))
    assert (exported["status"], exported["type"]) == ("lapsed", "petition")
    loaded = use_cases.load(database, record_forms.BODY, ministry)
    assert loaded.shown["kind"] == "agency"


def test_a_word_another_program_wrote_is_not_saved_again_but_can_be_corrected(edited_elsewhere):
    database, question_id, follow_up_id, ministry = edited_elsewhere
    with database.session() as session, pytest.raises(ValidationError) as refused:
        records.update(session, Question, question_id, {"title": "Early warning (revised)"})
    assert refused.value.errors["status"].startswith("'lapsed' is not one of: draft, tabled")
    with database.session() as session:
        records.update(session, Question, question_id, {"status": "tabled", "type": "written"})
        records.update(session, FollowUp, follow_up_id, {"status": "in_progress"})
        session.commit()
    with database.read_session() as session:
        assert session.get(Question, question_id).status is QuestionStatus.TABLED
        assert session.get(FollowUp, follow_up_id).status is FollowUpStatus.IN_PROGRESS
        [change] = [e for e in history.record_history(session, Question, question_id) if e.field == "status"]
        assert (change.old, change.new) == ("Lapsed", "Tabled")
        assert session.get(Body, ministry).kind == "agency"  # untouched, so left as it was


def test_a_marking_another_program_wrote_is_read_by_no_audience(db_path, database):
    with database.session() as session:
        question_id = records.create(session, Question, {"title": "Early warning", "confidentiality": "public"})
        session.commit()
    database.dispose()
    with closing(sqlite3.connect(db_path)) as raw, raw:  # closed, after committing
        raw.execute("PRAGMA ignore_check_constraints = ON")
        raw.execute("UPDATE questions SET confidentiality = 'secret' WHERE id = ?", (question_id,))
    reopened = open_database(str(db_path))
    try:
        with reopened.read_session() as session:
            assert session.get(Question, question_id).confidentiality == "secret"
            for audience in ("public", "committee", "all"):
                with seen_by(session, audience):
                    assert session.scalars(select(Question.id)).all() == [], audience
    finally:
        reopened.dispose()



def test_a_refused_word_that_reads_like_damage_is_not_taken_for_a_damaged_file(database):
    """SQLite says "malformed" of a damaged file; a word a clerk typed may say it too."""
    with pytest.raises(NotInVocabularyError, match="'malformed' is not one of"), as_r2p_errors(), \
            database.session() as session:
        session.add(Body(name="Atrocity Prevention Agency", kind="malformed"))
        session.commit()
