"""Attaching a file to a full disk: one line saying so, and nothing half-copied left in the attachment
store. The disk is real (the 4 MiB tmpfs of test_disk_full.py); the store is written by a process in
its mount namespace."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from test_disk_full import SLACK, small_disk  # noqa: F401 (the fixture)

pytestmark = pytest.mark.slow

STORE = """
import sys
from pathlib import Path
from r2p_desktop.core.attachments import AttachmentStore
from r2p_desktop.core.errors import R2PError
try:
    AttachmentStore(Path(sys.argv[2])).store(Path(sys.argv[1]))
except R2PError as error:
    print(error)
    sys.exit(1)
print("stored")
"""


@pytest.mark.parametrize("leave", [0, SLACK], ids=["no-space-left", "space-runs-out-part-way"])
def test_attaching_to_a_full_disk_says_so_in_one_line_and_leaves_no_half_file(small_disk, tmp_path, leave):  # noqa: F811
    source = tmp_path / "annual report.pdf"
    source.write_bytes(os.urandom(3 * 1024 * 1024))
    store = small_disk.mount_point / "attachments"
    small_disk.fill(leave=leave)
    done = subprocess.run(["nsenter", f"--target={small_disk.pid}", "--mount", "--", sys.executable, "-c", STORE,
                           str(source), str(store)], capture_output=True, text=True, timeout=120, cwd="/",
                          env={**os.environ, "PYTHONPATH": os.getcwd()})
    assert done.returncode == 1, done.stderr
    assert done.stdout == "the disk is full: annual report.pdf was not attached\n"
    assert done.stderr == ""
    seen = small_disk.seen(store)
    assert [path for path in seen.rglob("*") if path.is_file()] == []
    small_disk.free()
