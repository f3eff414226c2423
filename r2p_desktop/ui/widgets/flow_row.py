"""A row of widgets that wraps onto more lines when the window is narrow: the filters and buttons of a
view stay on one line in a wide window and still fit a 760-pixel one.

Widgets with an expanding horizontal size policy share the spare width of their line; the others keep
their preferred width. A line is aligned left, or right (for buttons)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLayout, QLayoutItem, QSizePolicy, QWidget


class FlowRow(QLayout):
    def __init__(self, parent: QWidget | None = None, *, spacing: int = 8, line_spacing: int = 6,
                 align_right: bool = False):
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._align_right = align_right
        self._line_spacing = line_spacing  # between lines; `spacing` between widgets on a line
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    # --- QLayout ------------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal & Qt.Orientation.Vertical  # neither

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown) + self.spacing() * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height)

    def minimumSize(self) -> QSize:
        """The widest widget on a line of its own."""
        shown = self._shown()
        return QSize(max((item.minimumSize().width() for item in shown), default=0),
                     max((item.minimumSize().height() for item in shown), default=0))

    # --- laying out ---------------------------------------------------------------------------

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _lines(self, width: int) -> list[list[QLayoutItem]]:
        lines: list[list[QLayoutItem]] = [[]]
        used = 0
        for item in self._shown():
            wanted = item.sizeHint().width()
            if lines[-1] and used + self.spacing() + wanted > width:
                lines.append([])
                used = 0
            used += wanted + (self.spacing() if len(lines[-1]) else 0)
            lines[-1].append(item)
        return [line for line in lines if line]

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Place the items in `rect` (when `move`); the height they take."""
        y = rect.y()
        for line in self._lines(rect.width()):
            widths = [min(item.sizeHint().width(), rect.width()) for item in line]
            spare = rect.width() - sum(widths) - self.spacing() * (len(line) - 1)
            growing = [n for n, item in enumerate(line) if _grows(item)]
            for n in growing:
                widths[n] += spare // len(growing)
            if growing:
                spare = 0
            height = max(item.sizeHint().height() for item in line)
            x = rect.x() + (max(spare, 0) if self._align_right else 0)
            for item, width in zip(line, widths, strict=True):
                if move:
                    item.setGeometry(QRect(QPoint(x, y), QSize(width, height)))
                x += width + self.spacing()
            y += height + self._line_spacing
        return max(y - self._line_spacing - rect.y(), 0)


GROWING = (QSizePolicy.Policy.Expanding, QSizePolicy.Policy.MinimumExpanding)


def _grows(item: QLayoutItem) -> bool:
    widget = item.widget()
    return widget is not None and widget.sizePolicy().horizontalPolicy() in GROWING


def labelled(text: str, widget: QWidget, parent: QWidget, *, grows: bool = False) -> QWidget:
    """A label and its widget kept together on one line of a FlowRow; `grows` takes spare width."""
    pair = QWidget(parent)
    layout = QHBoxLayout(pair)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    label = QLabel(text, pair)
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    policy = QSizePolicy.Policy.Expanding if grows else QSizePolicy.Policy.Preferred
    pair.setSizePolicy(policy, QSizePolicy.Policy.Fixed)
    return pair
