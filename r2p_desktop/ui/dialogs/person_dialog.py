"""Adding or changing a person: a member, minister, official or expert, and the body they belong to.

Each problem the services find is shown in red under its field, or above the buttons, and nothing is
saved until all are put right."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtWidgets import QComboBox, QLineEdit, QVBoxLayout, QWidget

from ...core.database import Database
from ...core.models import Confidentiality, Person, PersonKind
from ...core.services import listings, records
from ..records_changed import BODIES, PEOPLE, RecordsChanged
from ..widgets.choice_combo import enum_combo, select_data
from ..widgets.date_field import DateField
from ..widgets.text_box import text_box
from .record_dialog import RecordDialog

DATE_FIELD_WIDTH = 150  # a YYYY-MM-DD date and its calendar button, not the form's full width


class PersonDialog(RecordDialog):
    RECORD_IDS = ("person_id",)
    HISTORY_MODEL = Person

    FIELD_OF: ClassVar[dict[str, str]] = {"body_id": "body"}
    COUNT_FIELDS = True

    def __init__(self, database: Database, records_changed: RecordsChanged, person_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.person_id = person_id
        self._version: int | None = None
        self._build()
        self._fill_bodies()
        if person_id is not None:
            self._load(person_id)
        self.setWindowTitle("New person" if person_id is None else "Edit person")
        self.full_name_edit.setFocus()

    def _build(self) -> None:
        self.full_name_edit = QLineEdit()
        self.full_name_edit.setMaxLength(200)
        self.kind_combo = enum_combo(PersonKind)
        self.party_edit = QLineEdit()
        self.party_edit.setMaxLength(120)
        self.constituency_edit = QLineEdit()
        self.constituency_edit.setMaxLength(120)
        self.role_edit = QLineEdit()
        self.role_edit.setMaxLength(200)
        self.role_edit.setPlaceholderText("e.g. Minister of Justice, chair of the committee")
        self.body_combo = QComboBox()
        self.body_combo.setToolTip("The ministry or institution this person belongs to, if any")
        self.active_from_edit = DateField()
        self.active_until_edit = DateField()
        for date_edit in (self.active_from_edit, self.active_until_edit):
            date_edit.setMaximumWidth(DATE_FIELD_WIDTH)
        self.confidentiality_combo = enum_combo(Confidentiality)
        select_data(self.confidentiality_combo, self._database.default_confidentiality)
        self.notes_edit = text_box()

        form = self.form_rows((
            ("full_name", "Full &name", self.full_name_edit),
            ("kind", "&Kind", self.kind_combo),
            ("party", "&Party", self.party_edit),
            ("constituency", "Cons&tituency", self.constituency_edit),
            ("role", "&Role", self.role_edit),
            ("body", "&Body", self.body_combo),
            ("active_from", "Active &from", self.active_from_edit),
            ("active_until", "Active &until", self.active_until_edit),
            ("confidentiality", "&Confidentiality", self.confidentiality_combo),
            ("notes", "N&otes", self.notes_edit),
        ))

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(560, 520)



    def _fill_bodies(self) -> None:
        with self._database.read_session() as session:
            bodies = listings.bodies(session)
        self.body_combo.addItem("None", None)
        for body in bodies:
            self.body_combo.addItem(body["name"], body["id"])

    def _load(self, person_id: int) -> None:
        with self._database.read_session() as session:
            values = records.get(session, Person, person_id)
        self._version = values.get("version")
        self.full_name_edit.setText(values.get("full_name") or "")
        select_data(self.kind_combo, values.get("kind"))
        self.party_edit.setText(values.get("party") or "")
        self.constituency_edit.setText(values.get("constituency") or "")
        self.role_edit.setText(values.get("role") or "")
        select_data(self.body_combo, values.get("body_id"))
        self.active_from_edit.set_date(values.get("active_from"))
        self.active_until_edit.set_date(values.get("active_until"))
        select_data(self.confidentiality_combo, values.get("confidentiality"))
        self.notes_edit.setPlainText(values.get("notes") or "")

    def values(self) -> dict:
        return {
            "full_name": self.full_name_edit.text().strip(),
            "kind": self.kind_combo.currentData(),
            "party": self.party_edit.text().strip(),
            "constituency": self.constituency_edit.text().strip(),
            "role": self.role_edit.text().strip(),
            "body_id": self.body_combo.currentData(),
            "active_from": self.active_from_edit.date_text(),
            "active_until": self.active_until_edit.date_text(),
            "confidentiality": self.confidentiality_combo.currentData(),
            "notes": self.notes_edit.toPlainText().strip(),
        }

    def save(self, session) -> tuple[str, ...]:
        if self.person_id is None:
            self.person_id = records.create(session, Person, self.values())
        else:
            records.update(session, Person, self.person_id, self.values(), expected_version=self._version)
        return PEOPLE, BODIES
