"""The audit trail is written with each change and only then; the database refuses to rewrite it.
A failing migration leaves the database as it was; an upgrade keeps every row of every table."""

from __future__ import annotations

import shutil
import sqlite3

import pytest
from alembic import command
from sqlalchemy import func, select

from r2p_desktop import paths
from r2p_desktop.core import migrations
from r2p_desktop.core.database import open_database
from r2p_desktop.core.errors import R2PError
from r2p_desktop.core.models import AuditEntry, Question
from r2p_desktop.core.services import records
from r2p_desktop.sample_data import generate_demo


def audit_count(session) -> int:
    return session.scalar(select(func.count()).select_from(AuditEntry))


def test_every_insert_update_and_delete_writes_its_entry_in_the_same_transaction(database):
    with database.session() as session:
        qid = records.create(session, Question, {"title": "Early warning"})
        records.update(session, Question, qid, {"title": "Early warning systems", "notes": "asked twice"})
        records.delete(session, Question, qid)
        assert audit_count(session) == 4  # visible inside the transaction, before the commit
        session.commit()
    with database.read_session() as session:
        entries = session.scalars(select(AuditEntry).order_by(AuditEntry.id)).all()
    assert [(e.action, e.field) for e in entries] == [
        ("insert", None), ("update", "title"), ("update", "notes"), ("delete", None)]
    assert entries[1].old_value == "Early warning" and entries[1].new_value == "Early warning systems"
    assert {e.user for e in entries} == {"test-clerk"}


def test_a_rolled_back_change_writes_no_audit_entry(database):
    with database.session() as session:
        records.create(session, Question, {"title": "Kept"})
        session.commit()
        before = audit_count(session)
    with database.session() as session:
        qid = records.create(session, Question, {"title": "Abandoned"})
        records.update(session, Question, 1, {"title": "Changed then undone"})
        assert audit_count(session) > before
        session.rollback()
    with database.session() as session:
        with pytest.raises(R2PError):
            records.create(session, Question, {"title": ""})  # refused: nothing flushed, nothing audited
        session.rollback()
    with database.read_session() as session:
        assert audit_count(session) == before
        assert session.get(Question, qid) is None


def versions_with_failing_migration(tmp_path):
    shipped = paths.migrations_dir()
    copy = tmp_path / "db"
    shutil.copytree(shipped, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "versions" / "0099_fails.py").write_text(f'''
from alembic import op
import sqlalchemy as sa

revision = "0099_fails"
down_revision = "{migrations.SCHEMA_HEAD}"


def upgrade():
    op.execute("UPDATE questions SET title = 'overwritten by a bad migration'")
    op.execute("DELETE FROM follow_ups")
    with op.batch_alter_table("questions") as batch:
        batch.add_column(sa.Column("half_done", sa.Integer()))
    raise RuntimeError("this migration fails half-way")
''')
    return copy


def table_counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as raw:
        names = [row[0] for row in raw.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        return {name: raw.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def test_a_failing_migration_leaves_the_database_at_its_previous_version_with_its_data(
        database, db_path, tmp_path, monkeypatch):
    with database.session() as session:
        generate_demo(session, questions=30, seed=3)
        session.commit()
    database.dispose()
    before = table_counts(db_path)
    with sqlite3.connect(db_path) as raw:
        titles = raw.execute("SELECT id, title FROM questions ORDER BY id").fetchall()

    failing = versions_with_failing_migration(tmp_path)
    monkeypatch.setattr(paths, "migrations_dir", lambda: failing)
    monkeypatch.setattr(migrations, "SCHEMA_HEAD", "0099_fails")
    with pytest.raises(RuntimeError, match="fails half-way"):
        open_database(str(db_path), backup_dir=tmp_path / "backups", create=True)
    monkeypatch.undo()

    assert table_counts(db_path) == before
    with sqlite3.connect(db_path) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (migrations.SCHEMA_HEAD,)
        assert raw.execute("SELECT id, title FROM questions ORDER BY id").fetchall() == titles
        assert "half_done" not in {row[1] for row in raw.execute("PRAGMA table_info(questions)")}
    assert list((tmp_path / "backups").glob("*before-0099_fails*"))  # and a backup from before it
    reopened = open_database(str(db_path))
    assert not reopened.read_only
    reopened.dispose()


def test_an_upgrade_from_the_first_schema_keeps_every_row_of_every_table(database, db_path):
    with database.session() as session:
        generate_demo(session, questions=60, seed=11)
        session.commit()
    database.dispose()
    config = migrations.alembic_config()
    config.set_main_option("sqlalchemy.url", f"sqlite:///{db_path}")
    command.downgrade(config, "0001_initial")
    at_first_schema = table_counts(db_path)
    assert at_first_schema["agenda_items"] > 0 and at_first_schema["audit_entries"] > 0  # children too

    open_database(str(db_path), create=True).dispose()
    after = table_counts(db_path)
    assert {name: after[name] for name in at_first_schema} == at_first_schema
    assert all(count > 0 for name, count in at_first_schema.items() if name != "documents")
