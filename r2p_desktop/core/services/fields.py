"""Turning plain input (typed values or text from a form or a file) into column values,
collecting one message per wrong field."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Column, Date, Integer, String, inspect
from sqlalchemy.types import JSON

from ..errors import ValidationError
from ..models import RecordMixin
from ..models.base import EnumText
from ..values import Values

WORD_LISTS = frozenset({"tags", "themes"})  # JSON columns holding a list of words, typed ";"-separated
READ_ONLY = frozenset({"id", "uid", "created_at", "updated_at", "created_by", "updated_by", "version"})
# Only the one form the messages ask for: date.fromisoformat also takes 2024-W04-3 and 20240104.
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def parse_date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass  # the right form but no such day, such as 2026-02-30
    raise ValueError(f"'{text}' is not a date; write it as YYYY-MM-DD")


def parse_int(value: object) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    text = str(value).strip().replace(",", "").replace("_", "")
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"'{value}' is not a whole number") from None


_YES, _NO = {"1", "true", "yes", "y", "x"}, {"0", "false", "no", "n", ""}


def parse_bool(value: object) -> bool:
    """A yes or no as a form or a spreadsheet gives it: True/False, 1/0, yes/no, true/false, x or blank."""
    if isinstance(value, bool):
        return value
    text = "" if value is None else str(value).strip().lower()
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"'{value}' is not yes or no")


def parse_tags(value: str | Iterable[object] | None) -> list[str]:
    if value is None:
        return []
    items = value.split(";") if isinstance(value, str) else value
    return sorted({str(item).strip() for item in items if str(item).strip()})


def parse_json(value: object) -> object:
    """A list or mapping as given, or read from JSON text (as a file holds one); blank is an empty list."""
    if not isinstance(value, str):
        return [] if value is None else value
    if not value.strip():
        return []
    try:
        return json.loads(value)
    except json.JSONDecodeError as exc:
        raise ValueError(f"is not readable JSON ({exc.msg} at character {exc.pos + 1})") from None


def _string(column: Column[Any], enum: bool) -> Callable[[object], object]:
    length = None if enum else getattr(column.type, "length", None)

    def parse(value: object) -> object:
        if value is None:
            return None
        value = str(value)  # an enum's allowed values are checked with the record (records._check_enums)
        if column.nullable and not value.strip():
            return None
        if length and len(value) > length:
            raise ValueError(f"is longer than {length} characters")
        return value
    return parse


def _text(value: object) -> object:
    return None if value is None else str(value)


_Parser = tuple[Column[Any], Callable[[Any], object]] | None  # a field's column and how it is read
_PARSERS: dict[type[RecordMixin], dict[str, _Parser]] = {}


def _parsers(model: type[RecordMixin]) -> dict[str, _Parser]:
    """How each field of `model` is read (None for one that cannot be set), worked out once a model:
    coerce runs for every row of an import."""
    if model in _PARSERS:
        return _PARSERS[model]
    made: dict[str, _Parser] = {}
    for field, column in inspect(model).columns.items():
        parse: Callable[[Any], object]
        if field in READ_ONLY:
            made[field] = None
            continue
        if isinstance(column.type, Date):
            parse = parse_date
        elif isinstance(column.type, Boolean):
            parse = parse_bool
        elif isinstance(column.type, Integer):
            parse = parse_int
        elif isinstance(column.type, JSON):
            parse = parse_tags if field in WORD_LISTS else parse_json
        elif isinstance(column.type, EnumText | String):
            parse = _string(column, isinstance(column.type, EnumText))
        else:
            parse = _text
        made[field] = (column, parse)
    _PARSERS[model] = made
    return made


def coerce(model: type[RecordMixin], values: Values, errors: dict[str, str]) -> Values:
    """Column values for `model` from `values`; problems go into `errors`, keyed by field."""
    parsers = _parsers(model)
    result = {}
    for field, value in values.items():
        found = parsers.get(field)
        if found is None:
            errors[field] = "is not a field that can be set"
            continue
        column, parse = found
        try:
            value = parse(value)
        except ValueError as exc:
            errors[field] = str(exc)
            continue
        if value is None and not column.nullable:
            if column.default is None:
                errors[field] = "is required"
            continue  # left out: a new record takes the default, an edited one keeps its value
        result[field] = value
    return result


def raise_if(errors: dict[str, str]) -> None:
    if errors:
        raise ValidationError(errors)
