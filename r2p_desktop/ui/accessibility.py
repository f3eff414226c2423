"""Names a screen reader says for widgets that have no text of their own: a form field takes its
label's words, a list the page's title, an icon button its tooltip."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QWidget


def plain(label: str) -> str:
    """A label's words as read aloud: no mnemonic ampersand, no trailing colon ("&Title:" is "Title")."""
    return label.replace("&&", "\0").replace("&", "").replace("\0", "&").strip().rstrip(":").strip()


def name_after(widget: QWidget, label: str) -> None:
    """Name `widget` after its label, unless it was given a name of its own."""
    if not widget.accessibleName():
        widget.setAccessibleName(plain(label))


def name_icon_buttons(root: QWidget) -> None:
    """Every button under `root` that shows only an icon is named after its tooltip or its action."""
    for button in root.findChildren(QAbstractButton):
        if button.text() or button.accessibleName():
            continue
        action = getattr(button, "defaultAction", lambda: None)()
        words = button.toolTip() or (action.toolTip() or action.text() if action is not None else "")
        if words:
            button.setAccessibleName(plain(words))
