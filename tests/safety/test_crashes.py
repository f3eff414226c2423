"""A writer killed at any instant loses nothing it reported committed and leaves a sound database;
two writers at once both get everything saved."""

from __future__ import annotations

import contextlib
import os
import queue
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from safety_helpers import WRITER, committed_ids

from r2p_desktop.core.check import check_database
from r2p_desktop.core.database import open_database

pytestmark = pytest.mark.slow  # writer processes started, killed and checked

KILLS = 60
AT_ONCE = 3  # writers killed together, so kills also land while another process holds the lock


def stored_ids(db_path) -> set[int]:
    with sqlite3.connect(db_path) as raw:
        return {row[0] for row in raw.execute("SELECT id FROM questions")}


def test_writers_killed_at_random_moments_lose_nothing_committed(database, db_path):
    database.dispose()
    chance = random.Random(20170)
    launcher = subprocess.Popen([sys.executable, str(WRITER), str(db_path), "--fork"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, bufsize=1)
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in launcher.stdout], daemon=True)
    reader.start()
    output: list[str] = []
    started: list[int] = []

    def next_pid() -> int:
        while not (line := lines.get(timeout=30)).startswith("pid "):
            output.append(line)
        return int(line.split()[1])

    def a_commit() -> None:  # so that every round kills writers that are really writing
        while not (line := lines.get(timeout=30)).strip().isdigit():
            assert not line.startswith("pid "), line
        output.append(line)

    try:
        assert lines.get(timeout=30).strip() == "ready"
        for round_start in range(0, KILLS, AT_ONCE):
            pids = []
            for n in range(AT_ONCE):
                launcher.stdin.write(f"w{round_start + n}\n")
                launcher.stdin.flush()
                pids.append(next_pid())
            started += pids
            a_commit()
            time.sleep(chance.uniform(0, 0.2))
            for pid in pids:
                time.sleep(chance.uniform(0, 0.02))
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pytest.fail(f"writer {pid} stopped before it was killed (its error is printed above)")
    finally:
        for pid in started:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        launcher.stdin.close()
        launcher.wait(timeout=30)
        reader.join(timeout=30)
    while not lines.empty():
        output.append(lines.get())
    reported = committed_ids("".join(line if line.endswith("\n") else "" for line in output) + "\n")
    assert len(reported) >= KILLS // AT_ONCE
    assert set(reported) <= stored_ids(db_path)
    survivor = open_database(str(db_path))
    failed = [f for f in check_database(survivor) if not f.ok]
    survivor.dispose()
    assert failed == []


def test_two_processes_writing_at_once_lose_nothing(database, db_path, writer):
    database.dispose()
    first, second = writer(db_path, "first", 150), writer(db_path, "second", 150)
    outputs = [process.communicate(timeout=60) for process in (first, second)]
    assert [p.returncode for p in (first, second)] == [0, 0], [err for _, err in outputs]
    ids = [committed_ids(out) for out, _ in outputs]
    assert len(ids[0]) == len(ids[1]) == 150
    assert set(ids[0]).isdisjoint(ids[1])
    assert set(ids[0]) | set(ids[1]) == stored_ids(db_path)
    with sqlite3.connect(db_path) as raw:
        titles = {row[0] for row in raw.execute("SELECT title FROM questions")}
    assert {f"{tag} question {n}" for tag in ("first", "second") for n in range(1, 151)} == titles
