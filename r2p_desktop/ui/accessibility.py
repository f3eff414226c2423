"""Names a screen reader says for widgets that have no text of their own (a form field takes its
label's words, a list the page's title, an icon button its tooltip), and colours a reader can read:
WCAG contrast, and quiet text dark enough."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget


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


def contrast(first: QColor, second: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours, from 1 (the same) to 21 (black on white)."""
    def luminance(colour: QColor) -> float:
        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
        return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
                + 0.0722 * channel(colour.blueF()))
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def mix(ink: QColor, paper: QColor, share: float) -> QColor:
    """`share` of `ink` over the rest of `paper`, opaque."""
    return QColor.fromRgbF(*(share * a + (1 - share) * b for a, b in
                             zip((ink.redF(), ink.greenF(), ink.blueF()),
                                 (paper.redF(), paper.greenF(), paper.blueF()), strict=True)))


def readable_quiet_text() -> None:
    """The palette's quiet text (placeholders, a page's description, a search hit's context) is the
    style's half-transparent text, 3.9:1 on Fusion's window grey; make it 60% ink, 5:1 or more."""
    palette = QApplication.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        ink = palette.color(group, QPalette.ColorRole.Text)
        paper = palette.color(group, QPalette.ColorRole.Window)
        palette.setColor(group, QPalette.ColorRole.PlaceholderText, mix(ink, paper, 0.6))
    QApplication.setPalette(palette)
