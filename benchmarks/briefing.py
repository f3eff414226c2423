"""Briefing pack benchmark: a debate pack over 2,000 questions with their answers, against a bare
ReportLab script that lays out the same paragraphs and tables, each in its own process.

Reports pages, seconds, peak memory (max RSS of the process) and the ratio to bare ReportLab, and the
longest gap between two progress reports. Targets (issue 4): within 1.2x of bare ReportLab, 15 s or
less, under 300 MB, progress at least once a second.

    .venv/bin/python benchmarks/briefing.py [--questions N] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from sample_database import OUT, build

SINCE = date(1900, 1, 1)  # every question in the database, not only those since the previous debate


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_pack(db: str, out: str) -> dict:
    from r2p_desktop.core.database import open_database
    from r2p_desktop.reports import PackOptions, export_pack

    database = open_database(db)
    stamps: list[float] = []
    started = time.perf_counter()
    result = export_pack(database, PackOptions(pack="debate", since=SINCE), out,
                         progress=lambda done, total, message: stamps.append(time.perf_counter()))
    seconds = time.perf_counter() - started
    gaps = [b - a for a, b in zip([started, *stamps], [*stamps, time.perf_counter()], strict=True)]
    return {"pages": result.pages, "seconds": seconds, "peak_mb": peak_mb(), "progress_calls": len(stamps),
            "max_progress_gap": max(gaps)}


def run_bare(db: str, out: str) -> dict:
    """The pack's question paragraphs (heading, details, status, question, answer, commitments) and annex
    table, in the same fonts and styles, with plain platypus: one build, and no header or footer,
    contents, bookmarks, charts, audience filter or escaping per script."""
    import sqlite3
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from r2p_desktop.reports.layout import STYLES
    from r2p_desktop.reports.text import register_fonts

    started = time.perf_counter()
    register_fonts()
    rows = sqlite3.connect(db).execute(
        "SELECT q.reference, q.title, q.question_text, q.answer_text, q.status, q.date_tabled, b.name, "
        "q.answer_due, q.date_answered, p.full_name, q.assessment, "
        "(SELECT group_concat(c.code || ' (' || c.title || ')', '; ') FROM question_commitments qc "
        " JOIN commitments c ON c.id = qc.commitment_id WHERE qc.question_id = q.id) "
        "FROM questions q LEFT JOIN bodies b ON b.id = q.addressed_to_id "
        "LEFT JOIN people p ON p.id = q.asked_by_id WHERE q.status <> 'draft' "
        "ORDER BY q.status, q.date_tabled").fetchall()
    story = []
    for reference, title, text, answer, status, tabled, body, due, answered, asker, assessment, codes in rows:
        story += [Paragraph(escape(f"{reference} — {title}"), STYLES["h3"]),
                  Paragraph(escape(f"Written question · asked by {asker} · to the {body} · tabled {tabled} · "
                                   f"due {due} · answered {answered}"), STYLES["meta"]),
                  Paragraph(f"<b>{status}</b> · Committee's assessment: <b>{assessment}</b>", STYLES["meta"])]
        for label, value in (("QUESTION", text), ("ANSWER", answer or "No answer yet.")):
            paragraphs = [p for p in value.split("\n\n") if p.strip()]
            story.append(Paragraph(f"<font size='8' color='#5F6B7A'>{label}</font><br/>{escape(paragraphs[0])}",
                                   STYLES["body"]))
            story += [Paragraph(escape(p), STYLES["body"]) for p in paragraphs[1:]]
        if codes:
            story.append(Paragraph(escape(f"Commitments: {codes}"), STYLES["meta"]))
    head = [Paragraph(h, STYLES["cell_head"]) for h in ("Reference", "Title", "Ministry", "Tabled", "Status",
                                                         "Answered")]
    for start in range(0, len(rows), 40):
        table = Table([head] + [[Paragraph(escape(str(v or "")), STYLES["cell"]) for v in (r[0], r[1], r[6], r[5],
                                                                                           r[4], r[8])]
                                for r in rows[start:start + 40]], repeatRows=1)
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story.append(table)
    document = SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=24 * mm,
                                 bottomMargin=20 * mm)
    document.build(story)
    return {"pages": document.page, "seconds": time.perf_counter() - started, "peak_mb": peak_mb()}


def measure(which: str, db: Path, out: Path) -> dict:
    completed = subprocess.run([sys.executable, __file__, "--child", which, str(db), str(out)],
                               capture_output=True, text=True, check=True)
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--questions", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, alternating; the median is reported")
    parser.add_argument("--child", nargs=3, metavar=("WHICH", "DB", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        which, db, out = args.child
        print(json.dumps((run_pack if which == "pack" else run_bare)(db, out)))
        return
    db = build(args.questions)
    runs = {"bare": [], "pack": []}
    for _ in range(args.repeat):  # alternate, so a busy spell on the machine hits both alike
        runs["bare"].append(measure("bare", db, OUT / "briefing-bare.pdf"))
        runs["pack"].append(measure("pack", db, OUT / "briefing-pack.pdf"))
    bare, pack = (sorted(runs[which], key=lambda run: run["seconds"])[args.repeat // 2] for which in ("bare", "pack"))
    print(f"briefing pack over {args.questions} questions ({db.name}), median of {args.repeat} runs each")
    print(f"  bare ReportLab : {bare['pages']:5d} pages  {bare['seconds']:6.1f} s  {bare['peak_mb']:6.0f} MB")
    print(f"  R2P debate pack: {pack['pages']:5d} pages  {pack['seconds']:6.1f} s  {pack['peak_mb']:6.0f} MB"
          f"  (target: 15 s or less, under 300 MB)")
    print(f"  ratio to bare  : {pack['seconds'] / bare['seconds']:.2f}x time  (target: 1.2x or less)")
    print(f"  progress       : {pack['progress_calls']} reports, longest gap {pack['max_progress_gap']:.2f} s"
          f"  (target: under 1 s)")


if __name__ == "__main__":
    main()
