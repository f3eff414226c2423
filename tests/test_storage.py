"""Opening databases: connection settings, migration, refusal of foreign or newer files, catalogue."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from migrated_template import migrated_copy
from sqlalchemy import func, select

from r2p_desktop.core import migrations
from r2p_desktop.core.catalogue import load_catalogue
from r2p_desktop.core.database import open_database
from r2p_desktop.core.errors import DatabaseOpenError, NewerDatabaseError
from r2p_desktop.core.models import Base, Commitment, Instrument, RiskFactor


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_file_is_created_at_the_newest_schema_with_every_table(database, db_path):
    with sqlite3.connect(db_path) as raw:
        tables = {row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        version = raw.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    assert set(Base.metadata.tables) <= tables
    assert version == migrations.SCHEMA_HEAD


def test_schema_head_constant_names_the_newest_migration():
    scripts = ScriptDirectory.from_config(migrations.alembic_config())
    assert scripts.get_current_head() == migrations.SCHEMA_HEAD


def test_the_migrated_schema_matches_the_models(database):
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "include_name": migrations.is_modelled})
        differences = compare_metadata(context, Base.metadata)
    assert differences == []


def test_every_connection_reads_back_its_safety_settings(database):
    with database.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("synchronous") == 2
        assert pragma("busy_timeout") >= 5000


def test_write_transactions_take_the_lock_when_they_begin(database, db_path):
    with database.session() as session:
        session.execute(select(1))  # begins the transaction without writing anything
        other = sqlite3.connect(db_path, timeout=0.1)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        other.close()


def test_the_catalogue_is_loaded_and_loading_it_again_changes_nothing(database):
    with database.session() as session:
        counts = {m.__name__: session.scalar(select(func.count()).select_from(m))
                  for m in (Commitment, Instrument, RiskFactor)}
        assert counts["Commitment"] > 40
        assert counts["Instrument"] == 13
        assert counts["RiskFactor"] == 14
        changed = load_catalogue(session)
        session.commit()
        assert set(changed.values()) == {0}
        assert counts == {m.__name__: session.scalar(select(func.count()).select_from(m))
                          for m in (Commitment, Instrument, RiskFactor)}


def test_catalogue_commitments_cover_every_source_and_actor(database):
    with database.read_session() as session:
        rows = session.scalars(select(Commitment)).all()
    assert {c.source_code for c in rows} == {"SG2017", "PARL2017", "NHRI2017", "ROADMAP2017"}
    assert {c.actor for c in rows} >= {"government", "parliament", "nhri"}
    references = {c.reference for c in rows if c.source_code == "SG2017"}
    for paragraph in range(20, 27):
        assert f"para. {paragraph}" in references
    assert all(c.title and c.summary for c in rows)


def test_a_database_from_a_newer_version_is_refused_and_left_untouched(db_path):
    migrated_copy(db_path)
    with sqlite3.connect(db_path) as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    before = digest(db_path)
    with pytest.raises(NewerDatabaseError, match="newer version"):
        open_database(str(db_path), create=True)
    assert digest(db_path) == before


def test_a_file_that_is_not_ours_is_refused_and_left_untouched(db_path):
    with sqlite3.connect(db_path) as raw:
        raw.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total INTEGER)")
        raw.execute("INSERT INTO invoices VALUES (1, 42)")
    before = digest(db_path)
    with pytest.raises(DatabaseOpenError, match="not an R2P Desktop database"):
        open_database(str(db_path), create=True)
    assert digest(db_path) == before


def test_an_up_to_date_database_opens_without_importing_alembic(db_path):
    import subprocess
    import sys

    migrated_copy(db_path)
    code = ("import sys; from r2p_desktop.core.database import open_database; "
            f"open_database({str(db_path)!r}, create=True); print('alembic' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
