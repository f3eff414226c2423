"""Where things live: the user's data folder and the files shipped with the application.

This is the only module that knows the difference between a source checkout, an installed
package and a frozen (PyInstaller) bundle.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

from .core.safe_file import private_folder

APP_DIR_NAME = "R2PDesktop"
DB_ENV = "R2P_DB"
DATA_ENV = "R2P_DATA_DIR"
DEFAULT_DB_NAME = "r2p.sqlite"


def data_dir() -> Path:
    """The folder holding the committee's database, backups and logs (created on demand, private)."""
    override = os.environ.get(DATA_ENV)
    folder = Path(override) if override else Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    return private_folder(folder)


def default_database() -> str:
    """The database to open when none is named: `R2P_DB`, else a file in the data folder."""
    return os.environ.get(DB_ENV) or str(data_dir() / DEFAULT_DB_NAME)


def backup_dir_for(database_file: Path | None) -> Path | None:
    """Automatic backups of a SQLite file sit in a `backups` folder beside it; a server database has none."""
    return Path(database_file).expanduser().resolve().parent / "backups" if database_file else None


@cache
def _shipped_root() -> Path:
    here = Path(__file__).resolve().parent
    candidates = []
    if getattr(sys, "frozen", False):
        candidates.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)))
    candidates += [here, here.parent]  # installed wheel: inside the package; checkout: beside it
    for root in candidates:
        if (root / "resources" / "catalogue").is_dir() and (root / "db" / "env.py").is_file():
            return root
    raise FileNotFoundError(
        "R2P Desktop's resources and migrations were not found next to the program; reinstall it."
    )


def resource(*parts: str) -> Path:
    """A file shipped under `resources/`."""
    return _shipped_root().joinpath("resources", *parts)


def migrations_dir() -> Path:
    """The Alembic environment (`db/`)."""
    return _shipped_root() / "db"
