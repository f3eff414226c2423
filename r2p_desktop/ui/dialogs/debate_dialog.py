"""Adding or changing a debate: the annual R2P debate or another sitting, when and where it is held, how
long the sitting runs, the motion before it and what came of it.

Its agenda is edited on the Debates page, not here. Each problem the services find is shown in red under
its field and nothing is saved until all are put right."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QSpinBox, QVBoxLayout, QWidget

from ...core.database import Database
from ...core.models import Confidentiality, Debate, DebateStatus
from ...core.services import records
from ..records_changed import DEBATES, RecordsChanged
from ..widgets.choice_combo import enum_combo, select_data
from ..widgets.date_field import DateField
from ..widgets.text_box import text_box
from .record_dialog import RecordDialog

NARROW_FIELD_WIDTH = 170  # a date or a number of minutes, not the form's full width


class DebateDialog(RecordDialog):
    RECORD_IDS = ("debate_id",)
    HISTORY_MODEL = Debate

    COUNT_FIELDS = True

    def __init__(self, database: Database, records_changed: RecordsChanged, debate_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.debate_id = debate_id
        self._version: int | None = None
        self._build()
        select_data(self.confidentiality_combo, database.default_confidentiality)
        if debate_id is not None:
            self._load(debate_id)
        self.setWindowTitle("New debate" if debate_id is None else "Edit debate")
        self.title_edit.setFocus()

    def _build(self) -> None:
        self.title_edit = QLineEdit()
        self.title_edit.setMaxLength(300)
        self.title_edit.setPlaceholderText("e.g. Annual debate on the Responsibility to Protect")
        self.chamber_edit = QLineEdit()
        self.chamber_edit.setMaxLength(120)
        self.chamber_edit.setPlaceholderText("e.g. National Assembly, Foreign Affairs Committee")
        self.date_edit = DateField()
        self.status_combo = enum_combo(DebateStatus)
        self.sitting_minutes_spin = QSpinBox()
        self.sitting_minutes_spin.setRange(0, 24 * 60)
        self.sitting_minutes_spin.setSuffix(" min")
        self.sitting_minutes_spin.setSpecialValueText("Not set")  # 0: the sitting's length is not known yet
        self.sitting_minutes_spin.setToolTip("The agenda's allotted minutes are counted against this")
        for widget in (self.date_edit, self.status_combo, self.sitting_minutes_spin):
            widget.setMaximumWidth(NARROW_FIELD_WIDTH)
        self.motion_edit = text_box(placeholder="The motion before the house, if any")
        self.outcome_edit = text_box(placeholder="What the debate resolved or the government undertook")
        self.confidentiality_combo = enum_combo(Confidentiality)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText("Separate tags with ;")
        self.notes_edit = text_box(placeholder="")

        form = self.form_rows((
            ("title", "&Title", self.title_edit),
            ("chamber", "Cham&ber", self.chamber_edit),
            ("date", "&Date", self.date_edit),
            ("status", "&Status", self.status_combo),
            ("sitting_minutes", "Sitting &length", self.sitting_minutes_spin),
            ("motion", "&Motion", self.motion_edit),
            ("outcome", "&Outcome", self.outcome_edit),
            ("confidentiality", "&Confidentiality", self.confidentiality_combo),
            ("tags", "T&ags", self.tags_edit),
            ("notes", "Not&es", self.notes_edit),
        ))

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(620, 600)

    def _load(self, debate_id: int) -> None:
        with self._database.read_session() as session:
            values = records.get(session, Debate, debate_id)
        self._version = values.get("version")
        self.title_edit.setText(values.get("title") or "")
        self.chamber_edit.setText(values.get("chamber") or "")
        self.date_edit.set_date(values.get("date"))
        select_data(self.status_combo, values.get("status"))
        self.sitting_minutes_spin.setValue(values.get("sitting_minutes") or 0)
        self.motion_edit.setPlainText(values.get("motion") or "")
        self.outcome_edit.setPlainText(values.get("outcome") or "")
        select_data(self.confidentiality_combo, values.get("confidentiality"))
        self.tags_edit.setText("; ".join(values.get("tags") or []))
        self.notes_edit.setPlainText(values.get("notes") or "")

    def values(self) -> dict:
        return {
            "title": self.title_edit.text().strip(),
            "chamber": self.chamber_edit.text().strip(),
            "date": self.date_edit.date_text(),
            "status": self.status_combo.currentData(),
            "sitting_minutes": self.sitting_minutes_spin.value() or None,
            "motion": self.motion_edit.toPlainText().strip(),
            "outcome": self.outcome_edit.toPlainText().strip(),
            "confidentiality": self.confidentiality_combo.currentData(),
            "tags": self.tags_edit.text(),
            "notes": self.notes_edit.toPlainText().strip(),
        }

    def save(self, session) -> tuple[str, ...]:
        if self.debate_id is None:
            self.debate_id = records.create(session, Debate, self.values())
        else:
            records.update(session, Debate, self.debate_id, self.values(), expected_version=self._version)
        return (DEBATES,)
