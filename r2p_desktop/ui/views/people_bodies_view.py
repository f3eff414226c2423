"""People & Bodies: members, ministers and officials, and the ministries and institutions they
belong to or that answer the committee's questions."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTabWidget, QWidget

from ...app import pages, record_forms
from ...core.database import Database
from ..dialogs.record_dialog import RecordDialog
from ..models.record_list_model import LABEL, ListColumn
from ..records_changed import BODIES, PEOPLE, RecordsChanged
from ..widgets.record_list_table import RecordListTable
from .base_view import BaseView

PEOPLE_COLUMNS = (
    ListColumn("full_name", "Name", width=230),
    ListColumn("kind", "Kind", LABEL, width=90),
    ListColumn("party", "Party", width=230),
    ListColumn("constituency", "Constituency", width=180),
    ListColumn("role", "Role", width=300),
    ListColumn("body", "Body"),
)
BODY_COLUMNS = (
    ListColumn("name", "Name", width=460),
    ListColumn("abbreviation", "Abbreviation", width=130),
    ListColumn("kind", "Kind", LABEL),
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
        self.people_table = RecordListTable(PEOPLE_COLUMNS, self)
        self.bodies_table = RecordListTable(BODY_COLUMNS, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.people_table, "People")
        self.tabs.addTab(self.bodies_table, "Bodies")
        self.new_person_button = QPushButton("New &person…", self)
        self.new_body_button = QPushButton("New &body…", self)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        actions.addStretch(1)
        actions.addWidget(self.new_person_button)
        actions.addWidget(self.new_body_button)
        self.page_layout.addLayout(actions)
        self.page_layout.addWidget(self.tabs, 1)

        self.new_person_button.clicked.connect(self.new_person)
        self.new_body_button.clicked.connect(self.new_body)
        self.people_table.record_activated.connect(self.edit_person)
        self.bodies_table.record_activated.connect(self.edit_body)

    def load(self) -> None:
        people, bodies = pages.people_and_bodies(self.database)
        self.people_table.set_rows(people)
        self.bodies_table.set_rows(bodies)
        self.tabs.setTabText(PEOPLE_TAB, f"People ({len(people):,})")
        self.tabs.setTabText(BODIES_TAB, f"Bodies ({len(bodies):,})")

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
