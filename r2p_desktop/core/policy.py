"""The committee's policy, kept in the database and shared by everyone who opens it.

For now one choice: what a new record is marked when the clerk does not choose. Changing it is
written to the audit trail like any other change."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from . import audit
from .errors import ValidationError
from .models import Confidentiality, PolicySetting

DEFAULT_CONFIDENTIALITY = "default_confidentiality"
_CACHE_KEY = "policy.default_confidentiality"  # read once per session: an import creates many records


def default_confidentiality(session: Session) -> str:
    """The committee's default for new records (`committee` until someone sets it)."""
    cached = session.info.get(_CACHE_KEY)
    if cached is None:
        stored = session.scalar(select(PolicySetting.value).where(PolicySetting.name == DEFAULT_CONFIDENTIALITY))
        cached = session.info[_CACHE_KEY] = stored or Confidentiality.COMMITTEE.value
    return cached


def set_default_confidentiality(session: Session, level: str) -> None:
    """Make `level` the default for new records, in the session's transaction (ValidationError if unknown)."""
    if level not in Confidentiality._value2member_map_:
        choices = ", ".join(choice.value for choice in Confidentiality)
        raise ValidationError({DEFAULT_CONFIDENTIALITY: f"'{level}' is not one of: {choices}"})
    previous = default_confidentiality(session)
    setting = session.get(PolicySetting, DEFAULT_CONFIDENTIALITY)
    if setting is None:
        session.add(PolicySetting(name=DEFAULT_CONFIDENTIALITY, value=level))
    else:
        setting.value = level
    session.flush()
    session.info[_CACHE_KEY] = level
    if previous != level:
        audit.write_entries(session, [audit.Change("update", PolicySetting.__tablename__, 0, "",
                                                   DEFAULT_CONFIDENTIALITY, previous, level)],
                            session.info.get("user", "unknown"))
