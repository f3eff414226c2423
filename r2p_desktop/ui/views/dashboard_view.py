"""Dashboard: how much the committee's record holds and what needs chasing now; an empty
database offers to load sample data."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from ...core.database import Database
from ...core.services import listings
from ...core.services.questions import OVERDUE, QuestionFilter, question_ids, question_rows
from ..models.record_list_model import DATE, LABEL, NUMBER, ListColumn
from ..records_changed import RecordsChanged
from ..sample_data_loader import SampleDataLoader
from ..widgets.record_list_table import RecordListTable
from ..widgets.sample_data_panel import SampleDataPanel
from ..widgets.stat_card import StatCard
from .base_view import BaseView

# (key, caption, shown in red when above zero)
CARDS = (
    ("questions", "Questions to the government", False),
    ("questions_overdue", "Answers overdue", True),
    ("follow_ups", "Follow-ups", False),
    ("follow_ups_overdue", "Follow-ups overdue", True),
    ("budget_items", "Budget lines", False),
    ("debates", "Debates", False),
    ("people", "People", False),
    ("bodies", "Bodies", False),
)
CARDS_PER_ROW = 4
SHORT_LIST = 10  # rows in each 'to chase' list

OVERDUE_COLUMNS = (
    ListColumn("reference", "Reference", width=125),
    ListColumn("title", "Question"),
    ListColumn("addressed_to", "Addressed to", width=190),
    ListColumn("days_overdue", "Days overdue", NUMBER, width=100),
)
DUE_COLUMNS = (
    ListColumn("due_date", "Due", DATE, width=92, warn_key="overdue"),
    ListColumn("description", "What is to be done"),
    ListColumn("owner", "Owner", width=190),
    ListColumn("status", "Status", LABEL, width=95),
)

EMPTY_MESSAGE = (
    "R2P Desktop keeps the committee's record of questions to the government, budget lines, debates and "
    "follow-ups on the prevention of atrocity crimes. Load a set of realistic, invented sample records to "
    "explore it, or start with your own first question."
)


def most_overdue_answers(session: Session, limit: int) -> list[dict]:
    ids = question_ids(session, QuestionFilter(status=OVERDUE), sort="days_overdue", descending=True)[:limit]
    rows = question_rows(session, ids)
    return [{"id": i, "reference": rows[i].reference, "title": rows[i].title,
             "addressed_to": rows[i].addressed_to, "days_overdue": rows[i].days_overdue}
            for i in ids if i in rows]


def still_open(follow_ups: list[dict]) -> list[dict]:
    """Follow-ups not yet done or dropped, in the listing's order: by due date, undated last."""
    return [row for row in follow_ups if row["status"] in listings.OPEN_FOLLOW_UP]


class DashboardView(BaseView):
    TITLE = "Dashboard"
    DESCRIPTION = "The committee's accountability record at a glance, and what to chase next."

    new_question_requested = Signal()
    edit_question_requested = Signal(int)

    def __init__(self, database: Database, records_changed: RecordsChanged, sample_data: SampleDataLoader,
                 parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self.counts: dict[str, int] = {}
        self.sample_data_panel = SampleDataPanel(sample_data, EMPTY_MESSAGE, self)
        new_question = QPushButton("New question…", self.sample_data_panel)
        new_question.clicked.connect(self.new_question_requested)
        self.sample_data_panel.add_button(new_question)
        self.sample_data_panel.hide()
        self.page_layout.addWidget(self.sample_data_panel)

        self.cards: dict[str, StatCard] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for position, (key, caption, warning) in enumerate(CARDS):
            card = StatCard(caption, self, warning=warning)
            self.cards[key] = card
            grid.addWidget(card, position // CARDS_PER_ROW, position % CARDS_PER_ROW)
        self.page_layout.addLayout(grid)

        self.overdue_table = RecordListTable(OVERDUE_COLUMNS, self, stretch=1)
        self.overdue_table.record_activated.connect(self.edit_question_requested)
        self.due_table = RecordListTable(DUE_COLUMNS, self, stretch=1)
        self.to_chase = QWidget(self)
        lists = QHBoxLayout(self.to_chase)
        lists.setContentsMargins(0, 8, 0, 0)
        lists.setSpacing(16)
        for caption, table in (("Answers most overdue", self.overdue_table),
                               ("Follow-ups due next", self.due_table)):
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{caption}</b>", self.to_chase))
            column.addWidget(table, 1)
            lists.addLayout(column, 1)
        self.page_layout.addWidget(self.to_chase, 1)
        self.stretch_when_empty = QWidget(self)
        self.page_layout.addWidget(self.stretch_when_empty, 1)

    def is_empty(self) -> bool:
        return not any(self.counts.get(key, 0) for key, _caption, _warning in CARDS)

    def load(self) -> None:
        with self.database.read_session() as session:
            counts = dict(listings.record_counts(session))
            counts["questions_overdue"] = len(question_ids(session, QuestionFilter(status=OVERDUE)))
            follow_ups = listings.follow_ups(session)
            counts["follow_ups_overdue"] = sum(1 for row in follow_ups if row["overdue"])
            overdue = most_overdue_answers(session, SHORT_LIST)
        due = still_open(follow_ups)[:SHORT_LIST]
        self.counts = counts
        for key, card in self.cards.items():
            card.set_value(counts.get(key, 0))
        self.overdue_table.set_rows(overdue)
        self.due_table.set_rows(due)
        empty = self.is_empty()
        self.sample_data_panel.setVisible(empty)
        self.to_chase.setVisible(not empty)
        self.stretch_when_empty.setVisible(empty)
