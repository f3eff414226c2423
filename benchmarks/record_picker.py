"""The record picker's search on a 100,000-question database: `app.linking.find` for what a clerk types
while linking (parts of references, title words, one or two letters), over the agenda item's kinds and the
commitment's evidence, each query run `--repeat` times in one read session.

    .venv/bin/python benchmarks/record_picker.py [--questions N] [--repeat R] [--database PATH]
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from sample_database import build

from r2p_desktop.app import linking
from r2p_desktop.core.database import open_database

# As typed on the way to a reference, and words of titles, common and rare.
QUERIES = ("WQ", "WQ-", "WQ-20", "WQ-2023", "WQ-2023-00", "WQ-2023-0056", "WQ-2023-00566", "00566", "566",
           "wq 566", "2024", "budget 2025", "SG17", "focal", "early warning", "protection of civilians",
           "prevention", "the", "hate", "xyzzy")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--database", type=Path, help="a database made with `r2p demo` (default: built once)")
    args = parser.parse_args()
    database = open_database(str(args.database or build(args.questions)))
    try:
        with database.read_session() as session:
            for label, kinds in (("agenda item", linking.AGENDA_TARGETS), ("evidence", linking.EVIDENCE)):
                times: list[float] = []
                slowest = ("", 0.0)
                for typed in QUERIES:
                    for _ in range(args.repeat):
                        started = time.perf_counter()
                        linking.find_in(session, typed, kinds)
                        elapsed = (time.perf_counter() - started) * 1000
                        times.append(elapsed)
                        slowest = max(slowest, (typed, elapsed), key=lambda pair: pair[1])
                times.sort()
                print(f"{label}: {len(QUERIES)} queries x {args.repeat}: p50 {statistics.median(times):.1f} ms, "
                      f"p95 {times[round(0.95 * (len(times) - 1))]:.1f} ms, slowest {slowest[1]:.1f} ms "
                      f"({slowest[0]!r})")
    finally:
        database.dispose()


if __name__ == "__main__":
    main()
