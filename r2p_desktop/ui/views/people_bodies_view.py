"""People & Bodies: members, ministers and officials, and the ministries and institutions they
belong to or that answer the committee's questions."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QWidget

from ...core.database import Database
from ...core.services import listings
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

    def __init__(self, database: Database, records_changed: RecordsChanged, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.people_table = RecordListTable(PEOPLE_COLUMNS, self)
        self.bodies_table = RecordListTable(BODY_COLUMNS, self)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.people_table, "People")
        self.tabs.addTab(self.bodies_table, "Bodies")
        self.page_layout.addWidget(self.tabs, 1)

    def load(self) -> None:
        with self.database.read_session() as session:
            people, bodies = listings.people(session), listings.bodies(session)
        self.people_table.set_rows(people)
        self.bodies_table.set_rows(bodies)
        self.tabs.setTabText(PEOPLE_TAB, f"People ({len(people):,})")
        self.tabs.setTabText(BODIES_TAB, f"Bodies ({len(bodies):,})")
