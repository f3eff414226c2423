"""Adding or changing one agenda item: what is discussed, who speaks, for how long, and what came of it.

A new item goes at the end of the agenda. Problems the services find are shown in red under their field
and nothing is saved until they are put right."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...core.database import Database
from ...core.errors import R2PError, ValidationError
from ...core.models import AgendaItem
from ...core.services import agenda, records
from ..records_changed import DEBATES, RecordsChanged
from ..widgets.field_errors import FieldErrors


class AgendaItemDialog(QDialog):
    def __init__(self, database: Database, records_changed: RecordsChanged, debate_id: int,
                 item_id: int | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._database = database
        self._records_changed = records_changed
        self.debate_id = debate_id
        self.item_id = item_id
        self.field_errors = FieldErrors()
        self.fields = self.field_errors.fields
        self.error_labels = self.field_errors.error_labels
        self.summary_label = self.field_errors.summary_label

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

        form = QFormLayout()
        for name, label, widget in (
            ("title", "Title", self.title_edit),
            ("description", "Description", self.description_edit),
            ("speakers", "Speakers", self.speakers_edit),
            ("allotted_minutes", "Allotted time", self.minutes_spin),
            ("outcome_notes", "Outcome", self.outcome_edit),
        ):
            form.addRow(label, self.field_errors.wrap(name, widget))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
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

    def accept(self) -> None:
        self.clear_errors()
        try:
            with self._database.session() as session:
                if self.item_id is None:
                    self.item_id = agenda.add_item(session, self.debate_id, self.values())
                else:
                    records.update(session, AgendaItem, self.item_id, self.values())
                session.commit()
        except ValidationError as error:
            self.show_errors(error.errors)
            return
        except R2PError as error:
            self.show_errors({"": str(error)})
            return
        self._records_changed.notify(DEBATES)
        super().accept()

    def clear_errors(self) -> None:
        self.field_errors.clear()

    def show_errors(self, errors: dict[str, str]) -> None:
        self.field_errors.show(errors)
