"""A strip across the top of the window for what the clerk must know before working: a damaged
database opened read-only, a backup that failed, a file on a network drive."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

BANNER_COLOURS = {"error": ("#fdecea", "#b3261e"), "warning": ("#fff4e5", "#8a5300")}  # background, border
BANNER_INK = "#1d1b20"  # the text on either background


class Banner(QFrame):
    def __init__(self, text: str, *, severity: str = "warning", action: tuple[str, Callable[[], None]] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        background, border = BANNER_COLOURS[severity]
        self.setObjectName("banner")
        self.setStyleSheet(f"#banner {{ background: {background}; border-bottom: 2px solid {border}; }}"
                           f" #banner QLabel {{ color: {BANNER_INK}; }}")
        self.label = QLabel(text)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.addWidget(self.label, 1)
        self.action_button: QPushButton | None = None
        if action is not None:
            self.action_button = QPushButton(action[0])
            self.action_button.clicked.connect(action[1])
            layout.addWidget(self.action_button)
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setToolTip("Hide this message")
        self.close_button.setAccessibleName("Hide this message")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        layout.addWidget(self.close_button)
