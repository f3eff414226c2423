"""Importing a UPR Info database export from the Recommendations view: which States the file addresses
(to choose one), a dry run that says what would be added, and the import itself (all or nothing), each
with its own session. `r2p import recommendations` does the same on the command line."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from ..core import kinds
from ..core.database import Database
from ..exchange.upr_info import RecommendationImport, import_recommendations, read_rows, summary_lines
from .changes import Changes, Record
from .errors import as_r2p_errors


def states_in(path: Path) -> list[tuple[str, int]]:
    """The States the export's rows are addressed to, with their number of rows, most rows first."""
    rows, _ = read_rows(path)
    counted = Counter(" ".join(row.cells["To"].split()) for row in rows if row.cells["To"].strip())
    return sorted(counted.items(), key=lambda item: (-item[1], item[0].casefold()))


def import_upr_info(database: Database, path: Path, state: str | None, *,
                    dry_run: bool = False) -> tuple[RecommendationImport, Changes]:
    """Import (or, with `dry_run`, check) the export at `path`, only the rows to `state` if given. When
    the report has errors nothing was added."""
    with as_r2p_errors(), database.session() as session:
        report = import_recommendations(session, path, state=state, dry_run=dry_run)
    return report, Changes(created={Record(kinds.RECOMMENDATION.key, record_id) for record_id in report.created_ids})



def report_lines(report: RecommendationImport, *, dry_run: bool) -> list[str]:
    """What an import did, or a dry run would do, as the clerk reads it: the refusal and every error
    with its row, or what was (would be) added."""
    if report.errors:
        return ["Nothing was imported:" if not dry_run else "This file cannot be imported as it is:",
                *(f"  {error}" for error in report.errors)]
    return summary_lines(report, dry_run=dry_run)
