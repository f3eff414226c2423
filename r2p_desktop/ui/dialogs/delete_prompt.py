"""Asking before a record is deleted or merged, the same way from every dialog and list table: the
confirmation says what else goes with it (`app.removal.deletion_plan`), a refusal says why in one
sentence and nothing is lost, and what was changed is announced so every view refreshes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ...app import removal
from ...app.changes import Changes
from ...core import kinds
from ...core.database import Database
from ...core.errors import R2PError
from ..records_changed import RecordsChanged


def confirm(parent: QWidget | None, title: str, question: str, details: str, action: str) -> bool:
    """A warning with Cancel and `action`; True when the clerk chose `action`. Enter alone cancels."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, question, QMessageBox.StandardButton.Cancel, parent)
    box.setInformativeText(details)
    action_button = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is action_button


def tell(parent: QWidget | None, title: str, what: str, why: str) -> None:
    """What was not done, and why (a sentence without its full stop, as the use cases give it)."""
    box = QMessageBox(QMessageBox.Icon.Information, title, what, QMessageBox.StandardButton.Ok, parent)
    box.setInformativeText(why[:1].upper() + why[1:] + ("" if why.endswith(".") else "."))
    box.exec()


def _sentence_start(text: str) -> str:
    return text[:1].upper() + text[1:]


def ask_to_delete(parent: QWidget | None, database: Database, records_changed: RecordsChanged, kind: str,
                  record_id: int) -> Changes | None:
    """Delete the record after the clerk confirms what goes with it; the Changes made, or None when it
    was refused (the clerk is told why) or the clerk cancelled."""
    title = f"Delete {kinds.BY_KEY[kind].singular}"
    try:
        plan = removal.deletion_plan(database, kind, record_id)
    except R2PError as error:
        tell(parent, title, "Nothing was deleted.", str(error))
        return None
    if plan.refusal is not None:
        tell(parent, title, f"{_sentence_start(plan.name)} was not deleted.", plan.refusal)
        return None
    if not confirm(parent, title, plan.question, plan.details, "&Delete"):
        return None
    # Wiping the deleted words from the search index rewrites it: about 2 s on 100,000 questions.
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        changes = removal.delete(database, kind, record_id, confirmed=plan)
    except R2PError as error:  # someone added a reference since, or the database is read-only or busy
        tell(parent, title, f"{_sentence_start(plan.name)} was not deleted.", str(error))
        return None
    finally:
        QApplication.restoreOverrideCursor()
    records_changed.notify_changes(changes)
    return changes


def ask_to_merge(parent: QWidget | None, database: Database, records_changed: RecordsChanged, kind: str,
                 duplicate_id: int, into_id: int) -> Changes | None:
    """Merge the duplicate into the record kept after the clerk confirms how many records move; the
    Changes made, or None when refused (the clerk is told why) or cancelled."""
    title = f"Merge {kinds.BY_KEY[kind].plural.lower()}"
    try:
        plan = removal.merge_plan(database, kind, duplicate_id, into_id)
        if plan.refusal is not None:
            raise R2PError(plan.refusal)
    except R2PError as error:
        tell(parent, title, "Nothing was merged.", str(error))
        return None
    if not confirm(parent, title, plan.question, plan.details, "&Merge"):
        return None
    try:
        changes = removal.merge(database, kind, duplicate_id, into_id)
    except R2PError as error:
        tell(parent, title, "Nothing was merged.", str(error))
        return None
    records_changed.notify_changes(changes)
    return changes
