"""Full-text search on a 100,000-question database: the search service next to the raw FTS5 query
it wraps, run in the same process on the same file.

    .venv/bin/python benchmarks/search.py [--questions N] [--repeat R]
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import time

from sample_database import build

from r2p_desktop.core.database import open_database
from r2p_desktop.core.services.search import _QUERY, match_expression, search

QUERIES = ("genocide", "genocide convention", "arms trade treaty", "early warning", "focal point",
           "hate speech", "peacekeeping", "human rights commission", "karsenia", "ministry of justice",
           "risk assessment", "refugees", "incitement", "budget", "ombudsperson", "prosecution",
           "humanitarian", "civil society", "truth commission", "velor")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    path = build(args.questions)
    database = open_database(str(path))
    raw = sqlite3.connect(path)
    ours, bare = [], []
    with database.read_session() as session:
        for query in QUERIES:  # warm both caches once
            search(session, query)
        for _ in range(args.repeat):
            for query in QUERIES:
                ours.append(timed(lambda q=query: search(session, q)))
                params = {"match": match_expression(query), "limit": 50}
                bare.append(timed(lambda p=params: raw.execute(str(_QUERY), p).fetchall()))
    raw.close()
    database.dispose()
    print(f"{args.questions:,} questions, {len(QUERIES)} queries x {args.repeat}, top 50 hits with snippets")
    for label, share in (("p50", 0.5), ("p95", 0.95)):
        a, b = percentile(ours, share), percentile(bare, share)
        print(f"search {label}: {a:6.1f} ms   raw FTS5 {b:6.1f} ms   ratio {a / b:4.2f}x")
    print(f"mean: {statistics.mean(ours):.1f} ms vs {statistics.mean(bare):.1f} ms")


if __name__ == "__main__":
    main()
