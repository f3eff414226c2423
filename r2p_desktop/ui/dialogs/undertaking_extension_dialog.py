"""Extending an undertaking at the government's request: the new due date (later than the one now due)
and the reason, kept among the undertaking's extensions (`app.undertakings.extend`)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QWidget

from ...app import undertakings as undertaking_use_cases
from ...core.database import Database
from ...core.formatting import date_text
from ..records_changed import RecordsChanged
from .form_dialog import FormDialog


class UndertakingExtensionDialog(FormDialog):
    def __init__(self, database: Database, records_changed: RecordsChanged, undertaking_id: int,
                 due_on: date | None, parent: QWidget | None = None):
        now_due = f"It is now due on {date_text(due_on)}." if due_on else "It has no due date yet."
        super().__init__(
            database, records_changed, undertaking_use_cases.EXTENSION, title="Extend the undertaking",
            intro=f"{now_due} The new date and the government's reason are kept with the undertaking.",
            action="&Extend", start={"new_due_on": "", "reason": ""},
            apply=lambda shown: undertaking_use_cases.extend(database, undertaking_id, str(shown["new_due_on"]),
                                                             str(shown["reason"])),
            parent=parent)
        self.undertaking_id = undertaking_id
