"""A bulk import reads its file as a stream, twice (once to check every row, once to write them in short
transactions): nothing is written until every row has passed, every record gets its audit entry and is
found by search, and reading a large file takes little memory."""

from __future__ import annotations

import csv
import json
import tracemalloc

from sqlalchemy import func, select

from r2p_desktop.core.models import AuditEntry, Person, Question
from r2p_desktop.core.services.search import search
from r2p_desktop.exchange import record_tables
from r2p_desktop.exchange.record_tables import import_table
from r2p_desktop.exchange.table_file import open_table

HEADER = ["reference", "title", "question_text", "asked_by", "date_tabled", "status", "tags"]


def questions_file(path, count, *, last=None):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for number in range(1, count + 1):
            writer.writerow([f"BULK-{number:05d}", f"Early warning question {number}",
                             f"What has the focal point done about mediation {number}?", "Ana Quispe-Mamani",
                             "2026-03-02", "tabled", "bulk"])
        if last is not None:
            writer.writerow(last)
    return path


def counts(database):
    with database.read_session() as session:
        return tuple(session.scalar(select(func.count()).select_from(model))
                     for model in (Question, AuditEntry, Person))


def test_an_error_in_the_last_row_of_a_long_file_leaves_the_database_untouched(database, tmp_path):
    source = questions_file(tmp_path / "questions.csv", 3000,
                            last=["BULK-LAST", "Last", "", "Someone New", "2026-02-30", "tabled", ""])
    before = counts(database)
    with database.session() as session:
        report = import_table(session, "questions", source)
    assert report.errors == ["row 3002, column date_tabled: '2026-02-30' is not a date; write it as YYYY-MM-DD"]
    assert counts(database) == before  # no question, no audit entry, not even the new member of the first row


def test_every_record_of_a_bulk_import_is_audited_and_found_by_search(database, tmp_path):
    total = record_tables.FIRST_BATCH * 5  # more than one write transaction
    source = questions_file(tmp_path / "questions.csv", total)
    with database.session() as session:
        report = import_table(session, "questions", source)
    assert (report.errors, report.created, report.new_people) == ([], total, ["Ana Quispe-Mamani"])
    with database.read_session() as session:
        entries = session.execute(select(AuditEntry.new_value).where(
            AuditEntry.table_name == "questions", AuditEntry.action == "insert")).scalars().all()
        snapshots = {json.loads(entry)["reference"]: json.loads(entry) for entry in entries}
        assert len(snapshots) == total
        last = snapshots[f"BULK-{total:05d}"]
        assert (last["title"], last["date_tabled"], last["tags"]) == (f"Early warning question {total}", "2026-03-02",
                                                                    ["bulk"])
        assert last["asked_by_id"] == session.scalar(select(Person.id).where(Person.full_name == "Ana Quispe-Mamani"))
        hits = search(session, f"mediation {total}")
        assert [hit.title for hit in hits][:1] == [f"BULK-{total:05d} Early warning question {total}"]


def test_a_large_file_is_read_a_row_at_a_time(tmp_path):
    source = questions_file(tmp_path / "large.csv", 100_000)
    size = source.stat().st_size  # about 12 MB
    tracemalloc.start()
    try:
        with open_table(source) as table:
            rows = sum(1 for _ in table.rows)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert rows == 100_000
    assert peak < size / 4, f"reading the {size / 1e6:.0f} MB file took {peak / 1e6:.1f} MB"
