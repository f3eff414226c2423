"""A government undertaking: what was promised, by whom, where and when, the date it is due and how it
ended, with the documents that bear on it; beside the fields, where it was given (read-only: set by the
answer, debate or agenda item it was recorded from) and the extensions the government asked for.

A new one from a question's answer (`record_undertaking_for_question`, for the question form) or a
debate starts from that record: the minister who answered, the ministry, the date, and a due date the
committee's months later. Saving one left without dates fills them the same way."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHBoxLayout, QLabel, QLayout, QVBoxLayout, QWidget

from ...app import record_forms
from ...app import undertakings as undertaking_use_cases
from ...app.changes import Changes
from ...app.forms import Form
from ...app.records import Loaded
from ...core import kinds
from ...core.database import Database
from ...core.formatting import date_text
from ..records_changed import RecordsChanged
from .record_dialog import RecordDialog

# The fields about how it ended, and the filing, in a second column: the dialog fits a 768-pixel screen.
_SECOND_COLUMN = {"status", "outcome", "completed_on", "confidentiality", "tags", "notes"}
FORM = Form(record_forms.UNDERTAKING.kind, tuple(
    replace(field, column=1) if field.name in _SECOND_COLUMN else field for field in record_forms.UNDERTAKING.fields))


def extension_lines(extensions: list[dict]) -> list[str]:
    """'Asked on 2026-02-20: from 2026-02-28 to 2026-05-31. The bill awaits …', oldest first."""
    return [f"Asked on {date_text(e['requested_on'])}: from {date_text(e['previous_due_on']) or 'no date'} "
            f"to {date_text(e['new_due_on'])}. {e['reason']}" for e in extensions]


class UndertakingDialog(RecordDialog):
    FORM = FORM
    LINKS = (kinds.DOCUMENT.key,)
    LINKS_TITLE = "Documents"
    MIN_WIDTH = 900

    def __init__(self, database: Database, records_changed: RecordsChanged, record_id: int | None = None, *,
                 preset: Mapping[str, object] | None = None, parent: QWidget | None = None):
        """Edit undertaking `record_id`, or a new one given in the record `preset` names ({"question_id": …},
        {"debate_id": …}, {"agenda_item_id": …}, or none)."""
        source = undertaking_use_cases.source_of(preset or {})
        start = undertaking_use_cases.new_for(database, source) if record_id is None else None
        super().__init__(database, records_changed, record_id, preset=source, start=start, parent=parent)
        if record_id is None and source.get("question_id"):  # the phrase is there: type on after it
            text = self.widgets["text"]
            text.setFocus()
            text.moveCursor(text.textCursor().MoveOperation.End)  # type: ignore[attr-defined]
        self._given_on = str(self.binder.shown()["given_on"])
        self.widgets["given_on"].editingFinished.connect(self._due_follows_given)  # type: ignore[attr-defined]

    def _due_follows_given(self) -> None:
        """A due date still the default for the old date given moves with a new one; one typed stays."""
        shown = self.binder.shown()
        given_on, due_on = str(shown["given_on"]), str(shown["due_on"])
        if given_on == self._given_on:
            return
        if not due_on or due_on == undertaking_use_cases.due_by_default(self._database, self._given_on):
            self.binder.show({"due_on": undertaking_use_cases.due_by_default(self._database, given_on)})
        self._given_on = given_on

    def layout_fields(self) -> QLayout:
        self.where_label = QLabel()
        self.where_label.setWordWrap(True)
        self.where_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.extensions_label = QLabel()
        self.extensions_label.setWordWrap(True)
        self.extensions_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        first: QFormLayout = self.binder.rows(column=0)
        first.insertRow(0, "Given in", self.where_label)
        second = QVBoxLayout()
        second.addLayout(self.binder.rows(column=1))
        box = QGroupBox("Extensions", self)
        QVBoxLayout(box).addWidget(self.extensions_label)
        second.addWidget(box)
        columns = QHBoxLayout()
        columns.addLayout(first, 1)
        columns.addSpacing(24)
        columns.addLayout(second, 1)
        return columns

    def loaded(self, loaded: Loaded) -> None:
        details = undertaking_use_cases.details(self._database, {**loaded.stored, **self.preset}, self.record_id)
        self.where_label.setText(details.where or "Nowhere recorded: an undertaking of its own")
        lines = extension_lines(details.extensions)
        self.extensions_label.setText("\n".join(lines) if lines else "None asked for.")
        self.extensions = lines

    def save_changes(self) -> Changes:
        links = self.link_list
        return undertaking_use_cases.save(self._database, self.record_id, self.binder.shown(),
                                          expected_version=self._version, preset=self.preset,
                                          link=links.added() if links else (),
                                          unlink=links.removed() if links else ())


def record_undertaking_for_question(parent: QWidget | None, database: Database, records_changed: RecordsChanged,
                                    question_id: int) -> UndertakingDialog:
    """Open a new undertaking given in the answer to question `question_id` (window-modal, non-blocking;
    saving announces it by `records_changed`): given by whoever answered, binding the ministry asked, given
    on the date of the answer, due the committee's months later, its text begun with a phrase naming the
    question."""
    dialog = UndertakingDialog(database, records_changed, preset={"question_id": question_id}, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
