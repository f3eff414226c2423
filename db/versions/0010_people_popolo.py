"""Members and bodies from Popolo files: a person's birth date (an ISO date that may be only a year), other
names with their language, contact details, identifiers elsewhere and the Popolo id they were imported by;
a body's Popolo id, and parties and the legislature as kinds of body; and memberships (who sat in which
body, for which party and constituency, from when until when).

Revision ID: 0010_people_popolo
Revises: 0009_documents_undertakings_risk
Create Date: 2026-12-07

bodies is rebuilt (SQLite changes a CHECK no other way), and its search triggers made again as they were.
"""

import sqlalchemy as sa
from alembic import op

revision = "0010_people_popolo"
down_revision = "0009_documents_undertakings_risk"
branch_labels = None
depends_on = None

BODY_KINDS_BEFORE = "kind IN ('ministry', 'nhri', 'ombudsperson', 'focal_point', 'committee', 'other')"
BODY_KINDS = BODY_KINDS_BEFORE.replace("'other')", "'party', 'legislature', 'other')")
PEOPLE_JSON = ("other_names", "contact", "identifiers")


def _triggers(table: str) -> list[str]:
    return [sql for (sql,) in op.get_bind().exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ? ORDER BY name", (table,))]


def _remake_bodies(kinds: str, *, popolo_id: bool) -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    triggers = _triggers("bodies") if sqlite else []
    with op.batch_alter_table("bodies", recreate="always") as batch:
        batch.drop_constraint(op.f("ck_bodies_kind_valid"), type_="check")
        batch.create_check_constraint(op.f("ck_bodies_kind_valid"), sa.text(kinds))
        if popolo_id:
            batch.add_column(sa.Column("popolo_id", sa.String(length=200), nullable=True))
            batch.create_unique_constraint(op.f("uq_bodies_popolo_id"), ["popolo_id"])
        else:
            batch.drop_constraint(op.f("uq_bodies_popolo_id"), type_="unique")
            batch.drop_column("popolo_id")
    for sql in triggers:
        op.execute(sql)


def upgrade() -> None:
    _remake_bodies(BODY_KINDS, popolo_id=True)
    op.add_column("people", sa.Column("birth_date", sa.String(length=10), server_default="", nullable=False))
    for name in PEOPLE_JSON:
        op.add_column("people", sa.Column(name, sa.JSON(), server_default="[]", nullable=False))
    # SQLite adds a column with a UNIQUE constraint only by a rebuild: a unique index keeps the same promise.
    op.add_column("people", sa.Column("popolo_id", sa.String(length=200), nullable=True))
    op.create_index("ix_people_popolo_id", "people", ["popolo_id"], unique=True)

    op.create_table(
        "memberships",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("body_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("role", sa.String(length=200), nullable=False),
        sa.Column("constituency", sa.String(length=200), nullable=False),
        sa.Column("start_date", sa.String(length=10), nullable=False),
        sa.Column("end_date", sa.String(length=10), nullable=False),
        sa.Column("popolo_id", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_memberships_person_id_people"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["body_id"], ["bodies.id"], name=op.f("fk_memberships_body_id_bodies"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["party_id"], ["bodies.id"], name=op.f("fk_memberships_party_id_bodies"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_memberships")),
        sa.UniqueConstraint("person_id", "body_id", "start_date", "role",
                            name=op.f("uq_memberships_person_id")),
        sa.UniqueConstraint("popolo_id", name=op.f("uq_memberships_popolo_id")),
    )
    for column in ("person_id", "body_id", "party_id"):
        op.create_index(f"ix_memberships_{column}", "memberships", [column])


def downgrade() -> None:
    op.drop_table("memberships")
    op.drop_index("ix_people_popolo_id", table_name="people")
    sqlite = op.get_bind().dialect.name == "sqlite"
    triggers = _triggers("people") if sqlite else []
    with op.batch_alter_table("people", recreate="always") as batch:
        for name in ("popolo_id", *PEOPLE_JSON, "birth_date"):
            batch.drop_column(name)
    for sql in triggers:
        op.execute(sql)
    op.execute("UPDATE bodies SET kind = 'other' WHERE kind IN ('party', 'legislature')")
    _remake_bodies(BODY_KINDS_BEFORE, popolo_id=False)
