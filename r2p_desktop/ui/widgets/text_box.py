"""The multi-line field every form uses: Tab moves on to the next field instead of typing a tab."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget


def text_box(text: str = "", placeholder: str = "", *, min_height: int | None = 70,
             parent: QWidget | None = None) -> QPlainTextEdit:
    edit = QPlainTextEdit(text or "", parent)
    edit.setTabChangesFocus(True)
    edit.setPlaceholderText(placeholder)
    if min_height is not None:
        edit.setMinimumHeight(min_height)
    return edit
