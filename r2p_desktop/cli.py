"""The `r2p` command: everything a secretariat needs in batch, without a display (no Qt here).

Each subcommand exits 0 on success and otherwise prints one line on stderr; user errors never
print a traceback."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from dataclasses import asdict
from logging.handlers import RotatingFileHandler
from pathlib import Path

from . import APP_NAME, __version__, paths
from .core.errors import R2PError

log = logging.getLogger("r2p")


class UsageError(R2PError):
    pass


def _database(args):
    from .core.database import open_database

    location = args.db or paths.default_database()
    backups = paths.backup_dir_for(location) if "://" not in location else None
    return open_database(location, backup_dir=backups)


def cmd_init(args) -> int:
    database = _database(args)
    with database.read_session() as session:
        from .core.services.listings import record_counts

        counts = record_counts(session)
    print(f"{database.describe()}: ready ({counts['questions']} questions)")
    return 0


def cmd_demo(args) -> int:
    if args.questions < 0:
        raise UsageError("--questions must be zero or more")
    from .core.demo import generate_demo

    database = _database(args)
    with database.session() as session:
        created = generate_demo(session, questions=args.questions, seed=args.seed)
        session.commit()
    print(f"{database.describe()}: added " + ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in created.items()))
    return 0


def cmd_check(args) -> int:
    from .core.check import check_database

    findings = check_database(_database(args))
    for finding in findings:
        print(f"{'ok  ' if finding.ok else 'FAIL'}  {finding.check}: {finding.detail}")
    failed = [f.check for f in findings if not f.ok]
    if failed:
        print(f"r2p: check failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def cmd_catalogue(args) -> int:
    from .core import catalogue

    database = _database(args)
    with database.read_session() as session:
        data = {
            "pillars": catalogue.list_pillars(session),
            "commitments": [asdict(c) for c in catalogue.list_commitments(session)],
            "instruments": catalogue.list_instruments(session),
            "risk_factors": catalogue.list_risk_factors(session),
        }
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(f"Commitments ({len(data['commitments'])})")
    for c in data["commitments"]:
        print(f"  {c['code']:<40} {c['actor']:<13} pillar {c['pillar']}  {c['title']}")
    print(f"\nInstruments ({len(data['instruments'])})")
    for i in data["instruments"]:
        print(f"  {i['code']:<40} {i['year']}  {i['short_title']}")
    print(f"\nRisk factors ({len(data['risk_factors'])})")
    for r in data["risk_factors"]:
        print(f"  {r['code']:<6} {r['applies_to']:<24} {r['title']}")
    return 0


def cmd_search(args) -> int:
    from .core.services.search import KIND_LABELS, search, with_brackets

    database = _database(args)
    with database.read_session() as session:
        hits = search(session, args.query, limit=args.limit)
    if args.json:
        json.dump([asdict(hit) | {"snippet": with_brackets(hit.snippet)} for hit in hits], sys.stdout,
                  ensure_ascii=False, indent=2)
        print()
        return 0
    if not hits:
        print(f"nothing matches {args.query!r}")
    for kind, label in KIND_LABELS.items():
        group = [hit for hit in hits if hit.kind == kind]
        if group:
            print(f"{label} ({len(group)})")
            for hit in group:
                print(f"  {hit.record_id:>7}  {hit.title}")
                print(f"           {with_brackets(hit.snippet)}")
    return 0


def _sqlite_location(args, doing: str) -> str:
    location = args.db or paths.default_database()
    if "://" in location and not location.startswith("sqlite:///"):
        raise UsageError(f"{doing} works on SQLite files; use the server's own tools for a server database")
    return location.removeprefix("sqlite:///")


def cmd_backup(args) -> int:
    from .core.backup import backup_file, list_backups, take_backup

    location = _sqlite_location(args, "backup")
    if args.list:
        backups = list_backups(paths.backup_dir_for(location), database=Path(location))
        for info in backups:
            counts = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in info.record_counts.items())
            print(f"{info.taken_at:%Y-%m-%d %H:%M}  {info.reason:<26} {counts or 'unreadable'}  {info.path}")
        if not backups:
            print(f"no backups of {location} in {paths.backup_dir_for(location)}")
        return 0
    database = _database(args)
    target = backup_file(database.path, Path(args.to)) if args.to else take_backup(database, "manual")
    print(f"backed up {database.path} to {target}")
    return 0


def cmd_restore(args) -> int:
    from .core.backup import backup_problem, restore_backup

    location = _sqlite_location(args, "restore")
    backup = Path(args.file)
    problem = backup_problem(backup)
    if problem:
        raise UsageError(f"not restored: {problem}")
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError(f"restoring replaces everything in {location}; add --yes to confirm")
        answer = input(f"Replace everything in {location} with {backup.name}? "
                       "(what it holds now is backed up first) [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing restored")
            return 1
    saved = restore_backup(Path(location), backup, folder=paths.backup_dir_for(location))
    database = _database(args)  # brings an older backup up to the current schema
    print(f"restored {database.describe()} from {backup}" + (f"; what it held before is in {saved}" if saved else ""))
    return 0


def cmd_settings(args) -> int:
    from dataclasses import asdict as plain

    from .core import settings

    current = settings.save(default_confidentiality=args.default_confidentiality) \
        if args.default_confidentiality else settings.load()
    for name, value in plain(current).items():
        print(f"{name.replace('_', '-')}: {value}")
    return 0


def cmd_import_questions(args) -> int:
    from .exchange.questions_csv import import_questions

    path = Path(args.file)
    if path.suffix.lower() != ".csv":
        raise UsageError(f"{path.name}: only CSV files can be imported in this version")
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    database = _database(args)
    with database.session() as session:
        report = import_questions(session, path, dry_run=args.dry_run)
    for error in report.errors:
        print(f"{path.name}: {error}", file=sys.stderr)
    if report.errors:
        print(f"r2p: nothing imported: {len(report.errors)} errors in {path.name}", file=sys.stderr)
        return 1
    verb = "would import" if args.dry_run else "imported"
    print(f"{verb} {report.questions} questions")
    for kind, names in (("members and other people", report.new_people), ("bodies", report.new_bodies)):
        if names:
            print(f"{'would create' if args.dry_run else 'created'} {len(names)} {kind}: {'; '.join(names)}")
    return 0


def cmd_export_questions(args) -> int:
    from .exchange.questions_csv import export_questions

    if args.format != "csv":
        raise UsageError(f"format {args.format} is not available yet; use --format csv")
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder")
    database = _database(args)
    with database.read_session() as session:
        count = export_questions(session, out)
    print(f"exported {count} questions to {out}")
    return 0


def _iso_date(text: str):
    from datetime import date

    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (YYYY-MM-DD)") from None


def cmd_export_briefing(args) -> int:
    from .reports import PackOptions, export_pack

    out = Path(args.out)
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder")
    options = PackOptions(kind=args.kind, debate_id=args.debate, since=args.since, until=args.until,
                          audience=args.audience, paper=args.paper)
    result = export_pack(_database(args), options, out)
    print(f"wrote {result.pages} pages to {out}: " + ", ".join(f"{title} ({n})" for title, n in result.sections))
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH_OR_URL",
                        help=f"database file or URL (default: ${paths.DB_ENV} or the file in the data folder)")
    parser = argparse.ArgumentParser(prog="r2p", description=f"{APP_NAME} {__version__} on the command line")
    parser.add_argument("--version", action="version", version=f"r2p {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("init", parents=[common], help="create or migrate the database").set_defaults(run=cmd_init)
    demo = commands.add_parser("demo", parents=[common], help="add realistic sample records")
    demo.add_argument("--questions", type=int, default=500, metavar="N")
    demo.add_argument("--seed", type=int, default=2017, metavar="S")
    demo.set_defaults(run=cmd_demo)
    commands.add_parser("check", parents=[common], help="check integrity, foreign keys and the audit chain"
                        ).set_defaults(run=cmd_check)
    cat = commands.add_parser("catalogue", parents=[common], help="list commitments, instruments, risk factors")
    cat.add_argument("--json", action="store_true")
    cat.set_defaults(run=cmd_catalogue)
    find = commands.add_parser("search", parents=[common], help="full-text search across all records")
    find.add_argument("query", metavar="QUERY")
    find.add_argument("--json", action="store_true")
    find.add_argument("--limit", type=int, default=50, metavar="N")
    find.set_defaults(run=cmd_search)
    backup = commands.add_parser("backup", parents=[common], help="consistent online backup of the database")
    backup.add_argument("--to", metavar="FILE", help="write the backup here instead of the backups folder")
    backup.add_argument("--list", action="store_true", help="list the backups with their dates and record counts")
    backup.set_defaults(run=cmd_backup)
    restore = commands.add_parser("restore", parents=[common], help="replace the database with a backup "
                                  "(the current contents are backed up first)")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(run=cmd_restore)
    config = commands.add_parser("settings", help="show or change settings for this computer")
    config.add_argument("--default-confidentiality", choices=["public", "committee", "restricted"],
                        help="what new records are marked when no confidentiality is given")
    config.set_defaults(run=cmd_settings)

    imp = commands.add_parser("import", help="import records").add_subparsers(dest="what", required=True)
    imp_q = imp.add_parser("questions", parents=[common], help="import questions from a CSV file")
    imp_q.add_argument("file", metavar="FILE")
    imp_q.add_argument("--dry-run", action="store_true", help="check the file and say what would be created")
    imp_q.set_defaults(run=cmd_import_questions)

    exp = commands.add_parser("export", help="export records").add_subparsers(dest="what", required=True)
    exp_q = exp.add_parser("questions", parents=[common], help="export questions as CSV")
    exp_q.add_argument("--format", default="csv", choices=["csv", "xlsx"])
    exp_q.add_argument("--out", required=True, metavar="FILE")
    exp_q.set_defaults(run=cmd_export_questions)
    exp_b = exp.add_parser("briefing", parents=[common], help="a briefing pack as PDF")
    exp_b.add_argument("--out", required=True, metavar="FILE.pdf")
    exp_b.add_argument("--kind", default="debate", choices=["debate", "questions", "follow-ups", "budget"])
    exp_b.add_argument("--debate", type=int, metavar="ID", help="the debate to brief for (default: the next one)")
    exp_b.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD")
    exp_b.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD")
    exp_b.add_argument("--audience", default="committee", choices=["public", "committee"])
    exp_b.add_argument("--paper", default="a4", choices=["a4", "letter"])
    exp_b.set_defaults(run=cmd_export_briefing)
    return parser


def _log_to_data_folder() -> Path | None:
    try:
        log_file = paths.data_dir() / "r2p.log"
        handler = RotatingFileHandler(log_file, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)
    return log_file


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log_file = _log_to_data_folder()
    from sqlalchemy.exc import OperationalError

    try:
        return args.run(args)
    except R2PError as error:
        print(f"r2p: error: {error}", file=sys.stderr)
    except OperationalError as error:
        reason = str(error.orig).splitlines()[0] if error.orig else str(error)
        print(f"r2p: error: the database could not be used: {reason}", file=sys.stderr)
    except BrokenPipeError:  # the reader went away (r2p catalogue | head): not an error of ours
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except KeyboardInterrupt:
        print("r2p: interrupted; nothing was saved from the unfinished step", file=sys.stderr)
        return 130
    except Exception as error:
        log.exception("r2p %s failed", args.command)
        where = f"; details in {log_file}" if log_file else ""
        print(f"r2p: internal error: {type(error).__name__}: {error}{where}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
