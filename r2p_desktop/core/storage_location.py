"""Is a database file on a network share? SQLite's locking is not reliable over network file
systems, so two people using one file there can corrupt it: the clerk is warned."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path, PureWindowsPath

NETWORK_FILESYSTEMS = frozenset({
    "nfs", "nfs4", "cifs", "smb", "smb2", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs",
    "davfs", "fuse.davfs", "davfs2", "ncpfs", "coda", "ceph", "fuse.ceph", "glusterfs", "fuse.glusterfs",
    "lustre", "gpfs", "fuse.rclone", "fuse.s3fs", "vboxsf", "fuse.gvfsd-fuse",
})
DRIVE_REMOTE = 4  # GetDriveTypeW


def _unescape(field: str) -> str:
    """/proc/mounts writes space, tab, newline and backslash as octal escapes (\\040 ...)."""
    return field.encode("latin-1").decode("unicode_escape") if "\\" in field else field


def _mount_table(text: str) -> list[tuple[str, str]]:
    mounts = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            mounts.append((_unescape(parts[1]), parts[2]))
    return mounts


def filesystem_type(path: Path, mounts_text: str) -> str | None:
    """The type of the file system holding `path`, from the longest mount point above it."""
    path = Path(os.path.abspath(path))
    best, found = -1, None
    for mount_point, fstype in _mount_table(mounts_text):
        mount = Path(mount_point)
        if (path == mount or mount in path.parents) and len(mount.parts) > best:
            best, found = len(mount.parts), fstype
    return found


def _windows_drive_type(root: str) -> int:
    import ctypes

    return int(ctypes.windll.kernel32.GetDriveTypeW(root))  # type: ignore[attr-defined]


def is_network_location(path: Path | str, *, mounts_file: Path | str = "/proc/mounts",
                        platform: str = sys.platform,
                        drive_type: Callable[[str], int] | None = None) -> bool:
    """True when `path` is on a network share (NFS, SMB/CIFS, SSHFS, WebDAV ...), a UNC path or a
    mapped network drive. Unknown means False: the warning is advice, never a refusal."""
    if platform == "win32":
        windows = PureWindowsPath(str(path))
        if str(windows).startswith("\\\\"):
            return True  # \\server\share\... (drive is the share itself)
        if windows.drive:
            try:
                return (drive_type or _windows_drive_type)(windows.drive + "\\") == DRIVE_REMOTE
            except (OSError, AttributeError):
                return False
        return False
    try:
        text = Path(mounts_file).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    fstype = filesystem_type(Path(path), text)
    return fstype is not None and (fstype in NETWORK_FILESYSTEMS or fstype.startswith(("nfs", "fuse.sshfs")))
