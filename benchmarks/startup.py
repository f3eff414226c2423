"""Launch to an interactive main window with the Questions view painted, on a 100,000-question
database, in a fresh process each run; beside a bare PySide6 window with a table doing the same
work the bare way (SQLAlchemy imported, the ids and a first page read with sqlite3). Also reports
the peak memory of each process.

    .venv/bin/python benchmarks/startup.py [--questions N] [--repeat R]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import textwrap
from pathlib import Path

from sample_database import build

APP = textwrap.dedent("""
    import time; started = time.perf_counter()
    import os, resource, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from r2p_desktop.__main__ import _application, _open_database
    from PySide6.QtCore import QSettings
    from r2p_desktop.ui.main_window import MainWindow
    from r2p_desktop.ui.records_changed import RecordsChanged
    app = _application([])
    opening = time.perf_counter()
    database = _open_database(sys.argv[1])
    opening = time.perf_counter() - opening
    window = MainWindow(database, RecordsChanged(), QSettings(sys.argv[2], QSettings.Format.IniFormat))
    window.resize(1440, 900); window.show(); window.show_view(1)
    window.questions_view.table.viewport().grab()
    app.processEvents()
    print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
          "reportlab" in sys.modules, opening)
""")
BARE = textwrap.dedent("""
    import time; started = time.perf_counter()
    import os, resource, sqlite3, sys
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    import sqlalchemy  # noqa: F401  (the app needs it, so the floor includes it)
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import QApplication, QTableView
    app = QApplication([])
    raw = sqlite3.connect(sys.argv[1])
    ids = [r[0] for r in raw.execute("SELECT id FROM questions ORDER BY date_tabled DESC, id DESC")]
    rows = raw.execute("SELECT reference, title, status FROM questions WHERE id IN (%s)"
                       % ",".join(map(str, ids[:200]))).fetchall()
    model = QStandardItemModel(len(rows), 3)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            model.setItem(r, c, QStandardItem(str(value)))
    view = QTableView(); view.setModel(model); view.resize(1440, 900); view.show()
    view.viewport().grab(); app.processEvents()
    print(time.perf_counter() - started, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, False, 0.0)
""")


def run(code: str, *args: str) -> tuple[float, float, bool, float]:
    out = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True).stdout
    seconds, megabytes, reportlab, opening = out.split()
    return float(seconds), float(megabytes), reportlab == "True", float(opening)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    path = str(build(args.questions))
    settings = str(Path(path).with_suffix(".ini"))
    ours = [run(APP, path, settings) for _ in range(args.repeat)]
    bare = [run(BARE, path) for _ in range(args.repeat)]
    a, b = statistics.median(r[0] for r in ours), statistics.median(r[0] for r in bare)
    ma, mb = max(r[1] for r in ours), max(r[1] for r in bare)
    print(f"{args.questions:,} questions, median of {args.repeat} fresh processes")
    print(f"launch to Questions view painted: {a:.2f} s   bare {b:.2f} s   ratio {a / b:.2f}x")
    print(f"  of which opening the database:  {statistics.median(r[3] for r in ours):.2f} s")
    print(f"peak memory:                      {ma:.0f} MB   bare {mb:.0f} MB   ratio {ma / mb:.2f}x")
    print(f"ReportLab imported at start-up: {any(r[2] for r in ours)}")


if __name__ == "__main__":
    main()
