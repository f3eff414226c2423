"""The country's status for one core treaty: signed, ratified or acceded, since when, the law that
implements it and any reservations. A wrong value is shown in red under its field; nothing is saved."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core.database import Database
from ...core.models import InstrumentStatus, TreatyStatus
from ...core.services import directory, evidence, history
from ..records_changed import INSTRUMENTS, RecordsChanged
from ..widgets.choice_combo import enum_combo, select_data
from ..widgets.date_field import DateField
from ..widgets.text_box import text_box
from .record_dialog import RecordDialog


class TreatyStatusDialog(RecordDialog):
    HISTORY_MODEL = InstrumentStatus

    def __init__(self, database: Database, records_changed: RecordsChanged, code: str,
                 parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.code = code
        with database.read_session() as session:
            treaty = evidence.instrument_detail(session, code)
        self._build(treaty)
        self.setWindowTitle(f"Status of the {treaty['short_title']}")
        self.status_combo.setFocus()

    def history_record_id(self) -> int | None:
        with self._database.read_session() as session:
            return history.instrument_status_id(session, self.code)

    def _build(self, treaty: dict) -> None:
        self.title_label = QLabel(f"<b>{escape(treaty['title'])}</b> ({treaty['year']})")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.status_combo = enum_combo(TreatyStatus)
        select_data(self.status_combo, treaty["status"])
        self.status_date_edit = DateField()
        self.status_date_edit.set_date(treaty["status_date"])
        self.status_date_edit.setToolTip("The date the country signed, ratified or acceded")
        self.legislation_edit = text_box(treaty["implementing_legislation"],
                                         "The act that makes the treaty's crimes punishable at home", min_height=None)
        self.reservations_edit = text_box(treaty["reservations"],
                                          "Reservations or declarations the country made, if any", min_height=None)

        form = self.form_rows((
            ("status", "&Status", self.status_combo),
            ("status_date", "&Date", self.status_date_edit),
            ("implementing_legislation", "&Implementing legislation", self.legislation_edit),
            ("reservations", "&Reservations", self.reservations_edit),
        ))
        form.insertRow(0, "Treaty", self.title_label)

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(620, 420)

    def values(self) -> dict:
        return {
            "status": self.status_combo.currentData(),
            "status_date": self.status_date_edit.date_text(),
            "implementing_legislation": self.legislation_edit.toPlainText().strip(),
            "reservations": self.reservations_edit.toPlainText().strip(),
        }

    def save(self, session) -> tuple[str, ...]:
        directory.set_treaty_status(session, self.code, **self.values())
        return (INSTRUMENTS,)
