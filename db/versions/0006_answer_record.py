"""The answer record as parliaments keep it: a named day, a transfer to another ministry, the holding
answer's text, a corrected answer with the one first given kept, and one answer given to several
questions.

Revision ID: 0006_answer_record
Revises: 0005_search_unspaced_scripts
Create Date: 2026-12-07

The questions table is rebuilt (SQLite adds a foreign key no other way) and its triggers, the audit
guard and both search indexes', made again as they were.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006_answer_record"
down_revision = "0005_search_unspaced_scripts"
branch_labels = None
depends_on = None

COLUMNS = (
    sa.Column("named_day", sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column("transferred_from_id", sa.Integer()),
    sa.Column("transferred_on", sa.Date()),
    sa.Column("holding_answer_text", sa.Text(), server_default="", nullable=False),
    sa.Column("original_answer_text", sa.Text(), server_default="", nullable=False),
    sa.Column("answer_corrected_on", sa.Date()),
    sa.Column("answered_with_id", sa.Integer()),
)


def upgrade() -> None:
    # SQLite adds a foreign key only by rebuilding the table, which drops its triggers (the audit guard,
    # both search indexes'): they are kept as they are and made again on the rebuilt table.
    triggers = [sql for (sql,) in op.get_bind().exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'questions' ORDER BY name")]
    with op.batch_alter_table("questions", recreate="always") as batch:
        for column in COLUMNS:
            batch.add_column(column)
        batch.create_foreign_key("fk_questions_transferred_from_id_bodies", "bodies", ["transferred_from_id"],
                                 ["id"], ondelete="RESTRICT")
        batch.create_foreign_key("fk_questions_answered_with_id_questions", "questions", ["answered_with_id"],
                                 ["id"], ondelete="SET NULL")
        batch.create_index("ix_questions_answered_with_id", ["answered_with_id"])
    for sql in triggers:
        op.execute(sql)


def downgrade() -> None:
    triggers = [sql for (sql,) in op.get_bind().exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'questions' ORDER BY name")]
    with op.batch_alter_table("questions", recreate="always") as batch:
        batch.drop_index("ix_questions_answered_with_id")
        batch.drop_constraint("fk_questions_answered_with_id_questions", type_="foreignkey")
        batch.drop_constraint("fk_questions_transferred_from_id_bodies", type_="foreignkey")
        for column in reversed(COLUMNS):
            batch.drop_column(column.name)
    for sql in triggers:
        op.execute(sql)
