"""Every test gets its own data folder and a fresh SQLite file migrated to the newest schema (a copy of
one migrated per session: see migrated_template.py)."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

import pytest
from hypothesis import configuration as hypothesis_configuration
from hypothesis import settings as hypothesis_settings
from migrated_template import make_template, migrated_copy

from r2p_desktop import cli
from r2p_desktop.core.database import open_database

# No example database in the checkout, nor one shared by parallel workers; Hypothesis's other files in a
# temporary folder of this process's own, set before its plugin first writes (at the session's start).
hypothesis_settings.register_profile("r2p", database=None)
hypothesis_settings.load_profile("r2p")
_hypothesis_home = tempfile.mkdtemp(prefix="r2p-tests-hypothesis-")
hypothesis_configuration.set_hypothesis_home_dir(_hypothesis_home)
atexit.register(shutil.rmtree, _hypothesis_home, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def child_bytecode_folder(tmp_path_factory):
    """The `r2p` processes the tests start compile the program once per test run instead of at every
    start (this machine sets PYTHONDONTWRITEBYTECODE), keeping the bytecode in a temporary folder that
    the parallel workers share (Python replaces a bytecode file in one step, so they may race)."""
    run_folder = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        run_folder = run_folder.parent  # each worker's folder sits in the run's
    bytecode = run_folder / "bytecode"
    bytecode.mkdir(exist_ok=True)
    with pytest.MonkeyPatch.context() as environment:
        environment.setenv("PYTHONPYCACHEPREFIX", str(bytecode))
        environment.delenv("PYTHONDONTWRITEBYTECODE", raising=False)
        yield


@pytest.fixture(scope="session", autouse=True)
def database_template(tmp_path_factory):
    """The migrated database that tests copy, made before any test changes the environment."""
    return make_template(tmp_path_factory.mktemp("template"))


@pytest.fixture(autouse=True)
def isolated_data_folder(tmp_path, monkeypatch):
    """Keep tests out of the user's data folder and make the acting user predictable."""
    folder = tmp_path / "data"
    monkeypatch.setenv("R2P_DATA_DIR", str(folder))
    monkeypatch.delenv("R2P_DB", raising=False)
    monkeypatch.setenv("R2P_USER", "test-clerk")
    return folder


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "committee.sqlite"


@pytest.fixture
def database(db_path):
    db = open_database(str(migrated_copy(db_path)))
    yield db
    db.dispose()


@pytest.fixture
def session(database):
    with database.session() as s:
        yield s


class CliResult:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def r2p(capsys, db_path):
    """Run the `r2p` command in-process against the test database, which exists (as after `r2p init`)
    unless the first command is `init` itself; returns exit code and output. Tests of a missing
    database name another file with `db=` or `--db`."""

    def run(*args: str, db: str | None = None) -> CliResult:
        argv = list(args)
        if "--db" not in argv and args[0] not in ("--version",):
            argv += ["--db", db or str(db_path)]
            if db is None and args[0] != "init" and not db_path.exists():
                migrated_copy(db_path)
        try:
            code = cli.main(argv)
        except SystemExit as stop:  # argparse usage errors
            code = stop.code
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
