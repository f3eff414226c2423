"""People & Bodies: members, ministers and officials, and the ministries and institutions they
belong to or that answer the committee's questions.

Duplicates are common after an import: "Merge into…" moves every record that names the selected
person or body to the one chosen to keep, and deletes the duplicate. One no longer in office is
archived: left out of the names offered for new entries, still listed here (marked archived), in the
records that name it and in their history. The Delete key deletes one that nothing names."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTabWidget, QWidget

from ...app import pages, record_forms, removal
from ...core.database import Database
from ...core.errors import R2PError
from ..dialogs.delete_prompt import ask_to_delete, ask_to_merge, tell
from ..dialogs.merge_dialog import MergeDialog
from ..dialogs.record_dialog import RecordDialog, failed_save_messages
from ..models.record_list_model import FLAG, LABEL, ListColumn
from ..records_changed import BODIES, PEOPLE, RecordsChanged
from ..widgets.delete_key import DeleteKey
from ..widgets.record_list_table import RecordListTable
from .base_view import BaseView

PEOPLE_COLUMNS = (
    ListColumn("full_name", "Name", width=230),
    ListColumn("kind", "Kind", LABEL, width=90),
    ListColumn("party", "Party", width=230),
    ListColumn("constituency", "Constituency", width=180),
    ListColumn("role", "Role", width=300),
    ListColumn("body", "Body", width=260),
    ListColumn("archived", "Archived", FLAG, width=80),
)
BODY_COLUMNS = (
    ListColumn("name", "Name", width=460),
    ListColumn("abbreviation", "Abbreviation", width=130),
    ListColumn("kind", "Kind", LABEL, width=160),
    ListColumn("archived", "Archived", FLAG, width=80),
)
PEOPLE_TAB, BODIES_TAB = 0, 1


class PeopleBodiesView(BaseView):
    TITLE = "People & Bodies"
    DESCRIPTION = ("Who asks and who answers: members of parliament, ministers and officials, and the "
                   "ministries and institutions they belong to.")
    KINDS = frozenset({PEOPLE, BODIES})
    OPENS = frozenset({PEOPLE, BODIES})

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.dialog: QDialog | None = None  # the last one opened, for tests and focus
        self.merge_dialog: MergeDialog | None = None
        self._rows: dict[str, dict[int, dict]] = {PEOPLE: {}, BODIES: {}}
        self.people_table = RecordListTable(PEOPLE_COLUMNS, self, stretch=5)
        self.bodies_table = RecordListTable(BODY_COLUMNS, self, stretch=0)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.people_table, "People")
        self.tabs.addTab(self.bodies_table, "Bodies")
        self.merge_button = QPushButton("&Merge into…", self)
        self.merge_button.setToolTip("Move every record that names the selected one to another, and delete the "
                                     "duplicate")
        self.archive_button = QPushButton("&Archive", self)
        self.new_person_button = QPushButton("New &person…", self)
        self.new_body_button = QPushButton("New &body…", self)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addWidget(self.merge_button)
        actions.addWidget(self.archive_button)
        actions.addStretch(1)
        actions.addWidget(self.new_person_button)
        actions.addWidget(self.new_body_button)
        self.page_layout.addLayout(actions)
        self.page_layout.addWidget(self.tabs, 1)

        self.new_person_button.clicked.connect(self.new_person)
        self.new_body_button.clicked.connect(self.new_body)
        self.merge_button.clicked.connect(self.merge_selected)
        self.archive_button.clicked.connect(self.toggle_archived)
        self.people_table.record_activated.connect(self.edit_person)
        self.bodies_table.record_activated.connect(self.edit_body)
        DeleteKey(self.people_table, self.delete_person)
        DeleteKey(self.bodies_table, self.delete_body)
        for table in (self.people_table, self.bodies_table):
            table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.tabs.currentChanged.connect(lambda _index: self._update_buttons())
        self._update_buttons()

    def load(self) -> None:
        people, bodies = pages.people_and_bodies(self.database)
        self._rows = {PEOPLE: {row["id"]: row for row in people}, BODIES: {row["id"]: row for row in bodies}}
        self.people_table.set_rows(people)
        self.bodies_table.set_rows(bodies)
        self.tabs.setTabText(PEOPLE_TAB, f"People ({len(people):,})")
        self.tabs.setTabText(BODIES_TAB, f"Bodies ({len(bodies):,})")
        self._update_buttons()

    # --- the selected person or body ----------------------------------------------------------

    def current_kind(self) -> str:
        return PEOPLE if self.tabs.currentIndex() == PEOPLE_TAB else BODIES

    def current_table(self) -> RecordListTable:
        return self.people_table if self.tabs.currentIndex() == PEOPLE_TAB else self.bodies_table

    def selected(self) -> dict | None:
        record_id = self.current_table().current_record_id()
        return self._rows[self.current_kind()].get(record_id) if record_id is not None else None

    def _update_buttons(self) -> None:
        row = self.selected()
        noun = "person" if self.current_kind() == PEOPLE else "body"
        archived = bool(row and row.get("archived"))
        self.merge_button.setEnabled(row is not None)
        self.archive_button.setEnabled(row is not None)
        self.archive_button.setText("Un&archive" if archived else "&Archive")
        self.archive_button.setToolTip(
            f"Offer this {noun} for new entries again" if archived else
            f"Stop offering this {noun} for new entries; it stays here and in the records that name it")

    # --- merging, archiving, deleting ---------------------------------------------------------

    def merge_selected(self) -> MergeDialog | None:
        """Choose the record to keep in place of the selected one; on choosing, confirm and merge."""
        row = self.selected()
        if row is None:
            return None
        kind = self.current_kind()
        name = row["full_name" if kind == PEOPLE else "name"]
        dialog = MergeDialog(name, "person" if kind == PEOPLE else "body",
                             removal.merge_candidates(self.database, kind, row["id"]), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._merge(kind, row["id"], dialog.chosen_id()))
        self.merge_dialog = dialog
        dialog.open()
        return dialog

    def _merge(self, kind: str, duplicate_id: int, into_id: int | None) -> None:
        if into_id is not None and ask_to_merge(self, self.database, self.records_changed, kind, duplicate_id,
                                                into_id) is not None:
            self.ensure_fresh()
            (self.people_table if kind == PEOPLE else self.bodies_table).select_record(into_id)

    def toggle_archived(self) -> bool:
        """Archive the selected person or body, or bring an archived one back; True when changed."""
        row = self.selected()
        if row is None:
            return False
        try:
            changes = removal.archive(self.database, self.current_kind(), row["id"], not row.get("archived"))
        except R2PError as error:  # read-only or busy
            tell(self, "Archive", "Nothing was changed.", " ".join(failed_save_messages(error).values()))
            return False
        self.records_changed.notify_changes(changes)
        return True

    def delete_person(self, person_id: int) -> bool:
        """Delete a person nothing names, after asking; one still named is refused with what names
        them, and the way to merge or archive them instead."""
        return ask_to_delete(self, self.database, self.records_changed, PEOPLE, person_id) is not None

    def delete_body(self, body_id: int) -> bool:
        """Delete a body nothing names, after asking (as a person)."""
        return ask_to_delete(self, self.database, self.records_changed, BODIES, body_id) is not None

    # --- adding and changing ------------------------------------------------------------------

    def new_person(self) -> RecordDialog:
        return self.edit_person(None)

    def edit_person(self, person_id: int | None) -> RecordDialog:
        return self._open_dialog(RecordDialog(self.database, self.records_changed, person_id,
                                              form=record_forms.PERSON, parent=self))

    def new_body(self) -> RecordDialog:
        return self.edit_body(None)

    def edit_body(self, body_id: int | None) -> RecordDialog:
        return self._open_dialog(RecordDialog(self.database, self.records_changed, body_id,
                                              form=record_forms.BODY, parent=self))

    def _open_dialog(self, dialog: RecordDialog) -> RecordDialog:
        """Window-modal and non-blocking: the dialog reports back by the records-changed signal."""
        self.dialog = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog
