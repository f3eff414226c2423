"""A small dialog for one step a clerk takes on a saved record (transfer a question, correct its
answer): a form built from its specification by the same binder as every record dialog, and the use
case it hands the form's values to. Problems are shown under their fields and nothing is saved until
all are put right; what the step changed is announced to the views."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...app.changes import Changes
from ...app.forms import Form
from ...app.records import choices
from ...core.database import Database
from ...core.errors import R2PError
from ...core.formatting import human_label
from ..records_changed import RecordsChanged
from ..widgets.field_errors import FieldErrors
from ..widgets.form_binder import FormBinder
from .record_dialog import failed_save_messages


class FormDialog(QDialog):
    def __init__(self, database: Database, records_changed: RecordsChanged, form: Form, *, title: str,
                 intro: str, action: str, start: Mapping[str, object],
                 apply: Callable[[dict[str, object]], Changes], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        self._records_changed = records_changed
        self._apply = apply
        self.field_errors = FieldErrors()
        self.binder = FormBinder(form, self.field_errors, choices(database, form))
        self.widgets = self.binder.widgets
        self.binder.show(start)

        intro_label = QLabel(intro)
        intro_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.action_button = self.buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.action_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addLayout(self.binder.rows())
        layout.addWidget(self.field_errors.summary_label)
        layout.addWidget(self.buttons)
        self.widgets[form.fields[0].name].setFocus()

    def accept(self) -> None:
        self.field_errors.clear()
        try:
            changes = self._apply(self.binder.shown())
        except R2PError as error:  # a field to put right, or busy, read-only, a full disk: the form keeps it all
            self.field_errors.show(failed_save_messages(error), label_of=human_label)
            return
        self._records_changed.notify_changes(changes)
        super().accept()
