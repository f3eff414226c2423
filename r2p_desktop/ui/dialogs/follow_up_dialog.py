"""Adding or changing a follow-up: what is to be done, by whom, by when, and how it ended.

The record it arose from is shown but not changed here; a new one from a question (preset
{"question_id": …}) starts from what the answer promises. A body typed as the owner that is not yet known
is added to Bodies on saving. Each problem the services find is shown in red under its field and
nothing is saved until all are put right."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLayout, QWidget

from ...app import follow_ups as follow_up_use_cases
from ...app import record_forms
from ...app.records import Loaded
from ...core.database import Database
from ..records_changed import RecordsChanged
from .record_dialog import RecordDialog


class FollowUpDialog(RecordDialog):
    FORM = record_forms.FOLLOW_UP
    SIZE = (620, 470)

    def __init__(self, database: Database, records_changed: RecordsChanged, record_id: int | None = None, *,
                 preset: Mapping[str, object] | None = None, parent: QWidget | None = None):
        question_id = (preset or {}).get("question_id")
        start = follow_up_use_cases.from_question(database, question_id) if record_id is None and question_id else None
        super().__init__(database, records_changed, record_id, preset=preset, start=start, parent=parent)
        self.widgets["description"].setFocus()  # the kind is most often right as it is
        if start is not None:  # from a question: the owner follows the kind until the clerk types one
            self._question_id = int(str(question_id))
            self._suggested_owner = str(start.shown.get("owner_body_id") or "")
            kind = self.widgets["kind"]
            assert isinstance(kind, QComboBox)
            kind.currentIndexChanged.connect(self._suggest_owner)

    def _suggest_owner(self) -> None:
        owner = self.widgets["owner_body_id"]
        assert isinstance(owner, QComboBox)  # a list of bodies that also takes a name typed in
        if owner.currentText().strip() != self._suggested_owner:
            return  # the clerk chose the owner: keep it
        self._suggested_owner = follow_up_use_cases.owner_for(self._database, str(self.binder.shown()["kind"]),
                                                              self._question_id)
        owner.setCurrentText(self._suggested_owner)

    def layout_fields(self) -> QLayout:
        self.parent_label = QLabel()
        self.parent_label.setWordWrap(True)
        self.parent_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = self.binder.rows()
        form.insertRow(0, "Arising from", self.parent_label)
        return form

    def loaded(self, loaded: Loaded) -> None:
        label = follow_up_use_cases.parent_label(self._database, {**loaded.stored, **self.preset})
        self.parent_label.setText(label or "Nothing: a follow-up of its own")
