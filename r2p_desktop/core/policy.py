"""The committee's policy, kept in the database and shared by everyone who opens it.

Two choices so far: what a new record is marked when the clerk does not choose, and how many months
after it was given a government undertaking is due unless the clerk sets a date. Each is a `Setting`
(its stored name, its default and what it accepts); changing one is written to the audit trail like
any other change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .errors import ValidationError
from .models import Confidentiality, PolicySetting

DEFAULT_CONFIDENTIALITY = "default_confidentiality"
UNDERTAKING_DUE_MONTHS = "undertaking_due_months"
MONTHS_RANGE = (1, 36)


@dataclass(frozen=True)
class Setting:
    """One choice of the committee's: stored as text under `name`, `default` until someone sets it.
    `problem` says what is wrong with a value offered (None when it is acceptable)."""

    name: str
    default: str
    problem: Callable[[str], str | None]

    @property
    def cache_key(self) -> str:  # read once per session: an import creates many records
        return f"policy.{self.name}"


def _confidentiality_problem(value: str) -> str | None:
    if value in Confidentiality._value2member_map_:
        return None
    return f"'{value}' is not one of: {', '.join(choice.value for choice in Confidentiality)}"


def _months_problem(value: str) -> str | None:
    low, high = MONTHS_RANGE
    if value.isdigit() and low <= int(value) <= high:
        return None
    return f"'{value}' is not a number of months from {low} to {high}"


CONFIDENTIALITY = Setting(DEFAULT_CONFIDENTIALITY, Confidentiality.COMMITTEE.value, _confidentiality_problem)
DUE_MONTHS = Setting(UNDERTAKING_DUE_MONTHS, "3", _months_problem)


def read(session: Session, setting: Setting) -> str:
    """The setting's value as stored (its default until someone sets it)."""
    cached = session.info.get(setting.cache_key)
    if cached is None:
        stored = session.scalar(select(PolicySetting.value).where(PolicySetting.name == setting.name))
        cached = session.info[setting.cache_key] = stored or setting.default
    return str(cached)


def write(session: Session, setting: Setting, value: str) -> None:
    """Make `value` the setting's value, in the session's transaction (ValidationError naming the
    setting if it does not accept it); the change is audited."""
    problem = setting.problem(value)
    if problem:
        raise ValidationError({setting.name: problem})
    previous = read(session, setting)
    stored = session.get(PolicySetting, setting.name)
    if stored is None:
        session.add(PolicySetting(name=setting.name, value=value))
    else:
        stored.value = value
    session.flush()
    session.info[setting.cache_key] = value
    if previous != value:
        audit.write_entries(session, [audit.Change("update", PolicySetting.__tablename__, 0, "",
                                                   setting.name, previous, value)],
                            session.info.get("user", "unknown"))


# People and bodies are public facts (members, ministries): they are created public unless the clerk
# marks them, so a public question keeps its asker and its ministry. A committee whose default is
# `restricted` keeps that for them too: it has chosen that nothing new is seen until someone decides.
PUBLIC_BY_NATURE = frozenset({"people", "bodies"})


def default_confidentiality(session: Session, model: type | None = None) -> str:
    """The committee's default for new records of `model` (`committee` until someone sets it); for
    people and bodies (PUBLIC_BY_NATURE), public unless the default is `restricted`."""
    level = read(session, CONFIDENTIALITY)
    if getattr(model, "__tablename__", None) in PUBLIC_BY_NATURE and level != Confidentiality.RESTRICTED.value:
        return Confidentiality.PUBLIC.value
    return level


def set_default_confidentiality(session: Session, level: str) -> None:
    """Make `level` the default for new records, in the session's transaction (ValidationError if unknown)."""
    write(session, CONFIDENTIALITY, level)


def undertaking_due_months(session: Session) -> int:
    """How many months after it was given an undertaking is due by default (3 until someone sets it)."""
    return int(read(session, DUE_MONTHS))


def set_undertaking_due_months(session: Session, months: int) -> None:
    """Make undertakings due `months` after they were given by default (ValidationError outside 1 to 36)."""
    write(session, DUE_MONTHS, str(months))
