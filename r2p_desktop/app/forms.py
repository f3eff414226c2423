"""What a record form holds, declared once per kind and without Qt: its fields (name, label, what is typed
into them), how a stored record is shown in them, how what the clerk typed becomes the values the
services take, and whether the clerk changed anything (`Form.changed`, the one rule of unsaved edits).
The window builds its widgets from a `Form` (`ui/widgets/form_binder.py`); the use cases in
`app.records` and `app.questions` read and write through it.

Shown values are what a widget holds: text for lines, boxes, dates, amounts and names; the code or id
for a choice; a number for a count; a list of codes for a catalogue picker."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..core import kinds, money
from ..core.models import Confidentiality
from ..core.values import Values


class Entry(StrEnum):
    """What a field's widget takes."""

    LINE = "line"  # one line of text
    TEXT = "text"  # several lines; Tab moves on
    CHOICE = "choice"  # one of an enumeration's values
    DATE = "date"  # YYYY-MM-DD, with a calendar
    NUMBER = "number"  # a whole number between minimum and maximum
    FLAG = "flag"  # yes or no
    MONEY = "money"  # an amount in major units of the currency in the form's "currency" field
    TAGS = "tags"  # words separated by ;
    BODY = "body"  # a body chosen from the list (the id), or None
    BODY_NAME = "body_name"  # a body's name, chosen or typed; a new name is added to Bodies on saving
    PERSON_NAME = "person_name"  # a person's name, chosen or typed; a new name is added to People on saving
    PILLAR = "pillar"  # a pillar of the responsibility to protect (its number), or None
    CODES = "codes"  # catalogue entries chosen by code (the field names the catalogue: "commitments")


@dataclass(frozen=True)
class Field:
    name: str  # the service's field name (records.create / records.update)
    label: str  # with & before the keyboard shortcut's letter
    entry: Entry = Entry.LINE
    choices: type[StrEnum] | None = None  # CHOICE
    max_length: int | None = None  # LINE
    minimum: int = 0  # NUMBER
    maximum: int = 100_000  # NUMBER
    suffix: str = ""  # NUMBER, e.g. " min"
    unset_text: str = ""  # NUMBER: shown for the minimum when it stands for "not known yet"; CHOICE: no value
    placeholder: str = ""
    tooltip: str = ""
    narrow: bool = False  # a year, a date or an amount: not the form's full width
    column: int = 0  # forms laid out in columns: which one
    section: str = ""  # forms laid out in titled groups or pages: the title of this field's


def confidentiality_field(*, section: str = "") -> Field:
    return Field("confidentiality", "&Confidentiality", Entry.CHOICE, Confidentiality, section=section)


@dataclass(frozen=True)
class Form:
    kind: str  # the registry key of the kind of record it edits
    fields: tuple[Field, ...]

    def __post_init__(self) -> None:
        assert self.kind in kinds.BY_KEY, self.kind

    @property
    def model(self) -> type:
        return kinds.BY_KEY[self.kind].model

    def names(self, *entries: Entry) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields if field.entry in entries)

    def shown(self, stored: Mapping[str, object]) -> dict[str, object]:
        """A stored record's values (records.get) as the form's widgets hold them."""
        currency = str(stored.get("currency") or "")
        return {field.name: _shown(field, stored.get(field.name), currency) for field in self.fields}

    def typed(self, shown: Mapping[str, object]) -> tuple[Values, dict[str, str]]:
        """What the clerk typed as the values the services take, and the fields that could not be read
        (an amount that is not a number), by name. Name fields stay names (the use case resolves them)."""
        currency = str(shown.get("currency") or "").strip().upper()
        values: Values = {}
        problems: dict[str, str] = {}
        for field in self.fields:
            if field.name not in shown:
                continue
            value = shown[field.name]
            if field.entry == Entry.MONEY:
                try:
                    values[field.name] = money.minor_units(str(value or ""), currency)
                except ValueError as error:
                    problems[field.name] = str(error)
            elif field.entry in _TEXTS:
                values[field.name] = str(value or "").strip()
            elif field.entry == Entry.NUMBER and field.unset_text and value == field.minimum:
                values[field.name] = None
            else:
                values[field.name] = value
        return values, problems

    def changed(self, before: Mapping[str, object], now: Mapping[str, object]) -> dict[str, object]:
        """The fields of `now` whose shown values differ from `before` (what the form showed when it was
        filled), compared as they would be saved: text without surrounding spaces, and no text the same as
        none. Whether the clerk has changed anything, and which fields saving over a colleague writes."""
        return {field.name: now[field.name] for field in self.fields
                if field.name in now and not same_as_saved(before.get(field.name), now[field.name])}


def same_as_saved(before: object, now: object) -> bool:
    """Whether two values of a field would be saved alike (text is saved without surrounding spaces)."""
    if isinstance(before, str) or isinstance(now, str):
        return str(before or "").strip() == str(now or "").strip()
    return before == now


# What is typed as text and read back without surrounding spaces.
_TEXTS = (Entry.LINE, Entry.TEXT, Entry.DATE, Entry.BODY_NAME, Entry.PERSON_NAME)


def _shown(field: Field, value: object, currency: str) -> object:
    if field.entry == Entry.MONEY:
        return money.amount_text(value if isinstance(value, int) else None, currency)
    if field.entry == Entry.TAGS:
        return "; ".join(value) if isinstance(value, list) else str(value or "")
    if field.entry == Entry.DATE:
        return value.isoformat() if isinstance(value, date) else str(value or "")
    if field.entry in _TEXTS:
        return "" if value is None else str(value)
    if field.entry == Entry.CODES:
        return list(value) if isinstance(value, list | tuple) else []
    if field.entry == Entry.CHOICE and value is not None:
        return str(value)  # the code itself, also when the record holds an enumeration's member
    if field.entry == Entry.FLAG:
        return bool(value)
    return value
