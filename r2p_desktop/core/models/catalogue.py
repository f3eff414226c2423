"""The reference catalogue shipped with the application: loaded by migrations, never edited by users."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, EnumText, enum_check


class Actor(StrEnum):
    GOVERNMENT = "government"
    PARLIAMENT = "parliament"
    NHRI = "nhri"
    INTERNATIONAL = "international"


class RiskScope(StrEnum):
    ALL = "all"
    GENOCIDE = "genocide"
    CRIMES_AGAINST_HUMANITY = "crimes-against-humanity"
    WAR_CRIMES = "war-crimes"


class Pillar(Base):
    __tablename__ = "pillars"

    number: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")


class Source(Base):
    __tablename__ = "sources"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    year: Mapped[int | None] = mapped_column(Integer)


class Commitment(Base):
    __tablename__ = "commitments"
    __table_args__ = (enum_check("actor", Actor),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    source_code: Mapped[str] = mapped_column(ForeignKey("sources.code", ondelete="RESTRICT"))
    reference: Mapped[str] = mapped_column(String(80), default="")
    actor: Mapped[Actor] = mapped_column(EnumText(Actor, 20))
    pillar_number: Mapped[int] = mapped_column(ForeignKey("pillars.number", ondelete="RESTRICT"))
    category: Mapped[str] = mapped_column(String(40), default="")

    source: Mapped[Source] = relationship(lazy="joined")


class Instrument(Base):
    __tablename__ = "instruments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(Text)
    short_title: Mapped[str] = mapped_column(String(120))
    year: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")


class RiskFactor(Base):
    __tablename__ = "risk_factors"
    __table_args__ = (enum_check("applies_to", RiskScope),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[int] = mapped_column(Integer, unique=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    title: Mapped[str] = mapped_column(Text)
    applies_to: Mapped[RiskScope] = mapped_column(EnumText(RiskScope, 30))
    summary: Mapped[str] = mapped_column(Text, default="")
