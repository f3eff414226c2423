"""The scaffolding every record form shares: labelled rows with their red error messages, Save and
Cancel with keyboard shortcuts, and saving in one transaction that shows the services' problems.

A subclass lays its rows out with `form_rows`, places `summary_label` and `buttons`, and implements
`save`, which writes through a core service and returns the kinds of records that changed. With
`HISTORY_MODEL` set, a saved record's form offers a History… button showing its audit trail."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QWidget
from sqlalchemy.exc import SQLAlchemyError

from ...core.database import Database
from ...core.errors import R2PError, ValidationError
from ...core.formatting import human_label
from ...core.models import RecordMixin
from ..records_changed import RecordsChanged
from ..widgets.field_errors import FieldErrors
from .history_dialog import HistoryDialog


class RecordDialog(QDialog):
    # Service field names that belong to a differently named widget.
    FIELD_OF: ClassVar[Mapping[str, str]] = {}
    # Longer forms count the fields marked in red and name the ones with no place of their own.
    COUNT_FIELDS: ClassVar[bool] = False
    # The kind of record whose audit history the History… button shows (see history_record_id).
    HISTORY_MODEL: ClassVar[type[RecordMixin] | None] = None

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(parent)
        self._database = database
        self._records_changed = records_changed
        self.field_errors = FieldErrors()
        self.fields = self.field_errors.fields
        self.error_labels = self.field_errors.error_labels
        self.summary_label = self.field_errors.summary_label
        self.buttons = self._save_cancel_buttons()
        self.history_button = self.buttons.addButton("&History…", QDialogButtonBox.ButtonRole.HelpRole)
        self.history_button.setToolTip("Who changed this record, which field, from what to what, and when")
        self.history_button.clicked.connect(self.show_history)
        self.history_dialog: HistoryDialog | None = None

    # --- layout -------------------------------------------------------------------------------

    def form_rows(self, rows: Iterable[tuple[str, str, QWidget]]) -> QFormLayout:
        """A form of (field name, label with &shortcut, widget) rows, each widget over its error."""
        return self.field_errors.form(rows)

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
        """The saved record whose history to offer, None for a new one; by default named by RECORD_IDS[0]."""
        return getattr(self, self.RECORD_IDS[0], None) if self.RECORD_IDS else None

    def showEvent(self, event) -> None:
        self.history_button.setVisible(self.HISTORY_MODEL is not None and self.history_record_id() is not None)
        super().showEvent(event)

    def show_history(self) -> HistoryDialog | None:
        record_id = self.history_record_id()
        if self.HISTORY_MODEL is None or record_id is None:
            return None
        dialog = HistoryDialog(self._database, self.HISTORY_MODEL, record_id, self.windowTitle(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history_dialog = dialog
        dialog.open()
        return dialog

    # --- saving -------------------------------------------------------------------------------

    # Attributes holding the id of the record being edited; save() sets them for a new record.
    RECORD_IDS: tuple[str, ...] = ()

    def save(self, session) -> tuple[str, ...]:
        """Write the form through a core service (not committing); returns the record kinds changed."""
        raise NotImplementedError

    def accept(self) -> None:
        self.clear_errors()
        kept = {name: getattr(self, name) for name in self.RECORD_IDS}
        try:
            with self._database.session() as session:
                changed = self.save(session)
                session.commit()
        except (ValidationError, R2PError, SQLAlchemyError) as error:
            for name, value in kept.items():
                setattr(self, name, value)  # a record created but not committed does not exist
            self.show_errors(failed_save_messages(error))
            return
        self._records_changed.notify(*changed)
        super().accept()

    # --- errors -------------------------------------------------------------------------------

    def clear_errors(self) -> None:
        self.field_errors.clear()

    def show_errors(self, errors: dict[str, str]) -> None:
        """Each message under its field; anything without a field goes above the buttons."""
        if self.COUNT_FIELDS:
            self.field_errors.show(errors, field_of=self.FIELD_OF, label_of=human_label, count_fields=True)
        else:
            self.field_errors.show(errors, field_of=self.FIELD_OF)


def failed_save_messages(error: Exception) -> dict[str, str]:
    """What to show for a failed save: field messages, or one line above the buttons."""
    if isinstance(error, ValidationError):
        return error.errors
    if isinstance(error, SQLAlchemyError):  # the database refused or stayed busy; nothing was written
        reason = str(getattr(error, "orig", None) or error).splitlines()[0]
        return {"": f"The database could not save this ({reason}). Your entries are kept; try again."}
    message = str(error)
    return {"": message if message.endswith(".") else f"{message}."}
