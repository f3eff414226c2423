"""The attachment store: the files attached to documents, kept in a folder beside the database
(`attachments/` next to `r2p.sqlite`), each once under its SHA-256 (`ab/abcdef…`, no extension,
read-only), never moved or changed afterwards.

A file's name is only a label: it is cleaned (`label`, `safe_name`) before it is shown or used for the
copy handed to the system's viewer (`open_copy` names its temporary copy `safe_name(name)`, in a new
temporary folder of its own), and never becomes part of a path in the store. Storing streams
the file in chunks into a temporary name in the store's own folder, syncs it and renames it into place,
so a full disk or a source that vanishes leaves nothing half-written and gives one R2PError line.
Backups keep a store of their own (`attachments/` in the backups folder), which holds each file once
however many backups name it."""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import re
import sqlite3
import stat
import tempfile
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import DiskFullError, R2PError
from .safe_file import private_folder, remove_stale
from .sqlite_files import connect_read_only

log = logging.getLogger(__name__)

FOLDER_NAME = "attachments"
CHUNK = 1024 * 1024
MAX_TEXT = 2_000_000  # characters of a PDF's text kept for search: a long report, not a whole library
MAX_LABEL = 200
_PARTIAL = ".incoming-*.partial"
_SHA256 = re.compile(r"[0-9a-f]{64}")
_BIDI_CONTROLS = {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"}
_NOT_IN_FILE_NAMES = set('<>:"|?*\\/')

Progress = Callable[[int, int], None]  # bytes copied so far, bytes in all


@dataclass(frozen=True)
class StoredFile:
    """A file as the store holds it: its hash, size, the label it is shown by, and its text (a PDF's)."""

    sha256: str
    size: int
    name: str
    text: str = ""

    def columns(self) -> dict[str, object]:
        """The document's columns that describe its attached file."""
        return {"file_sha256": self.sha256, "file_size": self.size, "file_name": self.name, "file_text": self.text}


# --- names --------------------------------------------------------------------------------------

def label(name: str) -> str:
    """The name a file is shown by: its last part only (no folders, no `..`), without control or
    direction-changing characters, at most MAX_LABEL characters with its extension kept."""
    last = re.split(r"[/\\]", str(name))[-1]
    cleaned = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in last
                      if c not in _BIDI_CONTROLS)
    cleaned = " ".join(cleaned.split()).strip(". ")
    if len(cleaned) > MAX_LABEL:
        _stem, dot, extension = cleaned.rpartition(".")
        keep = f".{extension}" if dot and len(extension) <= 10 else ""
        cleaned = cleaned[:MAX_LABEL - len(keep)].rstrip() + keep
    return cleaned or "attachment"


def safe_name(name: str) -> str:
    """`label(name)` fit to be a file name on every system the copy may be opened on."""
    cleaned = "".join("_" if c in _NOT_IN_FILE_NAMES else c for c in label(name))
    return cleaned.strip(". ") or "attachment"


def size_text(size: int | None) -> str:
    """'340 bytes', '12.5 KB', '200.0 MB'."""
    if size is None:
        return ""
    value = float(size)
    for unit in ("KB", "MB", "GB"):
        value /= 1024
        if value < 1024 or unit == "GB":
            return f"{size} bytes" if size < 1024 else f"{value:.1f} {unit}"
    return f"{size} bytes"  # not reached


# --- where ----------------------------------------------------------------------------------------

def folder_beside(database_file: Path) -> Path:
    """The store of a database file: `attachments/` in the folder that holds it."""
    return Path(database_file).expanduser().resolve().parent / FOLDER_NAME


class AttachmentStore:
    """One content-addressed folder of attached files."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    @classmethod
    def of_database(cls, database_file: Path | None) -> AttachmentStore:
        if database_file is None:
            raise R2PError("files can be attached only to documents in a SQLite database file")
        return cls(folder_beside(database_file))

    def path_of(self, sha256: str) -> Path:
        if not _SHA256.fullmatch(sha256 or ""):
            raise R2PError(f"{sha256!r} is not the SHA-256 of an attached file")
        return self.folder / sha256[:2] / sha256

    def has(self, sha256: str) -> bool:
        """Whether the store holds `sha256` sound: a file there whose content no longer has its hash
        counts as missing, so that storing or restoring it again repairs it."""
        return self.problem(sha256) is None

    # --- storing ----------------------------------------------------------------------------------

    def store(self, source: Path, progress: Progress | None = None, *, name: str | None = None,
              read_text: bool = True) -> StoredFile:
        """Copy `source` into the store (once: a file already held sound is not copied again; one whose
        content was damaged is replaced) and read its
        text if it is a PDF. Raises one R2PError line, leaving nothing half-written, when the source
        cannot be read or changes while it is copied, or the disk is full."""
        source = Path(source)
        shown = label(name or source.name)
        private_folder(self.folder)
        remove_stale(self.folder, _PARTIAL)
        try:
            handle = open(source, "rb")  # noqa: SIM115 (closed below, after the copy)
        except FileNotFoundError:
            raise R2PError(f"{shown} is no longer there (moved or deleted?); nothing was attached") from None
        except IsADirectoryError:
            raise R2PError(f"{shown} is a folder, not a file; nothing was attached") from None
        except OSError as error:
            raise R2PError(f"{shown} could not be read ({error.strerror or error}); nothing was attached") from None
        with handle:
            total = os.fstat(handle.fileno()).st_size
            digest, copied, temporary = self._copy_in(handle, total, shown, progress)
        try:
            target = self.path_of(digest)
            if self.has(digest):
                temporary.unlink()
            else:
                private_folder(target.parent)
                os.chmod(temporary, stat.S_IRUSR)
                os.replace(temporary, target)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise _write_error(error, shown) from None
        return StoredFile(digest, copied, shown, extract_text(target) if read_text else "")

    def _copy_in(self, handle: BinaryIO, total: int, shown: str, progress: Progress | None) -> tuple[str, int, Path]:
        """Stream `handle` into a temporary file in the store, hashing it; synced before it is returned."""
        descriptor, name = tempfile.mkstemp(dir=self.folder, prefix=".incoming-", suffix=".partial")
        temporary = Path(name)
        digest, copied = hashlib.sha256(), 0
        try:
            with os.fdopen(descriptor, "wb") as out:
                while True:
                    try:
                        chunk = handle.read(CHUNK)
                    except OSError as error:
                        raise R2PError(f"{shown} could not be read ({error.strerror or error}); "
                                       "nothing was attached") from None
                    if not chunk:
                        break
                    digest.update(chunk)
                    out.write(chunk)
                    copied += len(chunk)
                    if progress is not None:
                        progress(copied, total)
                out.flush()
                os.fsync(out.fileno())
            if copied != total or os.fstat(handle.fileno()).st_size != total:
                raise R2PError(f"{shown} changed while it was being copied; nothing was attached (try again "
                               "once whatever is writing it has finished)")
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise _write_error(error, shown) from None
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return digest.hexdigest(), copied, temporary

    # --- reading ----------------------------------------------------------------------------------

    def problem(self, sha256: str) -> str | None:
        """What is wrong with the stored file `sha256` (missing, changed), or None when it is sound."""
        path = self.path_of(sha256)
        try:
            found = file_sha256(path)
        except FileNotFoundError:
            return f"its file is missing from {self.folder}"
        except OSError as error:
            return f"its file could not be read ({error.strerror or error})"
        return None if found == sha256 else "its file has changed since it was attached (the SHA-256 differs)"

    def open_copy(self, sha256: str, name: str, document: str) -> Path:
        """A read-only copy of the stored file in a new temporary folder, named after `name` (cleaned) so
        the system's viewer sees its extension. `document` names the document in an error."""
        problem = self.problem(sha256)
        if problem is not None:
            raise R2PError(f"the file of “{document}” cannot be opened: {problem}; restore a backup")
        folder = Path(tempfile.mkdtemp(prefix="r2p-open-"))
        copy = folder / safe_name(name)
        try:
            with open(self.path_of(sha256), "rb") as stored, open(copy, "wb") as out:
                while chunk := stored.read(CHUNK):
                    out.write(chunk)
            os.chmod(copy, stat.S_IRUSR)
        except OSError as error:
            copy.unlink(missing_ok=True)
            raise _write_error(error, label(name), action="copied to be opened") from None
        return copy

    # --- copying between stores (backups) ---------------------------------------------------------

    def copy_missing(self, other: AttachmentStore, hashes: Iterable[str]) -> list[str]:
        """Copy into this store each of `hashes` that it lacks and `other` holds sound (its hash checked);
        return those it could not (missing or changed in `other`)."""
        lacking: list[str] = []
        for sha in dict.fromkeys(h for h in hashes if _SHA256.fullmatch(h or "")):
            if self.has(sha):
                continue
            if other.problem(sha) is not None:
                lacking.append(sha)
                continue
            try:
                stored = self.store(other.path_of(sha), name=sha, read_text=False)
            except R2PError as error:
                log.warning("attachment %s not copied: %s", sha[:12], error)
                lacking.append(sha)
                continue
            if stored.sha256 != sha:  # changed between the check and the copy: never keep it under sha
                lacking.append(sha)
        return lacking


def _write_error(error: OSError, shown: str, *, action: str = "attached") -> R2PError:
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(f"the disk is full: {shown} was not {action}")
    return R2PError(f"{shown} was not {action}: {error.strerror or error}")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# --- text -----------------------------------------------------------------------------------------

def extract_text(path: Path, limit: int = MAX_TEXT) -> str:
    """The text of a PDF (at most `limit` characters), for the search index; "" for any other file and
    for a PDF that is damaged, encrypted or has no text layer."""
    try:
        with open(path, "rb") as handle:
            if handle.read(5) != b"%PDF-":
                return ""
        from pypdf import PdfReader

        reader = PdfReader(path)
        if reader.is_encrypted:
            return ""
        parts: list[str] = []
        length = 0
        for page in reader.pages:
            text = page.extract_text() or ""
            parts.append(text)
            length += len(text) + 1
            if length >= limit:
                break
        return " ".join(" ".join(parts).split())[:limit]
    except Exception as error:  # pypdf raises many kinds on a damaged file: the file is kept, without text
        log.info("no text read from attached file %s: %s", Path(path).name, type(error).__name__)
        return ""


# --- hashes a database file names -----------------------------------------------------------------

def named_by(database_file: Path) -> set[str]:
    """The SHA-256 of every file the documents in `database_file` have attached (read-only; none for a
    file from before documents had attachments)."""
    try:
        connection = connect_read_only(Path(database_file), others_may_write=True)
    except sqlite3.Error:
        return set()
    try:
        return {sha for (sha,) in connection.execute(
            "SELECT DISTINCT file_sha256 FROM documents WHERE file_sha256 != ''")}
    except sqlite3.Error:
        return set()
    finally:
        connection.close()


def carry_into_backup(database_file: Path, backup_file: Path) -> list[str]:
    """Copy into the backups folder's own store the attachments `backup_file` names that it does not hold
    yet, from the store beside `database_file`; return those that could not be copied."""
    live, kept = AttachmentStore.of_database(database_file), AttachmentStore(folder_beside(backup_file))
    if live.folder == kept.folder:
        return []
    lacking = kept.copy_missing(live, named_by(backup_file))
    for sha in lacking:
        log.warning("the backup %s names attachment %s, which the store lacks or holds changed",
                    Path(backup_file).name, sha[:12])
    return lacking


def restore_from_backup(backup_file: Path, database_file: Path) -> list[str]:
    """Put back into the live store every attachment the restored database names that it lacks, from the
    store beside `backup_file`; return those that neither holds."""
    live, kept = AttachmentStore.of_database(database_file), AttachmentStore(folder_beside(backup_file))
    if live.folder == kept.folder:
        return []
    lacking = live.copy_missing(kept, named_by(database_file))
    for sha in lacking:
        log.warning("attachment %s named by the restored database is in neither store", sha[:12])
    return lacking
