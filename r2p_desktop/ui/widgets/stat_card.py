"""One number on the dashboard with what it counts, e.g. '37  Answers overdue'. A card that opens
the records behind its number is clicked, or reached with Tab and opened with Enter or Space."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

STYLE = (
    "#statCard { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }"
    "#statCard:focus { border: 2px solid palette(highlight); }"
)


class StatCard(QFrame):
    clicked = Signal()

    def __init__(self, caption: str, parent: QWidget | None = None, *, warning: bool = False,
                 opens: str = ""):
        super().__init__(parent)
        self._warning = warning
        self.setObjectName("statCard")
        self.setStyleSheet(STYLE)
        self.value_label = QLabel("–", self)
        font = QFont(self.value_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setWeight(QFont.Weight.Bold)
        self.value_label.setFont(font)
        self.caption_label = QLabel(caption, self)
        self.caption_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        self.setMinimumWidth(90)
        self.setAccessibleName(caption)
        if opens:
            self.setToolTip(opens)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def set_value(self, value: int | str, caption: str | None = None) -> None:
        self.value_label.setText(f"{value:,}" if isinstance(value, int) else value)
        alert = self._warning and isinstance(value, int) and value > 0
        self.value_label.setStyleSheet("color: #b3261e;" if alert else "")
        if caption is not None:
            self.caption_label.setText(caption)

    def mouseReleaseEvent(self, event) -> None:
        if self.focusPolicy() != Qt.FocusPolicy.NoFocus and event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.clicked.emit()
            return
        super().keyPressEvent(event)
