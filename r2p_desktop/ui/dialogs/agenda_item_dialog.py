"""Adding or changing one agenda item: what is discussed, who speaks, for how long, what came of it, and
the records it discusses (found by typing part of a reference or title).

A new item belongs to the debate given in its preset ({"debate_id": …}) and goes at the end of its
agenda. Problems the services find are shown in red under their field and nothing is saved until they
are put right; the links are saved with the fields, in one transaction."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLayout, QVBoxLayout

from ...app import debates, linking, record_forms
from ...app.changes import Changes
from ...app.records import Loaded
from ..widgets.linked_records import LinkedRecords
from .record_dialog import RecordDialog


class AgendaItemDialog(RecordDialog):
    FORM = record_forms.AGENDA_ITEM
    SIZE = (760, 620)  # a 768-pixel screen shows the buttons
    COUNT_FIELDS = False

    def layout_fields(self) -> QLayout:
        for name, height in (("description", 64), ("speakers", 52), ("outcome_notes", 52)):
            self.widgets[name].setFixedHeight(height)
        self.links = LinkedRecords(
            self._database, linking.AGENDA_TARGETS, picker_label="&Find a record:",
            empty_text="No record is linked yet. Type part of a question's reference (or of a title) above.",
            accessible_name="Records this item discusses")
        self.links_box = QGroupBox("Records discussed")
        QVBoxLayout(self.links_box).addWidget(self.links)
        layout = QVBoxLayout()
        layout.addLayout(self.binder.rows())
        layout.addWidget(self.links_box, 1)
        return layout

    def loaded(self, loaded: Loaded) -> None:
        if self.record_id is not None:
            self.links.set_records(debates.linked_records(self._database, self.record_id))

    def save_changes(self) -> Changes:
        if self.record_id is None:  # at the end of the debate's agenda
            return debates.add_agenda_item(self._database, self.preset["debate_id"], self.binder.shown(),
                                           links=self.links.added())
        return debates.save_agenda_item(self._database, self.record_id, self.binder.shown(),
                                        expected_version=self._version, link=self.links.added(),
                                        unlink=self.links.removed())
