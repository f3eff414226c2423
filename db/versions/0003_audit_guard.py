"""The audit trail can only grow: the database itself refuses to change or delete an entry.

Revision ID: 0003_audit_guard
Revises: 0002_search_index
Create Date: 2026-11-29

The program never updates or deletes audit entries; these triggers make that a property of the
file, so a script or another tool cannot quietly rewrite history (`r2p check` reports a missing
trigger, and the hash chain shows an entry changed while one was missing).
"""

from alembic import op

revision = "0003_audit_guard"
down_revision = "0002_search_index"
branch_labels = None
depends_on = None

MESSAGE = "the audit trail cannot be changed or deleted"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for event in ("update", "delete"):
            op.execute(f"CREATE TRIGGER audit_entries_no_{event} BEFORE {event.upper()} ON audit_entries "
                       f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END")
    elif dialect == "postgresql":
        op.execute("CREATE FUNCTION audit_entries_refuse() RETURNS trigger LANGUAGE plpgsql AS "
                   f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$")
        for event in ("update", "delete"):
            op.execute(f"CREATE TRIGGER audit_entries_no_{event} BEFORE {event.upper()} ON audit_entries "
                       "FOR EACH ROW EXECUTE FUNCTION audit_entries_refuse()")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    for event in ("update", "delete"):
        if dialect == "sqlite":
            op.execute(f"DROP TRIGGER IF EXISTS audit_entries_no_{event}")
        elif dialect == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS audit_entries_no_{event} ON audit_entries")
    if dialect == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS audit_entries_refuse()")
