"""Importing questions in bulk: 10,000 and 100,000 rows into a copy of the 100,000-question database,
through `r2p import questions` (every check, the audit trail, the search index), beside a bare sqlite3
insert of the same rows into another copy with the same search index triggers. Also measured: the
import's peak memory, and the longest another program waits to write while the import runs. Each time is
given by the clock and in processor seconds, which other programs sharing the machine change less.

    .venv/bin/python benchmarks/bulk_import.py [ROWS ...]"""

from __future__ import annotations

import csv
import random
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sample_database import OUT, build

STATUSES = ("tabled", "answered")
WORDS = ("genocide", "prevention", "early", "warning", "focal", "point", "atrocity", "risk", "assessment",
         "mediation", "budget", "national", "mechanism", "accountability", "justice", "reconciliation", "hate",
         "speech", "monitoring", "protection", "civilians", "commission", "inquiry", "evidence", "training")


def rows(count: int, people: list[str], bodies: list[str]) -> list[dict[str, str]]:
    chance = random.Random(14)
    made = []
    start = date(2025, 1, 6)
    for number in range(1, count + 1):
        tabled = start + timedelta(days=chance.randrange(600))
        status = chance.choice(STATUSES)
        answered = status == "answered"
        made.append({
            "reference": f"IMP-{number:06d}", "type": "written",
            "title": " ".join(chance.choices(WORDS, k=8)).capitalize(),
            "question_text": " ".join(chance.choices(WORDS, k=70)),
            "asked_by": chance.choice(people), "addressed_to": chance.choice(bodies),
            "date_tabled": tabled.isoformat(), "answer_due": (tabled + timedelta(days=21)).isoformat(),
            "status": status, "answer_text": " ".join(chance.choices(WORDS, k=120)) if answered else "",
            "date_answered": (tabled + timedelta(days=15)).isoformat() if answered else "",
            "tags": "benchmark", "confidentiality": "committee",
        })
    return made


def write_csv(path: Path, made: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(made[0]))
        writer.writeheader()
        writer.writerows(made)


class LockProbe(threading.Thread):
    """Another program that tries to write every 50 ms while the import runs: the longest it waited."""

    def __init__(self, path: Path):
        super().__init__(daemon=True)
        self.path, self.longest, self.stopping = path, 0.0, threading.Event()

    def run(self) -> None:
        connection = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        while not self.stopping.is_set():
            started = time.perf_counter()
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("ROLLBACK")
            self.longest = max(self.longest, time.perf_counter() - started)
            time.sleep(0.05)
        connection.close()


_IMPORT = """
import resource, sys, time
from pathlib import Path
from r2p_desktop.core.database import open_database
from r2p_desktop.exchange.record_tables import import_table
database = open_database(sys.argv[1])  # its check and the day's first backup are not the import's
with database.session() as session:
    started, cpu = time.perf_counter(), time.process_time()
    report = import_table(session, "questions", Path(sys.argv[2]))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
assert not report.errors and report.created, report.errors[:3]
database.dispose()
print(seconds, cpu, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def through_r2p(database: Path, source: Path) -> tuple[float, float, float, float]:
    """Seconds, processor seconds and peak memory (MB) of the import in a process of its own (what `r2p
    import questions` runs, without opening the database), and the longest another program waited to
    write meanwhile."""
    probe = LockProbe(database)
    probe.start()
    done = subprocess.run([sys.executable, "-c", _IMPORT, str(database), str(source)], check=True,
                          capture_output=True, text=True)
    probe.stopping.set()
    probe.join()
    seconds, cpu, peak = (float(figure) for figure in done.stdout.split())
    return seconds, cpu, peak, probe.longest


def bare(database: Path, made: list[dict[str, str]], *, bulk_index: bool = False) -> tuple[float, float]:
    """The same rows with plain sqlite3 in one transaction: names looked up once, one executemany, and the
    search index filled by its triggers, or with `bulk_index` in one statement as the import fills it.
    Seconds and processor seconds."""
    from r2p_desktop.core import kinds

    started, cpu = time.perf_counter(), time.process_time()
    connection = sqlite3.connect(database, isolation_level=None)
    first = (connection.execute("SELECT max(id) FROM questions").fetchone()[0] or 0) + 1
    people = dict(connection.execute("SELECT full_name, id FROM people"))
    bodies = dict(connection.execute("SELECT name, id FROM bodies"))
    now = datetime.now(UTC).isoformat()
    connection.execute("BEGIN IMMEDIATE")
    triggers = kinds.search_triggers(kinds.QUESTION) if bulk_index else {}
    for name in triggers:
        connection.execute(f"DROP TRIGGER {name}")
    connection.executemany(
        "INSERT INTO questions (uid, created_at, updated_at, created_by, updated_by, confidentiality, tags, notes, "
        "version, reference, type, title, question_text, asked_by_id, addressed_to_id, date_tabled, answer_due, "
        "status, named_day, holding_answer_text, answer_text, date_answered, original_answer_text) "
        "VALUES (?, ?, ?, 'bench', 'bench', ?, '[\"benchmark\"]', '', 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, '', ?, ?, '')",
        [(str(uuid.uuid4()), now, now, row["confidentiality"], row["reference"], row["type"], row["title"],
          row["question_text"], people[row["asked_by"]], bodies[row["addressed_to"]], row["date_tabled"],
          row["answer_due"], row["status"], row["answer_text"], row["date_answered"] or None) for row in made])
    if bulk_index:
        for statement in (*kinds.search_fill(kinds.QUESTION, first, first + len(made) - 1), *triggers.values()):
            connection.execute(statement)
    connection.execute("COMMIT")
    connection.close()
    return time.perf_counter() - started, time.process_time() - cpu


def main(counts: list[int]) -> None:
    base = build(100_000)
    subprocess.run([sys.executable, "-m", "r2p_desktop.cli", "init", "--db", str(base)], check=True,
                   stdout=subprocess.DEVNULL)  # brought to the current schema once, outside the timings
    with sqlite3.connect(base) as connection:
        people = [name for (name,) in connection.execute("SELECT full_name FROM people WHERE kind = 'mp' LIMIT 200")]
        bodies = [name for (name,) in connection.execute("SELECT name FROM bodies WHERE kind = 'ministry'")]
    work = OUT / "bulk-import"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    for count in counts:
        made = rows(count, people, bodies)
        source = work / f"questions-{count}.csv"
        write_csv(source, made)
        ours, plain, plain_bulk = work / "ours.sqlite", work / "bare.sqlite", work / "bare-bulk.sqlite"
        for path in (ours, plain, plain_bulk):
            shutil.copy(base, path)
        seconds, cpu, peak, waited = through_r2p(ours, source)
        by_triggers, _ = bare(plain, made)
        in_bulk, in_bulk_cpu = bare(plain_bulk, made, bulk_index=True)
        print(f"{count:>7,} rows: r2p import {seconds:6.2f} s, {cpu:6.2f} s of processor (peak {peak:4.0f} MB, "
              f"another writer waited at most {waited:.2f} s); bare sqlite3, index by triggers {by_triggers:5.2f} s "
              f"(ratio {seconds / by_triggers:4.1f}), index in one statement {in_bulk:5.2f} s, {in_bulk_cpu:5.2f} s "
              f"of processor (ratio {seconds / in_bulk:4.1f}, of processor {cpu / in_bulk_cpu:4.1f})")
        for path in (ours, plain, plain_bulk):
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [10_000, 100_000])
