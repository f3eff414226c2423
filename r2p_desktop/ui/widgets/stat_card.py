"""One number on the dashboard with what it counts, e.g. '37  Questions overdue'."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class StatCard(QFrame):
    def __init__(self, caption: str, parent: QWidget | None = None, *, warning: bool = False):
        super().__init__(parent)
        self._warning = warning
        self.setObjectName("statCard")
        self.setStyleSheet(
            "#statCard { background: palette(base); border: 1px solid palette(mid); border-radius: 6px; }"
        )
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
        self.setMinimumWidth(110)

    def set_value(self, value: int) -> None:
        self.value_label.setText(f"{value:,}")
        alert = self._warning and value > 0
        self.value_label.setStyleSheet("color: #b3261e;" if alert else "")
