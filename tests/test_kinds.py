"""The kind registry is the one list of kinds: the database, the services and the views agree with it."""

from __future__ import annotations

import sqlite3

from sqlalchemy import inspect, text

from r2p_desktop.core import kinds
from r2p_desktop.core.models import AgendaItemLink, Base, FollowUp, RecordMixin
from r2p_desktop.core.services import records
from r2p_desktop.core.services.search import KIND_LABELS


def test_the_search_triggers_in_a_new_database_are_the_ones_the_registry_calls_for(r2p):
    result = r2p("check")
    assert result.code == 0
    assert "ok    search index: every kind of record is kept in the search index" in result.out


def test_a_migration_that_drops_a_search_trigger_is_caught_by_check(r2p, db_path):
    assert r2p("init").code == 0
    with sqlite3.connect(db_path) as raw:  # what a batch migration that recreates the table would do
        raw.execute("DROP TRIGGER budget_items_search_update")
    result = r2p("check")
    assert result.code == 1
    assert "FAIL  search index: trigger budget_items_search_update is missing" in result.out


def test_a_dropped_trigger_of_the_index_for_unspaced_scripts_is_caught_by_check(r2p, db_path):
    assert r2p("init").code == 0
    with sqlite3.connect(db_path) as raw:
        raw.execute("DROP TRIGGER questions_search_cjk_update")
    result = r2p("check")
    assert result.code == 1
    assert "FAIL  search index: trigger questions_search_cjk_update is missing" in result.out


def test_the_migrations_give_every_searched_kind_the_triggers_of_both_indexes(database):
    with database.read_session() as session:
        present = {name for (name,) in session.execute(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))}
    for kind in kinds.SEARCHED:
        assert {f"{kind.table}_search_{index}{event}" for index in ("", "cjk_")
                for event in ("insert", "update", "delete")} <= present, kind.key


def test_a_search_trigger_that_indexes_other_columns_is_caught_by_check(r2p, db_path):
    assert r2p("init").code == 0
    with sqlite3.connect(db_path) as raw:
        raw.execute("DROP TRIGGER people_search_insert")
        raw.execute("CREATE TRIGGER people_search_insert AFTER INSERT ON people BEGIN "
                    "INSERT INTO search_index (rowid, kind, title, body) VALUES "
                    "(new.id * 16 + 7, 'person', new.full_name, ''); END")
    result = r2p("check")
    assert result.code == 1 and "people_search_insert is missing or differs" in result.out


def test_every_record_model_has_one_kind_and_its_rules():
    record_models = {mapper.class_ for mapper in Base.registry.mappers if issubclass(mapper.class_, RecordMixin)}
    registered = {kind.model for kind in kinds.KINDS if issubclass(kind.model, RecordMixin)}
    assert registered == record_models
    assert set(records.RULES) == record_models
    assert len({kind.key for kind in kinds.KINDS}) == len(kinds.KINDS)
    codes = [kind.search.code for kind in kinds.SEARCHED]
    assert len(set(codes)) == len(codes) and all(0 < code < kinds.KIND_BITS for code in codes)


def test_follow_up_parents_and_agenda_links_are_columns_of_their_tables():
    follow_up_columns = set(inspect(FollowUp).columns.keys())
    assert {kind.id_column for kind in kinds.FOLLOW_UP_PARENTS} <= follow_up_columns
    link_columns = set(inspect(AgendaItemLink).columns.keys())
    assert {kind.id_column for kind in kinds.AGENDA_LINKS} == link_columns - {"id", "agenda_item_id"}


def test_search_groups_are_named_by_the_registry_in_its_order():
    assert list(KIND_LABELS) == [kind.key for kind in kinds.SEARCHED]
    assert KIND_LABELS["budget_item"] == "Budget lines"
