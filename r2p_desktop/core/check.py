"""`r2p check`: the database's structure, its foreign keys and the audit chain."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from . import audit
from .migrations import SCHEMA_HEAD, current_revision


@dataclass(frozen=True)
class Finding:
    check: str
    ok: bool
    detail: str


def check_database(database) -> list[Finding]:
    """Run every check; each finding says what was checked and what is wrong, if anything."""
    findings = []
    with database.engine.connect().execution_options(sqlite_begin="DEFERRED") as connection:
        revision = current_revision(connection)
        findings.append(Finding("schema version", revision == SCHEMA_HEAD,
                                f"at {revision}" if revision == SCHEMA_HEAD else
                                f"at {revision}, expected {SCHEMA_HEAD}"))
        if database.is_sqlite:
            verdicts = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
            findings.append(Finding("integrity", verdicts == ["ok"], "; ".join(verdicts[:5])))
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            detail = "no dangling references" if not broken else (
                f"{len(broken)} rows refer to missing records (first: table {broken[0][0]}, row {broken[0][1]})")
            findings.append(Finding("foreign keys", not broken, detail))
        connection.execute(text("SELECT 1"))
    with database.read_session() as session:
        chain_break = audit.verify_chain(session)
    findings.append(Finding(
        "audit chain", chain_break is None,
        "every entry follows from the one before" if chain_break is None else
        f"entry {chain_break.entry_id} {chain_break.reason}"))
    return findings
