"""Adding or changing one agenda item: what is discussed, who speaks, for how long, and what came of it.

A new item goes at the end of the agenda. Problems the services find are shown in red under their field
and nothing is saved until they are put right."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QSpinBox, QVBoxLayout, QWidget

from ...core.database import Database
from ...core.models import AgendaItem
from ...core.services import agenda, records
from ..records_changed import DEBATES, RecordsChanged
from .record_dialog import RecordDialog


class AgendaItemDialog(RecordDialog):
    RECORD_IDS = ("item_id",)
    HISTORY_MODEL = AgendaItem

    def __init__(self, database: Database, records_changed: RecordsChanged, debate_id: int,
                 item_id: int | None = None, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.debate_id = debate_id
        self.item_id = item_id
        self.title_edit = QLineEdit()
        self.description_edit = QPlainTextEdit()
        self.description_edit.setFixedHeight(80)
        self.speakers_edit = QPlainTextEdit()
        self.speakers_edit.setPlaceholderText("One speaker a line")
        self.speakers_edit.setFixedHeight(70)
        self.minutes_spin = QSpinBox()
        self.minutes_spin.setRange(0, 24 * 60)
        self.minutes_spin.setSuffix(" min")
        self.minutes_spin.setSpecialValueText("Not set")  # 0 means no time allotted yet
        self.outcome_edit = QPlainTextEdit()
        self.outcome_edit.setFixedHeight(70)

        form = self.form_rows((
            ("title", "&Title", self.title_edit),
            ("description", "&Description", self.description_edit),
            ("speakers", "S&peakers", self.speakers_edit),
            ("allotted_minutes", "&Allotted time", self.minutes_spin),
            ("outcome_notes", "&Outcome", self.outcome_edit),
        ))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)

        if item_id is not None:
            with database.read_session() as session:
                self._show(records.get(session, AgendaItem, item_id))
        self.setWindowTitle("New agenda item" if item_id is None else "Edit agenda item")
        self.resize(520, self.sizeHint().height())
        self.title_edit.setFocus()

    def _show(self, values: dict) -> None:
        self.title_edit.setText(values["title"])
        self.description_edit.setPlainText(values["description"])
        self.speakers_edit.setPlainText(values["speakers"])
        self.minutes_spin.setValue(values["allotted_minutes"] or 0)
        self.outcome_edit.setPlainText(values["outcome_notes"])

    def values(self) -> dict:
        return {
            "title": self.title_edit.text().strip(),
            "description": self.description_edit.toPlainText().strip(),
            "speakers": self.speakers_edit.toPlainText().strip(),
            "allotted_minutes": self.minutes_spin.value() or None,
            "outcome_notes": self.outcome_edit.toPlainText().strip(),
        }

    def save(self, session) -> tuple[str, ...]:
        if self.item_id is None:
            self.item_id = agenda.add_item(session, self.debate_id, self.values())
        else:
            records.update(session, AgendaItem, self.item_id, self.values())
        return (DEBATES,)
