"""Anchors: the audit trail's length and newest hash, noted outside the database, written `LENGTH:HASH`.

The hash chain inside the file proves nothing against someone who can write the file: they can drop the
guard triggers, edit an entry and recompute every hash after it. An anchor kept elsewhere (beside each
backup, in a briefing pack's colophon, on paper or another computer) fixes the hash of entry LENGTH.
As that hash covers every entry before it, rewriting any entry at or before LENGTH changes it, and
cutting the trail short removes the entry. Changes after the newest anchor are not covered.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, func, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from . import audit
from .backup_names import parse_backup_name
from .errors import BackupError, R2PError
from .models import AuditEntry
from .safe_file import replaced_on_success
from .sqlite_files import connect_read_only

SUFFIX = ".anchor"  # beside a backup: NAME.sqlite.anchor
REPLACED_SUFFIX = ".anchor-replaced"  # of a history a restore replaced: kept, no longer checked
_WRITTEN = re.compile(r"(?<![\w:])(\d+):([0-9a-fA-F]{64})(?![\w:])")


@dataclass(frozen=True)
class Anchor:
    length: int  # how many entries the trail had
    head: str  # the entry_hash of the last of them (GENESIS_HASH for an empty trail)
    kept: str = field(default="given on the command line", compare=False)  # where it was noted, for the report

    def __str__(self) -> str:
        return f"{self.length}:{self.head}"

    @property
    def short_head(self) -> str:
        return f"{self.head[:4]}…{self.head[-2:]}"

    def describe(self) -> str:
        """One line for a clerk: how long the trail was and the hash to compare."""
        return f"audit trail: {self.length} entries, head {self.head}"


@dataclass(frozen=True)
class AnchorCheck:
    anchor: Anchor
    problem: str | None  # None: the trail still holds the anchor


@dataclass(frozen=True)
class KeptAnchors:
    """The anchors beside a database's backups."""

    anchors: list[Anchor]
    unreadable: list[str]  # sidecars that hold no anchor, each with why
    set_aside: int  # anchors of a history that a restore replaced


def _anchor(length: int, head: str, kept: str) -> Anchor:
    head = head.lower()
    if length == 0 and head != audit.GENESIS_HASH:
        raise R2PError(f"0:{head[:8]}… is not an anchor: an empty trail's head is {audit.GENESIS_HASH[:8]}…")
    return Anchor(length, head, kept)


def parse(text: str, kept: str = "given on the command line") -> Anchor:
    """An anchor written `LENGTH:HASH` (HASH is 64 hexadecimal digits)."""
    match = _WRITTEN.fullmatch(text.strip())
    if not match:
        raise R2PError(f"{text.strip()[:80]!r} is not an anchor: write it LENGTH:HASH, e.g. 12:9f3a…(64 hex digits)")
    return _anchor(int(match[1]), match[2], kept)


def in_text(text: str, kept: str) -> list[Anchor]:
    """Every `LENGTH:HASH` in `text` (e.g. a file the clerk appends `r2p audit head` to), once each."""
    found = {(int(m[1]), m[2].lower()) for m in _WRITTEN.finditer(text)}
    return [_anchor(length, head, kept) for length, head in sorted(found)]


def given(value: str) -> list[Anchor]:
    """The anchors named by `value`: one written `LENGTH:HASH`, or a file holding one or more."""
    if _WRITTEN.fullmatch(value.strip()):
        return [parse(value)]
    path = Path(value).expanduser()
    if not path.is_file():
        raise R2PError(f"{value}: not an anchor (LENGTH:HASH) and no such file")
    try:
        found = in_text(path.read_text(encoding="utf-8", errors="replace"), f"kept in {path}")
    except OSError as error:
        raise R2PError(f"{path}: cannot be read: {error.strerror or error}") from None
    if not found:
        raise R2PError(f"{path}: holds no anchor (LENGTH:HASH)")
    return found


# --- reading the head ----------------------------------------------------------------------------------

def chain_head(session: Session, kept: str = "read now") -> Anchor:
    """The trail as it is now: how many entries, and the newest one's hash (one read transaction)."""
    length = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    head = session.scalar(select(AuditEntry.entry_hash).order_by(AuditEntry.id.desc()).limit(1))
    return Anchor(length, head or audit.GENESIS_HASH, kept)


@contextmanager
def _file_session(path: Path, *, others_may_write: bool) -> Iterator[Session]:
    """A session reading a SQLite file through a connection that cannot change it."""
    engine = create_engine("sqlite://", creator=lambda: connect_read_only(path, others_may_write=others_may_write))
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def head_of_file(path: Path, *, others_may_write: bool = False) -> Anchor:
    with _file_session(Path(path), others_may_write=others_may_write) as session:
        return chain_head(session, kept=f"read from {Path(path).name}")


# --- anchors beside backups ----------------------------------------------------------------------------

def sidecar_of(backup: Path) -> Path:
    return Path(backup).with_name(Path(backup).name + SUFFIX)


def record_beside(backup: Path) -> Path:
    """Write the anchor of the backup file `backup` beside it as `NAME.sqlite.anchor`; return that path."""
    backup = Path(backup)
    try:
        anchor = head_of_file(backup)
    except (sqlite3.Error, DBAPIError) as error:
        reason = getattr(error, "orig", None) or error
        raise BackupError(f"the audit anchor of {backup.name} could not be read: {reason}") from None
    sidecar = sidecar_of(backup)
    with replaced_on_success(sidecar) as temporary:
        temporary.write_text(f"# R2P Desktop audit trail anchor of {backup.name} (LENGTH:HASH: how many "
                             f"entries, and the newest one's hash)\n{anchor}\n", encoding="utf-8")
    return sidecar


def remove_beside(backup: Path) -> None:
    """Remove the anchor beside a backup that rotation removed (set aside or not)."""
    for suffix in (SUFFIX, REPLACED_SUFFIX):
        Path(backup).with_name(Path(backup).name + suffix).unlink(missing_ok=True)


def _backup_taken(sidecar: Path, stem: str, suffix: str) -> datetime | None:
    """When the backup a sidecar belongs to was taken, if the sidecar is one of `stem`'s."""
    info = parse_backup_name(sidecar.with_name(sidecar.name.removesuffix(suffix)), stem)
    return info.taken_at if info else None


def _sidecars(folder: Path, database: Path, suffix: str) -> list[tuple[Path, str]]:
    """`database`'s sidecars with `suffix` in `folder`, oldest backup first, each with where it was kept."""
    if not Path(folder).is_dir():
        return []
    stem = Path(database).stem
    found = [(taken, path) for path in Path(folder).glob(f"*{suffix}")
             if (taken := _backup_taken(path, stem, suffix)) is not None]
    return [(path, f"taken with the backup of {taken:%Y-%m-%d %H:%M:%S}, {path.name.removesuffix(suffix)}")
            for taken, path in sorted(found)]


def _read_sidecar(path: Path, kept: str) -> Anchor:
    try:
        found = in_text(path.read_text(encoding="utf-8", errors="replace"), kept)
    except OSError as error:
        raise R2PError(f"{path.name} cannot be read: {error.strerror or error}") from None
    if len(found) != 1:
        raise R2PError(f"{path.name} holds {len(found) or 'no'} anchors instead of one")
    return found[0]


def beside_backups(folder: Path, database: Path) -> KeptAnchors:
    """The anchors recorded beside `database`'s backups in `folder`, oldest first."""
    anchors, unreadable = [], []
    for path, kept in _sidecars(folder, database, SUFFIX):
        try:
            anchors.append(_read_sidecar(path, kept))
        except R2PError as error:
            unreadable.append(str(error))
    return KeptAnchors(anchors, unreadable, len(_sidecars(folder, database, REPLACED_SUFFIX)))


# --- checking a trail against anchors -----------------------------------------------------------------

def verify(session: Session, anchors: Iterable[Anchor], *, chain_break: audit.ChainBreak | None) -> list[AnchorCheck]:
    """Whether the trail still holds each anchor: entry LENGTH (in id order) exists and has exactly the
    anchored hash, and the chain does not break at or before it. `chain_break` is what
    `audit.verify_chain` found on this trail (passed in so a check reads the whole trail only once)."""
    anchors = list(anchors)
    length = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    wanted = {a.length for a in anchors if 0 < a.length <= length}
    hashes: dict[int, str] = {}
    if wanted:
        rows = session.execute(select(AuditEntry.entry_hash).order_by(AuditEntry.id).limit(max(wanted))
                               .execution_options(yield_per=5000))
        for position, digest in enumerate(rows.scalars(), start=1):
            if position in wanted:
                hashes[position] = digest
    broken_at = None
    if chain_break is not None:
        broken_at = session.scalar(select(func.count()).select_from(AuditEntry)
                                   .where(AuditEntry.id <= chain_break.entry_id))
    checks = []
    for anchor in anchors:
        problem = None
        if anchor.length > length:
            problem = (f"the trail is shorter than an anchor of {anchor.length} entries {anchor.kept}: "
                       f"it has {length}")
        elif anchor.length and hashes.get(anchor.length) != anchor.head:
            problem = f"the trail was rewritten at or before entry {anchor.length} (anchor {anchor.kept})"
        elif anchor.length and chain_break is not None and broken_at is not None and broken_at <= anchor.length:
            problem = (f"the trail was rewritten at or before entry {anchor.length} (anchor {anchor.kept}; "
                       f"entry {chain_break.entry_id} {chain_break.reason})")
        checks.append(AnchorCheck(anchor, problem))
    return checks


def retire_after_restore(folder: Path, database: Path) -> int:
    """After `database` was restored from a backup: the anchors in `folder` of the history it replaced
    become `NAME.sqlite.anchor-replaced` (kept, no longer checked, counted by `r2p check`); set-aside
    anchors that the restored history holds again are checked again. Returns how many are set aside."""
    sidecars = []
    for suffix in (SUFFIX, REPLACED_SUFFIX):
        for path, kept in _sidecars(folder, database, suffix):
            try:
                sidecars.append((path, suffix, _read_sidecar(path, kept)))
            except R2PError:
                continue  # left as found: `r2p check` names it
    if not sidecars:
        return 0
    with _file_session(Path(database), others_may_write=True) as session:
        # Only whether each anchor is of this history: a chain broken inside it is `r2p check`'s to report.
        checks = verify(session, [anchor for _, _, anchor in sidecars], chain_break=None)
    set_aside = 0
    for (path, suffix, _), check in zip(sidecars, checks, strict=True):
        base = path.name.removesuffix(suffix)
        if check.problem and suffix == SUFFIX:
            path.replace(path.with_name(base + REPLACED_SUFFIX))
        elif check.problem is None and suffix == REPLACED_SUFFIX:
            path.replace(path.with_name(base + SUFFIX))
        set_aside += check.problem is not None
    return set_aside
