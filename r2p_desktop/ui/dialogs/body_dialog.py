"""Adding or changing a body: a ministry, NHRI, ombudsperson, focal point office or committee.

Each problem the services find is shown in red under its field, or above the buttons, and nothing is
saved until all are put right."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ...core.database import Database
from ...core.errors import R2PError, ValidationError
from ...core.formatting import human_label
from ...core.models import Body, BodyKind, Confidentiality
from ...core.services import records
from ..records_changed import BODIES, PEOPLE, RecordsChanged
from ..widgets.field_errors import FieldErrors


class BodyDialog(QDialog):
    def __init__(self, database: Database, records_changed: RecordsChanged, body_id: int | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._database = database
        self._records_changed = records_changed
        self.body_id = body_id
        self._version: int | None = None
        self.field_errors = FieldErrors()
        self.fields = self.field_errors.fields
        self.error_labels = self.field_errors.error_labels
        self.summary_label = self.field_errors.summary_label
        self._build()
        if body_id is not None:
            self._load(body_id)
        self.setWindowTitle("New body" if body_id is None else "Edit body")
        self.name_edit.setFocus()

    def _build(self) -> None:
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(200)
        self.name_edit.setPlaceholderText("e.g. Ministry of Foreign Affairs")
        self.kind_combo = QComboBox()
        for kind in BodyKind:
            self.kind_combo.addItem(human_label(kind.value), kind.value)
        self.abbreviation_edit = QLineEdit()
        self.abbreviation_edit.setMaxLength(40)
        self.abbreviation_edit.setPlaceholderText("e.g. MFA")
        self.confidentiality_combo = QComboBox()
        for level in Confidentiality:
            self.confidentiality_combo.addItem(human_label(level.value), level.value)
        self._set_combo(self.confidentiality_combo, Confidentiality.COMMITTEE.value)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setPlaceholderText("Mandate, contact points, anything the committee should remember")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        for name, label_text, widget in (
            ("name", "&Name", self.name_edit),
            ("kind", "&Kind", self.kind_combo),
            ("abbreviation", "&Abbreviation", self.abbreviation_edit),
            ("confidentiality", "&Confidentiality", self.confidentiality_combo),
            ("notes", "N&otes", self.notes_edit),
        ):
            label = QLabel(label_text)
            label.setBuddy(widget)
            form.addRow(label, self.field_errors.wrap(name, widget))

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        # Enter in a one-line field saves via the default button; the notes take Enter for new lines.
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(520, 340)

    @staticmethod
    def _set_combo(combo: QComboBox, value) -> None:
        index = combo.findData(value)
        if index >= 0:
            combo.setCurrentIndex(index)

    def _load(self, body_id: int) -> None:
        with self._database.read_session() as session:
            values = records.get(session, Body, body_id)
        self._version = values.get("version")
        self.name_edit.setText(values.get("name") or "")
        self._set_combo(self.kind_combo, values.get("kind"))
        self.abbreviation_edit.setText(values.get("abbreviation") or "")
        self._set_combo(self.confidentiality_combo, values.get("confidentiality"))
        self.notes_edit.setPlainText(values.get("notes") or "")

    def values(self) -> dict:
        return {
            "name": self.name_edit.text().strip(),
            "kind": self.kind_combo.currentData(),
            "abbreviation": self.abbreviation_edit.text().strip(),
            "confidentiality": self.confidentiality_combo.currentData(),
            "notes": self.notes_edit.toPlainText().strip(),
        }

    def accept(self) -> None:
        self.field_errors.clear()
        values = self.values()
        try:
            with self._database.session() as session:
                if self.body_id is None:
                    saved_id = records.create(session, Body, values)
                else:
                    saved_id = self.body_id
                    records.update(session, Body, saved_id, values, expected_version=self._version)
                session.commit()
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        except R2PError as error:
            self.show_errors({"": f"{error}."})
            return
        self.body_id = saved_id
        # People show their body's name, so both lists change.
        self._records_changed.notify(BODIES, PEOPLE)
        super().accept()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.field_errors.show(errors, label_of=human_label, count_fields=True)
