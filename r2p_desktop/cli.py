"""The `r2p` command: everything a secretariat needs in batch, without a display (no Qt here).

Each subcommand exits 0 on success and otherwise prints one line on stderr; user errors never
print a traceback."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sqlite3
import sys
from dataclasses import asdict
from pathlib import Path

from . import APP_NAME, __version__, paths
from .core.errors import R2PError
from .reports import PACKS

log = logging.getLogger("r2p")
LOG_FILE_NAME = "r2p.log"


class UsageError(R2PError):
    pass


BATCH_WAIT_S = 30  # how long a batch command waits for another program's save before giving up


def _location(args) -> str:
    return args.db or paths.default_database()


def _database(args, *, create: bool = False):
    """The database the command works on, opened once; `main` closes it, whatever happens. Only
    `r2p init` creates one: any other command refuses a missing file, naming the path."""
    from .core.database import open_database, sqlite_path

    if getattr(args, "database", None) is None:
        location = _location(args)
        args.database = open_database(location, create=create, backup_dir=paths.backup_dir_for(sqlite_path(location)),
                                      busy_timeout_ms=int(args.wait * 1000))
    return args.database


def _close(args) -> None:
    """Empty the write-ahead log into the file and close it, so the .sqlite file alone holds everything."""
    database = getattr(args, "database", None)
    if database is not None:
        args.database = None
        database.dispose()


def cmd_init(args) -> int:
    database = _database(args, create=True)
    if database.damage:
        raise R2PError(f"{database.describe()} is damaged ({database.damage}); nothing was changed. "
                       "Restore a backup with `r2p restore`")
    if database.read_only:
        raise R2PError(f"{database.describe()} cannot be brought up to date: {database.read_only_reason}")
    from .core import kinds
    from .core.services.listings import record_counts

    with database.read_session() as session:
        counts = record_counts(session)
    print(f"{database.describe()}: ready ({counts[kinds.QUESTION.table]} questions)")
    return 0


def cmd_demo(args) -> int:
    if args.questions < 0:
        raise UsageError("--questions must be zero or more")
    from .sample_data import generate_demo

    database = _database(args)
    with database.session() as session:
        created = generate_demo(session, questions=args.questions, seed=args.seed)
        session.commit()
    print(f"{database.describe()}: added " + ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in created.items()))
    return 0


def cmd_check(args) -> int:
    from .core import anchors
    from .core.check import check_database

    given = [anchor for value in args.anchor for anchor in anchors.given(value)]
    findings = check_database(_database(args), anchors=given)
    for finding in findings:
        print(f"{'ok  ' if finding.ok else 'FAIL'}  {finding.check}: {finding.detail}")
    failed = list(dict.fromkeys(f.check for f in findings if not f.ok))
    if failed:
        print(f"r2p: check failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def cmd_audit_head(args) -> int:
    from .core.anchors import chain_head

    with _database(args).read_session() as session:
        head = chain_head(session)
    print(f"{head.describe()}\n{head}")
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
                marking = "  [RESTRICTED]" if hit.confidentiality == "restricted" else ""
                print(f"  {hit.record_id:>7}  {hit.title}{marking}")
                print(f"           {with_brackets(hit.snippet)}")
    return 0


def _sqlite_file(args, doing: str) -> Path:
    """The SQLite file the command names, which must exist (a mistyped path is never taken for a new one)."""
    from .core.database import sqlite_path
    from .core.errors import MissingDatabaseError

    file = sqlite_path(_location(args))
    if file is None:
        raise UsageError(f"{doing} works on SQLite files; use the server's own tools for a server database")
    if not file.is_file():
        raise MissingDatabaseError(file)
    return file


def cmd_backup(args) -> int:
    from .core import kinds
    from .core.backup import backup_file, list_backups, take_backup

    location = _sqlite_file(args, "backup")
    if args.list:
        backups = list_backups(paths.backup_dir_for(location), database=location)
        for info in backups:
            counts = ", ".join(kinds.BY_TABLE[table].count_text(n) for table, n in info.record_counts.items())
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

    location = _sqlite_file(args, "restore")
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
    saved = restore_backup(location, backup, folder=paths.backup_dir_for(location))
    database = _database(args)  # brings an older backup up to the current schema
    print(f"restored {database.describe()} from {backup}" + (f"; what it held before is in {saved}" if saved else ""))
    return 0


def cmd_settings(args) -> int:
    from .core import policy

    database = _database(args)
    if args.default_confidentiality:
        database.set_default_confidentiality(args.default_confidentiality)
    if args.undertaking_due_months is not None:
        with database.session() as session:
            policy.set_undertaking_due_months(session, args.undertaking_due_months)
            session.commit()
    with database.read_session() as session:  # showing the settings takes no write lock
        months = policy.undertaking_due_months(session)
    print(f"default-confidentiality: {database.default_confidentiality}")
    print(f"undertaking-due-months: {months}")
    return 0


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        ours, sep, theirs = pair.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise UsageError(f"--map {pair!r}: write it as FIELD=COLUMN, e.g. --map title=Subject")
        mapping[ours.strip()] = theirs.strip()
    return mapping


def cmd_import(args) -> int:
    """`r2p import KIND FILE`: a CSV or XLSX file in our columns (or mapped onto them) for every kind;
    a UPR Info export for recommendations."""
    from .exchange.record_tables import import_table, summary
    from .exchange.upr_info import is_upr_info

    path = Path(args.file)
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    if args.what == "recommendations" and not args.map and is_upr_info(path):
        return _import_upr_info(args, path)
    if args.what == "people" and path.suffix.lower() == ".json":
        return _import_popolo(args, path)
    if args.state:
        raise UsageError("--state applies to a UPR Info export of recommendations only")
    database = _database(args)
    tty = sys.stderr.isatty()

    def progress(done: int, total: int) -> bool:
        if tty:
            print(f"\rwritten {done:,} of {total:,}", end="", file=sys.stderr, flush=True)
        return True

    with database.session() as session:
        report = import_table(session, args.what, path, mapping=_mapping(args.map), encoding=args.encoding,
                              delimiter=args.delimiter, date_format=args.date_format, dry_run=args.dry_run,
                              progress=progress)
    if tty:
        print(file=sys.stderr)
    if _refused(path, report.errors):
        return 1
    print("\n".join(summary(report, dry_run=args.dry_run)))
    return 0


def _refused(path: Path, errors: list[str]) -> bool:
    """Print an import's errors, each naming the file, and that nothing was imported; whether there were any."""
    for error in errors:
        print(f"{path.name}: {error}", file=sys.stderr)
    if errors:
        print(f"r2p: nothing imported: {len(errors)} errors in {path.name}", file=sys.stderr)
    return bool(errors)


def _import_upr_info(args, path: Path) -> int:
    from .exchange.upr_info import import_recommendations, summary_lines

    database = _database(args)
    with database.session() as session:
        session.connection()  # the write lock, waited for once (--wait)
        report = import_recommendations(session, path, state=args.state, dry_run=args.dry_run)
    if _refused(path, report.errors):
        return 1
    print("\n".join(summary_lines(report, dry_run=args.dry_run)))
    return 0


def _import_popolo(args, path: Path) -> int:
    """A Popolo JSON file of members: persons, parties, the legislature and memberships."""
    from .exchange.popolo import import_people, summary_lines

    database = _database(args)
    with database.session() as session:
        session.connection()  # the write lock, waited for once (--wait)
        report = import_people(session, path, dry_run=args.dry_run)
    print("\n".join(summary_lines(report, dry_run=args.dry_run)))
    return 0


def cmd_export(args) -> int:
    """`r2p export KIND --format csv|xlsx --out FILE`, and `r2p export all` (XLSX, a sheet per kind)."""
    from .exchange.record_tables import export_tables, table_kind, table_kinds

    names = list(table_kinds()) if args.what == "all" else [args.what]
    if len(names) > 1 and args.format != "xlsx":
        raise UsageError("every kind at once goes into one workbook: add --format xlsx")
    out = Path(args.out)
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder")
    database = _database(args)
    with database.read_session() as session:
        result = export_tables(session, names, out, format=args.format, audience=args.audience)
    written = ", ".join(f"{count:,} {table_kind(name).kind.plural.lower()}" for name, count in result.counts.items()
                        if count or len(names) == 1)
    print(f"exported {written or 'no records'} to {out}"
          + (" (readable only by you: it holds restricted records)" if result.owner_only else ""))
    _say_left_out(args.audience, sum(result.left_out.values()))
    return 0


def _say_left_out(audience: str, count: int) -> None:
    """On standard error, how many records the audience may not read were left out of an export."""
    if count:
        hidden = {"public": "committee and restricted", "committee": "restricted"}[audience]
        print(f"left out {count:,} {hidden} records; add --audience all to include them", file=sys.stderr)


def cmd_export_ical(args) -> int:
    from .exchange.calendar_ics import export_calendar, summary_line

    out = Path(args.out)
    database = _database(args)
    with database.read_session() as session:
        result = export_calendar(session, out, audience=args.audience)
    print(summary_line(result, out) + (" It is readable only by you: it holds restricted records."
                                       if result.restricted_written else ""))
    _say_left_out(args.audience, result.left_out)
    return 0


def cmd_export_debate(args) -> int:
    """`r2p export debate --id N --format akn --out FILE.xml`: the debate as an Akoma Ntoso 3.0 document."""
    from .exchange.akoma_ntoso import export_debate, summary_line

    out = Path(args.out)
    database = _database(args)
    with database.read_session() as session:
        result = export_debate(session, args.id, out, audience=args.audience)
    print(summary_line(result, out) + (" It is readable only by you: it holds restricted records."
                                       if result.restricted_written else ""))
    return 0


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds")
    return value


def _iso_date(text: str):
    from .core.services.fields import parse_date

    try:
        return parse_date(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def cmd_export_briefing(args) -> int:
    from .reports import PackOptions, export_pack

    out = Path(args.out)
    if not out.parent.is_dir():
        raise UsageError(f"{out.parent}: no such folder")
    # The format as asked, else as the file name says (.html or .htm: the accessible HTML edition).
    chosen = args.format or ("html" if out.suffix.lower() in (".html", ".htm") else "pdf")
    if args.format and out.suffix.lower() in (".pdf", ".html", ".htm") and out.suffix.lower()[:4] != f".{chosen}"[:4]:
        print(f"r2p: writing {'a PDF' if chosen == 'pdf' else 'HTML'}, though its name ends in {out.suffix}",
              file=sys.stderr)
    options = PackOptions(pack=args.pack, debate_id=args.debate, since=args.since, until=args.until,
                          audience=args.audience, paper=args.paper, format=chosen, full=args.full)
    result = export_pack(_database(args), options, out)
    print(f"wrote {result.written} to {out}: " + ", ".join(f"{title} ({n})" for title, n in result.sections))
    return 0


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--db", metavar="PATH_OR_URL",
                        help=f"database file or URL (default: ${paths.DB_ENV} or the file in the data folder)")
    common.add_argument("--wait", type=_seconds, default=BATCH_WAIT_S, metavar="SECONDS",
                        help="how long to wait for another program that is saving (default %(default)s)")
    parser = argparse.ArgumentParser(prog="r2p", description=f"{APP_NAME} {__version__} on the command line")
    parser.add_argument("--version", action="version", version=f"r2p {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    commands.add_parser("init", parents=[common], help="create or migrate the database").set_defaults(run=cmd_init)
    demo = commands.add_parser("demo", parents=[common], help="add realistic sample records")
    demo.add_argument("--questions", type=int, default=500, metavar="N")
    demo.add_argument("--seed", type=int, default=2017, metavar="S")
    demo.set_defaults(run=cmd_demo, nothing_done="no sample records were added")
    check = commands.add_parser("check", parents=[common], help="check integrity, foreign keys, the audit chain "
                                "and the anchors kept of it")
    check.add_argument("--anchor", action="append", default=[], metavar="LENGTH:HASH|FILE",
                       help="an anchor noted earlier (from `r2p audit head` or a briefing pack), or a file "
                       "holding anchors; the trail must still hold it (repeatable)")
    check.set_defaults(run=cmd_check)
    audit = commands.add_parser("audit", help="the audit trail").add_subparsers(dest="what", required=True)
    audit.add_parser("head", parents=[common], help="print the trail's length and newest hash, to note "
                     "somewhere else and give to `r2p check --anchor` later").set_defaults(run=cmd_audit_head)
    cat = commands.add_parser("catalogue", parents=[common], help="list commitments, instruments, risk factors")
    cat.add_argument("--json", action="store_true")
    cat.set_defaults(run=cmd_catalogue)
    find = commands.add_parser(
        "search", parents=[common], help="full-text search across all records",
        description="Full-text search across all records. Every word must appear, the last perhaps as the start "
                    "of a longer one; genocide OR atrocity finds either; -draft leaves out records that contain "
                    "draft; \"early warning\" in quotes finds the words together. Chinese, Japanese, Korean or "
                    "Thai text is found by any part of it, such as 协调 in 国家协调人.")
    find.add_argument("query", metavar="QUERY", help="what to find, in quotes if it has several words")
    find.add_argument("--json", action="store_true")
    find.add_argument("--limit", type=int, default=50, metavar="N")
    find.set_defaults(run=cmd_search)
    backup = commands.add_parser("backup", parents=[common], help="consistent online backup of the database")
    backup.add_argument("--to", metavar="FILE", help="write the backup here instead of the backups folder")
    backup.add_argument("--list", action="store_true", help="list the backups with their dates and record counts")
    backup.set_defaults(run=cmd_backup, nothing_done="no backup was written")
    restore = commands.add_parser("restore", parents=[common], help="replace the database with a backup "
                                  "(the current contents are backed up first)")
    restore.add_argument("file", metavar="FILE")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    restore.set_defaults(run=cmd_restore, nothing_done="nothing was restored")
    config = commands.add_parser("settings", parents=[common], help="show or change the committee's policy, "
                                 "kept in the database for everyone who opens it")
    config.add_argument("--default-confidentiality", choices=["public", "committee", "restricted"],
                        help="what new records are marked when no confidentiality is given")
    config.add_argument("--undertaking-due-months", type=int, metavar="N",
                        help="how many months after it was given an undertaking is due unless a date is set "
                             "(1 to 36; 3 until changed)")
    config.set_defaults(run=cmd_settings)

    from .exchange.record_tables import table_kinds

    imp = commands.add_parser("import", help="import records").add_subparsers(dest="what", required=True)
    exp = commands.add_parser("export", help="export records").add_subparsers(dest="what", required=True)
    audience = argparse.ArgumentParser(add_help=False)
    audience.add_argument("--audience", default="committee", choices=["public", "committee", "all"],
                          help="public: public records only; committee (default): all but restricted; all: everything")
    for name, table in table_kinds().items():
        plural = table.kind.plural.lower()
        imp_k = imp.add_parser(name, parents=[common], help=f"import {plural} from a CSV or XLSX file"
                               + (" or a UPR Info export" if name == "recommendations" else "")
                               + (" or a Popolo JSON file" if name == "people" else ""))
        imp_k.add_argument("file", metavar="FILE")
        imp_k.add_argument("--map", action="append", default=[], metavar="FIELD=COLUMN",
                           help="read our FIELD from the file's COLUMN (repeatable); other columns are ignored")
        imp_k.add_argument("--encoding", help="the file's encoding (detected unless given), e.g. cp1252")
        imp_k.add_argument("--delimiter", help="the character between columns (detected unless given): , ; or tab")
        imp_k.add_argument("--date-format", metavar="FORMAT", help="how the file writes dates, e.g. DD/MM/YYYY")
        imp_k.add_argument("--dry-run", action="store_true", help="check the file and say what would be created")
        imp_k.add_argument("--state", metavar="NAME", help=argparse.SUPPRESS if name != "recommendations" else
                           "of a UPR Info export: keep only the rows addressed to this State")
        imp_k.set_defaults(run=cmd_import, nothing_done="nothing was imported")
        exp_k = exp.add_parser(name, parents=[common, audience], help=f"export {plural} as CSV or XLSX")
        exp_k.add_argument("--format", default="csv", choices=["csv", "xlsx"])
        exp_k.add_argument("--out", required=True, metavar="FILE")
        exp_k.set_defaults(run=cmd_export, nothing_done="nothing was exported")
    exp_all = exp.add_parser("all", parents=[common, audience], help="export every kind into one XLSX workbook")
    exp_all.add_argument("--format", default="xlsx", choices=["xlsx"])
    exp_all.add_argument("--out", required=True, metavar="FILE")
    exp_all.set_defaults(run=cmd_export, nothing_done="nothing was exported")
    exp_i = exp.add_parser("ical", parents=[common, audience], help="answer deadlines, follow-ups, undertakings "
                           "and debates as an iCalendar file (.ics) for Outlook and other calendars")
    exp_i.add_argument("--out", required=True, metavar="FILE.ics")
    exp_i.set_defaults(run=cmd_export_ical, nothing_done="nothing was exported")
    exp_d = exp.add_parser("debate", parents=[common, audience], help="a debate, its agenda and its questions "
                           "as an Akoma Ntoso 3.0 document (the open standard for parliaments' debate records)")
    exp_d.add_argument("--id", type=int, required=True, metavar="N", help="the debate's id")
    exp_d.add_argument("--format", default="akn", choices=["akn"])
    exp_d.add_argument("--out", required=True, metavar="FILE.xml")
    exp_d.set_defaults(run=cmd_export_debate, nothing_done="nothing was exported")
    exp_b = exp.add_parser("briefing", parents=[common], help="a briefing pack as PDF or accessible HTML")
    exp_b.add_argument("--out", required=True, metavar="FILE.pdf|FILE.html")
    exp_b.add_argument("--format", choices=["pdf", "html"], help="pdf, or html: the accessible edition with the "
                       "same content, for screen readers (default: as the file name ends, else pdf)")
    exp_b.add_argument("--pack", default="debate", choices=PACKS, help="which pack to write (default: debate)")
    exp_b.add_argument("--debate", type=int, metavar="ID", help="the debate to brief for (default: the next one)")
    exp_b.add_argument("--since", type=_iso_date, metavar="YYYY-MM-DD")
    exp_b.add_argument("--until", type=_iso_date, metavar="YYYY-MM-DD")
    exp_b.add_argument("--audience", default="committee", choices=["public", "committee"])
    exp_b.add_argument("--paper", default="a4", choices=["a4", "letter"])
    exp_b.add_argument("--full", action="store_true",
                       help="debate pack: every question in full (default: in full what the debate needs, "
                            "the rest one line each in the annex)")
    exp_b.set_defaults(run=cmd_export_briefing, nothing_done="no pack was written")
    return parser


def _one_line(error: BaseException, args) -> str:
    """What went wrong, in one line a clerk can act on, saying what was not done."""
    from .core.errors import DatabaseBusyError, DatabaseStillCheckingError, is_damage, is_disk_full

    nothing_done = getattr(args, "nothing_done", "nothing was saved")
    causes, cause = [], error
    while cause is not None and len(causes) < 10:  # e.g. a rollback that failed because the disk had filled
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(is_disk_full(cause) for cause in causes):
        return f"the disk is full: {nothing_done}"
    if isinstance(error, DatabaseBusyError) and not isinstance(error, DatabaseStillCheckingError):
        return f"the database is busy (another program is saving); {nothing_done}"
    if isinstance(error, R2PError):
        return str(error)
    reason = str(getattr(error, "orig", None) or error).splitlines()[0] if str(error) else type(error).__name__
    if is_damage(error):
        return f"the database is damaged ({reason}); {nothing_done}. Restore a backup with `r2p restore`"
    if isinstance(error, OSError) and error.filename:
        return f"{error.filename}: {error.strerror}; {nothing_done}"
    return f"the database could not be used: {reason}; {nothing_done}"


def main(argv: list[str] | None = None) -> int:
    from sqlalchemy.exc import DBAPIError

    from .logs import log_path, start_logging, stop_logging

    args = build_parser().parse_args(argv)
    handler = start_logging(LOG_FILE_NAME)
    try:
        try:
            return args.run(args)
        finally:
            _close(args)  # the .sqlite file alone holds everything once we exit, whatever happened
    except BrokenPipeError:  # the reader went away (r2p catalogue | head): not an error of ours
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except (R2PError, DBAPIError, sqlite3.DatabaseError, OSError) as error:
        if not isinstance(error, R2PError):
            log.warning("r2p %s failed: %s", args.command, type(error).__name__)
        print(f"r2p: error: {_one_line(error, args)}", file=sys.stderr)
    except KeyboardInterrupt:
        print("r2p: interrupted; nothing was saved from the unfinished step", file=sys.stderr)
        return 130
    except Exception as error:
        log.exception("r2p %s failed", args.command)
        log_file = log_path(handler)
        where = f"; details in {log_file}" if log_file else ""
        print(f"r2p: internal error: {type(error).__name__}: {error}{where}", file=sys.stderr)
    finally:
        stop_logging(handler)
    return 1


if __name__ == "__main__":
    sys.exit(main())
