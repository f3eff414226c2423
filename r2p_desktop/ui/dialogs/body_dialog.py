"""Adding or changing a body: a ministry, NHRI, ombudsperson, focal point office or committee.

Each problem the services find is shown in red under its field, or above the buttons, and nothing is
saved until all are put right."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from ...core.database import Database
from ...core.models import Body, BodyKind, Confidentiality
from ...core.services import records
from ..records_changed import BODIES, PEOPLE, RecordsChanged
from ..widgets.choice_combo import enum_combo, select_data
from ..widgets.text_box import text_box
from .record_dialog import RecordDialog


class BodyDialog(RecordDialog):
    RECORD_IDS = ("body_id",)
    HISTORY_MODEL = Body

    COUNT_FIELDS = True

    def __init__(self, database: Database, records_changed: RecordsChanged, body_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.body_id = body_id
        self._version: int | None = None
        self._build()
        if body_id is not None:
            self._load(body_id)
        self.setWindowTitle("New body" if body_id is None else "Edit body")
        self.name_edit.setFocus()

    def _build(self) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.name_edit.setPlaceholderText("e.g. Ministry of Foreign Affairs")
        self.kind_combo = enum_combo(BodyKind)
        self.abbreviation_edit = QLineEdit()
        self.abbreviation_edit.setMaxLength(40)
        self.abbreviation_edit.setPlaceholderText("e.g. MFA")
        self.confidentiality_combo = enum_combo(Confidentiality)
        select_data(self.confidentiality_combo, self._database.default_confidentiality)
        self.notes_edit = text_box(placeholder="Mandate, contact points, anything the committee should remember",
                                   min_height=None)

        form = self.form_rows((
            ("name", "&Name", self.name_edit),
            ("kind", "&Kind", self.kind_combo),
            ("abbreviation", "&Abbreviation", self.abbreviation_edit),
            ("confidentiality", "&Confidentiality", self.confidentiality_combo),
            ("notes", "N&otes", self.notes_edit),
        ))

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(520, 340)


    def _load(self, body_id: int) -> None:
        with self._database.read_session() as session:
            values = records.get(session, Body, body_id)
        self._version = values.get("version")
        self.name_edit.setText(values.get("name") or "")
        select_data(self.kind_combo, values.get("kind"))
        self.abbreviation_edit.setText(values.get("abbreviation") or "")
        select_data(self.confidentiality_combo, values.get("confidentiality"))
        self.notes_edit.setPlainText(values.get("notes") or "")

    def values(self) -> dict:
        return {
            "name": self.name_edit.text().strip(),
            "kind": self.kind_combo.currentData(),
            "abbreviation": self.abbreviation_edit.text().strip(),
            "confidentiality": self.confidentiality_combo.currentData(),
            "notes": self.notes_edit.toPlainText().strip(),
        }

    def save(self, session) -> tuple[str, ...]:
        if self.body_id is None:
            self.body_id = records.create(session, Body, self.values())
        else:
            records.update(session, Body, self.body_id, self.values(), expected_version=self._version)
        # People show their body's name, so both lists change.
        return BODIES, PEOPLE
