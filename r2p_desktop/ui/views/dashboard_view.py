"""Dashboard: what a clerk should act on today, the commitments scorecard and each answering body's
record; every figure opens the records behind it. An empty database offers to load sample data."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from ...app import pages
from ...core.database import Database
from ...core.formatting import date_text
from ...core.services import follow_ups, undertakings
from ...core.services.dashboard import Dashboard, MinistryRecord
from ...core.services.questions import QuestionFilter
from ..models.record_list_model import NUMBER, ListColumn
from ..records_changed import RecordsChanged
from ..sample_data_loader import SampleDataLoader
from ..task_runner import TaskRunner
from ..widgets.record_list_table import RecordListTable
from ..widgets.sample_data_panel import SampleDataPanel
from ..widgets.stat_card import StatCard
from .base_view import BaseView

# (key, caption, shown in red when above zero, what a click opens), a row of cards each: the answers and
# the next debate, then what the committee chases (follow-ups and the government's undertakings).
ACT_TODAY_ROWS = (
    (("overdue_answers", "Answers overdue", True, "Open the questions whose answer is overdue"),
     ("answers_due_this_week", "Answers due this week", False, "Open the questions whose answer is due this week"),
     ("next_debate", "Days to the next debate", False, "Open the debates")),
    (("follow_ups_overdue", "Follow-ups overdue", True, "Open the overdue follow-ups"),
     ("follow_ups_due_soon", "Follow-ups due within two weeks", False,
      "Open the follow-ups still to do, soonest first"),
     ("undertakings_overdue", "Undertakings overdue", True, "Open the undertakings past their due date"),
     ("undertakings_due_soon", "Undertakings due within two weeks", False,
      "Open the undertakings due within two weeks")),
)
ACT_TODAY = tuple(card for row in ACT_TODAY_ROWS for card in row)
SCORECARD = (
    ("achieved", "Commitments achieved"),
    ("in_progress", "Commitments in progress"),
    ("not_started", "Commitments not started"),
    ("not_applicable", "Commitments not applicable"),
)
SHORT_LIST = 10  # rows in the list of answers most overdue

OVERDUE_COLUMNS = (
    ListColumn("reference", "Reference", width=125),
    ListColumn("title", "Question"),
    ListColumn("addressed_to", "Addressed to", width=190),
    ListColumn("days_overdue", "Days overdue", NUMBER, width=100),
)
MINISTRY_COLUMNS = (
    ListColumn("name", "Answering body"),
    # Short titles, so that the body's name keeps some room in half the window.
    ListColumn("questions", "Questions", NUMBER, width=74),
    ListColumn("on_time", "On time", NUMBER, width=64),
    ListColumn("holding", "Holding", NUMBER, width=64),  # the share first given a holding answer
    ListColumn("days_late", "Days late", NUMBER, width=72),  # on average, of those answered late
    ListColumn("unsatisfactory", "Unsatisfactory", NUMBER, width=100),
)


def share(value: float | None) -> str:
    return "–" if value is None else f"{value:.0%}"


def ministry_rows(ministries: list[MinistryRecord]) -> list[dict]:
    return [
        {"id": m.body_id, "name": m.name, "questions": m.questions, "on_time": share(m.on_time_share),
         "holding": share(m.holding_answer_rate), "unsatisfactory": share(m.unsatisfactory_share),
         "days_late": "–" if m.average_days_late is None else f"{m.average_days_late:.1f}"}
        for m in ministries
    ]


EMPTY_MESSAGE = (
    "R2P Desktop keeps the committee's record of questions to the government, budget lines, debates and "
    "follow-ups on the prevention of atrocity crimes. Load a set of realistic, invented sample records to "
    "explore it, or start with your own first question."
)


class DashboardView(BaseView):
    TITLE = "Dashboard"
    DESCRIPTION = ("What to act on today, the commitments scorecard and each answering body's record. "
                   "Click a figure, or press Enter on it, to see the records behind it.")

    new_question_requested = Signal()
    edit_question_requested = Signal(int)
    questions_requested = Signal(object)  # a QuestionFilter: the questions behind a figure
    loaded = Signal()  # the figures on screen are the newest
    view_requested = Signal(str)  # "debates" or "commitments"
    follow_ups_requested = Signal(str)  # a follow-up status filter: "overdue" or "open"
    undertakings_requested = Signal(str)  # an undertaking status filter: "overdue" or "due_soon"

    def __init__(self, database: Database, records_changed: RecordsChanged, sample_data: SampleDataLoader,
                 tasks: TaskRunner, parent: QWidget | None = None):
        super().__init__(database, records_changed, parent)
        self._tasks = tasks
        self._loads = 0
        self.board: Dashboard | None = None
        self.record_count = 0
        self.sample_data_panel = SampleDataPanel(sample_data, EMPTY_MESSAGE, self)
        new_question = QPushButton("New question…", self.sample_data_panel)
        new_question.clicked.connect(self.new_question_requested)
        self.sample_data_panel.add_button(new_question)
        self.sample_data_panel.hide()
        # Below the title, the page scrolls rather than squeeze its figures when the window is small
        # (1366x768 at 150%): a card's caption keeps its lines, a list at least a few rows.
        body = QWidget(self)
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(self.page_layout.spacing())
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.page_layout.addWidget(scroll, 1)
        body_layout.addWidget(self.sample_data_panel)

        self.cards: dict[str, StatCard] = {}
        grid = QGridLayout()
        grid.setSpacing(12)
        for row, cards in enumerate(ACT_TODAY_ROWS):
            for column, (key, caption, warning, opens) in enumerate(cards):
                self.cards[key] = StatCard(caption, self, warning=warning, opens=opens)
                grid.addWidget(self.cards[key], row, column)
        for column, (key, caption) in enumerate(SCORECARD):
            self.cards[key] = StatCard(caption, self, opens="Open the commitments and their assessment")
            grid.addWidget(self.cards[key], len(ACT_TODAY_ROWS), column)
            self.cards[key].clicked.connect(lambda: self.view_requested.emit("commitments"))
        self.cards["overdue_answers"].clicked.connect(lambda: self._open_questions("overdue_filter"))
        self.cards["answers_due_this_week"].clicked.connect(lambda: self._open_questions("due_this_week_filter"))
        self.cards["follow_ups_overdue"].clicked.connect(lambda: self.follow_ups_requested.emit(follow_ups.OVERDUE))
        self.cards["follow_ups_due_soon"].clicked.connect(lambda: self.follow_ups_requested.emit(follow_ups.OPEN))
        self.cards["undertakings_overdue"].clicked.connect(
            lambda: self.undertakings_requested.emit(undertakings.OVERDUE))
        self.cards["undertakings_due_soon"].clicked.connect(
            lambda: self.undertakings_requested.emit(undertakings.DUE_SOON))
        self.cards["next_debate"].clicked.connect(lambda: self.view_requested.emit("debates"))
        body_layout.addLayout(grid)

        self.ministry_table = RecordListTable(MINISTRY_COLUMNS, self, stretch=0)
        self.ministry_table.record_activated.connect(
            lambda body_id: self.questions_requested.emit(QuestionFilter(addressed_to_id=body_id)))
        self.overdue_table = RecordListTable(OVERDUE_COLUMNS, self, stretch=1)
        self.overdue_table.record_activated.connect(self.edit_question_requested)
        self.details = QWidget(self)
        lists = QHBoxLayout(self.details)
        lists.setContentsMargins(0, 8, 0, 0)
        lists.setSpacing(16)
        for caption, table in (("Each answering body's record", self.ministry_table),
                               ("Answers most overdue", self.overdue_table)):
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{caption}</b>", self.details))
            column.addWidget(table, 1)
            lists.addLayout(column, 1)
        self.details.setMinimumHeight(self.details.fontMetrics().lineSpacing() * 12)
        body_layout.addWidget(self.details, 1)
        self.stretch_when_empty = QWidget(self)
        body_layout.addWidget(self.stretch_when_empty, 1)

    def is_empty(self) -> bool:
        return self.record_count == 0

    def load(self) -> None:
        """Compute the figures on a worker (a third of a second on 100,000 questions); show them when
        they come back, unless a newer load has started since."""
        self._loads += 1
        number, database = self._loads, self.database
        self._tasks.run(lambda: pages.dashboard_figures(database, SHORT_LIST),
                        lambda figures: self._show(number, figures))

    def _show(self, number: int, figures: pages.DashboardFigures) -> None:
        if number != self._loads:
            return
        board, overdue = figures.board, figures.most_overdue
        self.board, self.record_count = board, figures.record_count
        for key, *_rest in ACT_TODAY:
            if key != "next_debate":
                self.cards[key].set_value(getattr(board, key))
        debate = board.next_debate
        self.cards["next_debate"].set_value(
            debate.days_away if debate else "–",
            f"Days to the next debate, {date_text(debate.date)}" if debate else "No debate planned")
        self.cards["next_debate"].setToolTip(debate.title if debate else "")
        for key, _caption in SCORECARD:
            self.cards[key].set_value(board.scorecard.get(key, 0))
        self.ministry_table.set_rows(ministry_rows(board.ministries))
        self.overdue_table.set_rows(overdue)
        empty = self.is_empty()
        self.sample_data_panel.setVisible(empty)
        self.details.setVisible(not empty)
        self.stretch_when_empty.setVisible(empty)
        self.loaded.emit()

    def _open_questions(self, which: str) -> None:
        if self.board is not None:
            self.questions_requested.emit(getattr(self.board, which))
