"""An optional date typed as YYYY-MM-DD, with a calendar to pick from; empty means no date.

The text goes to the services as typed, so a wrong date is reported next to the field."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, QRectF, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction


def _calendar_icon() -> QIcon:
    pixmap = QPixmap(32, 32)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor("#55585e")
    painter.setPen(QPen(ink, 2.5))
    painter.drawRoundedRect(QRectF(4, 7, 24, 21), 3, 3)
    painter.fillRect(QRectF(4, 7, 24, 6), ink)
    painter.drawLine(10, 3, 10, 9)
    painter.drawLine(22, 3, 22, 9)
    for row in range(2):
        for column in range(3):
            painter.fillRect(QRectF(8 + column * 6.5, 16 + row * 5.5, 3.5, 3.5), ink)
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setPlaceholderText("YYYY-MM-DD")
        self.setClearButtonEnabled(True)
        self.setMaxLength(10)
        self.calendar_action = QAction(_calendar_icon(), "Pick a date", self)
        self.calendar_action.setToolTip("Pick a date from a calendar (Alt+Down)")
        self.calendar_action.triggered.connect(self._show_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.textChanged.connect(self._name_buttons)  # the clear button appears with the first letter
        self._name_buttons()

    def _name_buttons(self) -> None:
        for button in self.findChildren(QToolButton):
            if not button.accessibleName():
                button.setAccessibleName("Pick a date" if button.defaultAction() is self.calendar_action
                                         else "Clear the date")

    def keyPressEvent(self, event) -> None:
        # Alt+Down opens the calendar, as it opens a combo box's list: the calendar from the keyboard too.
        if event.key() == Qt.Key.Key_Down and event.modifiers() == Qt.KeyboardModifier.AltModifier:
            self._show_calendar()
            return
        super().keyPressEvent(event)

    def set_date(self, value: date | None) -> None:
        self.setText(value.isoformat() if value else "")

    def date_text(self) -> str:
        return self.text().strip()

    def _show_calendar(self) -> None:
        menu = QMenu(self)
        calendar = QCalendarWidget(menu)
        calendar.setGridVisible(True)
        try:
            current = date.fromisoformat(self.date_text())
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        except ValueError:
            calendar.setSelectedDate(QDate.currentDate())
        action = QWidgetAction(menu)
        action.setDefaultWidget(calendar)
        menu.addAction(action)

        def picked(day: QDate) -> None:
            self.setText(day.toString("yyyy-MM-dd"))
            menu.close()

        calendar.clicked.connect(picked)
        calendar.activated.connect(picked)
        menu.exec(self.mapToGlobal(QPoint(0, self.height())))
        menu.deleteLater()
