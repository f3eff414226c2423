"""Attached files and the rest of the committee's record: a document's attached file (its size and the
text read from it, which the search index now holds), government undertakings with their due dates and
extensions, and the committee's yearly atrocity risk assessments, one finding per risk factor with the
documents, recommendations and questions that bear it out. Questions and undertakings link documents; a
follow-up can arise from an undertaking.

Revision ID: 0009_documents_undertakings_risk
Revises: 0008_recommendations
Create Date: 2026-12-07

The documents' search triggers are made again to read the attached file's name and text; the three new
tables get the six search triggers the registry calls for at this revision (written out here: a
migration is a snapshot). follow_ups is rebuilt (SQLite adds a foreign key and changes a CHECK no other
way), and its triggers made again as they were.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009_documents_undertakings_risk"
down_revision = "0008_recommendations"
branch_labels = None
depends_on = None

SCRIPTS = ("\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u3005-\ud7ff\uf900-\ufaff\uff66-\uff9f"
           "\U00020000-\U0003ffff")
# table: (search code, kind key, title, body)
SEARCHED = {
    "undertakings": (10, "undertaking", "{r}.text", "{r}.outcome || ' ' || {r}.notes"),
    "risk_assessments": (11, "risk_assessment", "{r}.title", "{r}.notes"),
    "risk_findings": (12, "risk_finding", "(SELECT a.year FROM risk_assessments a WHERE a.id = {r}.risk_assessment_id)"
                      " || ': ' || (SELECT f.title FROM risk_factors f WHERE f.id = {r}.risk_factor_id)",
                      "{r}.level || ' ' || {r}.note || ' ' || {r}.notes"),
}
DOCUMENTS_BEFORE = (6, "document", "{r}.title", "{r}.notes")
DOCUMENTS = (6, "document", "{r}.title", "{r}.file_name || ' ' || {r}.notes || ' ' || {r}.file_text")
ONE_PARENT_BEFORE = ("(question_id IS NOT NULL) + (budget_item_id IS NOT NULL) + (debate_id IS NOT NULL)"
                     " + (agenda_item_id IS NOT NULL) + (recommendation_id IS NOT NULL) <= 1")
ONE_PARENT = ONE_PARENT_BEFORE.replace(" <= 1", " + (undertaking_id IS NOT NULL) <= 1")
LINKS = (  # (table, owner, target, what removing the target does)
    ("question_documents", "question", "document", "CASCADE"),
    ("undertaking_documents", "undertaking", "document", "CASCADE"),
    ("risk_finding_documents", "risk_finding", "document", "CASCADE"),
    ("risk_finding_recommendations", "risk_finding", "recommendation", "CASCADE"),
    ("risk_finding_questions", "risk_finding", "question", "CASCADE"),
)


def _record_columns(table: str) -> list[sa.Column | sa.Constraint]:
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
        sa.CheckConstraint("confidentiality IN ('public', 'committee', 'restricted')",
                           name=op.f(f"ck_{table}_confidentiality_valid")),
        sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        sa.UniqueConstraint("uid", name=op.f(f"uq_{table}_uid")),
    ]


def _foreign_key(table: str, column: str, target: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint([column], [f"{target}.id"], name=op.f(f"fk_{table}_{column}_{target}"),
                                   ondelete=ondelete)


def _search_triggers(table: str, code: int, kind: str, title: str, body: str) -> list[str]:
    def values(r: str) -> str:
        return f"{r}.id * 16 + {code}, '{kind}', {title.format(r=r)}, {body.format(r=r)}"

    def unspaced(r: str) -> str:  # not all ASCII (quick to tell), and holding such a letter
        return " OR ".join(f"(length({column}) <> length(CAST({column} AS BLOB)) AND ({column}) GLOB "
                           f"'*[{SCRIPTS}]*')" for column in (title.format(r=r), body.format(r=r)))

    columns = "(rowid, kind, title, body)"
    insert = f"INSERT INTO search_index {columns} VALUES ({values('new')});"
    remove = f"DELETE FROM search_index WHERE rowid = old.id * 16 + {code};"
    cjk_remove = f"DELETE FROM search_index_cjk WHERE rowid = old.id * 16 + {code};"
    cjk_reinsert = f"INSERT INTO search_index_cjk {columns} SELECT {values('new')} WHERE {unspaced('new')};"
    return [
        f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN {insert} END",
        f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} BEGIN {remove} {insert} END",
        f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {remove} END",
        f"CREATE TRIGGER {table}_search_cjk_insert AFTER INSERT ON {table} WHEN {unspaced('new')} "
        f"BEGIN INSERT INTO search_index_cjk {columns} VALUES ({values('new')}); END",
        f"CREATE TRIGGER {table}_search_cjk_update AFTER UPDATE ON {table} "
        f"WHEN {unspaced('old')} OR {unspaced('new')} BEGIN {cjk_remove} {cjk_reinsert} END",
        f"CREATE TRIGGER {table}_search_cjk_delete AFTER DELETE ON {table} BEGIN {cjk_remove} END",
    ]


def _remake_document_triggers(search: tuple[int, str, str, str]) -> None:
    for name in ("insert", "update", "delete", "cjk_insert", "cjk_update", "cjk_delete"):
        op.execute(f"DROP TRIGGER IF EXISTS documents_search_{name}")
    for sql in _search_triggers("documents", *search):
        op.execute(sql)


def _follow_up_triggers() -> list[str]:
    return [sql for (sql,) in op.get_bind().exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'follow_ups' ORDER BY name")]


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.add_column("documents", sa.Column("file_size", sa.Integer(), nullable=True))
    op.add_column("documents", sa.Column("file_text", sa.Text(), server_default="", nullable=False))

    op.create_table(
        "undertakings",
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("given_by_id", sa.Integer(), nullable=True),
        sa.Column("body_id", sa.Integer(), nullable=True),
        sa.Column("question_id", sa.Integer(), nullable=True),
        sa.Column("debate_id", sa.Integer(), nullable=True),
        sa.Column("agenda_item_id", sa.Integer(), nullable=True),
        sa.Column("given_on", sa.Date(), nullable=True),
        sa.Column("due_on", sa.Date(), nullable=True),
        sa.Column("extensions", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        *_record_columns("undertakings"),
        sa.CheckConstraint("status IN ('pending', 'implemented', 'partly_implemented', 'dropped')",
                           name=op.f("ck_undertakings_status_valid")),
        sa.CheckConstraint("due_on IS NULL OR given_on IS NULL OR due_on >= given_on",
                           name=op.f("ck_undertakings_due_on_not_before_given_on")),
        sa.CheckConstraint("(question_id IS NOT NULL) + (debate_id IS NOT NULL) + (agenda_item_id IS NOT NULL) <= 1",
                           name=op.f("ck_undertakings_one_source")),
        sa.CheckConstraint("status <> 'dropped' OR length(outcome) > 0", name=op.f("ck_undertakings_dropped_has_reason")),
        _foreign_key("undertakings", "given_by_id", "people", "RESTRICT"),
        _foreign_key("undertakings", "body_id", "bodies", "RESTRICT"),
        _foreign_key("undertakings", "question_id", "questions", "RESTRICT"),
        _foreign_key("undertakings", "debate_id", "debates", "RESTRICT"),
        _foreign_key("undertakings", "agenda_item_id", "agenda_items", "RESTRICT"),
    )
    for column in ("given_by_id", "body_id", "question_id", "debate_id", "agenda_item_id"):
        op.create_index(f"ix_undertakings_{column}", "undertakings", [column])
    op.create_index("ix_undertakings_status_due_on", "undertakings", ["status", "due_on"])

    op.create_table(
        "risk_assessments",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("assessed_on", sa.Date(), nullable=True),
        sa.Column("source_document_id", sa.Integer(), nullable=True),
        *_record_columns("risk_assessments"),
        sa.CheckConstraint("year BETWEEN 1900 AND 2200", name=op.f("ck_risk_assessments_year_range")),
        _foreign_key("risk_assessments", "source_document_id", "documents", "SET NULL"),
        sa.UniqueConstraint("year", name=op.f("uq_risk_assessments_year")),
    )
    op.create_table(
        "risk_findings",
        sa.Column("risk_assessment_id", sa.Integer(), nullable=False),
        sa.Column("risk_factor_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=14), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        *_record_columns("risk_findings"),
        sa.CheckConstraint("level IN ('not_assessed', 'low', 'moderate', 'elevated', 'high')",
                           name=op.f("ck_risk_findings_level_valid")),
        _foreign_key("risk_findings", "risk_assessment_id", "risk_assessments", "CASCADE"),
        _foreign_key("risk_findings", "risk_factor_id", "risk_factors", "RESTRICT"),
        sa.UniqueConstraint("risk_assessment_id", "risk_factor_id", name=op.f("uq_risk_findings_risk_assessment_id")),
    )
    op.create_index("ix_risk_findings_risk_factor_id", "risk_findings", ["risk_factor_id"])

    for name, owner, target, ondelete in LINKS:
        op.create_table(
            name,
            sa.Column(f"{owner}_id", sa.Integer(), nullable=False),
            sa.Column(f"{target}_id", sa.Integer(), nullable=False),
            _foreign_key(name, f"{owner}_id", f"{owner}s", "CASCADE"),
            _foreign_key(name, f"{target}_id", f"{target}s", ondelete),
            sa.PrimaryKeyConstraint(f"{owner}_id", f"{target}_id", name=op.f(f"pk_{name}")),
        )
        op.create_index(f"ix_{name}_{target}_id", name, [f"{target}_id"])

    if sqlite:
        _remake_document_triggers(DOCUMENTS)
        for table, search in SEARCHED.items():
            for sql in _search_triggers(table, *search):
                op.execute(sql)
        # The documents already kept are indexed afresh with the columns the index now reads.
        op.execute("UPDATE documents SET file_text = file_text")

    triggers = _follow_up_triggers() if sqlite else []
    with op.batch_alter_table("follow_ups", recreate="always") as batch:
        batch.add_column(sa.Column("undertaking_id", sa.Integer(), nullable=True))
        batch.create_index("ix_follow_ups_undertaking_id", ["undertaking_id"])
        batch.create_foreign_key("fk_follow_ups_undertaking_id_undertakings", "undertakings",
                                 ["undertaking_id"], ["id"], ondelete="RESTRICT")
        batch.drop_constraint(op.f("ck_follow_ups_one_parent"), type_="check")
        batch.create_check_constraint(op.f("ck_follow_ups_one_parent"), sa.text(ONE_PARENT))
    for sql in triggers:
        op.execute(sql)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    triggers = _follow_up_triggers() if sqlite else []
    with op.batch_alter_table("follow_ups", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_follow_ups_one_parent"), type_="check")
        batch.create_check_constraint(op.f("ck_follow_ups_one_parent"), sa.text(ONE_PARENT_BEFORE))
        batch.drop_index("ix_follow_ups_undertaking_id")
        batch.drop_constraint("fk_follow_ups_undertaking_id_undertakings", type_="foreignkey")
        batch.drop_column("undertaking_id")
    for sql in triggers:
        op.execute(sql)
    for name, *_ in reversed(LINKS):
        op.drop_table(name)
    for table in ("risk_findings", "risk_assessments", "undertakings"):
        kind = SEARCHED[table][1]
        op.execute(f"DELETE FROM search_index WHERE kind = '{kind}'")
        op.execute(f"DELETE FROM search_index_cjk WHERE kind = '{kind}'")
        op.drop_table(table)  # its triggers go with it
    with op.batch_alter_table("documents") as batch:  # a rebuild: the triggers are made afterwards
        batch.drop_column("file_text")
        batch.drop_column("file_size")
    if sqlite:
        _remake_document_triggers(DOCUMENTS_BEFORE)
        op.execute("UPDATE documents SET notes = notes")
