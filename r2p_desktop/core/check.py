"""`r2p check`: the database's structure, its foreign keys, the audit chain and the anchors kept of it, and
the files attached to documents (each in the attachment store, its SHA-256 as recorded)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from . import audit, kinds
from .anchors import Anchor, KeptAnchors, beside_backups, verify
from .attachments import AttachmentStore
from .errors import DamagedDatabaseError
from .migrations import AUDIT_GUARD_TRIGGERS
from .schema_version import SCHEMA_HEAD, current_revision
from .services.documents import attached_files
from .sqlite_files import structural_damage

if TYPE_CHECKING:  # database.py imports what imports this
    from .database import Database


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    detail: str


def _guarded(check: str, run: Callable[[], Finding]) -> Finding:
    """A check that SQLite could not even complete is itself a failure, named, not a crash."""
    try:
        return run()
    except DBAPIError as error:
        return Finding(check, False, f"could not be read: {str(error.orig).splitlines()[0]}")
    except DamagedDatabaseError:
        return Finding(check, False, "could not be read: the file is damaged")


def expected_search_triggers() -> dict[str, str]:
    """Every search trigger the kind registry calls for (both indexes), as SQLite stores its CREATE statement."""
    return {name: sql for kind in kinds.SEARCHED for name, sql in kinds.search_triggers(kind).items()}


def _anchor_findings(session: Session, kept: list[Anchor], chain_break: audit.ChainBreak | None) -> list[Finding]:
    findings = []
    for check in verify(session, kept, chain_break=chain_break):
        anchor = check.anchor
        findings.append(Finding("audit anchor", check.problem is None, check.problem or
                                f"the trail still holds {anchor.length}:{anchor.short_head} ({anchor.kept})"))
    return findings


def _anchors_summary(given: int, folder: Path | None, found: KeptAnchors) -> list[Finding]:
    where = [f"{len(found.anchors)} beside the backups in {folder}"] if folder else []
    where += [f"{given} given"] if given else []
    total = given + len(found.anchors)
    detail = (f"{total} checked ({', '.join(where)})" if total else
              "none found beside the backups or given: without one, a rewrite of the whole trail by someone "
              "who can write the file would not show (note `r2p audit head` somewhere else)")
    if found.set_aside:
        detail += (f"; {found.set_aside} set aside because a restore replaced the history they record "
                   "(*.anchor-replaced)")
    return [Finding("audit anchors", True, detail),
            *(Finding("audit anchors", False, problem) for problem in found.unreadable)]


def _attachment_findings(database: Database) -> list[Finding]:
    """One line per document whose file is missing or changed, then how many were checked."""
    store = AttachmentStore.of_database(database.path)
    try:
        with database.read_session() as session:
            files = attached_files(session)
    except DBAPIError as error:
        return [Finding("attachments", False, f"could not be read: {str(error.orig).splitlines()[0]}")]
    problems = [Finding("attachment", False, f"document “{title}” (id {document_id}, {name}): {problem}")
                for document_id, title, name, sha in files if (problem := store.problem(sha)) is not None]
    detail = (f"{len(files)} attached file{'' if len(files) == 1 else 's'} checked in {store.folder}"
              if files else "no document has an attached file")
    return [*problems, Finding("attachments", not problems, detail)]


def check_database(database: Database, anchors: Iterable[Anchor] = ()) -> list[Finding]:
    """Run every check; each finding says what was checked and what is wrong, if anything.

    The trail must still hold every anchor in `anchors` and every one recorded beside the database's
    backups (in `database.backup_dir`)."""
    findings = []
    given = list(anchors)
    folder = getattr(database, "backup_dir", None) if database.is_sqlite else None
    found = beside_backups(folder, database.path) if folder and database.path else KeptAnchors([], [], 0)
    kept = [*found.anchors, *given]
    anchor_findings: list[Finding] = []
    with database.engine.connect().execution_options(sqlite_begin="DEFERRED") as connection:
        def schema() -> Finding:
            revision = current_revision(connection)
            return Finding("schema version", revision == SCHEMA_HEAD,
                           f"at {revision}" if revision == SCHEMA_HEAD else f"at {revision}, expected {SCHEMA_HEAD}")

        def foreign_keys() -> Finding:
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            detail = "no dangling references" if not broken else (
                f"{len(broken)} rows refer to missing records (first: table {broken[0][0]}, row {broken[0][1]})")
            return Finding("foreign keys", not broken, detail)

        def audit_guard() -> Finding:
            present = {row[0] for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            missing = [name for name in AUDIT_GUARD_TRIGGERS if name not in present]
            return Finding("audit protection", not missing,
                           "the audit trail refuses changes and deletions" if not missing else
                           f"trigger {', '.join(missing)} is missing: the audit trail could be edited")

        def search_index() -> Finding:
            present = {name: " ".join(sql.split()) for name, sql in connection.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")}
            wrong = [name for name, sql in expected_search_triggers().items() if present.get(name) != sql]
            return Finding("search index", not wrong,
                           "every kind of record is kept in the search index" if not wrong else
                           f"trigger {', '.join(wrong)} is missing or differs from this version's: search would "
                           "miss changes (restore a backup, or ask for help)")

        findings.append(_guarded("schema version", schema))
        if database.path is not None:  # a SQLite file
            damage = structural_damage(database.path, pragma="integrity_check",
                                       others_may_write=not database.read_only)
            findings.append(Finding("integrity", damage is None, damage or "ok"))
            findings.append(_guarded("foreign keys", foreign_keys))
            findings.append(_guarded("audit protection", audit_guard))
            findings.append(_guarded("search index", search_index))

    def chain() -> Finding:
        with database.read_session() as session:
            chain_break = audit.verify_chain(session)
            anchor_findings.extend(_anchor_findings(session, kept, chain_break))  # in the same read
        return Finding("audit chain", chain_break is None,
                       "every entry follows from the one before" if chain_break is None else
                       f"entry {chain_break.entry_id} {chain_break.reason}")

    findings.append(_guarded("audit chain", chain))
    if database.path is not None:
        findings.extend(_attachment_findings(database))
    if kept and not anchor_findings:
        anchor_findings.append(Finding("audit anchor", False, "not checked: the audit trail could not be read"))
    return findings + anchor_findings + _anchors_summary(len(given), folder, found)
