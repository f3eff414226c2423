"""The benchmark database: built once with `r2p demo` and kept in benchmarks/out/."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def build(questions: int) -> Path:
    path = OUT / f"questions-{questions}.sqlite"
    if not path.exists():
        OUT.mkdir(exist_ok=True)
        started = time.perf_counter()
        for command in (["init"], ["demo", "--questions", str(questions)]):  # only init creates a database
            subprocess.run([sys.executable, "-m", "r2p_desktop.cli", *command, "--db", str(path)], check=True)
        print(f"built {path.name} with `r2p demo` in {time.perf_counter() - started:.1f} s")
    return path
