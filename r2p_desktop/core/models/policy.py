"""The committee's policy: choices that hold for everyone who opens the database, one row per setting."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from .base import Base


class PolicySetting(Base):
    __tablename__ = "committee_policy"

    name: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
