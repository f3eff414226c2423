"""Unsaved edits kept as drafts, so an editor's work survives a crash or a power cut.

One JSON file per record being edited (or per kind, for a record not yet saved) under
`drafts/` in the data folder, each written whole or not at all. The editor saves every few
seconds, discards on save or cancel, and `pending_drafts()` lists what to offer back on start-up.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from .. import paths
from .safe_file import replaced_on_success

log = logging.getLogger(__name__)

DRAFTS_FOLDER = "drafts"
_KIND = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Draft:
    kind: str  # "question", "follow_up", ...
    record_id: int | None  # None for a record not yet saved
    fields: dict  # as the editor gave them; dates come back as ISO strings
    saved_at: datetime
    database: str | None  # which database the record belongs to, as Database.describe() says
    path: Path


def drafts_dir() -> Path:
    return paths.data_dir() / DRAFTS_FOLDER


def _draft_path(kind: str, record_id: int | None) -> Path:
    if not _KIND.match(kind):
        raise ValueError(f"not a record kind: {kind!r}")
    return drafts_dir() / f"{kind}-{'new' if record_id is None else int(record_id)}.json"


def _plain(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, set | tuple):
        return list(value)
    return str(value)


def save_draft(kind: str, record_id: int | None, fields: dict, *, database: str | None = None) -> Path:
    """Keep `fields` as the draft of this record, replacing any earlier draft of it."""
    path = _draft_path(kind, record_id)
    path.parent.mkdir(parents=True, exist_ok=True)
    content = {"kind": kind, "record_id": record_id, "database": database,
               "saved_at": datetime.now(UTC).isoformat(), "fields": fields}
    with replaced_on_success(path) as partial:
        partial.write_text(json.dumps(content, ensure_ascii=False, default=_plain, indent=1), encoding="utf-8")
        os.chmod(partial, 0o600)  # drafts hold record text: for this user only
    return path


def _read(path: Path) -> Draft | None:
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
        return Draft(content["kind"], content["record_id"], dict(content["fields"]),
                     datetime.fromisoformat(content["saved_at"]), content.get("database"), path)
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


def discard_draft(kind: str, record_id: int | None) -> None:
    """Forget the draft of this record (after it was saved, or the clerk chose not to keep it)."""
    _draft_path(kind, record_id).unlink(missing_ok=True)
