"""Full-text search over every kind of record (SQLite FTS5), kept current by triggers.

Revision ID: 0002_search_index
Revises: 0001_initial
Create Date: 2026-11-22

Each record is one row of `search_index`, its rowid = record id * 16 + the code of its kind, so a
trigger finds a record's row by rowid instead of scanning the index. Other engines get no index
here; the search service says so. A later batch migration that recreates one of these tables
drops its triggers with it, and must create them again.
"""

from alembic import op

revision = "0002_search_index"
down_revision = "0001_initial"
branch_labels = None
depends_on = None

# table, kind code, kind name, SQL for the title, SQL for the body (columns of NEW/OLD or the table)
INDEXED = (
    ("questions", 1, "question", "coalesce({r}.reference || ' ', '') || {r}.title",
     "{r}.question_text || ' ' || {r}.answer_text || ' ' || {r}.notes"),
    ("budget_items", 2, "budget_item", "{r}.programme",
     "{r}.question_raised || ' ' || {r}.government_response || ' ' || {r}.committee_position || ' ' "
     "|| {r}.outcome || ' ' || {r}.notes"),
    ("debates", 3, "debate", "{r}.title", "{r}.chamber || ' ' || {r}.motion || ' ' || {r}.outcome || ' ' || {r}.notes"),
    ("agenda_items", 4, "agenda_item", "{r}.title",
     "{r}.description || ' ' || {r}.speakers || ' ' || {r}.outcome_notes || ' ' || {r}.notes"),
    ("follow_ups", 5, "follow_up", "{r}.description", "{r}.outcome || ' ' || {r}.notes"),
    ("documents", 6, "document", "{r}.title", "{r}.notes"),
    ("people", 7, "person", "{r}.full_name",
     "{r}.party || ' ' || {r}.constituency || ' ' || {r}.role || ' ' || {r}.notes"),
    ("bodies", 8, "body", "{r}.name", "{r}.abbreviation || ' ' || {r}.notes"),
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE search_index USING fts5("
               "kind UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2')")
    for table, code, kind, title, body in INDEXED:
        def row(r, title=title, body=body, code=code, kind=kind):
            return f"{r}.id * 16 + {code}, '{kind}', {title.format(r=r)}, {body.format(r=r)}"

        insert = "INSERT INTO search_index (rowid, kind, title, body) VALUES ({});"
        remove = f"DELETE FROM search_index WHERE rowid = old.id * 16 + {code};"
        op.execute(f"INSERT INTO search_index (rowid, kind, title, body) SELECT {row(table)} FROM {table}")
        op.execute(f"CREATE TRIGGER {table}_search_insert AFTER INSERT ON {table} BEGIN "
                   f"{insert.format(row('new'))} END")
        op.execute(f"CREATE TRIGGER {table}_search_update AFTER UPDATE ON {table} BEGIN "
                   f"{remove} {insert.format(row('new'))} END")
        op.execute(f"CREATE TRIGGER {table}_search_delete AFTER DELETE ON {table} BEGIN {remove} END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, *_ in INDEXED:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_{event}")
    op.execute("DROP TABLE IF EXISTS search_index")
