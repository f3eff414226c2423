"""How a backup is named: `NAME-REASON-YYYYmmdd-HHMMSS-ffffff.sqlite` for the database `NAME.sqlite`.

Written and read only here, so the backups and the anchors kept beside them agree on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

AUTOMATIC_REASONS = ("daily", "close")
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<reason>daily|close|manual|damaged|before-[\w.]+)"
                   r"-(?P<stamp>\d{8}-\d{6}-\d{6})\.sqlite$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: datetime  # local time, from the file name
    reason: str  # daily, close, manual, before-restore, before-<migration>, damaged
    record_counts: dict[str, int] = field(default_factory=dict)  # empty when the file cannot be read

    @property
    def automatic(self) -> bool:
        return self.reason in AUTOMATIC_REASONS

    @property
    def rotation_group(self) -> str:
        """Backups of one group are thinned together: automatic ones, or each other reason."""
        return "automatic" if self.automatic else ("before-migration" if self.reason.startswith("before-")
                                                   and self.reason != "before-restore" else self.reason)


def backup_name(database: Path, reason: str, taken_at: datetime) -> str:
    return f"{Path(database).stem}-{reason}-{taken_at.strftime(STAMP_FORMAT)}.sqlite"


def parse_backup_name(path: Path, stem: str | None = None) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if not match or (stem is not None and match["stem"] != stem):
        return None
    return BackupInfo(path, datetime.strptime(match["stamp"], STAMP_FORMAT), match["reason"])


def partial_backups(database: Path) -> tuple[str, ...]:
    """Glob patterns for what unfinished backups of `database` (and their anchors) are called."""
    stem = Path(database).stem
    return (f"{stem}-*.sqlite.partial", f".{stem}-*.partial")
