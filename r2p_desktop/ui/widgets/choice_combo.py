"""Drop-down lists of coded choices: each item shows the code in words and carries the code."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from PySide6.QtWidgets import QComboBox, QWidget

from ...core.formatting import human_label


def enum_combo(enum: type[StrEnum], *, none: str | None = None) -> QComboBox:
    """A combo of the enum's values as words ('holding_answer' -> 'Holding answer'), optionally
    headed by an item `none` that stands for no value."""
    combo = QComboBox()
    if none is not None:
        combo.addItem(none, None)
    for member in enum:
        combo.addItem(human_label(member.value), member.value)
    return combo


def choice_combo(labels: Mapping[Any, str], parent: QWidget | None = None) -> QComboBox:
    """A combo of `labels` (value -> what the clerk reads), in their order, each item carrying its value."""
    combo = QComboBox(parent)
    for value, label in labels.items():
        combo.addItem(label, value)
    return combo
