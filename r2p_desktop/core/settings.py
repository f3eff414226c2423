"""The few choices a clerk makes for this computer, in `settings.json` in the data folder.

Only what the core needs lives here (window state belongs to QSettings). A missing or unreadable
file means the defaults; writing replaces the file whole, so it is never left half written.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from .. import paths
from .errors import ValidationError
from .models import Confidentiality
from .safe_file import replaced_on_success

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.json"


@dataclass(frozen=True)
class Settings:
    # What a new record is marked when the clerk does not choose.
    default_confidentiality: str = Confidentiality.COMMITTEE.value


def settings_path() -> Path:
    return paths.data_dir() / SETTINGS_FILE


def _validated(values: dict) -> Settings:
    known = {f.name for f in fields(Settings)}
    settings = Settings(**{k: v for k, v in values.items() if k in known})
    if settings.default_confidentiality not in Confidentiality._value2member_map_:
        choices = ", ".join(level.value for level in Confidentiality)
        raise ValidationError({"default_confidentiality":
                               f"'{settings.default_confidentiality}' is not one of: {choices}"})
    return settings


def load() -> Settings:
    """The saved settings, or the defaults where the file is missing or cannot be read."""
    path = settings_path()
    try:
        return _validated(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        return Settings()
    except (OSError, ValueError, TypeError) as error:
        log.warning("ignoring unreadable settings file %s: %s", path, type(error).__name__)
        return Settings()


def save(**changes) -> Settings:
    """Change the named settings (unknown or invalid values raise ValidationError) and save them."""
    unknown = set(changes) - {f.name for f in fields(Settings)}
    if unknown:
        raise ValidationError({name: "is not a setting" for name in sorted(unknown)})
    settings = _validated(asdict(replace(load(), **changes)))
    path = settings_path()
    with replaced_on_success(path) as partial:
        partial.write_text(json.dumps(asdict(settings), indent=2) + "\n", encoding="utf-8")
    return settings
