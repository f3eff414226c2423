"""The generic record use cases and the form specification they read, without Qt, on a real SQLite file."""

from __future__ import annotations

import pytest

from r2p_desktop.app import record_forms, removal
from r2p_desktop.app import records as use_cases
from r2p_desktop.app.changes import Record
from r2p_desktop.app.forms import Entry, Field, Form
from r2p_desktop.core import kinds
from r2p_desktop.core.errors import ConflictError, ValidationError
from r2p_desktop.core.models import Body, BudgetItem, Person
from r2p_desktop.core.services import directory, records

BUDGET = Form(kinds.BUDGET_ITEM.key, (
    Field("programme", "&Programme"),
    Field("fiscal_year", "Fiscal &year", Entry.NUMBER, minimum=1900, maximum=2200),
    Field("currency", "C&urrency"),
    Field("amount_allocated", "&Allocated", Entry.MONEY),
    Field("tags", "&Tags", Entry.TAGS),
))
OWNED = Form(kinds.FOLLOW_UP.key, (
    Field("description", "&What is to be done", Entry.TEXT),
    Field("owner_body_id", "&Owner", Entry.BODY_NAME),
))


def stored(database, model, record_id) -> dict:
    return use_cases.read(database, lambda session: records.get(session, model, record_id))


def new_budget_line(database, amount: str, currency: str) -> int:
    changes = use_cases.save(database, BUDGET, None, {"programme": "Early warning unit", "fiscal_year": 2026,
                                                      "currency": currency, "amount_allocated": amount,
                                                      "tags": "prevention; early warning"})
    (line_id,) = changes.created_ids(kinds.BUDGET_ITEM.key)
    return line_id


@pytest.mark.parametrize(("typed", "currency", "minor"), [
    ("1,250,000.50", "EUR", 125_000_050), ("1,500,000", "JPY", 1_500_000), ("12.345", "KWD", 12_345)])
def test_amounts_are_read_in_the_currencys_own_minor_units_and_shown_back_as_typed(database, typed, currency,
                                                                                   minor):
    line_id = new_budget_line(database, typed, currency)
    assert stored(database, BudgetItem, line_id)["amount_allocated"] == minor
    loaded = use_cases.load(database, BUDGET, line_id)
    assert loaded.shown["amount_allocated"] == typed
    assert loaded.shown["tags"] == "early warning; prevention"  # stored in order


def test_an_unreadable_amount_is_named_beside_the_services_problems_and_nothing_is_saved(database):
    with pytest.raises(ValidationError) as refused:
        use_cases.save(database, BUDGET, None, {"programme": " ", "fiscal_year": 2026, "currency": "JPY",
                                                "amount_allocated": "1,000.5"})
    assert set(refused.value.errors) == {"programme", "amount_allocated"}
    assert "no decimal places" in refused.value.errors["amount_allocated"]
    assert use_cases.read(database, lambda session: session.query(BudgetItem).count()) == 0


def test_a_new_record_starts_at_the_committees_default_confidentiality(database):
    database.set_default_confidentiality("restricted")
    assert use_cases.new(database, record_forms.BODY).shown["confidentiality"] == "restricted"


def test_a_typed_owner_is_found_or_added_to_bodies_once_and_reported_as_created(database):
    with database.session() as session:
        justice = directory.body_or_new(session, "Ministry of Justice")
        session.commit()
    known = use_cases.save(database, OWNED, None, {"description": "Chase", "owner_body_id": " ministry of justice"})
    (first,) = known.created_ids(kinds.FOLLOW_UP.key)
    assert stored(database, kinds.FOLLOW_UP.model, first)["owner_body_id"] == justice
    assert not known.created_ids(kinds.BODY.key)

    new = use_cases.save(database, OWNED, None, {"description": "Ask", "owner_body_id": "Office of the Ombudsperson"})
    (body_id,) = new.created_ids(kinds.BODY.key)
    (second,) = new.created_ids(kinds.FOLLOW_UP.key)
    assert use_cases.load(database, OWNED, second).shown["owner_body_id"] == "Office of the Ombudsperson"
    assert stored(database, Body, body_id)["name"] == "Office of the Ombudsperson"


def test_a_refused_save_keeps_no_new_name_either(database):
    with pytest.raises(ValidationError):
        use_cases.save(database, OWNED, None, {"description": "", "owner_body_id": "Ministry of Defence"})
    assert use_cases.read(database, lambda session: directory.find_body(session, "Ministry of Defence")) is None


def test_saving_returns_the_record_updated_and_a_colleagues_later_save_is_a_conflict(database):
    created = use_cases.save(database, record_forms.PERSON, None, {"full_name": "Amina Okafor", "kind": "mp"})
    (person_id,) = created.created_ids(kinds.PERSON.key)
    loaded = use_cases.load(database, record_forms.PERSON, person_id)
    changed = use_cases.save(database, record_forms.PERSON, person_id, {**loaded.shown, "party": "Green Alliance"},
                             expected_version=loaded.version)
    assert changed.updated == {Record(kinds.PERSON.key, person_id)} and not changed.created
    with pytest.raises(ConflictError):  # the form still holds the version it was loaded at
        use_cases.save(database, record_forms.PERSON, person_id, {**loaded.shown, "role": "Chair"},
                       expected_version=loaded.version)
    assert stored(database, Person, person_id)["party"] == "Green Alliance"


def test_an_unset_number_is_stored_as_not_known(database):
    shown = {**use_cases.new(database, record_forms.DEBATE).shown, "title": "Budget hearing", "sitting_minutes": 0}
    (debate_id,) = use_cases.save(database, record_forms.DEBATE, None, shown).created_ids(kinds.DEBATE.key)
    assert stored(database, kinds.DEBATE.model, debate_id)["sitting_minutes"] is None


def test_deleting_returns_the_deleted_record(database):
    created = use_cases.save(database, record_forms.BODY, None, {"name": "Focal point office", "kind": "focal_point"})
    (body_id,) = created.created_ids(kinds.BODY.key)
    assert removal.delete(database, kinds.BODY.key, body_id).deleted == {Record(kinds.BODY.key, body_id)}
    assert use_cases.read(database, lambda session: session.get(Body, body_id)) is None


def test_a_new_person_or_body_starts_public_as_the_public_facts_they_are(database):
    assert use_cases.new(database, record_forms.BODY).shown["confidentiality"] == "public"
    assert use_cases.new(database, record_forms.PERSON).shown["confidentiality"] == "public"
    assert use_cases.new(database, record_forms.BUDGET_ITEM).shown["confidentiality"] == "committee"  # the default
