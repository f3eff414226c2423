"""People and bodies can be archived: no longer offered for new entries (a minister out of office, a
ministry merged away), still listed, named by their records and kept in their history.

Revision ID: 0007_archived_people_and_bodies
Revises: 0006_answer_record
Create Date: 2026-12-07

A column with a constant default is added in place (no table is rebuilt), so the tables keep their
search triggers; every existing person and body starts as not archived.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007_archived_people_and_bodies"
down_revision = "0006_answer_record"
branch_labels = None
depends_on = None

TABLES = ("people", "bodies")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("archived", sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    # Dropping a column rebuilds the table, which drops its triggers (the search indexes'): they are kept
    # as they are and made again on the rebuilt table.
    for table in TABLES:
        triggers = [sql for (sql,) in op.get_bind().exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name", (table,))]
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.drop_column("archived")
        for sql in triggers:
            op.execute(sql)
