"""The committee's policy (for now, the default confidentiality of new records) moves into the database,
so everyone who opens it shares it instead of each computer keeping its own.

Revision ID: 0004_committee_policy
Revises: 0003_audit_guard
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004_committee_policy"
down_revision = "0003_audit_guard"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "committee_policy",
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_committee_policy")),
    )


def downgrade() -> None:
    op.drop_table("committee_policy")
