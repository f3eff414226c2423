"""An empty database migrated to head, made once per test session (per xdist worker) and copied for each
test that needs one: migrating costs up to a second, copying a few milliseconds. Tests of creating or
migrating a database still make their own."""

from __future__ import annotations

import shutil
from pathlib import Path

from r2p_desktop.core.database import open_database
from r2p_desktop.core.safe_file import create_private_file, private_folder

_template: Path | None = None  # made by tests/conftest.py at the start of the session


def make_template(folder: Path) -> Path:
    """Make this session's template in `folder`: created, migrated and closed (so checkpointed, the
    .sqlite file alone holds everything)."""
    global _template
    made = Path(folder) / "migrated.sqlite"
    open_database(str(made), create=True).dispose()
    _template = made
    return made


def migrated_copy(path) -> Path:
    """Put an empty database migrated to head at `path` (a new file, private as open_database makes it);
    return `path`."""
    assert _template is not None, "tests/conftest.py makes the template at the start of the session"
    path = Path(path)
    private_folder(path.parent)
    create_private_file(path)
    shutil.copyfile(_template, path)
    return path
