"""Search finds part of a word in scripts written without spaces (Chinese, Japanese, Thai...) and Korean.

Revision ID: 0005_search_unspaced_scripts
Revises: 0004_committee_policy
Create Date: 2026-12-07

FTS5's unicode61 tokenizer (search_index, migration 0002) takes a whole run of Chinese characters
for one word, so 协调人 inside 政府是否已任命保护责任国家协调人 was never found. A second index,
`search_index_cjk`, with the trigram tokenizer, holds the same rows as search_index (same rowid,
kind, title and body), but only for records whose title or body holds a letter of these scripts, so
it stays small where they are rare: a search matches any three or more characters of it from the
index, and two characters by scanning its rows. Its triggers fire only for such records (a WHEN
clause), and search_index and its triggers are left as they were.
"""

from alembic import op

revision = "0005_search_unspaced_scripts"
down_revision = "0004_committee_policy"
branch_labels = None
depends_on = None

# As at this revision (a migration is a snapshot): table, kind code, kind name, SQL for the title and
# the body (columns of NEW/OLD or the table); and the code point ranges of the scripts concerned.
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
SCRIPTS = ("\u0e00-\u0eff\u1000-\u109f\u1100-\u11ff\u1780-\u17ff\u3005-\ud7ff\uf900-\ufaff\uff66-\uff9f"
           "\U00020000-\U0003ffff")


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute("CREATE VIRTUAL TABLE search_index_cjk USING fts5(kind UNINDEXED, title, body, tokenize = 'trigram')")
    columns = "(rowid, kind, title, body)"
    for table, code, kind, title, body in INDEXED:
        def values(r, title=title, body=body, code=code, kind=kind):
            return f"{r}.id * 16 + {code}, '{kind}', {title.format(r=r)}, {body.format(r=r)}"

        def unspaced(r, title=title, body=body):  # not all ASCII (quick to tell), and holding such a letter
            return " OR ".join(f"(length({column}) <> length(CAST({column} AS BLOB)) AND ({column}) GLOB "
                               f"'*[{SCRIPTS}]*')" for column in (title.format(r=r), body.format(r=r)))

        remove = f"DELETE FROM search_index_cjk WHERE rowid = old.id * 16 + {code};"
        reinsert = f"INSERT INTO search_index_cjk {columns} SELECT {values('new')} WHERE {unspaced('new')};"
        op.execute(f"INSERT INTO search_index_cjk {columns} SELECT {values(table)} FROM {table} "
                   f"WHERE {unspaced(table)}")
        op.execute(f"CREATE TRIGGER {table}_search_cjk_insert AFTER INSERT ON {table} WHEN {unspaced('new')} "
                   f"BEGIN INSERT INTO search_index_cjk {columns} VALUES ({values('new')}); END")
        op.execute(f"CREATE TRIGGER {table}_search_cjk_update AFTER UPDATE ON {table} "
                   f"WHEN {unspaced('old')} OR {unspaced('new')} BEGIN {remove} {reinsert} END")
        op.execute(f"CREATE TRIGGER {table}_search_cjk_delete AFTER DELETE ON {table} BEGIN {remove} END")


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for table, *_ in INDEXED:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_search_cjk_{event}")
    op.execute("DROP TABLE IF EXISTS search_index_cjk")
