"""The reference catalogue: loaded from the TOML files under resources/catalogue by upsert on stable
codes, so loading twice changes nothing, and listed for the `r2p catalogue` command and the views."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import paths
from .models import Commitment, Instrument, Pillar, RiskFactor, Source
from .values import Values

# file name, TOML array name, model, the field that identifies an entry
_FILES = (
    ("pillars.toml", "pillar", Pillar, "number"),
    ("sources.toml", "source", Source, "code"),
    ("commitments.toml", "commitment", Commitment, "code"),
    ("instruments.toml", "instrument", Instrument, "code"),
    ("risk_factors.toml", "risk_factor", RiskFactor, "code"),
)
_RENAMED = {"source": "source_code", "pillar": "pillar_number"}  # commitment file keys -> columns


def read_catalogue_files() -> dict[str, list[Values]]:
    """The shipped catalogue entries by kind, as plain dictionaries of column values."""
    entries = {}
    for file_name, array, _model, _key in _FILES:
        with paths.resource("catalogue", file_name).open("rb") as handle:
            raw = tomllib.load(handle).get(array, [])
        entries[array] = [{_RENAMED.get(k, k) if array == "commitment" else k: v for k, v in e.items()}
                          for e in raw]
    return entries


def load_catalogue(session: Session) -> dict[str, int]:
    """Insert new catalogue entries and update changed ones; return how many rows changed per kind."""
    changed = {}
    files = read_catalogue_files()
    for _file_name, array, model, key in _FILES:
        existing = {getattr(row, key): row for row in session.scalars(select(model))}
        count = 0
        for values in files[array]:
            row = existing.get(values[key])
            if row is None:
                session.add(model(**values))
                count += 1
            elif any(getattr(row, field) != value for field, value in values.items()):
                for field, value in values.items():
                    setattr(row, field, value)
                count += 1
        session.flush()  # parents (pillars, sources) before the rows that refer to them
        changed[array] = count
    return changed


@dataclass(frozen=True)
class CommitmentEntry:
    id: int
    code: str
    title: str
    summary: str
    source: str
    reference: str
    actor: str
    pillar: int
    category: str


def list_commitments(session: Session) -> list[CommitmentEntry]:
    rows = session.scalars(select(Commitment).order_by(Commitment.code))
    return [
        CommitmentEntry(c.id, c.code, c.title, c.summary, c.source_code, c.reference, c.actor,
                        c.pillar_number, c.category)
        for c in rows
    ]


def list_instruments(session: Session) -> list[Values]:
    rows = session.scalars(select(Instrument).order_by(Instrument.year, Instrument.id))
    return [{"id": i.id, "code": i.code, "short_title": i.short_title, "title": i.title, "year": i.year}
            for i in rows]


def list_risk_factors(session: Session) -> list[Values]:
    rows = session.scalars(select(RiskFactor).order_by(RiskFactor.number))
    return [{"id": r.id, "number": r.number, "code": r.code, "title": r.title, "applies_to": r.applies_to}
            for r in rows]


def list_pillars(session: Session) -> list[Values]:
    return [{"number": p.number, "title": p.title} for p in session.scalars(select(Pillar).order_by(Pillar.number))]
