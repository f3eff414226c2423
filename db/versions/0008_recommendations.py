"""Recommendations of UN human rights mechanisms (the Universal Periodic Review, treaty bodies, special
procedures, regional bodies, NHRIs): who recommended what to the State at which session, the
government's response and how far it has been carried out, linked to commitments, questions and
documents; a follow-up can arise from one.

Revision ID: 0008_recommendations
Revises: 0007_archived_people_and_bodies
Create Date: 2026-12-07

The follow_ups table is rebuilt (SQLite adds a foreign key and changes a CHECK no other way), and its
triggers, both search indexes', made again as they were. The recommendations table gets the six search
triggers the registry calls for at this revision (written out here: a migration is a snapshot).
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_recommendations"
down_revision = "0007_archived_people_and_bodies"
branch_labels = None
depends_on = None

TABLE, CODE, KIND = "recommendations", 9, "recommendation"
TITLE = "{r}.text"
BODY = "{r}.recommended_by || ' ' || {r}.state || ' ' || {r}.cycle || ' ' || {r}.themes || ' ' || {r}.notes"
SCRIPTS = ("\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u3005-\ud7ff\uf900-\ufaff\uff66-\uff9f"
           "\U00020000-\U0003ffff")
ONE_PARENT_BEFORE = ("(question_id IS NOT NULL) + (budget_item_id IS NOT NULL) + (debate_id IS NOT NULL)"
                     " + (agenda_item_id IS NOT NULL) <= 1")
ONE_PARENT = ONE_PARENT_BEFORE.replace(" <= 1", " + (recommendation_id IS NOT NULL) <= 1")


def _record_columns() -> list[sa.Column]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("created_by", sa.String(length=120), nullable=False),
        sa.Column("updated_by", sa.String(length=120), nullable=False),
        sa.Column("confidentiality", sa.String(length=12), nullable=False),
        sa.Column("tags", sa.JSON(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
    ]


def _link_table(name: str, target: str, target_ondelete: str) -> None:
    op.create_table(
        name,
        sa.Column("recommendation_id", sa.Integer(), nullable=False),
        sa.Column(f"{target}_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint([f"{target}_id"], [f"{target}s.id"], name=op.f(f"fk_{name}_{target}_id_{target}s"),
                                ondelete=target_ondelete),
        sa.ForeignKeyConstraint(["recommendation_id"], ["recommendations.id"],
                                name=op.f(f"fk_{name}_recommendation_id_recommendations"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("recommendation_id", f"{target}_id", name=op.f(f"pk_{name}")),
    )
    op.create_index(f"ix_{name}_{target}_id", name, [f"{target}_id"])


def _search_triggers() -> list[str]:
    def values(r: str) -> str:
        return f"{r}.id * 16 + {CODE}, '{KIND}', {TITLE.format(r=r)}, {BODY.format(r=r)}"

    def unspaced(r: str) -> str:  # not all ASCII (quick to tell), and holding such a letter
        return " OR ".join(f"(length({column}) <> length(CAST({column} AS BLOB)) AND ({column}) GLOB "
                           f"'*[{SCRIPTS}]*')" for column in (TITLE.format(r=r), BODY.format(r=r)))

    columns = "(rowid, kind, title, body)"
    insert = f"INSERT INTO search_index {columns} VALUES ({values('new')});"
    remove = f"DELETE FROM search_index WHERE rowid = old.id * 16 + {CODE};"
    cjk_remove = f"DELETE FROM search_index_cjk WHERE rowid = old.id * 16 + {CODE};"
    cjk_reinsert = f"INSERT INTO search_index_cjk {columns} SELECT {values('new')} WHERE {unspaced('new')};"
    return [
        f"CREATE TRIGGER {TABLE}_search_insert AFTER INSERT ON {TABLE} BEGIN {insert} END",
        f"CREATE TRIGGER {TABLE}_search_update AFTER UPDATE ON {TABLE} BEGIN {remove} {insert} END",
        f"CREATE TRIGGER {TABLE}_search_delete AFTER DELETE ON {TABLE} BEGIN {remove} END",
        f"CREATE TRIGGER {TABLE}_search_cjk_insert AFTER INSERT ON {TABLE} WHEN {unspaced('new')} "
        f"BEGIN INSERT INTO search_index_cjk {columns} VALUES ({values('new')}); END",
        f"CREATE TRIGGER {TABLE}_search_cjk_update AFTER UPDATE ON {TABLE} "
        f"WHEN {unspaced('old')} OR {unspaced('new')} BEGIN {cjk_remove} {cjk_reinsert} END",
        f"CREATE TRIGGER {TABLE}_search_cjk_delete AFTER DELETE ON {TABLE} BEGIN {cjk_remove} END",
    ]


def _follow_up_triggers() -> list[str]:
    return [sql for (sql,) in op.get_bind().exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'follow_ups' ORDER BY name")]


def upgrade() -> None:
    op.create_table(
        TABLE,
        sa.Column("mechanism", sa.String(length=20), nullable=False),
        sa.Column("cycle", sa.String(length=60), nullable=False),
        sa.Column("state", sa.String(length=120), nullable=False),
        sa.Column("recommended_by", sa.String(length=200), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("response", sa.String(length=20), nullable=False),
        sa.Column("implementation", sa.String(length=16), nullable=False),
        sa.Column("action_category", sa.Integer(), nullable=True),
        *_record_columns(),
        sa.CheckConstraint("confidentiality IN ('public', 'committee', 'restricted')",
                           name=op.f("ck_recommendations_confidentiality_valid")),
        sa.CheckConstraint("implementation IN ('not_started', 'in_progress', 'implemented', 'not_implemented')",
                           name=op.f("ck_recommendations_implementation_valid")),
        sa.CheckConstraint("mechanism IN ('upr', 'treaty_body', 'special_procedure', 'regional_body', 'nhri', "
                           "'other')", name=op.f("ck_recommendations_mechanism_valid")),
        sa.CheckConstraint("response IN ('accepted', 'partially_accepted', 'noted', 'pending')",
                           name=op.f("ck_recommendations_response_valid")),
        sa.CheckConstraint("action_category IS NULL OR action_category BETWEEN 1 AND 5",
                           name=op.f("ck_recommendations_action_category_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_recommendations")),
        sa.UniqueConstraint("uid", name=op.f("uq_recommendations_uid")),
    )
    op.create_index("ix_recommendations_cycle", TABLE, ["cycle"])
    _link_table("recommendation_commitments", "commitment", "RESTRICT")
    _link_table("recommendation_questions", "question", "CASCADE")
    _link_table("recommendation_documents", "document", "CASCADE")
    if op.get_bind().dialect.name == "sqlite":
        for sql in _search_triggers():
            op.execute(sql)

    triggers = _follow_up_triggers()
    with op.batch_alter_table("follow_ups", recreate="always") as batch:
        batch.add_column(sa.Column("recommendation_id", sa.Integer(), nullable=True))
        batch.create_index("ix_follow_ups_recommendation_id", ["recommendation_id"])
        batch.create_foreign_key("fk_follow_ups_recommendation_id_recommendations", "recommendations",
                                 ["recommendation_id"], ["id"], ondelete="RESTRICT")
        batch.drop_constraint(op.f("ck_follow_ups_one_parent"), type_="check")
        batch.create_check_constraint(op.f("ck_follow_ups_one_parent"), sa.text(ONE_PARENT))
    for sql in triggers:
        op.execute(sql)


def downgrade() -> None:
    triggers = _follow_up_triggers()
    with op.batch_alter_table("follow_ups", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_follow_ups_one_parent"), type_="check")
        batch.create_check_constraint(op.f("ck_follow_ups_one_parent"), sa.text(ONE_PARENT_BEFORE))
        batch.drop_index("ix_follow_ups_recommendation_id")
        batch.drop_constraint("fk_follow_ups_recommendation_id_recommendations", type_="foreignkey")
        batch.drop_column("recommendation_id")
    for sql in triggers:
        op.execute(sql)
    for name in ("recommendation_documents", "recommendation_questions", "recommendation_commitments"):
        op.drop_table(name)
    op.execute(f"DELETE FROM search_index WHERE kind = '{KIND}'")
    op.execute(f"DELETE FROM search_index_cjk WHERE kind = '{KIND}'")
    op.drop_table(TABLE)  # its triggers go with it
