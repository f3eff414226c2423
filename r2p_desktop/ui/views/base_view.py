"""What every page of the main window shares: a title, refreshing itself when records change, and its
lists (each a RecordTableView attribute of the page) named for "Export this list…" and keeping the
clerk's choice of columns.

A hidden view only notes that it is out of date and reads again when it is next shown."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.database import Database
from ..records_changed import ALL_KINDS, RecordsChanged
from ..widgets.record_table_view import RecordTableView

COLUMNS_SETTING = "list_columns/{view}/{table}"  # the titles of the columns the clerk hid in that list


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
        self._name_lists()
        self.ensure_fresh()

    # --- the page's lists ---------------------------------------------------------------------

    def list_tables(self) -> dict[str, RecordTableView]:
        """The lists on this page, by the attribute that holds each ("table", "people_table")."""
        return {name: value for name, value in vars(self).items() if isinstance(value, RecordTableView)}

    def remember_columns(self, settings: QSettings) -> None:
        """Restore which columns each list shows from `settings`, and keep the clerk's changes there."""
        for name, table in self.list_tables().items():
            table.remember_columns(settings, COLUMNS_SETTING.format(view=type(self).__name__, table=name))

    def export_list(self) -> int | None:
        """Export this list… for the list with the keyboard focus, else the first one showing."""
        self._name_lists()
        tables = list(self.list_tables().values())
        if not tables:
            return None
        focused = [t for t in tables if t.hasFocus()]
        showing = [t for t in tables if t.isVisible()]
        return (focused or showing or tables)[0].export_list()

    def _name_lists(self) -> None:
        tables = self.list_tables()
        for name, table in tables.items():
            label = name.removesuffix("_table").replace("_", " ").capitalize()
            table.list_name = self.TITLE if name == "table" or len(tables) == 1 else f"{self.TITLE} – {label}"
            if not table.accessibleName():  # a screen reader says which list the focus is in
                table.setAccessibleName(table.list_name)

    def _on_records_changed(self, kinds: frozenset[str]) -> None:
        if not kinds & self.KINDS:
            return
        self._stale = True
        if self.isVisible():
            self.refresh()
