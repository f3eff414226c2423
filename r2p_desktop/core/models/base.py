"""Declarative base, constraint naming, and the columns every user record carries."""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Dialect,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    inspect,
)
from sqlalchemy.exc import DontWrapMixin
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.sql import FromClause
from sqlalchemy.sql.operators import OperatorType

from ..errors import R2PError

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_uid() -> str:
    return str(uuid.uuid4())


class UtcDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always handed back timezone-aware, on every engine."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def choices(enum: type[StrEnum]) -> str:
    """The values of `enum` as a message lists them: "draft, tabled, answered"."""
    return ", ".join(member.value for member in enum)


class NotInVocabularyError(DontWrapMixin, R2PError):
    """A value outside an enum-typed column's enum was about to be written; nothing was.

    Raised as it is from inside a statement (DontWrapMixin), so the caller gets this one line and not
    SQLAlchemy's StatementError around it. The services refuse such a value earlier, naming the field;
    this is what stops one that comes another way (a use case or an import writing a model itself)."""

    def __init__(self, enum: type[StrEnum], value: object):
        self.enum, self.value = enum, value
        what = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", enum.__name__).capitalize()  # QuestionStatus -> Question status
        super().__init__(f"{what} '{value}' is not one of: {choices(enum)}; nothing was saved")


class EnumText(TypeDecorator[str]):
    """One of `enum_class`'s values, stored as its text in VARCHAR(`length`), the column String(length)
    makes (so typing a column with it changes nothing in the schema), and read back as the enum member.

    Writing anything else raises NotInVocabularyError. Reading text that is not a value of the enum (a
    file another program edited, past the CHECK constraint) gives that text as a plain str rather than
    failing, so the record can still be listed, exported and shown, and a clerk can correct it; the
    services refuse to save the record until its value is one of the enum's. Comparisons in queries bind
    plain text, unchecked: a filter on a value nobody stores finds nothing, as it did before."""

    impl = String
    cache_ok = True

    def __init__(self, enum_class: type[StrEnum], length: int):
        super().__init__(length)
        self.enum_class = enum_class
        self.length = length
        self._members: dict[str, StrEnum] = {member.value: member for member in enum_class}

    def process_bind_param(self, value: object, dialect: Dialect) -> str | None:
        if value is None:
            return None
        member = self._members.get(value) if isinstance(value, str) else None
        if member is None:
            raise NotInVocabularyError(self.enum_class, value)
        return member.value

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return self._members.get(value, value)

    def coerce_compared_value(self, op: OperatorType | None, value: Any) -> Any:
        return self.impl_instance


_ENUM_COLUMNS: dict[type[object], Mapping[str, type[StrEnum]]] = {}  # read per record saved: many in an import


def enum_columns(model: type[object]) -> Mapping[str, type[StrEnum]]:
    """The enum-typed columns of `model` by attribute name, each with its enum, in column order."""
    found = _ENUM_COLUMNS.get(model)
    if found is None:
        found = _ENUM_COLUMNS[model] = MappingProxyType({
            attr.key: attr.columns[0].type.enum_class for attr in inspect(model).column_attrs
            if isinstance(attr.columns[0].type, EnumText)})
    return found


def enum_check(column: str, enum: type[StrEnum], *, nullable: bool = False) -> CheckConstraint:
    """A CHECK that keeps `column` to the values of `enum` (named `<column>_valid`)."""
    allowed = ", ".join(f"'{member.value}'" for member in enum)
    condition = f"{column} IN ({allowed})"
    if nullable:
        condition = f"{column} IS NULL OR {condition}"
    return CheckConstraint(condition, name=f"{column}_valid")


def non_negative(column: str) -> CheckConstraint:
    return CheckConstraint(f"{column} IS NULL OR {column} >= 0", name=f"{column}_non_negative")


def not_before(later: str, earlier: str) -> CheckConstraint:
    return CheckConstraint(
        f"{later} IS NULL OR {earlier} IS NULL OR {later} >= {earlier}", name=f"{later}_not_before_{earlier}"
    )


class Confidentiality(StrEnum):
    PUBLIC = "public"
    COMMITTEE = "committee"
    RESTRICTED = "restricted"


class RecordMixin:
    """The columns of DESIGN §2 that every user record has, plus a version for conflict detection."""

    if TYPE_CHECKING:  # what Base gives every model this is mixed into
        __tablename__: str
        __table__: ClassVar[FromClause]

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(120), default="")
    updated_by: Mapped[str] = mapped_column(String(120), default="")
    confidentiality: Mapped[Confidentiality] = mapped_column(EnumText(Confidentiality, 12),
                                                             default=Confidentiality.COMMITTEE)
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)
    notes: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.__table__.c.version}

    @classmethod
    def record_checks(cls) -> tuple[CheckConstraint, ...]:
        return (enum_check("confidentiality", Confidentiality),)
