"""Full-text search on a 100,000-question database: the search service next to the raw query it wraps,
run in the same process on the same file.

Words in Latin script: the service against the raw FTS5 query of search_index. Chinese: a copy of the
database with --chinese questions in Chinese added (made once, through the records service, so the
triggers index them), the service against the bare query of search_index_cjk (a trigram MATCH for three
or more characters, a LIKE scan of its rows for two), newest first, without the service's title-first
order and snippets.

    .venv/bin/python benchmarks/search.py [--questions N] [--chinese N] [--repeat R]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import time
from pathlib import Path

from sample_database import build

from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records
from r2p_desktop.core.services.search import _QUERY, match_expression, search

QUERIES = ("genocide", "genocide convention", "arms trade treaty", "early warning", "focal point",
           "hate speech", "peacekeeping", "human rights commission", "karsenia", "ministry of justice",
           "risk assessment", "refugees", "incitement", "budget", "ombudsperson", "prosecution",
           "humanitarian", "civil society", "truth commission", "velor")
# Words of a committee's questions in Chinese, the commonest first; the text is drawn from them.
CHINESE_WORDS = (
    "的", "政府", "是否", "国家", "委员会", "保护责任", "人权", "已", "议会", "预防", "报告", "部长", "问题", "措施",
    "落实", "建议", "暴行", "安全", "种族灭绝", "早期预警", "机制", "协调人", "联合国", "安理会", "决议", "外交部",
    "司法部", "难民", "仇恨言论", "煽动", "起诉", "真相委员会", "和解", "民间社会", "维和", "预算", "武器贸易条约",
    "审查", "监督", "国际刑事法院", "妇女", "儿童", "少数民族", "宗教", "自由", "冲突", "风险评估", "任命", "答复",
    "质询", "地区", "行动", "计划", "资金", "年度", "情况", "说明", "何时", "如何", "哪些", "多少", "提交", "通过",
)
# The last of each is in no record (蝴蝶, butterfly): for two characters, the slowest case, every row read.
TWO_CHARACTERS = ("国家", "人权", "议会", "预算", "协调", "难民", "和解", "宗教", "蝴蝶")
THREE_OR_MORE = ("协调人", "安理会", "种族灭绝", "早期预警", "真相委员会", "仇恨言论", "武器贸易条约", "民间社会",
                 "蝴蝶效应")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def chinese_text(rng: random.Random, words: int) -> str:
    weights = [1 / (rank + 1) for rank in range(len(CHINESE_WORDS))]
    chosen = rng.choices(CHINESE_WORDS, weights, k=words)
    return "".join(word + ("，" if rng.random() < 0.1 else "") for word in chosen) + "？"


def with_chinese(path: Path, count: int) -> Path:
    """A copy of the benchmark database with `count` questions in Chinese added (made once)."""
    target = path.with_name(f"{path.stem}-chinese-{count}.sqlite")
    if not target.exists():
        started = time.perf_counter()
        with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
            source.backup(copy)
        database = open_database(str(target))
        rng = random.Random(2026)
        with database.session() as session:
            for _ in range(count):
                records.create(session, Question, {"title": chinese_text(rng, 8),
                                                   "question_text": chinese_text(rng, rng.randint(30, 90))})
            session.commit()
        database.dispose()
        print(f"added {count:,} questions in Chinese to a copy, {target.name}, "
              f"in {time.perf_counter() - started:.1f} s")
    return target


def bare_chinese(raw: sqlite3.Connection, word: str) -> list:
    """Every record holding `word`, the newest 50 first (the service also puts title matches first)."""
    if len(word) >= 3:
        return raw.execute("SELECT rowid, kind, title, body FROM search_index_cjk WHERE search_index_cjk MATCH ? "
                           "ORDER BY rowid DESC LIMIT 50", (f'"{word}"',)).fetchall()
    return raw.execute("SELECT rowid, kind, title, body FROM search_index_cjk WHERE title LIKE ? OR body LIKE ? "
                       "ORDER BY rowid DESC LIMIT 50", (f"%{word}%",) * 2).fetchall()


def measure(path: Path, queries, ours_search, bare_search, repeat: int) -> tuple[list[float], list[float]]:
    database = open_database(str(path))
    raw = sqlite3.connect(path)
    ours, bare = [], []
    with database.read_session() as session:
        for query in queries:  # warm both caches once
            search(session, query)
            bare_search(raw, query)
        for _ in range(repeat):
            for query in queries:
                ours.append(timed(lambda q=query: ours_search(session, q)))
                bare.append(timed(lambda q=query: bare_search(raw, q)))
    raw.close()
    database.dispose()
    return ours, bare


def report(label: str, ours: list[float], bare: list[float], bare_label: str) -> None:
    for name, share in (("p50", 0.5), ("p95", 0.95)):
        a, b = percentile(ours, share), percentile(bare, share)
        print(f"{label} {name}: {a:6.1f} ms   {bare_label} {b:6.1f} ms   ratio {a / b:4.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100_000)
    parser.add_argument("--chinese", type=int, default=10_000, help="questions in Chinese added to a copy")
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    path = build(args.questions)

    def raw_fts5(raw: sqlite3.Connection, query: str) -> list:
        return raw.execute(str(_QUERY), {"match": match_expression(query), "limit": 50}).fetchall()

    ours, bare = measure(path, QUERIES, search, raw_fts5, args.repeat)
    print(f"{args.questions:,} questions, {len(QUERIES)} queries x {args.repeat}, top 50 hits with snippets")
    report("search", ours, bare, "raw FTS5")
    print(f"mean: {statistics.mean(ours):.1f} ms vs {statistics.mean(bare):.1f} ms")

    if args.chinese:
        chinese = with_chinese(path, args.chinese)
        print(f"\n{args.questions:,} questions and {args.chinese:,} in Chinese, {len(TWO_CHARACTERS)} words x "
              f"{args.repeat}; "
              "bare: the same index, newest 50, no snippets")
        for label, words in (("Chinese, 2 characters", TWO_CHARACTERS), ("Chinese, 3 or more", THREE_OR_MORE)):
            ours, bare = measure(chinese, words, search, bare_chinese, args.repeat)
            report(label, ours, bare, "bare")


if __name__ == "__main__":
    main()
