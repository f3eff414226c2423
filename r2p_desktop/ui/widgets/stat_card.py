"""One number on the dashboard with what it counts, e.g. '37  Answers overdue'. A card is a flat push
button: it is clicked, or reached with Tab and pressed with Space or Enter, and a screen reader says
its caption with its number ("Answers overdue: 56")."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

# The card keeps the look of a panel, not of a raised button; the focus frame shows where Tab is.
STYLE = (
    "#statCard { background: palette(base); border: 1px solid palette(mid); border-radius: 6px;"
    " text-align: left; }"
    "#statCard:focus { border: 2px solid palette(highlight); }"
    "#statCard:hover { border-color: palette(highlight); }"
)
ALERT_COLOUR = "#b3261e"  # 6.2:1 against white: readable as text, not only as a signal


class StatCard(QPushButton):
    def __init__(self, caption: str, parent: QWidget | None = None, *, warning: bool = False,
                 opens: str = ""):
        super().__init__(parent)
        self._warning = warning
        self.setObjectName("statCard")
        self.setFlat(True)
        self.setStyleSheet(STYLE)
        self.value_label = QLabel("–", self)
        font = QFont(self.value_label.font())
        font.setPointSizeF(font.pointSizeF() * 2.2)
        font.setWeight(QFont.Weight.Bold)
        self.value_label.setFont(font)
        self.caption_label = QLabel(caption, self)
        self.caption_label.setWordWrap(True)
        for label in (self.value_label, self.caption_label):  # the button takes the clicks
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._layout = layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(2)
        layout.addWidget(self.value_label)
        layout.addWidget(self.caption_label)
        self.setMinimumWidth(90)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self._name()
        if opens:
            self.setToolTip(opens)
            self.setAccessibleDescription(opens)
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        else:
            self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # the labels' size, not a button's of empty text
        return self._layout.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._layout.minimumSize()

    def hasHeightForWidth(self) -> bool:  # a wrapped caption needs its lines, however narrow the card
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout.totalHeightForWidth(width)

    def set_value(self, value: int | str, caption: str | None = None) -> None:
        self.value_label.setText(f"{value:,}" if isinstance(value, int) else value)
        alert = self._warning and isinstance(value, int) and value > 0
        self.value_label.setStyleSheet(f"color: {ALERT_COLOUR};" if alert else "")
        if caption is not None:
            self.caption_label.setText(caption)
        self._name()

    def _name(self) -> None:
        self.setAccessibleName(f"{self.caption_label.text()}: {self.value_label.text()}")

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # as well as Space, a button's own key
            self.click()
            return
        super().keyPressEvent(event)
