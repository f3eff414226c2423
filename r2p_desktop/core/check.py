"""`r2p check`: the database's structure, its foreign keys and the audit chain."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.exc import DBAPIError

from . import audit
from .migrations import AUDIT_GUARD_TRIGGERS, SCHEMA_HEAD, current_revision
from .sqlite_files import structural_damage


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


def check_database(database) -> list[Finding]:
    """Run every check; each finding says what was checked and what is wrong, if anything."""
    findings = []
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

        findings.append(_guarded("schema version", schema))
        if database.is_sqlite:
            damage = structural_damage(database.path, pragma="integrity_check")
            findings.append(Finding("integrity", damage is None, damage or "ok"))
            findings.append(_guarded("foreign keys", foreign_keys))
            findings.append(_guarded("audit protection", audit_guard))

    def chain() -> Finding:
        with database.read_session() as session:
            chain_break = audit.verify_chain(session)
        return Finding("audit chain", chain_break is None,
                       "every entry follows from the one before" if chain_break is None else
                       f"entry {chain_break.entry_id} {chain_break.reason}")

    findings.append(_guarded("audit chain", chain))
    return findings
