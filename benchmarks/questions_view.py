"""How quickly the Questions view shows 100,000 questions, next to the same work done the bare way.

Builds (once) a 100,000-question database with `r2p demo`, then measures in this process:
- first rows: the view's model reads the ordered ids and the first page, and the table paints;
- re-sort: the model re-sorts by title, then by member (asked by), and the table paints again.
The bare way is a raw sqlite3 query for the same ids and page, shown in a QStandardItemModel. The
member sort is compared twice: with the plain raw query (a correlated subquery, sorted by SQLite)
and with the same two index-walking queries the service runs, written in raw SQL.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/questions_view.py [--questions N] [--repeat R]
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QTableView
from sample_database import build

from r2p_desktop.core.database import open_database
from r2p_desktop.ui.models.question_table_model import ASKED_BY, TITLE, QuestionTableModel

PAGE = 200


def painted(view: QTableView) -> None:
    view.viewport().grab()  # renders every visible cell, asking the model for its data


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


# The member order read the way the service reads it: nobody's questions, then people by name with
# each one's questions from the asked_by index (no sort step), in raw SQL.
BY_MEMBER_FROM_INDEXES = (
    "SELECT id FROM questions WHERE asked_by_id IS NULL ORDER BY id",
    "SELECT q.id FROM people p JOIN questions q ON q.asked_by_id = p.id ORDER BY p.full_name, p.id, q.id",
)


def bare_model(path: Path, order: str | tuple[str, ...], view: QTableView) -> QStandardItemModel:
    raw = sqlite3.connect(path)
    queries = order if isinstance(order, tuple) else (f"SELECT id FROM questions ORDER BY {order}, id",)
    ids = [row[0] for query in queries for row in raw.execute(query)]
    marks = ",".join("?" * min(PAGE, len(ids)))
    rows = raw.execute(
        "SELECT q.reference, q.title, p.full_name, b.name, q.date_tabled, q.answer_due, q.status "
        f"FROM questions q LEFT JOIN people p ON p.id = q.asked_by_id LEFT JOIN bodies b ON b.id = q.addressed_to_id "
        f"WHERE q.id IN ({marks})", ids[:PAGE]).fetchall()
    raw.close()
    model = QStandardItemModel(len(rows), 7, view)  # owned by the view, as the app's models are
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            model.setItem(r, c, QStandardItem("" if value is None else str(value)))
    return model


def report(label: str, ours: list[float], bare: list[float]) -> None:
    a, b = statistics.median(ours), statistics.median(bare)
    print(f"{label:<34} {a:8.1f} ms   bare {b:8.1f} ms   ratio {a / b:5.2f}x   (first run {ours[0]:.1f} ms)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    path = build(args.questions)
    app = QApplication.instance() or QApplication([])
    database = open_database(str(path))
    view = QTableView()
    view.resize(1400, 800)
    view.show()
    app.processEvents()

    first, first_bare, by_title, by_title_bare, by_member, by_member_bare, by_member_indexed = (
        [] for _ in range(7))
    for _ in range(args.repeat):
        model = QuestionTableModel(database, view)

        def show_first(model=model):
            model.reload()
            view.setModel(model)
            painted(view)

        first.append(timed(show_first))
        first_bare.append(timed(lambda: (view.setModel(bare_model(path, "date_tabled DESC", view)), painted(view))))
        view.setModel(model)
        by_title.append(timed(lambda m=model: (m.sort(TITLE, Qt.SortOrder.AscendingOrder), painted(view))))
        by_title_bare.append(timed(lambda: (view.setModel(bare_model(path, "title", view)), painted(view))))
        view.setModel(model)
        by_member.append(timed(lambda m=model: (m.sort(ASKED_BY, Qt.SortOrder.AscendingOrder), painted(view))))
        by_member_bare.append(timed(lambda: (view.setModel(bare_model(
            path, "(SELECT full_name FROM people WHERE id = asked_by_id)", view)), painted(view))))
        by_member_indexed.append(timed(lambda: (view.setModel(bare_model(path, BY_MEMBER_FROM_INDEXES, view)),
                                                painted(view))))

    print(f"{args.questions:,} questions, median of {args.repeat} runs, Python {sys.version.split()[0]}")
    report("Questions view: first rows", first, first_bare)
    report("re-sort by title", by_title, by_title_bare)
    report("re-sort by member (asked by)", by_member, by_member_bare)
    report("  the same, bare from the indexes", by_member, by_member_indexed)
    database.dispose()


if __name__ == "__main__":
    main()
