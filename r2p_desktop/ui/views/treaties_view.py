"""Treaties: the core instruments the 2017 report names and the country's status for each."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from ...core.database import Database
from ...core.services import listings
from ..dialogs.treaty_status_dialog import TreatyStatusDialog
from ..models.record_list_model import DATE, LABEL, ListColumn
from ..records_changed import INSTRUMENTS, RecordsChanged
from .record_list_view import RecordListView


class TreatiesView(RecordListView):
    TITLE = "Treaties"
    DESCRIPTION = ("Ratification and implementation of the core treaties for preventing genocide, war "
                   "crimes, ethnic cleansing and crimes against humanity. Press Enter or double-click a "
                   "treaty to record the country's status.")
    KINDS = frozenset({INSTRUMENTS})
    OPENS = frozenset({INSTRUMENTS})
    NOUN = ("treaty", "treaties")
    STRETCH = 4
    COLUMNS = (
        ListColumn("year", "Year", width=60),
        ListColumn("short_title", "Treaty", width=260),
        ListColumn("status", "Status", LABEL, width=110),
        ListColumn("status_date", "Since", DATE, width=100),
        ListColumn("implementing_legislation", "Implementing legislation"),
        ListColumn("reservations", "Reservations", width=220),
    )

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.status_dialog: TreatyStatusDialog | None = None
        self._codes: dict[int, str] = {}
        self.table.record_activated.connect(self._open_status)

    def rows(self, session) -> list[dict]:
        rows = listings.instruments_with_status(session)
        self._codes = {row["id"]: row["code"] for row in rows}
        return rows

    def _open_status(self, instrument_id: int) -> None:
        code = self._codes.get(instrument_id)
        if code is None:
            return
        dialog = TreatyStatusDialog(self.database, self.records_changed, code, parent=self)
        self.status_dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()  # window-modal, not blocking: the view refreshes from the records-changed signal
