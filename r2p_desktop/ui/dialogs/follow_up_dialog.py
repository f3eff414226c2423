"""Adding or changing a follow-up: what is to be done, by whom, by when, and how it ended.

The record it arose from is shown but not changed here. Each problem the services find is shown in red
under its field and nothing is saved until all are put right."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from ...core.database import Database
from ...core.errors import ValidationError
from ...core.models import FollowUp, FollowUpKind, FollowUpStatus
from ...core.services import directory, follow_ups, listings, records
from ..records_changed import BODIES, FOLLOW_UPS, RecordsChanged
from ..widgets.choice_combo import enum_combo, select_data
from ..widgets.date_field import DateField
from ..widgets.text_box import text_box
from .record_dialog import RecordDialog


class FollowUpDialog(RecordDialog):
    RECORD_IDS = ("follow_up_id",)
    HISTORY_MODEL = FollowUp

    FIELD_OF: ClassVar[dict[str, str]] = {"owner_body_id": "owner"}
    COUNT_FIELDS = True

    def __init__(self, database: Database, records_changed: RecordsChanged, follow_up_id: int | None = None,
                 *, question_id: int | None = None, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.follow_up_id = follow_up_id
        self._version: int | None = None
        self._parent_values: dict = {"question_id": question_id} if question_id else {}
        self._build()
        self._fill_owners()
        if follow_up_id is not None:
            self._load(follow_up_id)
        elif question_id is not None:
            self._prefill_from_question(question_id)
        self._show_parent()
        self.setWindowTitle("New follow-up" if follow_up_id is None else "Edit follow-up")
        self.description_edit.setFocus()

    # --- layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.parent_label = QLabel()
        self.parent_label.setWordWrap(True)
        self.parent_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind_combo = enum_combo(FollowUpKind)
        self.description_edit = text_box(placeholder="What is to be done, in a sentence or two", min_height=80)
        self.owner_combo = QComboBox()
        self.owner_combo.setEditable(True)
        self.owner_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.owner_combo.setToolTip("Ministry or body that must act; a new name is added to Bodies")
        completer = self.owner_combo.completer()
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.due_date_edit = DateField()
        self.status_combo = enum_combo(FollowUpStatus)
        self.outcome_edit = QPlainTextEdit()
        self.outcome_edit.setTabChangesFocus(True)
        self.outcome_edit.setPlaceholderText("What was done, or why it was dropped")
        self.outcome_edit.setMinimumHeight(60)
        self.completed_on_edit = DateField()

        form = self.form_rows((
            ("kind", "&Kind", self.kind_combo),
            ("description", "&What is to be done", self.description_edit),
            ("owner", "&Owner", self.owner_combo),
            ("due_date", "&Due", self.due_date_edit),
            ("status", "&Status", self.status_combo),
            ("outcome", "O&utcome", self.outcome_edit),
            ("completed_on", "&Completed on", self.completed_on_edit),
        ))
        form.insertRow(0, "Arising from", self.parent_label)

        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.buttons)
        self.resize(620, 470)



    # --- reading and writing ------------------------------------------------------------------

    def _fill_owners(self) -> None:
        with self._database.read_session() as session:
            bodies = listings.bodies(session)
        self.owner_combo.addItem("", None)
        for body in bodies:
            self.owner_combo.addItem(body["name"], body["id"])

    def _load(self, follow_up_id: int) -> None:
        with self._database.read_session() as session:
            values = records.get(session, FollowUp, follow_up_id)
        self._version = values.get("version")
        self._parent_values = {key: values[key] for key in follow_ups.PARENT_KEYS.values() if values.get(key)}
        self._show_values(values)
        self.due_date_edit.set_date(values.get("due_date"))
        self.outcome_edit.setPlainText(values.get("outcome") or "")
        self.completed_on_edit.set_date(values.get("completed_on"))

    def _prefill_from_question(self, question_id: int) -> None:
        with self._database.read_session() as session:
            self._show_values(follow_ups.draft_from_question(session, question_id))

    def _show_values(self, values: dict) -> None:
        select_data(self.kind_combo, values.get("kind"))
        self.description_edit.setPlainText(values.get("description") or "")
        select_data(self.owner_combo, values.get("owner_body_id"))
        select_data(self.status_combo, values.get("status"))

    def _show_parent(self) -> None:
        with self._database.read_session() as session:
            label = follow_ups.parent_label(session, self._parent_values)
        self.parent_label.setText(label or "Nothing: a follow-up of its own")

    def values(self) -> dict:
        """The form as plain values for records.create/update (the owner resolved separately)."""
        return {
            "kind": self.kind_combo.currentData(),
            "description": self.description_edit.toPlainText().strip(),
            "due_date": self.due_date_edit.date_text(),
            "status": self.status_combo.currentData(),
            "outcome": self.outcome_edit.toPlainText().strip(),
            "completed_on": self.completed_on_edit.date_text(),
        }

    def _owner_id(self, session) -> int | None:
        """The body named in the owner box; a name not yet known is added to Bodies."""
        text = self.owner_combo.currentText().strip()
        if not text:
            return None
        index = self.owner_combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0 and self.owner_combo.itemData(index) is not None:
            return self.owner_combo.itemData(index)
        try:
            return directory.body_or_new(session, text)
        except ValidationError as error:
            raise ValidationError({"owner": next(iter(error.errors.values()))}) from error

    def save(self, session) -> tuple[str, ...]:
        values = {**self.values(), "owner_body_id": self._owner_id(session)}
        if self.follow_up_id is None:
            self.follow_up_id = records.create(session, FollowUp, {**values, **self._parent_values})
        else:
            records.update(session, FollowUp, self.follow_up_id, values, expected_version=self._version)
        return FOLLOW_UPS, BODIES
