"""The country's status for one core treaty: signed, ratified or acceded, since when, the law that
implements it and any reservations. A wrong value is shown in red under its field; nothing is saved.

The status is kept under the treaty's catalogue code, not a record id: it is read with the treaty and
saved (added the first time) through `app.catalogue_records`."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLayout, QWidget

from ...app import catalogue_records, record_forms
from ...app.changes import Changes
from ...app.records import Loaded, read
from ...core.database import Database
from ...core.services import history
from ..records_changed import RecordsChanged
from .record_dialog import RecordDialog


class TreatyStatusDialog(RecordDialog):
    FORM = record_forms.TREATY_STATUS
    SIZE = (620, 420)
    COUNT_FIELDS = False

    def __init__(self, database: Database, records_changed: RecordsChanged, code: str,
                 parent: QWidget | None = None):
        start = catalogue_records.treaty_status(database, code)
        super().__init__(database, records_changed, start=start, parent=parent)
        self.code = code
        self.setWindowTitle(f"Status of the {start.stored['short_title']}")

    def layout_fields(self) -> QLayout:
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = self.binder.rows()
        form.insertRow(0, "Treaty", self.title_label)
        return form

    def loaded(self, loaded: Loaded) -> None:
        treaty: dict[str, Any] = loaded.stored
        self.title_label.setText(f"<b>{escape(treaty['title'])}</b> ({treaty['year']})")

    def save_changes(self) -> Changes:
        return catalogue_records.save_treaty_status(self._database, self.code, self.binder.shown())

    def history_record_id(self) -> int | None:
        return read(self._database, lambda session: history.instrument_status_id(session, self.code))
