"""Writer processes for the crash and concurrency tests."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records

WRITER = Path(__file__).with_name("writer.py")


def start_writer(db_path, tag: str, count: int = 0) -> subprocess.Popen:
    """A process saving questions into `db_path`; it prints `ready`, then each committed id."""
    process = subprocess.Popen([sys.executable, str(WRITER), str(db_path), tag, str(count)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "ready", process.stderr.read()
    return process


def committed_ids(output: str) -> list[int]:
    """The ids a writer printed; a line cut short by the kill was never a whole id."""
    lines = output.split("\n")
    return [int(line) for line in lines[:-1] if line.strip()]


def fill(database, count: int) -> None:
    with database.session() as session:
        for n in range(count):
            records.create(session, Question, {"title": f"Question {n}", "question_text": "Early warning " * 60})
        session.commit()
