"""What a clerk does in a form, shared by the window tests: press Save, pick an entry from a list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox


def save(qtbot, form) -> None:
    """Click the Save button of a record dialog or the question form."""
    qtbot.mouseClick(form.buttons.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def choose(combo, text: str) -> None:
    """Pick the entry shown as `text`; one that is not offered fails the test."""
    index = combo.findText(text)
    assert index >= 0, f"{text!r} is not offered"
    combo.setCurrentIndex(index)
