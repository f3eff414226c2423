"""Adding or changing one agenda item: what is discussed, who speaks, for how long, and what came of it.

A new item belongs to the debate given in its preset ({"debate_id": …}) and goes at the end of its
agenda. Problems the services find are shown in red under their field and nothing is saved until they
are put right."""

from __future__ import annotations

from PySide6.QtWidgets import QLayout

from ...app import debates, record_forms
from ...app.changes import Changes
from .record_dialog import RecordDialog


class AgendaItemDialog(RecordDialog):
    FORM = record_forms.AGENDA_ITEM
    SIZE = (520, 420)
    COUNT_FIELDS = False

    def layout_fields(self) -> QLayout:
        for name, height in (("description", 80), ("speakers", 70), ("outcome_notes", 70)):
            self.widgets[name].setFixedHeight(height)
        return self.binder.rows()

    def save_changes(self) -> Changes:
        if self.record_id is None:  # at the end of the debate's agenda
            return debates.add_agenda_item(self._database, self.preset["debate_id"], self.binder.shown())
        return super().save_changes()
