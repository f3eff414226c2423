"""The dialog every record form is: its fields built from the kind's form specification
(`app.record_forms`), each over its red error line, Save and Cancel with keyboard shortcuts, and a
History… and a Delete… button for a saved record. Saving goes through the use cases in `app.records`,
deleting through `app.removal` (after a confirmation saying what else goes with the record), which open
the session and commit; the dialog shows what they refuse and announces what they changed.

A kind whose form needs nothing else is edited in `RecordDialog(..., form=record_forms.X)` itself. A
subclass names its FORM, and may list the kinds of record it links through its own link tables (LINKS:
shown under the fields, found by typing, saved with them), lay the rows out otherwise (`layout_fields`),
add what it shows beside them (`loaded`), or save another way (`save_changes`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...app import record_links
from ...app import records as record_use_cases
from ...app.changes import Changes
from ...app.forms import Form
from ...app.records import Loaded
from ...core import kinds
from ...core.database import Database
from ...core.errors import R2PError, ValidationError
from ...core.formatting import human_label
from ..records_changed import RecordsChanged
from ..widgets.field_errors import FieldErrors
from ..widgets.form_binder import FormBinder
from ..widgets.linked_records import LinkedRecords
from .delete_prompt import ask_to_delete
from .history_dialog import HistoryDialog

DELETED = 2  # the dialog's result when the record was deleted (neither accepted nor rejected)


class RecordDialog(QDialog):
    FORM: ClassVar[Form | None] = None
    # None: what the fields ask for, at least MIN_WIDTH wide and at most MAX_HEIGHT tall (text boxes
    # ask for more than they need; a 768-pixel screen must show the buttons).
    SIZE: ClassVar[tuple[int, int] | None] = None
    MIN_WIDTH, MAX_HEIGHT = 560, 620
    # Longer forms count the fields marked in red and name the ones with no place of their own.
    COUNT_FIELDS: ClassVar[bool] = True
    # The kinds of record it links through its own link tables (app.record_links), and the box's title.
    LINKS: ClassVar[tuple[str, ...]] = ()
    LINKS_TITLE: ClassVar[str] = "Linked records"

    def __init__(self, database: Database, records_changed: RecordsChanged, record_id: int | None = None, *,
                 preset: Mapping[str, object] | None = None, start: Loaded | None = None, form: Form | None = None,
                 parent: QWidget | None = None):
        """Edit record `record_id`, or a new record (None) that gets `preset` (fixed values, such as the
        record it belongs to) and starts from `start` (by default the committee's defaults)."""
        super().__init__(parent)
        form = form or self.FORM
        assert form is not None, "a record dialog needs a form: FORM or form="
        self.form = form
        self._database = database
        self._records_changed = records_changed
        self.record_id = record_id
        self.preset = dict(preset or {})  # fixed values of a new record, such as the debate it belongs to
        self.field_errors = FieldErrors()
        self.error_labels = self.field_errors.error_labels
        self.summary_label = self.field_errors.summary_label
        self.binder = FormBinder(self.form, self.field_errors, record_use_cases.choices(database, self.form, record_id))
        self.widgets = self.binder.widgets
        self.buttons = self._save_cancel_buttons()
        self.history_button = self.buttons.addButton("&History…", QDialogButtonBox.ButtonRole.HelpRole)
        self.history_button.setToolTip("Who changed this record, which field, from what to what, and when")
        self.history_button.clicked.connect(self.show_history)
        self.history_dialog: HistoryDialog | None = None
        self.delete_button = QPushButton("Delete…")  # apart from Save, on the left
        self.delete_button.setToolTip("Delete this record, after saying what else would go with it")
        self.delete_button.setAutoDefault(False)  # Enter saves; it never deletes
        self.delete_button.clicked.connect(self.delete)

        layout = QVBoxLayout(self)
        layout.addLayout(self.layout_fields(), 1)
        self.link_list = self._linked_records()
        if self.link_list is not None:
            box = QGroupBox(self.LINKS_TITLE, self)
            QVBoxLayout(box).addWidget(self.link_list)
            layout.addWidget(box, 1)
        layout.addWidget(self.summary_label)
        bottom = QHBoxLayout()
        bottom.addWidget(self.delete_button)
        bottom.addWidget(self.buttons, 1)
        layout.addLayout(bottom)
        hint = self.sizeHint()
        self.resize(*(self.SIZE or (max(hint.width(), self.MIN_WIDTH), min(hint.height(), self.MAX_HEIGHT))))
        if record_id is not None:
            loaded = record_use_cases.load(database, self.form, record_id)
        else:
            loaded = start or record_use_cases.new(database, self.form, self.preset)
        self._version = loaded.version
        self.binder.show(loaded.shown)
        if self.link_list is not None and record_id is not None:
            self.link_list.set_records(record_links.linked(database, self.form.kind, record_id, self.LINKS))
        self.loaded(loaded)
        singular = kinds.BY_KEY[self.form.kind].singular
        self.setWindowTitle(f"New {singular}" if record_id is None else f"Edit {singular}")
        self.widgets[self.form.fields[0].name].setFocus()

    # --- what a subclass may change -------------------------------------------------------------

    def layout_fields(self) -> QLayout:
        """The fields' rows: by default one form of all of them, in order; side by side when the form puts
        some in a second column."""
        if all(field.column == 0 for field in self.form.fields):
            return self.binder.rows()
        columns = QHBoxLayout()
        columns.addLayout(self.binder.rows(column=0), 1)
        columns.addSpacing(24)  # not setSpacing: the forms inside would take it as their row spacing
        columns.addLayout(self.binder.rows(column=1), 1)
        return columns

    def loaded(self, loaded: Loaded) -> None:
        """The record was read into the fields (`loaded.stored` holds all of it)."""

    def save_changes(self) -> Changes:
        """Write the form through its use case (one transaction, committed); return what changed."""
        links = self.link_list
        return record_use_cases.save(self._database, self.form, self.record_id, self.binder.shown(),
                                     expected_version=self._version, preset=self.preset,
                                     link=links.added() if links else (), unlink=links.removed() if links else ())

    # --- layout -------------------------------------------------------------------------------

    def _linked_records(self) -> LinkedRecords | None:
        if not self.LINKS:
            return None
        kinds_named = " or ".join(kinds.BY_KEY[key].singular for key in self.LINKS)
        return LinkedRecords(self._database, self.LINKS, self, picker_label="&Link:",
                             empty_text=f"Nothing linked yet. Type part of a {kinds_named}'s reference or title above.",
                             accessible_name=self.LINKS_TITLE)

    def _save_cancel_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Enter in a one-line field saves via the default button; text boxes take Enter for new lines.
        for keys in (QKeySequence.StandardKey.Save, "Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.accept)
        return buttons

    # --- history ------------------------------------------------------------------------------

    def history_record_id(self) -> int | None:
        """The saved record whose history to offer, None for a new one."""
        return self.record_id

    def showEvent(self, event) -> None:
        self.history_button.setVisible(self.history_record_id() is not None)
        self.delete_button.setVisible(self.history_record_id() is not None)
        self.delete_button.setText(with_free_mnemonic("Delete…", taken_mnemonics(self, but=self.delete_button)))
        super().showEvent(event)

    def show_history(self) -> HistoryDialog | None:
        record_id = self.history_record_id()
        if record_id is None:
            return None
        dialog = HistoryDialog(self._database, self.form.model, record_id, self.windowTitle(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history_dialog = dialog
        dialog.open()
        return dialog

    # --- deleting -----------------------------------------------------------------------------

    def delete(self) -> bool:
        """Delete the saved record after the clerk confirms what goes with it, and close; a refusal is
        shown and the dialog stays as it was. True when deleted."""
        record_id = self.history_record_id()
        if record_id is None:
            return False
        if ask_to_delete(self, self._database, self._records_changed, self.form.kind, record_id) is None:
            return False
        self.done(DELETED)
        return True

    # --- saving -------------------------------------------------------------------------------

    def accept(self) -> None:
        self.clear_errors()
        try:
            changes = self.save_changes()
        except R2PError as error:
            self.show_errors(failed_save_messages(error))
            return
        if self.record_id is None:
            self.record_id = next(iter(changes.created_ids(self.form.kind)), None)
        self._records_changed.notify_changes(changes)
        super().accept()

    # --- errors -------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        self.field_errors.clear()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field; anything without a field goes above the buttons."""
        if self.COUNT_FIELDS:
            self.field_errors.show(errors, label_of=human_label, count_fields=True)
        else:
            self.field_errors.show(errors)


def failed_save_messages(error: R2PError) -> dict[str, str]:
    """What to show for a failed save: field messages, or one line above the buttons."""
    if isinstance(error, ValidationError):
        return error.errors
    message = str(error)
    return {"": message if message.endswith(".") else f"{message}."}


def taken_mnemonics(widget: QWidget, *, but: QWidget | None = None) -> set[str]:
    """The Alt+letter keys the labels, buttons, group boxes and tabs in `widget` already take."""
    texts = [label.text() for label in widget.findChildren(QLabel)]
    texts += [button.text() for button in widget.findChildren(QAbstractButton) if button is not but]
    texts += [box.title() for box in widget.findChildren(QGroupBox)]
    texts += [tabs.tabText(i) for tabs in widget.findChildren(QTabWidget) for i in range(tabs.count())]
    return {match.lower() for text in texts for match in re.findall(r"&(\w)", text.replace("&&", ""))}


def with_free_mnemonic(text: str, taken: set[str]) -> str:
    """`text` with the first of its letters that no other key takes marked for Alt (none when all are)."""
    for position, letter in enumerate(text):
        if letter.isalpha() and letter.lower() not in taken:
            return f"{text[:position]}&{text[position:]}"
    return text
