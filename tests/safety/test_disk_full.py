"""A full disk and a log that cannot be written: one line saying so, nothing half-saved left behind, and
never a traceback on the clerk's terminal.

The full disk is real: a 4 MiB tmpfs mounted in a mount namespace of its own (`unshare`, as root, as CI
runs), so nothing outside the test sees it. r2p runs inside that namespace (`nsenter`); the test looks
at the files through /proc/PID/root."""

from __future__ import annotations

import errno
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from test_files_and_commands import (
    beside,
    nobody_may_write,
    one_line,
    read_only,
    row_counts,
    run_r2p,
    sample_database,
    traversable,
    write_csv,
)

pytestmark = pytest.mark.slow  # each test mounts a disk and runs r2p in processes of its own

DISK_SIZE = "4m"
SLACK = 160 * 1024  # "runs out part way": room to open the file and start writing, not to finish


class SmallDisk:
    """A tmpfs at `mount_point`, seen only by processes in the namespace of the process `pid`."""

    def __init__(self, pid: int, mount_point: Path):
        self.pid, self.mount_point = pid, mount_point
        self.filler = mount_point / "filler"

    def seen(self, path: Path) -> Path:
        """`path` on the small disk, as the test (outside the namespace) reaches it."""
        return Path(f"/proc/{self.pid}/root{path}")

    def run(self, *args: str, data: Path) -> subprocess.CompletedProcess:
        env = {name: value for name, value in os.environ.items() if name != "R2P_DB"}
        env.update(R2P_DATA_DIR=str(data), R2P_USER="test-clerk")
        return subprocess.run(["nsenter", f"--target={self.pid}", "--mount", "--", sys.executable, "-m",
                               "r2p_desktop.cli", *args], env=env, cwd="/", capture_output=True, text=True,
                              timeout=300)

    def available(self) -> int:
        stats = os.statvfs(self.seen(self.mount_point))
        return stats.f_bavail * stats.f_frsize

    def fill(self, leave: int = 0) -> None:
        """Fill the disk to the last byte, then give back `leave` bytes."""
        with open(self.seen(self.filler), "wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 65536)
            except OSError as error:
                assert error.errno == errno.ENOSPC
            try:
                while True:
                    filler.write(b"\0" * 512)
            except OSError as error:
                assert error.errno == errno.ENOSPC
            if leave:
                filler.truncate(filler.tell() - leave)
        assert leave <= self.available() < leave + 64 * 1024

    def free(self) -> None:
        self.seen(self.filler).unlink()


@pytest.fixture
def small_disk(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("mounting a small disk needs root (CI runs the tests as root)")
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    holder = subprocess.Popen(
        ["unshare", "--mount", "--propagation", "private", "sh", "-c",
         f'mount -t tmpfs -o size={DISK_SIZE} tmpfs "$1" && echo mounted && exec sleep 3600', "sh",
         str(mount_point)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "mounted", holder.stderr.read()
        yield SmallDisk(holder.pid, mount_point)
    finally:
        holder.kill()
        holder.wait()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def counts(path: Path, scratch: Path) -> dict[str, int]:
    """Rows in every table of the closed database at `path` (SQLite resolves /proc/PID/root back to our
    own root, so it reads a copy made through it)."""
    copy = scratch / "look.sqlite"
    shutil.copyfile(path, copy)
    try:
        return row_counts(copy)
    finally:
        copy.unlink()


def big_csv(path: Path, rows: int = 300) -> Path:
    return write_csv(path, ["reference", "title", "question_text"],
                     *([f"WQ-{n}", f"Question {n}", f"Early warning {n}. " * 120] for n in range(rows)))


def database_on(disk: SmallDisk, made: Path) -> Path:
    """A committee database with records on the small disk (and the day's backup beside it), made in
    the folder `made` and copied over."""
    sample_database(made / "committee.sqlite", questions=20)
    shutil.copytree(made, disk.seen(disk.mount_point), dirs_exist_ok=True)
    return disk.mount_point / "committee.sqlite"


SPACE = {"no space left": 0, "space runs out part way": SLACK}


@pytest.mark.parametrize("space", SPACE, ids=lambda space: space.replace(" ", "-"))
@pytest.mark.parametrize("command", [["demo", "--questions", "50"], ["import", "questions", "{csv}"],
                                     ["backup"]], ids=lambda command: command[0])
def test_a_full_disk_is_reported_in_one_line_and_the_database_is_as_it_was(small_disk, tmp_path, command, space):
    data = tmp_path / "data"
    db = database_on(small_disk, tmp_path / "made")
    seen = small_disk.seen(db)
    backups = small_disk.seen(db.parent / "backups")
    before, backups_before = counts(seen, tmp_path), sorted(p.name for p in backups.iterdir())
    csv_file = big_csv(tmp_path / "questions.csv")
    small_disk.fill(leave=SPACE[space])

    result = small_disk.run(*[part.format(csv=csv_file) for part in command], "--db", str(db), data=data)

    assert result.returncode != 0
    line = one_line(result)
    assert "the disk is full" in line, line
    assert "damaged" not in line and "restore" not in line.lower()
    assert [side for side in beside(seen) if side.name.endswith("-wal") and side.stat().st_size] == []
    small_disk.free()  # the clerk makes room, then checks that nothing was half saved
    assert counts(seen, tmp_path) == before
    assert sorted(p.name for p in backups.iterdir()) == backups_before  # no partial backup left
    check = small_disk.run("check", "--db", str(db), data=data)
    assert check.returncode == 0, check.stdout + check.stderr
    assert counts(seen, tmp_path) == before


LAST_WEEK = b"reference,title\r\nWQ-1,Last week's export\r\n"


@pytest.mark.parametrize("space", {"no space left": 0, "space runs out part way": 8 * 1024},
                         ids=lambda space: space.replace(" ", "-"))
def test_an_export_onto_a_full_disk_is_reported_in_one_line_and_leaves_no_partial_file(
        small_disk, tmp_path, space):
    data, db = tmp_path / "data", sample_database(tmp_path / "committee.sqlite", questions=50)
    exports = small_disk.mount_point / "exports"
    small_disk.seen(exports).mkdir()
    old = small_disk.seen(exports / "questions.csv")
    old.write_bytes(LAST_WEEK)
    small_disk.fill(leave=8 * 1024 if space == "space runs out part way" else 0)

    result = small_disk.run("export", "questions", "--out", str(exports / "questions.csv"), "--db", str(db),
                            data=data)

    assert result.returncode != 0
    line = one_line(result)
    assert "the disk is full" in line, line
    assert sorted(p.name for p in small_disk.seen(exports).iterdir()) == ["questions.csv"]  # no .partial
    assert old.read_bytes() == LAST_WEEK


# --- a log that cannot be written ----------------------------------------------------------------------

def no_log_noise(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stderr and "Logging error" not in result.stderr, result.stderr


def test_a_log_on_a_full_device_never_puts_a_traceback_on_the_terminal(tmp_path):
    data, db = tmp_path / "data", tmp_path / "committee.sqlite"
    data.mkdir()
    (data / "r2p.log").symlink_to("/dev/full")  # every write to the log fails: no space left
    csv_file = big_csv(tmp_path / "questions.csv", rows=3)
    steps = [(["init"], 0), (["demo", "--questions", "5"], 0), (["import", "questions", str(csv_file)], 0),
             (["backup"], 0), (["check"], 0), (["demo", "--questions", "-1"], 1)]
    for args, code in steps:
        result = run_r2p(*args, "--db", str(db), data=data)
        no_log_noise(result)
        assert result.returncode == code, (args, result.stderr)
    with sqlite3.connect(read_only(db, immutable=True), uri=True) as raw:
        assert raw.execute("SELECT count(*) FROM questions").fetchone()[0] == 8
    assert (data / "r2p.log").is_symlink()


@pytest.mark.parametrize("folder", ["exists", "cannot be made"])
def test_a_data_folder_the_user_cannot_write_never_puts_a_traceback_on_the_terminal(tmp_path, folder):
    locked = tmp_path / "locked"
    locked.mkdir()
    data = locked if folder == "exists" else locked / "R2PDesktop"
    os.chmod(locked, 0o555)
    work = nobody_may_write(tmp_path / "work")
    traversable(work)
    db = work / "committee.sqlite"
    for args in (["init"], ["demo", "--questions", "5"], ["check"]):
        result = run_r2p(*args, "--db", str(db), data=data, as_nobody=True)
        no_log_noise(result)
        assert result.returncode == 0, (args, result.stderr)
    with sqlite3.connect(read_only(db, immutable=True), uri=True) as raw:
        assert raw.execute("SELECT count(*) FROM questions").fetchone()[0] == 5
    assert list(locked.iterdir()) == []
