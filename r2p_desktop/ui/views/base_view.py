"""What every page of the main window shares: a title, and refreshing itself when records change.

A hidden view only notes that it is out of date and reads again when it is next shown."""

from __future__ import annotations

from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.database import Database
from ..records_changed import ALL_KINDS, RecordsChanged


class BaseView(QWidget):
    TITLE = ""
    DESCRIPTION = ""
    KINDS: frozenset[str] = ALL_KINDS  # the record kinds whose changes this view shows
    OPENS: frozenset[str] = frozenset()  # the kinds it lists, so that a record of one is opened here

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(parent)
        self.database = database
        self.records_changed = records_changed
        self._stale = True
        self.page_layout = QVBoxLayout(self)
        self.page_layout.setContentsMargins(20, 16, 20, 16)
        self.page_layout.setSpacing(10)

        self.title_label = QLabel(self.TITLE, self)
        self.title_label.setObjectName("viewTitle")
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setWeight(QFont.Weight.DemiBold)
        self.title_label.setFont(font)
        self.page_layout.addWidget(self.title_label)
        if self.DESCRIPTION:
            self.description_label = QLabel(self.DESCRIPTION, self)
            self.description_label.setObjectName("viewDescription")
            self.description_label.setWordWrap(True)
            palette = self.description_label.palette()
            palette.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.PlaceholderText))
            self.description_label.setPalette(palette)
            self.page_layout.addWidget(self.description_label)

        records_changed.changed.connect(self._on_records_changed)

    def open_record(self, kind: str, record_id: int) -> None:
        """Bring the record forward (the view is already showing); by default the view itself will do."""

    def refresh(self) -> None:
        """Read this view's records again."""
        self._stale = False
        self.load()

    def load(self) -> None:
        raise NotImplementedError

    def ensure_fresh(self) -> None:
        if self._stale:
            self.refresh()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.ensure_fresh()

    def _on_records_changed(self, kinds: frozenset[str]) -> None:
        if not kinds & self.KINDS:
            return
        self._stale = True
        if self.isVisible():
            self.refresh()
