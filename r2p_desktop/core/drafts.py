"""Unsaved edits kept as drafts, so an editor's work survives a crash or a power cut.

One JSON file per record being edited (or per kind, for a record not yet saved) and database under
`drafts/` in the data folder, each written whole or not at all. A draft keeps the record's version and
its values as they were when the clerk started, so edits offered back after a crash can be told apart
from what a colleague saved meanwhile. The editor saves every few seconds, discards on save or cancel,
and `pending_drafts()` lists what to offer back on start-up.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from .. import paths
from .safe_file import private_folder, replaced_on_success
from .values import Values

log = logging.getLogger(__name__)

DRAFTS_FOLDER = "drafts"
_KIND = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Draft:
    kind: str  # "question", "follow_up", ...
    record_id: int | None  # None for a record not yet saved
    fields: Values  # as the editor gave them; dates come back as ISO strings
    saved_at: datetime
    database: str | None  # which database the record belongs to, as Database.describe() says
    path: Path
    version: int | None = None  # the record's version when the clerk started editing it
    base: Values | None = None  # the record's values then, shaped as `fields`


def drafts_dir() -> Path:
    return paths.data_dir() / DRAFTS_FOLDER


def _draft_path(kind: str, record_id: int | None, database: str | None) -> Path:
    """One file per record and database: question 5 of one file is not question 5 of another."""
    if not _KIND.match(kind):
        raise ValueError(f"not a record kind: {kind!r}")
    where = hashlib.sha256((database or "").encode()).hexdigest()[:12]
    return drafts_dir() / f"{kind}-{'new' if record_id is None else int(record_id)}-{where}.json"


def _plain(value: object) -> object:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, set | tuple):
        return list(value)
    return str(value)


def save_draft(kind: str, record_id: int | None, fields: Values, *, database: str | None = None,
               version: int | None = None, base: Values | None = None) -> Path:
    """Keep `fields` as the draft of this record, replacing any earlier draft of it."""
    path = _draft_path(kind, record_id, database)
    private_folder(path.parent)
    content = {"kind": kind, "record_id": record_id, "database": database, "version": version, "base": base,
               "saved_at": datetime.now(UTC).isoformat(), "fields": fields}
    with replaced_on_success(path) as partial:
        partial.write_text(json.dumps(content, ensure_ascii=False, default=_plain, indent=1), encoding="utf-8")
        os.chmod(partial, 0o600)  # drafts hold record text: for this user only
    return path


def _read(path: Path) -> Draft | None:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        base = content.get("base")
        return Draft(content["kind"], content["record_id"], dict(content["fields"]),
                     datetime.fromisoformat(content["saved_at"]), content.get("database"), path,
                     content.get("version"), dict(base) if base is not None else None)
    except (OSError, ValueError, KeyError, TypeError) as error:
        log.warning("ignoring unreadable draft %s: %s", path.name, type(error).__name__)
        return None


def pending_drafts(database: str | None = None) -> list[Draft]:
    """The drafts left behind, oldest first; only those of `database` when it is given."""
    folder = drafts_dir()
    if not folder.is_dir():
        return []
    drafts = [draft for path in folder.glob("*.json") if (draft := _read(path))]
    if database is not None:
        drafts = [d for d in drafts if d.database in (None, database)]
    return sorted(drafts, key=lambda d: d.saved_at)


def discard_draft(kind: str, record_id: int | None, *, database: str | None = None) -> None:
    """Forget the draft of this record (after it was saved, or the clerk chose not to keep it)."""
    _draft_path(kind, record_id, database).unlink(missing_ok=True)
