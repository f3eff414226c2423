"""The question use cases the form calls, tested without Qt against a real migrated SQLite file."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from r2p_desktop.app import records as record_use_cases
from r2p_desktop.app import removal
from r2p_desktop.app.changes import Changes, Record
from r2p_desktop.app.errors import SaveRefusedError, StillReferredToError
from r2p_desktop.app.questions import save_question, save_shown, with_draft
from r2p_desktop.app.record_forms import QUESTION
from r2p_desktop.app.records import Loaded
from r2p_desktop.core import drafts, policy
from r2p_desktop.core.database import Database
from r2p_desktop.core.errors import ConflictError, ReadOnlyDatabaseError, ValidationError
from r2p_desktop.core.models import Body, FollowUp, Person, Question
from r2p_desktop.core.services import directory, records
from r2p_desktop.exchange.record_tables import import_table

TITLE = "Early warning capacity in the Ministry of Foreign Affairs"


def saved(database, question_id) -> dict:
    with database.read_session() as session:
        return records.get(session, Question, question_id)


def count(database, model) -> int:
    with database.read_session() as session:
        return session.scalar(select(func.count()).select_from(model))


def person_named(database, name) -> int | None:
    with database.read_session() as session:
        return directory.find_person(session, name)


def add(database, **values) -> int:
    with database.session() as session:
        question_id = records.create(session, Question, {"title": TITLE, **values})
        session.commit()
    return question_id


def colleague_saves(database, question_id, **values) -> None:
    with database.session() as session:
        records.update(session, Question, question_id, values)
        session.commit()


# --- saving a new question ----------------------------------------------------------------------

def test_a_new_question_is_saved_with_its_names_and_the_changes_say_so(database):
    changes = save_question(database, None, {"title": TITLE, "status": "tabled", "date_tabled": "2017-09-06"},
                            asked_by_name="Amina Okafor", addressed_to_name="Ministry of Foreign Affairs")

    [question_id] = changes.created_ids("question")
    [person_id] = changes.created_ids("person")
    [body_id] = changes.created_ids("body")
    assert changes.kinds == {"question", "person", "body"}
    assert not changes.updated and not changes.deleted
    question = saved(database, question_id)
    assert question["title"] == TITLE and question["status"] == "tabled"
    assert (question["asked_by_id"], question["addressed_to_id"]) == (person_id, body_id)


def test_a_new_question_gets_the_committees_default_confidentiality(database):
    with database.session() as session:
        policy.set_default_confidentiality(session, "restricted")
        session.commit()
    [question_id] = save_question(database, None, {"title": TITLE}).created_ids("question")
    assert saved(database, question_id)["confidentiality"] == "restricted"

    [chosen] = save_question(database, None, {"title": "Another", "confidentiality": "public"}).created_ids("question")
    assert saved(database, chosen)["confidentiality"] == "public"


# --- names --------------------------------------------------------------------------------------

def test_a_name_is_found_ignoring_case_and_spaces_and_created_only_once(database):
    first = save_question(database, None, {"title": "One"}, asked_by_name="Amina Okafor")
    second = save_question(database, None, {"title": "Two"}, asked_by_name="  amina OKAFOR ")
    third = save_question(database, None, {"title": "Three"}, asked_by_name="Émile Durand")
    fourth = save_question(database, None, {"title": "Four"}, asked_by_name="émile durand")

    assert count(database, Person) == 2
    assert first.created_ids("person") and third.created_ids("person")
    assert second.kinds == fourth.kinds == {"question"}  # nobody new: People need not refresh
    [one], [two] = first.created_ids("question"), second.created_ids("question")
    assert saved(database, one)["asked_by_id"] == saved(database, two)["asked_by_id"]


def test_a_blank_name_names_nobody(database):
    [question_id] = save_question(database, None, {"title": TITLE}, asked_by_name="Lars Berg",
                                  answered_by_name="Chen Wei").created_ids("question")
    changes = save_question(database, question_id, {}, asked_by_name="  ", answered_by_name=None)
    question = saved(database, question_id)
    assert question["asked_by_id"] is None and question["answered_by_id"] is None
    assert changes.kinds == {"question"}
    assert count(database, Person) == 2  # nobody is deleted with the link


def test_a_new_name_is_not_kept_when_the_question_is_refused(database):
    with pytest.raises(ValidationError) as refused:
        save_question(database, None, {"title": ""}, asked_by_name="Someone New",
                      addressed_to_name="Ministry of Nowhere")
    assert set(refused.value.errors) == {"title"}
    assert count(database, Person) == count(database, Body) == count(database, Question) == 0


def test_a_name_that_cannot_be_created_is_refused_on_its_field(database):
    with pytest.raises(ValidationError) as refused:
        save_question(database, None, {"title": TITLE}, addressed_to_name="x" * 500)
    assert "addressed_to_id" in refused.value.errors


def test_the_question_import_resolves_names_the_same_way(database, tmp_path):
    save_question(database, None, {"title": "Typed in the form"}, asked_by_name="Amina Okafor",
                  addressed_to_name="Ministry of Justice")
    csv = tmp_path / "questions.csv"
    csv.write_text("title,asked_by,addressed_to\nFrom the file,AMINA OKAFOR,ministry of justice\n"
                   "Another,Lars Berg,Ministry of Defence\nAnd another,lars berg,Ministry of Defence\n",
                   encoding="utf-8")
    with database.session() as session:
        report = import_table(session, "questions", csv)
    assert report.errors == []
    assert (report.new_people, report.new_bodies) == (["Lars Berg"], ["Ministry of Defence"])
    assert count(database, Person) == count(database, Body) == 2


# --- changing a question ------------------------------------------------------------------------

def test_only_the_fields_changed_from_what_was_shown_are_written(database):
    question_id = add(database, notes="As first written")
    shown = {**saved(database, question_id), "asked_by": ""}
    colleague_saves(database, question_id, notes="A colleague's notes")

    # The clerk chose to save over the colleague's version (the conflict dialog's "keep mine"): the
    # whole form goes in, but only the title differs from what was shown.
    form = {**shown, "title": "Revised title"}
    changes = save_question(database, question_id, form, shown=shown,
                            expected_version=saved(database, question_id)["version"], asked_by_name="")

    question = saved(database, question_id)
    assert question["title"] == "Revised title"
    assert question["notes"] == "A colleague's notes"  # not overwritten with the stale form value
    assert changes == Changes(updated={Record("question", question_id)})


def test_a_changed_name_is_resolved_and_an_unchanged_one_left_alone(database):
    [question_id] = save_question(database, None, {"title": TITLE}, asked_by_name="Amina Okafor",
                                  addressed_to_name="Ministry of Justice").created_ids("question")
    shown = {"title": TITLE, "asked_by": "Amina Okafor", "addressed_to": "Ministry of Justice"}
    with database.session() as session:  # someone renames the ministry meanwhile
        justice = directory.find_body(session, "Ministry of Justice")
        records.update(session, Body, justice, {"name": "Ministry of Justice and Security"})
        session.commit()

    changes = save_question(database, question_id, {"title": TITLE}, shown=shown, asked_by_name="Lars Berg",
                            addressed_to_name="Ministry of Justice")
    question = saved(database, question_id)
    assert question["asked_by_id"] == person_named(database, "Lars Berg")
    assert question["addressed_to_id"] == justice  # not re-resolved, so no new "Ministry of Justice"
    assert count(database, Body) == 1
    assert changes.kinds == {"question", "person"}


def test_a_colleagues_save_since_the_version_shown_is_a_conflict_and_nothing_is_written(database):
    question_id = add(database)
    shown_version = saved(database, question_id)["version"]
    colleague_saves(database, question_id, title="Their title")

    with pytest.raises(ConflictError) as conflict:
        save_question(database, question_id, {"title": "My title"}, expected_version=shown_version,
                      asked_by_name="Someone New")
    assert conflict.value.yours["title"] == "My title" and conflict.value.theirs["title"] == "Their title"
    assert saved(database, question_id)["title"] == "Their title"
    assert person_named(database, "Someone New") is None

    # Saving over theirs, knowing it: the version now shown is theirs.
    save_question(database, question_id, {"title": "My title"}, expected_version=conflict.value.current_version)
    assert saved(database, question_id)["title"] == "My title"


def test_a_refused_workflow_step_is_a_validation_error_on_status(database):
    question_id = add(database, status="tabled", date_tabled="2026-03-02")
    with pytest.raises(ValidationError) as refused:
        save_question(database, question_id, {"status": "closed"})
    assert "status" in refused.value.errors


# --- the question form: what counts as an edit, saving what it shows, drafts --------------------

def test_an_edit_is_what_saving_would_change():
    shown = QUESTION.shown({"title": TITLE, "type": "written", "status": "tabled", "date_tabled": "2017-09-06",
                            "asked_by_id": "Amina Okafor", "tags": ["early warning"], "commitments": ["A1"]})
    assert QUESTION.changed(shown, dict(shown)) == {}
    # Spaces around a text, or no text where there was none, would be saved alike: nothing was edited.
    same = {**shown, "title": f"  {TITLE} ", "notes": None, "asked_by_id": "Amina Okafor "}
    assert QUESTION.changed(shown, same) == {}

    edited = {**same, "title": "Revised title", "assessment": "partial", "commitments": ["A1", "B2"],
              "date_tabled": "2017-09-07", "not_a_field": "ignored"}
    assert QUESTION.changed(shown, edited) == {"title": "Revised title", "assessment": "partial",
                                               "commitments": ["A1", "B2"], "date_tabled": "2017-09-07"}


def test_the_form_shows_a_question_with_its_names_and_saves_only_what_the_clerk_changed(database):
    [question_id] = save_question(database, None, {"title": TITLE, "notes": "As first written"},
                                  asked_by_name="Amina Okafor", addressed_to_name="Ministry of Justice"
                                  ).created_ids("question")
    loaded = record_use_cases.load(database, QUESTION, question_id)
    assert (loaded.shown["asked_by_id"], loaded.shown["addressed_to_id"]) == ("Amina Okafor", "Ministry of Justice")
    choices = record_use_cases.choices(database, QUESTION)
    assert [name for name, _ in choices.people] == ["Amina Okafor"]
    assert choices.pillars and all(choices.codes[name] for name in ("commitments", "risk_factors", "instruments"))

    colleague_saves(database, question_id, notes="A colleague's notes")
    typed = {**loaded.shown, "title": "Revised title", "asked_by_id": "Lars Berg"}
    changes = save_shown(database, question_id, typed, before=loaded.shown,
                         expected_version=saved(database, question_id)["version"])  # "keep mine"

    question = saved(database, question_id)
    assert question["title"] == "Revised title"
    assert question["notes"] == "A colleague's notes"  # not written back from the form
    assert question["asked_by_id"] == person_named(database, "Lars Berg")
    assert changes.kinds == {"question", "person"}


def test_a_new_question_from_the_form_gets_the_committees_default_and_its_names(database):
    with database.session() as session:
        policy.set_default_confidentiality(session, "restricted")
        session.commit()
    new = record_use_cases.new(database, QUESTION)
    assert new.shown["confidentiality"] == "restricted"
    changes = save_shown(database, None, {**new.shown, "title": TITLE, "addressed_to_id": "Ministry of Justice"})
    [question_id] = changes.created_ids("question")
    assert saved(database, question_id)["confidentiality"] == "restricted"
    assert changes.created_ids("body") and not changes.created_ids("person")  # a blank asker names nobody


def test_a_name_the_form_cannot_save_is_refused_on_its_own_field(database):
    with pytest.raises(ValidationError) as refused:
        save_shown(database, None, {"title": TITLE, "addressed_to_id": "x" * 500})
    assert set(refused.value.errors) == {"addressed_to_id"}  # the field the form shows it in


def draft_of(fields, base, version) -> drafts.Draft:
    return drafts.Draft("question", 1, fields, datetime.now(UTC), None, Path("draft.json"), version, base)


def test_a_draft_goes_onto_the_question_as_saved_since():
    base = {"title": TITLE, "notes": "", "status": "tabled"}
    draft = draft_of({**base, "title": "My title"}, base, version=3)

    # A colleague saved other fields meanwhile: the edits go onto their save, checked against its version.
    theirs = Loaded({**base, "notes": "Their notes"}, version=4)
    restored = with_draft(theirs, draft)
    assert restored.shown == {"title": "My title", "notes": "Their notes", "status": "tabled"}
    assert restored.version == 4

    # A colleague saved the same field: the draft's version, so that saving shows both versions.
    theirs = Loaded({**base, "title": "Their title"}, version=4)
    restored = with_draft(theirs, draft)
    assert restored.shown["title"] == "My title" and restored.version == 3


# --- errors from the database -------------------------------------------------------------------

def test_a_read_only_database_refuses_with_its_reason(database):
    read_only = Database(str(database.path), read_only=True, read_only_reason="it is on a CD")
    try:
        with pytest.raises(ReadOnlyDatabaseError, match="on a CD"):
            save_question(read_only, None, {"title": TITLE})
        with pytest.raises(ReadOnlyDatabaseError):
            removal.delete(read_only, "question", 1)
    finally:
        read_only.dispose()


def test_a_database_error_becomes_one_line_for_the_clerk(database, monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("INSERT", {}, Exception("attempt to write a readonly database"))

    monkeypatch.setattr(records, "create", refuse)
    with pytest.raises(SaveRefusedError, match=r"could not save this \(attempt to write a readonly database\)"):
        save_question(database, None, {"title": TITLE})


# --- deleting -----------------------------------------------------------------------------------

def test_deleting_a_question_says_which_was_deleted(database):
    question_id = add(database)
    changes = removal.delete(database, "question", question_id)
    assert changes == Changes(deleted={("question", question_id)})
    assert changes.deleted_ids("question") == {question_id} and changes.kinds == {"question"}
    assert count(database, Question) == 0


def test_a_question_with_follow_ups_is_not_deleted(database):
    question_id = add(database)
    with database.session() as session:
        records.create(session, FollowUp, {"description": "Chase the ministry", "question_id": question_id})
        session.commit()
    with pytest.raises(StillReferredToError) as refused:
        removal.delete(database, "question", question_id)
    assert str(refused.value) == "1 follow-up arose from this question; delete or re-parent it first"
    assert saved(database, question_id)["id"] == question_id


# --- the Changes value --------------------------------------------------------------------------

def test_changes_are_a_frozen_value_of_registry_kinds():
    changes = Changes(created=[("question", 1), ("person", 7)]) | Changes(updated={Record("question", 2)})
    assert changes.kinds == {"question", "person"}
    assert changes.created_ids("question") == {1} and changes.updated_ids("question") == {2}
    assert changes.deleted_ids("question") == frozenset()
    assert changes and not Changes()
    with pytest.raises(dataclasses.FrozenInstanceError):
        changes.created = frozenset()  # type: ignore[misc]
    with pytest.raises(ValueError, match="questions"):
        Changes(created=[("questions", 1)])  # a misspelt kind would refresh nothing
