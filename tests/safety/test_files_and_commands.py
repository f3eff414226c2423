"""What the `r2p` command leaves on disk, run as a clerk runs it (a process of its own, often as an
ordinary user): one self-contained .sqlite file once it exits, nothing made at a mistyped path, files that
are not ours refused untouched, no half-written leftovers kept for ever, and private files private."""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from migrated_template import migrated_copy
from safety_helpers import fill
from sqlalchemy import func, select

from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records
from r2p_desktop.paths import backup_dir_for
from r2p_desktop.sample_data import generate_demo

NOBODY = 65534
AS_NOBODY = ["setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"]
TWO_HOURS_AGO = time.time() - 2 * 3600


# --- running r2p as a clerk does ------------------------------------------------------------------------

def run_r2p(*args: str, data: Path, as_nobody: bool = False, umask: int | None = None
            ) -> subprocess.CompletedProcess:
    """`r2p ARGS` in a process of its own with `data` as its data folder; as user nobody when asked (and
    when we are root: an ordinary user is already one whom file permissions stop)."""
    env = {name: value for name, value in os.environ.items() if name != "R2P_DB"}
    env.update(R2P_DATA_DIR=str(data), R2P_USER="test-clerk")
    prefix = AS_NOBODY if as_nobody and os.geteuid() == 0 else []
    if prefix:  # nobody may not read the run's bytecode folder, and would compile every library at each
        del env["PYTHONPYCACHEPREFIX"]  # start (two seconds): the installed bytecode, as a clerk's copy uses
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return subprocess.run([*prefix, sys.executable, "-m", "r2p_desktop.cli", *args], env=env, cwd="/",
                          capture_output=True, text=True, timeout=300, umask=-1 if umask is None else umask)


def one_line(result: subprocess.CompletedProcess) -> str:
    """The single line a refusal prints on stderr (no traceback, no driver dump)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return lines[0]


def traversable(path: Path) -> None:
    """Let user nobody walk down to `path` (pytest makes its temporary folders 0700)."""
    top = Path(tempfile.gettempdir()).resolve()
    for folder in [path, *path.parents]:
        if folder == top or top not in folder.parents:
            break
        os.chmod(folder, 0o755)


def nobody_may_write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() == 0:
        os.chown(folder, NOBODY, NOBODY)
    return folder


def beside(path: Path) -> list[Path]:
    """The -wal and -shm files SQLite keeps beside `path`, where they exist."""
    return [side for side in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
            if side.exists()]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_only(path: Path, *, immutable: bool = False) -> str:
    """A URI for plain sqlite3 that reads `path` (a name with % ? # in it too) and never writes it."""
    return f"file:{quote(str(path))}?mode=ro" + ("&immutable=1" if immutable else "")


def row_counts(path: Path) -> dict[str, int]:
    """Rows in every table of the SQLite file, read with plain sqlite3 (through any log beside it)."""
    with sqlite3.connect(read_only(path, immutable=True), uri=True) as raw:
        tables = [row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {table: raw.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


def question_count(path: Path) -> int:
    with sqlite3.connect(read_only(path, immutable=True), uri=True) as raw:
        return raw.execute("SELECT count(*) FROM questions").fetchone()[0]


def write_csv(path: Path, header: list[str], *rows: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([header, *rows])
    return path


def made_database(path: Path, questions: int = 5) -> Path:
    database = open_database(str(migrated_copy(path)))
    fill(database, questions)
    database.dispose()
    return path


def sample_database(path: Path, questions: int) -> Path:
    """What `r2p init` then `r2p demo --questions N` leave at `path`: the sample records, and the day's
    backup beside the file. Made in this process, for tests whose subject is the command that follows
    (two commands of their own would cost a second and a half)."""
    database = open_database(str(migrated_copy(path)), backup_dir=backup_dir_for(path))
    with database.session() as session:
        generate_demo(session, questions=questions)
        session.commit()
    database.dispose()
    return path


# --- 1. a closed database is one self-contained file ----------------------------------------------------

@pytest.mark.slow
def test_after_each_command_exits_the_sqlite_file_alone_holds_every_record(tmp_path):
    data, db = tmp_path / "data", tmp_path / "committee.sqlite"
    good = write_csv(tmp_path / "good.csv", ["reference", "title", "question_text"],
                     ["WQ-901", "Housing", "Early warning " * 50], ["WQ-902", "Schools", "Atrocity prevention"],
                     ["WQ-903", "Roads", "Hate speech"])
    bad = write_csv(tmp_path / "bad.csv", ["reference", "title", "date_tabled"],
                    ["WQ-904", "Fine", "2026-01-01"], ["WQ-905", "Bad date", "1st March"])
    steps = [  # command, exit code, questions the file must hold afterwards
        (["init"], 0, 0),
        (["demo", "--questions", "50"], 0, 50),
        (["import", "questions", str(good)], 0, 53),
        (["import", "questions", str(bad)], 1, 53),  # fails after opening the database
        (["check"], 0, 53),
    ]
    for args, code, questions in steps:
        result = run_r2p(*args, "--db", str(db), data=data)
        assert result.returncode == code, (args, result.stderr)
        assert not [side for side in beside(db) if side.name.endswith("-wal") and side.stat().st_size], args
        copy = tmp_path / "copy.sqlite"
        shutil.copyfile(db, copy)  # what a clerk copies to a USB stick: the .sqlite file only
        assert question_count(copy) == questions, args
        assert row_counts(copy) == row_counts(db), args
        with sqlite3.connect(copy) as raw:
            assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok", args
        copy.unlink()


# --- 3. a mistyped path is never a new database; a path is taken literally -------------------------------

MISSING_COMMANDS = [
    ["demo", "--questions", "3"],
    ["backup"],
    ["check"],
    ["export", "questions", "--out", "{tmp}/questions.csv"],
    ["search", "x"],
    ["settings"],
]


@pytest.mark.parametrize("command", MISSING_COMMANDS, ids=lambda command: "-".join(command[:2]))
@pytest.mark.parametrize("where", ["missing folder", "missing file"])
def test_a_command_on_a_missing_database_refuses_naming_it_and_creates_nothing(tmp_path, command, where):
    missing = (tmp_path / "Committe Records" / "committee.sqlite" if where == "missing folder"
               else tmp_path / "comittee.sqlite")
    data = tmp_path / "data"
    data.mkdir()
    before = sorted(tmp_path.rglob("*"))

    result = run_r2p(*[part.format(tmp=tmp_path) for part in command], "--db", str(missing), data=data)

    assert result.returncode != 0
    line = one_line(result)
    assert str(missing) in line and "no database" in line
    assert sorted(p for p in tmp_path.rglob("*") if not p.is_relative_to(data)) == \
        [p for p in before if not p.is_relative_to(data)]  # no folder, no file, no backups, no export


def test_init_creates_the_database_and_its_missing_folder(tmp_path):
    new = tmp_path / "Committee Records" / "2026" / "committee.sqlite"
    result = run_r2p("init", "--db", str(new), data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert question_count(new) == 0 and row_counts(new)["pillars"] > 0


ODD_FOLDER, ODD_NAME = "Committee%20Records", "r2p%41?#.sqlite"


@pytest.mark.slow
def test_a_file_name_with_percent_question_mark_and_hash_is_used_exactly_as_given(tmp_path):
    from r2p_desktop.__main__ import _open_database
    from r2p_desktop.core.database import run_opening_checks

    data, folder = tmp_path / "data", tmp_path / ODD_FOLDER
    db = folder / ODD_NAME
    assert run_r2p("init", "--db", str(db), data=data).returncode == 0
    assert run_r2p("demo", "--questions", "7", "--db", str(db), data=data).returncode == 0
    assert question_count(db) == 7
    result = run_r2p("backup", "--db", str(db), data=data)
    assert result.returncode == 0, result.stderr
    [manual] = (folder / "backups").glob("r2p%41?#-manual-*.sqlite")
    assert question_count(manual) == 7
    assert run_r2p("demo", "--questions", "2", "--db", str(db), data=data).returncode == 0
    assert question_count(db) == 9
    result = run_r2p("restore", str(manual), "--yes", "--db", str(db), data=data)
    assert result.returncode == 0, result.stderr
    assert question_count(db) == 7

    opened = _open_database(str(db))  # the window's way of opening a file, and its checks once it shows
    try:
        assert opened.path == db and opened.describe() == str(db)
        assert run_opening_checks(opened).damage is None
        with opened.read_session() as session:
            assert session.scalar(select(func.count()).select_from(Question)) == 7
    finally:
        opened.dispose()

    assert not (tmp_path / "Committee Records").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["data", ODD_FOLDER])
    assert sorted(p.name for p in folder.iterdir()) == sorted(["attachments", "backups", ODD_NAME])


def test_a_sqlite_url_is_still_a_url(tmp_path):
    target = tmp_path / "by url.sqlite"
    result = run_r2p("init", "--db", f"sqlite:///{target}", data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert question_count(target) == 0
    result = run_r2p("demo", "--questions", "3", "--db", f"sqlite:///{target}", data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert question_count(target) == 3
    assert not any("sqlite:" in p.name for p in tmp_path.rglob("*"))


# --- 10. files that are not what they seem ----------------------------------------------------------------

@pytest.mark.parametrize("command", [["demo", "--questions", "3"], ["check"]], ids=lambda c: c[0])
def test_a_zero_byte_file_is_refused_and_left_empty(tmp_path, command):
    empty = tmp_path / "committee.sqlite"
    empty.touch()
    result = run_r2p(*command, "--db", str(empty), data=tmp_path / "data")
    assert result.returncode != 0
    line = one_line(result)
    assert str(empty) in line and "empty" in line
    assert empty.stat().st_size == 0 and beside(empty) == []
    assert not (tmp_path / "backups").exists()


def test_init_makes_a_zero_byte_file_a_database(tmp_path):
    empty = tmp_path / "committee.sqlite"
    empty.touch()
    result = run_r2p("init", "--db", str(empty), data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert question_count(empty) == 0 and row_counts(empty)["pillars"] > 0


def another_programs_database(path: Path) -> Path:
    """A SQLite file of an accounting program that happens to use Alembic too."""
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        raw.execute("INSERT INTO alembic_version VALUES ('3f1c2a9b7d10')")
        raw.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, customer TEXT, amount REAL)")
        raw.executemany("INSERT INTO invoices (customer, amount) VALUES (?, ?)",
                        [(f"Customer {n}", n * 10.5) for n in range(200)])
    raw.close()
    return path


@pytest.mark.parametrize("command", [["init"], ["demo", "--questions", "3"], ["check"], ["search", "x"]],
                         ids=lambda c: c[0])
def test_another_programs_database_with_its_own_alembic_version_is_not_ours_and_left_untouched(
        tmp_path, command):
    foreign = another_programs_database(tmp_path / "accounts.sqlite")
    before = digest(foreign)
    result = run_r2p(*command, "--db", str(foreign), data=tmp_path / "data")
    assert result.returncode != 0
    line = one_line(result)
    assert "not an R2P Desktop database" in line and "newer" not in line
    assert digest(foreign) == before and beside(foreign) == []


def newer_database(path: Path) -> Path:
    """An R2P database, in WAL mode, written by a version with a migration this one does not know."""
    made_database(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        raw.execute("UPDATE alembic_version SET version_num = '9999_future'")
    raw.close()
    assert beside(path) == []
    return path


@pytest.mark.parametrize("command", [["init"], ["demo", "--questions", "3"], ["check"], ["backup"]],
                         ids=lambda c: c[0])
def test_a_database_from_a_newer_version_is_refused_without_a_wal_or_shm_beside_it(tmp_path, command):
    newer = newer_database(tmp_path / "committee.sqlite")
    before = digest(newer)
    result = run_r2p(*command, "--db", str(newer), data=tmp_path / "data")
    assert result.returncode != 0
    line = one_line(result)
    assert "newer version" in line and "9999_future" in line
    assert digest(newer) == before and beside(newer) == []


def read_only_archive(tmp_path: Path) -> Path:
    """A sound database, readable by everyone, in a folder user nobody cannot write."""
    folder = tmp_path / "archive"
    folder.mkdir()
    db = made_database(folder / "committee.sqlite", questions=5)
    os.chmod(db, 0o644)
    os.chmod(folder, 0o555)
    traversable(folder)
    return db


def test_a_database_in_a_folder_the_user_cannot_write_is_checked_as_read_only(tmp_path):
    db = read_only_archive(tmp_path)
    before = digest(db)
    data = nobody_may_write(tmp_path / "nobody-data")
    traversable(data)
    result = run_r2p("check", "--db", str(db), data=data, as_nobody=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "FAIL" not in result.stdout and "ok    integrity: ok" in result.stdout
    assert digest(db) == before and beside(db) == []


def test_a_change_to_a_database_in_a_folder_the_user_cannot_write_is_refused_as_read_only(tmp_path):
    db = read_only_archive(tmp_path)
    before = digest(db)
    data = nobody_may_write(tmp_path / "nobody-data")
    traversable(data)
    result = run_r2p("demo", "--questions", "3", "--db", str(db), data=data, as_nobody=True)
    assert result.returncode != 0
    line = one_line(result)
    assert "read-only" in line and f"cannot write to its folder {db.parent}" in line
    assert "damaged" not in line and "restore a backup" not in line.lower()
    assert digest(db) == before and beside(db) == [] and question_count(db) == 5


def damage_page(path: Path, table: str) -> Path:
    """Overwrite one of `table`'s data pages, as a failing disk would (compare tests/file_damage.py)."""
    with sqlite3.connect(read_only(path, immutable=True), uri=True) as raw:
        page_size = raw.execute("PRAGMA page_size").fetchone()[0]
        pages = [row[0] for row in raw.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno", (table,))]
    raw.close()
    page = pages[len(pages) // 2]
    data = bytearray(path.read_bytes())
    data[(page - 1) * page_size:page * page_size] = b"\xa5" * page_size
    path.write_bytes(bytes(data))
    return path


@pytest.mark.slow
@pytest.mark.parametrize("command", [["init"], ["export", "questions", "--out", "{tmp}/questions.csv"]],
                         ids=lambda c: c[0])
def test_a_damaged_data_page_is_reported_as_damage_in_one_line(tmp_path, command):
    db = made_database(tmp_path / "committee.sqlite", questions=400)
    damage_page(db, "questions")
    before = digest(db)
    result = run_r2p(*[part.format(tmp=tmp_path) for part in command], "--db", str(db), data=tmp_path / "data")
    assert result.returncode != 0
    line = one_line(result)
    assert "is damaged" in line and "restore" in line.lower()
    for leak in ("sqlite://", "sqlalche.me", "http", "(sqlite3."):
        assert leak not in line
    assert digest(db) == before and beside(db) == []
    assert not (tmp_path / "questions.csv").exists()


# --- 12. leftovers of killed writes -------------------------------------------------------------------------

def leftovers(folder: Path, *names: str) -> tuple[Path, Path]:
    """A partial file a killed write left two hours ago, and one a write in progress has just made."""
    folder.mkdir(parents=True, exist_ok=True)
    stale, fresh = (folder / name for name in names)
    stale.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    fresh.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    os.utime(stale, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    return stale, fresh


def test_stale_partial_backups_are_removed_when_the_database_is_opened(tmp_path):
    db = made_database(tmp_path / "committee.sqlite")
    stale, fresh = leftovers(tmp_path / "backups", "committee-daily-20260101-090000-000000.sqlite.partial",
                             "committee-manual-20260101-090001-000000.sqlite.partial")
    # Someone else's unfinished downloads beside the database, however old, are not ours to remove.
    theirs, _ = leftovers(tmp_path, "minutes.pdf.partial", "agenda.docx.partial")
    other_database, _ = leftovers(tmp_path / "backups", "other-daily-20260101-090000-000000.sqlite.partial",
                                  "other-daily-20260101-090001-000000.sqlite.partial")
    result = run_r2p("search", "x", "--db", str(db), data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and fresh.exists()
    assert theirs.exists() and other_database.exists()


def test_stale_partial_backups_are_removed_when_a_backup_is_rotated(tmp_path):
    from r2p_desktop.core import backup

    db = made_database(tmp_path / "committee.sqlite")
    stale, fresh = leftovers(tmp_path / "backups", "committee-close-20260101-090000-000000.sqlite.partial",
                             "committee-daily-20260101-090001-000000.sqlite.partial")
    backup.take_backup(db, "manual")  # a backup of the file, without opening it as a database
    assert not stale.exists() and fresh.exists()
    stale.write_bytes(b"left by a killed backup")
    os.utime(stale, (TWO_HOURS_AGO, TWO_HOURS_AGO))
    result = run_r2p("backup", "--db", str(db), data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and fresh.exists()


@pytest.mark.slow
def test_a_stale_partial_export_is_removed_when_the_export_writes_the_same_file_again(tmp_path):
    db = made_database(tmp_path / "committee.sqlite")
    exports = tmp_path / "exports"
    stale, fresh = leftovers(exports, ".questions.csv.k3j9x2a1.partial", ".questions.csv.p0q8w7e6.partial")
    other, _ = leftovers(exports, ".agenda.csv.z1y2x3w4.partial", ".agenda.csv.v5u6t7s8.partial")
    result = run_r2p("export", "questions", "--out", str(exports / "questions.csv"), "--db", str(db),
                     data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    assert not stale.exists() and fresh.exists()
    assert other.exists()  # another file's leftover is removed when that file is written again
    assert sorted(p.name for p in exports.iterdir() if not p.name.endswith(".partial")) == ["questions.csv"]


# --- 13. private files private, shared files shared -----------------------------------------------------------

def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


HOLD_OPEN = """\
import sys
from r2p_desktop.core.database import open_database
from r2p_desktop.core.models import Question
from r2p_desktop.core.services import records
database = open_database(sys.argv[1])
with database.session() as session:
    records.create(session, Question, {"title": "Held open"})
    session.commit()
print("open", flush=True)
sys.stdin.readline()
database.dispose()
"""


@pytest.mark.slow
@pytest.mark.parametrize("umask", [0o022, 0o000], ids=["umask-022", "umask-000"])
def test_the_database_its_log_files_backups_and_the_data_folder_are_private_whatever_the_umask(
        tmp_path, umask):
    data = tmp_path / "data"  # the clerk's data folder, made by the first command; the database lives in it
    assert run_r2p("init", data=data, umask=umask).returncode == 0
    assert run_r2p("demo", "--questions", "5", data=data, umask=umask).returncode == 0
    result = run_r2p("backup", data=data, umask=umask)
    assert result.returncode == 0, result.stderr
    db = data / "r2p.sqlite"
    assert mode(data) == 0o700 and mode(db) == 0o600
    assert mode(data / "r2p.log") == 0o600
    assert mode(data / "backups") == 0o700
    kept = sorted(p for p in (data / "backups").iterdir() if p.is_file())
    assert {p.name.split("-")[1] for p in kept} == {"daily", "manual"}
    assert all(mode(p) == 0o600 for p in kept), {p.name: oct(mode(p)) for p in kept}
    # The sample's attached files, beside the database and beside its backups: folders only the clerk
    # opens, each file read-only to the clerk alone.
    for store in (data / "attachments", data / "backups" / "attachments"):
        folders = [store, *(p for p in store.rglob("*") if p.is_dir())]
        files = [p for p in store.rglob("*") if p.is_file()]
        assert len(files) == 2 and all(mode(p) == 0o400 for p in files), {p.name: oct(mode(p)) for p in files}
        assert all(mode(p) == 0o700 for p in folders), {str(p): oct(mode(p)) for p in folders}

    env = dict(os.environ, R2P_DATA_DIR=str(data))
    holder = subprocess.Popen([sys.executable, "-c", HOLD_OPEN, str(db)], env=env, umask=umask, text=True,
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == "open"
        sides = beside(db)
        assert sorted(p.name for p in sides) == ["r2p.sqlite-shm", "r2p.sqlite-wal"]
        assert all(mode(p) == 0o600 for p in sides), {p.name: oct(mode(p)) for p in sides}
    finally:
        holder.communicate("\n", timeout=60)
    assert holder.returncode == 0


@pytest.mark.slow
@pytest.mark.parametrize("umask", [0o022, 0o000], ids=["umask-022", "umask-000"])
def test_exports_for_sharing_follow_the_umask(tmp_path, umask):
    data, db = tmp_path / "data", sample_database(tmp_path / "committee.sqlite", questions=20)
    shared = tmp_path / "shared"
    shared.mkdir()
    pack, sheet = shared / "briefing.pdf", shared / "questions.csv"

    result = run_r2p("export", "briefing", "--out", str(pack), "--db", str(db), data=data, umask=umask)
    assert result.returncode == 0, result.stderr
    result = run_r2p("export", "questions", "--out", str(sheet), "--db", str(db), data=data, umask=umask)
    assert result.returncode == 0, result.stderr

    assert pack.read_bytes().startswith(b"%PDF")
    assert sheet.read_text(encoding="utf-8-sig").startswith("reference,")
    assert {p.name: oct(mode(p)) for p in (pack, sheet)} == {
        p.name: oct(0o666 & ~umask) for p in (pack, sheet)}


@pytest.mark.slow
def test_a_csv_export_holding_restricted_records_stays_private(tmp_path):
    data, db = tmp_path / "data", tmp_path / "committee.sqlite"
    database = open_database(str(migrated_copy(db)))
    with database.session() as session:
        records.create(session, Question, {"title": "Witness protection", "confidentiality": "restricted"})
        records.create(session, Question, {"title": "Housing", "confidentiality": "public"})
        session.commit()
    database.dispose()
    sheet = tmp_path / "everything.csv"

    result = run_r2p("export", "questions", "--audience", "all", "--out", str(sheet), "--db", str(db),
                     data=data, umask=0o022)
    assert result.returncode == 0, result.stderr
    assert "Witness protection" in sheet.read_text(encoding="utf-8-sig")
    assert mode(sheet) == 0o600
