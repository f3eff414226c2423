"""Pack memory benchmark (issue 15): pages, seconds and peak memory of the questions pack and the full
debate pack over 2,000, 20,000 and (with --questions) 100,000 questions, beside the bare ReportLab script
of briefing.py laying out the same question paragraphs and annex table. Each run is a process of its
own, and its peak is that process's max RSS, database reading included.

Targets: memory flat as packs grow (a pack over 100,000 questions under 400 MB) and the 2,000-question
pack within 1.2x of bare ReportLab.

    .venv/bin/python benchmarks/pack_memory.py [--questions 2000 20000 100000] [--packs questions debate]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from briefing import peak_mb, run_bare
from sample_database import OUT, build

SINCE = date(1900, 1, 1)  # every question in the database


def run_pack(db: str, out: str, pack: str) -> dict:
    from r2p_desktop.core.database import open_database
    from r2p_desktop.reports import PackOptions, export_pack

    started = time.perf_counter()
    result = export_pack(open_database(db), PackOptions(pack=pack, since=SINCE, full=True), out)
    return {"pages": result.pages, "seconds": time.perf_counter() - started, "peak_mb": peak_mb()}


def measure(which: str, db: Path) -> dict:
    out = OUT / f"pack-memory-{which}.pdf"
    completed = subprocess.run([sys.executable, __file__, "--child", which, str(db), str(out)],
                               capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, nargs="+", default=[2000, 20000])
    parser.add_argument("--packs", nargs="+", default=["questions", "debate"])
    parser.add_argument("--child", nargs=3, metavar=("WHICH", "DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        which, db, out = args.child
        print(json.dumps(run_bare(db, out) if which == "bare" else run_pack(db, out, which)))
        return
    print(f"{'questions':>9}  {'what':<22} {'pages':>6} {'seconds':>8} {'peak MB':>8}  ratio to bare")
    for questions in args.questions:
        db = build(questions)
        bare = measure("bare", db)
        print(f"{questions:9d}  {'bare ReportLab':<22} {bare['pages']:6d} {bare['seconds']:8.1f} "
              f"{bare['peak_mb']:8.0f}")
        for pack in args.packs:
            run = measure(pack, db)
            print(f"{questions:9d}  {pack + ' pack':<22} {run['pages']:6d} {run['seconds']:8.1f} {run['peak_mb']:8.0f}"
                  f"  {run['seconds'] / bare['seconds']:.2f}x time, {run['peak_mb'] / bare['peak_mb']:.2f}x memory",
                  flush=True)
    print("targets: under 400 MB at any size; the 2,000-question pack within 1.2x of bare ReportLab")


if __name__ == "__main__":
    main()
