"""A writing process for the crash and concurrency tests: saves questions through the real services
and prints each id only after its transaction committed.

    python writer.py DATABASE TAG [COUNT]     write COUNT questions (0 or absent: until killed)
    python writer.py DATABASE --fork          for each TAG line read on stdin, fork a writer that
                                              writes until killed and print "pid N" (the imports
                                              are paid once, so a test can kill fifty writers quickly)
"""

from __future__ import annotations

import itertools
import os
import signal
import sys

from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records


def write(location: str, tag: str, count: int) -> None:
    database = open_database(location, create=True)
    numbers = itertools.count(1) if count == 0 else range(1, count + 1)
    for number in numbers:
        with database.session() as session:
            record_id = records.create(session, Question, {
                "title": f"{tag} question {number}", "question_text": "Early warning. " * (number % 40),
                "tags": [tag]})
            if number % 5 == 0:  # an update in the same transaction, so kills also land mid-update
                records.update(session, Question, record_id, {"notes": f"revised {number}"})
            session.commit()
        os.write(1, f"{record_id}\n".encode())  # one write: a kill cannot leave half a line


def fork_writers(location: str) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # killed children are reaped by the system
    print("ready", flush=True)
    for line in sys.stdin:
        pid = os.fork()
        if pid == 0:
            try:
                write(location, line.strip(), 0)
            finally:
                os._exit(1)
        print(f"pid {pid}", flush=True)


if __name__ == "__main__":
    if sys.argv[2] == "--fork":
        fork_writers(sys.argv[1])
    else:
        print("ready", flush=True)
        write(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0)
